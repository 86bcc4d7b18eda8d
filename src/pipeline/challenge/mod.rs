//! Pipeline challenges: exercises from the course pack ("build a pipeline that deploys to
//! staging, waits for an approval, then…"), each with machine-checkable requirements over the
//! learner's diagram, and the grading that turns a diagram into a tick or a cross per
//! requirement with a hint.
//!
//! This module holds the challenge types and [`grade`]; the [`Check`] vocabulary is evaluated
//! in `eval` (artifact checks in `flow`), the [`Matcher`] that picks actions lives in
//! `matcher`, what a value must be ([`Expect`], [`ArnPattern`]) in `expect` and `arn`, and
//! when and how the reference solution is shown ([`reference_offer`], [`outline`]) in
//! `reference`.

use serde::{Deserialize, Serialize};

use super::model::Diagram;

mod arn;
mod eval;
mod expect;
mod flow;
mod matcher;
mod reference;

pub use arn::{ArnKind, ArnPattern};
pub use eval::{Check, Outcome};
pub use expect::Expect;
pub use matcher::Matcher;
pub use reference::{
    ActionOutline, FAILED_SUBMISSIONS_BEFORE_REFERENCE, ReferenceOffer, StageOutline, outline,
    reference_offer,
};

/// One exercise: a scenario to build, what the result must satisfy, and a reference answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Challenge {
    /// Stable id, unique in the pack, e.g. `approval-before-production`.
    pub id: String,
    /// Shown in the challenge list, in sentence case.
    pub title: String,
    /// Markdown: the scenario and what to build.
    pub brief: String,
    /// Course topic ids the challenge practises.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Qualified objectives, e.g. `dop-c01/1.5`.
    #[serde(default)]
    pub objectives: Vec<String>,
    /// The diagram the learner starts from; `None` is the empty two-stage diagram.
    #[serde(default)]
    pub start: Option<Diagram>,
    /// What the learner's diagram must satisfy, in the order shown.
    pub requirements: Vec<Requirement>,
    /// Markdown: why the reference solution is built the way it is, shown beside the
    /// learner's attempt once the challenge is solved or after a few failed submissions.
    #[serde(default)]
    pub explanation: String,
    /// A reference answer that meets every requirement.
    pub solution: Diagram,
}

impl Challenge {
    /// The diagram the learner starts from: `start`, or an empty two-stage diagram named after
    /// the challenge.
    #[must_use]
    pub fn start_diagram(&self) -> Diagram {
        self.start.clone().unwrap_or_else(|| Diagram::new(&self.id))
    }
}

/// One requirement: a check with the text shown beside its tick or cross.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Requirement {
    /// What is checked, shown with the tick or cross.
    pub description: String,
    /// Shown when the requirement is not met.
    pub hint: String,
    /// The machine-checkable condition.
    pub check: Check,
}

/// How one requirement fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequirementResult {
    /// The requirement's description.
    pub description: String,
    /// The requirement's hint (show it when `passed` is false).
    pub hint: String,
    /// Whether the diagram meets the requirement.
    pub passed: bool,
    /// What the checker found, e.g. `no action matches a Approval action`, for a tooltip.
    pub detail: String,
}

/// A diagram graded against a challenge: one result per requirement, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeGrade {
    /// One result per requirement, in the challenge's order.
    pub results: Vec<RequirementResult>,
    /// How many requirements are met.
    pub passed_count: usize,
    /// How many requirements there are.
    pub total: usize,
}

impl ChallengeGrade {
    /// Whether every requirement is met (a challenge without requirements is never passed).
    #[must_use]
    pub fn all_passed(&self) -> bool {
        self.total > 0 && self.passed_count == self.total
    }
}

/// Grades a diagram against every requirement of a challenge.
#[must_use]
pub fn grade(challenge: &Challenge, diagram: &Diagram) -> ChallengeGrade {
    let results: Vec<RequirementResult> = challenge
        .requirements
        .iter()
        .map(|req| {
            let outcome = req.check.evaluate(diagram);
            RequirementResult {
                description: req.description.clone(),
                hint: req.hint.clone(),
                passed: outcome.passed,
                detail: outcome.detail,
            }
        })
        .collect();
    ChallengeGrade {
        passed_count: results.iter().filter(|r| r.passed).count(),
        total: results.len(),
        results,
    }
}

#[cfg(test)]
mod tests;
