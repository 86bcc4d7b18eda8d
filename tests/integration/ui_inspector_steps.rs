//! Steps the inspector tests share: opening a pipeline pasted as the AWS console's JSON,
//! picking from a drop-down, typing into a field the way a learner does, selecting an action
//! or a stage, and reading the diagram as saved.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use stagecraft::pipeline::Diagram;

pub type AppHarness = egui_kittest::Harness<'static, stagecraft::StudyApp>;

/// A V2 pipeline as `aws codepipeline get-pipeline` prints it: a GitHub connection source, a
/// CodeBuild build and a CloudFormation deploy.
pub const ORDERS_PIPELINE: &str = r#"{"pipeline": {
    "name": "orders-api",
    "roleArn": "arn:aws:iam::111122223333:role/PipelineRole",
    "artifactStore": {"type": "S3", "location": "orders-artifacts"},
    "pipelineType": "V2",
    "stages": [
        {"name": "Source", "actions": [{
            "name": "GitHubSource",
            "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "CodeStarSourceConnection", "version": "1"},
            "runOrder": 1,
            "configuration": {
                "ConnectionArn": "arn:aws:codeconnections:us-east-1:111122223333:connection/orders",
                "FullRepositoryId": "my-org/orders",
                "BranchName": "main"
            },
            "outputArtifacts": [{"name": "SourceOutput"}],
            "inputArtifacts": []
        }]},
        {"name": "Build", "actions": [{
            "name": "Build",
            "actionTypeId": {"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
            "runOrder": 1,
            "configuration": {"ProjectName": "orders-build"},
            "outputArtifacts": [{"name": "BuildOutput"}],
            "inputArtifacts": [{"name": "SourceOutput"}]
        }]},
        {"name": "Deploy", "actions": [{
            "name": "Deploy",
            "actionTypeId": {"category": "Deploy", "owner": "AWS", "provider": "CloudFormation", "version": "1"},
            "runOrder": 1,
            "configuration": {
                "ActionMode": "CREATE_UPDATE",
                "StackName": "orders",
                "TemplatePath": "BuildOutput::template.yaml",
                "RoleArn": "arn:aws:iam::111122223333:role/CfnRole"
            },
            "outputArtifacts": [],
            "inputArtifacts": [{"name": "BuildOutput"}]
        }]}
    ],
    "version": 1
}}"#;

/// The real app in `dir` with [`ORDERS_PIPELINE`] open in the editor.
pub fn orders_pipeline(dir: &std::path::Path) -> AppHarness {
    let mut harness = crate::common::app_harness(dir);
    crate::common::new_pipeline(&mut harness);
    harness.event(egui::Event::Paste(ORDERS_PIPELINE.to_owned()));
    harness.run_steps(3);
    assert_eq!(diagram(&harness).name, "orders-api");
    harness
}

/// The diagram open in the editor.
pub fn diagram(harness: &AppHarness) -> Diagram {
    harness.state().current_diagram().unwrap().clone()
}

/// The open diagram as its file says.
pub fn saved_diagram(harness: &AppHarness) -> Diagram {
    let file = harness.state().open_diagram_file().unwrap();
    crate::common::saved(harness.state().data_dir(), file)
}

/// Picks `option` from the drop-down named `combo`, as a screen reader does.
pub fn choose(harness: &mut AppHarness, combo: &str, option: &str) {
    harness
        .get_by_role_and_label(Role::ComboBox, combo)
        .click_accesskit();
    harness.run_steps(2);
    // A screen reader's click: the pointer's press would close the pop-up before it selects.
    harness
        .get_by_role_and_label(Role::Button, option)
        .click_accesskit();
    harness.run_steps(3);
    // That click leaves the pop-up open; close it as the learner would.
    if harness.query_by_role_and_label(Role::Button, option).is_some() {
        harness
            .get_by_role_and_label(Role::ComboBox, combo)
            .click_accesskit();
        harness.run_steps(2);
    }
}

/// Replaces the text of the field named `label` with `text` and leaves it (Enter for one line,
/// Tab for several lines), which commits the edit.
pub fn type_into(harness: &mut AppHarness, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    if text.is_empty() {
        harness.key_press(Key::Backspace);
    } else {
        harness.get_by_label(label).type_text(text);
    }
    harness.run_steps(1);
    let key = if text.contains('\n') { Key::Tab } else { Key::Enter };
    harness.key_press(key);
    harness.run_steps(3);
}

/// Clicks the button named `label` (found by the accessibility tree, wherever it scrolled).
pub fn press(harness: &mut AppHarness, label: &str) {
    harness
        .get_by_role_and_label(Role::Button, label)
        .click_accesskit();
    harness.run_steps(3);
}

/// Selects the action named `name` by its node on the canvas ("Name (Provider) in Stage").
pub fn select_action(harness: &mut AppHarness, name: &str) {
    let prefix = format!("{name} (");
    harness
        .get_all_by_label_contains(&prefix)
        .find(|n| n.accesskit_node().label().is_some_and(|l| l.starts_with(&prefix)))
        .unwrap_or_else(|| panic!("no action {name} on the canvas"))
        .click_accesskit();
    harness.run_steps(3);
}

/// Selects stage `n` (counted from 1) by its lane's header.
pub fn select_stage(harness: &mut AppHarness, n: usize, name: &str) {
    harness
        .get_by_label(&format!("Stage {n}: {name}"))
        .click_accesskit();
    harness.run_steps(3);
}

/// Ctrl+Z, the undo key.
pub fn undo(harness: &mut AppHarness) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(3);
}
