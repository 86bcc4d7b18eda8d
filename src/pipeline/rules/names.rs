//! Rules on names: pipeline, stage, action and artifact names follow CodePipeline's patterns
//! and length limit.

use std::collections::HashSet;

use super::literal::verdict;
use super::{Finding, RuleId, Severity};
use crate::pipeline::model::Diagram;
use crate::pipeline::text::Text;

/// The longest name CodePipeline accepts.
pub const MAX_NAME_LEN: usize = 100;

/// Whether `name` is a valid pipeline, stage or action name.
#[must_use]
pub fn is_valid_name(name: &str) -> bool {
    valid_chars(name, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '-' | '_')
    })
}

/// Whether `name` is a valid artifact name.
#[must_use]
pub fn is_valid_artifact_name(name: &str) -> bool {
    valid_chars(name, |c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
}

fn valid_chars(name: &str, allowed: impl Fn(char) -> bool) -> bool {
    !name.is_empty() && name.chars().count() <= MAX_NAME_LEN && name.chars().all(allowed)
}

fn name_problem(kind: &str, name: &str, allowed: &str) -> String {
    if name.is_empty() {
        format!("the {kind} name is empty")
    } else if name.chars().count() > MAX_NAME_LEN {
        format!("the {kind} name \"{name}\" is longer than {MAX_NAME_LEN} characters")
    } else {
        format!("the {kind} name \"{name}\" may use only {allowed}")
    }
}

/// Names match CodePipeline's allowed patterns.
#[must_use]
pub fn name_patterns(diagram: &Diagram) -> Vec<Finding> {
    const NAME_CHARS: &str = "letters, digits and . @ - _";
    const ARTIFACT_CHARS: &str = "letters, digits and - _";
    let rule = RuleId::NamePatterns;
    let mut found = Vec::new();
    // A name from a CloudFormation template may be an intrinsic function (`!Sub …`), known
    // only at deployment: checked with a parameter's default, or not checked.
    let name_verdict = |kind: &str, name: &Text| {
        verdict(
            diagram,
            &format!("the {kind} name"),
            name,
            Severity::Error,
            |value| (!is_valid_name(value)).then(|| name_problem(kind, value, NAME_CHARS)),
        )
    };
    if let Some((severity, message)) = name_verdict("pipeline", &diagram.name) {
        found.push(Finding::pipeline(rule, severity, message));
    }
    for (s, stage) in diagram.stages.iter().enumerate() {
        if let Some((severity, message)) = name_verdict("stage", &stage.name) {
            found.push(Finding::stage(rule, severity, diagram, s, message));
        }
        for action in &stage.actions {
            if let Some((severity, message)) = name_verdict("action", &action.name) {
                found.push(Finding::action(rule, severity, diagram, s, action, message));
            }
            let mut reported = HashSet::new();
            for artifact in action.inputs.iter().chain(&action.outputs) {
                if !reported.insert(artifact) {
                    continue;
                }
                let problem = verdict(diagram, "the artifact name", artifact, Severity::Error, |value| {
                    (!is_valid_artifact_name(value)).then(|| name_problem("artifact", value, ARTIFACT_CHARS))
                });
                if let Some((severity, message)) = problem {
                    found.push(Finding::action(rule, severity, diagram, s, action, message));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_patterns() {
        assert!(is_valid_name("Deploy.prod@eu-west_1"));
        assert!(!is_valid_name("Deploy prod"));
        assert!(!is_valid_name(""));
        assert!(!is_valid_name(&"a".repeat(101)));
        assert!(is_valid_artifact_name("Build_Output-1"));
        assert!(!is_valid_artifact_name("Build.Output"));
    }
}
