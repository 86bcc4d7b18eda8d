//! Rules checked against the provider catalog: a known action type, its required
//! configuration keys, and configuration values that name an input artifact.

use super::{Finding, RuleId, Severity};
use crate::pipeline::catalog::{self, Need};
use crate::pipeline::model::Diagram;

/// Every action's type is a provider the catalog knows (a warning: it is then not checked).
#[must_use]
pub fn known_provider(diagram: &Diagram) -> Vec<Finding> {
    diagram
        .actions()
        .filter(|(_, action)| catalog::spec_for_action(action).is_none())
        .map(|(s, action)| {
            Finding::action(
                RuleId::KnownProvider,
                Severity::Warning,
                diagram,
                s,
                action,
                format!(
                    "unknown action type {} / {} / {}; its artifacts and configuration are not checked",
                    action.category.as_str(),
                    action.owner.as_str(),
                    action.provider
                ),
            )
        })
        .collect()
}

/// Required configuration keys are present (a warning: the service reports them at run time or
/// on save, and values may come from elsewhere).
#[must_use]
pub fn required_config(diagram: &Diagram) -> Vec<Finding> {
    let mut found = Vec::new();
    for (s, action) in diagram.actions() {
        let Some(spec) = catalog::spec_for_action(action) else {
            continue;
        };
        for key in spec.config.iter().filter(|k| k.is_needed_by(action)) {
            let present = action
                .configuration
                .get(key.name)
                .is_some_and(|v| !v.trim().is_empty());
            if present {
                continue;
            }
            let why = match key.need {
                Need::When { key: other, .. } => format!(
                    " (needed when {other} is {})",
                    action.configuration.get(other).map_or("", String::as_str)
                ),
                Need::WithSeveralInputs => " (needed with several input artifacts)".to_owned(),
                Need::Required | Need::Optional => String::new(),
            };
            found.push(
                Finding::action(
                    RuleId::RequiredConfig,
                    Severity::Warning,
                    diagram,
                    s,
                    action,
                    format!("missing configuration \"{}\"{why}: {}", key.name, key.hint),
                )
                .with_topic(spec.topic),
            );
        }
        if spec.provider == "CloudFormation"
            && let Some(mode) = action.configuration.get("ActionMode")
            && !catalog::CLOUDFORMATION_ACTION_MODES.contains(&mode.as_str())
            && !is_dynamic(mode)
        {
            found.push(
                Finding::action(
                    RuleId::RequiredConfig,
                    Severity::Warning,
                    diagram,
                    s,
                    action,
                    format!(
                        "ActionMode \"{mode}\" is not one of {}",
                        catalog::CLOUDFORMATION_ACTION_MODES.join(", ")
                    ),
                )
                .with_topic(spec.topic),
            );
        }
    }
    found
}

/// Values resolved only when the pipeline runs or is deployed (pipeline variables such as
/// `#{SourceVariables.CommitId}`, or CloudFormation intrinsics imported as `!Ref …`).
pub(super) fn is_dynamic(value: &str) -> bool {
    value.contains("#{") || value.starts_with('!')
}

/// The artifact a configuration value names, for the keys that name one.
fn referenced_artifact<'v>(provider: &str, key: &str, value: &'v str) -> Option<&'v str> {
    let whole_value = match provider {
        "CodeDeployToECS" => {
            matches!(key, "TaskDefinitionTemplateArtifact" | "AppSpecTemplateArtifact")
                || (key.starts_with("Image") && key.ends_with("ArtifactName"))
        }
        "CodeBuild" => key == "PrimarySource",
        _ => false,
    };
    if whole_value {
        return Some(value);
    }
    let path_like = matches!(
        (provider, key),
        ("CloudFormation", "TemplatePath" | "TemplateConfiguration")
            | ("CloudFormationStackSet", "TemplatePath")
    );
    if path_like {
        return value.split_once("::").map(|(artifact, _)| artifact);
    }
    None
}

/// Configuration that names an artifact names one of the action's inputs.
#[must_use]
pub fn config_artifact_refs(diagram: &Diagram) -> Vec<Finding> {
    let mut found = Vec::new();
    for (s, action) in diagram.actions() {
        for (key, value) in &action.configuration {
            if is_dynamic(value) {
                continue;
            }
            let Some(artifact) = referenced_artifact(&action.provider, key, value) else {
                continue;
            };
            if action.inputs.iter().any(|i| i == artifact) {
                continue;
            }
            let topic =
                catalog::spec_for_action(action).map_or(RuleId::ConfigArtifactRefs.topic(), |p| p.topic);
            found.push(
                Finding::action(
                    RuleId::ConfigArtifactRefs,
                    Severity::Error,
                    diagram,
                    s,
                    action,
                    format!("{key} names artifact \"{artifact}\", which is not an input of this action"),
                )
                .with_topic(topic),
            );
        }
    }
    found
}
