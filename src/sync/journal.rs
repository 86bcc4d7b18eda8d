//! Per-device journals: `journal/<device-id>/<YYYY-MM>.ron`, one per device and month, written
//! only by that device. The first line names the format version and the device; every other
//! line is one [`Entry`]. A line is added by rewriting the file atomically (temporary file,
//! fsync, rename), so a crash leaves the journal with or without the new lines, never torn.
//! A line that does not parse is reported with its file, line and column, kept as it is, and
//! the other lines are read.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::copies::is_month_file;
use super::event::Entry;
use crate::files::write_atomically;

/// Folder of the data directory holding the journals.
pub const JOURNAL_DIR: &str = "journal";

/// The journal format this build writes and reads.
pub const JOURNAL_VERSION: u32 = 1;

/// The first line of a journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    version: u32,
    device: String,
}

/// `journal/<device>/<YYYY-MM>.ron` for a time (UTC months, like backup names).
#[must_use]
pub fn month_file(device: &str, at_unix_secs: u64) -> String {
    let stamp = crate::progress::clock::file_stamp(at_unix_secs);
    format!(
        "{JOURNAL_DIR}/{device}/{}-{}.ron",
        stamp.get(..4).unwrap_or("0000"),
        stamp.get(4..6).unwrap_or("00")
    )
}

/// The entries of one journal's text, and a message for each line that cannot be read.
#[must_use]
pub fn parse(path: &Path, text: &str) -> (Vec<Entry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let mut lines = text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty());
    match lines.next() {
        None => return (entries, problems),
        Some((_, first)) => match ron::from_str::<Header>(first) {
            Ok(header) if header.version > JOURNAL_VERSION => {
                problems.push(format!(
                    "{}:1:1: written by a newer Stagecraft (journal version {}, this build reads up to {JOURNAL_VERSION}); it is left untouched",
                    path.display(),
                    header.version
                ));
                return (entries, problems);
            }
            Ok(_) => {}
            Err(err) => problems.push(format!(
                "{}:1:{}: the first line is not a journal header (version and device): {}",
                path.display(),
                err.span.start.col.max(1),
                err.code
            )),
        },
    }
    for (index, line) in lines {
        match ron::from_str::<Entry>(line) {
            Ok(entry) => entries.push(entry),
            Err(err) => problems.push(format!(
                "{}:{}:{}: this journal line cannot be read and is skipped (the file is kept as it is): {}",
                path.display(),
                index + 1,
                err.span.start.col.max(1),
                err.code
            )),
        }
    }
    (entries, problems)
}

/// Reads one journal file.
///
/// # Errors
/// When the file cannot be read at all (the message names it).
pub fn read(path: &Path) -> Result<(Vec<Entry>, Vec<String>), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(parse(path, &text))
}

/// Every month journal of every device (`journal/*/YYYY-MM.ron`), sorted by path.
#[must_use]
pub fn journal_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(devices) = std::fs::read_dir(dir.join(JOURNAL_DIR)) else {
        return files;
    };
    for device in devices.flatten().filter(|d| d.path().is_dir()) {
        let Ok(months) = std::fs::read_dir(device.path()) else {
            continue;
        };
        files.extend(
            months
                .flatten()
                .filter(|m| m.file_name().to_str().is_some_and(is_month_file))
                .map(|m| m.path()),
        );
    }
    files.sort();
    files
}

/// What every journal of a data folder holds.
#[derive(Debug, Default)]
pub struct ReadAll {
    pub entries: Vec<Entry>,
    /// Lines and files that could not be read, with file, line and column.
    pub problems: Vec<String>,
}

/// Reads every journal of every device.
#[must_use]
pub fn read_all(dir: &Path) -> ReadAll {
    let mut all = ReadAll::default();
    for path in journal_files(dir) {
        match read(&path) {
            Ok((entries, problems)) => {
                all.entries.extend(entries);
                all.problems.extend(problems);
            }
            Err(message) => all.problems.push(message),
        }
    }
    all
}

/// Adds entries to this device's journal of the month of `now`: the old text (damaged lines
/// included) and the new lines, written atomically.
///
/// # Errors
/// When the journal was written by a newer Stagecraft, or cannot be read or written; it is
/// then unchanged.
pub fn append(dir: &Path, device: &str, entries: &[Entry], now: u64) -> Result<PathBuf, String> {
    let path = dir.join(month_file(device, now));
    if entries.is_empty() {
        return Ok(path);
    }
    let mut text = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| {
            format!(
                "{}: the journal is not UTF-8 text; it is kept and nothing more is written to it",
                path.display()
            )
        })?,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let header = Header {
                version: JOURNAL_VERSION,
                device: device.to_owned(),
            };
            let mut first = ron::to_string(&header).map_err(|e| e.to_string())?;
            first.push('\n');
            first
        }
        Err(err) => return Err(format!("{}: {err}", path.display())),
    };
    if let Some(first) = text.lines().next()
        && let Ok(header) = ron::from_str::<Header>(first)
        && header.version > JOURNAL_VERSION
    {
        return Err(format!(
            "{}: written by a newer Stagecraft; nothing is added to it",
            path.display()
        ));
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for entry in entries {
        let line = ron::to_string(entry).map_err(|e| format!("{}: {e}", path.display()))?;
        text.push_str(&line);
        text.push('\n');
    }
    write_atomically(&path, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::sync::event::Event;

    fn read_mark(topic: &str, at: u64) -> Entry {
        Entry::new(
            "dev",
            at,
            Event::Read {
                topic: topic.to_owned(),
                read: true,
            },
        )
    }

    #[test]
    fn appended_lines_are_read_back_and_a_damaged_line_is_named_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let at = 1_795_729_910; // 2026-11-26
        let path = append(dir.path(), "dev", &[read_mark("a", at)], at).unwrap();
        assert!(path.ends_with("journal/dev/2026-11.ron"), "{}", path.display());
        // A damaged line in the middle (as if edited by hand), then another append.
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("(id: \"x\", at: 1, device: \"dev\", event: Read(topic: \n");
        std::fs::write(&path, &text).unwrap();
        append(dir.path(), "dev", &[read_mark("b", at + 1)], at).unwrap();
        let all = read_all(dir.path());
        assert_eq!(all.entries.len(), 2);
        assert_eq!(all.problems.len(), 1);
        assert!(all.problems[0].contains("2026-11.ron:3:"), "{}", all.problems[0]);
        assert!(std::fs::read_to_string(&path).unwrap().contains("Read(topic: \n"));
    }

    #[test]
    fn a_journal_from_a_newer_build_is_neither_read_nor_written() {
        let dir = tempfile::tempdir().unwrap();
        let at = 1_795_729_910;
        let path = dir.path().join(month_file("dev", at));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "(version: 9, device: \"dev\")\n").unwrap();
        assert!(append(dir.path(), "dev", &[read_mark("a", at)], at).is_err());
        let all = read_all(dir.path());
        assert!(all.problems[0].contains("newer Stagecraft"));
    }
}
