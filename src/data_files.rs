//! Every file Stagecraft keeps in the data directory, for `stagecraft progress check`.

use std::path::Path;

use crate::progress::{DataFile, LoadError, Progress, Settings, inspect};
use crate::quiz::{ExamFile, History, Schedule};

/// Reads one file without changing it.
type FileCheck = fn(&Path) -> Result<(), LoadError>;

/// Checks every data file Stagecraft knows in `dir` without changing anything.
/// Returns one error per unreadable file.
#[must_use]
pub fn check_dir(dir: &Path) -> Vec<LoadError> {
    let checks: [(&str, FileCheck); 5] = [
        (Progress::NAME, inspect::<Progress>),
        (Settings::NAME, inspect::<Settings>),
        (History::NAME, inspect::<History>),
        (Schedule::NAME, inspect::<Schedule>),
        (ExamFile::NAME, inspect::<ExamFile>),
    ];
    checks
        .iter()
        .filter_map(|(name, check)| check(&dir.join(name)).err())
        .collect()
}
