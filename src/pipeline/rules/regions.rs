//! The cross-Region rule: which actions may run outside the pipeline's Region, and the
//! artifact buckets the other Regions need.

use super::literal::{Origin, Resolved, default_message, not_checked, resolve};
use super::{Finding, RuleId, Severity};
use crate::pipeline::model::{Action, Category, Diagram, Owner};

/// Cross-Region actions: sources, third-party and custom actions run in the pipeline's own
/// Region (taken to be the first source action's, when it names one); every other Region that
/// runs an action needs an artifact bucket.
#[must_use]
pub fn cross_region(diagram: &Diagram) -> Vec<Finding> {
    let rule = RuleId::CrossRegion;
    // A Region from a template parameter (`!Ref …`) is checked with its default, or not
    // checked when it is known only at deployment.
    fn region_of<'d>(diagram: &'d Diagram, action: &'d Action) -> Option<Resolved<'d>> {
        action
            .region
            .as_ref()
            .filter(|r| !r.is_empty() && !r.contains("#{"))
            .map(|r| resolve(diagram, r))
    }
    let home_region = diagram
        .actions()
        .find(|(_, a)| a.category == Category::Source)
        .and_then(|(_, a)| region_of(diagram, a))
        .filter(|r| !matches!(r.origin, Origin::Unknown(_)));
    let home = home_region.as_ref().map(|r| r.value.as_ref());
    let mut found = Vec::new();
    for (s, action) in diagram.actions() {
        let Some(resolved) = region_of(diagram, action) else {
            continue;
        };
        let parameter = match &resolved.origin {
            Origin::Unknown(source) => {
                found.push(Finding::action(
                    rule,
                    Severity::Info,
                    diagram,
                    s,
                    action,
                    not_checked("the Region", source),
                ));
                continue;
            }
            Origin::Default(p) => Some(*p),
            Origin::Literal => None,
        }
        .or(match home_region.as_ref().map(|r| &r.origin) {
            Some(Origin::Default(p)) => Some(*p),
            _ => None,
        });
        let region = resolved.value.as_ref();
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
        let (severity, message) = match parameter {
            Some(p) => (
                severity.max(Severity::Warning),
                default_message(p, region, &message),
            ),
            None => (severity, message),
        };
        found.push(Finding::action(rule, severity, diagram, s, action, message));
    }
    found
}
