//! Temporary files a killed save left behind. [`super::write_atomically`] writes
//! `.<name>.XXXXXX` next to the target and renames it over the target; a crash before the rename
//! leaves the temporary file, which nothing ever reads. Opening the store removes those that are
//! old enough that no save can still be writing them.

use std::path::Path;
use std::time::{Duration, SystemTime};

/// How old a leftover must be before it is removed (a save takes milliseconds).
pub const LEFTOVER_AGE: Duration = Duration::from_secs(3600);

/// The folders of a data directory that saves write into.
const FOLDERS: [&str; 3] = ["", "diagrams", "backups"];

/// Whether a file name is one of our temporary files: `.` + a `.ron` file's name + `.` + six
/// letters or digits.
#[must_use]
pub fn is_leftover_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.') else {
        return false;
    };
    let Some((target, suffix)) = rest.rsplit_once('.') else {
        return false;
    };
    target.len() > ".ron".len()
        && target.ends_with(".ron")
        && suffix.len() == 6
        && suffix.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// Removes leftovers older than `min_age` from the data directory, `diagrams/` and `backups/`;
/// returns how many were removed. Anything unreadable is skipped: this is housekeeping.
pub fn remove_leftovers(dir: &Path, now: SystemTime, min_age: Duration) -> usize {
    let mut removed = 0;
    for folder in FOLDERS {
        let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
            continue;
        };
        for entry in entries.flatten() {
            let old_enough = entry
                .metadata()
                .ok()
                .filter(std::fs::Metadata::is_file)
                .and_then(|m| m.modified().ok())
                .and_then(|modified| now.duration_since(modified).ok())
                .is_some_and(|age| age >= min_age);
            let ours = entry.file_name().to_str().is_some_and(is_leftover_name);
            if ours && old_enough && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn only_temporary_names_of_ron_files_count() {
        assert!(is_leftover_name(".progress.ron.a1B2c3"));
        assert!(is_leftover_name(".pipeline-1.ron.ZZZZZZ"));
        assert!(!is_leftover_name("progress.ron"));
        assert!(!is_leftover_name(".progress.ron"));
        assert!(!is_leftover_name(".progress.ron.abc"));
        assert!(!is_leftover_name(".progress.ron.abc-12"));
        assert!(!is_leftover_name(".notes.txt.abcdef"));
        assert!(!is_leftover_name(".ron.abcdef"));
    }

    #[test]
    fn old_leftovers_go_and_everything_else_stays() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("diagrams")).unwrap();
        std::fs::create_dir_all(root.join("backups")).unwrap();
        let files = [
            ".progress.ron.abc123",
            "diagrams/.pipe.ron.XyZ789",
            "backups/.history.20261126-101010.ron.q1w2e3",
            "progress.ron",
            "diagrams/pipe.ron",
            ".hidden-note",
        ];
        for f in files {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let now = SystemTime::now();
        assert_eq!(
            remove_leftovers(root, now, LEFTOVER_AGE),
            0,
            "too fresh to remove"
        );
        let later = now + LEFTOVER_AGE + Duration::from_secs(1);
        assert_eq!(remove_leftovers(root, later, LEFTOVER_AGE), 3);
        for f in &files[..3] {
            assert!(!root.join(f).exists(), "{f}");
        }
        for f in &files[3..] {
            assert!(root.join(f).exists(), "{f}");
        }
    }
}
