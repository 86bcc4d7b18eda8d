//! Which quiz page to show: the running session (practice, review or exam), the last result,
//! or the start page.

use crate::quiz::SessionKind;

use super::app::StudyApp;
use super::exam_view::{exam_ui, result_ui};
use super::quiz_setup::{SetupFacts, quiz_setup_ui};
use super::session_view::session_ui;

impl StudyApp {
    /// Draws the quiz mode.
    pub(crate) fn quiz_ui(&mut self, ui: &mut egui::Ui) {
        let blueprint = self.blueprint_index();
        let remaining = self.exam_seconds_left();
        if let Some(session) = &self.quiz.session {
            if session.kind == SessionKind::Exam {
                exam_ui(
                    ui,
                    &self.course,
                    session,
                    remaining,
                    self.quiz.confirm_finish,
                    &mut self.actions,
                );
            } else {
                session_ui(ui, &self.course, session, &mut self.actions);
            }
            return;
        }
        if let Some((session, result)) = &self.quiz.finished {
            let blueprint = self
                .course
                .blueprint_index(&session.blueprint)
                .unwrap_or(blueprint);
            result_ui(ui, &self.course, blueprint, session, result, &mut self.actions);
            return;
        }
        let new_cards = self.new_cards_for_today().len();
        let facts = SetupFacts {
            course: &self.course,
            blueprint,
            settings: &self.settings,
            due: self.tree_stats.due_total,
            new_cards,
        };
        quiz_setup_ui(ui, &mut self.quiz, &facts, &mut self.actions);
    }
}
