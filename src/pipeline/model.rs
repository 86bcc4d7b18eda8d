//! The pipeline diagram: stages (lanes, left to right) holding actions, mirroring the structure
//! of an AWS CodePipeline declaration so that import and export are lossless.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::direction::LayoutDirection;
use super::text::Text;

/// Schema version of diagram files.
pub const DIAGRAM_VERSION: u32 = 1;

/// A pipeline diagram, as saved in a `.ron` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diagram {
    pub version: u32,
    pub name: Text,
    #[serde(default)]
    pub description: String,
    /// The service role CodePipeline assumes (exported as `roleArn`).
    #[serde(default)]
    pub role_arn: Text,
    /// The S3 bucket that holds artifacts between actions.
    #[serde(default)]
    pub artifact_bucket: Text,
    /// Artifact buckets by Region, for pipelines with cross-Region actions (exported as
    /// `artifactStores`, which then replaces `artifact_bucket`); empty for a one-Region pipeline.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub artifact_stores: BTreeMap<Text, Text>,
    pub stages: Vec<Stage>,
    /// The course challenge this diagram is an attempt at (its id), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<String>,
    /// The pipeline resource's logical ID in the CloudFormation template it came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logical_id: Option<String>,
    /// `pipelineType`: `V1` or `V2` (absent: the service's default, V1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pipeline_type: Option<Text>,
    /// `executionMode`: `QUEUED`, `SUPERSEDED` or `PARALLEL` (V2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_mode: Option<Text>,
    /// Pipeline-level variables (V2), `#{variables.Name}` in configurations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<Variable>,
    /// Triggers (V2), each in the API's shape (`{"providerType": "CodeStarSourceConnection",
    /// "gitConfiguration": {"sourceActionName": …, "push": […], "pullRequest": […]}}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<Value>,
    /// The artifact store's `encryptionKey` (`{"id": …, "type": "KMS"}`), for `artifact_bucket`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encryption_key: Option<Value>,
    /// The `encryptionKey` of each Region's store in `artifact_stores`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub artifact_store_keys: BTreeMap<Text, Value>,
    /// Artifact store types other than `S3` (the only one CodePipeline takes), kept as they came
    /// so that the check reports them and the export writes them back: keyed by `""` for the
    /// single store (`artifact_bucket`) and by Region for `artifact_stores`. A store not listed
    /// is `S3`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub artifact_store_types: BTreeMap<Text, Text>,
    /// The declaration's `version` (at least 1): 1 for a new pipeline; `None` when an imported
    /// declaration gave none, and then none is written back.
    #[serde(default = "first_version", skip_serializing_if = "is_first_version")]
    pub pipeline_version: Option<i64>,
    /// Declaration fields this model does not name, in the API's spelling, written back as
    /// they came.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, Value>,
    /// Read from diagrams saved before fields kept intrinsic functions as expressions: the
    /// functions by the text that stood for them (`"!Ref Role"` → `{"Ref": "Role"}`). Loading
    /// puts each back in its field ([`Diagram::upgrade_legacy_intrinsics`]); never written.
    #[serde(default, rename = "intrinsics", skip_serializing)]
    pub legacy_intrinsics: BTreeMap<String, Value>,
    /// What a CloudFormation template around the pipeline held that the pipeline needs.
    #[serde(default, skip_serializing_if = "TemplateContext::is_empty")]
    pub template: TemplateContext,
    /// Which way the canvas lays the pipeline out (editor only; CodePipeline has no such field).
    #[serde(default, skip_serializing_if = "LayoutDirection::is_left_to_right")]
    pub layout: LayoutDirection,
}

/// A pipeline-level variable (V2).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    pub name: Text,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_value: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
}

/// One branch of a CloudFormation `Fn::If` around a stage or an action: present when the
/// named condition evaluates to `holds`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    pub condition: String,
    pub holds: bool,
}

impl std::fmt::Display for Branch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "when {} is {}", self.condition, self.holds)
    }
}

/// The parts of a CloudFormation template that a pipeline uses, kept so that an export stands
/// on its own: template-only properties of the resource (`Tags`, `RestartExecutionOnUpdate`,
/// `DisableInboundStageTransitions`, …), resource attributes (`Condition`, `DeletionPolicy`),
/// and the parameters, conditions and mappings the pipeline refers to (as declared).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateContext {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub properties: BTreeMap<String, Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub parameters: BTreeMap<String, Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub conditions: BTreeMap<String, Value>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub mappings: BTreeMap<String, Value>,
}

impl TemplateContext {
    /// Whether nothing is kept.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.properties.is_empty()
            && self.attributes.is_empty()
            && self.parameters.is_empty()
            && self.conditions.is_empty()
            && self.mappings.is_empty()
    }
}

/// A stage: a lane on the canvas.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub name: Text,
    #[serde(default)]
    pub actions: Vec<Action>,
    /// The `Fn::If` branch this stage belongs to, if it is conditional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Branch>,
    /// `beforeEntry`, `onSuccess`, `onFailure` and `blockers` (and any stage field this model
    /// does not name), in the API's shape, written back as they came.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, Value>,
}

/// CodePipeline's action categories, in palette order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub enum Category {
    #[default]
    Source,
    Build,
    Test,
    Deploy,
    Approval,
    Invoke,
    /// The Commands action (shell commands on CodeBuild compute).
    Compute,
}

impl Category {
    /// Every category, in palette order.
    pub const ALL: [Self; 7] = [
        Self::Source,
        Self::Build,
        Self::Test,
        Self::Deploy,
        Self::Approval,
        Self::Invoke,
        Self::Compute,
    ];

    /// The name CodePipeline uses in `actionTypeId.category`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Source => "Source",
            Self::Build => "Build",
            Self::Test => "Test",
            Self::Deploy => "Deploy",
            Self::Approval => "Approval",
            Self::Invoke => "Invoke",
            Self::Compute => "Compute",
        }
    }

    /// Parses CodePipeline's category name.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// Who provides an action type (`actionTypeId.owner`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Owner {
    #[default]
    AWS,
    ThirdParty,
    Custom,
}

impl Owner {
    /// The name CodePipeline uses.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AWS => "AWS",
            Self::ThirdParty => "ThirdParty",
            Self::Custom => "Custom",
        }
    }

    /// Parses CodePipeline's owner name.
    #[must_use]
    pub fn parse(name: &str) -> Option<Self> {
        [Self::AWS, Self::ThirdParty, Self::Custom]
            .into_iter()
            .find(|o| o.as_str() == name)
    }
}

/// Stable identity of an action inside one diagram (for selection, undo and links).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub struct ActionId(pub u32);

/// One action: a node on the canvas.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    #[serde(default)]
    pub id: ActionId,
    pub name: Text,
    pub category: Category,
    #[serde(default)]
    pub owner: Owner,
    pub provider: Text,
    #[serde(default = "default_action_version")]
    pub version: Text,
    /// Actions with the same run order in a stage run in parallel; higher numbers run later.
    #[serde(default = "default_run_order")]
    pub run_order: u32,
    #[serde(default)]
    pub configuration: BTreeMap<String, Text>,
    /// Names of the artifacts this action reads.
    #[serde(default)]
    pub inputs: Vec<Text>,
    /// Names of the artifacts this action produces.
    #[serde(default)]
    pub outputs: Vec<Text>,
    #[serde(default)]
    pub region: Option<Text>,
    #[serde(default)]
    pub role_arn: Option<Text>,
    #[serde(default)]
    pub namespace: Option<Text>,
    /// Horizontal place within its row of the lane, in canvas units (the row is the run order).
    #[serde(default)]
    pub x: f32,
    /// `timeoutInMinutes` (5–86400 for some action types; absent: the type's default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeout_in_minutes: Option<u32>,
    /// The `Fn::If` branch this action belongs to, if it is conditional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Branch>,
    /// Action fields this model does not name (e.g. `commands`, `outputVariables`), in the
    /// API's shape, written back as they came.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, Value>,
}

fn default_action_version() -> Text {
    Text::from("1")
}

fn default_run_order() -> u32 {
    1
}

/// The function a legacy diagram showed as `text`, in its place.
fn upgrade_legacy(text: &mut Text, legacy: &BTreeMap<String, Value>) {
    if let Some(function) = text.literal().and_then(|l| legacy.get(l))
        && let Some(upgraded) = Text::intrinsic(function)
    {
        *text = upgraded;
    }
}

/// [`upgrade_legacy`] for the keys of a per-Region map.
fn upgrade_legacy_keys<V>(map: &mut BTreeMap<Text, V>, legacy: &BTreeMap<String, Value>) {
    for (key, value) in std::mem::take(map) {
        let mut key = key;
        upgrade_legacy(&mut key, legacy);
        map.insert(key, value);
    }
}

#[allow(clippy::unnecessary_wraps)] // serde's `default` takes the field's own type.
fn first_version() -> Option<i64> {
    Some(1)
}

#[allow(clippy::ref_option, clippy::trivially_copy_pass_by_ref)] // serde passes a reference.
fn is_first_version(version: &Option<i64>) -> bool {
    *version == Some(1)
}

impl Diagram {
    /// An empty diagram with the two stages every pipeline needs.
    #[must_use]
    pub fn new(name: &str) -> Self {
        Self {
            version: DIAGRAM_VERSION,
            name: name.into(),
            description: String::new(),
            role_arn: Text::default(),
            artifact_bucket: Text::default(),
            artifact_stores: BTreeMap::new(),
            challenge: None,
            stages: vec![
                Stage {
                    name: "Source".into(),
                    ..Stage::default()
                },
                Stage {
                    name: "Build".into(),
                    ..Stage::default()
                },
            ],
            logical_id: None,
            pipeline_type: None,
            execution_mode: None,
            variables: Vec::new(),
            triggers: Vec::new(),
            encryption_key: None,
            artifact_store_keys: BTreeMap::new(),
            artifact_store_types: BTreeMap::new(),
            pipeline_version: first_version(),
            extra: BTreeMap::new(),
            legacy_intrinsics: BTreeMap::new(),
            template: TemplateContext::default(),
            layout: LayoutDirection::default(),
        }
    }

    /// The parameter a value comes from (`!Ref Name` of a declared parameter), for messages
    /// such as "not checked: the value comes from parameter Name".
    #[must_use]
    pub fn parameter_of<'a>(&self, text: &'a Text) -> Option<&'a str> {
        let name = text.reference()?;
        self.template.parameters.contains_key(name).then_some(name)
    }

    /// The default a parameter was declared with, if any (usable for checking).
    #[must_use]
    pub fn parameter_default(&self, name: &str) -> Option<String> {
        match self.template.parameters.get(name)?.get("Default")? {
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }

    /// Every field that may hold an intrinsic function, to read or change in place (keys of
    /// the per-Region maps are not visited).
    pub fn for_each_text_mut(&mut self, mut f: impl FnMut(&mut Text)) {
        f(&mut self.name);
        f(&mut self.role_arn);
        f(&mut self.artifact_bucket);
        self.artifact_stores.values_mut().for_each(&mut f);
        self.artifact_store_types.values_mut().for_each(&mut f);
        self.pipeline_type.iter_mut().for_each(&mut f);
        self.execution_mode.iter_mut().for_each(&mut f);
        for variable in &mut self.variables {
            f(&mut variable.name);
            variable.default_value.iter_mut().for_each(&mut f);
            variable.description.iter_mut().for_each(&mut f);
        }
        for stage in &mut self.stages {
            f(&mut stage.name);
            for action in &mut stage.actions {
                f(&mut action.name);
                f(&mut action.provider);
                f(&mut action.version);
                action.inputs.iter_mut().for_each(&mut f);
                action.outputs.iter_mut().for_each(&mut f);
                action.configuration.values_mut().for_each(&mut f);
                for text in [&mut action.region, &mut action.role_arn, &mut action.namespace]
                    .into_iter()
                    .flatten()
                {
                    f(text);
                }
            }
        }
    }

    /// Every value that is an intrinsic function, read-only (see [`Self::for_each_text_mut`]).
    #[must_use]
    pub fn intrinsic_values(&self) -> Vec<Value> {
        let mut found = Vec::new();
        self.clone()
            .for_each_text_mut(|text| found.extend(text.expression().cloned()));
        found
    }

    /// Puts the functions of a diagram saved before fields kept expressions back into the
    /// fields that showed them as text (see [`Diagram::legacy_intrinsics`]).
    pub fn upgrade_legacy_intrinsics(&mut self) {
        let legacy = std::mem::take(&mut self.legacy_intrinsics);
        if legacy.is_empty() {
            return;
        }
        self.for_each_text_mut(|text| upgrade_legacy(text, &legacy));
        upgrade_legacy_keys(&mut self.artifact_stores, &legacy);
        upgrade_legacy_keys(&mut self.artifact_store_keys, &legacy);
        upgrade_legacy_keys(&mut self.artifact_store_types, &legacy);
    }

    /// Every action with the index of its stage.
    pub fn actions(&self) -> impl Iterator<Item = (usize, &Action)> {
        self.stages
            .iter()
            .enumerate()
            .flat_map(|(s, stage)| stage.actions.iter().map(move |a| (s, a)))
    }

    /// Number of actions in all stages.
    #[must_use]
    pub fn action_count(&self) -> usize {
        self.stages.iter().map(|s| s.actions.len()).sum()
    }

    /// Where an action is: (stage index, index in the stage).
    #[must_use]
    pub fn locate(&self, id: ActionId) -> Option<(usize, usize)> {
        self.stages
            .iter()
            .enumerate()
            .find_map(|(s, stage)| stage.actions.iter().position(|a| a.id == id).map(|i| (s, i)))
    }

    /// The action with this id.
    #[must_use]
    pub fn action(&self, id: ActionId) -> Option<&Action> {
        self.locate(id).map(|(s, i)| &self.stages[s].actions[i])
    }

    /// The action with this id, to change.
    pub fn action_mut(&mut self, id: ActionId) -> Option<&mut Action> {
        let (s, i) = self.locate(id)?;
        Some(&mut self.stages[s].actions[i])
    }

    /// An id no action uses yet.
    #[must_use]
    pub fn next_id(&self) -> ActionId {
        ActionId(self.actions().map(|(_, a)| a.id.0).max().map_or(1, |m| m + 1))
    }

    /// Makes a diagram read from a file whole: ids for actions without one, and the
    /// functions of an older file back in their fields.
    pub fn finish_loading(&mut self) {
        self.assign_missing_ids();
        self.upgrade_legacy_intrinsics();
    }

    /// Gives every action a unique non-zero id (files written by hand may omit them).
    pub fn assign_missing_ids(&mut self) {
        let mut seen = std::collections::HashSet::new();
        let mut next = self.next_id().0.max(1);
        for stage in &mut self.stages {
            for action in &mut stage.actions {
                if action.id.0 == 0 || !seen.insert(action.id) {
                    action.id = ActionId(next);
                    seen.insert(action.id);
                    next += 1;
                }
            }
        }
    }
}
