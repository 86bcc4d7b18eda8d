//! API-level rules: what `CreatePipeline` refuses before it looks at the pipeline's structure —
//! a missing or malformed role ARN, a missing or malformed artifact store, field lengths and
//! patterns, and the service's documented quotas on stages and actions.
//!
//! The facts are our own data, taken from:
//! - the CodePipeline API reference, `PipelineDeclaration`, `ArtifactStore`,
//!   `ActionDeclaration`, `ActionTypeId` and `StageDeclaration`
//!   (<https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineDeclaration.html>
//!   and its sibling pages), which give the same lengths, patterns and ranges as the service
//!   model botocore ships (`botocore/data/codepipeline/*/service-2.json`);
//! - the CodePipeline user guide, "Quotas in AWS CodePipeline"
//!   (<https://docs.aws.amazon.com/codepipeline/latest/userguide/limits.html>): 2 to 50 stages
//!   in a pipeline, 1 to 50 actions in a stage.
//!
//! Patterns are matched against the whole value, as the service does. A value that comes from
//! a CloudFormation intrinsic function is known only at deployment and is skipped.

use super::api_limits::*;
use super::{Finding, RuleId, Severity};
use crate::pipeline::model::Diagram;

/// The pipeline has a service role, and every role ARN is well formed.
#[must_use]
pub fn role_arn(diagram: &Diagram) -> Vec<Finding> {
    let rule = RuleId::RoleArn;
    let mut found = Vec::new();
    let role = diagram.role_arn.trim();
    if role.is_empty() {
        found.push(Finding::pipeline(
            rule,
            Severity::Error,
            "the pipeline has no service role ARN (roleArn), which CreatePipeline requires".to_owned(),
        ));
    } else if !diagram.is_intrinsic(&diagram.role_arn) && !is_valid_role_arn(&diagram.role_arn) {
        found.push(Finding::pipeline(
            rule,
            Severity::Error,
            format!(
                "the service role \"{}\" is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)",
                diagram.role_arn
            ),
        ));
    }
    for (s, action) in diagram.actions() {
        let Some(arn) = action.role_arn.as_deref() else {
            continue;
        };
        if !diagram.is_intrinsic(arn) && !is_valid_role_arn(arn) {
            found.push(Finding::action(
                rule,
                Severity::Error,
                diagram,
                s,
                action,
                format!("the action role \"{arn}\" is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)"),
            ));
        }
    }
    found
}

/// The pipeline has an artifact store (one bucket, or one per Region), and each bucket name
/// and Region name is well formed.
#[must_use]
pub fn artifact_store(diagram: &Diagram) -> Vec<Finding> {
    let rule = RuleId::ArtifactStore;
    let mut found = Vec::new();
    let bucket_problem = |found: &mut Vec<Finding>, what: String, bucket: &str| {
        if diagram.is_intrinsic(bucket) || is_valid_store_location(bucket) {
            return;
        }
        let message = length_problem(&what, bucket, &ARTIFACT_STORE_LOCATION_LEN)
            .unwrap_or_else(|| format!("{what} \"{bucket}\" may use only letters, digits, - and ."));
        found.push(Finding::pipeline(rule, Severity::Error, message));
    };
    if diagram.artifact_stores.is_empty() {
        if diagram.artifact_bucket.trim().is_empty() {
            found.push(Finding::pipeline(
                rule,
                Severity::Error,
                "the pipeline has no artifact bucket (artifactStore), which CreatePipeline requires"
                    .to_owned(),
            ));
        } else {
            bucket_problem(
                &mut found,
                "the artifact bucket".to_owned(),
                &diagram.artifact_bucket,
            );
        }
    } else {
        for (region, bucket) in &diagram.artifact_stores {
            if !diagram.is_intrinsic(region)
                && let Some(problem) = length_problem(
                    &format!("the Region name \"{region}\" in artifact_stores"),
                    region,
                    &REGION_NAME_LEN,
                )
            {
                found.push(Finding::pipeline(rule, Severity::Error, problem));
            }
            bucket_problem(&mut found, format!("the artifact bucket for {region}"), bucket);
        }
    }
    found
}

/// Action type, Region, namespace and configuration fields are within CodePipeline's lengths
/// and patterns.
#[must_use]
pub fn field_limits(diagram: &Diagram) -> Vec<Finding> {
    let rule = RuleId::FieldLimits;
    let mut found = Vec::new();
    for (s, action) in diagram.actions() {
        let mut problems = Vec::new();
        for (what, value, len) in [
            ("the provider", &action.provider, PROVIDER_LEN),
            ("the action type version", &action.version, VERSION_LEN),
        ] {
            if diagram.is_intrinsic(value) || is_type_token(value, &len) {
                continue;
            }
            problems.push(
                length_problem(what, value, &len)
                    .unwrap_or_else(|| format!("{what} \"{value}\" may use only letters, digits, - and _")),
            );
        }
        if let Some(region) = action.region.as_deref().filter(|r| !diagram.is_intrinsic(r))
            && let Some(problem) =
                length_problem(&format!("the Region \"{region}\""), region, &REGION_NAME_LEN)
        {
            problems.push(problem);
        }
        if let Some(minutes) = action.timeout_in_minutes
            && !ACTION_TIMEOUT_MINUTES.contains(&minutes)
        {
            problems.push(format!(
                "timeoutInMinutes {minutes} is outside {} to {}",
                ACTION_TIMEOUT_MINUTES.start(),
                ACTION_TIMEOUT_MINUTES.end()
            ));
        }
        if let Some(namespace) = action.namespace.as_deref().filter(|n| !diagram.is_intrinsic(n))
            && !is_valid_namespace(namespace)
        {
            problems.push(
                length_problem("the namespace", namespace, &NAMESPACE_LEN).unwrap_or_else(|| {
                    format!("the namespace \"{namespace}\" may use only letters, digits and @ - _")
                }),
            );
        }
        for (key, value) in &action.configuration {
            if let Some(problem) =
                length_problem(&format!("configuration key \"{key}\""), key, &CONFIG_KEY_LEN)
            {
                problems.push(problem);
            }
            if !diagram.is_intrinsic(value)
                && let Some(problem) = length_problem(
                    &format!("the value of configuration \"{key}\""),
                    value,
                    &CONFIG_VALUE_LEN,
                )
            {
                problems.push(problem);
            }
        }
        found.extend(
            problems
                .into_iter()
                .map(|message| Finding::action(rule, Severity::Error, diagram, s, action, message)),
        );
    }
    found
}

/// The problem with an `encryptionKey` object (`{"id": …, "type": "KMS"}`), if any.
fn encryption_key_problem(diagram: &Diagram, key: &serde_json::Value) -> Option<String> {
    let Some(object) = key.as_object() else {
        return Some("encryptionKey is not an object with id and type".to_owned());
    };
    // A value that is not a string is an intrinsic function (`!GetAtt Key.Arn`): skipped.
    match object.get("id").map(|id| id.as_str()) {
        None => return Some("encryptionKey has no id".to_owned()),
        Some(Some(id)) if !diagram.is_intrinsic(id) => {
            if let Some(problem) = length_problem("the encryptionKey id", id, &ENCRYPTION_KEY_ID_LEN) {
                return Some(problem);
            }
        }
        Some(_) => {}
    }
    match object.get("type").map(|kind| kind.as_str().unwrap_or("KMS")) {
        Some("KMS") => None,
        Some(kind) if diagram.is_intrinsic(kind) => None,
        Some(kind) => Some(format!("encryptionKey type \"{kind}\" is not KMS")),
        None => Some("encryptionKey has no type (KMS)".to_owned()),
    }
}

/// Pipeline-level settings: `pipelineType` and `executionMode` are among their values,
/// variables are named and sized as the API requires, at most 50 variables and 50 triggers,
/// and every artifact store's encryption key has an id and the type KMS.
#[must_use]
pub fn pipeline_settings(diagram: &Diagram) -> Vec<Finding> {
    let rule = RuleId::PipelineSettings;
    let mut problems = Vec::new();
    for (what, value, allowed) in [
        ("pipelineType", &diagram.pipeline_type, &PIPELINE_TYPES[..]),
        ("executionMode", &diagram.execution_mode, &EXECUTION_MODES[..]),
    ] {
        if let Some(value) = value
            && !diagram.is_intrinsic(value)
            && !allowed.contains(&value.as_str())
        {
            problems.push(format!("{what} \"{value}\" is not one of {}", allowed.join(", ")));
        }
    }
    if diagram.variables.len() > MAX_VARIABLES {
        problems.push(format!(
            "the pipeline declares {} variables; CodePipeline allows at most {MAX_VARIABLES}",
            diagram.variables.len()
        ));
    }
    if diagram.triggers.len() > MAX_TRIGGERS {
        problems.push(format!(
            "the pipeline declares {} triggers; CodePipeline allows at most {MAX_TRIGGERS}",
            diagram.triggers.len()
        ));
    }
    for variable in &diagram.variables {
        let name = &variable.name;
        if !diagram.is_intrinsic(name) {
            let chars_ok = name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '-' | '_'));
            if let Some(problem) = length_problem("a variable name", name, &VARIABLE_NAME_LEN) {
                problems.push(problem);
            } else if !chars_ok {
                problems.push(format!(
                    "the variable name \"{name}\" may use only letters, digits and @ - _"
                ));
            }
        }
        if let Some(value) = variable
            .default_value
            .as_deref()
            .filter(|v| !diagram.is_intrinsic(v))
            && let Some(problem) = length_problem(
                &format!("the default value of variable \"{name}\""),
                value,
                &VARIABLE_VALUE_LEN,
            )
        {
            problems.push(problem);
        }
        if let Some(text) = variable.description.as_deref()
            && let Some(problem) = length_problem(
                &format!("the description of variable \"{name}\""),
                text,
                &VARIABLE_DESCRIPTION_LEN,
            )
        {
            problems.push(problem);
        }
    }
    if let Some(key) = &diagram.encryption_key
        && diagram.artifact_stores.is_empty()
        && let Some(problem) = encryption_key_problem(diagram, key)
    {
        problems.push(format!("artifact store: {problem}"));
    }
    for (region, key) in &diagram.artifact_store_keys {
        if let Some(problem) = encryption_key_problem(diagram, key) {
            problems.push(format!("artifact store for {region}: {problem}"));
        }
    }
    problems
        .into_iter()
        .map(|message| Finding::pipeline(rule, Severity::Error, message))
        .collect()
}

/// The pipeline stays within the documented quotas: at most 50 stages, and at most 50 actions
/// in a stage (the lower bounds are the `two-stages` and `stage-not-empty` rules).
#[must_use]
pub fn service_quotas(diagram: &Diagram) -> Vec<Finding> {
    let rule = RuleId::ServiceQuotas;
    let mut found = Vec::new();
    let stages = diagram.stages.len();
    if stages > *STAGES_PER_PIPELINE.end() {
        found.push(Finding::pipeline(
            rule,
            Severity::Error,
            format!(
                "the pipeline has {stages} stages; CodePipeline allows at most {}",
                STAGES_PER_PIPELINE.end()
            ),
        ));
    }
    for (s, stage) in diagram.stages.iter().enumerate() {
        let actions = stage.actions.len();
        if actions > *ACTIONS_PER_STAGE.end() {
            found.push(Finding::stage(
                rule,
                Severity::Error,
                diagram,
                s,
                format!(
                    "the stage has {actions} actions; CodePipeline allows at most {}",
                    ACTIONS_PER_STAGE.end()
                ),
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::model::{Action, Category, Owner, Stage};

    fn action(name: &str, category: Category, provider: &str) -> Action {
        Action {
            name: name.to_owned(),
            category,
            owner: Owner::AWS,
            provider: provider.to_owned(),
            version: "1".to_owned(),
            run_order: 1,
            ..Action::default()
        }
    }

    fn valid() -> Diagram {
        let mut d = Diagram::new("p");
        d.role_arn = "arn:aws:iam::111122223333:role/PipelineRole".to_owned();
        d.artifact_bucket = "my-artifacts.bucket".to_owned();
        d.stages = vec![
            Stage {
                name: "Source".to_owned(),
                actions: vec![action("Src", Category::Source, "CodeCommit")],
                ..Stage::default()
            },
            Stage {
                name: "Build".to_owned(),
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
        d.role_arn.clear();
        d.artifact_bucket.clear();
        assert_eq!(role_arn(&d).len(), 1);
        assert_eq!(artifact_store(&d).len(), 1);
        d.role_arn = "!GetAtt PipelineRole.Arn".to_owned();
        d.artifact_bucket = "!Ref ArtifactBucket".to_owned();
        assert!(role_arn(&d).is_empty(), "an intrinsic is skipped");
        assert!(artifact_store(&d).is_empty(), "an intrinsic is skipped");
        d.artifact_bucket = "ab".to_owned();
        assert_eq!(
            codes(&artifact_store(&d)),
            ["pipeline: the artifact bucket has 2 characters; CodePipeline takes 3 to 63"]
        );
        d.artifact_bucket = "my_bucket".to_owned();
        assert_eq!(artifact_store(&d).len(), 1);
        d.artifact_stores
            .insert("us-east-1".to_owned(), "east-bucket".to_owned());
        assert!(
            artifact_store(&d).is_empty(),
            "the per-Region stores replace the bucket"
        );
        d.artifact_stores.insert("eu".to_owned(), "x".to_owned());
        assert_eq!(artifact_store(&d).len(), 2);
    }

    #[test]
    fn action_fields_have_lengths_and_patterns() {
        let mut d = valid();
        let a = &mut d.stages[1].actions[0];
        a.provider = "Code Build".to_owned();
        a.version = "1234567890".to_owned();
        a.region = Some(String::new());
        a.namespace = Some("Build.Vars".to_owned());
        a.role_arn = Some("arn:aws:iam::123:role/x".to_owned());
        a.configuration.insert("ProjectName".to_owned(), String::new());
        a.configuration.insert("k".repeat(51), "v".to_owned());
        a.configuration.insert("Long".to_owned(), "v".repeat(1001));
        a.configuration
            .insert("FromParameter".to_owned(), "!Ref Project".to_owned());
        let found = codes(&field_limits(&d));
        assert_eq!(found.len(), 7, "{found:#?}");
        assert_eq!(role_arn(&d).len(), 1);
        let a = &mut d.stages[1].actions[0];
        a.configuration.clear();
        a.provider = "p".repeat(35);
        a.version = "v-1_a".to_owned();
        a.region = Some("eu-west-1".to_owned());
        a.namespace = Some("Build@vars-1".to_owned());
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
            name: format!("S{i}"),
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
        d.pipeline_type = Some("V2".to_owned());
        d.execution_mode = Some("QUEUED".to_owned());
        d.variables = vec![crate::pipeline::model::Variable {
            name: "Env@1-a_b".to_owned(),
            default_value: Some("prod".to_owned()),
            description: Some(String::new()),
        }];
        d.encryption_key = Some(serde_json::json!({"id": "alias/artifacts", "type": "KMS"}));
        assert!(pipeline_settings(&d).is_empty());
        d.pipeline_type = Some("V3".to_owned());
        d.execution_mode = Some("queued".to_owned());
        d.variables[0].name = "Env.Name".to_owned();
        d.variables[0].default_value = Some(String::new());
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
        d.pipeline_type = Some("!Ref PipelineType".to_owned());
        assert_eq!(pipeline_settings(&d).len(), 4);
    }
}
