//! What the app lets others read of its state: tests drive the real window through these, and
//! they name what a learner sees (the open topic, the running session, the open diagram…).

use crate::progress::{LoadError, Progress};
use crate::quiz::{History, Schedule, SessionKind};

use crate::ui::Mode;
use crate::ui::shell::app::StudyApp;

impl StudyApp {
    /// The learner's notes progress, as held in memory (and saved).
    #[must_use]
    pub fn progress(&self) -> &Progress {
        &self.saved.progress
    }

    /// The learner's answer history.
    #[must_use]
    pub fn history(&self) -> &History {
        &self.saved.history
    }

    /// The spaced-repetition schedule.
    #[must_use]
    pub fn schedule(&self) -> &Schedule {
        &self.saved.schedule
    }

    /// The session being run, if any.
    #[must_use]
    pub fn active_session(&self) -> Option<&crate::quiz::Session> {
        self.quiz.session.as_ref()
    }

    /// The last finished session and its result.
    #[must_use]
    pub fn finished_session(&self) -> Option<&(crate::quiz::Session, crate::quiz::SessionResult)> {
        self.quiz.finished.as_ref()
    }

    /// Seconds left on a running timed exam.
    #[must_use]
    pub fn exam_seconds_left(&self) -> Option<u64> {
        let session = self
            .quiz
            .session
            .as_ref()
            .filter(|s| s.kind == SessionKind::Exam)?;
        session.remaining_secs(self.quiz.running_exam_secs(self.clock().now_millis()))
    }

    /// The diagram open in the pipeline editor.
    #[must_use]
    pub fn current_diagram(&self) -> Option<&crate::pipeline::Diagram> {
        self.diagram.as_ref().map(|o| &o.diagram)
    }

    /// The file of the open diagram (`diagrams/…`).
    #[must_use]
    pub fn open_diagram_file(&self) -> Option<&str> {
        self.diagram.as_ref().map(|o| o.file.as_str())
    }

    /// The actions selected on the canvas.
    #[must_use]
    pub fn pipeline_selection(&self) -> &std::collections::BTreeSet<crate::pipeline::ActionId> {
        &self.editor.selection
    }

    /// Where a point of the pipeline canvas (in canvas units, as accessibility reports the
    /// canvas's nodes) is on screen, as of the last frame.
    #[must_use]
    pub fn canvas_to_screen(&self, canvas: egui::Pos2) -> egui::Pos2 {
        self.editor.to_screen * canvas
    }

    /// The rule check's findings for the open diagram.
    #[must_use]
    pub fn pipeline_findings(&self) -> &[crate::pipeline::rules::Finding] {
        self.diagram.as_ref().map_or(&[], |o| o.findings.as_slice())
    }

    /// Today's plan as the Today page shows it.
    #[must_use]
    pub fn today_plan(&self) -> Option<&crate::plan::TodayPlan> {
        self.derived.today_page.plan.as_ref()
    }

    /// The mode shown.
    #[must_use]
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The topic open in the note viewer.
    #[must_use]
    pub fn open_topic(&self) -> Option<&str> {
        self.notes.current()
    }

    /// The text highlighted in the open note (after opening a search result).
    #[must_use]
    pub fn note_highlight(&self) -> Option<&str> {
        self.notes.highlight()
    }

    /// Whether the search palette is open.
    #[must_use]
    pub fn is_search_open(&self) -> bool {
        self.search.is_open()
    }

    /// The data directory.
    #[must_use]
    pub fn data_dir(&self) -> &std::path::Path {
        self.saved.store.dir()
    }

    /// The status line's text.
    #[must_use]
    pub fn status_text(&self) -> &str {
        &self.status.text
    }

    /// The errors shown until dismissed, oldest first.
    #[must_use]
    pub fn notification_texts(&self) -> Vec<&str> {
        self.notifications
            .items()
            .iter()
            .map(|n| n.text.as_str())
            .collect()
    }

    /// How many times the derived figures were computed and `diagrams/` was read (drawing
    /// does neither).
    #[must_use]
    pub fn refresh_counts(&self) -> (usize, usize) {
        (self.derived.refreshes, self.derived.library_reads)
    }

    /// Files that failed to load.
    #[must_use]
    pub fn damaged_files(&self) -> Vec<&LoadError> {
        self.damaged.iter().map(|d| &d.error).collect()
    }
}
