//! The top bar: the app name, the mode switch and, on the right, due reviews, search and
//! settings.

use super::Mode;
use super::action::{Action, Actions};

/// Draws the top bar. `due` is the number of review items due now.
pub fn top_bar_ui(
    ui: &mut egui::Ui,
    mode: Mode,
    due: usize,
    exam_running: bool,
    tree_shown: bool,
    actions: &mut Actions,
) {
    let (chosen_mode, right) = egui::Sides::new().show(
        ui,
        |ui| {
            let toggle = ui
                .selectable_label(tree_shown, "☰")
                .on_hover_text("Show or hide the domain tree (Ctrl+B)");
            let toggled = toggle.clicked();
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
            (chosen, toggled)
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
    let (chosen_mode, toggled) = chosen_mode;
    if toggled {
        actions.push(Action::ToggleTree);
    }
    if let Some(mode) = chosen_mode {
        actions.push(Action::SetMode(mode));
    }
    for action in right {
        actions.push(action);
    }
}
