//! Reading every `AWS::CodePipeline::Pipeline` resource of a template (JSON or YAML) into
//! diagrams, keeping intrinsic functions, `Fn::If` branches, V2 settings and anything the
//! model does not name.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;

use super::PIPELINE_TYPE;
use super::case::{is_intrinsic, to_api};
use super::context::keep_context;
use super::yaml::parse_yaml;
use crate::pipeline::codepipeline::{
    ImportError, Owned, action_type_of, config_string, finish_import, parse_json, run_order_of,
};
use crate::pipeline::model::{Action, ActionId, Branch, Diagram, Stage, Variable};
use crate::pipeline::text::Text;

/// Pipeline properties the template keeps but the API declaration has no place for.
const TEMPLATE_ONLY: &[&str] = &[
    "RestartExecutionOnUpdate",
    "DisableInboundStageTransitions",
    "Tags",
];

/// Resource attributes kept with the pipeline (`DependsOn` names resources an export drops).
const ATTRIBUTES: &[&str] = &["Condition", "DeletionPolicy", "UpdateReplacePolicy", "Metadata"];

/// A template value that should hold a string: literal text, or an intrinsic function.
fn read_text(node: &Owned<'_>) -> Result<Text, ImportError> {
    Text::from_value(node.value).ok_or_else(|| node.node().wrong("a string or an intrinsic function"))
}

/// The text under `key`, if present (`AWS::NoValue` is absent).
fn read_optional(node: &Owned<'_>, key: &str) -> Result<Option<Text>, ImportError> {
    match node.get(key) {
        None => Ok(None),
        Some(value) if value.value.is_null() || is_no_value(value.value) => Ok(None),
        Some(value) => read_text(&value).map(Some),
    }
}

/// Whether a value is `{"Ref": "AWS::NoValue"}` (the property is then absent).
fn is_no_value(value: &Value) -> bool {
    value.get("Ref").and_then(Value::as_str) == Some("AWS::NoValue")
}

/// The items of a list, each with the `Fn::If` branch it sits in: an `Fn::If` item gives one
/// item per branch that is not `AWS::NoValue`.
fn branches<'a>(list: &Owned<'a>) -> Result<Vec<(Option<Branch>, Owned<'a>)>, ImportError> {
    let mut out = Vec::new();
    for item in list.items()? {
        if is_no_value(item.value) {
            continue;
        }
        let parts = item.value.get("Fn::If").and_then(Value::as_array);
        match parts.map(Vec::as_slice) {
            Some([Value::String(condition), yes, no]) => {
                for (holds, value, index) in [(true, yes, 1), (false, no, 2)] {
                    if !is_no_value(value) {
                        let branch = Branch {
                            condition: condition.clone(),
                            holds,
                        };
                        let path = format!("{}.Fn::If[{index}]", item.path);
                        out.push((Some(branch), Owned { value, path }));
                    }
                }
            }
            Some(_) => return Err(item.node().wrong("Fn::If with a condition and two values")),
            None => out.push((None, item)),
        }
    }
    Ok(out)
}

/// The logical ids of `Resources` in document order (a JSON object's order is otherwise lost).
struct ResourceOrder(Vec<String>);

impl<'de> Deserialize<'de> for ResourceOrder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = ResourceOrder;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ResourceOrder, A::Error> {
                let mut keys = Vec::new();
                while let Some((key, _)) = map.next_entry::<String, serde::de::IgnoredAny>()? {
                    keys.push(key);
                }
                Ok(ResourceOrder(keys))
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

#[derive(Deserialize)]
struct TemplateKeys {
    #[serde(rename = "Resources")]
    resources: Option<ResourceOrder>,
}

/// A parsed template: its JSON tree, its resources' document order, and (for YAML) each
/// node's 1-based (line, column) by path.
pub type ParsedTemplate = (Value, Vec<String>, BTreeMap<String, (usize, usize)>);

/// A template parsed from JSON or YAML (told apart by content: JSON starts with `{`), with
/// its resources' document order and, for YAML, each node's position by path.
///
/// # Errors
/// A syntax error with its line and column.
pub fn parse_template(text: &str) -> Result<ParsedTemplate, ImportError> {
    if text.trim_start().starts_with('{') {
        let value = parse_json(text)?;
        let order = serde_json::from_str::<TemplateKeys>(text)
            .ok()
            .and_then(|t| t.resources)
            .map(|r| r.0)
            .unwrap_or_default();
        Ok((value, order, BTreeMap::new()))
    } else {
        let doc = parse_yaml(text)?;
        Ok((doc.value, doc.resource_order, doc.positions))
    }
}

/// Imports the first `AWS::CodePipeline::Pipeline` resource of a template (JSON or YAML).
///
/// # Errors
/// A syntax error with its line and column, or a shape error naming the path (e.g.
/// `Resources.Pipeline.Properties.Stages[0].Actions[1]: missing "ActionTypeId"`).
pub fn import(text: &str) -> Result<Diagram, ImportError> {
    let mut all = import_all(text)?;
    Ok(all.remove(0))
}

/// Imports every pipeline resource of a template, in document order; each diagram's
/// `logical_id` names its resource.
///
/// # Errors
/// As [`import`]; also when the template holds no pipeline.
pub fn import_all(text: &str) -> Result<Vec<Diagram>, ImportError> {
    let (value, order, _) = parse_template(text)?;
    from_template(&value, &order)
}

/// Imports every pipeline of a parsed template, looking at resources in `order` first.
///
/// # Errors
/// A shape error naming the path; also when the template holds no pipeline.
pub fn from_template(value: &Value, order: &[String]) -> Result<Vec<Diagram>, ImportError> {
    let root = Owned::root(value, "");
    let resources = root.require("Resources")?;
    let map = resources
        .value
        .as_object()
        .ok_or_else(|| resources.node().wrong("an object"))?;
    let ids = order
        .iter()
        .filter(|id| map.contains_key(*id))
        .chain(map.keys().filter(|id| !order.contains(id)));
    let mut diagrams = Vec::new();
    for id in ids {
        let Some(resource) = resources.get(id) else {
            continue;
        };
        if resource.get("Type").and_then(|t| t.value.as_str()) == Some(PIPELINE_TYPE) {
            diagrams.push(import_resource(value, id, &resource)?);
        }
    }
    if diagrams.is_empty() {
        return Err(ImportError::shape(
            "Resources",
            format!("no resource of Type {PIPELINE_TYPE}"),
        ));
    }
    Ok(diagrams)
}

fn import_resource(template: &Value, logical_id: &str, resource: &Owned<'_>) -> Result<Diagram, ImportError> {
    let props = resource.require("Properties")?;
    props.node().expect_object()?;
    let mut diagram = Diagram::new("");
    diagram.stages.clear();
    diagram.logical_id = Some(logical_id.to_owned());
    diagram.name = read_optional(&props, "Name")?.unwrap_or_else(|| logical_id.into());
    diagram.role_arn = read_optional(&props, "RoleArn")?.unwrap_or_default();
    diagram.pipeline_type = read_optional(&props, "PipelineType")?;
    diagram.execution_mode = read_optional(&props, "ExecutionMode")?;
    if let Some(store) = props.get("ArtifactStore").filter(|s| !is_no_value(s.value)) {
        diagram.artifact_bucket = read_text(&store.require("Location")?)?;
        diagram.encryption_key = store.get("EncryptionKey").map(|k| to_api(k.value));
        let kind = read_text(&store.require("Type")?)?;
        if kind != "S3" {
            diagram.artifact_store_types.insert(Text::default(), kind);
        }
    }
    if let Some(stores) = props.get("ArtifactStores").filter(|s| !is_no_value(s.value)) {
        for (_, entry) in branches(&stores)? {
            let region = read_text(&entry.require("Region")?)?;
            let store = entry.require("ArtifactStore")?;
            let location = read_text(&store.require("Location")?)?;
            let kind = read_text(&store.require("Type")?)?;
            if kind != "S3" {
                diagram.artifact_store_types.insert(region.clone(), kind);
            }
            if let Some(key) = store.get("EncryptionKey") {
                diagram
                    .artifact_store_keys
                    .insert(region.clone(), to_api(key.value));
            }
            diagram.artifact_stores.insert(region, location);
        }
    }
    if let Some(variables) = props.get("Variables").filter(|v| !is_no_value(v.value)) {
        for (_, variable) in branches(&variables)? {
            diagram.variables.push(Variable {
                name: read_text(&variable.require("Name")?)?,
                default_value: read_optional(&variable, "DefaultValue")?,
                description: read_optional(&variable, "Description")?,
            });
        }
    }
    if let Some(triggers) = props.get("Triggers").filter(|t| !is_no_value(t.value)) {
        diagram.triggers = triggers.items()?.iter().map(|t| to_api(t.value)).collect();
    }
    for (stage_branch, stage) in branches(&props.require("Stages")?)? {
        diagram.stages.push(import_stage(stage_branch, &stage)?);
    }
    let known = [
        "Name",
        "RoleArn",
        "PipelineType",
        "ExecutionMode",
        "ArtifactStore",
        "ArtifactStores",
        "Variables",
        "Triggers",
        "Stages",
    ];
    if let Some(map) = props.value.as_object() {
        for (key, value) in map {
            if TEMPLATE_ONLY.contains(&key.as_str()) {
                diagram.template.properties.insert(key.clone(), value.clone());
            } else if !known.contains(&key.as_str()) {
                diagram
                    .extra
                    .insert(super::case::first_letter(key, false), to_api(value));
            }
        }
    }
    if let Some(map) = resource.value.as_object() {
        for key in ATTRIBUTES {
            if let Some(value) = map.get(*key) {
                diagram
                    .template
                    .attributes
                    .insert((*key).to_owned(), value.clone());
            }
        }
    }
    diagram.description = template
        .get("Description")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    diagram.template = keep_context(template, resource.value, diagram.template);
    finish_import(&mut diagram);
    Ok(diagram)
}

fn import_stage(when: Option<Branch>, node: &Owned<'_>) -> Result<Stage, ImportError> {
    let name = read_text(&node.require("Name")?)?;
    let mut actions = Vec::new();
    for (action_branch, action) in branches(&node.require("Actions")?)? {
        let mut action = import_action(&action)?;
        action.when = action_branch;
        actions.push(action);
    }
    let extra = rest(node.value, &["Name", "Actions"]);
    Ok(Stage {
        name,
        actions,
        when,
        extra,
    })
}

/// The keys of an object other than `known`, in the API's spelling.
fn rest(value: &Value, known: &[&str]) -> BTreeMap<String, Value> {
    crate::pipeline::codepipeline::import::other_keys(value, known)
        .map(|(key, value)| (super::case::first_letter(key, false), to_api(value)))
        .collect()
}

fn import_action(node: &Owned<'_>) -> Result<Action, ImportError> {
    let name = read_text(&node.require("Name")?)?;
    let type_id = node.require("ActionTypeId")?;
    let provider_node = type_id.require("Provider")?;
    let provider = read_text(&provider_node)?;
    let mut plain_type = type_id.value.clone();
    if let Some(map) = plain_type.as_object_mut() {
        map.insert("Provider".to_owned(), Value::String(provider.to_string()));
    }
    let plain = Owned {
        value: &plain_type,
        path: type_id.path.clone(),
    };
    let (category, owner, _) = action_type_of(&plain, ["Category", "Owner", "Provider"])?;
    let version = match type_id.get("Version") {
        Some(v) if !v.value.is_string() && !v.value.is_number() => read_text(&v)?,
        Some(v) => config_string(v.value).into(),
        // CloudFormation requires the version; filling one in would hide the mistake.
        None => return Err(ImportError::shape(&type_id.path, "missing \"Version\"")),
    };
    let run_order = match node.get("RunOrder").filter(|n| !is_no_value(n.value)) {
        Some(n) => run_order_of(&n)?,
        None => 1,
    };
    let timeout_in_minutes = match node.get("TimeoutInMinutes").filter(|n| !is_no_value(n.value)) {
        Some(n) => Some(run_order_of(&n)?),
        None => None,
    };
    Ok(Action {
        id: ActionId::default(),
        name,
        category,
        owner,
        provider,
        version,
        run_order,
        configuration: import_configuration(node)?,
        inputs: artifact_names(node, "InputArtifacts")?,
        outputs: artifact_names(node, "OutputArtifacts")?,
        region: read_optional(node, "Region")?,
        role_arn: read_optional(node, "RoleArn")?,
        namespace: read_optional(node, "Namespace")?,
        x: 0.0,
        timeout_in_minutes,
        when: None,
        extra: rest(
            node.value,
            &[
                "Name",
                "ActionTypeId",
                "RunOrder",
                "Configuration",
                "InputArtifacts",
                "OutputArtifacts",
                "Region",
                "RoleArn",
                "Namespace",
                "TimeoutInMinutes",
            ],
        ),
    })
}

fn artifact_names(node: &Owned<'_>, key: &str) -> Result<Vec<Text>, ImportError> {
    let Some(list) = node
        .get(key)
        .filter(|l| !l.value.is_null() && !is_no_value(l.value))
    else {
        return Ok(Vec::new());
    };
    let mut names = Vec::new();
    for (_, item) in branches(&list)? {
        names.push(read_text(&item.require("Name")?)?);
    }
    Ok(names)
}

fn import_configuration(node: &Owned<'_>) -> Result<BTreeMap<String, Text>, ImportError> {
    let mut configuration = BTreeMap::new();
    let Some(config) = node
        .get("Configuration")
        .filter(|c| !c.value.is_null() && !is_no_value(c.value))
    else {
        return Ok(configuration);
    };
    // The schema also allows the configuration as a JSON string.
    let parsed;
    let map = match config.value {
        Value::Object(map) => map,
        Value::String(text) => {
            parsed = serde_json::from_str::<Value>(text)
                .map_err(|e| ImportError::shape(&config.path, format!("not a JSON object: {e}")))?;
            parsed
                .as_object()
                .ok_or_else(|| ImportError::shape(&config.path, "not a JSON object"))?
        }
        _ => return Err(config.node().wrong("an object")),
    };
    for (key, value) in map {
        if value.is_null() || is_no_value(value) {
            continue;
        }
        let text = match value {
            Value::Object(inner) if is_intrinsic(inner) => {
                let owned = Owned {
                    value,
                    path: format!("{}.{key}", config.path),
                };
                read_text(&owned)?
            }
            other => config_string(other).into(),
        };
        configuration.insert(key.clone(), text);
    }
    Ok(configuration)
}
