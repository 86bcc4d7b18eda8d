//! Variable references: action namespaces and the `#{Namespace.Variable}` references in
//! configuration values.
//!
//! The facts, in our words, from the CodePipeline user guide, "Variables reference"
//! (<https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-variables.html>) and
//! "Working with variables" (`actions-variables.html`):
//! - an action's output variables are reachable only through the namespace given to that
//!   action, as `#{Namespace.Variable}`, and only by actions that run after it (a later stage,
//!   or a higher run order in the same stage);
//! - a namespace names one action in a pipeline;
//! - `codepipeline` is the system namespace, holding variables available at the start of every
//!   execution (`#{codepipeline.PipelineExecutionId}`); actions cannot take it;
//! - pipeline-level variables (V2) are read as `#{variables.Name}` and must be declared on the
//!   pipeline.

use std::collections::HashMap;

use super::literal::{Origin, not_checked, resolve};
use super::{Finding, RuleId, Severity};
use crate::pipeline::model::{Action, Diagram};

/// The system namespace.
pub const SYSTEM_NAMESPACE: &str = "codepipeline";
/// The namespace of pipeline-level variables.
pub const PIPELINE_VARIABLES: &str = "variables";

/// Every `#{Namespace.Variable}` reference in `value`, as (namespace, variable).
#[must_use]
pub fn variable_references(value: &str) -> Vec<(&str, &str)> {
    let mut found = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find("#{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let inner = &after[..end];
        if let Some((namespace, variable)) = inner.split_once('.') {
            found.push((namespace.trim(), variable.trim()));
        }
        rest = &after[end + 1..];
    }
    found
}

/// Namespaces name one action each and not the system namespace; every
/// `#{Namespace.Variable}` names a namespace of an action that runs earlier, a declared
/// pipeline variable, or a system variable.
#[must_use]
pub fn variable_refs(diagram: &Diagram) -> Vec<Finding> {
    let rule = RuleId::VariableRefs;
    let mut found = Vec::new();
    // Namespaces by value, with where they are declared; `unknown` when some namespace is an
    // intrinsic without a default, so that a reference may name it.
    let mut declared: HashMap<String, (usize, &Action, bool)> = HashMap::new();
    let mut unknown = false;
    for (s, action) in diagram.actions() {
        let Some(text) = action.namespace.as_ref() else {
            continue;
        };
        let resolved = resolve(diagram, text);
        let prefix = match &resolved.origin {
            Origin::Unknown(source) => {
                unknown = true;
                found.push(Finding::action(
                    rule,
                    Severity::Info,
                    diagram,
                    s,
                    action,
                    not_checked("the namespace", source),
                ));
                continue;
            }
            Origin::Default(p) => format!(
                "checked with the default of parameter {p} (\"{}\"): ",
                resolved.value
            ),
            Origin::Literal => String::new(),
        };
        let from_default = !prefix.is_empty();
        let severity = if from_default {
            Severity::Warning
        } else {
            Severity::Error
        };
        let name = resolved.value.into_owned();
        if name == SYSTEM_NAMESPACE {
            found.push(Finding::action(
                rule,
                severity,
                diagram,
                s,
                action,
                format!("{prefix}the namespace \"{SYSTEM_NAMESPACE}\" is reserved for the pipeline's system variables"),
            ));
        } else if let Some((other_stage, other, _)) = declared.get(&name) {
            found.push(Finding::action(
                rule,
                severity,
                diagram,
                s,
                action,
                format!(
                    "{prefix}action \"{}\" in stage \"{}\" already declares the namespace \"{name}\"",
                    other.name, diagram.stages[*other_stage].name
                ),
            ));
        } else {
            declared.insert(name, (s, action, from_default));
        }
    }
    for (s, action) in diagram.actions() {
        for (key, text) in &action.configuration {
            let resolved = resolve(diagram, text);
            let from_default = match resolved.origin {
                Origin::Default(p) => Some(p),
                _ => None,
            };
            for (namespace, variable) in variable_references(&resolved.value) {
                let problem = match namespace {
                    SYSTEM_NAMESPACE => None,
                    PIPELINE_VARIABLES => (!diagram.variables.iter().any(|v| v.name == variable)).then(|| {
                        format!(
                            "{key} reads #{{variables.{variable}}}, but the pipeline declares no variable \"{variable}\""
                        )
                    }),
                    _ => match declared.get(namespace) {
                        Some((ps, producer, _)) => {
                            let earlier = *ps < s || (*ps == s && producer.run_order < action.run_order);
                            (!earlier).then(|| {
                                format!(
                                    "{key} reads #{{{namespace}.{variable}}}, but namespace \"{namespace}\" belongs to action \"{}\" in stage \"{}\", which does not run earlier",
                                    producer.name, diagram.stages[*ps].name
                                )
                            })
                        }
                        None => Some(format!(
                            "{key} reads #{{{namespace}.{variable}}}, but no earlier action declares the namespace \"{namespace}\""
                        )),
                    },
                };
                let Some(problem) = problem else { continue };
                let producer_from_default = declared.get(namespace).is_some_and(|(_, _, d)| *d);
                let (severity, message) = match from_default {
                    Some(p) => (
                        Severity::Warning,
                        super::literal::default_message(p, &resolved.value, &problem),
                    ),
                    None if unknown && !declared.contains_key(namespace) => (
                        Severity::Info,
                        format!("{problem} (not checked: a namespace comes from an intrinsic function)"),
                    ),
                    None if producer_from_default => (Severity::Warning, problem),
                    None => (Severity::Error, problem),
                };
                found.push(Finding::action(rule, severity, diagram, s, action, message));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_in_text() {
        assert_eq!(
            variable_references("v#{SourceVariables.CommitId}-#{codepipeline.PipelineExecutionId}#{bad}#{x"),
            [
                ("SourceVariables", "CommitId"),
                ("codepipeline", "PipelineExecutionId")
            ]
        );
    }
}
