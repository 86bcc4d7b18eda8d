//! Writing a diagram as CodePipeline's JSON, in the `get-pipeline` shape.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::pipeline::model::{Action, Diagram};

#[derive(Serialize)]
struct GetPipeline<'a> {
    pipeline: PipelineOut<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PipelineOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    role_arn: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    artifact_store: Option<StoreOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    artifact_stores: Option<BTreeMap<&'a str, StoreOut<'a>>>,
    stages: Vec<StageOut<'a>>,
    version: u32,
}

#[derive(Serialize)]
struct StoreOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    location: &'a str,
}

#[derive(Serialize)]
struct StageOut<'a> {
    name: &'a str,
    actions: Vec<ActionOut<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ActionOut<'a> {
    name: &'a str,
    action_type_id: TypeIdOut<'a>,
    run_order: u32,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    configuration: &'a BTreeMap<String, String>,
    output_artifacts: Vec<NameOut<'a>>,
    input_artifacts: Vec<NameOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role_arn: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    namespace: Option<&'a str>,
}

#[derive(Serialize)]
struct TypeIdOut<'a> {
    category: &'static str,
    owner: &'static str,
    provider: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct NameOut<'a> {
    name: &'a str,
}

fn non_empty(value: Option<&String>) -> Option<&str> {
    value.map(String::as_str).filter(|s| !s.is_empty())
}

/// The diagram in the get-pipeline shape, pretty-printed.
#[must_use]
pub fn export(diagram: &Diagram) -> String {
    let stores = (!diagram.artifact_stores.is_empty()).then(|| {
        diagram
            .artifact_stores
            .iter()
            .map(|(region, bucket)| {
                (
                    region.as_str(),
                    StoreOut {
                        kind: "S3",
                        location: bucket,
                    },
                )
            })
            .collect()
    });
    let out = GetPipeline {
        pipeline: PipelineOut {
            name: &diagram.name,
            role_arn: &diagram.role_arn,
            artifact_store: stores.is_none().then_some(StoreOut {
                kind: "S3",
                location: &diagram.artifact_bucket,
            }),
            artifact_stores: stores,
            stages: diagram
                .stages
                .iter()
                .map(|stage| StageOut {
                    name: &stage.name,
                    actions: stage.actions.iter().map(action_out).collect(),
                })
                .collect(),
            version: 1,
        },
    };
    let mut text = serde_json::to_string_pretty(&out)
        .unwrap_or_else(|_| unreachable!("string maps and plain structs always serialize"));
    text.push('\n');
    text
}

fn action_out(action: &Action) -> ActionOut<'_> {
    fn names(list: &[String]) -> Vec<NameOut<'_>> {
        list.iter().map(|n| NameOut { name: n }).collect()
    }
    ActionOut {
        name: &action.name,
        action_type_id: TypeIdOut {
            category: action.category.as_str(),
            owner: action.owner.as_str(),
            provider: &action.provider,
            version: &action.version,
        },
        run_order: action.run_order,
        configuration: &action.configuration,
        output_artifacts: names(&action.outputs),
        input_artifacts: names(&action.inputs),
        region: non_empty(action.region.as_ref()),
        role_arn: non_empty(action.role_arn.as_ref()),
        namespace: non_empty(action.namespace.as_ref()),
    }
}
