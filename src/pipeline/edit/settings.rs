//! The pipeline-level settings that one inspector edit replaces together, beside the name,
//! role and bucket of `Op::SetMeta`.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::pipeline::model::Diagram;
use crate::pipeline::text::Text;

pub use crate::pipeline::model::Variable;

/// The pipeline-level settings beyond the name, role and bucket: what the inspector's pipeline
/// page edits as one undoable step.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PipelineSettings {
    /// `pipelineType` (`None`: the service's default, V1).
    pub pipeline_type: Option<Text>,
    /// `executionMode` (`None`: the service's default, SUPERSEDED).
    pub execution_mode: Option<Text>,
    /// Pipeline-level variables.
    pub variables: Vec<Variable>,
    /// Triggers in the API's shape.
    pub triggers: Vec<Value>,
    /// The single artifact store's `encryptionKey`.
    pub encryption_key: Option<Value>,
    /// Artifact buckets by Region.
    pub artifact_stores: BTreeMap<Text, Text>,
    /// The `encryptionKey` of each Region's store.
    pub artifact_store_keys: BTreeMap<Text, Value>,
}

impl PipelineSettings {
    /// The settings a diagram has now.
    #[must_use]
    pub fn of(diagram: &Diagram) -> Self {
        Self {
            pipeline_type: diagram.pipeline_type.clone(),
            execution_mode: diagram.execution_mode.clone(),
            variables: diagram.variables.clone(),
            triggers: diagram.triggers.clone(),
            encryption_key: diagram.encryption_key.clone(),
            artifact_stores: diagram.artifact_stores.clone(),
            artifact_store_keys: diagram.artifact_store_keys.clone(),
        }
    }

    /// Puts these settings in the diagram and returns the ones it had.
    pub(super) fn swap_into(self, diagram: &mut Diagram) -> Self {
        Self {
            pipeline_type: std::mem::replace(&mut diagram.pipeline_type, self.pipeline_type),
            execution_mode: std::mem::replace(&mut diagram.execution_mode, self.execution_mode),
            variables: std::mem::replace(&mut diagram.variables, self.variables),
            triggers: std::mem::replace(&mut diagram.triggers, self.triggers),
            encryption_key: std::mem::replace(&mut diagram.encryption_key, self.encryption_key),
            artifact_stores: std::mem::replace(&mut diagram.artifact_stores, self.artifact_stores),
            artifact_store_keys: std::mem::replace(
                &mut diagram.artifact_store_keys,
                self.artifact_store_keys,
            ),
        }
    }
}
