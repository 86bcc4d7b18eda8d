//! The pass estimate: the expected exam percentage with an 80% interval and the chance of a
//! scaled score of 750 or more, for the whole exam and per domain, or "not enough answers yet".
//!
//! How it is computed (see [`evidence`](super::evidence) for the per-objective posteriors):
//! - the exam percentage is the blueprint-weighted mix of the objectives' chances, each
//!   objective weighing its share of a 75-question exam drawn as the simulation draws it;
//! - its uncertainty has two parts: what we do not know about the learner (the posteriors'
//!   variances; objectives never seen share one unknown, so their errors add up rather than
//!   cancel) and the luck of the draw (75 right-or-wrong answers, per domain binomial);
//! - the interval and the pass chance come from a normal approximation of that total, the pass
//!   mark being the fewest right answers of 75 that the simulation's score mapping puts at 750.

use crate::course::Course;
use crate::quiz::report::ReadinessFigures;
use crate::quiz::{History, Schedule};

use super::evidence::{ObjectivePosterior, Params, objective_posteriors};
use super::exam_model::{EXAM_QUESTIONS, ExamModel, pass_mark_answers};
use super::spread::{interval, mix_spread, normal_cdf};

/// Answers to questions of the blueprint needed before an estimate is shown.
pub const MIN_ANSWERS: usize = 30;

/// The pass estimate, or why there is none yet.
#[derive(Debug, Clone, PartialEq)]
pub enum Readiness {
    /// Fewer than [`MIN_ANSWERS`] answers to the blueprint's questions.
    NotEnough {
        answers_needed: usize,
    },
    Estimate(ExamEstimate),
}

/// The estimate for a 75-question exam drawn by the blueprint's weights.
#[derive(Debug, Clone, PartialEq)]
pub struct ExamEstimate {
    /// Expected percentage of right answers, 0–100.
    pub expected_percent: f64,
    /// The 80% interval of the exam percentage: one exam in ten lands below `low`, one above
    /// `high`.
    pub low: f64,
    pub high: f64,
    /// The chance that the estimated scaled score reaches 750, 0–1.
    pub pass_probability: f64,
    /// Per domain, in blueprint order.
    pub per_domain: Vec<DomainEstimate>,
    /// Per objective, in blueprint order (as [`ExamModel::objectives`]).
    pub per_objective: Vec<ObjectiveEstimate>,
    /// Percent of the exam that tests objectives the learner has never practised.
    pub unseen_percent: f64,
    /// Answers the estimate rests on.
    pub answers: usize,
}

/// The learner's expected accuracy on one domain's questions, with an 80% interval over what we
/// do not know of them (the luck of the draw is left out: it belongs to the whole exam).
#[derive(Debug, Clone, PartialEq)]
pub struct DomainEstimate {
    /// Domain index in the blueprint.
    pub domain: usize,
    pub id: String,
    pub title: String,
    pub weight_percent: u32,
    pub expected_percent: f64,
    pub low: f64,
    pub high: f64,
    /// Answers to the domain's questions.
    pub answers: usize,
    /// Objectives of the domain never practised, of `objectives`.
    pub unseen_objectives: usize,
    pub objectives: usize,
}

/// One objective's expected accuracy and 80% interval.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveEstimate {
    /// Index into [`ExamModel::objectives`].
    pub objective: usize,
    pub expected_percent: f64,
    pub low: f64,
    pub high: f64,
    pub seen: bool,
    pub answers: usize,
}

/// The estimate for blueprint `blueprint` at `now` with the default [`Params`].
#[must_use]
pub fn readiness(
    course: &Course,
    blueprint: usize,
    history: &History,
    schedule: &Schedule,
    now: u64,
) -> Readiness {
    readiness_with(
        &ExamModel::new(course, blueprint),
        history,
        schedule,
        now,
        &Params::default(),
    )
}

/// The estimate for `model`'s blueprint at `now`.
#[must_use]
pub fn readiness_with(
    model: &ExamModel,
    history: &History,
    schedule: &Schedule,
    now: u64,
    params: &Params,
) -> Readiness {
    let answers = history
        .given_answers()
        .filter(|a| a.at_unix_secs <= now && !model.objectives_of_question(&a.question).is_empty())
        .count();
    if answers < MIN_ANSWERS || model.objectives.is_empty() {
        return Readiness::NotEnough {
            answers_needed: MIN_ANSWERS.saturating_sub(answers).max(1),
        };
    }
    let posteriors = objective_posteriors(model, history, schedule, now, params);
    Readiness::Estimate(ExamEstimate::from_posteriors(model, &posteriors, answers, params))
}

impl ExamEstimate {
    /// The exam-level figures from per-objective posteriors.
    #[must_use]
    pub fn from_posteriors(
        model: &ExamModel,
        posteriors: &[ObjectivePosterior],
        answers: usize,
        params: &Params,
    ) -> Self {
        let weights: Vec<(usize, f64)> = model
            .objectives
            .iter()
            .enumerate()
            .map(|(i, o)| (i, o.exam_weight))
            .collect();
        let spread = mix_spread(posteriors, &weights, params);
        // The luck of the draw: each domain's questions are right or wrong at its mean.
        #[expect(clippy::cast_precision_loss, reason = "75 questions")]
        let exam = EXAM_QUESTIONS as f64;
        let draw_variance: f64 = model
            .domains
            .iter()
            .map(|d| {
                let p = mix_spread(posteriors, &d.mix, params).mean;
                #[expect(clippy::cast_precision_loss, reason = "75 questions")]
                let n = d.exam_questions as f64;
                n * p * (1.0 - p)
            })
            .sum::<f64>()
            / (exam * exam);
        let sd = (spread.knowledge_sd.powi(2) + draw_variance).sqrt();
        #[expect(clippy::cast_precision_loss, reason = "75 questions")]
        let pass_mark = pass_mark_answers() as f64;
        // Continuity correction: K ≥ k is K > k − ½ on the continuous scale.
        let pass_probability = if sd > 0.0 {
            1.0 - normal_cdf(((pass_mark - 0.5) / exam - spread.mean) / sd)
        } else if spread.mean * exam >= pass_mark {
            1.0
        } else {
            0.0
        };

        let per_domain = model
            .domains
            .iter()
            .enumerate()
            .map(|(d, info)| {
                let s = mix_spread(posteriors, &info.mix, params);
                let (low, high) = interval(s.mean, s.knowledge_sd);
                let own: Vec<&ObjectivePosterior> = model
                    .objectives
                    .iter()
                    .zip(posteriors)
                    .filter(|(o, _)| o.domain == d)
                    .map(|(_, p)| p)
                    .collect();
                DomainEstimate {
                    domain: d,
                    id: info.id.clone(),
                    title: info.title.clone(),
                    weight_percent: info.weight_percent,
                    expected_percent: s.mean * 100.0,
                    low,
                    high,
                    answers: own.iter().map(|p| p.evidence.answers).sum(),
                    unseen_objectives: own.iter().filter(|p| !p.seen()).count(),
                    objectives: own.len(),
                }
            })
            .collect();
        let per_objective = posteriors
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let (low, high) = interval(p.mean(), p.variance().sqrt());
                ObjectiveEstimate {
                    objective: i,
                    expected_percent: p.mean() * 100.0,
                    low,
                    high,
                    seen: p.seen(),
                    answers: p.evidence.answers,
                }
            })
            .collect();
        let unseen: f64 = model
            .objectives
            .iter()
            .zip(posteriors)
            .filter(|(_, p)| !p.seen())
            .map(|(o, _)| o.exam_weight)
            .sum();
        let (low, high) = interval(spread.mean, sd);
        Self {
            expected_percent: spread.mean * 100.0,
            low,
            high,
            pass_probability: pass_probability.clamp(0.0, 1.0),
            per_domain,
            per_objective,
            unseen_percent: unseen * 100.0,
            answers,
        }
    }

    /// "Expected 68% (80% range 58–77%) · 31% chance to pass (an estimate)".
    #[must_use]
    pub fn summary(&self) -> String {
        format!(
            "Expected {:.0}% (80% range {:.0}–{:.0}%) · {} chance to pass (an estimate)",
            self.expected_percent,
            self.low,
            self.high,
            chance(self.pass_probability)
        )
    }
}

/// A probability as people read it: "31%", and "<1%" or ">99%" rather than a certainty the
/// estimate cannot give.
#[must_use]
pub fn chance(probability: f64) -> String {
    match probability * 100.0 {
        p if p < 0.5 => "<1%".to_owned(),
        p if p > 99.5 => ">99%".to_owned(),
        p => format!("{p:.0}%"),
    }
}

impl Readiness {
    /// The estimate, when there is one.
    #[must_use]
    pub fn estimate(&self) -> Option<&ExamEstimate> {
        match self {
            Self::NotEnough { .. } => None,
            Self::Estimate(estimate) => Some(estimate),
        }
    }

    /// One line for people: the estimate, or how many answers it still needs.
    #[must_use]
    pub fn summary(&self) -> String {
        match self {
            Self::NotEnough { answers_needed } => {
                format!("Not enough answers yet: answer {answers_needed} more to get an estimate")
            }
            Self::Estimate(estimate) => estimate.summary(),
        }
    }

    /// How the estimate is computed, in two sentences (the tooltip).
    #[must_use]
    pub fn explanation() -> &'static str {
        "Each task statement's chance of a right answer comes from your answers, recent ones \
         counting more, and from how well FSRS expects you to remember what you studied; a task \
         statement you have not practised counts as unknown, which widens the range instead of \
         pulling the estimate to zero. The exam figure mixes them by the blueprint's weights, adds \
         the luck of drawing 75 questions, and maps the result to a scaled score the way the exam \
         simulation does (72% correct is 750), so it is an estimate, not AWS's scoring."
    }

    /// The headline figures, `None` while there is not enough data (the `readiness` field of
    /// `stagecraft progress report --json`).
    #[must_use]
    pub fn figures(&self) -> Option<ReadinessFigures> {
        self.estimate().map(|e| ReadinessFigures {
            expected_percent: e.expected_percent,
            low: e.low,
            high: e.high,
            pass_probability: e.pass_probability,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::plan::exam_model::tests::embedded;
    use crate::plan::tests::{answer, question_in};
    use crate::progress::clock::DAY_SECS;

    const NOW: u64 = 1_800_000_000;

    #[test]
    fn a_chance_is_never_shown_as_a_certainty() {
        assert_eq!(chance(0.999_9), ">99%");
        assert_eq!(chance(0.001), "<1%");
        assert_eq!(chance(0.314), "31%");
    }

    fn answers_on(
        course: &Course,
        model: &ExamModel,
        objectives: &[usize],
        each: usize,
        right: usize,
    ) -> History {
        let mut history = History::default();
        for &o in objectives {
            let q = question_in(course, model, o);
            for k in 0..each {
                history.answers.push(answer(NOW - 3600, &q, k < right));
            }
        }
        history
    }

    #[test]
    fn too_few_answers_say_how_many_more_are_needed() {
        let course = embedded();
        let model = ExamModel::new(&course, 0);
        let history = answers_on(&course, &model, &[0], 12, 12);
        let readiness = readiness_with(&model, &history, &Schedule::default(), NOW, &Params::default());
        assert_eq!(
            readiness,
            Readiness::NotEnough {
                answers_needed: MIN_ANSWERS - 12
            }
        );
        assert_eq!(
            readiness.summary(),
            "Not enough answers yet: answer 18 more to get an estimate"
        );
        assert!(readiness.figures().is_none());
        assert!(readiness.estimate().is_none());
        assert_eq!(
            readiness_with(
                &model,
                &History::default(),
                &Schedule::default(),
                NOW,
                &Params::default()
            ),
            Readiness::NotEnough {
                answers_needed: MIN_ANSWERS
            }
        );
    }

    #[test]
    fn unseen_objectives_widen_the_interval_and_do_not_drag_it_to_zero() {
        let course = embedded();
        let model = ExamModel::new(&course, 0);
        let params = Params::default();
        // Every objective answered, all right.
        let all: Vec<usize> = (0..model.objectives.len()).collect();
        let everywhere = answers_on(&course, &model, &all, 10, 10);
        // The same accuracy on two objectives only.
        let two = answers_on(&course, &model, &[0, 1], 20, 20);
        let full = readiness_with(&model, &everywhere, &Schedule::default(), NOW, &params);
        let narrow = readiness_with(&model, &two, &Schedule::default(), NOW, &params);
        let (full, narrow) = (full.estimate().unwrap(), narrow.estimate().unwrap());
        assert!(full.expected_percent > 85.0, "{full:?}");
        assert!(full.unseen_percent.abs() < 1e-9);
        // Unknown is not zero: near the prior, not near 0%.
        assert!(narrow.expected_percent > params.prior_mean * 100.0, "{narrow:?}");
        assert!(narrow.expected_percent < full.expected_percent);
        assert!(narrow.high - narrow.low > full.high - full.low);
        assert!(narrow.unseen_percent > 70.0);
        let unseen_domain = narrow.per_domain.iter().find(|d| d.answers == 0).unwrap();
        assert_eq!(unseen_domain.unseen_objectives, unseen_domain.objectives);
        assert!((unseen_domain.expected_percent - params.prior_mean * 100.0).abs() < 1e-9);
        assert!(full.pass_probability > 0.9, "{full:?}");
        assert!(narrow.pass_probability < full.pass_probability);
    }

    #[test]
    fn a_weak_learner_has_a_small_chance_to_pass_and_intervals_hold_the_mean() {
        let course = embedded();
        let model = ExamModel::new(&course, 0);
        let all: Vec<usize> = (0..model.objectives.len()).collect();
        let history = answers_on(&course, &model, &all, 10, 4);
        let readiness = readiness_with(&model, &history, &Schedule::default(), NOW, &Params::default());
        let estimate = readiness.estimate().unwrap();
        assert!(estimate.expected_percent < 50.0, "{estimate:?}");
        assert!(estimate.pass_probability < 0.01, "{estimate:?}");
        assert!(estimate.low < estimate.expected_percent && estimate.expected_percent < estimate.high);
        for d in &estimate.per_domain {
            assert!(
                d.low <= d.expected_percent && d.expected_percent <= d.high,
                "{d:?}"
            );
        }
        for o in &estimate.per_objective {
            assert!(o.seen && o.answers == 10 && o.low < o.high);
        }
        let figures = readiness.figures().unwrap();
        assert!((figures.pass_probability - estimate.pass_probability).abs() < 1e-12);
        assert!((figures.expected_percent - estimate.expected_percent).abs() < 1e-12);
        assert!((figures.low - estimate.low).abs() < 1e-12 && (figures.high - estimate.high).abs() < 1e-12);
        assert!(readiness.summary().starts_with("Expected "));
    }

    #[test]
    fn old_answers_count_less_than_recent_ones() {
        let course = embedded();
        let model = ExamModel::new(&course, 0);
        let all: Vec<usize> = (0..model.objectives.len()).collect();
        let mut history = answers_on(&course, &model, &all, 4, 0);
        for a in &mut history.answers {
            a.at_unix_secs = NOW - 60 * DAY_SECS;
        }
        let recent_right = answers_on(&course, &model, &all, 4, 4);
        history.answers.extend(recent_right.answers);
        let estimate = readiness_with(&model, &history, &Schedule::default(), NOW, &Params::default());
        // Half the answers are right, but the right ones are the recent ones.
        assert!(
            estimate.estimate().unwrap().expected_percent > 70.0,
            "{estimate:?}"
        );
    }

    #[test]
    fn the_explanation_is_two_sentences() {
        let text = Readiness::explanation();
        assert_eq!(text.matches(". ").count() + 1, 2, "{text}");
        assert!(text.contains("estimate"));
    }
}
