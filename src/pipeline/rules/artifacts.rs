//! Rules on artifacts: unique output names, inputs produced by an earlier action, and
//! artifact counts within each provider's bounds.

use std::collections::HashMap;

use super::config::{Spec, spec_of};
use super::literal::{Origin, Resolved, default_message, not_checked, repeated, resolve};
use super::{Finding, RuleId, Severity};
use crate::pipeline::model::{Action, Diagram};

/// Output artifact names are unique in the whole pipeline (names from intrinsics compared as
/// their parameters' defaults, or as the same expression).
#[must_use]
pub fn unique_outputs(diagram: &Diagram) -> Vec<Finding> {
    let mut first: HashMap<String, (usize, &str, Resolved<'_>)> = HashMap::new();
    let mut found = Vec::new();
    for (s, action) in diagram.actions() {
        for output in &action.outputs {
            let name = resolve(diagram, output);
            match first.get(name.value.as_ref()) {
                Some((other_stage, other_action, earlier)) => {
                    let (severity, message) = repeated(
                        earlier,
                        &name,
                        format!(
                            "output artifact \"{}\" is already produced by action \"{other_action}\" in stage \"{}\"",
                            name.value, diagram.stages[*other_stage].name
                        ),
                    );
                    found.push(Finding::action(
                        RuleId::UniqueOutputs,
                        severity,
                        diagram,
                        s,
                        action,
                        message,
                    ));
                }
                None => {
                    first.insert(name.value.clone().into_owned(), (s, &action.name, name));
                }
            }
        }
    }
    found
}

/// Whether `producer` (in stage `ps`) runs before `consumer` (in stage `cs`).
fn runs_before(ps: usize, producer: &Action, cs: usize, consumer: &Action) -> bool {
    ps < cs || (ps == cs && producer.run_order < consumer.run_order)
}

/// Every input artifact is produced by an action that runs earlier. Names from intrinsics are
/// compared as their parameters' defaults (a warning at most) or as the same expression; an
/// input that matches nothing while some name is known only at deployment is not checked.
#[must_use]
pub fn inputs_produced_earlier(diagram: &Diagram) -> Vec<Finding> {
    let mut found = Vec::new();
    let outputs: Vec<(usize, &Action, Resolved<'_>)> = diagram
        .actions()
        .flat_map(|(s, a)| a.outputs.iter().map(move |o| (s, a, resolve(diagram, o))))
        .collect();
    let unknown_output = outputs.iter().find_map(|(_, _, r)| match &r.origin {
        Origin::Unknown(source) => Some(source.clone()),
        _ => None,
    });
    for (cs, consumer) in diagram.actions() {
        for input in &consumer.inputs {
            let wanted = resolve(diagram, input);
            let producers: Vec<&(usize, &Action, Resolved<'_>)> = outputs
                .iter()
                .filter(|(_, _, o)| o.value == wanted.value)
                .collect();
            if producers
                .iter()
                .any(|&&(ps, p, _)| runs_before(ps, p, cs, consumer))
            {
                continue;
            }
            let message = match producers.first() {
                Some((ps, p, _)) if *ps == cs && p.id == consumer.id => {
                    format!("input artifact \"{input}\" is this action's own output")
                }
                Some((ps, p, _)) => format!(
                    "input artifact \"{input}\" comes from action \"{}\" in stage \"{}\", which does not run earlier",
                    p.name, diagram.stages[*ps].name
                ),
                None => format!("input artifact \"{input}\" is not produced by any earlier action"),
            };
            let default = std::iter::once(&wanted)
                .chain(producers.iter().map(|(_, _, r)| r))
                .find_map(|r| match r.origin {
                    Origin::Default(p) => Some(p),
                    _ => None,
                });
            let (severity, message) = match (&wanted.origin, &unknown_output) {
                (Origin::Unknown(source), _) if producers.is_empty() => {
                    (Severity::Info, not_checked("the input artifact", source))
                }
                (_, Some(source)) if producers.is_empty() => (
                    Severity::Info,
                    format!("{message} (not checked: an output artifact name comes from {source})"),
                ),
                _ => match default {
                    Some(p) => (Severity::Warning, default_message(p, &wanted.value, &message)),
                    None => (Severity::Error, message),
                },
            };
            found.push(Finding::action(
                RuleId::InputsProducedEarlier,
                severity,
                diagram,
                cs,
                consumer,
                message,
            ));
        }
    }
    found
}

/// Input and output artifact counts are within the provider's bounds.
#[must_use]
pub fn artifact_counts(diagram: &Diagram) -> Vec<Finding> {
    let mut found = Vec::new();
    for (s, action) in diagram.actions() {
        let Spec::Found(spec, parameter) = spec_of(diagram, action) else {
            continue;
        };
        for (kind, bounds, n) in [
            ("input", spec.inputs, action.inputs.len()),
            ("output", spec.outputs, action.outputs.len()),
        ] {
            if !bounds.contains(n) {
                let message = format!(
                    "{} {} actions take {bounds} {kind} artifact{}, and this one has {n}",
                    spec.provider,
                    action.category.as_str(),
                    if bounds.max == 1 { "" } else { "s" }
                );
                let (severity, message) = match parameter {
                    Some(p) => (
                        Severity::Warning,
                        default_message(p, &resolve(diagram, &action.provider).value, &message),
                    ),
                    None => (Severity::Error, message),
                };
                found.push(Finding::action(
                    RuleId::ArtifactCounts,
                    severity,
                    diagram,
                    s,
                    action,
                    message,
                ));
            }
        }
    }
    found
}
