//! Rotating backups in `backups/`: copies named `<file>.<YYYYMMDD-HHMMSS>.ron`, keeping the
//! newest few and then one a day, taken before the first write of a run, before a migration,
//! and every [`BACKUP_INTERVAL_SECS`] while a file keeps changing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::clock;
use crate::files::write_atomically;

/// Folder inside the data dir that holds backups.
pub const BACKUP_DIR: &str = "backups";

/// A file that keeps changing is backed up again once this long after its last backup (as
/// Anki does, every 30 minutes).
pub const BACKUP_INTERVAL_SECS: u64 = 30 * 60;

/// How many backups of each file are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackupPolicy {
    /// The newest backups, whatever their day.
    pub keep_recent: usize,
    /// Beyond those, the newest backup of each of this many most recent days.
    pub keep_daily: usize,
}

impl Default for BackupPolicy {
    fn default() -> Self {
        Self {
            keep_recent: 5,
            keep_daily: 30,
        }
    }
}

impl BackupPolicy {
    /// The most backups of one file that can exist after pruning.
    #[must_use]
    pub fn max_kept(&self) -> usize {
        self.keep_recent + self.keep_daily
    }
}

/// One backup file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// `YYYYMMDD-HHMMSS[-n]`, sorting by time.
    pub stamp: String,
    /// The file's size.
    pub bytes: u64,
}

impl Backup {
    fn day(&self) -> &str {
        self.stamp.get(..8).unwrap_or(&self.stamp)
    }

    /// When it was taken, for people: `2026-11-26 21:51:50 UTC`.
    #[must_use]
    pub fn taken(&self) -> String {
        let s = &self.stamp;
        match (
            s.get(0..4),
            s.get(4..6),
            s.get(6..8),
            s.get(9..11),
            s.get(11..13),
            s.get(13..15),
        ) {
            (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(se)) => {
                format!("{y}-{mo}-{d} {h}:{mi}:{se} UTC")
            }
            _ => s.clone(),
        }
    }

    /// Its size for people: `812 bytes`, `3.4 KB`, `1.2 MB`.
    #[must_use]
    pub fn size(&self) -> String {
        human_size(self.bytes)
    }
}

/// A size in bytes for people (decimal units, one decimal).
#[must_use]
pub fn human_size(bytes: u64) -> String {
    #[expect(clippy::cast_precision_loss, reason = "a size for display")]
    let b = bytes as f64;
    if bytes < 1000 {
        format!("{bytes} bytes")
    } else if bytes < 1_000_000 {
        format!("{:.1} KB", b / 1000.0)
    } else {
        format!("{:.1} MB", b / 1_000_000.0)
    }
}

/// Backup file names use the data-dir path with `/` flattened.
fn flat_name(name: &str) -> String {
    name.replace(['/', '\\'], "__")
}

/// Writes a backup of `bytes` for file `name`, stamped with `now`.
///
/// # Errors
/// When the backup folder or file cannot be written.
pub fn write_backup(dir: &Path, name: &str, bytes: &[u8], now: u64) -> std::io::Result<PathBuf> {
    let folder = dir.join(BACKUP_DIR);
    std::fs::create_dir_all(&folder)?;
    let stamp = clock::file_stamp(now);
    let flat = flat_name(name);
    let mut path = folder.join(format!("{flat}.{stamp}.ron"));
    let mut n = 1;
    while path.exists() {
        path = folder.join(format!("{flat}.{stamp}-{n}.ron"));
        n += 1;
    }
    write_atomically(&path, bytes)?;
    Ok(path)
}

/// Backups of file `name`, newest first.
#[must_use]
pub fn list(dir: &Path, name: &str) -> Vec<Backup> {
    let prefix = format!("{}.", flat_name(name));
    let Ok(entries) = std::fs::read_dir(dir.join(BACKUP_DIR)) else {
        return Vec::new();
    };
    let mut found: Vec<Backup> = entries
        .flatten()
        .filter_map(|entry| {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let stamp = file_name.strip_prefix(&prefix)?.strip_suffix(".ron")?;
            let looks_like_stamp = stamp.len() >= 15
                && stamp.as_bytes()[8] == b'-'
                && stamp
                    .chars()
                    .enumerate()
                    .all(|(i, c)| c.is_ascii_digit() || (c == '-' && (i == 8 || i >= 15)));
            looks_like_stamp.then(|| Backup {
                path: entry.path(),
                stamp: stamp.to_owned(),
                bytes: entry.metadata().map_or(0, |m| m.len()),
            })
        })
        .collect();
    found.sort_by(|a, b| stamp_key(&b.stamp).cmp(&stamp_key(&a.stamp)));
    found
}

/// The data files that have backups, by their name in the data dir (`diagrams/x.ron`), sorted.
#[must_use]
pub fn files_with_backups(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir.join(BACKUP_DIR)) else {
        return Vec::new();
    };
    let names: BTreeSet<String> = entries
        .flatten()
        .filter_map(|entry| {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            // `<flat name>.<stamp>.ron`: the flat name ends in `.ron` too.
            let without = file_name.strip_suffix(".ron")?;
            let (flat, _stamp) = without.rsplit_once('.')?;
            let name = flat.ends_with(".ron").then(|| flat.replacen("__", "/", 1))?;
            list(dir, &name)
                .iter()
                .any(|b| b.path == entry.path())
                .then_some(name)
        })
        .collect();
    names.into_iter().collect()
}

/// Orders `…-HHMMSS-2` after `…-HHMMSS-1` after `…-HHMMSS`.
fn stamp_key(stamp: &str) -> (&str, u32) {
    let (time, n) = stamp.get(..15).map_or((stamp, 0), |t| {
        (t, stamp[15..].trim_start_matches('-').parse().unwrap_or(0))
    });
    (time, n)
}

/// Deletes the backups of `name` the policy does not keep. Returns how many were removed.
///
/// # Errors
/// When a backup cannot be deleted.
pub fn prune(dir: &Path, name: &str, policy: &BackupPolicy, _now: u64) -> std::io::Result<usize> {
    let all = list(dir, name);
    let keep = kept(&all, policy);
    let mut removed = 0;
    for backup in all.iter().filter(|b| !keep.contains(&b.path)) {
        std::fs::remove_file(&backup.path)?;
        removed += 1;
    }
    Ok(removed)
}

/// Which backups (newest first) the policy keeps.
fn kept(newest_first: &[Backup], policy: &BackupPolicy) -> BTreeSet<PathBuf> {
    let mut keep: BTreeSet<PathBuf> = newest_first
        .iter()
        .take(policy.keep_recent)
        .map(|b| b.path.clone())
        .collect();
    let mut days = BTreeSet::new();
    for backup in newest_first.iter().skip(policy.keep_recent) {
        if days.len() >= policy.keep_daily {
            break;
        }
        if days.insert(backup.day().to_owned()) {
            keep.insert(backup.path.clone());
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_keeps_recent_then_one_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let policy = BackupPolicy {
            keep_recent: 3,
            keep_daily: 4,
        };
        let start = 1_795_729_910;
        // Ten days, three backups a day.
        for day in 0..10 {
            for hour in 0..3 {
                let now = start + day * clock::DAY_SECS + hour * 3600;
                write_backup(dir.path(), "progress.ron", b"x", now).unwrap();
                prune(dir.path(), "progress.ron", &policy, now).unwrap();
            }
        }
        let left = list(dir.path(), "progress.ron");
        assert_eq!(left.len(), policy.max_kept());
        let days: BTreeSet<&str> = left.iter().skip(3).map(Backup::day).collect();
        assert_eq!(days.len(), 4, "one backup per older day");
    }

    #[test]
    fn backups_say_when_they_were_taken_and_their_size() {
        let dir = tempfile::tempdir().unwrap();
        write_backup(dir.path(), "progress.ron", &[b'x'; 3400], 1_795_729_910).unwrap();
        let backup = &list(dir.path(), "progress.ron")[0];
        assert_eq!(backup.taken(), "2026-11-26 21:51:50 UTC");
        assert_eq!(backup.size(), "3.4 KB");
        assert_eq!(human_size(812), "812 bytes");
    }

    #[test]
    fn files_with_backups_names_each_file_once() {
        let dir = tempfile::tempdir().unwrap();
        for now in [0, 1] {
            write_backup(dir.path(), "progress.ron", b"a", now).unwrap();
            write_backup(dir.path(), "diagrams/x.ron", b"c", now).unwrap();
        }
        std::fs::write(dir.path().join(BACKUP_DIR).join("notes.txt"), "x").unwrap();
        assert_eq!(files_with_backups(dir.path()), ["diagrams/x.ron", "progress.ron"]);
    }

    #[test]
    fn list_ignores_other_files() {
        let dir = tempfile::tempdir().unwrap();
        write_backup(dir.path(), "progress.ron", b"a", 0).unwrap();
        write_backup(dir.path(), "settings.ron", b"b", 0).unwrap();
        write_backup(dir.path(), "diagrams/x.ron", b"c", 0).unwrap();
        assert_eq!(list(dir.path(), "progress.ron").len(), 1);
        assert_eq!(list(dir.path(), "diagrams/x.ron").len(), 1);
    }

    #[test]
    fn same_second_backups_get_distinct_names_in_order() {
        let dir = tempfile::tempdir().unwrap();
        for _ in 0..3 {
            write_backup(dir.path(), "progress.ron", b"a", 5).unwrap();
        }
        let stamps: Vec<String> = list(dir.path(), "progress.ron")
            .into_iter()
            .map(|b| b.stamp)
            .collect();
        assert_eq!(
            stamps,
            ["19700101-000005-2", "19700101-000005-1", "19700101-000005"]
        );
    }
}
