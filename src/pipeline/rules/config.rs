//! Rules checked against the provider catalog: a known action type, its required
//! configuration keys, and configuration values that name an input artifact.

use super::literal::{Origin, default_message, not_checked, resolve, verdict};
use super::{Finding, RuleId, Severity};
use crate::pipeline::catalog::{self, Need, ProviderSpec};
use crate::pipeline::model::{Action, Diagram};
use crate::pipeline::text::Text;

/// The catalog entry for an action whose provider may come from an intrinsic function.
pub(super) enum Spec<'d> {
    /// Known; with the parameter whose default named the provider, if one did.
    Found(&'static ProviderSpec, Option<&'d str>),
    /// The provider is not in the catalog; with the parameter whose default named it.
    NotFound(Option<&'d str>),
    /// The provider is known only at deployment (from this source).
    Unknown(String),
}

/// The catalog entry for `action`, with its provider resolved (see `literal`).
pub(super) fn spec_of<'d>(diagram: &'d Diagram, action: &'d Action) -> Spec<'d> {
    let provider = resolve(diagram, &action.provider);
    let (spec, parameter) = match provider.origin {
        Origin::Literal => (catalog::spec_for_action(action), None),
        Origin::Default(p) => {
            let resolved = Action {
                provider: provider.value.into_owned().into(),
                ..action.clone()
            };
            (catalog::spec_for_action(&resolved), Some(p))
        }
        Origin::Unknown(source) => return Spec::Unknown(source),
    };
    match spec {
        Some(spec) => Spec::Found(spec, parameter),
        None => Spec::NotFound(parameter),
    }
}

/// Every action's type is a provider the catalog knows (a warning: it is then not checked).
#[must_use]
pub fn known_provider(diagram: &Diagram) -> Vec<Finding> {
    let mut found = Vec::new();
    for (s, action) in diagram.actions() {
        let message = format!(
            "unknown action type {} / {} / {}; its artifacts and configuration are not checked",
            action.category.as_str(),
            action.owner.as_str(),
            action.provider
        );
        let (severity, message) = match spec_of(diagram, action) {
            Spec::Found(..) => continue,
            Spec::NotFound(None) => (Severity::Warning, message),
            Spec::NotFound(Some(p)) => (
                Severity::Warning,
                default_message(p, &resolve(diagram, &action.provider).value, &message),
            ),
            Spec::Unknown(source) => (
                Severity::Info,
                format!(
                    "{}; its artifacts and configuration are not checked",
                    not_checked("the provider", &source)
                ),
            ),
        };
        found.push(Finding::action(
            RuleId::KnownProvider,
            severity,
            diagram,
            s,
            action,
            message,
        ));
    }
    found
}

/// Required configuration keys are present (a warning: the service reports them at run time or
/// on save, and values may come from elsewhere).
#[must_use]
pub fn required_config(diagram: &Diagram) -> Vec<Finding> {
    let mut found = Vec::new();
    for (s, action) in diagram.actions() {
        let Spec::Found(spec, _) = spec_of(diagram, action) else {
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
                    action.configuration.get(other).map_or("", Text::as_str)
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
            && !mode.contains("#{")
            && let Some((severity, message)) =
                verdict(diagram, "ActionMode", mode, Severity::Warning, |mode| {
                    (!catalog::CLOUDFORMATION_ACTION_MODES.contains(&mode)).then(|| {
                        format!(
                            "ActionMode \"{mode}\" is not one of {}",
                            catalog::CLOUDFORMATION_ACTION_MODES.join(", ")
                        )
                    })
                })
        {
            found.push(
                Finding::action(RuleId::RequiredConfig, severity, diagram, s, action, message)
                    .with_topic(spec.topic),
            );
        }
    }
    found
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

/// Configuration that names an artifact names one of the action's inputs (values from
/// intrinsics checked with their parameters' defaults, or not checked).
#[must_use]
pub fn config_artifact_refs(diagram: &Diagram) -> Vec<Finding> {
    let mut found = Vec::new();
    for (s, action) in diagram.actions() {
        let topic = match spec_of(diagram, action) {
            Spec::Found(spec, _) => spec.topic,
            _ => RuleId::ConfigArtifactRefs.topic(),
        };
        let provider = resolve(diagram, &action.provider).value;
        let inputs: Vec<_> = action.inputs.iter().map(|i| resolve(diagram, i).value).collect();
        for (key, text) in &action.configuration {
            if text.contains("#{") || referenced_artifact(&provider, key, text).is_none() {
                continue;
            }
            let result = verdict(diagram, key, text, Severity::Error, |value| {
                let artifact = referenced_artifact(&provider, key, value)?;
                (!inputs.iter().any(|i| i == artifact)).then(|| {
                    format!("{key} names artifact \"{artifact}\", which is not an input of this action")
                })
            });
            if let Some((severity, message)) = result {
                found.push(
                    Finding::action(RuleId::ConfigArtifactRefs, severity, diagram, s, action, message)
                        .with_topic(topic),
                );
            }
        }
    }
    found
}
