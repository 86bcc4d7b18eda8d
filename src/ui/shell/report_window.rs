//! "Report a problem…": a remark about a question, saved with its id to `reports.ron` in the
//! data dir, and where that file is, so the learner can send it to us.

use std::path::Path;

use crate::ui::shell::action::{DataRequest, Requests};

/// The report being written.
#[derive(Debug, Clone, Default)]
pub struct ReportDraft {
    pub question: String,
    pub remark: String,
    /// Set once saved: the window then says where the file is.
    pub saved: bool,
    /// The text box has been given the keyboard (once, when the window opens).
    pub focused: bool,
}

/// Draws the report window while a draft exists; `None` closes it.
pub fn report_ui(
    ctx: &egui::Context,
    draft: &mut Option<ReportDraft>,
    reports_file: &Path,
    actions: &mut Requests,
) {
    let Some(current) = draft.as_mut() else {
        return;
    };
    let mut open = true;
    let mut close = false;
    egui::Window::new("Report a problem")
        .collapsible(false)
        .resizable(false)
        .open(&mut open)
        .show(ctx, |ui| {
            ui.set_width(460.0);
            ui.label(format!("Question {}", current.question));
            if current.saved {
                ui.label("Thank you. Your report is saved in:");
                ui.monospace(reports_file.display().to_string());
                ui.label("Send that file to the course authors; each report names its question.");
                if ui.button("Close").clicked() {
                    close = true;
                }
                return;
            }
            let label = ui.label("What is wrong? (a wrong answer key, an outdated fact, a typo…)");
            let edit = ui
                .add(
                    egui::TextEdit::multiline(&mut current.remark)
                        .desired_rows(4)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if !current.focused {
                edit.request_focus();
                current.focused = true;
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        !current.remark.trim().is_empty(),
                        egui::Button::new("Save report"),
                    )
                    .clicked()
                {
                    actions.push(DataRequest::SaveReport {
                        question: current.question.clone(),
                        remark: current.remark.trim().to_owned(),
                    });
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
        });
    // Esc closes the window, as it closes every window of the app.
    if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape)) {
        close = true;
    }
    if close || !open {
        *draft = None;
    }
}
