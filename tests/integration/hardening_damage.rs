//! The damage matrix: every released fixture of every data file, truncated at every byte offset,
//! with every byte flipped (XOR 0xFF) and with every byte replaced by each of `(`, `"` and `,`.
//! Each damaged file is loaded through the store in a data dir of its own and checked with
//! `stagecraft progress check`'s `check_dir`. Every case must end in a clean load or an error
//! that starts with `path:line:col: ` (line and column inside the damaged file), never in a
//! panic, and the damaged file must keep its exact bytes; nothing else may appear in the dir.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

use stagecraft::data_files::check_dir;
use stagecraft::pipeline::Diagram;
use stagecraft::progress::{DataFile, LoadError, Progress, Reports, Settings, Store};
use stagecraft::quiz::{ExamFile, History, Schedule};

/// Loads the file named `name` as one data file type.
type Load = fn(&mut Store, &str) -> Result<(), LoadError>;

fn load<T: DataFile>(store: &mut Store, name: &str) -> Result<(), LoadError> {
    store.load_at::<T>(name).map(|_| ())
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/progress/v1")
}

/// Bytes that mean something in RON, put in place of each byte.
const REPLACEMENTS: [u8; 3] = [b'(', b'"', b','];

#[derive(Debug, Clone, Copy)]
enum Damage {
    /// Keep only the first `len` bytes.
    Truncate(usize),
    /// XOR the byte at `offset` with 0xFF.
    Flip(usize),
    /// Put `byte` at `offset`.
    Replace(usize, u8),
}

impl Damage {
    fn apply(self, original: &[u8]) -> Vec<u8> {
        let mut bytes = original.to_vec();
        match self {
            Self::Truncate(len) => bytes.truncate(len),
            Self::Flip(offset) => bytes[offset] ^= 0xFF,
            Self::Replace(offset, byte) => bytes[offset] = byte,
        }
        bytes
    }

    /// Every case for a file of `len` bytes (replacements that change nothing are left out).
    fn all(original: &[u8]) -> Vec<Self> {
        let len = original.len();
        let mut cases: Vec<Self> = (0..len).map(Self::Truncate).collect();
        cases.extend((0..len).map(Self::Flip));
        for byte in REPLACEMENTS {
            cases.extend(
                (0..len)
                    .filter(|&offset| original[offset] != byte)
                    .map(|offset| Self::Replace(offset, byte)),
            );
        }
        cases
    }
}

/// Where an error may point in `bytes`: (line, col) with both 1-based, the line one of the
/// file's lines (or the empty one after a final newline) and the column at most one past its end.
fn place_is_inside(bytes: &[u8], line: usize, col: usize) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let lines: Vec<&str> = text.split('\n').collect();
    line >= 1 && col >= 1 && lines.get(line - 1).is_some_and(|l| col <= l.chars().count() + 1)
}

/// The place an error names, checking that its text starts with `path:line:col: `.
fn check_error(err: &LoadError, path: &Path, bytes: &[u8]) -> Result<(), String> {
    let shown = err.to_string();
    let (line, col) = match err {
        LoadError::Damaged { line, col, .. } => (*line, *col),
        LoadError::TooNew { .. } | LoadError::Migration { .. } => (1, 1),
        LoadError::Io { .. } => return Err(format!("an I/O error is not a clear report: {shown}")),
    };
    if err.path() != path {
        return Err(format!(
            "the error names {} instead: {shown}",
            err.path().display()
        ));
    }
    let prefix = format!("{}:{line}:{col}: ", path.display());
    if !shown.starts_with(&prefix) || shown.len() == prefix.len() {
        return Err(format!("does not read `{prefix}<message>`: {shown}"));
    }
    if !place_is_inside(bytes, line, col) {
        return Err(format!("{line}:{col} is outside the damaged file: {shown}"));
    }
    Ok(())
}

/// Runs one case in `dir`; `Ok(true)` for a clean load, `Ok(false)` for a clear error.
fn run_case(dir: &Path, name: &str, loader: Load, bytes: &[u8]) -> Result<bool, String> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let mut store = Store::open(dir).unwrap();
    let loaded = loader(&mut store, name);
    if std::fs::read(&path).unwrap() != bytes {
        return Err("loading changed the damaged file".to_owned());
    }
    let checked = check_dir(dir);
    if std::fs::read(&path).unwrap() != bytes {
        return Err("check_dir changed the damaged file".to_owned());
    }
    let clean = match &loaded {
        Ok(()) => {
            if !checked.is_empty() {
                return Err(format!("the store loads it but check_dir says {checked:?}"));
            }
            if store.blocked().contains_key(name) {
                return Err("a file that loaded is blocked".to_owned());
            }
            true
        }
        Err(err) => {
            check_error(err, &path, bytes)?;
            if checked.as_slice() != std::slice::from_ref(err) {
                return Err(format!("the store says `{err}` but check_dir says {checked:?}"));
            }
            if !store.blocked().contains_key(name) {
                return Err(format!("`{err}` did not block the file from being overwritten"));
            }
            false
        }
    };
    // Neither a load nor a check leaves anything behind: no backup, no temporary file.
    let mut left = Vec::new();
    collect_files(dir, &mut left);
    if left != [path.clone()] {
        return Err(format!("files left in the data dir: {left:?}"));
    }
    Ok(clean)
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// Runs the whole matrix over one fixture and fails with every case that went wrong.
fn damage_matrix(name: &str, loader: Load) {
    let original = std::fs::read(fixture_dir().join(name)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    if let Some(parent) = dir.path().join(name).parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    // The undamaged fixture loads: every error below comes from the damage.
    assert_eq!(
        run_case(dir.path(), name, loader, &original),
        Ok(true),
        "{name} itself"
    );

    let started = Instant::now();
    let cases = Damage::all(&original);
    let (mut clean, mut reported) = (0, 0);
    let mut failures = Vec::new();
    for damage in &cases {
        let bytes = damage.apply(&original);
        let outcome = catch_unwind(AssertUnwindSafe(|| run_case(dir.path(), name, loader, &bytes)))
            .unwrap_or_else(|panic| {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                Err(format!("panicked: {message}"))
            });
        match outcome {
            Ok(true) => clean += 1,
            Ok(false) => reported += 1,
            Err(why) => failures.push(format!("{name} {damage:?}: {why}")),
        }
    }
    println!(
        "{name}: {} bytes, {} cases ({clean} load cleanly, {reported} reported with their place) in {:.1?}",
        original.len(),
        cases.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.iter().take(30).cloned().collect::<Vec<_>>().join("\n")
    );
    assert!(reported > 0, "damage to {name} is never noticed");
}

#[test]
fn damaged_progress_is_reported_or_loads() {
    damage_matrix(Progress::NAME, load::<Progress>);
}

#[test]
fn damaged_settings_are_reported_or_load() {
    damage_matrix(Settings::NAME, load::<Settings>);
}

#[test]
fn damaged_history_is_reported_or_loads() {
    damage_matrix(History::NAME, load::<History>);
}

#[test]
fn damaged_schedule_is_reported_or_loads() {
    damage_matrix(Schedule::NAME, load::<Schedule>);
}

#[test]
fn damaged_exam_is_reported_or_loads() {
    damage_matrix(ExamFile::NAME, load::<ExamFile>);
}

#[test]
fn damaged_reports_are_reported_or_load() {
    damage_matrix(Reports::NAME, load::<Reports>);
}

#[test]
fn damaged_diagram_is_reported_or_loads() {
    damage_matrix("diagrams/example.ron", load::<Diagram>);
}
