//! "Export … for Anki": where to write the tab-separated file (typed, or chosen in the native
//! dialog), then the export itself is an action.

use std::path::PathBuf;

use crate::ui::shell::action::{AppRequest, Requests};
use crate::ui::shell::file_dialog::{DialogOutcome, PendingDialog};

/// The export window's state.
#[derive(Debug)]
pub struct AnkiExportPrompt {
    /// Questions (`true`) or recall cards (`false`).
    pub questions: bool,
    pub path: String,
    dialog: Option<PendingDialog>,
}

impl AnkiExportPrompt {
    /// A prompt with a file name in the home folder.
    #[must_use]
    pub fn new(questions: bool) -> Self {
        let name = if questions {
            "stagecraft-questions.txt"
        } else {
            "stagecraft-cards.txt"
        };
        let home = directories::UserDirs::new()
            .map(|d| d.home_dir().to_path_buf())
            .unwrap_or_default();
        Self {
            questions,
            path: home.join(name).display().to_string(),
            dialog: None,
        }
    }
}

/// Draws the export window while a prompt exists.
pub fn anki_export_ui(ctx: &egui::Context, prompt: &mut Option<AnkiExportPrompt>, actions: &mut Requests) {
    let Some(current) = prompt.as_mut() else { return };
    if let Some(dialog) = &current.dialog {
        match dialog.poll() {
            DialogOutcome::Waiting => ctx.request_repaint_after(std::time::Duration::from_millis(200)),
            DialogOutcome::Chosen(path) => {
                current.path = path.display().to_string();
                current.dialog = None;
            }
            DialogOutcome::NoChoice => current.dialog = None,
        }
    }
    let what = if current.questions {
        "questions"
    } else {
        "recall cards"
    };
    let mut open = true;
    let mut export = false;
    egui::Window::new(format!("Export {what} for Anki"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.set_width(500.0);
            ui.label("A tab-separated text file: in Anki choose File › Import and pick it.");
            ui.horizontal(|ui| {
                let label = ui.label("File");
                ui.add(egui::TextEdit::singleline(&mut current.path).desired_width(340.0))
                    .labelled_by(label.id);
                if ui
                    .add_enabled(current.dialog.is_none(), egui::Button::new("Browse…"))
                    .clicked()
                {
                    let name = PathBuf::from(&current.path)
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                    current.dialog = Some(PendingDialog::save_file(
                        "Export for Anki",
                        &[("Text", &["txt", "tsv"])],
                        &name,
                    ));
                }
            });
            if ui
                .add_enabled(!current.path.trim().is_empty(), egui::Button::new("Export"))
                .clicked()
            {
                export = true;
            }
        });
    if export {
        actions.push(AppRequest::ExportAnki {
            questions: current.questions,
            path: PathBuf::from(current.path.trim()),
        });
        *prompt = None;
    } else if !open {
        *prompt = None;
    }
}
