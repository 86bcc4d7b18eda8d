//! Today's plan and the pass estimate, from the course, the learner's history and schedule and
//! the notes they have read. Knows nothing of the screen.
//!
//! - [`readiness`]: the expected exam percentage with an 80% interval and the chance to pass, for
//!   the whole exam and per domain, or "not enough answers yet";
//! - [`project`]: that estimate on the exam date at the learner's current pace;
//! - [`today_plan`]: the reviews, new cards, practice and notes for today, fitted to the daily
//!   minutes, ticking off as the learner works;
//! - [`calibration`]: synthetic learners that check the estimate against exams they sit.

pub mod calibration;
pub mod countdown;
pub mod estimate;
pub mod evidence;
pub mod exam_model;
mod practice;
pub mod projection;
pub mod simulate_learners;
pub mod spread;
pub mod today;

pub use countdown::{Countdown, ExamDateError, day_number, parse_exam_date};
pub use estimate::{
    DomainEstimate, ExamEstimate, MIN_ANSWERS, ObjectiveEstimate, Readiness, readiness, readiness_with,
};
pub use evidence::{ObjectivePosterior, Params, objective_posteriors};
pub use exam_model::{EXAM_QUESTIONS, ExamModel, ObjectiveInfo};
pub use projection::{PACE_DAYS, Projection, answers_per_day, project};
pub use today::{
    Learner, PaceWarning, PlanItem, PlanItemKind, PlanSettings, StudyTimes, TodayPlan, today_plan,
};

use crate::course::Course;
use crate::progress::Progress;
use crate::quiz::report::{ProgressReport, progress_report};
use crate::quiz::{History, Schedule};

/// The Progress page's report with the pass estimate: what `stagecraft progress report` prints
/// (the window should show the same, from this function).
#[must_use]
pub fn report_with_readiness(
    course: &Course,
    blueprint: usize,
    progress: &Progress,
    history: &History,
    schedule: &Schedule,
    now: u64,
) -> ProgressReport {
    let estimate = readiness(course, blueprint, history, schedule, now);
    progress_report(course, blueprint, history, schedule, now)
        .count_notes_read(course, progress)
        .with_readiness(estimate.figures(), estimate.summary())
}

#[cfg(test)]
pub(crate) mod tests {
    //! Helpers the plan's tests share.

    use crate::course::Course;
    use crate::quiz::schedule::ItemState;
    use crate::quiz::{AnswerRecord, SessionKind};

    use super::ExamModel;

    /// A question of the course whose only objective in `model`'s blueprint is `objective`.
    pub(crate) fn question_in(course: &Course, model: &ExamModel, objective: usize) -> String {
        course
            .questions
            .iter()
            .find(|q| model.objectives_of_question(&q.id) == [objective])
            .map(|q| q.id.clone())
            .unwrap_or_default()
    }

    /// A practice answer given at `at`.
    pub(crate) fn answer(at: u64, question: &str, correct: bool) -> AnswerRecord {
        AnswerRecord {
            at_unix_secs: at,
            session: 1,
            kind: SessionKind::Practice,
            question: question.to_owned(),
            chosen: vec![0],
            correct,
            flagged: false,
            elapsed_secs: 60.0,
        }
    }

    /// An item last reviewed at `last`, due a stability later.
    pub(crate) fn state(stability: f32, last: u64) -> ItemState {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "test values"
        )]
        let wait = (f64::from(stability) * 86_400.0) as u64;
        ItemState {
            stability,
            difficulty: 5.0,
            due_unix_secs: last + wait,
            last_review_unix_secs: last,
            reps: 1,
            lapses: 0,
        }
    }
}
