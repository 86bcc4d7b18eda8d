//! Parts of the app's state kept out of `app.rs`: the figures computed when data changes, and
//! the windows and dialogs that may be open over the panels, and loading a file at start.

use crate::progress::{DataFile, Store};
use crate::quiz::stats::TreeStats;
use crate::ui::shell::app::StudyApp;
use crate::ui::shell::banner::DamagedFile;
use crate::ui::shell::report_window::ReportDraft;

/// Figures computed from the saved data, refreshed when a request changes it (and once a
/// minute, as items fall due), so drawing never scans the history.
#[derive(Debug, Default)]
pub(crate) struct Derived {
    pub(crate) tree_stats: TreeStats,
    /// The Progress page's figures.
    pub(crate) progress_page: crate::ui::progress::page::ProgressPage,
    /// The Today page's figures.
    pub(crate) today_page: crate::ui::today::page::TodayPage,
    /// New recall cards a review would introduce today.
    pub(crate) new_cards_today: usize,
    /// When the figures were computed (Unix seconds).
    pub(crate) stats_at_unix_secs: u64,
    /// How many times the figures were computed and `diagrams/` was read: what a test counts
    /// to prove that drawing does neither.
    pub(crate) refreshes: usize,
    pub(crate) library_reads: usize,
}

/// The windows and dialogs over the panels; while any is open it owns the keyboard.
#[derive(Debug, Default)]
pub(crate) struct Dialogs {
    pub(crate) settings_open: bool,
    pub(crate) report: Option<ReportDraft>,
    pub(crate) help_open: bool,
    pub(crate) palette: crate::ui::shell::commands::PaletteState,
    pub(crate) anki_export: Option<crate::ui::shell::anki_window::AnkiExportPrompt>,
    /// "Restore a backup…", while open.
    pub(crate) backups: Option<crate::ui::shell::backup_window::BackupChooser>,
    /// The first-run welcome, while open.
    pub(crate) welcome: Option<crate::ui::today::welcome::Welcome>,
}

impl StudyApp {
    /// Whether a window or dialog is open: it owns the keyboard, so nothing behind it reacts
    /// to keys.
    pub(crate) fn dialog_open(&self) -> bool {
        self.dialogs.report.is_some()
            || self.dialogs.settings_open
            || self.dialogs.help_open
            || self.dialogs.palette.open
            || self.search.is_open()
            || self.dialogs.anki_export.is_some()
            || self.dialogs.backups.is_some()
            || self.dialogs.welcome.is_some()
            || self.quiz.confirm_finish
            || self.quiz.confirm_start_exam
            || self.quiz.confirm_abandon
            || self.editor.import_choice.is_some()
            || self.editor.challenges.reference_open.is_some()
    }
}

/// Loads a data file; a file that cannot be read is reported and replaced by defaults in memory
/// only (the store refuses to write over it).
pub(crate) fn load_or_report<T: DataFile>(store: &mut Store, damaged: &mut Vec<DamagedFile>) -> T {
    store.load::<T>().unwrap_or_else(|err| {
        damaged.push(DamagedFile::new(&err));
        T::default()
    })
}
