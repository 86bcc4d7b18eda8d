//! Pipeline challenges on the real app: pick one in the Challenges tab, start it, watch the
//! live grade in the editor, submit a failing and a passing attempt, and find both in the
//! saved history, the challenge list and the progress view.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common;

use crate::common::app_harness;
use egui_kittest::kittest::Queryable as _;
use stagecraft::course::{self, PackSource};
use stagecraft::pipeline::challenge::Challenge;
use stagecraft::quiz::History;

const ID: &str = "approval-before-production";
/// What `content/challenges/01-approval-before-production.ron` says, copied here so the test
/// does not take its expectations from the grader it tests.
const TITLE: &str = "Hold production for a human";
const REQUIREMENTS: usize = 5;
/// The hint of the first requirement ("CodePipeline would accept the pipeline"), which a new
/// pipeline with two empty stages fails.
const RULE_CHECK_HINT: &str = "Fix every error the Rule check lists in the right-hand panel: each stage needs an action, sources belong in the first stage only, and every input artifact must come from an earlier action.";
/// The challenges the built-in course has (`content/challenges/`).
const CHALLENGES: usize = 16;

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
    let mut harness = app_harness(dir.path());
    harness.get_by_label("Pipelines").click();
    harness.run_steps(3);
    harness.get_by_label("Challenges").click();
    harness.run_steps(3);
    harness.get_by_label(&format!("○  {TITLE}")).click();
    harness.run_steps(3);
    harness.get_by_label("Start this challenge").click();
    harness.run_steps(4);

    // A new attempt, opened in the editor and graded live: a new pipeline's two empty stages
    // meet none of the five requirements (no deploy, no approval, and CodePipeline refuses a
    // stage without actions).
    let attempt = harness.state().current_diagram().unwrap().clone();
    assert_eq!(attempt.challenge.as_deref(), Some(ID));
    let stages: Vec<&str> = attempt.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(stages, ["Source", "Build"]);
    assert_eq!(attempt.action_count(), 0);
    harness.get_by_label(&format!("Challenge: {TITLE}"));
    harness.get_by_label("0 of 5 requirements met");
    harness.get_by_label(RULE_CHECK_HINT);

    submit(&mut harness);
    let history: History = common::saved(dir.path(), "history.ron");
    assert_eq!(history.challenges.len(), 1);
    assert_eq!(history.challenges[0].challenge, ID);
    assert_eq!(history.challenges[0].passed, 0);
    assert_eq!(history.challenges[0].total, REQUIREMENTS);
    assert!(!history.challenges[0].solved());
    assert_eq!(
        Some(history.challenges[0].diagram_file.as_str()),
        harness.state().open_diagram_file()
    );

    // The reference answer, imported as an attempt, meets every requirement.
    let mut solution = challenge.solution.clone();
    solution.challenge = Some(ID.to_owned());
    crate::common::import_diagram(&mut harness, dir.path(), &solution);
    harness.get_by_label("5 of 5 requirements met");
    submit(&mut harness);
    let history: History = common::saved(dir.path(), "history.ron");
    assert_eq!(history.challenges.len(), 2);
    assert!(history.challenges[1].solved());
    assert!(harness.state().status_text().contains("Challenge solved"));

    // "Brief" goes back to the challenge, now marked solved in the list.
    harness.get_by_label("Brief").click();
    harness.run_steps(3);
    harness.get_by_label(&format!("✔  {TITLE}"));
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
    harness.get_by_label(&format!("Pipeline challenges: 1 of {CHALLENGES} solved"));
    harness.get_by_label("best 5 of 5");
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
