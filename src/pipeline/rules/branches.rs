//! `Fn::If` branches: a stage, an action or a value wrapped in `Fn::If` exists, or takes its
//! value, only when its condition holds (or does not). The rules run once per combination of
//! the conditions that appear — each true and false, at most [`MAX_COMBINED`] conditions
//! combined (2^4 views); with more, each condition is flipped alone from "all false", and all
//! true is added — and a finding that only some combinations give names them (`when IsProd is
//! true: …`).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::Finding;
use crate::pipeline::model::{Branch, Diagram};
use crate::pipeline::text::Text;

/// The most conditions whose every combination is checked.
pub const MAX_COMBINED: usize = 4;

type Assignment = BTreeMap<String, bool>;

/// The `[condition, if true, if false]` of a value that is an `Fn::If`.
fn if_parts(text: &Text) -> Option<(&str, &Value, &Value)> {
    match text.expression()?.get("Fn::If")?.as_array()?.as_slice() {
        [Value::String(condition), yes, no] => Some((condition, yes, no)),
        _ => None,
    }
}

/// The conditions of the diagram's `Fn::If`s, in name order.
fn conditions(diagram: &Diagram) -> Vec<String> {
    let mut found = BTreeSet::new();
    for stage in &diagram.stages {
        found.extend(stage.when.iter().map(|b| b.condition.clone()));
        for action in &stage.actions {
            found.extend(action.when.iter().map(|b| b.condition.clone()));
        }
    }
    // Value-level `Fn::If`s.
    found.extend(
        diagram
            .intrinsic_values()
            .iter()
            .filter_map(|v| Some(v.get("Fn::If")?.as_array()?.first()?.as_str()?.to_owned())),
    );
    found.into_iter().collect()
}

/// The combinations of condition values to check.
fn assignments(conditions: &[String]) -> Vec<Assignment> {
    let all = |value: bool| -> Assignment { conditions.iter().map(|c| (c.clone(), value)).collect() };
    if conditions.len() <= MAX_COMBINED {
        return (0..1u32 << conditions.len())
            .map(|bits| {
                conditions
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c.clone(), bits & (1 << i) != 0))
                    .collect()
            })
            .collect();
    }
    let mut out = vec![all(false)];
    for condition in conditions {
        let mut one = all(false);
        one.insert(condition.clone(), true);
        out.push(one);
    }
    out.push(all(true));
    out
}

fn holds(when: Option<&Branch>, assignment: &Assignment) -> bool {
    when.is_none_or(|b| assignment.get(&b.condition) == Some(&b.holds))
}

/// The value an `Fn::If` takes under `assignment`: `None` for `AWS::NoValue`.
fn choose(text: &Text, assignment: &Assignment) -> Option<Option<Text>> {
    let (condition, yes, no) = if_parts(text)?;
    let chosen = if *assignment.get(condition)? { yes } else { no };
    if chosen.get("Ref").and_then(Value::as_str) == Some("AWS::NoValue") {
        return Some(None);
    }
    Some(Some(
        Text::from_value(chosen).unwrap_or_else(|| Text::from(chosen.to_string())),
    ))
}

/// The diagram as deployed under `assignment`, with the original index of each kept stage.
fn project(diagram: &Diagram, assignment: &Assignment) -> (Diagram, Vec<usize>) {
    let mut view = diagram.clone();
    let mut kept = Vec::new();
    let mut stages = Vec::new();
    for (s, mut stage) in std::mem::take(&mut view.stages).into_iter().enumerate() {
        if !holds(stage.when.as_ref(), assignment) {
            continue;
        }
        stage.when = None;
        stage.actions.retain(|a| holds(a.when.as_ref(), assignment));
        for action in &mut stage.actions {
            action.when = None;
        }
        kept.push(s);
        stages.push(stage);
    }
    view.stages = stages;
    // Values: absent ones (`AWS::NoValue`) leave optional fields and configuration keys.
    view.for_each_text_mut(|text| {
        if let Some(chosen) = choose(text, assignment) {
            *text = chosen.unwrap_or_else(|| Text::from(NO_VALUE));
        }
    });
    for stage in &mut view.stages {
        for action in &mut stage.actions {
            action.configuration.retain(|_, v| v != NO_VALUE);
            for field in [&mut action.region, &mut action.role_arn, &mut action.namespace] {
                if field.as_ref().is_some_and(|f| f == NO_VALUE) {
                    *field = None;
                }
            }
        }
    }
    (view, kept)
}

const NO_VALUE: &str = "\u{0}AWS::NoValue";

/// `when IsProd is true and UseCache is false`.
fn label(branches: &[Branch]) -> String {
    let parts: Vec<String> = branches
        .iter()
        .map(|b| format!("{} is {}", b.condition, b.holds))
        .collect();
    format!("when {}", parts.join(" and "))
}

/// Runs `rules` on every combination of the diagram's conditions and merges the findings:
/// one that every combination gives is reported once, as it is; one that only some give is
/// prefixed with the conditions those have in common. Findings keep rule order.
pub(super) fn run(diagram: &Diagram, rules: impl Fn(&Diagram) -> Vec<Finding>) -> Vec<Finding> {
    let conditions = conditions(diagram);
    if conditions.is_empty() {
        return rules(diagram);
    }
    let assignments = assignments(&conditions);
    let mut merged: Vec<(Finding, Vec<usize>)> = Vec::new();
    for (n, assignment) in assignments.iter().enumerate() {
        let (view, kept) = project(diagram, assignment);
        for mut finding in rules(&view) {
            finding.stage = finding.stage.and_then(|s| kept.get(s).copied());
            match merged.iter_mut().find(|(f, _)| *f == finding) {
                Some((_, seen)) => seen.push(n),
                None => merged.push((finding, vec![n])),
            }
        }
    }
    let mut out: Vec<Finding> = merged
        .into_iter()
        .map(|(mut finding, seen)| {
            if seen.len() < assignments.len() {
                let common: Vec<Branch> = conditions
                    .iter()
                    .filter_map(|c| {
                        let first = assignments[seen[0]][c];
                        seen.iter().all(|&i| assignments[i][c] == first).then(|| Branch {
                            condition: c.clone(),
                            holds: first,
                        })
                    })
                    .collect();
                let branches = if common.is_empty() {
                    assignments[seen[0]]
                        .iter()
                        .map(|(c, &holds)| Branch {
                            condition: c.clone(),
                            holds,
                        })
                        .collect()
                } else {
                    common
                };
                finding.message = format!("{}: {}", label(&branches), finding.message);
            }
            finding
        })
        .collect();
    out.sort_by_key(|f| f.rule);
    out
}
