//! The figures of the Progress page as one value: what `stagecraft progress report` prints and
//! what the window shows come from [`progress_report`], so the two cannot disagree.

use serde_json::json;

use crate::course::Course;
use crate::progress::Progress;
use crate::words::plural;

use super::history::History;
use super::schedule::Schedule;
use super::stats::{NodeStats, TreeStats, readiness_percent, tree_stats};

/// One domain of the chosen blueprint.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainReport {
    /// `blueprint/domain`, e.g. `dop-c02/1`.
    pub key: String,
    /// The domain's id in its blueprint, e.g. `1`.
    pub id: String,
    pub title: String,
    pub weight_percent: u32,
    /// Distinct questions of the domain answered (blank exam answers are not answers).
    pub answered: usize,
    /// Of those, answered correctly the last time.
    pub correct: usize,
    /// Accuracy of the latest answers, 0–100; `None` when nothing was answered.
    pub accuracy_percent: Option<f64>,
    /// Readiness, 0–100 (see [`readiness_percent`]).
    pub readiness_percent: f64,
    /// Items of the domain due now.
    pub due: usize,
    /// Notes of the domain marked read (filled by [`ProgressReport::count_notes_read`]).
    pub notes_read: usize,
    /// Notes taught under the domain.
    pub notes: usize,
}

/// The pass estimate's headline figures as the report carries them. `plan` computes them (it
/// builds on this module, so this module cannot call it): see `plan::report_with_readiness`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReadinessFigures {
    /// Expected exam percentage, 0–100.
    pub expected_percent: f64,
    /// The 80% interval of the exam percentage.
    pub low: f64,
    pub high: f64,
    /// The chance of an estimated scaled score of 750 or more, 0–1.
    pub pass_probability: f64,
}

/// Everything the Progress page sums up, for one blueprint at one moment.
#[derive(Debug, Clone, Default)]
pub struct ProgressReport {
    /// Index of the blueprint in the course.
    pub blueprint: usize,
    pub blueprint_id: String,
    pub blueprint_title: String,
    /// Answers given (a blank exam answer is not an answer).
    pub answers: usize,
    /// Finished sessions.
    pub sessions: usize,
    /// Items (questions and cards) in the spaced-repetition schedule.
    pub scheduled: usize,
    /// Items due now.
    pub due_now: usize,
    /// The blueprint's domains, in blueprint order.
    pub domains: Vec<DomainReport>,
    /// The per-node figures the report was built from (the tree shows them too).
    pub stats: TreeStats,
    /// The pass estimate, `None` while there are not enough answers (filled by
    /// [`ProgressReport::with_readiness`]).
    pub readiness: Option<ReadinessFigures>,
    /// The pass estimate in one line for people, or how many answers it still needs; empty
    /// until [`ProgressReport::with_readiness`] fills it.
    pub readiness_text: String,
}

/// Computes the Progress page's figures for blueprint `blueprint` (an index into
/// `course.blueprints`) at `now` (Unix seconds).
#[must_use]
pub fn progress_report(
    course: &Course,
    blueprint: usize,
    history: &History,
    schedule: &Schedule,
    now: u64,
) -> ProgressReport {
    let stats = tree_stats(course, blueprint, history, schedule, now);
    let bp = course.blueprints.get(blueprint);
    let domains = bp
        .map(|bp| {
            bp.domains
                .iter()
                .enumerate()
                .map(|(d, domain)| {
                    let node: NodeStats = stats.domains.get(&d).copied().unwrap_or_default();
                    DomainReport {
                        key: format!("{}/{}", bp.id, domain.id),
                        id: domain.id.clone(),
                        title: domain.title.clone(),
                        weight_percent: domain.weight_percent,
                        answered: node.answered,
                        correct: node.correct,
                        accuracy_percent: node.accuracy_percent(),
                        readiness_percent: readiness_percent(&node),
                        due: node.due,
                        notes_read: 0,
                        notes: course.domain_topics(blueprint, d).len(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    ProgressReport {
        blueprint,
        blueprint_id: bp.map(|b| b.id.clone()).unwrap_or_default(),
        blueprint_title: bp.map(|b| b.title.clone()).unwrap_or_default(),
        answers: history.answers.iter().filter(|a| !a.chosen.is_empty()).count(),
        sessions: history.sessions.len(),
        scheduled: schedule.items.len(),
        due_now: stats.due_total,
        domains,
        stats,
        readiness: None,
        readiness_text: String::new(),
    }
}

impl ProgressReport {
    /// Fills in how many notes of each domain are marked read.
    #[must_use]
    pub fn count_notes_read(mut self, course: &Course, progress: &Progress) -> Self {
        for (d, domain) in self.domains.iter_mut().enumerate() {
            domain.notes_read = course
                .domain_topics(self.blueprint, d)
                .iter()
                .filter(|t| progress.is_read(t))
                .count();
        }
        self
    }

    /// The report with the pass estimate's figures (`None` while there is not enough data) and
    /// its line for people.
    #[must_use]
    pub fn with_readiness(mut self, figures: Option<ReadinessFigures>, text: String) -> Self {
        self.readiness = figures;
        self.readiness_text = text;
        self
    }

    /// The report as one JSON object: `answers`, `sessions`, `scheduled`, `due_now`,
    /// `blueprint`, `domains` keyed by `blueprint/domain` with `answered`, `correct`,
    /// `accuracy` (percent, `null` with no answers), `readiness`, `notes_read` and `notes`; and
    /// `readiness`, the pass estimate: `expected_percent`, `low`, `high` (the 80% interval, in
    /// percent) and `pass_probability` (0–1), or `null` while there is not enough data.
    #[must_use]
    pub fn to_json(&self) -> serde_json::Value {
        let domains: serde_json::Map<String, serde_json::Value> = self
            .domains
            .iter()
            .map(|d| {
                (
                    d.key.clone(),
                    json!({
                        "answered": d.answered,
                        "correct": d.correct,
                        "accuracy": d.accuracy_percent,
                        "readiness": d.readiness_percent,
                        "due": d.due,
                        "notes_read": d.notes_read,
                        "notes": d.notes,
                    }),
                )
            })
            .collect();
        json!({
            "blueprint": self.blueprint_id,
            "answers": self.answers,
            "sessions": self.sessions,
            "scheduled": self.scheduled,
            "due_now": self.due_now,
            "domains": domains,
            "readiness": self.readiness.map(|r| json!({
                "expected_percent": r.expected_percent,
                "low": r.low,
                "high": r.high,
                "pass_probability": r.pass_probability,
            })),
        })
    }

    /// The headline of the Progress page: "12 answers in 3 sessions · 40 items scheduled · 5 due now".
    #[must_use]
    pub fn headline(&self) -> String {
        format!(
            "{} in {} · {} scheduled · {} due now",
            plural(self.answers, "answer"),
            plural(self.sessions, "session"),
            plural(self.scheduled, "item"),
            self.due_now
        )
    }

    /// The report as lines of text, as the Progress page lays it out.
    #[must_use]
    pub fn to_text(&self) -> String {
        use std::fmt::Write as _;
        let mut text = format!("Progress ({})\n{}\n", self.blueprint_title, self.headline());
        if !self.readiness_text.is_empty() {
            let _ = writeln!(text, "Pass estimate: {}", self.readiness_text);
        }
        text.push_str("\nReadiness per domain:\n");
        for d in &self.domains {
            let accuracy = d
                .accuracy_percent
                .map_or_else(String::new, |a| format!(" · {} correct ({a:.0}%)", d.correct));
            let _ = writeln!(
                text,
                "  {} {} ({}%): {:.0}% ready · {} answered{accuracy} · {} due · {} of {} notes read",
                d.id,
                d.title,
                d.weight_percent,
                d.readiness_percent,
                d.answered,
                d.due,
                d.notes_read,
                d.notes
            );
        }
        text
    }
}
