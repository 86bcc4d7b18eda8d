//! Reading CodePipeline's JSON (`get-pipeline` output or a bare declaration) into a diagram.

use std::collections::BTreeMap;

use serde_json::Value;

use super::nav::{Owned, action_type_of, artifact_names, config_string, run_order_of};
use super::{ImportError, parse_json};
use crate::pipeline::layout;
use crate::pipeline::model::{Action, ActionId, DIAGRAM_VERSION, Diagram, Stage, Variable};
use crate::pipeline::text::Text;

/// Gives ids to every action and places actions that share a run order side by side.
pub(in crate::pipeline) fn finish_import(diagram: &mut Diagram) {
    let mut next = 1;
    for stage in &mut diagram.stages {
        for action in &mut stage.actions {
            action.id = ActionId(next);
            action.x = 0.0;
            next += 1;
        }
    }
    layout::tidy(diagram);
}

/// Imports `get-pipeline` output (`{"pipeline": …, "metadata": …}`) or a bare pipeline
/// declaration.
///
/// # Errors
/// A syntax error with its line and column, or a shape error naming the JSON path.
pub fn import(text: &str) -> Result<Diagram, ImportError> {
    from_value(&parse_json(text)?)
}

/// Imports from parsed JSON; see [`import`].
///
/// # Errors
/// A shape error naming the JSON path.
pub fn from_value(value: &Value) -> Result<Diagram, ImportError> {
    let root = Owned::root(value, "");
    root.node().expect_object()?;
    let pipeline = match root.get("pipeline") {
        Some(pipeline) => pipeline,
        None if root.get("stages").is_some() => root,
        None => {
            return Err(ImportError::shape(
                "",
                "expected get-pipeline output (\"pipeline\") or a pipeline declaration (\"stages\")",
            ));
        }
    };
    let name: Text = pipeline.require("name")?.str()?.into();
    let role_arn = optional_str(&pipeline, "roleArn")?.unwrap_or_default();
    let mut artifact_bucket = Text::default();
    let mut encryption_key = None;
    let mut artifact_store_types = BTreeMap::new();
    if let Some(store) = pipeline.get("artifactStore") {
        artifact_bucket = store.require("location")?.str()?.into();
        encryption_key = store.value.get("encryptionKey").cloned();
        store_type(&store, Text::default(), &mut artifact_store_types)?;
    }
    let mut artifact_store_keys = BTreeMap::new();
    let mut artifact_stores = BTreeMap::new();
    if let Some(stores) = pipeline.get("artifactStores") {
        let map = stores
            .value
            .as_object()
            .ok_or_else(|| stores.node().wrong("an object of Regions"))?;
        for region in map.keys() {
            if let Some(store) = stores.get(region) {
                if let Some(key) = store.value.get("encryptionKey") {
                    artifact_store_keys.insert(Text::from(region), key.clone());
                }
                artifact_stores.insert(Text::from(region), store.require("location")?.str()?.into());
                store_type(&store, Text::from(region), &mut artifact_store_types)?;
            }
        }
    }
    let triggers = match pipeline.get("triggers").filter(|t| !t.value.is_null()) {
        Some(list) => list.items()?.into_iter().map(|t| t.value.clone()).collect(),
        None => Vec::new(),
    };
    let mut stages = Vec::new();
    for stage in pipeline.require("stages")?.items()? {
        stages.push(import_stage(&stage)?);
    }
    let mut diagram = Diagram {
        version: DIAGRAM_VERSION,
        name,
        description: String::new(),
        role_arn,
        artifact_bucket,
        artifact_stores,
        stages,
        encryption_key,
        artifact_store_keys,
        pipeline_type: optional_str(&pipeline, "pipelineType")?,
        execution_mode: optional_str(&pipeline, "executionMode")?,
        variables: variables(&pipeline)?,
        triggers,
        artifact_store_types,
        pipeline_version: pipeline_version(&pipeline)?,
        extra: rest(
            pipeline.value,
            &[
                "name",
                "roleArn",
                "artifactStore",
                "artifactStores",
                "stages",
                "version",
                "pipelineType",
                "executionMode",
                "variables",
                "triggers",
            ],
        ),
        ..Diagram::new("")
    };
    finish_import(&mut diagram);
    Ok(diagram)
}

/// Reads a store's `type`, which `CreatePipeline` requires; a type other than `S3` is kept
/// under `key` so that the check reports it and the export writes it back.
fn store_type(store: &Owned<'_>, key: Text, types: &mut BTreeMap<Text, Text>) -> Result<(), ImportError> {
    let kind = store.require("type")?.str()?;
    if kind != "S3" {
        types.insert(key, kind.into());
    }
    Ok(())
}

/// The declaration's `version`, a whole number (the check reports one below 1).
fn pipeline_version(pipeline: &Owned<'_>) -> Result<Option<i64>, ImportError> {
    match pipeline.get("version").filter(|v| !v.value.is_null()) {
        None => Ok(None),
        Some(v) => v
            .value
            .as_i64()
            .map(Some)
            .ok_or_else(|| v.node().wrong("a whole number")),
    }
}

/// The keys of an object other than `known`, as they are.
fn rest(value: &Value, known: &[&str]) -> BTreeMap<String, Value> {
    other_keys(value, known)
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

/// The members of an object whose keys are not `known`: what the model does not read and
/// keeps as it is (the CloudFormation import renames their keys to the API's spelling).
pub(crate) fn other_keys<'a>(
    value: &'a Value,
    known: &'a [&str],
) -> impl Iterator<Item = (&'a String, &'a Value)> {
    value
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(key, _)| !known.contains(&key.as_str()))
}

fn variables(pipeline: &Owned<'_>) -> Result<Vec<Variable>, ImportError> {
    let Some(list) = pipeline.get("variables").filter(|v| !v.value.is_null()) else {
        return Ok(Vec::new());
    };
    list.items()?
        .iter()
        .map(|v| {
            Ok(Variable {
                name: v.require("name")?.str()?.into(),
                default_value: optional_str(v, "defaultValue")?,
                description: optional_str(v, "description")?,
            })
        })
        .collect()
}

fn optional_str(node: &Owned<'_>, key: &str) -> Result<Option<Text>, ImportError> {
    match node.get(key) {
        None => Ok(None),
        Some(value) if value.value.is_null() => Ok(None),
        Some(value) => Ok(Some(value.str()?.into())),
    }
}

pub(super) fn import_stage(node: &Owned<'_>) -> Result<Stage, ImportError> {
    let name: Text = node.require("name")?.str()?.into();
    let mut actions = Vec::new();
    for action in node.require("actions")?.items()? {
        actions.push(import_action(&action)?);
    }
    Ok(Stage {
        name,
        actions,
        when: None,
        extra: rest(node.value, &["name", "actions"]),
    })
}

pub(super) fn import_action(node: &Owned<'_>) -> Result<Action, ImportError> {
    let name: Text = node.require("name")?.str()?.into();
    let type_id = node.require("actionTypeId")?;
    let (category, owner, provider) = action_type_of(&type_id, ["category", "owner", "provider"])?;
    // CreatePipeline requires the version; filling one in would hide the mistake.
    let version: Text = type_id.require("version")?.str()?.into();
    let run_order = match node.get("runOrder") {
        Some(n) => run_order_of(&n)?,
        None => 1,
    };
    let mut configuration = BTreeMap::new();
    if let Some(config) = node.get("configuration").filter(|c| !c.value.is_null()) {
        let map = config
            .value
            .as_object()
            .ok_or_else(|| config.node().wrong("an object"))?;
        for (key, value) in map {
            if !value.is_null() {
                configuration.insert(key.clone(), config_string(value).into());
            }
        }
    }
    Ok(Action {
        id: ActionId::default(),
        name,
        category,
        owner,
        provider: provider.into(),
        version,
        run_order,
        configuration,
        inputs: artifact_names(node, "inputArtifacts", "name")?,
        outputs: artifact_names(node, "outputArtifacts", "name")?,
        region: optional_str(node, "region")?,
        role_arn: optional_str(node, "roleArn")?,
        namespace: optional_str(node, "namespace")?,
        x: 0.0,
        timeout_in_minutes: match node.get("timeoutInMinutes") {
            Some(n) if !n.value.is_null() => Some(run_order_of(&n)?),
            _ => None,
        },
        when: None,
        extra: rest(
            node.value,
            &[
                "name",
                "actionTypeId",
                "runOrder",
                "configuration",
                "inputArtifacts",
                "outputArtifacts",
                "region",
                "roleArn",
                "namespace",
                "timeoutInMinutes",
            ],
        ),
    })
}
