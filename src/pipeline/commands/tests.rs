//! Tests of the edit commands (compiled only for tests: `#[cfg(test)] mod tests;`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use super::*;
use crate::pipeline::edit::UndoHistory;

fn new_action(name: &str, category: Category, outputs: usize) -> NewAction {
    NewAction {
        name: name.into(),
        category,
        owner: Owner::AWS,
        provider: "CodeBuild".into(),
        version: "1".into(),
        configuration: BTreeMap::new(),
        outputs,
    }
}

fn perform(diagram: &mut Diagram, history: &mut UndoHistory, ops: Vec<Op>) {
    history.perform(diagram, "edit", ops).unwrap();
}

#[test]
fn connect_creates_an_output_and_wires_the_input() {
    let mut d = Diagram::new("t");
    let mut h = UndoHistory::default();
    let ops = add_action(&d, 0, 1, 0.0, &new_action("Source", Category::Source, 0));
    perform(&mut d, &mut h, ops);
    let ops = add_action(&d, 1, 1, 0.0, &new_action("Build", Category::Build, 0));
    perform(&mut d, &mut h, ops);
    let (src, build) = (d.stages[0].actions[0].id, d.stages[1].actions[0].id);
    let ops = connect(&d, src, build);
    perform(&mut d, &mut h, ops);
    assert_eq!(d.stages[0].actions[0].outputs, ["SourceOutput"]);
    assert_eq!(d.stages[1].actions[0].inputs, ["SourceOutput"]);
    let ops = rename_artifact(&d, "SourceOutput", "Src");
    perform(&mut d, &mut h, ops);
    assert_eq!(d.stages[1].actions[0].inputs, ["Src"]);
    let ops = delete_actions(&d, &BTreeSet::from([src]));
    perform(&mut d, &mut h, ops);
    assert!(d.stages[1].actions[0].inputs.is_empty(), "dangling input dropped");
}

fn cloudformation_deploy(d: &mut Diagram, h: &mut UndoHistory) -> ActionId {
    let ops = add_action(d, 0, 1, 0.0, &new_action("Source", Category::Source, 1));
    perform(d, h, ops);
    let mut deploy = new_action("Deploy", Category::Deploy, 0);
    deploy.provider = "CloudFormation".into();
    deploy.configuration = BTreeMap::from([
        ("ActionMode".into(), "CREATE_UPDATE".into()),
        ("TemplatePath".into(), "SourceOutput::infra/app.yaml".into()),
        ("TemplateConfiguration".into(), "SourceOutput::infra/prod.json".into()),
        (
            "ParameterOverrides".into(),
            r#"{"Bucket": {"Fn::GetArtifactAtt": ["SourceOutput", "BucketName"]}, "Tag": {"Fn::GetParam": ["SourceOutput", "tags.json", "SourceOutput"]}}"#
                .into(),
        ),
        ("StackName".into(), "SourceOutput".into()),
    ]);
    let ops = add_action(d, 1, 1, 0.0, &deploy);
    perform(d, h, ops);
    let (src, id) = (d.stages[0].actions[0].id, d.stages[1].actions[0].id);
    let ops = connect(d, src, id);
    perform(d, h, ops);
    id
}

#[test]
fn renaming_an_artifact_follows_configuration_that_names_it() {
    let mut d = Diagram::new("t");
    let mut h = UndoHistory::default();
    let id = cloudformation_deploy(&mut d, &mut h);
    let before = d.clone();
    let ops = rename_artifact(&d, "SourceOutput", "Templates");
    history_step(&mut d, &mut h, ops);
    let config = &d.action(id).unwrap().configuration;
    assert_eq!(config["TemplatePath"], "Templates::infra/app.yaml");
    assert_eq!(config["TemplateConfiguration"], "Templates::infra/prod.json");
    assert_eq!(
        config["ParameterOverrides"],
        r#"{"Bucket": {"Fn::GetArtifactAtt": ["Templates", "BucketName"]}, "Tag": {"Fn::GetParam": ["Templates", "tags.json", "SourceOutput"]}}"#
    );
    assert_eq!(config["StackName"], "SourceOutput", "not an artifact reference");
    assert_eq!(d.action(id).unwrap().inputs, ["Templates"]);
    assert_eq!(d.stages[0].actions[0].outputs, ["Templates"]);
    h.undo(&mut d).unwrap();
    assert_eq!(d, before, "one undo restores names and configuration");
    h.redo(&mut d).unwrap();
    assert_eq!(
        d.action(id).unwrap().configuration["TemplatePath"],
        "Templates::infra/app.yaml"
    );
}

#[test]
fn renaming_reaches_actions_that_only_name_the_artifact_in_configuration() {
    let mut d = Diagram::new("t");
    let mut h = UndoHistory::default();
    let id = cloudformation_deploy(&mut d, &mut h);
    let ops = disconnect(&d, "SourceOutput", id);
    perform(&mut d, &mut h, ops);
    let mut imported = d.action(id).unwrap().clone();
    imported
        .configuration
        .insert("RoleArn".into(), "!GetAtt SourceOutput.Arn".into());
    imported
        .configuration
        .insert("TemplatePath".into(), "!Sub SourceOutput::${File}".into());
    let ops = set_action(&d, imported);
    perform(&mut d, &mut h, ops);
    let ops = rename_artifact(&d, "SourceOutput", "Templates");
    assert_eq!(
        ops.len(),
        2,
        "the producer and the action whose configuration names it"
    );
    perform(&mut d, &mut h, ops);
    let config = &d.action(id).unwrap().configuration;
    assert_eq!(config["TemplateConfiguration"], "Templates::infra/prod.json");
    assert_eq!(
        config["TemplatePath"], "!Sub SourceOutput::${File}",
        "intrinsics stay"
    );
    assert!(rename_artifact(&d, "Templates", "Templates").is_empty());
    assert!(rename_artifact(&d, "Nothing", "Else").is_empty());
}

fn history_step(diagram: &mut Diagram, history: &mut UndoHistory, ops: Vec<Op>) {
    history.perform(diagram, "Rename artifact", ops).unwrap();
    assert_eq!(history.undo_label(), Some("Rename artifact"));
}

#[test]
fn paste_makes_unique_names_and_rewires_inside_the_copy() {
    let mut d = Diagram::new("t");
    let mut h = UndoHistory::default();
    let ops = add_action(&d, 1, 1, 0.0, &new_action("A", Category::Build, 1));
    perform(&mut d, &mut h, ops);
    let ops = add_action(&d, 1, 2, 0.0, &new_action("B", Category::Build, 0));
    perform(&mut d, &mut h, ops);
    let (a, b) = (d.stages[1].actions[0].id, d.stages[1].actions[1].id);
    let ops = connect(&d, a, b);
    perform(&mut d, &mut h, ops);
    let copied: Vec<Action> = d.stages[1].actions.clone();
    let ops = paste(&d, 1, &copied, 40.0);
    perform(&mut d, &mut h, ops);
    let names: Vec<&str> = d.stages[1].actions.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names, ["A", "B", "A2", "B2"]);
    let (a2, b2) = (&d.stages[1].actions[2], &d.stages[1].actions[3]);
    assert_eq!(b2.inputs, a2.outputs, "the copy reads the copied artifact");
    assert_ne!(a2.outputs, d.stages[1].actions[0].outputs);
}

#[test]
fn moving_between_stages_keeps_the_action() {
    let mut d = Diagram::new("t");
    let mut h = UndoHistory::default();
    let ops = add_action(&d, 1, 1, 0.0, &new_action("Build", Category::Build, 1));
    perform(&mut d, &mut h, ops);
    let id = d.stages[1].actions[0].id;
    let ops = move_actions(&d, &[(id, Some(0), 2, 10.0)]);
    perform(&mut d, &mut h, ops);
    assert!(d.stages[1].actions.is_empty());
    assert_eq!(d.stages[0].actions[0].id, id);
    assert_eq!(d.stages[0].actions[0].run_order, 2);
    h.undo(&mut d).unwrap();
    assert_eq!(d.stages[1].actions[0].id, id);
}

#[test]
fn settings_stage_conditions_and_shell_commands_are_single_undoable_steps() {
    use crate::pipeline::catalog::conditions::ConditionKind;
    use crate::pipeline::edit::PipelineSettings;
    let mut d = Diagram::new("t");
    let mut h = UndoHistory::default();
    let start = d.clone();
    let mut settings = PipelineSettings::of(&d);
    assert!(
        set_settings(&d, settings.clone()).is_empty(),
        "unchanged: no step"
    );
    settings.pipeline_type = Some("V2".into());
    settings.execution_mode = Some("PARALLEL".into());
    let ops = set_settings(&d, settings);
    perform(&mut d, &mut h, ops);
    assert_eq!(d.pipeline_type.as_deref(), Some("V2"));
    let mut extra = d.stages[1].extra.clone();
    stage_conditions::add_condition(&mut extra, ConditionKind::OnSuccess);
    stage_conditions::set_failure_result(&mut extra, Some("ROLLBACK"));
    let ops = set_stage_extra(&d, 1, extra);
    perform(&mut d, &mut h, ops);
    assert!(stage_conditions::has_condition(
        &d.stages[1].extra,
        ConditionKind::OnSuccess
    ));
    assert!(
        set_stage_extra(&d, 9, BTreeMap::new()).is_empty(),
        "no such stage"
    );
    h.undo(&mut d).unwrap();
    assert!(d.stages[1].extra.is_empty());
    h.undo(&mut d).unwrap();
    assert_eq!(d, start);

    let spec = crate::pipeline::catalog::by_key("commands").unwrap();
    let action = spec.new_action("Run");
    let with = with_shell_commands(
        &action,
        &["npm ci".to_owned(), String::new(), "npm test".to_owned()],
    );
    assert_eq!(shell_commands(&with), ["npm ci", "npm test"]);
    assert!(with_shell_commands(&with, &[]).extra.is_empty());
}
