//! Rules on artifacts: unique output names, inputs produced by an earlier action, and
//! artifact counts within each provider's bounds.

use std::collections::HashMap;

use super::{Finding, RuleId, Severity};
use crate::pipeline::catalog;
use crate::pipeline::model::{Action, Diagram};

/// Output artifact names are unique in the whole pipeline.
#[must_use]
pub fn unique_outputs(diagram: &Diagram) -> Vec<Finding> {
    let mut first: HashMap<&str, (usize, &str)> = HashMap::new();
    let mut found = Vec::new();
    for (s, action) in diagram.actions() {
        for output in &action.outputs {
            match first.get(output.as_str()) {
                Some(&(other_stage, other_action)) => found.push(Finding::action(
                    RuleId::UniqueOutputs,
                    Severity::Error,
                    diagram,
                    s,
                    action,
                    format!(
                        "output artifact \"{output}\" is already produced by action \"{other_action}\" in stage \"{}\"",
                        diagram.stages[other_stage].name
                    ),
                )),
                None => {
                    first.insert(output, (s, &action.name));
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

/// Every input artifact is produced by an action that runs earlier.
#[must_use]
pub fn inputs_produced_earlier(diagram: &Diagram) -> Vec<Finding> {
    let mut found = Vec::new();
    for (cs, consumer) in diagram.actions() {
        for input in &consumer.inputs {
            let producers: Vec<(usize, &Action)> = diagram
                .actions()
                .filter(|(_, p)| p.outputs.iter().any(|o| o == input))
                .collect();
            if producers.iter().any(|&(ps, p)| runs_before(ps, p, cs, consumer)) {
                continue;
            }
            let message = match producers.first() {
                Some((ps, p)) if *ps == cs && p.id == consumer.id => {
                    format!("input artifact \"{input}\" is this action's own output")
                }
                Some((ps, p)) => format!(
                    "input artifact \"{input}\" comes from action \"{}\" in stage \"{}\", which does not run earlier",
                    p.name, diagram.stages[*ps].name
                ),
                None => format!("input artifact \"{input}\" is not produced by any earlier action"),
            };
            found.push(Finding::action(
                RuleId::InputsProducedEarlier,
                Severity::Error,
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
        let Some(spec) = catalog::spec_for_action(action) else {
            continue;
        };
        for (kind, bounds, n) in [
            ("input", spec.inputs, action.inputs.len()),
            ("output", spec.outputs, action.outputs.len()),
        ] {
            if !bounds.contains(n) {
                found.push(Finding::action(
                    RuleId::ArtifactCounts,
                    Severity::Error,
                    diagram,
                    s,
                    action,
                    format!(
                        "{} {} actions take {bounds} {kind} artifact{}, and this one has {n}",
                        spec.provider,
                        action.category.as_str(),
                        if bounds.max == 1 { "" } else { "s" }
                    ),
                ));
            }
        }
    }
    found
}
