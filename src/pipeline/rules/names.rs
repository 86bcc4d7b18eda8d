//! Rules on names: pipeline, stage, action and artifact names follow CodePipeline's patterns
//! and length limit.

use std::collections::HashSet;

use super::{Finding, RuleId, Severity};
use crate::pipeline::model::Diagram;

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
    // only at deployment.
    let literal = |name: &str| !diagram.is_intrinsic(name);
    if !is_valid_name(&diagram.name) && literal(&diagram.name) {
        found.push(Finding::pipeline(
            rule,
            Severity::Error,
            name_problem("pipeline", &diagram.name, NAME_CHARS),
        ));
    }
    for (s, stage) in diagram.stages.iter().enumerate() {
        if !is_valid_name(&stage.name) && literal(&stage.name) {
            found.push(Finding::stage(
                rule,
                Severity::Error,
                diagram,
                s,
                name_problem("stage", &stage.name, NAME_CHARS),
            ));
        }
        for action in &stage.actions {
            if !is_valid_name(&action.name) && literal(&action.name) {
                found.push(Finding::action(
                    rule,
                    Severity::Error,
                    diagram,
                    s,
                    action,
                    name_problem("action", &action.name, NAME_CHARS),
                ));
            }
            let mut reported = HashSet::new();
            for artifact in action.inputs.iter().chain(&action.outputs) {
                if !is_valid_artifact_name(artifact) && literal(artifact) && reported.insert(artifact) {
                    found.push(Finding::action(
                        rule,
                        Severity::Error,
                        diagram,
                        s,
                        action,
                        name_problem("artifact", artifact, ARTIFACT_CHARS),
                    ));
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
