//! Turning a diagram with CloudFormation intrinsic functions into one CodePipeline itself
//! accepts: every value must be a literal, so intrinsics are replaced from given parameter
//! values, and `Fn::If` branches are chosen by given condition values (`IsProd=true`).

use std::collections::BTreeMap;

use serde_json::Value;

use crate::pipeline::model::Diagram;
use crate::pipeline::text::Text;

/// A copy of `diagram` in which every intrinsic is replaced by its value: `Ref Name` by
/// `values["Name"]`, `Fn::Sub` by its text with each `${Name}` replaced; a stage or action on an
/// `Fn::If` branch is kept when `values[condition]` is `true` or `false` as the branch needs.
///
/// # Errors
/// One line for each value or branch that the given values do not settle.
pub fn resolve(diagram: &Diagram, values: &BTreeMap<String, String>) -> Result<Diagram, Vec<String>> {
    let mut problems = Vec::new();
    let mut copy = diagram.clone();
    copy.template = crate::pipeline::model::TemplateContext::default();
    let mut branch_kept = |what: &str, name: &str, when: Option<&crate::pipeline::model::Branch>| match when {
        None => true,
        Some(b) => match values.get(&b.condition).map(String::as_str) {
            Some("true") => b.holds,
            Some("false") => !b.holds,
            _ => {
                problems.push(format!(
                    "{what} \"{name}\" exists only {b}; give --parameter {}=true or =false",
                    b.condition
                ));
                false
            }
        },
    };
    copy.stages
        .retain(|s| branch_kept("stage", &s.name, s.when.as_ref()));
    for stage in &mut copy.stages {
        stage.when = None;
        stage
            .actions
            .retain(|a| branch_kept("action", &a.name, a.when.as_ref()));
        for action in &mut stage.actions {
            action.when = None;
        }
    }
    resolve_keys(&mut copy.artifact_stores, values, &mut problems);
    resolve_keys(&mut copy.artifact_store_keys, values, &mut problems);
    resolve_keys(&mut copy.artifact_store_types, values, &mut problems);
    let Ok(mut tree) = serde_json::to_value(&copy) else {
        return Err(vec!["the diagram cannot be written as JSON".to_owned()]);
    };
    walk(&mut tree, values, &mut problems);
    if !problems.is_empty() {
        problems.sort();
        problems.dedup();
        return Err(problems);
    }
    serde_json::from_value(tree).map_err(|e| vec![e.to_string()])
}

/// Replaces the Region keys that are intrinsic functions by their values (JSON keys must be
/// strings).
fn resolve_keys<V>(
    map: &mut BTreeMap<Text, V>,
    values: &BTreeMap<String, String>,
    problems: &mut Vec<String>,
) {
    for (key, value) in std::mem::take(map) {
        match key.expression().map(|function| evaluate(function, values)) {
            None => {
                map.insert(key, value);
            }
            Some(Some(resolved)) => {
                map.insert(Text::from(resolved), value);
            }
            Some(None) => problems.push(unresolved(&key)),
        }
    }
}

/// Replaces every intrinsic function in the diagram's JSON form by its value.
fn walk(tree: &mut Value, values: &BTreeMap<String, String>, problems: &mut Vec<String>) {
    match tree {
        Value::Object(map) if map.len() == 1 && map.keys().all(|k| k == "Ref" || k.starts_with("Fn::")) => {
            let function = tree.clone();
            match evaluate(&function, values) {
                Some(value) => *tree = Value::String(value),
                None => problems.push(unresolved(
                    &Text::intrinsic(&function).map_or_else(|| function.to_string(), |t| t.to_string()),
                )),
            }
        }
        Value::Object(map) => map.values_mut().for_each(|v| walk(v, values, problems)),
        Value::Array(items) => items.iter_mut().for_each(|v| walk(v, values, problems)),
        _ => {}
    }
}

fn unresolved(text: &str) -> String {
    format!("{text} is not a literal value; give its parameters with --parameter Name=Value")
}

/// The value of `Ref` or `Fn::Sub` from the given values, when they settle it.
fn evaluate(function: &Value, values: &BTreeMap<String, String>) -> Option<String> {
    if let Some(name) = function.get("Ref").and_then(Value::as_str) {
        return values.get(name).cloned();
    }
    let text = function.get("Fn::Sub").and_then(Value::as_str)?;
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find('}')?;
        let var = &after[..end];
        match var.strip_prefix('!') {
            Some(literal) => {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
            }
            None => out.push_str(values.get(var)?),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}
