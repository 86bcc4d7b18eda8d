//! The damage matrix: every released fixture of every data file, truncated at every byte offset,
//! with every byte flipped (XOR 0xFF), with every byte replaced by each of `(`, `"` and `,`, and
//! with every key of the file's root misspelt (its last letter changed).
//! Each damaged file is loaded through the store in a data dir of its own and checked with
//! `stagecraft progress check`'s `check_dir`. Every case must end in an error that starts with
//! `path:line:col: ` (line and column inside the damaged file) or in a load of exactly what the
//! damaged text says, never in a panic, and the damaged file must keep its exact bytes; nothing
//! else may appear in the dir.
//!
//! A load is compared with the fixture's own value: when the damaged text means what the
//! fixture means (read as untyped RON: white space, a trailing comma), the loaded value must
//! equal the fixture's. When the damage made another valid file (a letter inside a string, a
//! number cut short by a comma, `Some(81,)`), every key and value the text holds must be in the
//! loaded value, so a key dropped or a field left to its default in silence fails the case.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::fmt::Debug;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::Instant;

use stagecraft::data_files::check_dir;
use stagecraft::pipeline::Diagram;
use stagecraft::progress::{DataFile, LoadError, Progress, Reports, Settings, Store, to_ron};
use stagecraft::quiz::{ExamFile, History, Schedule};

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
    /// Misspell the root key whose last letter is at `offset`.
    Misspell(usize),
}

impl Damage {
    fn apply(self, original: &[u8]) -> Vec<u8> {
        let mut bytes = original.to_vec();
        match self {
            Self::Truncate(len) => bytes.truncate(len),
            Self::Flip(offset) => bytes[offset] ^= 0xFF,
            Self::Replace(offset, byte) => bytes[offset] = byte,
            Self::Misspell(offset) => bytes[offset] = if bytes[offset] == b'x' { b'q' } else { b'x' },
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
        cases.extend(root_key_ends(original).into_iter().map(Self::Misspell));
        cases
    }
}

/// The offsets of the last letter of every key of the root struct (an identifier followed by
/// `:` one bracket deep, outside strings). Keys deeper down are left out: only the roots refuse
/// unknown keys so far.
fn root_key_ends(text: &[u8]) -> Vec<usize> {
    let mut ends = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in text.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            b':' if depth == 1 && i > 0 && (text[i - 1].is_ascii_alphanumeric() || text[i - 1] == b'_') => {
                ends.push(i - 1);
            }
            _ => {}
        }
    }
    ends
}

/// A value as untyped RON reads it.
fn untyped(text: &str) -> Result<ron::Value, String> {
    ron::from_str(text).map_err(|e| e.to_string())
}

/// Whether everything `written` holds is in `loaded`: each key of a map with what it holds, each
/// element of a list, the same scalars. `loaded` may hold more keys (the fields a file written
/// before they existed leaves to their defaults).
fn holds_all(written: &ron::Value, loaded: &ron::Value) -> bool {
    use ron::Value;
    match (written, loaded) {
        (Value::Map(w), Value::Map(l)) => w
            .iter()
            .all(|(key, w)| l.get(key).is_some_and(|l| holds_all(w, l))),
        (Value::Seq(w), Value::Seq(l)) => w.len() == l.len() && w.iter().zip(l).all(|(w, l)| holds_all(w, l)),
        (Value::Option(Some(w)), Value::Option(Some(l))) => holds_all(w, l),
        _ => written == loaded,
    }
}

/// How a load compares with the fixture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Loaded to exactly the fixture's value.
    Same,
    /// The damage made another valid file, and it loaded to exactly what that file says.
    AsWritten,
    /// Refused with its place.
    Reported,
}

/// Checks a loaded value against the fixture's (`expected`, read from `original`) and the text
/// it was loaded from.
fn compare<T: DataFile + PartialEq + Debug>(
    loaded: &T,
    expected: &T,
    original: &str,
    damaged: &[u8],
) -> Result<Outcome, String> {
    let damaged = std::str::from_utf8(damaged).map_err(|e| format!("loaded text that is not UTF-8: {e}"))?;
    let written = untyped(damaged).map_err(|e| format!("loaded text that untyped RON refuses: {e}"))?;
    if written == untyped(original).unwrap() {
        return if loaded == expected {
            Ok(Outcome::Same)
        } else {
            Err(format!(
                "the text means what the fixture means, but it loaded to\n{loaded:#?}"
            ))
        };
    }
    let as_loaded = untyped(&to_ron(loaded).unwrap()).unwrap();
    if holds_all(&written, &as_loaded) {
        Ok(Outcome::AsWritten)
    } else {
        Err(format!(
            "loaded to something other than the text says: the text holds\n{written:?}\nbut the load holds\n{as_loaded:?}"
        ))
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

/// Runs one case in `dir`: how the load of `bytes` compares with the fixture (`expected`, read
/// from `original`).
fn run_case<T: DataFile + PartialEq + Debug>(
    dir: &Path,
    name: &str,
    expected: &T,
    original: &str,
    bytes: &[u8],
) -> Result<Outcome, String> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let mut store = Store::open(dir).unwrap();
    let loaded = store.load_at::<T>(name);
    if std::fs::read(&path).unwrap() != bytes {
        return Err("loading changed the damaged file".to_owned());
    }
    let checked = check_dir(dir);
    if std::fs::read(&path).unwrap() != bytes {
        return Err("check_dir changed the damaged file".to_owned());
    }
    let outcome = match &loaded {
        Ok(value) => {
            if !checked.is_empty() {
                return Err(format!("the store loads it but check_dir says {checked:?}"));
            }
            if store.blocked().contains_key(name) {
                return Err("a file that loaded is blocked".to_owned());
            }
            compare(value, expected, original, bytes)?
        }
        Err(err) => {
            check_error(err, &path, bytes)?;
            if checked.as_slice() != std::slice::from_ref(err) {
                return Err(format!("the store says `{err}` but check_dir says {checked:?}"));
            }
            if !store.blocked().contains_key(name) {
                return Err(format!("`{err}` did not block the file from being overwritten"));
            }
            Outcome::Reported
        }
    };
    // Neither a load nor a check leaves anything behind: no backup, no temporary file.
    let mut left = Vec::new();
    collect_files(dir, &mut left);
    if left != [path.clone()] {
        return Err(format!("files left in the data dir: {left:?}"));
    }
    Ok(outcome)
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
fn damage_matrix<T: DataFile + PartialEq + Debug>(name: &str) {
    let original = std::fs::read(fixture_dir().join(name)).unwrap();
    let text = String::from_utf8(original.clone()).unwrap();
    // The fixture's value, read with nothing but `ron`, so the store's own reading is checked.
    let expected: T = ron::from_str(&text).unwrap();
    assert_ne!(
        to_ron(&expected).unwrap(),
        to_ron(&T::default()).unwrap(),
        "{name} holds more than the defaults"
    );
    let dir = tempfile::tempdir().unwrap();
    if let Some(parent) = dir.path().join(name).parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    // The undamaged fixture loads to its value: every difference below comes from the damage.
    assert_eq!(
        run_case(dir.path(), name, &expected, &text, &original),
        Ok(Outcome::Same),
        "{name} itself"
    );

    let started = Instant::now();
    let cases = Damage::all(&original);
    let (mut same, mut as_written, mut reported) = (0, 0, 0);
    let mut failures = Vec::new();
    for damage in &cases {
        let bytes = damage.apply(&original);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            run_case(dir.path(), name, &expected, &text, &bytes)
        }))
        .unwrap_or_else(|panic| {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            Err(format!("panicked: {message}"))
        });
        match outcome {
            Ok(Outcome::Same) => same += 1,
            Ok(Outcome::AsWritten) => as_written += 1,
            Ok(Outcome::Reported) => reported += 1,
            Err(why) => failures.push(format!("{name} {damage:?}: {why}")),
        }
    }
    println!(
        "{name}: {} bytes, {} cases ({same} load to the fixture's value, {as_written} to the other \
         value the damaged text holds, {reported} reported with their place) in {:.1?}",
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
    let misspelt = cases.iter().filter(|d| matches!(d, Damage::Misspell(_))).count();
    assert!(
        misspelt >= 2,
        "{name}: only {misspelt} root keys found to misspell"
    );
}

#[test]
fn damaged_progress_is_reported_or_loads() {
    damage_matrix::<Progress>(Progress::NAME);
}

#[test]
fn damaged_settings_are_reported_or_load() {
    damage_matrix::<Settings>(Settings::NAME);
}

#[test]
fn damaged_history_is_reported_or_loads() {
    damage_matrix::<History>(History::NAME);
}

#[test]
fn damaged_schedule_is_reported_or_loads() {
    damage_matrix::<Schedule>(Schedule::NAME);
}

#[test]
fn damaged_exam_is_reported_or_loads() {
    damage_matrix::<ExamFile>(ExamFile::NAME);
}

#[test]
fn damaged_reports_are_reported_or_load() {
    damage_matrix::<Reports>(Reports::NAME);
}

#[test]
fn damaged_diagram_is_reported_or_loads() {
    damage_matrix::<Diagram>("diagrams/example.ron");
}
