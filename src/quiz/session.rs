//! A quiz session: practice (feedback after each question), exam simulation (feedback at the
//! end, timer, flags, jumping) or review (due items). An exam in progress is saved as
//! `exam.ron` so it survives closing the app.

use serde::{Deserialize, Serialize};

use crate::course::{Course, QuestionKind};
use crate::progress::DataFile;
use crate::progress::validate::{self, Invalid, Step};

use super::history::{GradeCounts, ItemRecord};
use super::schedule::{Grade, ItemKey};
use super::scoring::is_correct;

/// What kind of session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SessionKind {
    Practice,
    Exam,
    Review,
}

impl SessionKind {
    /// A label for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Practice => "Practice",
            Self::Exam => "Exam simulation",
            Self::Review => "Review",
        }
    }
}

/// The learner's response to one item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// Chosen option indices, in the order chosen.
    #[serde(default)]
    pub chosen: Vec<usize>,
    /// Practice and review: the answer was submitted and feedback shown.
    #[serde(default)]
    pub submitted: bool,
    #[serde(default)]
    pub flagged: bool,
    /// Time spent on the item.
    #[serde(default)]
    pub elapsed_secs: f32,
    /// Recall cards: the back was shown.
    #[serde(default)]
    pub revealed: bool,
    /// Recall cards: the grade given.
    #[serde(default)]
    pub grade: Option<Grade>,
}

/// A session in progress or finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub version: u32,
    /// Unique per session (start time in milliseconds).
    pub id: u64,
    pub kind: SessionKind,
    /// Blueprint id the session was drawn for.
    pub blueprint: String,
    pub scope_label: String,
    pub items: Vec<ItemKey>,
    pub responses: Vec<Response>,
    pub position: usize,
    pub started_at_unix_secs: u64,
    /// Exam time allowed; `None` when untimed.
    #[serde(default)]
    pub time_limit_secs: Option<u64>,
    /// Time spent in the session so far (only while the app was open).
    #[serde(default)]
    pub elapsed_secs: u64,
    #[serde(default)]
    pub finished_at_unix_secs: Option<u64>,
    /// Exams: notes, search and the other modes stay open during it.
    #[serde(default)]
    pub open_book: bool,
}

/// What a tick on an option did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggle {
    Chosen,
    Unchosen,
    /// A multiple-response question already has as many choices as it asks for: untick one
    /// first. Never unticks another in silence.
    Refused {
        pick: u8,
    },
    /// Nothing to change (submitted, finished, out of range).
    Ignored,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            version: Self::VERSION,
            id: 0,
            kind: SessionKind::Practice,
            blueprint: String::new(),
            scope_label: String::new(),
            items: Vec::new(),
            responses: Vec::new(),
            position: 0,
            started_at_unix_secs: 0,
            time_limit_secs: None,
            elapsed_secs: 0,
            finished_at_unix_secs: None,
            open_book: false,
        }
    }
}

/// The file holding an exam in progress. Empty (`exam: None`) when no exam is running.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExamFile {
    pub version: u32,
    #[serde(default)]
    pub exam: Option<Session>,
}

impl Default for ExamFile {
    fn default() -> Self {
        Self {
            version: Self::VERSION,
            exam: None,
        }
    }
}

impl DataFile for ExamFile {
    const NAME: &'static str = "exam.ron";
    const VERSION: u32 = 1;

    fn validate(&self) -> Result<(), Invalid> {
        match &self.exam {
            Some(exam) => exam.validate().map_err(|e| e.within(Step::Field("exam"))),
            None => Ok(()),
        }
    }
}

impl DataFile for Session {
    const NAME: &'static str = "session.ron";
    const VERSION: u32 = 1;

    /// One response per item, the item shown among them, sane times and item times.
    fn validate(&self) -> Result<(), Invalid> {
        validate::unix_time("started_at_unix_secs", self.started_at_unix_secs)?;
        if let Some(at) = self.finished_at_unix_secs {
            validate::unix_time("finished_at_unix_secs", at)?;
        }
        validate::ensure(self.responses.len() == self.items.len(), "responses", || {
            format!(
                "there are {} responses for {} items; there must be one per item",
                self.responses.len(),
                self.items.len()
            )
        })?;
        validate::ensure(self.position < self.items.len().max(1), "position", || {
            format!(
                "position is {}, past the last of {} items",
                self.position,
                self.items.len()
            )
        })?;
        if let Some(limit) = self.time_limit_secs {
            validate::ensure(self.elapsed_secs <= limit, "elapsed_secs", || {
                format!("{} seconds used of a {limit}-second exam", self.elapsed_secs)
            })?;
        }
        validate::each("responses", &self.responses, |r| {
            validate::finite_not_negative("elapsed_secs", r.elapsed_secs)
        })
    }
}

/// The real exam's length and time.
pub const EXAM_QUESTIONS: usize = 75;
/// 180 minutes.
pub const EXAM_TIME_SECS: u64 = 180 * 60;

impl Session {
    /// A new session over `items`.
    #[must_use]
    pub fn new(
        kind: SessionKind,
        blueprint: &str,
        scope_label: String,
        items: Vec<ItemKey>,
        now_unix_secs: u64,
        now_millis: u64,
    ) -> Self {
        let responses = vec![Response::default(); items.len()];
        Self {
            version: Self::VERSION,
            id: now_millis,
            kind,
            blueprint: blueprint.to_owned(),
            scope_label,
            items,
            responses,
            position: 0,
            started_at_unix_secs: now_unix_secs,
            time_limit_secs: None,
            elapsed_secs: 0,
            finished_at_unix_secs: None,
            open_book: false,
        }
    }

    /// The item shown.
    #[must_use]
    pub fn current(&self) -> Option<&ItemKey> {
        self.items.get(self.position)
    }

    /// The response to the item shown.
    #[must_use]
    pub fn current_response(&self) -> Option<&Response> {
        self.responses.get(self.position)
    }

    /// The response to the item shown, to change.
    pub fn current_response_mut(&mut self) -> Option<&mut Response> {
        self.responses.get_mut(self.position)
    }

    /// Whether the session has ended.
    #[must_use]
    pub fn is_finished(&self) -> bool {
        self.finished_at_unix_secs.is_some()
    }

    /// Selects or deselects option `index` of the question shown. A single-response question
    /// keeps one choice (a new one replaces it, as a radio button does); a multiple-response
    /// one refuses a choice beyond `pick`. Nothing changes once an answer is submitted or the
    /// session is finished.
    pub fn toggle_option(&mut self, index: usize, kind: QuestionKind, option_count: usize) -> Toggle {
        if index >= option_count || self.is_finished() {
            return Toggle::Ignored;
        }
        let Some(response) = self.current_response_mut() else {
            return Toggle::Ignored;
        };
        if response.submitted {
            return Toggle::Ignored;
        }
        if let Some(at) = response.chosen.iter().position(|&c| c == index) {
            response.chosen.remove(at);
            return Toggle::Unchosen;
        }
        match kind {
            QuestionKind::Single => response.chosen = vec![index],
            QuestionKind::Multiple { pick } => {
                if response.chosen.len() >= usize::from(pick) {
                    return Toggle::Refused { pick };
                }
                response.chosen.push(index);
            }
        }
        Toggle::Chosen
    }

    /// Whether the shown question has as many choices as it asks for (what Submit needs).
    #[must_use]
    pub fn ready_to_submit(&self, kind: QuestionKind) -> bool {
        self.current_response()
            .is_some_and(|r| !r.submitted && r.chosen.len() == kind.picks())
    }

    /// Flags or unflags the item shown.
    pub fn toggle_flag(&mut self) {
        if let Some(response) = self.current_response_mut() {
            response.flagged = !response.flagged;
        }
    }

    /// Marks the shown question's answer as submitted, adding the time spent on it.
    /// Returns whether it was correct, or `None` when there is nothing to submit.
    pub fn submit(&mut self, course: &Course, elapsed_secs: f32) -> Option<bool> {
        let ItemKey::Question(id) = self.current()?.clone() else {
            return None;
        };
        let question = course.question(&id)?;
        let response = self.current_response_mut()?;
        if response.submitted || response.chosen.len() != question.kind.picks() {
            return None;
        }
        response.submitted = true;
        response.elapsed_secs += elapsed_secs;
        Some(is_correct(question, &response.chosen))
    }

    /// Shows the back of the recall card shown.
    pub fn reveal(&mut self) {
        if let Some(response) = self.current_response_mut() {
            response.revealed = true;
        }
    }

    /// Records the grade given to the recall card shown.
    pub fn grade_card(&mut self, grade: Grade, elapsed_secs: f32) {
        if let Some(response) = self.current_response_mut() {
            response.grade = Some(grade);
            response.elapsed_secs += elapsed_secs;
            response.revealed = true;
        }
    }

    /// Adds time spent on the item shown without submitting (exam navigation).
    pub fn add_time_on_current(&mut self, elapsed_secs: f32) {
        if let Some(response) = self.current_response_mut() {
            response.elapsed_secs += elapsed_secs;
        }
    }

    /// Moves to item `index` (clamped).
    pub fn go_to(&mut self, index: usize) {
        if !self.items.is_empty() {
            self.position = index.min(self.items.len() - 1);
        }
    }

    /// Whether the item shown is the last.
    #[must_use]
    pub fn at_last(&self) -> bool {
        self.position + 1 >= self.items.len()
    }

    /// Items done in a practice or review: questions submitted and cards graded (a choice
    /// not yet submitted is not an answer).
    #[must_use]
    pub fn submitted_count(&self) -> usize {
        self.responses
            .iter()
            .filter(|r| r.submitted || r.grade.is_some())
            .count()
    }

    /// Items with at least one option chosen (or a card graded).
    #[must_use]
    pub fn answered_count(&self) -> usize {
        self.responses
            .iter()
            .filter(|r| !r.chosen.is_empty() || r.grade.is_some())
            .count()
    }

    /// Items left without an answer.
    #[must_use]
    pub fn blank_count(&self) -> usize {
        self.items.len() - self.answered_count()
    }

    /// Items flagged for review.
    #[must_use]
    pub fn flagged_count(&self) -> usize {
        self.responses.iter().filter(|r| r.flagged).count()
    }

    /// Seconds left on a timed exam, given the seconds spent since the session was last resumed.
    #[must_use]
    pub fn remaining_secs(&self, running_secs: u64) -> Option<u64> {
        self.time_limit_secs
            .map(|limit| limit.saturating_sub(self.elapsed_secs + running_secs))
    }

    /// Every item as the learner left it: chosen options, flag, right or wrong (`None` for a
    /// blank or an unsubmitted practice question) and grade.
    #[must_use]
    pub fn item_records(&self, course: &Course) -> Vec<ItemRecord> {
        let is_exam = self.kind == SessionKind::Exam;
        self.items
            .iter()
            .zip(&self.responses)
            .map(|(item, response)| {
                let given = if is_exam {
                    !response.chosen.is_empty()
                } else {
                    response.submitted
                };
                let correct = match item {
                    ItemKey::Question(id) => course
                        .question(id)
                        .filter(|_| given)
                        .map(|q| is_correct(q, &response.chosen)),
                    ItemKey::Card(_) => None,
                };
                ItemRecord {
                    item: item.clone(),
                    chosen: response.chosen.clone(),
                    flagged: response.flagged,
                    correct,
                    grade: response.grade,
                }
            })
            .collect()
    }

    /// Recall cards graded, and every item (card or question) per grade: what a review
    /// reports.
    #[must_use]
    pub fn graded(&self) -> (usize, GradeCounts) {
        let cards = self
            .items
            .iter()
            .zip(&self.responses)
            .filter(|(i, r)| matches!(i, ItemKey::Card(_)) && r.grade.is_some())
            .count();
        let mut grades = GradeCounts::default();
        for grade in self.responses.iter().filter_map(|r| r.grade) {
            grades.add(grade);
        }
        (cards, grades)
    }

    /// Ends the session.
    pub fn finish(&mut self, now_unix_secs: u64) {
        if self.finished_at_unix_secs.is_none() {
            self.finished_at_unix_secs = Some(now_unix_secs);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(n: usize) -> Session {
        let items = (0..n).map(|i| ItemKey::Question(format!("q{i}"))).collect();
        Session::new(SessionKind::Exam, "bp", "all".to_owned(), items, 100, 100_000)
    }

    #[test]
    fn single_response_keeps_one_choice() {
        let mut s = session(1);
        s.toggle_option(0, QuestionKind::Single, 4);
        s.toggle_option(2, QuestionKind::Single, 4);
        assert_eq!(s.responses[0].chosen, [2]);
        s.toggle_option(2, QuestionKind::Single, 4);
        assert!(s.responses[0].chosen.is_empty());
        s.toggle_option(9, QuestionKind::Single, 4);
        assert!(s.responses[0].chosen.is_empty(), "out of range is ignored");
    }

    #[test]
    fn multiple_response_refuses_a_choice_beyond_pick() {
        let mut s = session(1);
        let kind = QuestionKind::Multiple { pick: 2 };
        assert_eq!(s.toggle_option(0, kind, 5), Toggle::Chosen);
        assert!(!s.ready_to_submit(kind));
        assert_eq!(s.toggle_option(1, kind, 5), Toggle::Chosen);
        assert!(s.ready_to_submit(kind));
        assert_eq!(s.toggle_option(4, kind, 5), Toggle::Refused { pick: 2 });
        assert_eq!(s.responses[0].chosen, [0, 1], "nothing is unticked in silence");
        assert_eq!(s.toggle_option(0, kind, 5), Toggle::Unchosen);
        assert_eq!(s.toggle_option(4, kind, 5), Toggle::Chosen);
        assert_eq!(s.responses[0].chosen, [1, 4]);
    }

    #[test]
    fn counts_and_navigation() {
        let mut s = session(3);
        s.toggle_option(1, QuestionKind::Single, 4);
        s.toggle_flag();
        s.go_to(10);
        assert_eq!(s.position, 2);
        assert_eq!(
            (s.answered_count(), s.blank_count(), s.flagged_count()),
            (1, 2, 1)
        );
        assert!(s.at_last());
    }

    #[test]
    fn the_timer_counts_down_from_the_limit() {
        let mut s = session(1);
        s.time_limit_secs = Some(EXAM_TIME_SECS);
        s.elapsed_secs = 600;
        assert_eq!(s.remaining_secs(60), Some(EXAM_TIME_SECS - 660));
        assert_eq!(s.remaining_secs(EXAM_TIME_SECS), Some(0));
    }
}
