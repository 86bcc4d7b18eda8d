//! The top bar: the app name, the mode switch and, on the right, due reviews, search and
//! settings.

use super::Mode;
use super::action::{Action, Actions};

/// Draws the top bar. `due` is the number of review items due now.
pub fn top_bar_ui(ui: &mut egui::Ui, mode: Mode, due: usize, exam_running: bool, actions: &mut Actions) {
    let (chosen_mode, right) = egui::Sides::new().show(
        ui,
        |ui| {
            ui.heading("Stagecraft");
            ui.separator();
            let mut chosen = None;
            for candidate in Mode::ALL {
                let label = if candidate == Mode::Quiz && exam_running {
                    "Quiz (exam running)"
                } else {
                    candidate.label()
                };
                let response = ui.selectable_label(mode == candidate, label);
                let response = response.on_hover_text(format!("Ctrl+{}", candidate.shortcut_digit()));
                if response.clicked() && mode != candidate {
                    chosen = Some(candidate);
                }
            }
            chosen
        },
        |ui| {
            let mut pushed = Vec::new();
            if ui.button("Settings…").clicked() {
                pushed.push(Action::OpenSettings);
            }
            if ui
                .button("Search…")
                .on_hover_text("Search every note (Ctrl+K)")
                .clicked()
            {
                pushed.push(Action::OpenSearch);
            }
            let review = ui.add_enabled(due > 0, egui::Button::new(format!("Review: {due} due")));
            if review
                .on_hover_text("Run the items FSRS has scheduled for now")
                .clicked()
            {
                pushed.push(Action::StartReview);
            }
            pushed
        },
    );
    if let Some(mode) = chosen_mode {
        actions.push(Action::SetMode(mode));
    }
    for action in right {
        actions.push(action);
    }
}
