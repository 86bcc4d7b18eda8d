//! The cross-Region rule: which actions may run outside the pipeline's Region, and the
//! artifact buckets the other Regions need.

use super::config::is_dynamic;
use super::{Finding, RuleId, Severity};
use crate::pipeline::model::{Action, Category, Diagram, Owner};

/// Cross-Region actions: sources, third-party and custom actions run in the pipeline's own
/// Region (taken to be the first source action's, when it names one); every other Region that
/// runs an action needs an artifact bucket.
#[must_use]
pub fn cross_region(diagram: &Diagram) -> Vec<Finding> {
    let rule = RuleId::CrossRegion;
    // A Region from a template parameter (`!Ref …`) is unknown until deployment.
    fn region_of(action: &Action) -> Option<&str> {
        action
            .region
            .as_deref()
            .filter(|r| !r.is_empty() && !is_dynamic(r))
    }
    let home = diagram
        .actions()
        .find(|(_, a)| a.category == Category::Source)
        .and_then(|(_, a)| region_of(a));
    let mut found = Vec::new();
    for (s, action) in diagram.actions() {
        let Some(region) = region_of(action) else {
            continue;
        };
        if Some(region) == home {
            continue;
        }
        let pinned = action.category == Category::Source || action.owner != Owner::AWS;
        let (severity, message) = match home {
            Some(home) if pinned => (
                Severity::Error,
                format!(
                    "source, third-party and custom actions run in the pipeline's own Region ({home}), not {region}"
                ),
            ),
            None if pinned => (
                Severity::Warning,
                format!(
                    "runs in {region}: third-party and custom actions must run in the pipeline's own Region"
                ),
            ),
            _ if diagram.artifact_stores.is_empty() => (
                Severity::Warning,
                format!(
                    "runs in {region}: unless that is the pipeline's own Region, the pipeline needs an artifact bucket there (artifact_stores)"
                ),
            ),
            _ if !diagram.artifact_stores.contains_key(region) => (
                Severity::Error,
                format!("runs in {region}, but the pipeline has no artifact bucket in that Region"),
            ),
            _ => continue,
        };
        found.push(Finding::action(rule, severity, diagram, s, action, message));
    }
    found
}
