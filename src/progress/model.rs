//! What the learner has done with the notes: chosen blueprint, selected topic, read marks and
//! annotations (`progress.ron`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::store::DataFile;
use super::validate::{self, Invalid, Step};

/// `progress.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub version: u32,
    /// Id of the blueprint the tree shows; empty means the pack's first.
    #[serde(default)]
    pub blueprint: String,
    /// The topic open in the note viewer.
    #[serde(default)]
    pub selected_topic: Option<String>,
    /// Topic id → when it was marked read (Unix seconds).
    #[serde(default)]
    pub read: BTreeMap<String, u64>,
    /// Topic id → the learner's own annotation.
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    /// The diagram open in the pipeline editor (`diagrams/…`).
    #[serde(default)]
    pub open_diagram: Option<String>,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            version: Self::VERSION,
            blueprint: String::new(),
            selected_topic: None,
            read: BTreeMap::new(),
            annotations: BTreeMap::new(),
            open_diagram: None,
        }
    }
}

impl DataFile for Progress {
    const NAME: &'static str = "progress.ron";
    const VERSION: u32 = 1;

    fn validate(&self) -> Result<(), Invalid> {
        for (topic, &at) in &self.read {
            if at > validate::MAX_UNIX_SECS {
                return Err(Invalid::new(format!(
                    "{topic:?} was marked read at {at}, which is not a time in Unix seconds (it is after the year 9999)"
                ))
                .within(Step::entry(topic))
                .within(Step::Field("read")));
            }
        }
        Ok(())
    }
}

impl Progress {
    /// Whether a topic is marked read.
    #[must_use]
    pub fn is_read(&self, topic: &str) -> bool {
        self.read.contains_key(topic)
    }
}
