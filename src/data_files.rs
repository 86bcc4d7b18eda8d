//! Every file Stagecraft keeps in the data directory, for `stagecraft progress check`.

use std::path::Path;

use crate::progress::{DataFile, LoadError, Progress, Reports, Settings, inspect};
use crate::quiz::{ExamFile, History, Schedule};

/// Reads one file without changing it.
type FileCheck = fn(&Path) -> Result<(), LoadError>;

/// Checks every data file Stagecraft knows in `dir` without changing anything.
/// Returns one error per unreadable file, and one per unreadable journal line.
#[must_use]
pub fn check_dir(dir: &Path) -> Vec<LoadError> {
    let mut errors = check_files(dir);
    errors.extend(
        crate::sync::journal::read_all(dir)
            .problems
            .into_iter()
            .map(|message| LoadError::Io {
                path: dir.join(crate::sync::journal::JOURNAL_DIR),
                message,
            }),
    );
    errors
}

fn check_files(dir: &Path) -> Vec<LoadError> {
    let checks: [(&str, FileCheck); 6] = [
        (Progress::NAME, inspect::<Progress>),
        (Settings::NAME, inspect::<Settings>),
        (History::NAME, inspect::<History>),
        (Schedule::NAME, inspect::<Schedule>),
        (ExamFile::NAME, inspect::<ExamFile>),
        (Reports::NAME, inspect::<Reports>),
    ];
    let mut errors: Vec<LoadError> = checks
        .iter()
        .filter_map(|(name, check)| check(&dir.join(name)).err())
        .collect();
    // Every diagram of the library, too.
    if let Ok(entries) = std::fs::read_dir(dir.join(crate::progress::diagrams::DIAGRAM_DIR)) {
        let mut paths: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        paths.sort();
        errors.extend(
            paths
                .iter()
                .filter_map(|p| inspect::<crate::pipeline::Diagram>(p).err()),
        );
    }
    errors
}
