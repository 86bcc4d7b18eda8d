//! The learner's state, kept in RON files in the data directory: the model of each file, the
//! crash-safe store (atomic writes, versions, backups, damaged-file handling), the rules the
//! values keep (checked on every load and save) and migrations.
//!
//! Knows nothing of the screen.

pub mod backup;
pub mod clock;
pub mod diagrams;
pub mod exam_date;
pub mod leftovers;
mod model;
mod read;
mod reports;
mod settings;
mod store;
pub mod validate;

use std::path::{Path, PathBuf};

pub use crate::files::write_atomically;
pub use backup::BackupPolicy;
pub use clock::Clock;
pub use model::Progress;
pub use read::{inspect, read_only, to_ron};
pub use reports::{Report, Reports};
pub use settings::{
    DAILY_MINUTES_RANGE, MAX_NEW_CARDS_PER_DAY, RETENTION_RANGE, Settings, TEXT_SCALE_RANGE, ThemeChoice,
};
pub use store::{DataFile, LoadError, SaveError, Store};
pub use validate::Invalid;

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "STAGECRAFT_DATA_DIR";

/// The data directory: `--data-dir`, else `STAGECRAFT_DATA_DIR`, else the platform's data dir.
///
/// # Errors
/// When none is given and the platform has no home directory to put one in.
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "stagecraft")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| {
            format!("no home directory to keep progress in; pass --data-dir DIR or set {DATA_DIR_ENV}")
        })
}
