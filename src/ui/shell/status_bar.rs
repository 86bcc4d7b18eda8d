//! The status line: the last message, where progress is kept, and pack problems.

use std::path::Path;

use crate::course::Problem;

use crate::ui::shell::app::Status;

/// Draws the status line. A long message is cut short with "…" (its full text on hover) rather
/// than running under the folder on the right.
pub fn status_bar_ui(ui: &mut egui::Ui, status: &Status, data_dir: &Path, pack_problems: &[Problem]) {
    egui::Sides::new().shrink_left().truncate().show(
        ui,
        |ui| {
            let text = if status.is_error {
                egui::RichText::new(&status.text).color(ui.visuals().error_fg_color)
            } else {
                egui::RichText::new(&status.text)
            };
            let label = ui.add(egui::Label::new(text).truncate());
            if !status.text.is_empty() {
                label.on_hover_text(&status.text);
            }
        },
        |ui| {
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
        },
    );
}
