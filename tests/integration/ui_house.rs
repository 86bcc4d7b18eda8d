//! Nothing typed is lost and no error is silent, on the real app: annotations and inspector
//! fields survive a mode switch and closing the window; errors stay in the corner until
//! dismissed; an unreadable `diagrams/` says so instead of looking empty.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common::{
    app_harness, app_harness_with_clock, canvas_point, open_codebuild_via_tree, saved_progress,
};
use egui::{Key, Modifiers, vec2};
use egui_kittest::kittest::Queryable as _;
use stagecraft::progress::Clock;
use stagecraft::ui::Mode;

const START: u64 = 1_795_729_910;
const ANNOTATION: &str = "Your annotation";

/// Opens the CodeBuild note and puts the keyboard in its annotation field.
fn focus_annotation(harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>) {
    open_codebuild_via_tree(harness);
    harness.get_by_label(ANNOTATION).focus();
    harness.run_steps(1);
}

#[test]
fn an_annotation_typed_then_left_with_ctrl_2_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    focus_annotation(&mut harness);
    harness
        .get_by_label(ANNOTATION)
        .type_text("buildspec phases run in order");
    harness.step();
    // Straight on, before the field loses focus or typing pauses.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num3);
    harness.run_steps(2);
    assert_eq!(harness.state().mode(), Mode::Pipelines);
    let progress = saved_progress(dir.path());
    assert_eq!(
        progress.annotations.get("codebuild").map(String::as_str),
        Some("buildspec phases run in order")
    );
}

#[test]
fn an_annotation_is_saved_when_typing_pauses_and_when_the_app_closes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    focus_annotation(&mut harness);
    harness.get_by_label(ANNOTATION).type_text("first");
    // A second and a bit of egui time with the field still focused.
    for _ in 0..80 {
        harness.step();
    }
    assert_eq!(
        saved_progress(dir.path())
            .annotations
            .get("codebuild")
            .map(String::as_str),
        Some("first")
    );
    harness.get_by_label(ANNOTATION).type_text(" second");
    harness.step();
    // Closing: eframe calls on_exit; the harness stands for it by dropping the app here.
    let mut app = harness;
    let state: &mut stagecraft::StudyApp = app.state_mut();
    eframe::App::on_exit(state, None);
    assert_eq!(
        saved_progress(dir.path())
            .annotations
            .get("codebuild")
            .map(String::as_str),
        Some("first second")
    );
}

#[test]
fn global_plain_keys_are_left_to_a_focused_text_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    focus_annotation(&mut harness);
    harness.key_press(Key::F1);
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Keyboard shortcuts").is_none(),
        "F1 did not open help while typing"
    );
}

#[test]
fn an_inspector_field_typed_then_left_with_ctrl_1_is_committed() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    crate::common::new_pipeline(&mut harness);
    let header = canvas_point(&harness, "Stage 2: Build", vec2(0.0, 0.0));
    crate::common::click_at(&mut harness, header, egui::PointerButton::Primary);
    harness.get_by_label("Name").focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Name").type_text("Package");
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run_steps(3);
    assert_eq!(
        harness.state().mode(),
        Mode::Notes,
        "the mode changes once the field is committed"
    );
    let names: Vec<String> = harness
        .state()
        .current_diagram()
        .unwrap()
        .stages
        .iter()
        .map(|s| s.name.to_string())
        .collect();
    assert_eq!(names, ["Source", "Package"]);
    let file = harness.state().open_diagram_file().unwrap().to_owned();
    let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
    assert!(text.contains("\"Package\""), "and saved");
}

#[test]
fn an_error_stays_on_screen_until_dismissed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("history.ron"),
        "History(version: 1, answers: [oops",
    )
    .unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    crate::common::start_practice(&mut harness);
    crate::common::answer(&mut harness, true);
    harness.get_by_label("Submit").click();
    harness.run_steps(3);
    let error = |h: &egui_kittest::Harness<'static, stagecraft::StudyApp>| {
        h.query_all_by_label_contains("history.ron is not saved")
            .next()
            .is_some()
    };
    assert!(error(&harness));
    // Other things happen; the error is still there.
    harness.get_by_label("Next").click();
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run_steps(3);
    assert!(error(&harness), "the error waits for the learner");
    assert_eq!(harness.state().notification_texts().len(), 1);
    harness.get_by_label("Dismiss").click();
    harness.run_steps(2);
    assert!(harness.state().notification_texts().is_empty());
}

#[test]
fn an_unreadable_diagram_folder_is_an_error_not_an_empty_library() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("diagrams"), "a file where the folder should be").unwrap();
    let mut harness = app_harness(dir.path());
    harness.get_by_label("Pipelines").click();
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_label_contains("Your pipelines cannot be listed")
            .next()
            .is_some(),
        "the library says it cannot be read"
    );
    assert!(harness.query_by_label("None yet.").is_none());
}

#[test]
fn drawing_reads_no_files_and_scans_no_history() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    let mut harness = app_harness_with_clock(dir.path(), clock);
    for mode in ["Progress", "Pipelines", "Quiz", "Notes"] {
        harness.get_by_label(mode).click();
        harness.run_steps(2);
    }
    let before = harness.state().refresh_counts();
    for mode in ["Progress", "Pipelines"] {
        harness.get_by_label(mode).click();
        harness.run_steps(30);
    }
    assert_eq!(
        harness.state().refresh_counts(),
        before,
        "30 frames of Progress and Pipelines"
    );
    // An answer recomputes the figures once; a new diagram re-reads the library once.
    harness.get_by_label("Quiz").click();
    harness.run_steps(2);
    harness.get_by_label("Start practice").click();
    harness.run_steps(2);
    crate::common::answer(&mut harness, true);
    harness.get_by_label("Submit").click();
    harness.run_steps(2);
    let after_answer = harness.state().refresh_counts();
    assert_eq!(after_answer.0, before.0 + 1);
    harness.get_by_label("Progress").click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("1 answer in 0 sessions")
            .is_some(),
        "the page shows the new figures"
    );
}

#[test]
fn importing_a_template_with_two_pipelines_asks_which_to_open() {
    let dir = tempfile::tempdir().unwrap();
    let template = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/templates/15-two-pipelines.yaml");
    let mut harness = app_harness(dir.path());
    harness.get_by_label("Pipelines").click();
    harness.run_steps(2);
    harness.get_by_label("Import…").click();
    harness.run_steps(2);
    harness.get_by_label("File").focus();
    harness
        .get_by_label("File")
        .type_text(&template.display().to_string());
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Import")
        .click();
    harness.run_steps(4);
    assert!(
        harness.state().open_diagram_file().is_none(),
        "nothing opens before the choice"
    );
    assert!(harness.query_by_label("Which pipeline?").is_some());
    // Each pipeline is named by its logical ID, in the template's order.
    assert!(harness.query_by_label_contains("ApiPipeline: ").is_some());
    assert!(harness.query_by_label_contains("WebPipeline: ").is_some());
    assert_eq!(harness.query_all_by_label("Open").count(), 2);
    harness.get_all_by_label("Open").nth(1).unwrap().click();
    harness.run_steps(3);
    let opened = harness.state().current_diagram().unwrap();
    assert_eq!(opened.logical_id.as_deref(), Some("WebPipeline"));
    assert!(harness.query_by_label("Which pipeline?").is_none());
}

#[test]
fn an_edit_updates_the_library_without_reading_the_folder_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    crate::common::new_pipeline(&mut harness);
    let before = harness.state().refresh_counts().1;
    let action = r#"{"name": "Compile", "actionTypeId": {"category": "Build", "owner": "AWS",
        "provider": "CodeBuild", "version": "1"}, "configuration": {"ProjectName": "app"}}"#;
    harness.event(egui::Event::Paste(action.to_owned()));
    harness.run_steps(3);
    assert_eq!(harness.state().current_diagram().unwrap().action_count(), 1);
    assert_eq!(
        harness.state().refresh_counts().1,
        before,
        "the folder is not read again"
    );
    assert!(
        harness
            .query_by_label_contains("new-pipeline (1 action")
            .is_some(),
        "the library shows the new count"
    );
}
