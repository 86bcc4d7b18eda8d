//! What the learner answered and which sessions they ran (`history.ron`): an append-only log
//! of answers and a summary per session.

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

/// `history.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub version: u32,
    #[serde(default)]
    pub answers: Vec<AnswerRecord>,
    #[serde(default)]
    pub sessions: Vec<SessionRecord>,
}

impl Default for History {
    fn default() -> Self {
        Self {
            version: Self::VERSION,
            answers: Vec::new(),
            sessions: Vec::new(),
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
