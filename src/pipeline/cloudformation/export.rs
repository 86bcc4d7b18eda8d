//! Writing a diagram as a complete CloudFormation template, declaring a parameter for every
//! name the pipeline references that the template does not define.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::intrinsics::text_to_value;
use super::{BUCKET_PARAMETER, PIPELINE_LOGICAL_ID, PIPELINE_TYPE, ROLE_PARAMETER};
use crate::pipeline::model::{Action, Diagram};

/// CloudFormation limits a template's description to 1,024 bytes.
const MAX_DESCRIPTION: usize = 1024;

#[derive(Serialize)]
struct Template {
    #[serde(rename = "AWSTemplateFormatVersion")]
    format_version: &'static str,
    #[serde(rename = "Description")]
    description: String,
    #[serde(rename = "Parameters", skip_serializing_if = "BTreeMap::is_empty")]
    parameters: BTreeMap<String, Parameter>,
    #[serde(rename = "Resources")]
    resources: BTreeMap<&'static str, Resource>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Parameter {
    #[serde(rename = "Type")]
    kind: &'static str,
    description: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Resource {
    #[serde(rename = "Type")]
    kind: &'static str,
    properties: Properties,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Properties {
    name: Value,
    role_arn: Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    artifact_store: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    artifact_stores: Option<Vec<Value>>,
    stages: Vec<StageOut>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct StageOut {
    name: Value,
    actions: Vec<ActionOut>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct ActionOut {
    name: Value,
    action_type_id: TypeIdOut,
    run_order: u32,
    #[serde(skip_serializing_if = "Map::is_empty")]
    configuration: Map<String, Value>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    input_artifacts: Vec<NameOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    output_artifacts: Vec<NameOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_arn: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    namespace: Option<Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct TypeIdOut {
    category: &'static str,
    owner: &'static str,
    provider: String,
    version: String,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct NameOut {
    name: String,
}

fn optional_value(text: Option<&String>) -> Option<Value> {
    text.filter(|s| !s.is_empty()).map(|s| text_to_value(s))
}

/// The first `max` bytes of `text`, cut at a character boundary.
fn clip(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The diagram as a complete CloudFormation template (JSON, pretty-printed). Parameters are
/// declared for the role ARN and artifact bucket when the diagram has none, and for any other
/// name a `Ref` or `Fn::Sub` uses that the template does not define. Actions are written in
/// run order within each stage.
#[must_use]
pub fn export(diagram: &Diagram) -> String {
    let mut parameters = BTreeMap::new();
    let role_arn = if diagram.role_arn.is_empty() {
        parameters.insert(
            ROLE_PARAMETER.to_owned(),
            Parameter {
                kind: "String",
                description: parameter_description(ROLE_PARAMETER),
            },
        );
        json!({ "Ref": ROLE_PARAMETER })
    } else {
        text_to_value(&diagram.role_arn)
    };
    let (artifact_store, artifact_stores) = if diagram.artifact_stores.is_empty() {
        let location = if diagram.artifact_bucket.is_empty() {
            parameters.insert(
                BUCKET_PARAMETER.to_owned(),
                Parameter {
                    kind: "String",
                    description: parameter_description(BUCKET_PARAMETER),
                },
            );
            json!({ "Ref": BUCKET_PARAMETER })
        } else {
            text_to_value(&diagram.artifact_bucket)
        };
        (Some(json!({ "Type": "S3", "Location": location })), None)
    } else {
        let stores = diagram
            .artifact_stores
            .iter()
            .map(|(region, bucket)| {
                json!({
                    "Region": text_to_value(region),
                    "ArtifactStore": { "Type": "S3", "Location": text_to_value(bucket) },
                })
            })
            .collect();
        (None, Some(stores))
    };
    let stages = diagram
        .stages
        .iter()
        .map(|stage| {
            let mut actions: Vec<&Action> = stage.actions.iter().collect();
            // cfn-lint reads artifacts in document order, so producers must come first.
            actions.sort_by_key(|a| a.run_order);
            StageOut {
                name: text_to_value(&stage.name),
                actions: actions.into_iter().map(action_out).collect(),
            }
        })
        .collect();
    let properties = Properties {
        name: text_to_value(&diagram.name),
        role_arn,
        artifact_store,
        artifact_stores,
        stages,
    };
    let description = if diagram.description.trim().is_empty() {
        format!("CodePipeline pipeline {}, exported from Stagecraft", diagram.name)
    } else {
        clip(diagram.description.trim(), MAX_DESCRIPTION).to_owned()
    };
    let mut template = Template {
        format_version: "2010-09-09",
        description,
        parameters,
        resources: BTreeMap::from([(
            PIPELINE_LOGICAL_ID,
            Resource {
                kind: PIPELINE_TYPE,
                properties,
            },
        )]),
    };
    declare_missing_parameters(&mut template);
    let mut text = serde_json::to_string_pretty(&template)
        .unwrap_or_else(|_| unreachable!("string-keyed maps and plain structs always serialize"));
    text.push('\n');
    text
}

fn action_out(action: &Action) -> ActionOut {
    let names = |list: &[String]| list.iter().map(|n| NameOut { name: n.clone() }).collect();
    ActionOut {
        name: text_to_value(&action.name),
        action_type_id: TypeIdOut {
            category: action.category.as_str(),
            owner: action.owner.as_str(),
            provider: action.provider.clone(),
            version: action.version.clone(),
        },
        run_order: action.run_order,
        configuration: action
            .configuration
            .iter()
            .map(|(k, v)| (k.clone(), text_to_value(v)))
            .collect(),
        input_artifacts: names(&action.inputs),
        output_artifacts: names(&action.outputs),
        region: optional_value(action.region.as_ref()),
        role_arn: optional_value(action.role_arn.as_ref()),
        namespace: optional_value(action.namespace.as_ref()),
    }
}

/// Declares a `String` parameter for each name that a `Ref` or `Fn::Sub` uses and that the
/// template does not define (pseudo parameters such as `AWS::Region` are left alone).
/// The description of a declared parameter. The role and bucket parameters keep theirs when a
/// diagram that refers to them (after an import of an exported template) is exported again.
fn parameter_description(name: &str) -> String {
    match name {
        ROLE_PARAMETER => "ARN of the IAM service role that CodePipeline assumes".to_owned(),
        BUCKET_PARAMETER => "Name of the S3 bucket that holds the pipeline's artifacts".to_owned(),
        _ => format!("Value for {name}, referenced by the pipeline"),
    }
}

fn declare_missing_parameters(template: &mut Template) {
    let Ok(value) = serde_json::to_value(&template.resources) else {
        return;
    };
    let mut names = BTreeSet::new();
    collect_references(&value, &mut names);
    for name in names {
        let defined = template.parameters.contains_key(&name)
            || template.resources.contains_key(name.as_str())
            || name.starts_with("AWS::");
        if !defined {
            template.parameters.insert(
                name.clone(),
                Parameter {
                    kind: "String",
                    description: parameter_description(&name),
                },
            );
        }
    }
}

fn collect_references(value: &Value, names: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(name)) = map.get("Ref") {
                names.insert(name.clone());
            }
            match map.get("Fn::Sub") {
                Some(Value::String(text)) => sub_variables(text, names, &[]),
                Some(Value::Array(parts)) => {
                    if let (Some(Value::String(text)), Some(Value::Object(vars))) =
                        (parts.first(), parts.get(1))
                    {
                        let local: Vec<&str> = vars.keys().map(String::as_str).collect();
                        sub_variables(text, names, &local);
                    }
                }
                _ => {}
            }
            map.values().for_each(|v| collect_references(v, names));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_references(v, names)),
        _ => {}
    }
}

/// The `${Name}` variables of a `Fn::Sub` string that refer to parameters or resources.
fn sub_variables(text: &str, names: &mut BTreeSet<String>, local: &[&str]) {
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            break;
        };
        let var = &after[..end];
        // `${!Literal}` is escaped text and `${Res.Attr}` a GetAtt.
        if !var.starts_with('!') && !var.contains('.') && !local.contains(&var) && !var.is_empty() {
            names.insert(var.to_owned());
        }
        rest = &after[end + 1..];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_variables_skip_literals_attributes_and_locals() {
        let mut names = BTreeSet::new();
        sub_variables(
            "${A}-${!Literal}-${B.Arn}-${AWS::Region}-${C}",
            &mut names,
            &["C"],
        );
        assert_eq!(names.into_iter().collect::<Vec<_>>(), ["A", "AWS::Region"]);
    }
}
