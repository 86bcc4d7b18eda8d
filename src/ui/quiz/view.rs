//! Which quiz page to show: the running session (practice, review or exam), the last result,
//! or the start page; and the "start the exam?" question over it.

use crate::quiz::{ItemKey, SessionKind};

use crate::ui::quiz::exam::{ExamFacts, confirm_start_exam_ui, exam_ui, result_ui};
use crate::ui::quiz::session::{SessionFacts, session_ui};
use crate::ui::quiz::setup::{SetupFacts, quiz_setup_ui};
use crate::ui::shell::app::StudyApp;

impl StudyApp {
    /// Draws the quiz mode.
    pub(crate) fn quiz_ui(&mut self, ui: &mut egui::Ui) {
        let blueprint = self.blueprint_index();
        let keys_enabled = !self.dialog_open();
        if let Some(session) = &self.quiz.session {
            let refused_pick = self
                .quiz
                .refused_pick
                .filter(|(position, _)| *position == session.position)
                .map(|(_, pick)| pick);
            if session.kind == SessionKind::Exam {
                let facts = ExamFacts {
                    remaining_secs: self.exam_seconds_left(),
                    confirm_finish: self.quiz.confirm_finish,
                    confirm_abandon: self.quiz.confirm_abandon,
                    keys_enabled,
                    refused_pick,
                };
                exam_ui(ui, &self.saved.course, session, &facts, &mut self.actions);
            } else {
                let intervals = match session.current() {
                    Some(key @ ItemKey::Card(_)) => self
                        .saved
                        .schedule
                        .preview_intervals(
                            key,
                            self.clock().now_unix_secs(),
                            self.saved.settings.desired_retention,
                        )
                        .ok(),
                    _ => None,
                };
                let facts = SessionFacts {
                    keys_enabled,
                    refused_pick,
                    intervals,
                };
                session_ui(ui, &self.saved.course, session, &facts, &mut self.actions);
            }
            return;
        }
        if let Some(finished) = &self.quiz.finished {
            let blueprint = self
                .saved
                .course
                .blueprint_index(&finished.0.blueprint)
                .unwrap_or(blueprint);
            result_ui(
                ui,
                &self.saved.course,
                blueprint,
                finished,
                &mut self.quiz.result_filter,
                &mut self.actions,
            );
            return;
        }
        let new_cards = self.derived.new_cards_today;
        let facts = SetupFacts {
            course: &self.saved.course,
            blueprint,
            settings: &self.saved.settings,
            due: self.derived.tree_stats.due_total,
            new_cards,
        };
        quiz_setup_ui(ui, &mut self.quiz, &facts, &mut self.actions);
        if self.quiz.confirm_start_exam {
            let title = self
                .saved
                .course
                .blueprints
                .get(blueprint)
                .map_or("", |b| b.title.as_str());
            confirm_start_exam_ui(ui.ctx(), title, &self.saved.settings, &mut self.actions);
        }
    }
}
