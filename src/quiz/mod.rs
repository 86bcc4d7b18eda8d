//! Quizzing: practice sessions over a scope, timed exam simulations drawn by the blueprint's
//! weights, spaced-repetition review with FSRS, scoring, and the history and figures built from
//! the learner's answers.
//!
//! Knows nothing of the screen.

pub mod draw;
pub mod history;
pub mod report;
pub mod schedule;
pub mod scope;
pub mod scoring;
pub mod session;
pub mod stats;

pub use history::{AnswerRecord, ChallengeRecord, GradeCounts, History, ItemRecord, SessionRecord};
pub use schedule::{Grade, ItemKey, Schedule};
pub use scope::{Scope, TypeFilter};
pub use scoring::{SessionResult, is_correct, score};
pub use session::{ExamFile, Session, SessionKind};
