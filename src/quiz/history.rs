//! What the learner answered and which sessions they ran (`history.ron`): an append-only log
//! of answers, a summary per session, and each pipeline challenge submitted for grading.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::progress::DataFile;
use crate::progress::validate::{self, Invalid};
use crate::words::plural;

use super::schedule::{Grade, ItemKey};
use super::session::SessionKind;

/// One answer, saved the moment it is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

impl AnswerRecord {
    /// Whether an answer was given. An exam question left blank counts against that exam's
    /// score, but it is not an answer: it never lowers accuracy or readiness. (Files written
    /// before blanks stopped being recorded still hold them.)
    #[must_use]
    pub fn is_given(&self) -> bool {
        !self.chosen.is_empty()
    }
}

/// How many items of a session got each grade.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradeCounts {
    #[serde(default)]
    pub again: usize,
    #[serde(default)]
    pub hard: usize,
    #[serde(default)]
    pub good: usize,
    #[serde(default)]
    pub easy: usize,
}

impl GradeCounts {
    /// Counts one more item with `grade`.
    pub fn add(&mut self, grade: Grade) {
        *self.get_mut(grade) += 1;
    }

    /// The count for one grade.
    #[must_use]
    pub fn get(&self, grade: Grade) -> usize {
        match grade {
            Grade::Again => self.again,
            Grade::Hard => self.hard,
            Grade::Good => self.good,
            Grade::Easy => self.easy,
        }
    }

    fn get_mut(&mut self, grade: Grade) -> &mut usize {
        match grade {
            Grade::Again => &mut self.again,
            Grade::Hard => &mut self.hard,
            Grade::Good => &mut self.good,
            Grade::Easy => &mut self.easy,
        }
    }

    /// Items graded.
    #[must_use]
    pub fn total(&self) -> usize {
        self.again + self.hard + self.good + self.easy
    }

    /// "Again 1 · Hard 2 · Good 3 · Easy 1".
    #[must_use]
    pub fn summary(&self) -> String {
        Grade::ALL
            .iter()
            .map(|&g| format!("{} {}", g.label(), self.get(g)))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// One item of a finished session as the learner left it, so the session can be gone through
/// again: the answer, the flag and, for reviews, the grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRecord {
    pub item: ItemKey,
    #[serde(default)]
    pub chosen: Vec<usize>,
    #[serde(default)]
    pub flagged: bool,
    /// Questions: right or wrong; `None` when left blank or not submitted.
    #[serde(default)]
    pub correct: Option<bool>,
    /// Reviews: the grade given (cards) or earned (questions).
    #[serde(default)]
    pub grade: Option<Grade>,
}

/// A finished session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    /// Questions answered (an exam's blanks and a practice's unanswered ones are not).
    #[serde(default)]
    pub answered: Option<usize>,
    /// Reviews: items per grade.
    #[serde(default)]
    pub grades: GradeCounts,
    /// Exams: whether notes and the other modes were open during it.
    #[serde(default)]
    pub open_book: bool,
    /// Every item as the learner left it (empty in files written before this was kept).
    #[serde(default)]
    pub items: Vec<ItemRecord>,
}

impl SessionRecord {
    /// Questions answered: recorded, or for older records the questions scored.
    #[must_use]
    pub fn answered_questions(&self) -> usize {
        self.answered.unwrap_or(self.questions)
    }

    /// What the session came to, in one line: the same words in the Progress table and the
    /// command line.
    #[must_use]
    pub fn outcome(&self) -> String {
        let answered = self.answered_questions();
        match self.kind {
            SessionKind::Exam => format!(
                "{} of {} correct ({:.0}%), {} answered",
                self.correct,
                self.questions,
                crate::course::check::percent_of(self.correct, self.questions),
                answered
            ),
            SessionKind::Practice => format!(
                "{} of {} right ({:.0}%)",
                self.correct,
                answered,
                crate::course::check::percent_of(self.correct, answered)
            ),
            SessionKind::Review => {
                let mut parts = Vec::new();
                if self.cards > 0 {
                    parts.push(plural(self.cards, "card"));
                }
                if answered > 0 {
                    parts.push(format!(
                        "{} of {} right",
                        self.correct,
                        plural(answered, "question")
                    ));
                }
                if self.grades.total() > 0 {
                    parts.push(self.grades.summary());
                }
                if parts.is_empty() {
                    "nothing reviewed".to_owned()
                } else {
                    parts.join(" · ")
                }
            }
        }
    }
}

/// A pipeline challenge submitted for grading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
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

    /// Sane times and answer times; no count of right answers above the count scored, no
    /// estimated score outside 100–1000.
    fn validate(&self) -> Result<(), Invalid> {
        validate::each("answers", &self.answers, |a| {
            validate::unix_time("at_unix_secs", a.at_unix_secs)?;
            validate::finite_not_negative("elapsed_secs", a.elapsed_secs)
        })?;
        validate::each("sessions", &self.sessions, |s| {
            validate::unix_time("started_at_unix_secs", s.started_at_unix_secs)?;
            validate::unix_time("finished_at_unix_secs", s.finished_at_unix_secs)?;
            validate::ensure(s.correct <= s.questions, "correct", || {
                format!(
                    "correct is {}, more than the {} questions scored",
                    s.correct, s.questions
                )
            })?;
            if let Some(answered) = s.answered {
                validate::ensure(answered <= s.questions, "answered", || {
                    format!(
                        "answered is {answered}, more than the {} questions scored",
                        s.questions
                    )
                })?;
            }
            if let Some(scaled) = s.scaled_score {
                validate::in_range("scaled_score", scaled, &(100..=1000))?;
            }
            validate::each_entry("per_domain", &s.per_domain, |&(correct, total)| {
                if correct <= total {
                    Ok(())
                } else {
                    Err(Invalid::new(format!(
                        "a domain has {correct} right of {total} questions"
                    )))
                }
            })
        })?;
        validate::each("challenges", &self.challenges, |c| {
            validate::unix_time("at_unix_secs", c.at_unix_secs)?;
            validate::ensure(c.passed <= c.total, "passed", || {
                format!("passed is {}, more than the {} requirements", c.passed, c.total)
            })
        })
    }
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

    /// The latest answer given to each question: question id → correct. Blanks are not answers.
    #[must_use]
    pub fn latest_results(&self) -> BTreeMap<&str, bool> {
        let mut latest = BTreeMap::new();
        for answer in self.given_answers() {
            latest.insert(answer.question.as_str(), answer.correct);
        }
        latest
    }

    /// Every answer given, oldest first (blanks left in older files are skipped).
    pub fn given_answers(&self) -> impl Iterator<Item = &AnswerRecord> {
        self.answers.iter().filter(|a| a.is_given())
    }

    /// The questions of the last `exams` exam simulations, to draw unseen ones first.
    #[must_use]
    pub fn recent_exam_questions(&self, exams: usize) -> std::collections::BTreeSet<String> {
        let recent: Vec<&SessionRecord> = self
            .sessions
            .iter()
            .rev()
            .filter(|s| s.kind == SessionKind::Exam)
            .take(exams)
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        for session in &recent {
            seen.extend(session.items.iter().filter_map(|i| match &i.item {
                ItemKey::Question(id) => Some(id.clone()),
                ItemKey::Card(_) => None,
            }));
        }
        // Records written before items were kept: their answers name the questions.
        let ids: std::collections::BTreeSet<u64> = recent.iter().map(|s| s.id).collect();
        seen.extend(
            self.answers
                .iter()
                .filter(|a| ids.contains(&a.session))
                .map(|a| a.question.clone()),
        );
        seen
    }

    /// The items of a finished session as the learner left them: kept with the session, or
    /// for older records rebuilt from its answers.
    #[must_use]
    pub fn session_items(&self, session: &SessionRecord) -> Vec<ItemRecord> {
        if !session.items.is_empty() {
            return session.items.clone();
        }
        self.answers
            .iter()
            .filter(|a| a.session == session.id)
            .map(|a| ItemRecord {
                item: ItemKey::Question(a.question.clone()),
                chosen: a.chosen.clone(),
                flagged: a.flagged,
                correct: a.is_given().then_some(a.correct),
                grade: None,
            })
            .collect()
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
