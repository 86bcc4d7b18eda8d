//! "Restore a backup…" on the real app: from the command palette and from the damaged-file
//! banner it lists a file's backups newest first with date and size, says what restoring the
//! chosen one sets aside, and restores it keeping the current file; and the running app takes
//! a backup every 30 minutes while a file keeps changing.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::path::Path;

use crate::common::{app_harness, app_harness_with_clock, open_codebuild_via_tree, saved_progress};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use stagecraft::progress::backup;
use stagecraft::progress::{Clock, DataFile, Progress};

const START: u64 = 1_795_729_910;

fn progress_reading(topic: &str) -> Progress {
    let mut progress = Progress::default();
    progress.read.insert(topic.to_owned(), 1);
    progress
}

/// Backups of progress.ron reading "codebuild", "codedeploy" and "codepipeline", an hour
/// apart (the last one longest), and a current file reading "ecs".
fn write_backups(dir: &Path) {
    for (i, topic) in ["codebuild", "codedeploy", "codepipeline"].iter().enumerate() {
        let mut text = stagecraft::progress::to_ron(&progress_reading(topic)).unwrap();
        // Sizes that tell the rows apart.
        text.push_str(&"\n".repeat(i * 1000));
        backup::write_backup(dir, Progress::NAME, text.as_bytes(), START + i as u64 * 3600).unwrap();
    }
}

fn rows_top_to_bottom(harness: &egui_kittest::Harness<'static, stagecraft::StudyApp>) -> Vec<String> {
    let mut rows: Vec<(f32, String)> = harness
        .query_all_by_label_contains(" UTC · ")
        .map(|n| (n.rect().top(), n.accesskit_node().label().unwrap_or_default()))
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, label)| label).collect()
}

#[test]
fn the_palette_opens_the_chooser_which_restores_the_chosen_backup() {
    let dir = tempfile::tempdir().unwrap();
    write_backups(dir.path());
    std::fs::write(
        dir.path().join(Progress::NAME),
        stagecraft::progress::to_ron(&progress_reading("ecs")).unwrap(),
    )
    .unwrap();
    let mut harness = app_harness(dir.path());
    assert!(harness.state().progress().is_read("ecs"));

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run_steps(3);
    harness
        .get_by_label("Run a command")
        .type_text("restore a backup");
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(3);

    // Newest first, each with its date and size.
    let rows = rows_top_to_bottom(&harness);
    let sizes: Vec<String> = backup::list(dir.path(), Progress::NAME)
        .iter()
        .map(backup::Backup::size)
        .collect();
    assert_eq!(
        rows,
        [
            format!("2026-11-26 23:51:50 UTC · {}", sizes[0]),
            format!("2026-11-26 22:51:50 UTC · {}", sizes[1]),
            format!("2026-11-26 21:51:50 UTC · {}", sizes[2]),
        ]
    );
    assert!(
        sizes[0].ends_with("KB") && sizes[2].ends_with("bytes"),
        "{sizes:?}"
    );
    assert!(
        harness
            .query_by_label_contains("No backup is newer than this one")
            .is_some()
    );

    // The middle one: one backup is newer than it.
    harness.get_by_label(&rows[1]).click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("1 newer backup and the current file will be set aside")
            .is_some()
    );
    harness.get_by_label("Restore this backup").click();
    harness.run_steps(3);

    assert!(
        harness.query_by_label("Restore this backup").is_none(),
        "the chooser closed"
    );
    assert_eq!(
        harness.state().progress().read,
        progress_reading("codedeploy").read
    );
    assert_eq!(
        saved_progress(dir.path()).read,
        progress_reading("codedeploy").read
    );
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("progress.ron.replaced-")
        })
        .expect("the current file is kept beside the restored one");
    let kept: Progress = ron::from_str(&std::fs::read_to_string(kept.path()).unwrap()).unwrap();
    assert_eq!(kept.read, progress_reading("ecs").read);
    let status = harness.state().status_text();
    assert!(
        status.contains("Restored progress.ron from its backup of 2026-11-26 22:51:50 UTC")
            && status.contains("kept as progress.ron.replaced-"),
        "{status}"
    );
}

#[test]
fn the_damaged_file_banner_offers_the_chooser_for_that_file() {
    let dir = tempfile::tempdir().unwrap();
    write_backups(dir.path());
    std::fs::write(dir.path().join(Progress::NAME), "(version: 1, read: {").unwrap();
    let mut harness = app_harness(dir.path());
    assert_eq!(harness.state().damaged_files().len(), 1);

    harness.get_by_label("Restore a backup…").click();
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("Backups of progress.ron, newest first")
            .is_some()
    );
    let rows = rows_top_to_bottom(&harness);
    assert_eq!(rows.len(), 3);
    // The oldest: two backups and the damaged file are newer.
    harness.get_by_label(&rows[2]).click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("2 newer backups and the current file will be set aside")
            .is_some()
    );
    harness.get_by_label("Restore this backup").click();
    harness.run_steps(3);

    assert!(harness.state().damaged_files().is_empty(), "the banner is gone");
    assert_eq!(
        harness.state().progress().read,
        progress_reading("codebuild").read
    );
    let damaged_kept = std::fs::read_dir(dir.path()).unwrap().flatten().any(|e| {
        e.file_name()
            .to_string_lossy()
            .starts_with("progress.ron.damaged-")
    });
    assert!(damaged_kept, "the damaged file is kept");
}

#[test]
fn the_running_app_backs_up_a_changing_file_every_30_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    let mut harness = app_harness_with_clock(dir.path(), clock.clone());
    open_codebuild_via_tree(&mut harness);
    harness.get_by_label("Mark as read").click();
    harness.run_steps(2);
    assert!(saved_progress(dir.path()).is_read("codebuild"));
    // The run's first write over the file backed up what it replaced; that copy lacks the mark.
    let before = backup::list(dir.path(), Progress::NAME).len();
    clock.advance_secs(29 * 60);
    harness.run_steps(2);
    assert_eq!(backup::list(dir.path(), Progress::NAME).len(), before, "not yet");

    clock.advance_secs(2 * 60);
    harness.run_steps(2);
    let backups = backup::list(dir.path(), Progress::NAME);
    assert_eq!(
        backups.len(),
        before + 1,
        "a frame 30 minutes after the change takes a backup"
    );
    let copy: Progress = ron::from_str(&std::fs::read_to_string(&backups[0].path).unwrap()).unwrap();
    assert!(copy.is_read("codebuild"), "the timed backup holds the mark");

    // Nothing changes for two hours: no more copies.
    clock.advance_secs(2 * 3600);
    harness.run_steps(2);
    assert_eq!(backup::list(dir.path(), Progress::NAME).len(), before + 1);
}
