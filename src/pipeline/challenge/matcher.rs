//! [`Matcher`]: picks the actions a challenge requirement is about, by category, provider,
//! stage name, Region, role ARN and configuration values, and says why an action is not
//! picked ("is from Jenkins, not CodeBuild"), so that a failed requirement can teach.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::expect::Expect;
use crate::pipeline::model::{Action, Category, Diagram};
use crate::pipeline::text::Text;

/// Picks actions. Every field that is set must hold; an empty matcher matches every action.
///
/// In RON only the fields that matter are written, e.g.
/// `(category: Some(Deploy), provider: Some("CodeDeploy"), stage_contains: Some("prod"),
/// config: {"ApplicationName": Is("storefront")})`.
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
    /// The role the action assumes (its `role_arn`), e.g. an IAM role ARN in a given account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<Expect>,
    /// What each named configuration value must be.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub config: BTreeMap<String, Expect>,
}

/// Why an action is not picked, with how far it got: a higher `depth` failed on a later field,
/// so it is nearer to what was asked for.
struct Miss {
    depth: u8,
    reason: String,
}

impl Matcher {
    /// Whether the action in stage `stage` of `diagram` matches.
    #[must_use]
    pub fn matches(&self, diagram: &Diagram, stage: usize, action: &Action) -> bool {
        self.miss(diagram, stage, action).is_none()
    }

    /// Why the action in stage `stage` does not match, e.g. `is from Jenkins, not CodeBuild`
    /// or `NotificationArn "not-an-arn" is not an SNS topic ARN (…)`; `None` when it matches.
    #[must_use]
    pub fn mismatch(&self, diagram: &Diagram, stage: usize, action: &Action) -> Option<String> {
        self.miss(diagram, stage, action).map(|m| m.reason)
    }

    fn miss(&self, diagram: &Diagram, stage: usize, action: &Action) -> Option<Miss> {
        let miss = |depth: u8, reason: String| Some(Miss { depth, reason });
        if let Some(category) = self.category
            && category != action.category
        {
            return miss(
                0,
                format!(
                    "is a {} action, not {}",
                    action.category.as_str(),
                    category.as_str()
                ),
            );
        }
        if let Some(provider) = &self.provider
            && action.provider.as_str() != provider
        {
            return miss(1, format!("is from {}, not {provider}", action.provider.as_str()));
        }
        if let Some(part) = &self.stage_contains {
            let stage_name = diagram.stages.get(stage).map_or("", |s| s.name.as_str());
            if !stage_name.to_lowercase().contains(&part.to_lowercase()) {
                return miss(
                    2,
                    format!("is in stage {stage_name:?}, whose name lacks {part:?}"),
                );
            }
        }
        if let Some(region) = &self.region {
            match action.region.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                Some(have) if have == region => {}
                Some(have) => return miss(3, format!("runs in {have}, not {region}")),
                None => return miss(3, format!("names no Region, not {region}")),
            }
        }
        if let Some(role) = &self.role_arn
            && let Err(reason) = role.check(action.role_arn.as_deref())
        {
            return miss(4, format!("its role ARN {reason}"));
        }
        for (key, expect) in &self.config {
            if let Err(reason) = expect.check(action.configuration.get(key).map(Text::as_str)) {
                return miss(5, format!("{key} {reason}"));
            }
        }
        None
    }

    /// The matching actions with their stage indices, in diagram order.
    pub fn select<'d>(&'d self, diagram: &'d Diagram) -> impl Iterator<Item = (usize, &'d Action)> + 'd {
        diagram
            .actions()
            .filter(move |(s, a)| self.matches(diagram, *s, a))
    }

    /// Why no action matches: `no action is …`, and when an action of the category asked for
    /// comes close, what keeps it out, e.g. `no action is a Build action from CodeBuild
    /// ("Build" in stage "Build" is from Jenkins, not CodeBuild)`.
    #[must_use]
    pub fn absence(&self, diagram: &Diagram) -> String {
        // The first of the nearest actions, in diagram order.
        let mut nearest: Option<(usize, &Action, Miss)> = None;
        for (stage, action) in diagram.actions() {
            let Some(miss) = self.miss(diagram, stage, action) else {
                continue;
            };
            // Near means of the category asked for; without one, of the provider asked for
            // too, so that the source action is not offered as a near miss for an invoke.
            let near = miss.depth >= 2 || (miss.depth == 1 && self.category.is_some());
            if near
                && nearest
                    .as_ref()
                    .is_none_or(|(_, _, best)| miss.depth > best.depth)
            {
                nearest = Some((stage, action, miss));
            }
        }
        match nearest {
            Some((stage, action, miss)) => format!(
                "no action is {} ({} {})",
                self.describe(),
                place(diagram, stage, action),
                miss.reason
            ),
            None => format!("no action is {}", self.describe()),
        }
    }

    /// The matcher in words, e.g. `a Deploy action from CodeDeploy in a stage named like "prod"
    /// with ApplicationName = storefront`.
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
        if let Some(role) = &self.role_arn {
            text.push_str(&format!(" with a role ARN {}", role.describe()));
        }
        for (key, expect) in &self.config {
            text.push_str(&format!(" with {key} {}", expect.describe()));
        }
        text
    }
}

/// `"Name" in stage "Stage"`, for details.
pub(super) fn place(diagram: &Diagram, stage: usize, action: &Action) -> String {
    let stage_name = diagram.stages.get(stage).map_or("?", |s| s.name.as_str());
    format!("{:?} in stage {stage_name:?}", action.name.as_str())
}
