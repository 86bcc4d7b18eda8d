//! Rules on the pipeline's shape: enough stages, sources in the first stage only, no empty
//! stage, unique stage and action names, and run orders in range.

use std::collections::HashMap;

use super::literal::{Resolved, repeated, resolve};
use super::{Finding, RuleId, Severity};
use crate::pipeline::model::{Category, Diagram};

/// A pipeline needs at least two stages.
#[must_use]
pub fn two_stages(diagram: &Diagram) -> Vec<Finding> {
    let n = diagram.stages.len();
    if n >= 2 {
        return Vec::new();
    }
    vec![Finding::pipeline(
        RuleId::TwoStages,
        Severity::Error,
        format!("a pipeline needs at least two stages, and this one has {n}"),
    )]
}

/// The first stage holds only source actions, at least one; no later stage holds any.
#[must_use]
pub fn source_stage(diagram: &Diagram) -> Vec<Finding> {
    let rule = RuleId::SourceStage;
    let mut found = Vec::new();
    let Some(first) = diagram.stages.first() else {
        return found;
    };
    if !first.actions.iter().any(|a| a.category == Category::Source) {
        found.push(Finding::stage(
            rule,
            Severity::Error,
            diagram,
            0,
            "the first stage must hold at least one source action".to_owned(),
        ));
    }
    for action in first.actions.iter().filter(|a| a.category != Category::Source) {
        found.push(Finding::action(
            rule,
            Severity::Error,
            diagram,
            0,
            action,
            format!(
                "the first stage may hold only source actions, and this is a {} action",
                action.category.as_str()
            ),
        ));
    }
    for (s, action) in diagram
        .actions()
        .filter(|(s, a)| *s > 0 && a.category == Category::Source)
    {
        found.push(Finding::action(
            rule,
            Severity::Error,
            diagram,
            s,
            action,
            "source actions belong in the first stage only".to_owned(),
        ));
    }
    found
}

/// Every stage has at least one action.
#[must_use]
pub fn stage_not_empty(diagram: &Diagram) -> Vec<Finding> {
    diagram
        .stages
        .iter()
        .enumerate()
        .filter(|(_, stage)| stage.actions.is_empty())
        .map(|(s, _)| {
            Finding::stage(
                RuleId::StageNotEmpty,
                Severity::Error,
                diagram,
                s,
                "a stage needs at least one action".to_owned(),
            )
        })
        .collect()
}

/// Stage names are unique (names from intrinsics are compared as their parameters' defaults,
/// or as the same expression).
#[must_use]
pub fn unique_stage_names(diagram: &Diagram) -> Vec<Finding> {
    let mut seen: HashMap<String, Resolved<'_>> = HashMap::new();
    let mut found = Vec::new();
    for (s, stage) in diagram.stages.iter().enumerate() {
        let name = resolve(diagram, &stage.name);
        match seen.get(name.value.as_ref()) {
            Some(earlier) => {
                let (severity, message) = repeated(
                    earlier,
                    &name,
                    format!("an earlier stage is already named \"{}\"", name.value),
                );
                found.push(Finding::stage(
                    RuleId::UniqueStageNames,
                    severity,
                    diagram,
                    s,
                    message,
                ));
            }
            None => {
                seen.insert(name.value.clone().into_owned(), name);
            }
        }
    }
    found
}

/// Action names are unique within their stage.
#[must_use]
pub fn unique_action_names(diagram: &Diagram) -> Vec<Finding> {
    let mut found = Vec::new();
    for (s, stage) in diagram.stages.iter().enumerate() {
        let mut seen: HashMap<String, Resolved<'_>> = HashMap::new();
        for action in &stage.actions {
            let name = resolve(diagram, &action.name);
            match seen.get(name.value.as_ref()) {
                Some(earlier) => {
                    let (severity, message) = repeated(
                        earlier,
                        &name,
                        "another action in this stage has the same name".to_owned(),
                    );
                    found.push(Finding::action(
                        RuleId::UniqueActionNames,
                        severity,
                        diagram,
                        s,
                        action,
                        message,
                    ));
                }
                None => {
                    seen.insert(name.value.clone().into_owned(), name);
                }
            }
        }
    }
    found
}

/// The highest run order CodePipeline accepts.
pub const MAX_RUN_ORDER: u32 = 999;

/// Run orders are from 1 to 999.
#[must_use]
pub fn run_order(diagram: &Diagram) -> Vec<Finding> {
    diagram
        .actions()
        .filter(|(_, a)| !(1..=MAX_RUN_ORDER).contains(&a.run_order))
        .map(|(s, action)| {
            Finding::action(
                RuleId::RunOrder,
                Severity::Error,
                diagram,
                s,
                action,
                format!("run order {} is outside 1 to {MAX_RUN_ORDER}", action.run_order),
            )
        })
        .collect()
}
