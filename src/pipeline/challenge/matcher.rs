//! [`Matcher`]: picks the actions a challenge requirement is about, by category, provider,
//! stage name, Region, role account and configuration values.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::pipeline::model::{Action, Category, Diagram};

/// Picks actions. Every field that is set must hold; an empty matcher matches every action.
///
/// In RON only the fields that matter are written, e.g.
/// `(category: Some(Deploy), provider: Some("CodeDeploy"), stage_contains: Some("prod"))`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Matcher {
    /// The action's category.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// The provider, exactly as CodePipeline spells it (`CodeDeployToECS`, `Manual`…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// A part of the stage's name, compared without regard to case (`prod` matches
    /// `Deploy-Production`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage_contains: Option<String>,
    /// The Region the action names (actions that name none run in the pipeline's Region and
    /// do not match).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The account of the role the action assumes (`role_arn`); `*` means any role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_account: Option<String>,
    /// Configuration values that must be equal (after trimming); `*` means present and not
    /// empty.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub config: BTreeMap<String, String>,
    /// Configuration values that must contain the given text (for comma-separated lists such
    /// as `Capabilities`).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub config_contains: BTreeMap<String, String>,
}

impl Matcher {
    /// Whether the action in stage `stage` of `diagram` matches.
    #[must_use]
    pub fn matches(&self, diagram: &Diagram, stage: usize, action: &Action) -> bool {
        self.category.is_none_or(|c| c == action.category)
            && self.provider.as_ref().is_none_or(|p| *p == action.provider)
            && self.stage_contains.as_ref().is_none_or(|part| {
                diagram
                    .stages
                    .get(stage)
                    .is_some_and(|s| s.name.to_lowercase().contains(&part.to_lowercase()))
            })
            && self
                .region
                .as_ref()
                .is_none_or(|r| action.region.as_deref().map(str::trim) == Some(r.as_str()))
            && self.role_account.as_ref().is_none_or(|account| {
                let arn = action.role_arn.as_deref().unwrap_or("").trim();
                if account == "*" {
                    !arn.is_empty()
                } else {
                    arn_account(arn) == Some(account.as_str())
                }
            })
            && self.config.iter().all(|(key, want)| {
                let have = action.configuration.get(key).map_or("", |v| v.trim());
                if want == "*" {
                    !have.is_empty()
                } else {
                    have == want.trim()
                }
            })
            && self.config_contains.iter().all(|(key, part)| {
                action
                    .configuration
                    .get(key)
                    .is_some_and(|v| v.contains(part.as_str()))
            })
    }

    /// The matching actions with their stage indices, in diagram order.
    pub fn select<'d>(&'d self, diagram: &'d Diagram) -> impl Iterator<Item = (usize, &'d Action)> + 'd {
        diagram
            .actions()
            .filter(move |(s, a)| self.matches(diagram, *s, a))
    }

    /// The matcher in words, e.g. `a Deploy action from CodeDeploy in a stage named like "prod"`.
    #[must_use]
    pub fn describe(&self) -> String {
        let mut text = match self.category {
            Some(Category::Approval) => "an Approval action".to_owned(),
            Some(Category::Invoke) => "an Invoke action".to_owned(),
            Some(category) => format!("a {} action", category.as_str()),
            None => "an action".to_owned(),
        };
        if let Some(provider) = &self.provider {
            text.push_str(&format!(" from {provider}"));
        }
        if let Some(part) = &self.stage_contains {
            text.push_str(&format!(" in a stage named like {part:?}"));
        }
        if let Some(region) = &self.region {
            text.push_str(&format!(" in {region}"));
        }
        match self.role_account.as_deref() {
            Some("*") => text.push_str(" with a role ARN"),
            Some(account) => text.push_str(&format!(" with a role in account {account}")),
            None => {}
        }
        for (key, value) in &self.config {
            if value == "*" {
                text.push_str(&format!(" with {key} set"));
            } else {
                text.push_str(&format!(" with {key} = {value}"));
            }
        }
        for (key, part) in &self.config_contains {
            text.push_str(&format!(" with {key} containing {part}"));
        }
        text
    }
}

/// The account ID in an ARN such as `arn:aws:iam::111122223333:role/Name`.
fn arn_account(arn: &str) -> Option<&str> {
    arn.split(':').nth(4).filter(|a| !a.is_empty())
}
