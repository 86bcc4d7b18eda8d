//! Writing diagrams as one complete CloudFormation template: each pipeline under its logical
//! ID with every property it has (intrinsics, `Fn::If` branches, V2 settings, anything kept
//! verbatim), the conditions, mappings and parameters it uses, and a parameter for every
//! reference to something outside the pipeline (`Ref`, `Fn::GetAtt`, `${…}` of resources the
//! template does not have).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::case::{first_letter, to_template};
use super::{BUCKET_PARAMETER, PIPELINE_LOGICAL_ID, PIPELINE_TYPE, ROLE_PARAMETER};
use crate::pipeline::model::{Action, Branch, Diagram};
use crate::pipeline::text::Text;

/// CloudFormation limits a template's description to 1,024 bytes.
const MAX_DESCRIPTION: usize = 1024;

/// The first `max` bytes of `text`, cut at a character boundary.
fn clip(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The diagram as a complete CloudFormation template (JSON, pretty-printed).
#[must_use]
pub fn export(diagram: &Diagram) -> String {
    export_all(std::slice::from_ref(diagram))
}

/// Several diagrams as one template, each under its logical ID (`Pipeline`, `Pipeline2`, …
/// for diagrams that have none).
#[must_use]
pub fn export_all(diagrams: &[Diagram]) -> String {
    let mut resources = Map::new();
    let mut parameters: BTreeMap<String, Value> = BTreeMap::new();
    let mut conditions = Map::new();
    let mut mappings = Map::new();
    for (i, diagram) in diagrams.iter().enumerate() {
        let mut id = diagram
            .logical_id
            .clone()
            .unwrap_or_else(|| PIPELINE_LOGICAL_ID.to_owned());
        if resources.contains_key(&id) {
            id = format!("{id}{}", i + 1);
        }
        resources.insert(id, resource(diagram));
        parameters.extend(diagram.template.parameters.clone());
        conditions.extend(diagram.template.conditions.clone());
        mappings.extend(diagram.template.mappings.clone());
    }
    let mut resources = Value::Object(resources);
    let resource_ids: BTreeSet<String> = resources
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k.clone())
        .collect();
    outside_references(&mut resources, &resource_ids, &mut parameters);
    let mut conditions = Value::Object(conditions);
    outside_references(&mut conditions, &resource_ids, &mut parameters);
    let description = match diagrams.first() {
        Some(d) if !d.description.trim().is_empty() => clip(d.description.trim(), MAX_DESCRIPTION).to_owned(),
        // An intrinsic name in the description would read as a `${…}` outside `Fn::Sub`.
        Some(d) if d.name.is_intrinsic() => format!(
            "CodePipeline pipeline {}, exported from Stagecraft",
            d.logical_id.as_deref().unwrap_or(PIPELINE_LOGICAL_ID)
        ),
        Some(d) => format!("CodePipeline pipeline {}, exported from Stagecraft", d.name),
        None => "Exported from Stagecraft".to_owned(),
    };
    let mut template = Map::new();
    template.insert("AWSTemplateFormatVersion".into(), json!("2010-09-09"));
    template.insert("Description".into(), Value::String(description));
    if !parameters.is_empty() {
        template.insert("Parameters".into(), json!(parameters));
    }
    if !mappings.is_empty() {
        template.insert("Mappings".into(), Value::Object(mappings));
    }
    if conditions.as_object().is_some_and(|c| !c.is_empty()) {
        template.insert("Conditions".into(), conditions);
    }
    template.insert("Resources".into(), resources);
    let mut text = serde_json::to_string_pretty(&Value::Object(template))
        .unwrap_or_else(|_| unreachable!("a JSON value always serializes"));
    text.push('\n');
    text
}

fn resource(diagram: &Diagram) -> Value {
    let mut props = Map::new();
    props.insert("Name".into(), diagram.name.to_value());
    let role = if diagram.role_arn.is_empty() {
        json!({ "Ref": ROLE_PARAMETER })
    } else {
        diagram.role_arn.to_value()
    };
    props.insert("RoleArn".into(), role);
    let store_type = |key: &str| {
        diagram
            .artifact_store_types
            .get(key)
            .map_or(json!("S3"), Text::to_value)
    };
    if diagram.artifact_stores.is_empty() {
        let location = if diagram.artifact_bucket.is_empty() {
            json!({ "Ref": BUCKET_PARAMETER })
        } else {
            diagram.artifact_bucket.to_value()
        };
        let mut store = json!({ "Type": store_type(""), "Location": location });
        if let Some(key) = &diagram.encryption_key {
            store["EncryptionKey"] = to_template(key);
        }
        props.insert("ArtifactStore".into(), store);
    } else {
        let stores = diagram
            .artifact_stores
            .iter()
            .map(|(region, bucket)| {
                let mut store = json!({ "Type": store_type(region), "Location": bucket.to_value() });
                if let Some(key) = diagram.artifact_store_keys.get(region) {
                    store["EncryptionKey"] = to_template(key);
                }
                json!({ "Region": region.to_value(), "ArtifactStore": store })
            })
            .collect();
        props.insert("ArtifactStores".into(), Value::Array(stores));
    }
    if let Some(kind) = &diagram.pipeline_type {
        props.insert("PipelineType".into(), kind.to_value());
    }
    if let Some(mode) = &diagram.execution_mode {
        props.insert("ExecutionMode".into(), mode.to_value());
    }
    if !diagram.variables.is_empty() {
        let variables = diagram
            .variables
            .iter()
            .map(|v| {
                let mut out = json!({ "Name": v.name.to_value() });
                if let Some(d) = &v.default_value {
                    out["DefaultValue"] = d.to_value();
                }
                if let Some(d) = &v.description {
                    out["Description"] = d.to_value();
                }
                out
            })
            .collect();
        props.insert("Variables".into(), Value::Array(variables));
    }
    if !diagram.triggers.is_empty() {
        props.insert(
            "Triggers".into(),
            Value::Array(diagram.triggers.iter().map(to_template).collect()),
        );
    }
    let stages = diagram
        .stages
        .iter()
        .map(|stage| {
            let mut actions: Vec<&Action> = stage.actions.iter().collect();
            // cfn-lint reads artifacts in document order, so producers must come first.
            actions.sort_by_key(|a| a.run_order);
            let actions = conditional(actions.into_iter().map(|a| (a.when.as_ref(), action_out(a))));
            let mut out = json!({ "Name": stage.name.to_value(), "Actions": actions });
            for (key, v) in &stage.extra {
                out[first_letter(key, true)] = to_template(v);
            }
            (stage.when.as_ref(), out)
        })
        .collect::<Vec<_>>();
    props.insert("Stages".into(), Value::Array(conditional(stages.into_iter())));
    for (key, v) in &diagram.extra {
        props.insert(first_letter(key, true), to_template(v));
    }
    for (key, v) in &diagram.template.properties {
        props.insert(key.clone(), v.clone());
    }
    let mut out = json!({ "Type": PIPELINE_TYPE, "Properties": props });
    for (key, v) in &diagram.template.attributes {
        out[key.as_str()] = v.clone();
    }
    out
}

/// List items with their `Fn::If` branches folded back: two neighbours on opposite branches of
/// one condition become one `Fn::If`, a lone branch an `Fn::If` with `AWS::NoValue`.
fn conditional<'a>(items: impl Iterator<Item = (Option<&'a Branch>, Value)>) -> Vec<Value> {
    let no_value = || json!({ "Ref": "AWS::NoValue" });
    let mut out = Vec::new();
    let mut pending: Option<(&Branch, Value)> = None;
    for (when, item) in items {
        if let Some((first, first_value)) = pending.take() {
            if let Some(second) = when.filter(|b| b.condition == first.condition && b.holds != first.holds) {
                let (yes, no) = if first.holds {
                    (first_value, item)
                } else {
                    (item, first_value)
                };
                out.push(json!({ "Fn::If": [second.condition, yes, no] }));
                continue;
            }
            out.push(lone(first, &first_value, &no_value()));
        }
        match when {
            Some(branch) => pending = Some((branch, item)),
            None => out.push(item),
        }
    }
    if let Some((first, first_value)) = pending {
        out.push(lone(first, &first_value, &no_value()));
    }
    out
}

fn lone(branch: &Branch, item: &Value, no_value: &Value) -> Value {
    if branch.holds {
        json!({ "Fn::If": [branch.condition, item, no_value] })
    } else {
        json!({ "Fn::If": [branch.condition, no_value, item] })
    }
}

fn action_out(action: &Action) -> Value {
    let mut out = json!({
        "Name": action.name.to_value(),
        "ActionTypeId": {
            "Category": action.category.as_str(),
            "Owner": action.owner.as_str(),
            "Provider": action.provider.to_value(),
            "Version": action.version.to_value(),
        },
        "RunOrder": action.run_order,
    });
    if !action.configuration.is_empty() {
        let config: Map<String, Value> = action
            .configuration
            .iter()
            .map(|(k, v)| (k.clone(), v.to_value()))
            .collect();
        out["Configuration"] = Value::Object(config);
    }
    let names = |list: &[Text]| -> Value { list.iter().map(|n| json!({ "Name": n.to_value() })).collect() };
    if !action.inputs.is_empty() {
        out["InputArtifacts"] = names(&action.inputs);
    }
    if !action.outputs.is_empty() {
        out["OutputArtifacts"] = names(&action.outputs);
    }
    for (key, field) in [
        ("Region", &action.region),
        ("RoleArn", &action.role_arn),
        ("Namespace", &action.namespace),
    ] {
        if let Some(text) = field.as_ref().filter(|s| !s.is_empty()) {
            out[key] = text.to_value();
        }
    }
    if let Some(minutes) = action.timeout_in_minutes {
        out["TimeoutInMinutes"] = json!(minutes);
    }
    for (key, v) in &action.extra {
        out[first_letter(key, true)] = to_template(v);
    }
    out
}

/// The description of a declared parameter.
fn parameter_description(name: &str) -> String {
    match name {
        ROLE_PARAMETER => "ARN of the IAM service role that CodePipeline assumes".to_owned(),
        BUCKET_PARAMETER => "Name of the S3 bucket that holds the pipeline's artifacts".to_owned(),
        _ => format!("Value for {name}, referenced by the pipeline"),
    }
}

fn declare(parameters: &mut BTreeMap<String, Value>, name: &str) {
    parameters
        .entry(name.to_owned())
        .or_insert_with(|| json!({ "Type": "String", "Description": parameter_description(name) }));
}

/// The parameter that stands for `resource.attribute` of a resource the template lacks.
fn attribute_parameter(resource: &str, attribute: &str) -> String {
    let attribute: String = attribute.chars().filter(char::is_ascii_alphanumeric).collect();
    format!("{resource}{attribute}")
}

/// Turns every reference to something the template does not define into a parameter:
/// `Ref X` declares `X`, `Fn::GetAtt [X, Attr]` becomes `Ref XAttr`, `${X.Attr}` becomes
/// `${XAttr}` (pseudo parameters such as `AWS::Region` are left alone).
fn outside_references(
    value: &mut Value,
    resources: &BTreeSet<String>,
    parameters: &mut BTreeMap<String, Value>,
) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(name)) = map.get("Ref")
                && !name.starts_with("AWS::")
                && !resources.contains(name)
            {
                declare(parameters, &name.clone());
            }
            if let Some(Value::Array(parts)) = map.get("Fn::GetAtt")
                && let [Value::String(resource), Value::String(attribute)] = parts.as_slice()
                && !resources.contains(resource)
            {
                let name = attribute_parameter(resource, attribute);
                declare(parameters, &name);
                *value = json!({ "Ref": name });
                return;
            }
            if let Some(sub) = map.get_mut("Fn::Sub") {
                let (text, locals) = match sub {
                    Value::String(_) => (Some(sub), Vec::new()),
                    Value::Array(parts) => {
                        let locals = parts
                            .get(1)
                            .and_then(Value::as_object)
                            .map(|m| m.keys().cloned().collect())
                            .unwrap_or_default();
                        (parts.get_mut(0), locals)
                    }
                    _ => (None, Vec::new()),
                };
                if let Some(Value::String(text)) = text {
                    *text = rewrite_sub(text, resources, &locals, parameters);
                }
            }
            map.values_mut()
                .for_each(|v| outside_references(v, resources, parameters));
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| outside_references(v, resources, parameters)),
        _ => {}
    }
}

fn rewrite_sub(
    text: &str,
    resources: &BTreeSet<String>,
    locals: &[String],
    parameters: &mut BTreeMap<String, Value>,
) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start + 2]);
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            rest = after;
            break;
        };
        let var = &after[..end];
        let outside = !var.starts_with('!')
            && !var.starts_with("AWS::")
            && !var.is_empty()
            && !locals.iter().any(|l| l == var);
        match var.split_once('.') {
            Some((resource, attribute)) if outside && !resources.contains(resource) => {
                let name = attribute_parameter(resource, attribute);
                declare(parameters, &name);
                out.push_str(&name);
            }
            None if outside && !resources.contains(var) => {
                declare(parameters, var);
                out.push_str(var);
            }
            _ => out.push_str(var),
        }
        out.push('}');
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_references_become_parameters() {
        let mut parameters = BTreeMap::new();
        let resources = BTreeSet::from(["Pipeline".to_owned()]);
        let mut value = json!({
            "A": {"Fn::GetAtt": ["Role", "Arn"]},
            "B": {"Fn::Sub": "${Bucket.Arn}/${Env}-${AWS::Region}-${!Literal}-${Pipeline}"},
            "C": {"Ref": "Topic"},
            "D": {"Fn::Sub": ["${X}-${Local}", {"Local": {"Ref": "Y"}}]},
        });
        outside_references(&mut value, &resources, &mut parameters);
        assert_eq!(value["A"], json!({"Ref": "RoleArn"}));
        assert_eq!(
            value["B"],
            json!({"Fn::Sub": "${BucketArn}/${Env}-${AWS::Region}-${!Literal}-${Pipeline}"})
        );
        assert_eq!(
            parameters.keys().collect::<Vec<_>>(),
            ["BucketArn", "Env", "RoleArn", "Topic", "X", "Y"]
        );
    }
}
