//! What the learner answered and which sessions they ran (`history.ron`): an append-only log
//! of answers, a summary per session, and each pipeline challenge submitted for grading.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::progress::DataFile;

use super::session::SessionKind;

/// One answer, saved the moment it is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerRecord {
    pub at_unix_secs: u64,
    /// The session's id.
    pub session: u64,
    pub kind: SessionKind,
    pub question: String,
    pub chosen: Vec<usize>,
    pub correct: bool,
    #[serde(default)]
    pub flagged: bool,
    #[serde(default)]
    pub elapsed_secs: f32,
}

/// A finished session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub id: u64,
    pub kind: SessionKind,
    pub blueprint: String,
    pub scope_label: String,
    pub started_at_unix_secs: u64,
    pub finished_at_unix_secs: u64,
    pub questions: usize,
    pub correct: usize,
    /// Recall cards reviewed in the session.
    #[serde(default)]
    pub cards: usize,
    /// Exams only: the estimated scaled score.
    #[serde(default)]
    pub scaled_score: Option<u32>,
    /// Domain id → (correct, total).
    #[serde(default)]
    pub per_domain: BTreeMap<String, (usize, usize)>,
}

/// A pipeline challenge submitted for grading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeRecord {
    pub at_unix_secs: u64,
    /// The challenge's id.
    pub challenge: String,
    /// Requirements met.
    pub passed: usize,
    /// Requirements in the challenge.
    pub total: usize,
    /// The diagram graded (`diagrams/…`).
    pub diagram_file: String,
}

impl ChallengeRecord {
    /// Whether every requirement was met.
    #[must_use]
    pub fn solved(&self) -> bool {
        self.total > 0 && self.passed == self.total
    }
}

/// `history.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub version: u32,
    #[serde(default)]
    pub answers: Vec<AnswerRecord>,
    #[serde(default)]
    pub sessions: Vec<SessionRecord>,
    #[serde(default)]
    pub challenges: Vec<ChallengeRecord>,
}

impl Default for History {
    fn default() -> Self {
        Self {
            version: Self::VERSION,
            answers: Vec::new(),
            sessions: Vec::new(),
            challenges: Vec::new(),
        }
    }
}

impl DataFile for History {
    const NAME: &'static str = "history.ron";
    const VERSION: u32 = 1;
}

/// How many recent answers define the learner's typical answer time.
const TYPICAL_WINDOW: usize = 50;

impl History {
    /// The median time of the learner's recent answers (`None` before five answers).
    #[must_use]
    pub fn typical_answer_secs(&self) -> Option<f32> {
        let mut times: Vec<f32> = self
            .answers
            .iter()
            .rev()
            .take(TYPICAL_WINDOW)
            .map(|a| a.elapsed_secs)
            .filter(|t| t.is_finite() && *t > 0.0)
            .collect();
        if times.len() < 5 {
            return None;
        }
        times.sort_by(f32::total_cmp);
        Some(times[times.len() / 2])
    }

    /// The best submission of each challenge (most requirements met; the earliest of equals).
    #[must_use]
    pub fn best_challenge_results(&self) -> BTreeMap<&str, &ChallengeRecord> {
        let mut best: BTreeMap<&str, &ChallengeRecord> = BTreeMap::new();
        for record in &self.challenges {
            let entry = best.entry(record.challenge.as_str()).or_insert(record);
            if record.passed * entry.total > entry.passed * record.total {
                *entry = record;
            }
        }
        best
    }

    /// The latest answer to each question: question id → correct.
    #[must_use]
    pub fn latest_results(&self) -> BTreeMap<&str, bool> {
        let mut latest = BTreeMap::new();
        for answer in &self.answers {
            latest.insert(answer.question.as_str(), answer.correct);
        }
        latest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(at: u64, challenge: &str, passed: usize, total: usize) -> ChallengeRecord {
        ChallengeRecord {
            at_unix_secs: at,
            challenge: challenge.to_owned(),
            passed,
            total,
            diagram_file: format!("diagrams/{challenge}.ron"),
        }
    }

    #[test]
    fn best_challenge_result_is_the_most_requirements_met_first_reached() {
        let history = History {
            challenges: vec![
                record(1, "a", 2, 5),
                record(2, "a", 4, 5),
                record(3, "b", 1, 3),
                record(4, "a", 4, 5),
                record(5, "a", 3, 5),
            ],
            ..History::default()
        };
        let best = history.best_challenge_results();
        assert_eq!(best.len(), 2);
        assert_eq!(best["a"].at_unix_secs, 2);
        assert_eq!(best["b"].passed, 1);
        assert!(!best["a"].solved());
        assert!(record(6, "c", 3, 3).solved());
        assert!(!record(6, "c", 0, 0).solved());
    }
}
