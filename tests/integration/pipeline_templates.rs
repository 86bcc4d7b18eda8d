//! Real-world CloudFormation: YAML with short-form tags, several pipelines in one template,
//! `Fn::If` around stages and actions, V2 settings kept through round trips, and exports that
//! stand on their own (cfn-lint clean).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use serde_json::{Value, json};
use stagecraft::cli::pipeline::{ExportOptions, ExportTo, run_check, run_export_with};
use stagecraft::pipeline::Text;
use stagecraft::pipeline::{cloudformation, codepipeline, formats};

const TEMPLATE: &str = r#"AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
    Default: dev
  Unused:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
  AppPipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      Name: !Sub '${AWS::StackName}-app'
      RoleArn: !GetAtt Role.Arn
      PipelineType: V2
      ExecutionMode: QUEUED
      RestartExecutionOnUpdate: true
      Variables:
        - Name: Stage
          DefaultValue: beta
      Triggers:
        - ProviderType: CodeStarSourceConnection
          GitConfiguration:
            SourceActionName: Source
            Push:
              - Branches:
                  Includes: [main]
      ArtifactStore:
        Type: S3
        Location: !Ref Bucket
        EncryptionKey:
          Id: alias/aws/s3
          Type: KMS
      Stages:
        - Name: Source
          Actions:
            - Name: Source
              ActionTypeId: {Category: Source, Owner: AWS, Provider: CodeStarSourceConnection, Version: '1'}
              Configuration:
                ConnectionArn: !Sub 'arn:aws:codestar-connections:${AWS::Region}:${AWS::AccountId}:connection/x'
                FullRepositoryId: owner/repo
                BranchName: main
              OutputArtifacts:
                - Name: !Sub '${Env}Source'
        - Name: Build
          OnFailure:
            Result: ROLLBACK
          Actions:
            - Name: Commands
              ActionTypeId: {Category: Compute, Owner: AWS, Provider: Commands, Version: '1'}
              Commands: [make test]
              TimeoutInMinutes: 30
              InputArtifacts:
                - Name: !Sub '${Env}Source'
            - !If
              - IsProd
              - Name: Approve
                ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: '1'}
                RunOrder: 2
              - !Ref AWS::NoValue
        - !If
          - IsProd
          - Name: Prod
            Actions:
              - Name: Gate
                ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: '1'}
          - Name: Dev
            Actions:
              - Name: Gate
                ActionTypeId: {Category: Approval, Owner: AWS, Provider: Manual, Version: '1'}
  OtherPipeline:
    Type: AWS::CodePipeline::Pipeline
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/Other
      ArtifactStore: {Type: S3, Location: other-bucket}
      Stages:
        - Name: Source
          Actions:
            - Name: S
              ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: '1'}
              Configuration: {S3Bucket: b, S3ObjectKey: k.zip}
              OutputArtifacts: [{Name: Out}]
        - Name: Deploy
          Actions:
            - Name: D
              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: S3, Version: '1'}
              Configuration: {BucketName: site, Extract: 'true'}
              InputArtifacts: [{Name: Out}]
"#;

fn write(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn yaml_templates_with_several_pipelines_read_from_content() {
    // No extension: the format comes from the content.
    let (_dir, path) = write("pipelines", TEMPLATE);
    let all = formats::read_all(&path).unwrap();
    let ids: Vec<_> = all.iter().map(|d| d.logical_id.clone().unwrap()).collect();
    assert_eq!(ids, ["AppPipeline", "OtherPipeline"]);
    let app = &all[0];
    assert_eq!(
        app.name.expression(),
        Some(&json!({"Fn::Sub": "${AWS::StackName}-app"}))
    );
    assert_eq!(
        app.role_arn.expression(),
        Some(&json!({"Fn::GetAtt": ["Role", "Arn"]}))
    );
    assert_eq!(app.pipeline_type.as_deref(), Some("V2"));
    assert_eq!(app.execution_mode.as_deref(), Some("QUEUED"));
    assert_eq!(app.variables[0].name, "Stage");
    assert_eq!(
        app.triggers[0]["gitConfiguration"]["push"][0]["branches"]["includes"],
        json!(["main"])
    );
    assert_eq!(
        app.encryption_key,
        Some(json!({"id": "alias/aws/s3", "type": "KMS"}))
    );
    assert_eq!(app.template.properties["RestartExecutionOnUpdate"], json!(true));
    assert!(app.template.parameters.contains_key("Env"));
    assert!(!app.template.parameters.contains_key("Unused"));
    assert!(app.template.conditions.contains_key("IsProd"));
    // Fn::If: the stage has both branches, the action its one branch.
    let names: Vec<_> = app
        .stages
        .iter()
        .map(|s| (s.name.as_str(), s.when.clone().map(|b| b.holds)))
        .collect();
    assert_eq!(
        names,
        [
            ("Source", None),
            ("Build", None),
            ("Prod", Some(true)),
            ("Dev", Some(false))
        ]
    );
    let build = &app.stages[1];
    assert_eq!(build.extra["onFailure"], json!({"result": "ROLLBACK"}));
    assert_eq!(build.actions.len(), 2);
    assert_eq!(build.actions[0].timeout_in_minutes, Some(30));
    assert_eq!(build.actions[0].extra["commands"], json!(["make test"]));
    assert_eq!(build.actions[1].when.as_ref().unwrap().condition, "IsProd");
}

#[test]
fn yaml_shape_errors_name_line_and_column() {
    let text = "Resources:\n  P:\n    Type: AWS::CodePipeline::Pipeline\n    Properties:\n      Stages:\n        - Name: S\n";
    let err = formats::load_text("t.yaml", "yaml", text)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("t.yaml:6:11: "), "{err}");
    let err = formats::load_text("t.yaml", "", "a: [1,\n")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("t.yaml:"), "{err}");
}

#[test]
fn cloudformation_round_trip_keeps_every_property() {
    let all = formats::load_all("t", "", TEMPLATE).unwrap();
    let text = cloudformation::export_all(&all);
    let again = formats::load_all("t.json", "json", &text).unwrap();
    // Outside references became parameters on the first export; after that, nothing changes.
    assert_eq!(cloudformation::export_all(&again), text);
    let mut first = all[1].clone();
    first.description = again[1].description.clone();
    assert_eq!(first, again[1]);
    assert_eq!(again[0].stages, all[0].stages);
    assert_eq!(again[0].triggers, all[0].triggers);
    let exported: Value = serde_json::from_str(&text).unwrap();
    let app = &exported["Resources"]["AppPipeline"]["Properties"];
    assert_eq!(app["Stages"][2]["Fn::If"][0], json!("IsProd"));
    assert_eq!(
        app["Stages"][1]["Actions"][1]["Fn::If"][2],
        json!({"Ref": "AWS::NoValue"})
    );
    // Dropped resources became parameters; the declared one kept its default.
    assert_eq!(app["RoleArn"], json!({"Ref": "RoleArn"}));
    assert_eq!(exported["Parameters"]["Env"]["Default"], json!("dev"));
    assert!(exported["Parameters"]["Bucket"].is_object());
    assert!(exported["Conditions"]["IsProd"].is_object());
}

#[test]
fn codepipeline_round_trip_keeps_v2_fields() {
    let all = formats::load_all("t", "", TEMPLATE).unwrap();
    let values = [
        ("Env", "prod"),
        ("AWS::StackName", "s"),
        ("AWS::Region", "eu-west-1"),
        ("AWS::AccountId", "1"),
        ("Bucket", "b"),
        ("IsProd", "true"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let resolved = codepipeline::resolve(&all[0], &values);
    // GetAtt of a resource cannot be given as a parameter.
    assert!(
        resolved
            .unwrap_err()
            .iter()
            .any(|p| p.contains("!GetAtt Role.Arn"))
    );
    let mut app = all[0].clone();
    app.role_arn = Text::from("arn:aws:iam::111122223333:role/R");
    let resolved = codepipeline::resolve(&app, &values).unwrap();
    assert_eq!(resolved.stages.len(), 3);
    let text = codepipeline::export(&resolved);
    assert!(!text.contains("!Sub") && !text.contains("Fn::"), "{text}");
    let back = codepipeline::import(&text).unwrap();
    assert_eq!(codepipeline::export(&back), text);
    let declaration: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(declaration["pipeline"]["pipelineType"], json!("V2"));
    assert_eq!(
        declaration["pipeline"]["stages"][1]["onFailure"],
        json!({"result": "ROLLBACK"})
    );
    assert_eq!(
        declaration["pipeline"]["stages"][1]["actions"][0]["timeoutInMinutes"],
        json!(30)
    );
}

#[test]
fn cli_checks_each_pipeline_and_exports_by_logical_id() {
    let (dir, path) = write("t.template", TEMPLATE);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    run_check(&path, &mut out, &mut err);
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(": AppPipeline: ") && out.contains(": OtherPipeline: "),
        "{out}"
    );
    let export = |to, pipeline: Option<&str>, parameters: &[&str]| {
        let options = ExportOptions {
            pipeline: pipeline.map(str::to_owned),
            parameters: parameters.iter().map(|s| (*s).to_owned()).collect(),
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_export_with(&path, to, &options, None, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    };
    let (code, text, _) = export(ExportTo::Cloudformation, None, &[]);
    assert_eq!(code, 0);
    assert!(text.contains("\"AppPipeline\"") && text.contains("\"OtherPipeline\""));
    let (code, text, _) = export(ExportTo::Cloudformation, Some("OtherPipeline"), &[]);
    assert_eq!(code, 0);
    assert!(!text.contains("AppPipeline"));
    let (code, _, err) = export(ExportTo::Codepipeline, Some("AppPipeline"), &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not a literal"), "{err}");
    let (code, text, err) = export(ExportTo::Codepipeline, Some("OtherPipeline"), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(text.contains("other-bucket"));
    drop(dir);
}

#[test]
fn yaml_template_exports_pass_cfn_lint() {
    if !crate::common::cfn_lint_available() {
        println!("note: cfn-lint is not installed; skipping");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let all = formats::load_all("t", "", TEMPLATE).unwrap();
    let template = dir.path().join("all.json");
    std::fs::write(&template, cloudformation::export_all(&all)).unwrap();
    crate::common::assert_cfn_lint_clean(&template);
}
