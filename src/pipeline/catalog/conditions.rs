//! What stage conditions take: the three kinds with the results each allows, the automatic
//! retry of a failed stage, and the rule types a condition runs, with their configuration
//! keys. The facts follow the CodePipeline API reference (`Condition`, `FailureConditions`,
//! `RetryConfiguration`, `RuleDeclaration`), the user guide's "How do stage conditions work?"
//! and its rule reference (one page per rule type).

use super::ConfigKey;
use super::providers::keys::{opt, req};

/// When a stage's conditions are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConditionKind {
    /// Before the stage runs (`beforeEntry`).
    BeforeEntry,
    /// After the stage succeeded (`onSuccess`).
    OnSuccess,
    /// After the stage failed (`onFailure`).
    OnFailure,
}

impl ConditionKind {
    /// Every kind, in the order a stage meets them.
    pub const ALL: [Self; 3] = [Self::BeforeEntry, Self::OnSuccess, Self::OnFailure];

    /// The stage declaration's key (`beforeEntry`, `onSuccess`, `onFailure`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::BeforeEntry => "beforeEntry",
            Self::OnSuccess => "onSuccess",
            Self::OnFailure => "onFailure",
        }
    }

    /// A name for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::BeforeEntry => "Entry condition",
            Self::OnSuccess => "On success condition",
            Self::OnFailure => "On failure condition",
        }
    }

    /// The results a condition of this kind can engage: entry fails or skips the stage, a
    /// success check rolls back or fails it, a failure check rolls it back.
    #[must_use]
    pub fn results(self) -> &'static [&'static str] {
        match self {
            Self::BeforeEntry => &["FAIL", "SKIP"],
            Self::OnSuccess => &["ROLLBACK", "FAIL"],
            Self::OnFailure => &["ROLLBACK"],
        }
    }

    /// The rule type a new condition of this kind starts with.
    #[must_use]
    pub fn first_rule(self) -> &'static RuleType {
        let provider = match self {
            Self::BeforeEntry => "DeploymentWindow",
            Self::OnSuccess | Self::OnFailure => "CloudWatchAlarm",
        };
        rule_type(provider).unwrap_or(&RULE_TYPES[0])
    }
}

/// What a failed stage does by itself (`onFailure.result`): roll back to the last successful
/// execution of the stage, or retry.
pub const FAILURE_RESULTS: &[&str] = &["ROLLBACK", "RETRY"];

/// How a failed stage is retried (`retryConfiguration.retryMode`).
pub const RETRY_MODES: &[&str] = &["FAILED_ACTIONS", "ALL_ACTIONS"];

/// Rules in one condition (1 to 5).
pub const MAX_RULES: usize = 5;

/// The rule types an entry condition with the `SKIP` result may use.
pub const SKIP_RULE_TYPES: &[&str] = &["LambdaInvoke", "VariableCheck"];

/// A rule type (`ruleTypeId`: category `Rule`, owner `AWS`, version `1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleType {
    /// `ruleTypeId.provider`.
    pub provider: &'static str,
    /// What it checks, for people.
    pub label: &'static str,
    /// Its configuration keys.
    pub config: &'static [ConfigKey],
    /// Configuration a new rule starts with.
    pub preset: &'static [(&'static str, &'static str)],
    /// Whether it reads an input artifact.
    pub takes_input: bool,
    /// Whether it runs shell commands given in the rule's `commands`.
    pub runs_commands: bool,
}

/// Every rule type, alphabetically as the rule reference lists them.
pub const RULE_TYPES: &[RuleType] = &[
    RuleType {
        provider: "CloudWatchAlarm",
        label: "CloudWatch alarm",
        config: &[
            req("AlarmName", "the CloudWatch alarm to check"),
            opt("AlarmStates", "alarm states the rule watches").several_of(&[
                "ALARM",
                "OK",
                "INSUFFICIENT_DATA",
            ]),
            opt("WaitTime", "minutes to wait for the alarm state to change"),
        ],
        preset: &[("AlarmName", "my-alarm"), ("WaitTime", "5")],
        takes_input: false,
        runs_commands: false,
    },
    RuleType {
        provider: "CodeBuild",
        label: "CodeBuild build succeeds",
        config: &[
            req("ProjectName", "the build project to run"),
            opt("PrimarySource", "input artifact whose buildspec runs"),
            opt("BatchEnabled", "\"true\" runs a batch build").one_of(&["true", "false"]),
            opt("CombineArtifacts", "\"true\" merges a batch build's artifacts").one_of(&["true", "false"]),
            opt("EnvironmentVariables", "JSON list of {name, value, type}"),
        ],
        preset: &[("ProjectName", "my-check-project")],
        takes_input: true,
        runs_commands: false,
    },
    RuleType {
        provider: "Commands",
        label: "Shell commands succeed",
        config: &[],
        preset: &[],
        takes_input: true,
        runs_commands: true,
    },
    RuleType {
        provider: "DeploymentWindow",
        label: "Inside a deployment window",
        config: &[
            req("Cron", "when deployments may run, e.g. 0 0 9-17 ? * MON-FRI *"),
            opt(
                "TimeZone",
                "e.g. UTC, UTC+05:30, Europe/Berlin or PST (default UTC)",
            ),
        ],
        preset: &[("Cron", "0 0 9-17 ? * MON-FRI *")],
        takes_input: false,
        runs_commands: false,
    },
    RuleType {
        provider: "LambdaInvoke",
        label: "Lambda function check",
        config: &[
            req("FunctionName", "the function that reports the check's result"),
            opt("UserParameters", "input for the function"),
        ],
        preset: &[("FunctionName", "my-check-function")],
        takes_input: true,
        runs_commands: false,
    },
    RuleType {
        provider: "VariableCheck",
        label: "Variable check",
        config: &[
            req(
                "Variable",
                "the variable to check, e.g. #{SourceVariables.BranchName}",
            ),
            req("Operator", "how to compare").one_of(&["EQ", "CONTAINS", "MATCHES", "NE"]),
            req("Value", "the value to compare with"),
        ],
        preset: &[
            ("Variable", "#{SourceVariables.BranchName}"),
            ("Operator", "EQ"),
            ("Value", "main"),
        ],
        takes_input: false,
        runs_commands: false,
    },
];

/// The rule type with this provider name.
#[must_use]
pub fn rule_type(provider: &str) -> Option<&'static RuleType> {
    RULE_TYPES.iter().find(|r| r.provider == provider)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_starts_with_a_known_rule_and_a_result_it_allows() {
        for kind in ConditionKind::ALL {
            assert!(RULE_TYPES.contains(kind.first_rule()), "{kind:?}");
            assert!(!kind.results().is_empty());
        }
        assert_eq!(ConditionKind::OnFailure.results(), ["ROLLBACK"]);
        assert!(ConditionKind::BeforeEntry.results().contains(&"SKIP"));
    }

    #[test]
    fn presets_name_keys_the_rule_type_takes() {
        for rule in RULE_TYPES {
            for (key, _) in rule.preset {
                assert!(
                    rule.config.iter().any(|k| k.name == *key),
                    "{}: {key}",
                    rule.provider
                );
            }
        }
        for provider in SKIP_RULE_TYPES {
            assert!(rule_type(provider).is_some());
        }
    }
}
