//! What the quiz views remember: the practice setup form, the active session and its timing,
//! and the last finished session's result.

use std::collections::BTreeSet;

use crate::quiz::{Scope, Session, SessionResult, TypeFilter};

/// Which kind of scope the practice form builds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScopeKind {
    #[default]
    Blueprint,
    Domains,
    Objectives,
    Topics,
}

/// The practice setup form.
#[derive(Debug, Clone)]
pub struct PracticeSetup {
    pub scope_kind: ScopeKind,
    pub domains: BTreeSet<String>,
    pub objectives: BTreeSet<String>,
    pub topics: BTreeSet<String>,
    pub count: usize,
    pub types: TypeFilter,
    pub topic_filter: String,
}

impl Default for PracticeSetup {
    fn default() -> Self {
        Self {
            scope_kind: ScopeKind::Blueprint,
            domains: BTreeSet::new(),
            objectives: BTreeSet::new(),
            topics: BTreeSet::new(),
            count: 10,
            types: TypeFilter::Both,
            topic_filter: String::new(),
        }
    }
}

impl PracticeSetup {
    /// The scope the form describes.
    #[must_use]
    pub fn scope(&self) -> Scope {
        match self.scope_kind {
            ScopeKind::Blueprint => Scope::Blueprint,
            ScopeKind::Domains => Scope::Domains(self.domains.iter().cloned().collect()),
            ScopeKind::Objectives => Scope::Objectives(self.objectives.iter().cloned().collect()),
            ScopeKind::Topics => Scope::Topics(self.topics.iter().cloned().collect()),
        }
    }
}

/// A finished session opened from Progress, to go through question by question.
#[derive(Debug, Clone)]
pub struct ReopenedSession {
    /// The session's index in `history.sessions`.
    pub index: usize,
    pub wrong_only: bool,
    pub flagged_only: bool,
}

/// The quiz's view state.
#[derive(Debug, Default)]
pub struct QuizState {
    pub setup: PracticeSetup,
    /// The session being run.
    pub session: Option<Session>,
    /// When the shown item appeared (milliseconds), to time answers.
    pub item_shown_at_ms: u64,
    /// When the exam clock last started running (milliseconds); `None` while not running.
    pub exam_resumed_at_ms: Option<u64>,
    /// The "finish with blank answers?" question is showing.
    pub confirm_finish: bool,
    /// The "start an exam?" question is showing.
    pub confirm_start_exam: bool,
    /// The "abandon the exam?" question is showing.
    pub confirm_abandon: bool,
    /// A tick refused on the item at this position: it asks for `pick` choices and has them.
    pub refused_pick: Option<(usize, u8)>,
    /// When the running exam was last saved (milliseconds), to save it every few seconds.
    pub exam_saved_at_ms: u64,
    /// A past session being gone through again.
    pub reopened: Option<ReopenedSession>,
    /// The result page's filters.
    pub result_filter: crate::ui::quiz::session_review::ItemFilter,
    /// The last finished session and its result, for the result page.
    pub finished: Option<(Session, SessionResult)>,
    /// Items answered "Again" in a review, already queued once more.
    pub requeued: BTreeSet<usize>,
}

impl QuizState {
    /// Seconds the exam clock has run since it last resumed.
    #[must_use]
    pub fn running_exam_secs(&self, now_ms: u64) -> u64 {
        self.exam_resumed_at_ms
            .map_or(0, |at| now_ms.saturating_sub(at) / 1000)
    }

    /// Seconds on the shown item so far.
    #[must_use]
    pub fn item_secs(&self, now_ms: u64) -> f32 {
        #[expect(
            clippy::cast_precision_loss,
            reason = "milliseconds on one question stay small"
        )]
        let secs = now_ms.saturating_sub(self.item_shown_at_ms) as f32 / 1000.0;
        secs
    }
}
