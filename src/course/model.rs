//! The course as it is written in `course.ron` and the question, card and note files, and the
//! loaded [`Course`] that the rest of the app reads.

use serde::{Deserialize, Serialize};

use crate::pipeline::Diagram;

/// `course.ron`: blueprints, their domains and objectives, and the topic list.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Course")]
pub struct CourseFile {
    pub version: u32,
    pub title: String,
    pub blueprints: Vec<Blueprint>,
    pub topics: Vec<TopicDef>,
    /// Targets the question bank must meet; `check` enforces them when present.
    #[serde(default)]
    pub requirements: Option<BankRequirements>,
}

/// Size and balance targets for a pack's question bank and cards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankRequirements {
    pub min_questions: usize,
    pub min_cards: usize,
    /// At least this many questions on every objective of every blueprint.
    pub min_questions_per_objective: usize,
    /// At least this many questions on every objective (task statement) of `balanced_blueprint`;
    /// 0, the default, asks nothing beyond `min_questions_per_objective`.
    #[serde(default)]
    pub min_questions_per_task_statement: usize,
    /// How far (in percentage points) a domain's share of questions may be from its weight, in
    /// the blueprint named by `balanced_blueprint`.
    pub max_domain_share_deviation_points: f64,
    pub balanced_blueprint: String,
    pub min_multiple_response_percent: f64,
}

/// One exam blueprint (an exam guide version), e.g. DOP-C01.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Blueprint {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    pub domains: Vec<Domain>,
}

/// A weighted domain of a blueprint.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub id: String,
    pub title: String,
    pub weight_percent: u32,
    pub objectives: Vec<Objective>,
}

/// An objective (task statement) of a domain, with the topics that teach it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub id: String,
    pub title: String,
    pub topics: Vec<String>,
}

/// A topic as declared in `course.ron`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Topic")]
pub struct TopicDef {
    pub id: String,
    pub title: String,
}

/// A topic with its note text, as the app uses it.
#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub title: String,
    /// The Markdown note; empty when the pack has none (`check` reports that).
    pub note: String,
}

/// How many options a question wants picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    /// Exactly one correct option.
    Single,
    /// The learner picks `pick` options, and exactly that many are correct.
    Multiple { pick: u8 },
}

impl QuestionKind {
    /// How many options the learner selects.
    #[must_use]
    pub fn picks(self) -> usize {
        match self {
            Self::Single => 1,
            Self::Multiple { pick } => usize::from(pick),
        }
    }
}

/// One answer option of a question.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub text: String,
    pub correct: bool,
    pub explanation: String,
}

/// An exam-style question.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// Qualified objective references, e.g. `dop-c01/1.5`.
    pub objectives: Vec<String>,
    pub topics: Vec<String>,
    pub kind: QuestionKind,
    #[serde(default = "default_difficulty")]
    pub difficulty: u8,
    #[serde(default)]
    pub revised: String,
    pub stem: String,
    pub options: Vec<Choice>,
    #[serde(default)]
    pub references: Vec<String>,
    /// Pack-relative file the question came from (set by the loader).
    #[serde(skip)]
    pub file: String,
}

fn default_difficulty() -> u8 {
    2
}

impl Question {
    /// Indices of the correct options.
    #[must_use]
    pub fn correct_indices(&self) -> Vec<usize> {
        self.options
            .iter()
            .enumerate()
            .filter(|(_, c)| c.correct)
            .map(|(i, _)| i)
            .collect()
    }
}

/// A recall card: a fact to remember, front and back.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub id: String,
    pub topics: Vec<String>,
    pub front: String,
    pub back: String,
    #[serde(default)]
    pub reference: String,
    /// Pack-relative file the card came from (set by the loader).
    #[serde(skip)]
    pub file: String,
}

/// An example pipeline shipped with the pack.
#[derive(Debug, Clone)]
pub struct ExamplePipeline {
    /// Pack-relative path, e.g. `pipelines/basic.ron`.
    pub path: String,
    pub diagram: Diagram,
}

/// A pipeline challenge shipped with the pack.
#[derive(Debug, Clone)]
pub struct LoadedChallenge {
    /// Pack-relative path, e.g. `challenges/approval-before-production.ron`.
    pub path: String,
    pub challenge: crate::pipeline::challenge::Challenge,
}

/// Where a domain or objective lives: indices into a blueprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ObjectiveRef {
    pub blueprint: usize,
    pub domain: usize,
    pub objective: usize,
}
