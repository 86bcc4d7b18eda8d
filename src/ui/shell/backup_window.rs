//! "Restore a backup…": the backups of one data file, newest first, with when each was taken
//! and its size; says what restoring the chosen one sets aside, and restores it. The current
//! file is never deleted: the store renames it beside the restored one.

use std::path::{Path, PathBuf};

use crate::pipeline::Diagram;
use crate::progress::backup::{self, Backup};
use crate::progress::{DataFile, Progress, Reports, Settings};
use crate::quiz::{ExamFile, History, Schedule};

use crate::ui::shell::action::{DataRequest, Requests};
use crate::ui::shell::app::StudyApp;

/// The data files offered even before they have backups.
const KNOWN_FILES: [&str; 6] = [
    Progress::NAME,
    Settings::NAME,
    History::NAME,
    Schedule::NAME,
    ExamFile::NAME,
    Reports::NAME,
];

/// The chooser's state: which file, its backups, and the one picked.
#[derive(Debug)]
pub struct BackupChooser {
    dir: PathBuf,
    /// The file whose backups are listed (`progress.ron`, `diagrams/x.ron`).
    file: String,
    /// Every file that can be chosen.
    files: Vec<String>,
    backups: Vec<Backup>,
    selected: Option<usize>,
    current_exists: bool,
    /// Set on opening, so the click or key that opened the dialog does not close it.
    just_opened: bool,
}

impl BackupChooser {
    /// Lists the backups of `file` (of `progress.ron` when none is named).
    #[must_use]
    pub fn new(dir: &Path, file: Option<String>) -> Self {
        let mut files: Vec<String> = KNOWN_FILES.iter().map(|f| (*f).to_owned()).collect();
        for name in backup::files_with_backups(dir) {
            if !files.contains(&name) {
                files.push(name);
            }
        }
        let file = file.unwrap_or_else(|| Progress::NAME.to_owned());
        if !files.contains(&file) {
            files.push(file.clone());
        }
        let mut chooser = Self {
            dir: dir.to_path_buf(),
            file,
            files,
            backups: Vec::new(),
            selected: None,
            current_exists: false,
            just_opened: true,
        };
        chooser.refresh();
        chooser
    }

    fn refresh(&mut self) {
        self.backups = backup::list(&self.dir, &self.file);
        self.current_exists = self.dir.join(&self.file).exists();
        self.selected = (!self.backups.is_empty()).then_some(0);
    }

    /// What restoring backup `index` (newest first) sets aside, in one sentence.
    #[must_use]
    pub fn consequence(&self, index: usize) -> String {
        let newer = match index {
            0 => None,
            1 => Some("1 newer backup".to_owned()),
            n => Some(format!("{n} newer backups")),
        };
        let name = &self.file;
        match (newer, self.current_exists) {
            (Some(newer), true) => format!(
                "{newer} and the current file will be set aside: the current {name} is kept, renamed {name}.replaced-<date>, and the newer backups stay in {}/.",
                backup::BACKUP_DIR
            ),
            (None, true) => format!(
                "The current file will be set aside: {name} is kept, renamed {name}.replaced-<date>. No backup is newer than this one."
            ),
            (Some(newer), false) => format!(
                "{newer} will be set aside: they stay in {}/. There is no current {name}.",
                backup::BACKUP_DIR
            ),
            (None, false) => format!("There is no current {name}; this is its newest backup."),
        }
    }
}

/// Draws the chooser while it is open.
pub fn backup_chooser_ui(ctx: &egui::Context, chooser: &mut Option<BackupChooser>, actions: &mut Requests) {
    let Some(state) = chooser.as_mut() else {
        return;
    };
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("backup_chooser")).show(ctx, |ui| {
        ui.set_width(560.0);
        ui.heading("Restore a backup");
        let mut file = state.file.clone();
        ui.horizontal(|ui| {
            let label = ui.label("File");
            egui::ComboBox::from_id_salt("backup_file")
                .selected_text(&file)
                .width(260.0)
                .show_ui(ui, |ui| {
                    for name in &state.files {
                        ui.selectable_value(&mut file, name.clone(), name);
                    }
                })
                .response
                .labelled_by(label.id);
        });
        if file != state.file {
            state.file = file;
            state.refresh();
        }
        ui.separator();
        if state.backups.is_empty() {
            ui.label(format!(
                "No backups of {} yet. Backups are taken when a file is first saved in a session and every 30 minutes while it changes.",
                state.file
            ));
        } else {
            ui.label(format!("Backups of {}, newest first:", state.file));
            egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                for (i, backup) in state.backups.iter().enumerate() {
                    let text = format!("{} · {}", backup.taken(), backup.size());
                    let chosen = state.selected == Some(i);
                    if ui
                        .add(
                            egui::Button::selectable(chosen, text)
                                .min_size(egui::vec2(ui.available_width(), 0.0)),
                        )
                        .clicked()
                    {
                        state.selected = Some(i);
                    }
                }
            });
            ui.separator();
            if let Some(i) = state.selected {
                ui.label(state.consequence(i));
            }
        }
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let chosen = state.selected.and_then(|i| state.backups.get(i));
            if ui
                .add_enabled(chosen.is_some(), egui::Button::new("Restore this backup"))
                .clicked()
                && let Some(backup) = chosen
            {
                actions.push(DataRequest::RestoreChosenBackup {
                    file: state.file.clone(),
                    backup: backup.path.clone(),
                });
                close = true;
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
    });
    let opened_now = std::mem::take(&mut state.just_opened);
    if close || (!opened_now && modal.should_close()) {
        *chooser = None;
    }
}

impl StudyApp {
    /// Takes the backups that are due (every 30 minutes while a file keeps changing); cheap
    /// when none is, so it runs every frame.
    pub(crate) fn backup_if_due(&mut self) {
        if let Err(err) = self.saved.store.backup_if_due() {
            self.notify_error(format!("A backup could not be taken: {err}"));
        }
    }

    /// Opens the chooser on a file's backups (`progress.ron` when none is named).
    pub(crate) fn open_backups(&mut self, file: Option<String>) {
        self.dialogs.backups = Some(BackupChooser::new(self.saved.store.dir(), file));
    }

    /// Puts the chosen backup of `name` in place and loads it; the file it replaces is kept.
    pub(crate) fn restore_chosen_backup(&mut self, name: &str, backup: &Path, ctx: &egui::Context) {
        let result = match name {
            Progress::NAME => self
                .saved
                .store
                .restore_backup::<Progress>(name, backup)
                .map(|(v, kept)| {
                    self.saved.progress = v;
                    self.ensure_blueprint();
                    kept
                }),
            Settings::NAME => self
                .saved
                .store
                .restore_backup::<Settings>(name, backup)
                .map(|(v, kept)| {
                    self.saved.settings = v;
                    crate::ui::shell::theme::apply_appearance(ctx, &self.saved.settings);
                    kept
                }),
            History::NAME => self
                .saved
                .store
                .restore_backup::<History>(name, backup)
                .map(|(v, kept)| {
                    self.saved.history = v;
                    kept
                }),
            Schedule::NAME => self
                .saved
                .store
                .restore_backup::<Schedule>(name, backup)
                .map(|(v, kept)| {
                    self.saved.schedule = v;
                    kept
                }),
            ExamFile::NAME => self
                .saved
                .store
                .restore_backup::<ExamFile>(name, backup)
                .map(|(v, kept)| {
                    if let Some(exam) = v.exam.filter(|e| !e.is_finished()) {
                        self.quiz.session = Some(exam);
                        self.quiz.exam_resumed_at_ms = Some(self.clock().now_millis());
                    }
                    kept
                }),
            Reports::NAME => self
                .saved
                .store
                .restore_backup::<Reports>(name, backup)
                .map(|(_, kept)| kept),
            diagram => self
                .saved
                .store
                .restore_backup::<Diagram>(diagram, backup)
                .map(|(mut v, kept)| {
                    if self.diagram.as_ref().is_some_and(|o| o.file == diagram) {
                        v.assign_missing_ids();
                        self.diagram = Some(crate::ui::pipeline::state::OpenDiagram::new(
                            diagram.to_owned(),
                            v,
                            &self.saved.course,
                        ));
                    }
                    self.editor.library_stale = true;
                    kept
                }),
        };
        match result {
            Ok(kept) => {
                self.damaged.retain(|d| d.name != name);
                self.refresh_stats();
                let taken = backup::list(self.saved.store.dir(), name)
                    .into_iter()
                    .find(|b| b.path == backup)
                    .map_or_else(|| backup.display().to_string(), |b| b.taken());
                let kept = kept
                    .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .map_or_else(String::new, |n| format!("; the file it replaced is kept as {n}"));
                self.notify(format!("Restored {name} from its backup of {taken}{kept}."));
            }
            Err(message) => self.notify_error(format!("{name} was not restored: {message}")),
        }
    }
}
