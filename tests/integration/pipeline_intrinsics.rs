//! Rules on values from CloudFormation intrinsics and on `Fn::If` branches: a value known only
//! at deployment gives at most an info line, a parameter's default is checked and named, every
//! branch is checked and named, and variable references name earlier namespaces.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use stagecraft::pipeline::Diagram;
use stagecraft::pipeline::Text;
use stagecraft::pipeline::cloudformation;
use stagecraft::pipeline::rules::{self, Finding, RuleId, Severity};

/// A template with one pipeline: `parameters` and `conditions` as YAML blocks (indented two
/// spaces), and `stages` as the YAML list under `Stages:` (indented eight spaces).
fn template(parameters: &str, conditions: &str, role: &str, stages: &str) -> Diagram {
    let text = format!(
        "AWSTemplateFormatVersion: \"2010-09-09\"\nParameters:\n  Unused: {{ Type: String }}\n{parameters}\n\
         Conditions:\n  Never: !Equals [ a, b ]\n{conditions}\nResources:\n  Pipeline:\n    Type: AWS::CodePipeline::Pipeline\n    Properties:\n      \
         RoleArn: {role}\n      ArtifactStore: {{ Type: S3, Location: artifacts-bucket }}\n      Stages:\n{stages}"
    );
    cloudformation::import(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

const SOURCE: &str = "        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: { Category: Source, Owner: AWS, Provider: CodeCommit, Version: \"1\" }
              Configuration: { RepositoryName: app, BranchName: main }
              OutputArtifacts: [ { Name: Src } ]
";

fn deploy(stage: &str, group: &str) -> String {
    format!(
        "        - Name: {stage}
          Actions:
            - Name: Deploy
              ActionTypeId: {{ Category: Deploy, Owner: AWS, Provider: CodeDeploy, Version: \"1\" }}
              Configuration: {{ ApplicationName: app, DeploymentGroupName: {group} }}
              InputArtifacts: [ {{ Name: Src }} ]
"
    )
}

const ROLE: &str = "arn:aws:iam::111122223333:role/pipeline";

fn errors(diagram: &Diagram) -> Vec<String> {
    rules::check(diagram)
        .iter()
        .filter(|f| f.is_error())
        .map(ToString::to_string)
        .collect()
}

fn of(diagram: &Diagram, rule: RuleId) -> Vec<Finding> {
    rules::check(diagram)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

#[test]
fn an_intrinsic_without_default_gives_an_info_line_not_an_error() {
    let diagram = template(
        "  Role: { Type: String }\n  StageName: { Type: String }",
        "",
        "!Ref Role",
        &format!("{SOURCE}{}", deploy("!Ref StageName", "g")),
    );
    assert_eq!(errors(&diagram), Vec::<String>::new());
    let roles = of(&diagram, RuleId::RoleArn);
    assert_eq!(roles.len(), 1, "{roles:#?}");
    assert_eq!(roles[0].severity, Severity::Info);
    assert_eq!(
        roles[0].message,
        "not checked: the service role comes from parameter Role"
    );
    let names = of(&diagram, RuleId::NamePatterns);
    assert_eq!(names.len(), 1, "{names:#?}");
    assert_eq!(names[0].severity, Severity::Info);
    assert!(names[0].message.contains("parameter StageName"), "{}", names[0]);
}

#[test]
fn a_parameter_default_is_checked_and_named() {
    let diagram = template(
        "  Role: { Type: String, Default: not-a-role }\n  StageName: { Type: String, Default: \"Bad Name\" }\n  Twin: { Type: String, Default: Source }",
        "",
        "!Ref Role",
        &format!(
            "{SOURCE}{}{}",
            deploy("!Ref StageName", "g"),
            deploy("!Ref Twin", "h")
        ),
    );
    assert_eq!(errors(&diagram), Vec::<String>::new(), "a default is no error");
    let role = of(&diagram, RuleId::RoleArn);
    assert_eq!(role.len(), 1);
    assert_eq!(role[0].severity, Severity::Warning);
    assert!(
        role[0]
            .message
            .starts_with("checked with the default of parameter Role (\"not-a-role\"): "),
        "{}",
        role[0]
    );
    let name = of(&diagram, RuleId::NamePatterns);
    assert!(
        name.iter()
            .any(|f| f.message.contains("default of parameter StageName") && f.message.contains("Bad Name")),
        "{name:#?}"
    );
    let twin = of(&diagram, RuleId::UniqueStageNames);
    assert_eq!(twin.len(), 1, "{twin:#?}");
    assert_eq!(twin[0].severity, Severity::Warning);
    assert!(
        twin[0].message.contains("default of parameter Twin"),
        "{}",
        twin[0]
    );
}

#[test]
fn an_intrinsic_region_and_artifact_name_are_not_errors() {
    let stages = format!(
        "{SOURCE}        - Name: Build
          Actions:
            - Name: Build
              Region: !Ref BuildRegion
              ActionTypeId: {{ Category: Build, Owner: AWS, Provider: CodeBuild, Version: \"1\" }}
              Configuration: {{ ProjectName: app }}
              InputArtifacts: [ {{ Name: !Ref SourceName }} ]
              OutputArtifacts: [ {{ Name: !Sub \"${{AWS::StackName}}-built\" }} ]
"
    );
    let diagram = template(
        "  BuildRegion: { Type: String }\n  SourceName: { Type: String }",
        "",
        ROLE,
        &stages,
    );
    assert_eq!(errors(&diagram), Vec::<String>::new());
    let region = of(&diagram, RuleId::CrossRegion);
    assert_eq!(region.len(), 1, "{region:#?}");
    assert_eq!(region[0].severity, Severity::Info);
    let input = of(&diagram, RuleId::InputsProducedEarlier);
    assert_eq!(input.len(), 1, "{input:#?}");
    assert_eq!(input[0].severity, Severity::Info);
}

#[test]
fn an_if_stage_and_its_twin_are_not_duplicates() {
    let stages = format!(
        "{SOURCE}        - !If
          - IsProd
{}          - {}",
        deploy("Deploy", "prod")
            .replacen("        - ", "          - ", 1)
            .replace("\n          ", "\n            "),
        deploy("Deploy", "test")
            .trim_start()
            .trim_start_matches("- ")
            .replace("\n          ", "\n            "),
    );
    let diagram = template("", "  IsProd: !Equals [ a, a ]", ROLE, &stages);
    assert_eq!(diagram.stages.len(), 3, "{:#?}", diagram.stages);
    assert_eq!(errors(&diagram), Vec::<String>::new());
    assert!(of(&diagram, RuleId::UniqueStageNames).is_empty());
}

#[test]
fn a_finding_from_one_branch_names_it() {
    // When IsProd is false, the Build stage has no action and the pipeline keeps a source
    // stage only.
    let stages = format!(
        "{SOURCE}        - Name: Build
          Actions:
            - !If
              - IsProd
              - Name: Deploy
                ActionTypeId: {{ Category: Deploy, Owner: AWS, Provider: CodeDeploy, Version: \"1\" }}
                Configuration: {{ ApplicationName: app, DeploymentGroupName: g }}
                InputArtifacts: [ {{ Name: Missing }} ]
              - !Ref AWS::NoValue
"
    );
    let diagram = template("", "  IsProd: !Equals [ a, a ]", ROLE, &stages);
    let found = errors(&diagram);
    assert!(
        found
            .contains(&"stage \"Build\": when IsProd is false: a stage needs at least one action".to_owned()),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|f| f.contains("when IsProd is true: input artifact \"Missing\"")),
        "{found:#?}"
    );
    let empty = of(&diagram, RuleId::StageNotEmpty);
    assert_eq!(empty[0].stage, Some(1), "the stage index is the diagram's");
}

#[test]
fn a_value_under_if_is_checked_on_each_branch() {
    let stages = format!("{SOURCE}{}", deploy("!If [ IsProd, Prod, \"Bad Name\" ]", "g"));
    let diagram = template("", "  IsProd: !Equals [ a, a ]", ROLE, &stages);
    let found = errors(&diagram);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("when IsProd is false: the stage name \"Bad Name\""),
        "{found:#?}"
    );
}

#[test]
fn conditions_are_combined_up_to_a_bound() {
    // Six conditional stages with the same name under six conditions: each alone is fine.
    let mut stages = SOURCE.to_owned();
    let mut conditions = String::new();
    for i in 0..6 {
        conditions.push_str(&format!("  C{i}: !Equals [ a, a ]\n"));
        stages.push_str(&format!(
            "        - !If\n          - C{i}\n{}          - !Ref AWS::NoValue\n",
            deploy("Deploy", "g")
                .replace("\n          ", "\n            ")
                .replacen("        - ", "          - ", 1)
        ));
    }
    stages.push_str(&deploy("Always", "g"));
    let diagram = template("", conditions.trim_end(), ROLE, &stages);
    let found = of(&diagram, RuleId::UniqueStageNames);
    // More than MAX_COMBINED conditions: each flipped alone, then all true, where the
    // duplicates show.
    assert!(!found.is_empty());
    assert!(
        found.iter().all(|f| f.message.starts_with("when C0 is true")),
        "{found:#?}"
    );
}

fn with_namespaces(build_config: &str, variables: &str) -> Diagram {
    let stages = format!(
        "        - Name: Source
          Actions:
            - Name: Source
              Namespace: SourceVariables
              ActionTypeId: {{ Category: Source, Owner: AWS, Provider: CodeCommit, Version: \"1\" }}
              Configuration: {{ RepositoryName: app, BranchName: main }}
              OutputArtifacts: [ {{ Name: Src }} ]
        - Name: Build
          Actions:
            - Name: Build
              Namespace: BuildVariables
              RunOrder: 1
              ActionTypeId: {{ Category: Build, Owner: AWS, Provider: CodeBuild, Version: \"1\" }}
              Configuration: {{ ProjectName: app, EnvironmentVariables: '{build_config}' }}
              InputArtifacts: [ {{ Name: Src }} ]
            - Name: Approve
              RunOrder: 2
              ActionTypeId: {{ Category: Approval, Owner: AWS, Provider: Manual, Version: \"1\" }}
              Configuration: {{ CustomData: 'built #{{BuildVariables.Version}}' }}
{variables}"
    );
    template("", "", ROLE, &stages)
}

#[test]
fn variable_references_name_earlier_namespaces() {
    let ok = with_namespaces(
        "[{\"name\":\"C\",\"value\":\"#{SourceVariables.CommitId}-#{codepipeline.PipelineExecutionId}\"}]",
        "",
    );
    assert_eq!(of(&ok, RuleId::VariableRefs), Vec::new());
    let later = with_namespaces("#{BuildVariables.Version}", "");
    let found = of(&later, RuleId::VariableRefs);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].is_error());
    assert!(found[0].message.contains("does not run earlier"), "{}", found[0]);
    let unknown = with_namespaces("#{Nowhere.X} #{variables.Env}", "");
    let found: Vec<String> = of(&unknown, RuleId::VariableRefs)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(found[0].contains("no earlier action declares the namespace \"Nowhere\""));
    assert!(found[1].contains("declares no variable \"Env\""));
}

#[test]
fn pipeline_variables_and_reserved_namespaces() {
    let mut diagram = with_namespaces("#{variables.Env}", "");
    let mut variable: stagecraft::pipeline::Diagram = diagram.clone();
    variable.variables =
        serde_json::from_value(serde_json::json!([{"name": "Env", "default_value": "dev"}])).unwrap();
    diagram.variables = variable.variables;
    assert_eq!(of(&diagram, RuleId::VariableRefs), Vec::new());
    diagram.stages[1].actions[1].namespace = Some(Text::from("codepipeline"));
    diagram.stages[1].actions[0].namespace = Some(Text::from("SourceVariables"));
    let found: Vec<String> = of(&diagram, RuleId::VariableRefs)
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(found.iter().any(|f| f.contains("reserved")), "{found:#?}");
    assert!(
        found
            .iter()
            .any(|f| f.contains("already declares the namespace \"SourceVariables\"")),
        "{found:#?}"
    );
}

#[test]
fn every_fixture_template_checks_without_errors() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/templates");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for diagram in cloudformation::import_all(&text).unwrap() {
            assert_eq!(errors(&diagram), Vec::<String>::new(), "{}", path.display());
        }
    }
}
