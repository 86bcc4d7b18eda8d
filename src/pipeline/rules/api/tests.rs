//! Tests of the API-level rules.
use super::*;
use crate::pipeline::model::{Action, Category, Owner, Stage};

fn action(name: &str, category: Category, provider: &str) -> Action {
    Action {
        name: name.into(),
        category,
        owner: Owner::AWS,
        provider: provider.into(),
        version: "1".into(),
        run_order: 1,
        ..Action::default()
    }
}

fn valid() -> Diagram {
    let mut d = Diagram::new("p");
    d.role_arn = "arn:aws:iam::111122223333:role/PipelineRole".into();
    d.artifact_bucket = "my-artifacts.bucket".into();
    d.stages = vec![
        Stage {
            name: "Source".into(),
            actions: vec![action("Src", Category::Source, "CodeCommit")],
            ..Stage::default()
        },
        Stage {
            name: "Build".into(),
            actions: vec![action("Build", Category::Build, "CodeBuild")],
            ..Stage::default()
        },
    ];
    d.assign_missing_ids();
    d
}

fn codes(findings: &[Finding]) -> Vec<String> {
    findings.iter().map(ToString::to_string).collect()
}

#[test]
fn role_arns_follow_the_pattern() {
    for good in [
        "arn:aws:iam::111122223333:role/PipelineRole",
        "arn:aws-cn:iam::111122223333:role/path/to/Role",
        "arn:aws-us-gov:iam::111122223333:role/",
    ] {
        assert!(is_valid_role_arn(good), "{good}");
    }
    for bad in [
        "",
        "PipelineRole",
        "arn:aws:iam::11112222333:role/R",
        "arn:aws:iam::1111222233334:role/R",
        "arn:aws:iam::111122223333:user/R",
        "arn:aws:sts::111122223333:role/R",
        "arn:aws-:iam::111122223333:role/R",
        "arn:aws:iam::111122223333:role/a\nb",
        "arn:aws-é:iam::111122223333:role/R",
    ] {
        assert!(!is_valid_role_arn(bad), "{bad:?}");
    }
    let long = format!("arn:aws:iam::111122223333:role/{}", "r".repeat(1000));
    assert!(!is_valid_role_arn(&long));
}

#[test]
fn a_valid_pipeline_passes_every_api_rule() {
    let d = valid();
    for rule in [role_arn, artifact_store, field_limits, service_quotas] {
        assert_eq!(codes(&rule(&d)), Vec::<String>::new());
    }
}

#[test]
fn role_and_store_are_required() {
    let mut d = valid();
    d.role_arn = Text::default();
    d.artifact_bucket = Text::default();
    assert_eq!(role_arn(&d).len(), 1);
    assert_eq!(artifact_store(&d).len(), 1);
    // Text that merely looks like a function is a literal, and CreatePipeline refuses it.
    d.role_arn = "!GetAtt PipelineRole.Arn".into();
    assert_eq!(role_arn(&d)[0].severity, Severity::Error);
    d.role_arn = Text::from_input("!GetAtt PipelineRole.Arn");
    d.artifact_bucket = Text::from_input("!Ref ArtifactBucket");
    for found in [role_arn(&d), artifact_store(&d)] {
        assert!(
            found
                .iter()
                .all(|f| f.severity == Severity::Info && f.message.starts_with("not checked")),
            "an intrinsic gives at most an info line: {found:?}"
        );
    }
    d.artifact_bucket = "ab".into();
    assert_eq!(
        codes(&artifact_store(&d)),
        ["pipeline: the artifact bucket has 2 characters; CodePipeline takes 3 to 63"]
    );
    d.artifact_bucket = "my_bucket".into();
    assert_eq!(artifact_store(&d).len(), 1);
    d.artifact_stores.insert("us-east-1".into(), "east-bucket".into());
    assert!(
        artifact_store(&d).is_empty(),
        "the per-Region stores replace the bucket"
    );
    d.artifact_stores.insert("eu".into(), "x".into());
    assert_eq!(artifact_store(&d).len(), 2);
}

#[test]
fn action_fields_have_lengths_and_patterns() {
    let mut d = valid();
    let a = &mut d.stages[1].actions[0];
    a.provider = "Code Build".into();
    a.version = "1234567890".into();
    a.region = Some(Text::default());
    a.namespace = Some("Build.Vars".into());
    a.role_arn = Some("arn:aws:iam::123:role/x".into());
    a.configuration.insert("ProjectName".into(), Text::default());
    a.configuration.insert("k".repeat(51), "v".into());
    a.configuration.insert("Long".into(), "v".repeat(1001).into());
    a.configuration
        .insert("FromParameter".into(), "!Ref Project".into());
    let found = codes(&field_limits(&d));
    assert_eq!(found.len(), 7, "{found:#?}");
    assert_eq!(role_arn(&d).len(), 1);
    let a = &mut d.stages[1].actions[0];
    a.configuration.clear();
    a.provider = "p".repeat(35).into();
    a.version = "v-1_a".into();
    a.region = Some("eu-west-1".into());
    a.namespace = Some("Build@vars-1".into());
    assert!(field_limits(&d).is_empty());
}

#[test]
fn quotas_cap_stages_and_actions() {
    let mut d = valid();
    let build = d.stages[1].clone();
    d.stages[1].actions = (0..51)
        .map(|i| action(&format!("B{i}"), Category::Build, "CodeBuild"))
        .collect();
    assert_eq!(service_quotas(&d).len(), 1);
    d.stages[1].actions.truncate(50);
    assert!(service_quotas(&d).is_empty());
    d.stages.extend((0..49).map(|i| Stage {
        name: format!("S{i}").into(),
        ..build.clone()
    }));
    assert_eq!(d.stages.len(), 51);
    assert_eq!(
        codes(&service_quotas(&d)),
        ["pipeline: the pipeline has 51 stages; CodePipeline allows at most 50"]
    );
}

#[test]
fn pipeline_settings_take_the_api_values() {
    let mut d = valid();
    d.pipeline_type = Some("V2".into());
    d.execution_mode = Some("QUEUED".into());
    d.variables = vec![crate::pipeline::model::Variable {
        name: "Env@1-a_b".into(),
        default_value: Some("prod".into()),
        description: Some(Text::default()),
    }];
    d.encryption_key = Some(serde_json::json!({"id": "alias/artifacts", "type": "KMS"}));
    assert!(pipeline_settings(&d).is_empty());
    d.pipeline_type = Some("V3".into());
    d.execution_mode = Some("queued".into());
    d.variables[0].name = "Env.Name".into();
    d.variables[0].default_value = Some(Text::default());
    d.encryption_key = Some(serde_json::json!({"id": "", "type": "KMS"}));
    d.stages[1].actions[0].timeout_in_minutes = Some(4);
    assert_eq!(
        pipeline_settings(&d).len(),
        5,
        "{:#?}",
        codes(&pipeline_settings(&d))
    );
    assert_eq!(field_limits(&d).len(), 1);
    d.encryption_key = Some(serde_json::json!({"id": "k", "type": "AES"}));
    d.pipeline_type = Some(Text::from_input("!Ref PipelineType"));
    assert_eq!(pipeline_settings(&d).len(), 4);
}
