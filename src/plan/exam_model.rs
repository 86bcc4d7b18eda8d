//! The exam as the estimate sees it: the blueprint's objectives (task statements), how many of
//! an exam's 75 questions each domain gets, and how much each objective weighs in the score when
//! the questions are drawn the way the exam simulation draws them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::course::Course;
use crate::quiz::draw::weighted_counts;
use crate::quiz::scoring::{PASS_SCALED, estimated_scaled_score};

/// Questions on the exam (and in the exam simulation).
pub const EXAM_QUESTIONS: usize = 75;

/// One objective of the blueprint.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveInfo {
    /// Domain index in the blueprint.
    pub domain: usize,
    /// Objective index in its domain.
    pub objective: usize,
    /// The objective's id, e.g. `1.4` (what [`crate::quiz::Scope::Objectives`] takes).
    pub id: String,
    pub title: String,
    /// Share of an exam's questions that test it (all objectives sum to 1).
    pub exam_weight: f64,
    /// Topic ids taught under it, in course order.
    pub topics: Vec<String>,
}

/// One domain of the blueprint.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainInfo {
    pub id: String,
    pub title: String,
    pub weight_percent: u32,
    /// Questions of a 75-question exam drawn from it.
    pub exam_questions: usize,
    /// (objective index into [`ExamModel::objectives`], share of the domain's questions).
    pub mix: Vec<(usize, f64)>,
}

/// A blueprint prepared for estimates and plans: computed once per course and blueprint, as the
/// question bank decides how much each objective weighs.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamModel {
    /// Blueprint index in the course.
    pub blueprint: usize,
    /// Every objective, in blueprint order.
    pub objectives: Vec<ObjectiveInfo>,
    pub domains: Vec<DomainInfo>,
    /// Question id → objective indices (those of this blueprint).
    pub(crate) question_objectives: HashMap<String, Vec<usize>>,
    /// Card id → objective indices its topics sit under.
    pub(crate) card_objectives: HashMap<String, Vec<usize>>,
}

impl ExamModel {
    /// The model of blueprint `blueprint` of `course` (no objectives when there is no such
    /// blueprint).
    ///
    /// Within a domain the exam simulation draws questions uniformly from the domain's pool
    /// (the questions whose first objective here is in the domain), so an objective weighs its
    /// share of that pool; a question mapped to k objectives counts 1/k for each. A domain
    /// without questions splits its weight evenly over its objectives.
    #[must_use]
    pub fn new(course: &Course, blueprint: usize) -> Self {
        let Some(bp) = course.blueprints.get(blueprint) else {
            return Self {
                blueprint,
                objectives: Vec::new(),
                domains: Vec::new(),
                question_objectives: HashMap::new(),
                card_objectives: HashMap::new(),
            };
        };
        let mut objectives = Vec::new();
        let mut index: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        let mut topic_objectives: HashMap<&str, BTreeSet<usize>> = HashMap::new();
        for (d, domain) in bp.domains.iter().enumerate() {
            for (o, objective) in domain.objectives.iter().enumerate() {
                let i = objectives.len();
                index.insert((d, o), i);
                for topic in &objective.topics {
                    topic_objectives.entry(topic.as_str()).or_default().insert(i);
                }
                objectives.push(ObjectiveInfo {
                    domain: d,
                    objective: o,
                    id: objective.id.clone(),
                    title: objective.title.clone(),
                    exam_weight: 0.0,
                    topics: objective.topics.clone(),
                });
            }
        }

        let weights: Vec<u32> = bp.domains.iter().map(|d| d.weight_percent).collect();
        let counts = weighted_counts(&weights, EXAM_QUESTIONS);
        let mut pools: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); bp.domains.len()];
        let mut pool_sizes = vec![0_usize; bp.domains.len()];
        let mut question_objectives = HashMap::new();
        for question in &course.questions {
            let places = course.question_objectives(question, blueprint);
            let Some(first) = places.first() else { continue };
            let mut ids: Vec<usize> = places
                .iter()
                .filter_map(|r| index.get(&(r.domain, r.objective)).copied())
                .collect();
            ids.sort_unstable();
            ids.dedup();
            #[expect(clippy::cast_precision_loss, reason = "a handful of objectives")]
            let share = 1.0 / ids.len().max(1) as f64;
            pool_sizes[first.domain] += 1;
            for &i in &ids {
                *pools[first.domain].entry(i).or_default() += share;
            }
            question_objectives.insert(question.id.clone(), ids);
        }

        let mut domains = Vec::with_capacity(bp.domains.len());
        for (d, domain) in bp.domains.iter().enumerate() {
            let mix: Vec<(usize, f64)> = if pool_sizes[d] > 0 {
                #[expect(clippy::cast_precision_loss, reason = "question counts are small")]
                let size = pool_sizes[d] as f64;
                pools[d].iter().map(|(&i, &n)| (i, n / size)).collect()
            } else {
                let own: Vec<usize> = (0..domain.objectives.len())
                    .filter_map(|o| index.get(&(d, o)).copied())
                    .collect();
                #[expect(clippy::cast_precision_loss, reason = "a handful of objectives")]
                let share = 1.0 / own.len().max(1) as f64;
                own.into_iter().map(|i| (i, share)).collect()
            };
            domains.push(DomainInfo {
                id: domain.id.clone(),
                title: domain.title.clone(),
                weight_percent: domain.weight_percent,
                exam_questions: counts[d],
                mix,
            });
        }
        for domain in &domains {
            #[expect(clippy::cast_precision_loss, reason = "75 questions")]
            let domain_share = domain.exam_questions as f64 / EXAM_QUESTIONS as f64;
            for &(i, share) in &domain.mix {
                objectives[i].exam_weight += domain_share * share;
            }
        }

        let mut card_objectives = HashMap::new();
        for card in &course.cards {
            let ids: BTreeSet<usize> = card
                .topics
                .iter()
                .filter_map(|t| topic_objectives.get(t.as_str()))
                .flatten()
                .copied()
                .collect();
            if !ids.is_empty() {
                card_objectives.insert(card.id.clone(), ids.into_iter().collect());
            }
        }
        Self {
            blueprint,
            objectives,
            domains,
            question_objectives,
            card_objectives,
        }
    }

    /// The objectives a question of the course is mapped to in this blueprint (empty for a
    /// question outside it).
    #[must_use]
    pub fn objectives_of_question(&self, id: &str) -> &[usize] {
        self.question_objectives.get(id).map_or(&[], Vec::as_slice)
    }

    /// The objectives a recall card's topics sit under.
    #[must_use]
    pub fn objectives_of_card(&self, id: &str) -> &[usize] {
        self.card_objectives.get(id).map_or(&[], Vec::as_slice)
    }

    /// The index into [`Self::objectives`] of an objective id such as `1.4`.
    #[must_use]
    pub fn objective_index(&self, id: &str) -> Option<usize> {
        self.objectives.iter().position(|o| o.id == id)
    }
}

/// The fewest right answers of 75 whose estimated scaled score reaches the pass mark, with the
/// exam simulation's own score mapping.
#[must_use]
pub fn pass_mark_answers() -> usize {
    (0..=EXAM_QUESTIONS)
        .find(|&k| {
            #[expect(clippy::cast_precision_loss, reason = "75 questions")]
            let fraction = k as f64 / EXAM_QUESTIONS as f64;
            estimated_scaled_score(fraction) >= PASS_SCALED
        })
        .unwrap_or(EXAM_QUESTIONS)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn embedded() -> Course {
        crate::course::load(&crate::course::PackSource::embedded())
            .course
            .unwrap()
    }

    #[test]
    fn objective_weights_follow_the_domain_weights_and_sum_to_one() {
        let course = embedded();
        let bp = course.blueprint_index("dop-c02").unwrap();
        let model = ExamModel::new(&course, bp);
        assert_eq!(model.objectives.len(), 19);
        let total: f64 = model.objectives.iter().map(|o| o.exam_weight).sum();
        assert!((total - 1.0).abs() < 1e-9, "{total}");
        assert_eq!(
            model.domains.iter().map(|d| d.exam_questions).sum::<usize>(),
            EXAM_QUESTIONS
        );
        for (d, domain) in model.domains.iter().enumerate() {
            let weight: f64 = model
                .objectives
                .iter()
                .filter(|o| o.domain == d)
                .map(|o| o.exam_weight)
                .sum();
            let mix: f64 = domain.mix.iter().map(|(_, s)| s).sum();
            assert!((mix - 1.0).abs() < 1e-9, "{mix}");
            // A question of one domain's pool that is mapped to an objective of another domain
            // too lends that one half its weight: DOP-C02's incident-response questions often
            // test monitoring as well. Within five points.
            let expected = f64::from(domain.weight_percent) / 100.0;
            assert!(
                (weight - expected).abs() < 0.05,
                "{} {weight} {expected}",
                domain.id
            );
        }
        assert!(model.objectives.iter().all(|o| o.exam_weight > 0.0));
        assert_eq!(model.objective_index("1.1"), Some(0));
        assert_eq!(model.objective_index("9.9"), None);
    }

    #[test]
    fn questions_and_cards_map_to_their_objectives() {
        let course = embedded();
        let model = ExamModel::new(&course, 0);
        let question = &course.questions[0];
        let expected: Vec<usize> = course
            .question_objectives(question, 0)
            .iter()
            .map(|r| {
                model
                    .objectives
                    .iter()
                    .position(|o| o.domain == r.domain && o.objective == r.objective)
                    .unwrap()
            })
            .collect();
        let mut sorted = expected.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(model.objectives_of_question(&question.id), sorted.as_slice());
        assert!(model.objectives_of_question("no-such-question").is_empty());
        let card = &course.cards[0];
        let objectives = model.objectives_of_card(&card.id);
        assert!(!objectives.is_empty());
        for &i in objectives {
            assert!(
                card.topics.iter().any(|t| model.objectives[i].topics.contains(t)),
                "{}",
                card.id
            );
        }
    }

    #[test]
    fn an_unknown_blueprint_has_no_objectives() {
        let model = ExamModel::new(&embedded(), 99);
        assert!(model.objectives.is_empty() && model.domains.is_empty());
    }

    #[test]
    fn the_pass_mark_is_54_of_75_with_the_simulation_s_mapping() {
        assert_eq!(pass_mark_answers(), 54);
        assert!(estimated_scaled_score(53.0 / 75.0) < PASS_SCALED);
    }
}
