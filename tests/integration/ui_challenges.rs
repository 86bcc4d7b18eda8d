//! Pipeline challenges on the real app: pick one in the Challenges tab, start it, watch the
//! live grade in the editor, submit a failing and a passing attempt, and find both in the
//! saved history, the challenge list and the progress view.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common;

use crate::common::app_harness;
use egui_kittest::kittest::Queryable as _;
use stagecraft::course::{self, PackSource};
use stagecraft::pipeline::challenge::{Challenge, grade};
use stagecraft::quiz::History;

const ID: &str = "approval-before-production";

fn challenge() -> Challenge {
    let course = course::load(&PackSource::embedded()).course.unwrap();
    course.challenge(ID).unwrap().challenge.clone()
}

fn submit(harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>) {
    harness.get_by_label("Submit for grading").click();
    harness.run_steps(3);
}

#[test]
fn start_grade_live_submit_and_see_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let challenge = challenge();
    let total = challenge.requirements.len();
    let mut harness = app_harness(dir.path());
    harness.get_by_label("Pipelines").click();
    harness.run_steps(3);
    harness.get_by_label("Challenges").click();
    harness.run_steps(3);
    harness.get_by_label(&format!("○  {}", challenge.title)).click();
    harness.run_steps(3);
    harness.get_by_label("Start this challenge").click();
    harness.run_steps(4);

    // A new attempt, opened in the editor and graded live.
    let attempt = harness.state().current_diagram().unwrap().clone();
    assert_eq!(attempt.challenge.as_deref(), Some(ID));
    let expected = grade(&challenge, &attempt);
    assert!(!expected.all_passed(), "the start diagram must not pass");
    harness.get_by_label(&format!("Challenge: {}", challenge.title));
    harness.get_by_label(&format!("{} of {total} requirements met", expected.passed_count));
    let failing = expected.results.iter().find(|r| !r.passed).unwrap();
    harness.get_by_label(&failing.hint);

    submit(&mut harness);
    let history: History = common::saved(dir.path(), "history.ron");
    assert_eq!(history.challenges.len(), 1);
    assert_eq!(history.challenges[0].challenge, ID);
    assert_eq!(history.challenges[0].passed, expected.passed_count);
    assert_eq!(history.challenges[0].total, total);
    assert_eq!(
        Some(history.challenges[0].diagram_file.as_str()),
        harness.state().open_diagram_file()
    );

    // The reference answer, imported as an attempt, meets every requirement.
    let mut solution = challenge.solution.clone();
    solution.challenge = Some(ID.to_owned());
    let path = dir.path().join("solution.ron");
    std::fs::write(
        &path,
        ron::ser::to_string_pretty(&solution, ron::ser::PrettyConfig::default()).unwrap(),
    )
    .unwrap();
    harness.get_by_label("Import…").click();
    harness.run_steps(2);
    harness.get_by_label("File").focus();
    harness
        .get_by_label("File")
        .type_text(&path.display().to_string());
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Import")
        .click();
    harness.run_steps(4);
    harness.get_by_label(&format!("{total} of {total} requirements met"));
    submit(&mut harness);
    let history: History = common::saved(dir.path(), "history.ron");
    assert_eq!(history.challenges.len(), 2);
    assert!(history.challenges[1].solved());
    assert!(harness.state().status_text().contains("Challenge solved"));

    // "Brief" goes back to the challenge, now marked solved in the list.
    harness.get_by_label("Brief").click();
    harness.run_steps(3);
    harness.get_by_label(&format!("✔  {}", challenge.title));
    assert_eq!(
        harness
            .query_all_by_label_contains("requirements · solved")
            .count(),
        1
    );
    assert_eq!(
        harness
            .query_all_by_label_contains("requirements · not yet")
            .count(),
        1
    );

    harness.get_by_label("Progress").click();
    harness.run_steps(3);
    let count = course::load(&PackSource::embedded())
        .course
        .unwrap()
        .challenges
        .len();
    harness.get_by_label(&format!("Pipeline challenges: 1 of {count} solved"));
    harness.get_by_label(&format!("best {total} of {total}"));
}

#[test]
fn an_ordinary_pipeline_shows_no_challenge_panel() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.get_by_label("Pipelines").click();
    harness.run_steps(3);
    harness.get_by_label("New pipeline").click();
    harness.run_steps(3);
    assert_eq!(harness.state().current_diagram().unwrap().challenge, None);
    assert_eq!(harness.query_all_by_label("Submit for grading").count(), 0);
}
