//! The top bar: the app name, the mode switch and, on the right, search.

use super::Mode;
use super::action::{Action, Actions};

/// Draws the top bar.
pub fn top_bar_ui(ui: &mut egui::Ui, mode: Mode, actions: &mut Actions) {
    let (chosen_mode, search) = egui::Sides::new().show(
        ui,
        |ui| {
            ui.heading("Stagecraft");
            ui.separator();
            let mut chosen = None;
            for candidate in Mode::ALL {
                if ui
                    .selectable_label(mode == candidate, candidate.label())
                    .clicked()
                    && mode != candidate
                {
                    chosen = Some(candidate);
                }
            }
            chosen
        },
        |ui| {
            ui.button("Search…")
                .on_hover_text("Search every note (Ctrl+K)")
                .clicked()
        },
    );
    if let Some(mode) = chosen_mode {
        actions.push(Action::SetMode(mode));
    }
    if search {
        actions.push(Action::OpenSearch);
    }
}
