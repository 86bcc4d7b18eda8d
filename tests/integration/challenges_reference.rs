//! The reference solution on the real app: after three submissions that fall short it is
//! offered in the challenge's brief and opens beside the learner's attempt with its
//! explanation; an attempt that meets every requirement offers it from the Challenge panel.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use egui_kittest::kittest::Queryable as _;
use stagecraft::course::{self, PackSource};
use stagecraft::quiz::History;

use crate::common::{self, app_harness};

type Harness = egui_kittest::Harness<'static, stagecraft::StudyApp>;

const ID: &str = "approval-before-production";
/// What `content/challenges/01-approval-before-production.ron` says, copied here so that the
/// test does not take its expectations from the code it tests.
const TITLE: &str = "Hold production for a human";
/// Part of the challenge's explanation.
const EXPLANATION_PART: &str = "so production installs exactly the bytes that ran on staging";
/// The approval action of the reference solution, as the outline titles it.
const REFERENCE_APPROVAL: &str = "ApproveRelease: Approval from Manual";
const SHOW: &str = "Show the reference solution";

fn open_challenge_and_start(harness: &mut Harness) {
    harness.get_by_label("Pipelines").click();
    harness.run_steps(3);
    harness.get_by_label("Challenges").click();
    harness.run_steps(3);
    harness.get_by_label(&format!("○  {TITLE}")).click();
    harness.run_steps(3);
    harness.get_by_label("Start this challenge").click();
    harness.run_steps(4);
}

fn submit(harness: &mut Harness) {
    harness.get_by_label("Submit for grading").click();
    harness.run_steps(3);
}

/// From the Challenge panel to the brief.
fn brief(harness: &mut Harness) {
    harness.get_by_label("Brief").click();
    harness.run_steps(3);
}

/// From the brief back to the attempt in the editor.
fn back_to_attempt(harness: &mut Harness) {
    harness.get_by_label_contains("Back to my attempt").click();
    harness.run_steps(3);
}

#[test]
fn three_failed_submissions_offer_the_reference_beside_the_attempt() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    open_challenge_and_start(&mut harness);

    // An empty attempt fails; two submissions are not enough.
    submit(&mut harness);
    submit(&mut harness);
    brief(&mut harness);
    assert_eq!(harness.query_all_by_label(SHOW).count(), 0);
    harness.get_by_label_contains("after 1 more failed submission");

    back_to_attempt(&mut harness);
    submit(&mut harness);
    let history: History = common::saved(dir.path(), "history.ron");
    let failed = history
        .challenges
        .iter()
        .filter(|r| r.challenge == ID && !r.solved())
        .count();
    assert_eq!(failed, 3);

    brief(&mut harness);
    harness.get_by_label_contains("3 submissions fell short");
    assert_eq!(harness.query_all_by_label(REFERENCE_APPROVAL).count(), 0);
    harness.get_by_label(SHOW).click();
    harness.run();

    // The window: the attempt (an empty pipeline, graded 0 of 5) beside the reference, and why.
    harness.get_by_label(&format!("Reference solution: {TITLE}"));
    harness.get_by_label("Your attempt");
    harness.get_by_label(&format!("{ID} · 0 of 5 requirements met"));
    harness.get_by_label(REFERENCE_APPROVAL);
    harness.get_by_label("Why it is built this way");
    assert!(
        harness
            .query_all_by_label_contains(EXPLANATION_PART)
            .next()
            .is_some(),
        "the explanation is shown"
    );

    harness.get_by_label("Close").click();
    harness.run_steps(3);
    assert_eq!(harness.query_all_by_label(REFERENCE_APPROVAL).count(), 0);
    harness.get_by_label(SHOW);
}

#[test]
fn a_solved_attempt_compares_itself_with_the_reference_from_the_panel() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    open_challenge_and_start(&mut harness);
    assert_eq!(
        harness
            .query_all_by_label("Compare with the reference solution")
            .count(),
        0,
        "an attempt that misses requirements is not offered the reference from the panel"
    );

    // Import the reference as the attempt: it meets every requirement.
    let course = course::load(&PackSource::embedded()).course.unwrap();
    let mut solution = course.challenge(ID).unwrap().challenge.solution.clone();
    solution.challenge = Some(ID.to_owned());
    crate::common::import_diagram(&mut harness, dir.path(), &solution);
    harness.get_by_label("5 of 5 requirements met");

    harness
        .get_by_label("Compare with the reference solution")
        .click();
    harness.run();
    harness.get_by_label(&format!("Reference solution: {TITLE}"));
    harness.get_by_label(&format!("{} · 5 of 5 requirements met", "storefront-release"));
    // The attempt is the reference, so the approval shows in both columns.
    assert_eq!(harness.query_all_by_label(REFERENCE_APPROVAL).count(), 2);

    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    assert_eq!(harness.query_all_by_label(REFERENCE_APPROVAL).count(), 0);
}
