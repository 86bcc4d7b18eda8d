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

use super::api_declaration::declaration_problems;
use super::api_limits::*;
use super::literal::verdict;
use super::{Finding, RuleId, Severity};
use crate::pipeline::model::Diagram;
use crate::pipeline::text::Text;

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
    } else if let Some((severity, message)) = verdict(
        diagram,
        "the service role",
        &diagram.role_arn,
        Severity::Error,
        |arn| {
            (!is_valid_role_arn(arn)).then(|| {
                format!(
                    "the service role \"{arn}\" is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)"
                )
            })
        },
    ) {
        found.push(Finding::pipeline(rule, severity, message));
    }
    for (s, action) in diagram.actions() {
        let Some(arn) = action.role_arn.as_ref() else {
            continue;
        };
        let result = verdict(diagram, "the action role", arn, Severity::Error, |arn| {
            (!is_valid_role_arn(arn)).then(|| {
                format!("the action role \"{arn}\" is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/<name>)")
            })
        });
        if let Some((severity, message)) = result {
            found.push(Finding::action(rule, severity, diagram, s, action, message));
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
    let bucket_problem = |found: &mut Vec<Finding>, what: String, bucket: &Text| {
        let result = verdict(diagram, &what, bucket, Severity::Error, |bucket| {
            (!is_valid_store_location(bucket)).then(|| {
                length_problem(&what, bucket, &ARTIFACT_STORE_LOCATION_LEN)
                    .unwrap_or_else(|| format!("{what} \"{bucket}\" may use only letters, digits, - and ."))
            })
        });
        if let Some((severity, message)) = result {
            found.push(Finding::pipeline(rule, severity, message));
        }
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
            if !region.is_intrinsic()
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
            if value.is_intrinsic() || is_type_token(value, &len) {
                continue;
            }
            problems.push(
                length_problem(what, value, &len)
                    .unwrap_or_else(|| format!("{what} \"{value}\" may use only letters, digits, - and _")),
            );
        }
        if let Some(region) = action.region.as_ref().and_then(|r| r.literal())
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
        if let Some(namespace) = action.namespace.as_ref().and_then(|n| n.literal())
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
            if !value.is_intrinsic()
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
fn encryption_key_problem(key: &serde_json::Value) -> Option<String> {
    let Some(object) = key.as_object() else {
        return Some("encryptionKey is not an object with id and type".to_owned());
    };
    // A value that is not a string is an intrinsic function (`!GetAtt Key.Arn`): skipped.
    match object.get("id").map(|id| id.as_str()) {
        None => return Some("encryptionKey has no id".to_owned()),
        Some(Some(id)) => {
            if let Some(problem) = length_problem("the encryptionKey id", id, &ENCRYPTION_KEY_ID_LEN) {
                return Some(problem);
            }
        }
        Some(_) => {}
    }
    match object.get("type").map(|kind| kind.as_str().unwrap_or("KMS")) {
        Some("KMS") => None,
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
            && !value.is_intrinsic()
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
        if !name.is_intrinsic() {
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
        if let Some(value) = variable.default_value.as_ref().and_then(|v| v.literal())
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
        && let Some(problem) = encryption_key_problem(key)
    {
        problems.push(format!("artifact store: {problem}"));
    }
    for (region, key) in &diagram.artifact_store_keys {
        if let Some(problem) = encryption_key_problem(key) {
            problems.push(format!("artifact store for {region}: {problem}"));
        }
    }
    problems.extend(declaration_problems(diagram));
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
mod tests;
