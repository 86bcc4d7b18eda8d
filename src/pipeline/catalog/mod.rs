//! The palette's action providers: for each, the `actionTypeId` CodePipeline expects, how many
//! input and output artifacts it accepts, the configuration keys it takes, and the course topic
//! whose note teaches it.
//!
//! The facts follow the CodePipeline user guide's action structure reference (one page per
//! provider) and its table of valid input and output artifacts.
//!
//! This module holds the types and the lookups; the table itself is in `providers`, one file
//! per category. `conditions` lists what stage conditions take (their results and rule types),
//! and `pipeline_values` the enumerated values of the pipeline's own settings.

pub mod conditions;
pub mod pipeline_values;
mod providers;

use providers::REGISTERED_CUSTOM;
pub use providers::{CLOUDFORMATION_ACTION_MODES, PROVIDERS};

use super::model::{Action, Category, Owner};
use super::text::Text;

/// How many artifacts an action may take or produce, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    /// The fewest allowed.
    pub min: usize,
    /// The most allowed.
    pub max: usize,
}

impl Bounds {
    /// Exactly `n`.
    #[must_use]
    pub const fn exactly(n: usize) -> Self {
        Self { min: n, max: n }
    }

    /// From `min` to `max`.
    #[must_use]
    pub const fn range(min: usize, max: usize) -> Self {
        Self { min, max }
    }

    /// Whether `n` is allowed.
    #[must_use]
    pub fn contains(self, n: usize) -> bool {
        (self.min..=self.max).contains(&n)
    }
}

impl std::fmt::Display for Bounds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.min == self.max {
            write!(f, "{}", self.min)
        } else {
            write!(f, "{} to {}", self.min, self.max)
        }
    }
}

/// When a configuration key must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Always.
    Required,
    /// Never.
    Optional,
    /// Only when the key `key` has one of `values` (e.g. CloudFormation's `ChangeSetName` for
    /// the change set modes).
    When {
        key: &'static str,
        values: &'static [&'static str],
    },
    /// Only when the action has more than one input artifact (CodeBuild's `PrimarySource`).
    WithSeveralInputs,
}

/// The values a configuration key takes, where the documentation lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Values {
    /// Any text.
    Any,
    /// Exactly one of these.
    OneOf(&'static [&'static str]),
    /// Any of these, written as a comma-separated list (CloudFormation's `Capabilities`).
    SeveralOf(&'static [&'static str]),
}

impl Values {
    /// The listed values (none for [`Values::Any`]).
    #[must_use]
    pub fn listed(self) -> &'static [&'static str] {
        match self {
            Self::Any => &[],
            Self::OneOf(values) | Self::SeveralOf(values) => values,
        }
    }

    /// Whether `value` is allowed: any text, one listed value, or a comma-separated list of
    /// distinct listed values.
    #[must_use]
    pub fn allows(self, value: &str) -> bool {
        match self {
            Self::Any => true,
            Self::OneOf(values) => values.contains(&value),
            Self::SeveralOf(values) => {
                let chosen = split_list(value);
                let mut seen = std::collections::BTreeSet::new();
                !chosen.is_empty() && chosen.iter().all(|c| values.contains(c) && seen.insert(*c))
            }
        }
    }
}

/// The items of a comma-separated list, trimmed, without empty ones.
#[must_use]
pub fn split_list(value: &str) -> Vec<&str> {
    value
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .collect()
}

/// One configuration key of a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfigKey {
    /// The key as CodePipeline spells it, e.g. `BranchName`.
    pub name: &'static str,
    /// When it must be present.
    pub need: Need,
    /// A one-line hint for people filling it in.
    pub hint: &'static str,
    /// The values it takes, where the documentation lists them (shown as a drop-down).
    pub values: Values,
}

impl ConfigKey {
    /// The same key, taking exactly one of `values`.
    #[must_use]
    pub const fn one_of(self, values: &'static [&'static str]) -> Self {
        Self {
            values: Values::OneOf(values),
            ..self
        }
    }

    /// The same key, taking a comma-separated list of distinct `values`.
    #[must_use]
    pub const fn several_of(self, values: &'static [&'static str]) -> Self {
        Self {
            values: Values::SeveralOf(values),
            ..self
        }
    }

    /// Whether the key must be present, judged from the configuration alone (a key needed only
    /// with several input artifacts counts as not needed; see [`Self::is_needed_by`]).
    #[must_use]
    pub fn is_needed(&self, configuration: &std::collections::BTreeMap<String, Text>) -> bool {
        match self.need {
            Need::Required => true,
            Need::Optional | Need::WithSeveralInputs => false,
            Need::When { key, values } => configuration
                .get(key)
                .and_then(|v| v.literal())
                .is_some_and(|v| values.contains(&v)),
        }
    }

    /// Whether the key must be present in this action's configuration.
    #[must_use]
    pub fn is_needed_by(&self, action: &Action) -> bool {
        match self.need {
            Need::WithSeveralInputs => action.inputs.len() > 1,
            _ => self.is_needed(&action.configuration),
        }
    }
}

/// One palette entry: an action provider with its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProviderSpec {
    /// Stable key, e.g. `codecommit` or `s3-deploy`.
    pub key: &'static str,
    /// Name for people, e.g. "Amazon S3 (deploy)".
    pub label: &'static str,
    /// `actionTypeId.category`.
    pub category: Category,
    /// `actionTypeId.owner`.
    pub owner: Owner,
    /// `actionTypeId.provider`.
    pub provider: &'static str,
    /// `actionTypeId.version`.
    pub version: &'static str,
    /// How many input artifacts it takes.
    pub inputs: Bounds,
    /// How many output artifacts it produces.
    pub outputs: Bounds,
    /// The configuration keys it takes.
    pub config: &'static [ConfigKey],
    /// Configuration a new action of this kind starts with (placeholders to edit). For the
    /// three connection sources it is also what tells them apart.
    pub preset: &'static [(&'static str, &'static str)],
    /// The course topic whose note teaches this provider.
    pub topic: &'static str,
}

/// The palette entries whose action types only V2 pipelines run (each one's action reference
/// says so).
const V2_ONLY: &[&str] = &[
    "commands",
    "ec2",
    "eks",
    "ecr-build-publish",
    "lambda-deploy",
    "pipeline-invoke",
];

/// The key prefix of the palette's custom actions: a provider the learner registered with
/// `CreateCustomActionType`, under whatever name and version they chose.
const CUSTOM_KEY_PREFIX: &str = "custom-";

impl ProviderSpec {
    /// Whether only V2 pipelines can run this action type.
    #[must_use]
    pub fn is_v2_only(&self) -> bool {
        V2_ONLY.contains(&self.key)
    }

    /// Whether this entry stands for any custom action the learner registered in its
    /// category: its provider name and version are the learner's to choose.
    #[must_use]
    pub fn is_registered_custom(&self) -> bool {
        self.key.starts_with(CUSTOM_KEY_PREFIX)
    }

    /// Whether the action type reads any input artifact (it has an input port).
    #[must_use]
    pub fn takes_inputs(&self) -> bool {
        self.inputs.max > 0
    }

    /// Whether the action type produces any output artifact (it has an output port).
    #[must_use]
    pub fn gives_outputs(&self) -> bool {
        self.outputs.max > 0
    }

    /// Whether an action's type is this provider's (category, owner and provider name).
    #[must_use]
    pub fn matches_type(&self, category: Category, owner: Owner, provider: &str) -> bool {
        self.category == category && self.owner == owner && self.provider == provider
    }

    /// The configuration key named `name`, if the provider takes it.
    #[must_use]
    pub fn config_key(&self, name: &str) -> Option<&'static ConfigKey> {
        self.config.iter().find(|k| k.name == name)
    }

    /// A new action of this kind with the preset configuration; its id and place are left
    /// for the caller to set.
    #[must_use]
    pub fn new_action(&self, name: &str) -> Action {
        Action {
            id: super::model::ActionId::default(),
            name: name.into(),
            category: self.category,
            owner: self.owner,
            provider: self.provider.into(),
            version: self.version.into(),
            run_order: 1,
            configuration: self
                .preset
                .iter()
                .map(|(k, v)| ((*k).to_owned(), Text::from(*v)))
                .collect(),
            inputs: Vec::new(),
            outputs: Vec::new(),
            region: None,
            role_arn: None,
            namespace: None,
            x: 0.0,
            ..Default::default()
        }
    }
}

/// Every provider in palette order.
#[must_use]
pub fn all() -> &'static [ProviderSpec] {
    PROVIDERS
}

/// The providers of one category, in palette order.
pub fn in_category(category: Category) -> impl Iterator<Item = &'static ProviderSpec> {
    PROVIDERS.iter().filter(move |p| p.category == category)
}

/// The provider with this stable key (a palette entry, or the entry that stands for the custom
/// actions of a category).
#[must_use]
pub fn by_key(key: &str) -> Option<&'static ProviderSpec> {
    PROVIDERS.iter().chain(REGISTERED_CUSTOM).find(|p| p.key == key)
}

/// The provider for an action type. For `CodeStarSourceConnection` this is the first of
/// GitHub, Bitbucket and GitLab: their rules are the same. Use [`spec_for_action`] to tell
/// them apart by configuration.
#[must_use]
pub fn find(category: Category, owner: Owner, provider: &str) -> Option<&'static ProviderSpec> {
    PROVIDERS
        .iter()
        .find(|p| p.matches_type(category, owner, provider))
}

/// The entry that stands for any custom action of `category` the learner registered (see
/// [`ProviderSpec::is_registered_custom`]); Compute takes no custom actions.
#[must_use]
pub fn registered_custom(category: Category) -> Option<&'static ProviderSpec> {
    REGISTERED_CUSTOM.iter().find(|p| p.category == category)
}

/// The provider of an action: the three connection sources told apart by the hosting service
/// named in the connection ARN or repository (GitHub when nothing says otherwise), a CodeBuild
/// build with `BatchEnabled: true` as a batch build, and a custom action of a name the catalog
/// does not list as the custom entry of its category (the learner chose its name).
#[must_use]
pub fn spec_for_action(action: &Action) -> Option<&'static ProviderSpec> {
    let Some(first) = find(action.category, action.owner, &action.provider) else {
        return match action.owner {
            Owner::Custom => registered_custom(action.category),
            Owner::AWS | Owner::ThirdParty => None,
        };
    };
    match first.provider {
        "CodeStarSourceConnection" => Some(connection_source(action).unwrap_or(first)),
        "CodeBuild" if action.category == Category::Build && is_batch(action) => {
            by_key("codebuild-batch").or(Some(first))
        }
        _ => Some(first),
    }
}

/// Whether a CodeBuild action runs a batch build (`BatchEnabled` is `true`).
fn is_batch(action: &Action) -> bool {
    action
        .configuration
        .get("BatchEnabled")
        .and_then(Text::literal)
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// Which of GitHub, Bitbucket and GitLab a connection source action reads from, by the names
/// in its connection ARN and repository.
fn connection_source(action: &Action) -> Option<&'static ProviderSpec> {
    let hay = ["ConnectionArn", "FullRepositoryId"]
        .iter()
        .filter_map(|k| action.configuration.get(*k))
        .map(|v| v.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    ["bitbucket", "gitlab", "github"]
        .into_iter()
        .find(|host| hay.contains(host))
        .and_then(by_key)
}

#[cfg(test)]
mod tests;
