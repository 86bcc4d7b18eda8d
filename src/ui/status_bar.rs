//! The status line: the last message, where progress is kept, and pack problems.

use std::path::Path;

use crate::course::Problem;

use super::app::Status;

/// Draws the status line.
pub fn status_bar_ui(ui: &mut egui::Ui, status: &Status, data_dir: &Path, pack_problems: &[Problem]) {
    ui.horizontal(|ui| {
        if status.is_error {
            ui.colored_label(ui.visuals().error_fg_color, &status.text);
        } else {
            ui.label(&status.text);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label(egui::RichText::new(format!("Progress in {}", data_dir.display())).weak())
                .on_hover_text("Where your progress files are kept");
            if !pack_problems.is_empty() {
                let lines: Vec<String> = pack_problems.iter().map(ToString::to_string).collect();
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("Course pack: {} problems", pack_problems.len()),
                )
                .on_hover_text(lines.join("\n"));
            }
        });
    });
}
