//! The palette's action providers: for each, the `actionTypeId` CodePipeline expects, how many
//! input and output artifacts it accepts, the configuration keys it takes, and the course topic
//! whose note teaches it.
//!
//! The facts follow the CodePipeline user guide's action structure reference (one page per
//! provider) and its table of valid input and output artifacts.
//!
//! This module holds the types and the lookups; the table itself is in `providers`, one file
//! per category.

mod providers;

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

/// One configuration key of a provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfigKey {
    /// The key as CodePipeline spells it, e.g. `BranchName`.
    pub name: &'static str,
    /// When it must be present.
    pub need: Need,
    /// A one-line hint for people filling it in.
    pub hint: &'static str,
}

impl ConfigKey {
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

impl ProviderSpec {
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

/// The provider with this stable key.
#[must_use]
pub fn by_key(key: &str) -> Option<&'static ProviderSpec> {
    PROVIDERS.iter().find(|p| p.key == key)
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

/// The provider of an action, telling the three connection sources apart by the hosting
/// service named in the connection ARN or repository (GitHub when nothing says otherwise).
#[must_use]
pub fn spec_for_action(action: &Action) -> Option<&'static ProviderSpec> {
    let first = find(action.category, action.owner, &action.provider)?;
    if first.provider != "CodeStarSourceConnection" {
        return Some(first);
    }
    let hay = ["ConnectionArn", "FullRepositoryId"]
        .iter()
        .filter_map(|k| action.configuration.get(*k))
        .map(|v| v.to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    let refined = ["bitbucket", "gitlab", "github"]
        .into_iter()
        .find(|host| hay.contains(host))
        .and_then(by_key);
    Some(refined.unwrap_or(first))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_every_category_has_a_provider() {
        let mut keys: Vec<&str> = PROVIDERS.iter().map(|p| p.key).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len());
        for category in Category::ALL {
            assert!(in_category(category).next().is_some(), "{category:?}");
        }
    }

    #[test]
    fn presets_use_known_keys_and_bounds_are_ordered() {
        for spec in PROVIDERS {
            assert!(spec.inputs.min <= spec.inputs.max, "{}", spec.key);
            assert!(spec.outputs.min <= spec.outputs.max, "{}", spec.key);
            for (key, _) in spec.preset {
                assert!(spec.config_key(key).is_some(), "{}: {key}", spec.key);
            }
            for key in spec.config {
                if let Need::When { key: other, .. } = key.need {
                    assert!(spec.config_key(other).is_some(), "{}: {other}", spec.key);
                }
            }
        }
    }

    #[test]
    fn finds_by_type_and_tells_connections_apart() {
        let deploy = find(Category::Deploy, Owner::AWS, "S3").map(|p| p.key);
        assert_eq!(deploy, Some("s3-deploy"));
        let source = find(Category::Source, Owner::AWS, "S3").map(|p| p.key);
        assert_eq!(source, Some("s3-source"));
        for key in ["github", "bitbucket", "gitlab"] {
            let spec = by_key(key).unwrap();
            let action = spec.new_action("Source");
            assert_eq!(spec_for_action(&action).map(|p| p.key), Some(key));
        }
        assert!(find(Category::Build, Owner::AWS, "Nope").is_none());
    }
}
