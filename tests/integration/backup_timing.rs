//! Backups on time and by choice, on the store with a manual clock: a file that keeps
//! changing is copied again every 30 minutes (and not when it did not change), and any backup
//! can be put back while the current file is kept beside it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::path::Path;

use stagecraft::progress::backup::{self, BACKUP_INTERVAL_SECS};
use stagecraft::progress::{Clock, DataFile, Progress, Store};

const START: u64 = 1_795_729_910;
const MINUTE: u64 = 60;

fn progress_reading(topics: &[&str]) -> Progress {
    let mut progress = Progress::default();
    for (i, topic) in topics.iter().enumerate() {
        progress.read.insert((*topic).to_owned(), i as u64);
    }
    progress
}

fn backup_contents(dir: &Path) -> Vec<Progress> {
    backup::list(dir, Progress::NAME)
        .iter()
        .map(|b| ron::from_str(&std::fs::read_to_string(&b.path).unwrap()).unwrap())
        .collect()
}

#[test]
fn a_file_that_keeps_changing_is_backed_up_every_30_minutes() {
    assert_eq!(BACKUP_INTERVAL_SECS, 30 * MINUTE);
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    let mut store = Store::open(dir.path()).unwrap().with_clock(clock.clone());

    // A new file: nothing to back up before it, and its first change is too recent.
    store.save(&progress_reading(&["a"])).unwrap();
    assert!(store.backup_if_due().unwrap().is_empty());
    clock.advance_secs(29 * MINUTE);
    assert!(store.backup_if_due().unwrap().is_empty(), "29 minutes is not 30");

    clock.advance_secs(MINUTE + 1);
    let made = store.backup_if_due().unwrap();
    assert_eq!(made.len(), 1, "30 minutes after the first change: {made:?}");
    assert_eq!(
        backup_contents(dir.path())[0],
        progress_reading(&["a"]),
        "the timed backup holds the file as it is now"
    );

    // Changing on: the next timed backup comes 30 minutes after the last one, not sooner.
    store.save(&progress_reading(&["a", "b"])).unwrap();
    clock.advance_secs(20 * MINUTE);
    store.save(&progress_reading(&["a", "b", "c"])).unwrap();
    assert!(store.backup_if_due().unwrap().is_empty());
    clock.advance_secs(10 * MINUTE);
    assert_eq!(store.backup_if_due().unwrap().len(), 1);
    assert_eq!(backup_contents(dir.path())[0], progress_reading(&["a", "b", "c"]));
    assert_eq!(backup::list(dir.path(), Progress::NAME).len(), 2);
}

#[test]
fn a_file_that_did_not_change_is_not_copied_again() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    let mut store = Store::open(dir.path()).unwrap().with_clock(clock.clone());
    store.save(&progress_reading(&["a"])).unwrap();
    clock.advance_secs(31 * MINUTE);
    assert_eq!(store.backup_if_due().unwrap().len(), 1);
    let taken = backup::list(dir.path(), Progress::NAME).len();
    // Hours pass with the app open, nothing saved: no new copies.
    for _ in 0..8 {
        clock.advance_secs(31 * MINUTE);
        assert!(store.backup_if_due().unwrap().is_empty());
    }
    assert_eq!(backup::list(dir.path(), Progress::NAME).len(), taken);
}

/// A data dir whose progress.ron has three backups (read "one", then "two", then "three")
/// and now reads "current".
fn dir_with_three_backups() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    for (i, topic) in ["one", "two", "three"].iter().enumerate() {
        let text = stagecraft::progress::to_ron(&progress_reading(&[topic])).unwrap();
        backup::write_backup(
            dir.path(),
            Progress::NAME,
            text.as_bytes(),
            START + i as u64 * 3600,
        )
        .unwrap();
    }
    clock.advance_secs(4 * 3600);
    let mut store = Store::open(dir.path()).unwrap().with_clock(clock);
    let current = stagecraft::progress::to_ron(&progress_reading(&["current"])).unwrap();
    std::fs::write(dir.path().join(Progress::NAME), current).unwrap();
    assert_eq!(store.load::<Progress>().unwrap(), progress_reading(&["current"]));
    (dir, store)
}

#[test]
fn backups_are_listed_newest_first_with_when_and_size() {
    let (dir, store) = dir_with_three_backups();
    let listed = store.backup_list(Progress::NAME);
    let taken: Vec<String> = listed.iter().map(backup::Backup::taken).collect();
    assert_eq!(
        taken,
        [
            "2026-11-26 23:51:50 UTC",
            "2026-11-26 22:51:50 UTC",
            "2026-11-26 21:51:50 UTC"
        ]
    );
    for b in &listed {
        assert_eq!(b.bytes, std::fs::metadata(&b.path).unwrap().len());
        assert!(b.size().ends_with("bytes"), "{}", b.size());
    }
    drop(dir);
}

#[test]
fn restoring_a_chosen_backup_keeps_the_current_file_beside_it() {
    let (dir, mut store) = dir_with_three_backups();
    let listed = store.backup_list(Progress::NAME);
    let (restored, kept) = store
        .restore_backup::<Progress>(Progress::NAME, &listed[1].path)
        .unwrap();
    assert_eq!(restored, progress_reading(&["two"]));
    let on_disk: Progress =
        ron::from_str(&std::fs::read_to_string(dir.path().join(Progress::NAME)).unwrap()).unwrap();
    assert_eq!(on_disk, progress_reading(&["two"]));
    let kept = kept.expect("the current file is set aside, not deleted");
    assert!(
        kept.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("progress.ron.replaced-"),
        "{}",
        kept.display()
    );
    let kept: Progress = ron::from_str(&std::fs::read_to_string(kept).unwrap()).unwrap();
    assert_eq!(kept, progress_reading(&["current"]));
    assert_eq!(
        store.backup_list(Progress::NAME).len(),
        3,
        "the newer backups stay where they were"
    );
    // And the store goes on saving over the restored file.
    store.save(&progress_reading(&["two", "more"])).unwrap();
}

#[test]
fn an_unreadable_backup_is_refused_and_nothing_changes() {
    let (dir, mut store) = dir_with_three_backups();
    let newest = store.backup_list(Progress::NAME)[0].path.clone();
    std::fs::write(&newest, "(version: 1, read: {").unwrap();
    let before = std::fs::read(dir.path().join(Progress::NAME)).unwrap();
    let err = store
        .restore_backup::<Progress>(Progress::NAME, &newest)
        .unwrap_err();
    assert!(err.contains("cannot be read"), "{err}");
    assert_eq!(std::fs::read(dir.path().join(Progress::NAME)).unwrap(), before);
    let aside = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .any(|e| e.file_name().to_string_lossy().contains(".replaced-"));
    assert!(!aside, "nothing was set aside");
}
