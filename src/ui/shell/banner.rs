//! The banner for data files that could not be read: names the file and the place, and offers
//! the ways out. Until the learner picks one, the file is not written.

use crate::progress::LoadError;

use crate::ui::shell::action::{DataRequest, Requests};

/// A data file that failed to load.
#[derive(Debug, Clone)]
pub struct DamagedFile {
    /// Name inside the data dir, e.g. `progress.ron`.
    pub name: String,
    pub error: LoadError,
}

impl DamagedFile {
    /// Describes a load error.
    #[must_use]
    pub fn new(error: &LoadError) -> Self {
        let name = error
            .path()
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        Self {
            name,
            error: error.clone(),
        }
    }
}

/// One row per damaged file, with "Restore newest backup", "Restore a backup…" (a dated list to
/// choose from) and "Start fresh (keep the damaged file)".
pub fn damaged_files_ui(ui: &mut egui::Ui, damaged: &[DamagedFile], actions: &mut Requests) {
    for file in damaged {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(ui.visuals().error_fg_color, "⚠");
            ui.label(
                egui::RichText::new(format!("{} could not be read: {}", file.name, file.error))
                    .color(ui.visuals().warn_fg_color),
            );
        });
        ui.horizontal(|ui| {
            ui.label("Nothing is written over it until you choose:");
            if ui.button("Restore newest backup").clicked() {
                actions.push(DataRequest::RestoreBackup(file.name.clone()));
            }
            if ui.button("Restore a backup…").clicked() {
                actions.push(DataRequest::OpenBackups(Some(file.name.clone())));
            }
            if ui.button("Start fresh (keep the damaged file)").clicked() {
                actions.push(DataRequest::StartFresh(file.name.clone()));
            }
        });
    }
}
