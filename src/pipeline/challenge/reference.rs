//! When a challenge's reference solution is offered ([`reference_offer`]: once the challenge
//! is solved, or after [`FAILED_SUBMISSIONS_BEFORE_REFERENCE`] submissions that fall short), and
//! a diagram as an [`outline`] of stages and actions, so that the learner's attempt and the
//! reference can be read side by side.

use crate::pipeline::model::{Action, Diagram};
use crate::pipeline::text::Text;

/// How many failed submissions open the reference solution to a learner who has not solved
/// the challenge.
pub const FAILED_SUBMISSIONS_BEFORE_REFERENCE: usize = 3;

/// Whether the reference solution is offered, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceOffer {
    /// The learner solved the challenge: compare notes.
    Solved,
    /// The learner submitted enough attempts that fell short: learn from the answer.
    AfterFailedSubmissions,
    /// Not yet; it opens after this many more failed submissions (or a solution).
    Locked { submissions_to_go: usize },
}

impl ReferenceOffer {
    /// Whether the reference solution may be shown.
    #[must_use]
    pub fn is_offered(self) -> bool {
        !matches!(self, Self::Locked { .. })
    }
}

/// Whether the reference solution is offered to a learner whose submissions of the challenge
/// include a solution (`solved`) and `failed_submissions` that fell short.
#[must_use]
pub fn reference_offer(solved: bool, failed_submissions: usize) -> ReferenceOffer {
    if solved {
        ReferenceOffer::Solved
    } else if failed_submissions >= FAILED_SUBMISSIONS_BEFORE_REFERENCE {
        ReferenceOffer::AfterFailedSubmissions
    } else {
        ReferenceOffer::Locked {
            submissions_to_go: FAILED_SUBMISSIONS_BEFORE_REFERENCE - failed_submissions,
        }
    }
}

/// One stage of a diagram, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageOutline {
    pub name: String,
    pub actions: Vec<ActionOutline>,
}

/// One action, in words: a title and the facts a brief can ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionOutline {
    /// E.g. `DeployToStaging: Deploy from CodeDeploy`, with the run order when it is not 1.
    pub title: String,
    /// E.g. `ApplicationName: storefront`, `reads BuildOutput`, `Region eu-west-1`.
    pub lines: Vec<String>,
}

/// A diagram as stages of actions in words, in order.
#[must_use]
pub fn outline(diagram: &Diagram) -> Vec<StageOutline> {
    diagram
        .stages
        .iter()
        .map(|stage| StageOutline {
            name: stage.name.as_str().to_owned(),
            actions: stage.actions.iter().map(action_outline).collect(),
        })
        .collect()
}

fn action_outline(action: &Action) -> ActionOutline {
    let mut title = format!(
        "{}: {} from {}",
        action.name.as_str(),
        action.category.as_str(),
        action.provider.as_str()
    );
    if action.run_order != 1 {
        title.push_str(&format!(" (run order {})", action.run_order));
    }
    let mut lines: Vec<String> = action
        .configuration
        .iter()
        .map(|(key, value)| format!("{key}: {}", value.as_str()))
        .collect();
    let list = |names: &[Text]| names.iter().map(Text::as_str).collect::<Vec<_>>().join(", ");
    if !action.inputs.is_empty() {
        lines.push(format!("reads {}", list(&action.inputs)));
    }
    if !action.outputs.is_empty() {
        lines.push(format!("writes {}", list(&action.outputs)));
    }
    if let Some(region) = &action.region {
        lines.push(format!("Region {}", region.as_str()));
    }
    if let Some(role) = &action.role_arn {
        lines.push(format!("role {}", role.as_str()));
    }
    ActionOutline { title, lines }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_opens_when_solved_or_after_three_failures() {
        assert_eq!(
            reference_offer(false, 0),
            ReferenceOffer::Locked { submissions_to_go: 3 }
        );
        assert_eq!(
            reference_offer(false, 2),
            ReferenceOffer::Locked { submissions_to_go: 1 }
        );
        assert!(!reference_offer(false, 2).is_offered());
        assert_eq!(reference_offer(false, 3), ReferenceOffer::AfterFailedSubmissions);
        assert_eq!(reference_offer(false, 7), ReferenceOffer::AfterFailedSubmissions);
        assert_eq!(reference_offer(true, 0), ReferenceOffer::Solved);
        assert!(reference_offer(true, 1).is_offered());
    }

    #[test]
    fn an_outline_lists_stages_actions_settings_and_artifacts() {
        let mut diagram = Diagram::new("outline");
        let mut build = crate::pipeline::catalog::by_key("codebuild")
            .expect("the catalog has CodeBuild")
            .new_action("Build");
        build
            .configuration
            .insert("ProjectName".into(), "app-build".into());
        build.inputs = vec!["Src".into()];
        build.outputs = vec!["Out".into()];
        build.run_order = 2;
        diagram.stages[1].actions.push(build);
        let stages = outline(&diagram);
        assert_eq!(stages.len(), diagram.stages.len());
        let action = &stages[1].actions[0];
        assert_eq!(action.title, "Build: Build from CodeBuild (run order 2)");
        assert!(action.lines.contains(&"ProjectName: app-build".to_owned()));
        assert!(action.lines.contains(&"reads Src".to_owned()));
        assert!(action.lines.contains(&"writes Out".to_owned()));
    }
}
