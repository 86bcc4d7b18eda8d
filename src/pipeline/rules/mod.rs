//! The structure rules CodePipeline enforces on a pipeline declaration, checked on a diagram:
//! one function per rule, each naming the note that teaches it, so that the editor can show
//! a live list of findings and link each to the course.
//!
//! This module holds the finding types and [`check`]; the rule functions are grouped by
//! subject in `structure`, `artifacts`, `names`, `config`, `regions`, `variables` and `api` (what
//! `CreatePipeline` refuses on its input: role ARN, artifact store, field limits, quotas), and
//! re-exported here.

use std::fmt;

use super::model::{Action, ActionId, Diagram};

mod api;
mod api_declaration;
mod api_limits;
mod artifacts;
mod branches;
mod config;
mod literal;
mod names;
mod regions;
mod structure;
mod variables;

pub use api::{artifact_store, field_limits, pipeline_settings, role_arn, service_quotas};
pub use api_limits::{
    ACTIONS_PER_STAGE, STAGES_PER_PIPELINE, is_valid_namespace, is_valid_role_arn, is_valid_store_location,
};
pub use artifacts::{artifact_counts, inputs_produced_earlier, unique_outputs};
pub use branches::MAX_COMBINED;
pub use config::{config_artifact_refs, known_provider, required_config};
pub use names::{MAX_NAME_LEN, is_valid_artifact_name, is_valid_name, name_patterns};
pub use regions::cross_region;
pub use structure::{
    MAX_RUN_ORDER, run_order, source_stage, stage_not_empty, two_stages, unique_action_names,
    unique_stage_names,
};
pub use variables::{PIPELINE_VARIABLES, SYSTEM_NAMESPACE, variable_references, variable_refs};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// CodePipeline would reject the pipeline, or an action would always fail.
    Error,
    /// Worth a look; CodePipeline may accept it.
    Warning,
    /// For information: e.g. a value known only at deployment, not checked.
    Info,
}

impl Severity {
    /// `error` or `warning`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// The rules, in the order they are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    TwoStages,
    SourceStage,
    StageNotEmpty,
    UniqueStageNames,
    UniqueActionNames,
    UniqueOutputs,
    InputsProducedEarlier,
    ArtifactCounts,
    KnownProvider,
    NamePatterns,
    RunOrder,
    RequiredConfig,
    ConfigArtifactRefs,
    CrossRegion,
    RoleArn,
    ArtifactStore,
    FieldLimits,
    ServiceQuotas,
    PipelineSettings,
    VariableRefs,
}

impl RuleId {
    /// Every rule, in checking order.
    pub const ALL: [Self; 20] = [
        Self::TwoStages,
        Self::SourceStage,
        Self::StageNotEmpty,
        Self::UniqueStageNames,
        Self::UniqueActionNames,
        Self::UniqueOutputs,
        Self::InputsProducedEarlier,
        Self::ArtifactCounts,
        Self::KnownProvider,
        Self::NamePatterns,
        Self::RunOrder,
        Self::RequiredConfig,
        Self::ConfigArtifactRefs,
        Self::CrossRegion,
        Self::RoleArn,
        Self::ArtifactStore,
        Self::FieldLimits,
        Self::ServiceQuotas,
        Self::PipelineSettings,
        Self::VariableRefs,
    ];

    /// A stable kebab-case id, e.g. `inputs-produced-earlier`.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::TwoStages => "two-stages",
            Self::SourceStage => "source-stage",
            Self::StageNotEmpty => "stage-not-empty",
            Self::UniqueStageNames => "unique-stage-names",
            Self::UniqueActionNames => "unique-action-names",
            Self::UniqueOutputs => "unique-outputs",
            Self::InputsProducedEarlier => "inputs-produced-earlier",
            Self::ArtifactCounts => "artifact-counts",
            Self::KnownProvider => "known-provider",
            Self::NamePatterns => "name-patterns",
            Self::RunOrder => "run-order",
            Self::RequiredConfig => "required-config",
            Self::ConfigArtifactRefs => "config-artifact-refs",
            Self::CrossRegion => "cross-region",
            Self::RoleArn => "role-arn",
            Self::ArtifactStore => "artifact-store",
            Self::FieldLimits => "field-limits",
            Self::ServiceQuotas => "service-quotas",
            Self::PipelineSettings => "pipeline-settings",
            Self::VariableRefs => "variable-refs",
        }
    }

    /// The rule in one line.
    #[must_use]
    pub fn explanation(self) -> &'static str {
        match self {
            Self::TwoStages => "A pipeline has at least two stages.",
            Self::SourceStage => {
                "The first stage holds only source actions (at least one), and no other stage holds any."
            }
            Self::StageNotEmpty => "Every stage has at least one action.",
            Self::UniqueStageNames => "Stage names are unique in a pipeline.",
            Self::UniqueActionNames => "Action names are unique within a stage.",
            Self::UniqueOutputs => "Output artifact names are unique in a pipeline.",
            Self::InputsProducedEarlier => {
                "Every input artifact is the output of an action that runs earlier: in an earlier stage, or in the same stage with a lower run order."
            }
            Self::ArtifactCounts => "Each provider takes a fixed range of input and output artifacts.",
            Self::KnownProvider => {
                "The action type is one of the providers in the palette (otherwise it is not checked)."
            }
            Self::NamePatterns => {
                "Pipeline, stage and action names use A-Z a-z 0-9 . @ - _ and artifact names A-Z a-z 0-9 - _, at most 100 characters."
            }
            Self::RunOrder => "Run orders are whole numbers from 1 to 999.",
            Self::RequiredConfig => "Each provider's required configuration keys are present.",
            Self::ConfigArtifactRefs => {
                "Configuration that names an artifact (TemplatePath, AppSpecTemplateArtifact, …) names one of the action's inputs."
            }
            Self::CrossRegion => {
                "Source, third-party and custom actions run in the pipeline's Region; any other Region that runs an action needs an artifact bucket."
            }
            Self::RoleArn => {
                "The pipeline has a service role, and every role is an IAM role ARN (arn:aws:iam::<account>:role/<name>)."
            }
            Self::ArtifactStore => {
                "The pipeline has an artifact bucket (or one per Region) named with 3 to 63 letters, digits, - and ."
            }
            Self::FieldLimits => {
                "Providers, versions, Regions, namespaces and configuration keys and values keep to CodePipeline's lengths and characters."
            }
            Self::ServiceQuotas => "A pipeline has at most 50 stages, and a stage at most 50 actions.",
            Self::PipelineSettings => {
                "Pipeline type, execution mode, variables, triggers and encryption keys take the values and sizes CodePipeline accepts."
            }
            Self::VariableRefs => {
                "Each action namespace is used once, and #{Namespace.Variable} names the namespace of an action that runs earlier, a declared pipeline variable or a codepipeline system variable."
            }
        }
    }

    /// The course topic whose note teaches the rule (a provider's finding names its provider's
    /// topic instead, where the catalog has one).
    #[must_use]
    pub fn topic(self) -> &'static str {
        match self {
            Self::UniqueOutputs
            | Self::InputsProducedEarlier
            | Self::ArtifactCounts
            | Self::ConfigArtifactRefs
            | Self::ArtifactStore => "artifacts",
            Self::NamePatterns | Self::FieldLimits => "codepipeline-troubleshooting",
            Self::RoleArn => "iam",
            Self::ServiceQuotas => "service-quotas",
            Self::TwoStages
            | Self::SourceStage
            | Self::StageNotEmpty
            | Self::UniqueStageNames
            | Self::UniqueActionNames
            | Self::KnownProvider
            | Self::RunOrder
            | Self::RequiredConfig
            | Self::CrossRegion
            | Self::PipelineSettings
            | Self::VariableRefs => "codepipeline",
        }
    }

    /// Runs this rule alone, on every `Fn::If` branch (see [`check`]).
    #[must_use]
    pub fn check(self, diagram: &Diagram) -> Vec<Finding> {
        branches::run(diagram, |view| self.run(view))
    }

    /// Runs this rule on a diagram as deployed (no `Fn::If` branches left).
    fn run(self, diagram: &Diagram) -> Vec<Finding> {
        match self {
            Self::TwoStages => two_stages(diagram),
            Self::SourceStage => source_stage(diagram),
            Self::StageNotEmpty => stage_not_empty(diagram),
            Self::UniqueStageNames => unique_stage_names(diagram),
            Self::UniqueActionNames => unique_action_names(diagram),
            Self::UniqueOutputs => unique_outputs(diagram),
            Self::InputsProducedEarlier => inputs_produced_earlier(diagram),
            Self::ArtifactCounts => artifact_counts(diagram),
            Self::KnownProvider => known_provider(diagram),
            Self::NamePatterns => name_patterns(diagram),
            Self::RunOrder => run_order(diagram),
            Self::RequiredConfig => required_config(diagram),
            Self::ConfigArtifactRefs => config_artifact_refs(diagram),
            Self::CrossRegion => cross_region(diagram),
            Self::RoleArn => role_arn(diagram),
            Self::ArtifactStore => artifact_store(diagram),
            Self::FieldLimits => field_limits(diagram),
            Self::ServiceQuotas => service_quotas(diagram),
            Self::PipelineSettings => pipeline_settings(diagram),
            Self::VariableRefs => variable_refs(diagram),
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One problem found in a diagram.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The rule that found it.
    pub rule: RuleId,
    /// Index of the stage it concerns.
    pub stage: Option<usize>,
    /// The action it concerns.
    pub action: Option<ActionId>,
    /// The stage's name, for messages.
    pub stage_name: Option<String>,
    /// The action's name, for messages.
    pub action_name: Option<String>,
    /// What is wrong, without the place (see `Display` for both).
    pub message: String,
    /// The course topic that explains the fix.
    pub topic: &'static str,
}

impl Finding {
    fn pipeline(rule: RuleId, severity: Severity, message: String) -> Self {
        Self {
            severity,
            rule,
            stage: None,
            action: None,
            stage_name: None,
            action_name: None,
            message,
            topic: rule.topic(),
        }
    }

    fn stage(rule: RuleId, severity: Severity, diagram: &Diagram, stage: usize, message: String) -> Self {
        Self {
            stage: Some(stage),
            stage_name: diagram.stages.get(stage).map(|s| s.name.to_string()),
            ..Self::pipeline(rule, severity, message)
        }
    }

    fn action(
        rule: RuleId,
        severity: Severity,
        diagram: &Diagram,
        stage: usize,
        action: &Action,
        message: String,
    ) -> Self {
        Self {
            action: Some(action.id),
            action_name: Some(action.name.to_string()),
            ..Self::stage(rule, severity, diagram, stage, message)
        }
    }

    fn with_topic(mut self, topic: &'static str) -> Self {
        self.topic = topic;
        self
    }

    /// Whether this is an error.
    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.stage_name, &self.action_name) {
            (Some(stage), Some(action)) => write!(f, "stage \"{stage}\", action \"{action}\": ")?,
            (Some(stage), None) => write!(f, "stage \"{stage}\": ")?,
            (None, Some(action)) => write!(f, "action \"{action}\": ")?,
            (None, None) => write!(f, "pipeline: ")?,
        }
        f.write_str(&self.message)
    }
}

/// Runs every rule; findings come in rule order, then in diagram order.
///
/// A pipeline with stages, actions or values under `Fn::If` is checked once per combination
/// of the conditions (see `branches`); a finding that only some combinations give names them
/// (`when IsProd is true: …`).
#[must_use]
pub fn check(diagram: &Diagram) -> Vec<Finding> {
    branches::run(diagram, |view| {
        RuleId::ALL.iter().flat_map(|rule| rule.run(view)).collect()
    })
}

/// Whether any finding is an error.
#[must_use]
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_error)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_rule_has_a_code_explanation_and_topic() {
        let mut codes = HashSet::new();
        for rule in RuleId::ALL {
            assert!(codes.insert(rule.code()));
            assert!(rule.explanation().ends_with('.'));
            assert!(!rule.topic().is_empty());
        }
    }
}

/// How many findings of each severity: the counts the window's rule panel and
/// `stagecraft pipeline check` both print.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    /// Values not checked because a template gives them only at deployment.
    pub notes: usize,
}

impl Tally {
    /// Counts `findings` by severity.
    #[must_use]
    pub fn of(findings: &[Finding]) -> Self {
        let mut tally = Self::default();
        for finding in findings {
            match finding.severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Info => tally.notes += 1,
            }
        }
        tally
    }
}
