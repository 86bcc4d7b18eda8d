//! The pipeline diagram: stages (lanes, left to right) holding actions, mirroring the structure
//! of an AWS CodePipeline declaration so that import and export are lossless.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Schema version of diagram files.
pub const DIAGRAM_VERSION: u32 = 1;

/// A pipeline diagram, as saved in a `.ron` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diagram {
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The service role CodePipeline assumes (exported as `roleArn`).
    #[serde(default)]
    pub role_arn: String,
    /// The S3 bucket that holds artifacts between actions.
    #[serde(default)]
    pub artifact_bucket: String,
    /// Artifact buckets by Region, for pipelines with cross-Region actions (exported as
    /// `artifactStores`, which then replaces `artifact_bucket`); empty for a one-Region pipeline.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub artifact_stores: BTreeMap<String, String>,
    pub stages: Vec<Stage>,
    /// The course challenge this diagram is an attempt at (its id), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<String>,
}

/// A stage: a lane on the canvas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    pub name: String,
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// CodePipeline's action categories, in palette order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Category {
    Source,
    Build,
    Test,
    Deploy,
    Approval,
    Invoke,
}

impl Category {
    /// Every category, in palette order.
    pub const ALL: [Self; 6] = [
        Self::Source,
        Self::Build,
        Self::Test,
        Self::Deploy,
        Self::Approval,
        Self::Invoke,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    #[serde(default)]
    pub id: ActionId,
    pub name: String,
    pub category: Category,
    #[serde(default)]
    pub owner: Owner,
    pub provider: String,
    #[serde(default = "default_action_version")]
    pub version: String,
    /// Actions with the same run order in a stage run in parallel; higher numbers run later.
    #[serde(default = "default_run_order")]
    pub run_order: u32,
    #[serde(default)]
    pub configuration: BTreeMap<String, String>,
    /// Names of the artifacts this action reads.
    #[serde(default)]
    pub inputs: Vec<String>,
    /// Names of the artifacts this action produces.
    #[serde(default)]
    pub outputs: Vec<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub role_arn: Option<String>,
    #[serde(default)]
    pub namespace: Option<String>,
    /// Horizontal place within its row of the lane, in canvas units (the row is the run order).
    #[serde(default)]
    pub x: f32,
}

fn default_action_version() -> String {
    "1".to_owned()
}

fn default_run_order() -> u32 {
    1
}

impl Diagram {
    /// An empty diagram with the two stages every pipeline needs.
    #[must_use]
    pub fn new(name: &str) -> Self {
        Self {
            version: DIAGRAM_VERSION,
            name: name.to_owned(),
            description: String::new(),
            role_arn: String::new(),
            artifact_bucket: String::new(),
            artifact_stores: BTreeMap::new(),
            challenge: None,
            stages: vec![
                Stage {
                    name: "Source".to_owned(),
                    actions: Vec::new(),
                },
                Stage {
                    name: "Build".to_owned(),
                    actions: Vec::new(),
                },
            ],
        }
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
