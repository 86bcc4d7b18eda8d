//! Writing a diagram as CodePipeline's JSON, in the `get-pipeline` shape, with every field the
//! diagram holds (V2 settings, stage conditions, anything kept verbatim).

use serde_json::{Map, Value, json};

use crate::pipeline::model::{Action, Diagram, Stage};
use crate::pipeline::text::Text;

/// The diagram in the get-pipeline shape, pretty-printed. Intrinsic functions are written as
/// their expressions, which CodePipeline refuses; see [`super::resolve`] to replace them first.
#[must_use]
pub fn export(diagram: &Diagram) -> String {
    let mut text = serde_json::to_string_pretty(&json!({ "pipeline": declaration(diagram) }))
        .unwrap_or_else(|_| unreachable!("a JSON value always serializes"));
    text.push('\n');
    text
}

/// The pipeline declaration (`get-pipeline`'s `pipeline` member) as JSON.
#[must_use]
pub fn declaration(diagram: &Diagram) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(diagram.name));
    if !diagram.role_arn.is_empty() {
        out.insert("roleArn".into(), json!(diagram.role_arn));
    }
    let store_type = |key: &str| {
        diagram
            .artifact_store_types
            .get(key)
            .map_or("S3", Text::as_str)
            .to_owned()
    };
    if diagram.artifact_stores.is_empty() {
        let mut store = json!({ "type": store_type(""), "location": diagram.artifact_bucket });
        if let Some(key) = &diagram.encryption_key {
            store["encryptionKey"] = key.clone();
        }
        out.insert("artifactStore".into(), store);
    } else {
        let stores: Map<String, Value> = diagram
            .artifact_stores
            .iter()
            .map(|(region, bucket)| {
                let mut store = json!({ "type": store_type(region), "location": bucket });
                if let Some(key) = diagram.artifact_store_keys.get(region) {
                    store["encryptionKey"] = key.clone();
                }
                (region.to_string(), store)
            })
            .collect();
        out.insert("artifactStores".into(), Value::Object(stores));
    }
    let stages: Vec<Value> = diagram.stages.iter().map(stage_out).collect();
    out.insert("stages".into(), Value::Array(stages));
    if let Some(version) = diagram.pipeline_version {
        out.insert("version".into(), json!(version));
    }
    if let Some(kind) = &diagram.pipeline_type {
        out.insert("pipelineType".into(), json!(kind));
    }
    if let Some(mode) = &diagram.execution_mode {
        out.insert("executionMode".into(), json!(mode));
    }
    if !diagram.variables.is_empty() {
        let variables = diagram
            .variables
            .iter()
            .map(|v| {
                let mut out = json!({ "name": v.name });
                if let Some(d) = &v.default_value {
                    out["defaultValue"] = json!(d);
                }
                if let Some(d) = &v.description {
                    out["description"] = json!(d);
                }
                out
            })
            .collect();
        out.insert("variables".into(), Value::Array(variables));
    }
    if !diagram.triggers.is_empty() {
        out.insert("triggers".into(), Value::Array(diagram.triggers.clone()));
    }
    for (key, value) in &diagram.extra {
        out.insert(key.clone(), value.clone());
    }
    Value::Object(out)
}

/// A stage declaration (`{"name", "actions", …}`) as the API and the console's JSON view
/// write it.
pub(super) fn stage_out(stage: &Stage) -> Value {
    let mut out = json!({
        "name": stage.name,
        "actions": stage.actions.iter().map(action_out).collect::<Vec<_>>(),
    });
    for (key, value) in &stage.extra {
        out[key.as_str()] = value.clone();
    }
    out
}

/// An action declaration (`{"name", "actionTypeId", …}`).
pub(super) fn action_out(action: &Action) -> Value {
    let names = |list: &[Text]| -> Value { list.iter().map(|n| json!({ "name": n })).collect() };
    let mut out = json!({
        "name": action.name,
        "actionTypeId": {
            "category": action.category.as_str(),
            "owner": action.owner.as_str(),
            "provider": action.provider,
            "version": action.version,
        },
        "runOrder": action.run_order,
        "outputArtifacts": names(&action.outputs),
        "inputArtifacts": names(&action.inputs),
    });
    if !action.configuration.is_empty() {
        out["configuration"] = json!(action.configuration);
    }
    for (key, field) in [
        ("region", &action.region),
        ("roleArn", &action.role_arn),
        ("namespace", &action.namespace),
    ] {
        // An empty value is written as it is: the check reports it, and the round trip keeps it.
        if let Some(text) = field {
            out[key] = json!(text);
        }
    }
    if let Some(minutes) = action.timeout_in_minutes {
        out["timeoutInMinutes"] = json!(minutes);
    }
    for (key, value) in &action.extra {
        out[key.as_str()] = value.clone();
    }
    out
}
