//! The note flow on the real app: open a topic through the tree, see its note, find the choice
//! saved, and come back to it after a restart.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common::{app_harness, open_codebuild_via_tree, saved_progress};
use egui_kittest::kittest::Queryable as _;

#[test]
fn clicking_a_topic_in_the_tree_shows_its_note_and_saves_the_choice() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());

    open_codebuild_via_tree(&mut harness);

    assert_eq!(harness.state().open_topic(), Some("codebuild"));
    // The note's own text is on screen (its heading and body come from notes/codebuild.md).
    assert!(
        harness.query_all_by_label_contains("buildspec").next().is_some(),
        "the CodeBuild note is shown"
    );
    assert_eq!(
        saved_progress(dir.path()).selected_topic.as_deref(),
        Some("codebuild")
    );

    // After a restart the app opens on the same topic.
    drop(harness);
    let harness = app_harness(dir.path());
    assert_eq!(harness.state().open_topic(), Some("codebuild"));
}

#[test]
fn marking_a_note_read_is_saved_at_once_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    open_codebuild_via_tree(&mut harness);
    harness.get_by_label("Mark as read").click();
    harness.run_steps(2);

    assert!(saved_progress(dir.path()).read.contains_key("codebuild"));
    drop(harness);
    let harness = app_harness(dir.path());
    assert!(harness.state().progress().is_read("codebuild"));
}

#[test]
fn a_damaged_progress_file_shows_a_banner_and_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = "(\n  version: 1,\n  read: {\"codebuild\" 5},\n)\n";
    std::fs::write(dir.path().join("progress.ron"), damaged).unwrap();
    let mut harness = app_harness(dir.path());
    assert!(
        harness
            .query_by_label_contains("progress.ron could not be read")
            .is_some()
    );
    assert!(
        harness.query_by_label_contains(":3:").is_some(),
        "the banner names the line"
    );

    // Reading on does not write over the damaged file.
    open_codebuild_via_tree(&mut harness);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("progress.ron")).unwrap(),
        damaged
    );

    // Starting fresh keeps the damaged file and saves from then on.
    harness
        .get_by_label("Start fresh (keep the damaged file)")
        .click();
    harness.run_steps(2);
    assert_eq!(
        saved_progress(dir.path()).selected_topic.as_deref(),
        Some("codebuild")
    );
    let kept = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .find(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("progress.ron.damaged-")
        })
        .expect("the damaged file is kept");
    assert_eq!(std::fs::read_to_string(kept.path()).unwrap(), damaged);
}
