//! What of a template a pipeline needs to stand on its own: the parameters, conditions and
//! mappings it refers to, directly or through the conditions it names.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::pipeline::model::TemplateContext;

/// The parameters, conditions and mappings of `template` that the pipeline `resource` uses,
/// directly or through the conditions it names.
pub(super) fn keep_context(
    template: &Value,
    resource: &Value,
    mut context: TemplateContext,
) -> TemplateContext {
    let section = |name: &str| template.get(name).and_then(Value::as_object);
    let mut names = References::default();
    names.collect(resource);
    // Conditions name parameters and other conditions: follow them to a fixed point.
    let mut seen = BTreeSet::new();
    while let Some(condition) = names.conditions.iter().find(|c| !seen.contains(*c)).cloned() {
        seen.insert(condition.clone());
        if let Some(definition) = section("Conditions").and_then(|c| c.get(&condition)) {
            names.collect(definition);
        }
    }
    for (section_name, wanted, into) in [
        ("Parameters", &names.refs, &mut context.parameters),
        ("Conditions", &names.conditions, &mut context.conditions),
        ("Mappings", &names.mappings, &mut context.mappings),
    ] {
        if let Some(map) = section(section_name) {
            for name in wanted {
                if let Some(value) = map.get(name) {
                    into.insert(name.clone(), value.clone());
                }
            }
        }
    }
    context
}

/// Names an intrinsic-bearing tree refers to.
#[derive(Default)]
struct References {
    refs: BTreeSet<String>,
    conditions: BTreeSet<String>,
    mappings: BTreeSet<String>,
}

impl References {
    fn collect(&mut self, value: &Value) {
        match value {
            Value::Object(map) => {
                for (key, arg) in map {
                    match (key.as_str(), arg) {
                        ("Ref", Value::String(name)) => {
                            self.refs.insert(name.clone());
                        }
                        ("Condition", Value::String(name)) => {
                            self.conditions.insert(name.clone());
                        }
                        ("Fn::If", Value::Array(parts)) => {
                            if let Some(Value::String(name)) = parts.first() {
                                self.conditions.insert(name.clone());
                            }
                        }
                        ("Fn::FindInMap", Value::Array(parts)) => {
                            if let Some(Value::String(name)) = parts.first() {
                                self.mappings.insert(name.clone());
                            }
                        }
                        ("Fn::Sub", _) => {
                            let text = arg.as_str().or_else(|| arg.get(0).and_then(Value::as_str));
                            for var in text.map(sub_names).unwrap_or_default() {
                                self.refs.insert(var);
                            }
                        }
                        _ => {}
                    }
                    self.collect(arg);
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.collect(v)),
            _ => {}
        }
    }
}

/// The `${Name}` and `${Name.Attr}` variables of a `Fn::Sub` string (`${!Literal}` skipped),
/// without the attribute.
pub(super) fn sub_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            break;
        };
        let var = &after[..end];
        if !var.starts_with('!') && !var.is_empty() {
            names.push(var.split('.').next().unwrap_or(var).to_owned());
        }
        rest = &after[end + 1..];
    }
    names
}
