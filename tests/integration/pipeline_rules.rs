//! The CodePipeline structure rules: each rule passes a valid pipeline and catches a broken
//! one, findings name their stage and action, and every example pipeline of the pack is valid.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::path::PathBuf;

use stagecraft::pipeline::Text;
use stagecraft::pipeline::rules::{self, Finding, RuleId, Severity};
use stagecraft::pipeline::{Action, ActionId, Category, Diagram, Owner, Stage, catalog};

/// A palette action with its preset configuration and the given artifacts.
fn action(id: u32, key: &str, name: &str, inputs: &[&str], outputs: &[&str]) -> Action {
    let mut action = catalog::by_key(key).unwrap().new_action(name);
    action.id = ActionId(id);
    action.inputs = inputs.iter().map(|s| Text::from(*s)).collect();
    action.outputs = outputs.iter().map(|s| Text::from(*s)).collect();
    action
}

fn stage(name: &str, actions: Vec<Action>) -> Stage {
    Stage {
        name: Text::from(name),
        actions,
        ..Default::default()
    }
}

/// Source → Build → Deploy, valid in every respect.
fn valid() -> Diagram {
    let mut diagram = Diagram::new("valid-pipeline");
    diagram.role_arn = Text::from("arn:aws:iam::111122223333:role/PipelineRole");
    diagram.artifact_bucket = Text::from("artifacts-bucket");
    diagram.stages = vec![
        stage("Source", vec![action(1, "codecommit", "Source", &[], &["Src"])]),
        stage(
            "Build",
            vec![action(2, "codebuild", "Compile", &["Src"], &["Built"])],
        ),
        stage("Deploy", vec![action(3, "codedeploy", "Deploy", &["Built"], &[])]),
    ];
    diagram
}

fn of_rule(diagram: &Diagram, rule: RuleId) -> Vec<Finding> {
    rule.check(diagram)
}

/// Exactly one finding of `rule`, checked for its severity and place.
fn only(diagram: &Diagram, rule: RuleId, severity: Severity) -> Finding {
    let found = of_rule(diagram, rule);
    assert_eq!(found.len(), 1, "{rule}: {found:#?}");
    let finding = found.into_iter().next().unwrap();
    assert_eq!(finding.severity, severity, "{finding}");
    assert_eq!(finding.rule, rule);
    assert!(!finding.topic.is_empty());
    finding
}

#[test]
fn the_valid_pipeline_has_no_findings() {
    assert_eq!(rules::check(&valid()), Vec::new());
}

#[test]
fn two_stages() {
    assert!(of_rule(&valid(), RuleId::TwoStages).is_empty());
    let mut diagram = valid();
    diagram.stages.truncate(1);
    let finding = only(&diagram, RuleId::TwoStages, Severity::Error);
    assert_eq!(finding.stage, None);
    assert!(finding.to_string().starts_with("pipeline: "), "{finding}");
}

#[test]
fn source_stage_holds_only_sources() {
    assert!(of_rule(&valid(), RuleId::SourceStage).is_empty());

    let mut build_first = valid();
    build_first.stages[0]
        .actions
        .push(action(9, "codebuild", "Early", &["Src"], &[]));
    let finding = only(&build_first, RuleId::SourceStage, Severity::Error);
    assert_eq!((finding.stage, finding.action), (Some(0), Some(ActionId(9))));

    let mut late_source = valid();
    late_source.stages[1]
        .actions
        .push(action(9, "ecr", "Image", &[], &["Img"]));
    let finding = only(&late_source, RuleId::SourceStage, Severity::Error);
    assert_eq!(
        finding.to_string(),
        "stage \"Build\", action \"Image\": source actions belong in the first stage only"
    );

    let mut no_source = valid();
    no_source.stages[0].actions.clear();
    let finding = only(&no_source, RuleId::SourceStage, Severity::Error);
    assert_eq!((finding.stage, finding.action), (Some(0), None));
}

#[test]
fn stages_are_not_empty() {
    assert!(of_rule(&valid(), RuleId::StageNotEmpty).is_empty());
    let mut diagram = valid();
    diagram.stages.push(stage("Later", Vec::new()));
    let finding = only(&diagram, RuleId::StageNotEmpty, Severity::Error);
    assert_eq!(finding.stage, Some(3));
    assert_eq!(
        finding.to_string(),
        "stage \"Later\": a stage needs at least one action"
    );
}

#[test]
fn stage_names_are_unique() {
    assert!(of_rule(&valid(), RuleId::UniqueStageNames).is_empty());
    let mut diagram = valid();
    diagram.stages[2].name = Text::from("Build");
    assert_eq!(
        only(&diagram, RuleId::UniqueStageNames, Severity::Error).stage,
        Some(2)
    );
}

#[test]
fn action_names_are_unique_within_a_stage() {
    let mut diagram = valid();
    // The same name in another stage is fine.
    diagram.stages[2].actions[0].name = Text::from("Compile");
    assert!(of_rule(&diagram, RuleId::UniqueActionNames).is_empty());
    diagram.stages[1]
        .actions
        .push(action(9, "codebuild", "Compile", &["Src"], &[]));
    assert_eq!(
        only(&diagram, RuleId::UniqueActionNames, Severity::Error).action,
        Some(ActionId(9))
    );
}

#[test]
fn output_artifacts_are_unique() {
    assert!(of_rule(&valid(), RuleId::UniqueOutputs).is_empty());
    let mut diagram = valid();
    diagram.stages[2]
        .actions
        .push(action(9, "codebuild-test", "Retest", &["Built"], &["Src"]));
    let finding = only(&diagram, RuleId::UniqueOutputs, Severity::Error);
    assert_eq!(finding.action, Some(ActionId(9)));
    assert!(
        finding.message.contains("already produced by action \"Source\""),
        "{finding}"
    );
}

#[test]
fn inputs_come_from_earlier_actions() {
    assert!(of_rule(&valid(), RuleId::InputsProducedEarlier).is_empty());

    let mut missing = valid();
    missing.stages[1].actions[0].inputs = vec![Text::from("Nothing")];
    let finding = only(&missing, RuleId::InputsProducedEarlier, Severity::Error);
    assert_eq!(
        finding.to_string(),
        "stage \"Build\", action \"Compile\": input artifact \"Nothing\" is not produced by any earlier action"
    );

    // Produced later in the pipeline: not available yet.
    let mut later = valid();
    later.stages[1].actions[0].inputs.push(Text::from("Report"));
    later.stages[2]
        .actions
        .push(action(9, "lambda", "Report", &[], &["Report"]));
    let finding = only(&later, RuleId::InputsProducedEarlier, Severity::Error);
    assert!(finding.message.contains("does not run earlier"), "{finding}");

    // Same stage: a lower run order is earlier, the same run order is not.
    let mut same_stage = valid();
    let mut test = action(9, "codebuild-test", "UnitTest", &["Built"], &[]);
    test.run_order = 2;
    same_stage.stages[1].actions.push(test);
    assert!(of_rule(&same_stage, RuleId::InputsProducedEarlier).is_empty());
    same_stage.stages[1].actions[1].run_order = 1;
    assert_eq!(
        only(&same_stage, RuleId::InputsProducedEarlier, Severity::Error).action,
        Some(ActionId(9))
    );
}

#[test]
fn artifact_counts_follow_the_provider() {
    assert!(of_rule(&valid(), RuleId::ArtifactCounts).is_empty());

    let mut no_input = valid();
    no_input.stages[1].actions[0].inputs.clear();
    let finding = only(&no_input, RuleId::ArtifactCounts, Severity::Error);
    assert!(
        finding.message.contains("take 1 to 5 input artifacts"),
        "{finding}"
    );

    let mut source_without_output = valid();
    source_without_output.stages[0].actions[0].outputs.clear();
    source_without_output.stages[1].actions[0].inputs = vec![Text::from("Src")];
    let found = of_rule(&source_without_output, RuleId::ArtifactCounts);
    assert!(found.iter().any(|f| f.action == Some(ActionId(1))), "{found:#?}");

    let mut approval_with_input = valid();
    approval_with_input.stages[2]
        .actions
        .push(action(9, "manual-approval", "Approve", &["Built"], &[]));
    assert_eq!(
        only(&approval_with_input, RuleId::ArtifactCounts, Severity::Error).action,
        Some(ActionId(9))
    );
}

#[test]
fn unknown_providers_are_a_warning_not_an_error() {
    assert!(of_rule(&valid(), RuleId::KnownProvider).is_empty());
    let mut diagram = valid();
    let custom = &mut diagram.stages[1].actions[0];
    custom.owner = Owner::ThirdParty;
    custom.provider = Text::from("SomeVendor");
    only(&diagram, RuleId::KnownProvider, Severity::Warning);
    assert!(of_rule(&diagram, RuleId::ArtifactCounts).is_empty());
    assert!(!rules::has_errors(&rules::check(&diagram)));
}

#[test]
fn names_match_the_allowed_patterns() {
    assert!(of_rule(&valid(), RuleId::NamePatterns).is_empty());

    let mut spaces = valid();
    spaces.stages[1].name = Text::from("Build stage");
    assert_eq!(
        only(&spaces, RuleId::NamePatterns, Severity::Error).stage,
        Some(1)
    );

    let mut long_action = valid();
    long_action.stages[1].actions[0].name = Text::from("a".repeat(101));
    assert!(
        only(&long_action, RuleId::NamePatterns, Severity::Error)
            .message
            .contains("longer than 100")
    );

    let mut dotted_artifact = valid();
    dotted_artifact.stages[2].actions[0].inputs = vec![Text::from("Built.zip")];
    dotted_artifact.stages[1].actions[0].outputs = vec![Text::from("Built.zip")];
    // Reported once per action that uses it.
    assert_eq!(of_rule(&dotted_artifact, RuleId::NamePatterns).len(), 2);

    let mut bad_pipeline = valid();
    bad_pipeline.name = Text::from("my pipeline");
    assert_eq!(
        only(&bad_pipeline, RuleId::NamePatterns, Severity::Error).stage,
        None
    );
}

#[test]
fn run_orders_are_from_1_to_999() {
    assert!(of_rule(&valid(), RuleId::RunOrder).is_empty());
    let mut diagram = valid();
    diagram.stages[2].actions[0].run_order = 0;
    only(&diagram, RuleId::RunOrder, Severity::Error);
    diagram.stages[2].actions[0].run_order = 1000;
    only(&diagram, RuleId::RunOrder, Severity::Error);
}

#[test]
fn required_configuration_is_a_warning() {
    assert!(of_rule(&valid(), RuleId::RequiredConfig).is_empty());

    let mut diagram = valid();
    diagram.stages[0].actions[0].configuration.remove("BranchName");
    let finding = only(&diagram, RuleId::RequiredConfig, Severity::Warning);
    assert_eq!(finding.topic, "codecommit");
    assert!(finding.message.contains("\"BranchName\""), "{finding}");

    // Conditional keys: ChangeSetName only for the change set modes.
    let mut cfn = valid();
    cfn.stages[2].actions = vec![action(3, "cloudformation", "Stack", &["Built"], &[])];
    cfn.stages[2].actions[0]
        .configuration
        .insert("TemplatePath".to_owned(), Text::from("Built::template.yaml"));
    assert!(of_rule(&cfn, RuleId::RequiredConfig).is_empty());
    cfn.stages[2].actions[0]
        .configuration
        .insert("ActionMode".to_owned(), Text::from("CHANGE_SET_REPLACE"));
    let finding = only(&cfn, RuleId::RequiredConfig, Severity::Warning);
    assert!(finding.message.contains("ChangeSetName"), "{finding}");

    // CodeBuild's PrimarySource only with several inputs.
    let mut two_inputs = valid();
    two_inputs.stages[0]
        .actions
        .push(action(9, "s3-source", "Assets", &[], &["Assets"]));
    two_inputs.stages[1].actions[0].inputs.push(Text::from("Assets"));
    assert!(
        only(&two_inputs, RuleId::RequiredConfig, Severity::Warning)
            .message
            .contains("PrimarySource")
    );
}

#[test]
fn configuration_names_only_input_artifacts() {
    let mut diagram = valid();
    diagram.stages[2].actions = vec![action(3, "cloudformation", "Stack", &["Built"], &[])];
    diagram.stages[2].actions[0]
        .configuration
        .insert("TemplatePath".to_owned(), Text::from("Built::template.yaml"));
    assert!(of_rule(&diagram, RuleId::ConfigArtifactRefs).is_empty());
    diagram.stages[2].actions[0]
        .configuration
        .insert("TemplatePath".to_owned(), Text::from("Src::template.yaml"));
    let finding = only(&diagram, RuleId::ConfigArtifactRefs, Severity::Error);
    assert!(finding.message.contains("\"Src\""), "{finding}");
    assert_eq!(finding.topic, "cloudformation");

    // Pipeline variables are resolved at run time and not checked.
    diagram.stages[2].actions[0].configuration.insert(
        "TemplatePath".to_owned(),
        Text::from("#{BuildVariables.Artifact}::t.yaml"),
    );
    assert!(of_rule(&diagram, RuleId::ConfigArtifactRefs).is_empty());
}

#[test]
fn cross_region_actions_need_an_artifact_store() {
    assert!(of_rule(&valid(), RuleId::CrossRegion).is_empty());

    let mut diagram = valid();
    diagram.stages[2].actions[0].region = Some(Text::from("eu-west-1"));
    // Without artifact stores it may be the pipeline's own Region: a warning.
    only(&diagram, RuleId::CrossRegion, Severity::Warning);
    diagram.artifact_stores = [("us-east-1", "a"), ("us-west-2", "b")]
        .into_iter()
        .map(|(r, b)| (Text::from(r), Text::from(b)))
        .collect();
    only(&diagram, RuleId::CrossRegion, Severity::Error);
    diagram
        .artifact_stores
        .insert(Text::from("eu-west-1"), Text::from("c"));
    assert!(of_rule(&diagram, RuleId::CrossRegion).is_empty());

    // A source action's Region is the pipeline's own: actions there need nothing more.
    diagram.stages[0].actions[0].region = Some(Text::from("eu-west-1"));
    diagram.artifact_stores.clear();
    assert!(of_rule(&diagram, RuleId::CrossRegion).is_empty());

    // A second source, or a custom action, in another Region is refused.
    let mut other = action(9, "s3-source", "Assets", &[], &["Assets"]);
    other.region = Some(Text::from("us-west-2"));
    diagram.stages[0].actions.push(other);
    assert_eq!(
        only(&diagram, RuleId::CrossRegion, Severity::Error).action,
        Some(ActionId(9))
    );
    diagram.stages[0].actions.pop();
    let mut jenkins = action(9, "jenkins", "Jenkins", &["Src"], &[]);
    jenkins.region = Some(Text::from("us-west-2"));
    diagram.stages[1].actions.push(jenkins);
    assert_eq!(
        only(&diagram, RuleId::CrossRegion, Severity::Error).action,
        Some(ActionId(9))
    );
}

#[test]
fn every_rule_is_checked_and_explained() {
    for rule in RuleId::ALL {
        assert!(!rule.explanation().is_empty());
        assert!(!rule.topic().is_empty());
    }
    // Every topic a finding may point to exists in the course.
    let course = std::fs::read_to_string(root().join("content/course.ron")).unwrap();
    let topics: Vec<&str> = RuleId::ALL
        .iter()
        .map(|r| r.topic())
        .chain(catalog::all().iter().map(|p| p.topic))
        .collect();
    for topic in topics {
        assert!(
            course.contains(&format!("Topic(id: \"{topic}\"")),
            "unknown topic {topic}"
        );
    }
}

#[test]
fn findings_arrive_in_rule_order() {
    let mut diagram = valid();
    diagram.stages[1].name = Text::from("Build stage");
    diagram.stages[2].actions[0].inputs = vec![Text::from("Missing")];
    let rules: Vec<RuleId> = rules::check(&diagram).iter().map(|f| f.rule).collect();
    assert_eq!(rules, [RuleId::InputsProducedEarlier, RuleId::NamePatterns]);
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn examples() -> Vec<(PathBuf, Diagram)> {
    let dir = root().join("content/pipelines");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let mut diagram: Diagram = ron::from_str(&std::fs::read_to_string(&path).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            diagram.assign_missing_ids();
            (path, diagram)
        })
        .collect()
}

#[test]
fn every_example_pipeline_passes_the_rules() {
    let examples = examples();
    assert!(examples.len() >= 5, "{} examples", examples.len());
    for (path, diagram) in &examples {
        let findings = rules::check(diagram);
        let errors: Vec<String> = findings
            .iter()
            .filter(|f| f.is_error())
            .map(ToString::to_string)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        assert!(
            !diagram.description.is_empty(),
            "{} has no description",
            path.display()
        );
        assert!(rules::is_valid_name(&diagram.name), "{}", path.display());
    }
}

#[test]
fn examples_cover_the_promised_scenarios() {
    let examples = examples();
    let all: Vec<&Action> = examples
        .iter()
        .flat_map(|(_, d)| d.actions().map(|(_, a)| a))
        .collect();
    let has = |pred: &dyn Fn(&Action) -> bool| all.iter().any(|a| pred(a));
    assert!(has(&|a| a.provider == "CodeDeployToECS"));
    assert!(has(&|a| a
        .configuration
        .get("ActionMode")
        .is_some_and(|m| m == "CHANGE_SET_EXECUTE")));
    assert!(has(&|a| a.category == Category::Approval));
    assert!(has(&|a| a.region.is_some() && a.role_arn.is_some()));
    assert!(examples.iter().any(|(_, d)| {
        d.description
            .contains("CodeDeployDefault.LambdaCanary10Percent5Minutes")
    }));
}
