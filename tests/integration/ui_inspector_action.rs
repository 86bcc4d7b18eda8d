//! The inspector's action page on the real app: enumerated configuration as drop-downs and
//! check boxes from the catalog, a custom action's registered provider name and version, a
//! Commands action's shell commands, the namespace and an approval's timeout, and artifacts
//! added only while the provider takes more; every edit one undo step.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use egui_kittest::kittest::Queryable as _;
use stagecraft::pipeline::{Owner, commands};

use crate::ui_inspector_steps::{
    AppHarness, choose, diagram, orders_pipeline, press, saved_diagram, select_action, type_into, undo,
};

fn action(harness: &AppHarness, name: &str) -> stagecraft::pipeline::Action {
    let d = diagram(harness);
    d.actions().find(|(_, a)| a.name == name).unwrap().1.clone()
}

#[test]
fn enumerated_configuration_is_picked_from_the_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = orders_pipeline(dir.path());
    select_action(&mut harness, "Deploy");
    choose(&mut harness, "ActionMode *", "CHANGE_SET_REPLACE");
    let deploy = action(&harness, "Deploy");
    assert_eq!(deploy.configuration["ActionMode"], "CHANGE_SET_REPLACE");
    assert!(
        harness.query_by_label("ChangeSetName *").is_some(),
        "a change set mode needs a change set name"
    );
    harness.get_by_label("CAPABILITY_IAM").click_accesskit();
    harness.run_steps(3);
    harness.get_by_label("CAPABILITY_AUTO_EXPAND").click_accesskit();
    harness.run_steps(3);
    assert_eq!(
        action(&harness, "Deploy").configuration["Capabilities"],
        "CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND"
    );
    assert_eq!(saved_diagram(&harness), diagram(&harness));
    undo(&mut harness);
    assert_eq!(
        action(&harness, "Deploy").configuration["Capabilities"],
        "CAPABILITY_IAM"
    );

    // A value the list lacks (a template function) is typed instead.
    choose(&mut harness, "ActionMode *", "Other…");
    type_into(&mut harness, "ActionMode *", "!Ref DeployMode");
    assert_eq!(
        action(&harness, "Deploy").configuration["ActionMode"].expression(),
        Some(&serde_json::json!({"Ref": "DeployMode"}))
    );
}

#[test]
fn a_custom_action_takes_the_provider_name_and_version_the_learner_registered() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = orders_pipeline(dir.path());
    select_action(&mut harness, "Build");
    choose(&mut harness, "Provider", "Jenkins or another custom build action");
    assert_eq!(action(&harness, "Build").owner, Owner::Custom);
    type_into(&mut harness, "Provider name", "TeamCityBuild");
    type_into(&mut harness, "Version", "2");
    type_into(&mut harness, "New key", "BuildConfigurationId");
    type_into(&mut harness, "BuildConfigurationId", "Orders_Release");
    let build = action(&harness, "Build");
    assert_eq!(
        (build.provider.as_str(), build.version.as_str()),
        ("TeamCityBuild", "2")
    );
    assert_eq!(build.configuration["BuildConfigurationId"], "Orders_Release");
    let findings = harness.state().pipeline_findings();
    assert!(
        !findings
            .iter()
            .any(|f| f.rule == stagecraft::pipeline::RuleId::KnownProvider),
        "a registered custom action is a known action type: {findings:#?}"
    );
    undo(&mut harness);
    assert_eq!(
        action(&harness, "Build").configuration["BuildConfigurationId"],
        ""
    );
    undo(&mut harness);
    assert!(
        !action(&harness, "Build")
            .configuration
            .contains_key("BuildConfigurationId")
    );
}

#[test]
fn namespace_timeout_commands_and_ports_as_the_provider_takes_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = orders_pipeline(dir.path());
    select_action(&mut harness, "Build");
    type_into(&mut harness, "Namespace", "BuildVariables");
    assert_eq!(
        action(&harness, "Build").namespace.as_deref(),
        Some("BuildVariables")
    );

    // A Commands action (the pipeline is V2): its shell commands, one per line.
    harness.event(egui::Event::Paste(
        r#"{"name": "Lint", "actionTypeId": {"category": "Compute", "owner": "AWS", "provider": "Commands", "version": "1"},
            "runOrder": 2, "commands": ["npm ci"], "inputArtifacts": [{"name": "SourceOutput"}], "outputArtifacts": []}"#
            .to_owned(),
    ));
    harness.run_steps(3);
    select_action(&mut harness, "Lint");
    type_into(&mut harness, "Shell commands", "npm ci\nnpm run lint");
    assert_eq!(
        commands::shell_commands(&action(&harness, "Lint")),
        ["npm ci", "npm run lint"]
    );
    choose(&mut harness, "ComputeType", "BUILD_GENERAL1_MEDIUM");
    assert_eq!(
        action(&harness, "Lint").configuration["ComputeType"],
        "BUILD_GENERAL1_MEDIUM"
    );
    // Commands takes at most one output: after one is added, no more are offered.
    press(&mut harness, "Add output");
    assert_eq!(action(&harness, "Lint").outputs.len(), 1);
    assert!(harness.query_by_label("Add output").is_none());
}

#[test]
fn an_approval_takes_a_timeout_in_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = orders_pipeline(dir.path());
    select_action(&mut harness, "Deploy");
    harness.event(egui::Event::Paste(
        r#"{"name": "Approve", "actionTypeId": {"category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1"},
            "runOrder": 1, "inputArtifacts": [], "outputArtifacts": []}"#
            .to_owned(),
    ));
    harness.run_steps(3);
    select_action(&mut harness, "Approve");
    // An approval reads and produces no artifact: neither is offered.
    assert!(harness.query_by_label("Add output").is_none());
    assert!(harness.query_by_label_contains("Add input").is_none());
    type_into(&mut harness, "Timeout (minutes)", "120");
    assert_eq!(action(&harness, "Approve").timeout_in_minutes, Some(120));
    type_into(&mut harness, "Timeout (minutes)", "");
    assert_eq!(action(&harness, "Approve").timeout_in_minutes, None);
}
