//! Figures for the tree and the progress view: accuracy and due items per node, accuracy over
//! time per domain, reviews per day, and readiness per domain.

use std::collections::{BTreeMap, BTreeSet};

use crate::course::Course;
use crate::progress::clock::DAY_SECS;

use super::history::History;
use super::schedule::{ItemKey, Schedule};

/// Quiz figures for one node of the tree.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct NodeStats {
    /// Distinct questions answered.
    pub answered: usize,
    /// Of those, answered correctly the last time.
    pub correct: usize,
    /// Scheduled items (questions and cards) due now.
    pub due: usize,
}

impl NodeStats {
    /// Accuracy of the latest answers, 0–100, when anything was answered.
    #[must_use]
    pub fn accuracy_percent(&self) -> Option<f64> {
        (self.answered > 0).then(|| crate::course::check::percent_of(self.correct, self.answered))
    }
}

/// Per-topic, per-objective and per-domain figures for one blueprint.
#[derive(Debug, Clone, Default)]
pub struct TreeStats {
    pub topics: BTreeMap<String, NodeStats>,
    /// (domain, objective) → stats.
    pub objectives: BTreeMap<(usize, usize), NodeStats>,
    pub domains: BTreeMap<usize, NodeStats>,
    /// Due items across the course.
    pub due_total: usize,
}

/// Computes the tree's figures. A question counts for the objectives it is mapped to in this
/// blueprint and for its topics; a recall card counts for its topics.
#[must_use]
pub fn tree_stats(
    course: &Course,
    blueprint: usize,
    history: &History,
    schedule: &Schedule,
    now: u64,
) -> TreeStats {
    let latest = history.latest_results();
    let due: BTreeSet<&ItemKey> = schedule.due(now).into_iter().collect();
    let mut stats = TreeStats {
        due_total: due.len(),
        ..TreeStats::default()
    };
    let Some(bp) = course.blueprints.get(blueprint) else {
        return stats;
    };
    // Topic → the (domain, objective) pairs it sits under in this blueprint.
    let mut topic_places: BTreeMap<&str, BTreeSet<(usize, usize)>> = BTreeMap::new();
    for (d, domain) in bp.domains.iter().enumerate() {
        for (o, objective) in domain.objectives.iter().enumerate() {
            for topic in &objective.topics {
                topic_places.entry(topic.as_str()).or_default().insert((d, o));
            }
        }
    }

    for question in &course.questions {
        let result = latest.get(question.id.as_str()).copied();
        let is_due = due.contains(&ItemKey::Question(question.id.clone()));
        let add = |s: &mut NodeStats| {
            if let Some(right) = result {
                s.answered += 1;
                s.correct += usize::from(right);
            }
            s.due += usize::from(is_due);
        };
        if result.is_none() && !is_due {
            continue;
        }
        let objectives = course.question_objectives(question, blueprint);
        let mut domains = BTreeSet::new();
        for r in &objectives {
            add(stats.objectives.entry((r.domain, r.objective)).or_default());
            domains.insert(r.domain);
        }
        for d in domains {
            add(stats.domains.entry(d).or_default());
        }
        for topic in &question.topics {
            add(stats.topics.entry(topic.clone()).or_default());
        }
    }

    for card in &course.cards {
        if !due.contains(&ItemKey::Card(card.id.clone())) {
            continue;
        }
        let mut places = BTreeSet::new();
        for topic in &card.topics {
            stats.topics.entry(topic.clone()).or_default().due += 1;
            if let Some(p) = topic_places.get(topic.as_str()) {
                places.extend(p.iter().copied());
            }
        }
        let domains: BTreeSet<usize> = places.iter().map(|(d, _)| *d).collect();
        for place in places {
            stats.objectives.entry(place).or_default().due += 1;
        }
        for d in domains {
            stats.domains.entry(d).or_default().due += 1;
        }
    }
    stats
}

/// Accuracy per day for one domain: (day number since the epoch, percent correct that day).
#[must_use]
pub fn domain_accuracy_by_day(
    course: &Course,
    blueprint: usize,
    history: &History,
    domain: usize,
) -> Vec<(u64, f64)> {
    let mut days: BTreeMap<u64, (usize, usize)> = BTreeMap::new();
    for answer in history.given_answers() {
        let Some(question) = course.question(&answer.question) else {
            continue;
        };
        if course.question_domain(question, blueprint) != Some(domain) {
            continue;
        }
        let entry = days.entry(answer.at_unix_secs / DAY_SECS).or_default();
        entry.0 += usize::from(answer.correct);
        entry.1 += 1;
    }
    days.into_iter()
        .map(|(day, (right, total))| (day, crate::course::check::percent_of(right, total)))
        .collect()
}

/// Reviews (answers to scheduled items and card grades) on each of the last `days` days, oldest
/// first; the last entry is today.
#[must_use]
pub fn reviews_per_day(schedule: &Schedule, now: u64, days: u64) -> Vec<usize> {
    let today = now / DAY_SECS;
    let first = today.saturating_sub(days.saturating_sub(1));
    let mut counts = vec![0; usize::try_from(days).unwrap_or(0)];
    for review in &schedule.reviews {
        let day = review.at_unix_secs / DAY_SECS;
        if day >= first
            && day <= today
            && let Some(slot) = usize::try_from(day - first).ok().and_then(|i| counts.get_mut(i))
        {
            *slot += 1;
        }
    }
    counts
}

/// How many answers a domain needs before its readiness counts fully.
pub const READINESS_ANSWERS: usize = 20;

/// Readiness for a domain, 0–100: the accuracy of the latest answers to its questions, scaled
/// down while fewer than [`READINESS_ANSWERS`] distinct questions have been answered.
#[must_use]
pub fn readiness_percent(stats: &NodeStats) -> f64 {
    let Some(accuracy) = stats.accuracy_percent() else {
        return 0.0;
    };
    let coverage =
        crate::course::check::percent_of(stats.answered.min(READINESS_ANSWERS), READINESS_ANSWERS) / 100.0;
    accuracy * coverage
}
