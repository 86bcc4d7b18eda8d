//! Copy and paste in the pipeline editor go through the system clipboard as CodePipeline JSON,
//! the text the AWS console's JSON view shows: an action, a stage or a whole pipeline pastes
//! in, and a copied selection comes out as action declarations.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;

use crate::common::{app_harness, new_pipeline};

type AppHarness = egui_kittest::Harness<'static, stagecraft::StudyApp>;

/// A CodeBuild action as the console's JSON view shows it.
const CONSOLE_ACTION: &str = r#"{
    "name": "RunUnitTests",
    "actionTypeId": {"category": "Test", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
    "runOrder": 1,
    "configuration": {"ProjectName": "orders-unit-tests"},
    "outputArtifacts": [],
    "inputArtifacts": [{"name": "SourceOutput"}]
}"#;

fn paste(harness: &mut AppHarness, text: &str) {
    harness.event(egui::Event::Paste(text.to_owned()));
    harness.run_steps(3);
}

/// The text the last frame put on the system clipboard, if any.
fn copied(harness: &AppHarness) -> Option<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

fn action_names(harness: &AppHarness) -> Vec<String> {
    let diagram = harness.state().current_diagram().unwrap();
    diagram.actions().map(|(_, a)| a.name.to_string()).collect()
}

#[test]
fn an_action_from_the_console_pastes_in_and_copies_out_as_codepipeline_json() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    new_pipeline(&mut harness);

    paste(&mut harness, CONSOLE_ACTION);
    assert_eq!(action_names(&harness), ["RunUnitTests"]);
    let diagram = harness.state().current_diagram().unwrap();
    let action = diagram.actions().next().unwrap().1;
    assert_eq!(action.configuration["ProjectName"], "orders-unit-tests");
    assert_eq!(action.inputs, ["SourceOutput"]);

    // Select it and copy: the clipboard gets the action declaration.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(1);
    harness.event(egui::Event::Copy);
    harness.step();
    let text = copied(&harness).expect("the copy reaches the system clipboard");
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["name"], "RunUnitTests");
    assert_eq!(json["actionTypeId"]["provider"], "CodeBuild");
    assert_eq!(json["configuration"]["ProjectName"], "orders-unit-tests");

    // Pasting that text again adds a copy with a new name.
    harness.run_steps(2);
    paste(&mut harness, &text);
    assert_eq!(action_names(&harness), ["RunUnitTests", "RunUnitTests2"]);
}

#[test]
fn a_stage_and_a_whole_pipeline_paste_in_and_other_json_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    new_pipeline(&mut harness);

    let stage = format!(r#"{{"name": "Test", "actions": [{CONSOLE_ACTION}]}}"#);
    paste(&mut harness, &stage);
    let diagram = harness.state().current_diagram().unwrap();
    let names: Vec<&str> = diagram.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Source", "Build", "Test"]);
    assert_eq!(diagram.stages[2].actions[0].name, "RunUnitTests");
    // One step: undo takes the whole stage away.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().current_diagram().unwrap().stages.len(), 2);

    let whole = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pipelines/get-pipeline.json"),
    )
    .unwrap();
    paste(&mut harness, &whole);
    assert_eq!(
        harness.state().current_diagram().unwrap().name,
        "orders-service-release",
        "a whole pipeline opens as a new diagram"
    );

    paste(&mut harness, r#"{"hello": "world"}"#);
    assert!(
        harness
            .state()
            .notification_texts()
            .iter()
            .any(|t| t.contains("not a CodePipeline action, stage or pipeline")),
        "{:?}",
        harness.state().notification_texts()
    );
    assert!(
        harness
            .query_all_by_label_contains("not a CodePipeline action")
            .next()
            .is_some()
    );
}
