//! Reading the first `AWS::CodePipeline::Pipeline` resource of a JSON template into a diagram.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_json::Value;

use super::PIPELINE_TYPE;
use super::intrinsics::intrinsic_to_text;
use crate::pipeline::codepipeline::{
    ImportError, Owned, action_type_of, artifact_names, config_string, finish_import, parse_json,
    run_order_of,
};
use crate::pipeline::model::{Action, ActionId, DIAGRAM_VERSION, Diagram, Stage};

/// A template value that should hold a string: the string itself, or the readable form of an
/// intrinsic function.
fn readable(node: &Owned<'_>) -> Result<String, ImportError> {
    if let Some(s) = node.value.as_str() {
        return Ok(s.to_owned());
    }
    intrinsic_to_text(node.value).ok_or_else(|| node.node().wrong("a string or an intrinsic function"))
}

fn optional_readable(node: &Owned<'_>, key: &str) -> Result<Option<String>, ImportError> {
    match node.get(key) {
        None => Ok(None),
        Some(value) if value.value.is_null() => Ok(None),
        Some(value) => readable(&value).map(Some),
    }
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

/// Imports the first `AWS::CodePipeline::Pipeline` resource of a JSON template.
///
/// # Errors
/// A syntax error with its line and column, or a shape error naming the JSON path (e.g.
/// `Resources.Pipeline.Properties.Stages[0].Actions[1]: missing "ActionTypeId"`).
pub fn import(text: &str) -> Result<Diagram, ImportError> {
    let value = parse_json(text)?;
    let order = serde_json::from_str::<TemplateKeys>(text)
        .ok()
        .and_then(|t| t.resources)
        .map(|r| r.0)
        .unwrap_or_default();
    from_value(&value, &order)
}

/// Imports from parsed JSON, looking at resources in `order` first (then the rest).
fn from_value(value: &Value, order: &[String]) -> Result<Diagram, ImportError> {
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
    let mut found = None;
    for id in ids {
        let Some(resource) = resources.get(id) else {
            continue;
        };
        if resource.get("Type").and_then(|t| t.value.as_str()) == Some(PIPELINE_TYPE) {
            found = Some((id.clone(), resource));
            break;
        }
    }
    let Some((logical_id, resource)) = found else {
        return Err(ImportError::shape(
            "Resources",
            format!("no resource of Type {PIPELINE_TYPE}"),
        ));
    };
    let props = resource.require("Properties")?;
    let name = optional_readable(&props, "Name")?.unwrap_or(logical_id);
    let role_arn = optional_readable(&props, "RoleArn")?.unwrap_or_default();
    let mut artifact_bucket = String::new();
    if let Some(store) = props.get("ArtifactStore") {
        artifact_bucket = readable(&store.require("Location")?)?;
    }
    let mut artifact_stores = BTreeMap::new();
    if let Some(stores) = props.get("ArtifactStores") {
        for entry in stores.items()? {
            let region = readable(&entry.require("Region")?)?;
            let location = readable(&entry.require("ArtifactStore")?.require("Location")?)?;
            artifact_stores.insert(region, location);
        }
    }
    let mut stages = Vec::new();
    for stage in props.require("Stages")?.items()? {
        stages.push(import_stage(&stage)?);
    }
    let description = root
        .get("Description")
        .and_then(|d| d.value.as_str())
        .unwrap_or_default()
        .to_owned();
    let mut diagram = Diagram {
        version: DIAGRAM_VERSION,
        name,
        description,
        role_arn,
        artifact_bucket,
        artifact_stores,
        stages,
        challenge: None,
    };
    finish_import(&mut diagram);
    Ok(diagram)
}

fn import_stage(node: &Owned<'_>) -> Result<Stage, ImportError> {
    let name = readable(&node.require("Name")?)?;
    let mut actions = Vec::new();
    for action in node.require("Actions")?.items()? {
        actions.push(import_action(&action)?);
    }
    Ok(Stage { name, actions })
}

fn import_action(node: &Owned<'_>) -> Result<Action, ImportError> {
    let name = readable(&node.require("Name")?)?;
    let type_id = node.require("ActionTypeId")?;
    let (category, owner, provider) = action_type_of(&type_id, ["Category", "Owner", "Provider"])?;
    let version = match type_id.get("Version") {
        Some(v) => config_string(v.value),
        None => "1".to_owned(),
    };
    let run_order = match node.get("RunOrder") {
        Some(n) => run_order_of(&n)?,
        None => 1,
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
        inputs: artifact_names(node, "InputArtifacts", "Name")?,
        outputs: artifact_names(node, "OutputArtifacts", "Name")?,
        region: optional_readable(node, "Region")?,
        role_arn: optional_readable(node, "RoleArn")?,
        namespace: optional_readable(node, "Namespace")?,
        x: 0.0,
    })
}

fn import_configuration(node: &Owned<'_>) -> Result<BTreeMap<String, String>, ImportError> {
    let mut configuration = BTreeMap::new();
    let Some(config) = node.get("Configuration").filter(|c| !c.value.is_null()) else {
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
        if value.is_null() {
            continue;
        }
        let text = intrinsic_to_text(value).unwrap_or_else(|| config_string(value));
        configuration.insert(key.clone(), text);
    }
    Ok(configuration)
}
