//! The top bar: the app name and the mode switch.

use super::Mode;
use super::action::{Action, Actions};

/// Draws the top bar.
pub fn top_bar_ui(ui: &mut egui::Ui, mode: Mode, actions: &mut Actions) {
    ui.horizontal(|ui| {
        ui.heading("Stagecraft");
        ui.separator();
        for candidate in Mode::ALL {
            if ui
                .selectable_label(mode == candidate, candidate.label())
                .clicked()
                && mode != candidate
            {
                actions.push(Action::SetMode(candidate));
            }
        }
    });
}
