//! The vocabulary of challenge requirements: [`Check`], the conditions a diagram can be graded
//! on. Each check answers with an [`Outcome`]: passed or not, and what was found. The checks
//! on artifacts (who reads whose output) are evaluated in `flow`.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use super::Matcher;
use super::expect::Expect;
use super::flow;
use super::matcher::place;
use crate::pipeline::model::{Action, Category, Diagram};
use crate::pipeline::rules;

/// The action mode that creates or replaces a CloudFormation change set.
const CHANGE_SET_REPLACE: &str = "CHANGE_SET_REPLACE";
/// The action mode that executes a CloudFormation change set.
const CHANGE_SET_EXECUTE: &str = "CHANGE_SET_EXECUTE";

fn one() -> u32 {
    1
}

fn two() -> u32 {
    2
}

/// A machine-checkable condition over a diagram.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Check {
    /// The rule checker finds no errors (warnings are allowed).
    Passes,
    /// At least `at_least` actions match (default 1).
    Has {
        action: Matcher,
        #[serde(default = "one")]
        at_least: u32,
    },
    /// Some action matches `action`, and every one of them also matches `satisfies` (e.g.
    /// every AppConfig deploy names the same application and profile).
    Every { action: Matcher, satisfies: Matcher },
    /// Some action matches `then`, and every one of them runs after some `first` action: in
    /// an earlier stage, or in the same stage with a lower run order.
    RunsBefore { first: Matcher, then: Matcher },
    /// At least `at_least` matching actions (default 2) share a stage and a run order, so they
    /// run at the same time.
    Parallel {
        action: Matcher,
        #[serde(default = "two")]
        at_least: u32,
    },
    /// A CloudFormation action creates a change set (`CHANGE_SET_REPLACE`) and a later one
    /// executes it (`CHANGE_SET_EXECUTE`, same `StackName` and `ChangeSetName`).
    ChangeSetFlow,
    /// The matching actions run in at least `at_least` different Regions; an action that
    /// names no Region runs in the pipeline's own.
    Regions {
        #[serde(default)]
        action: Matcher,
        at_least: u32,
    },
    /// Some action names a Region, and every Region an action names has an artifact bucket
    /// in `artifact_stores`.
    ArtifactStores,
    /// Some action matches `consumer`, and every one of them reads an artifact produced by an
    /// earlier `producer` action.
    ConsumesOutputOf { consumer: Matcher, producer: Matcher },
    /// One artifact is read by every action that each matcher picks, and each picks at least
    /// one: the same build promoted from stage to stage, not a rebuild.
    SameArtifact { actions: Vec<Matcher> },
    /// Some action matches `action`, and in every one of them the configuration value `key`
    /// names an input artifact produced by an earlier `producer` action (for
    /// `Artifact::path` values such as `TemplatePath`, the part before `::`).
    ConfigNamesOutputOf {
        action: Matcher,
        key: String,
        producer: Matcher,
    },
    /// The pipeline has at least `at_least` stages and, when set, at most `at_most`.
    StageCount {
        #[serde(default)]
        at_least: u32,
        #[serde(default)]
        at_most: Option<u32>,
    },
    /// Every inner check holds (several facts a brief states, graded as one requirement).
    AllOf(Vec<Check>),
    /// The inner check fails.
    Not(Box<Check>),
}

/// The answer of one check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Whether the condition holds.
    pub passed: bool,
    /// What was found, in a sentence fragment for people.
    pub detail: String,
}

impl Outcome {
    pub(super) fn new(passed: bool, detail: impl Into<String>) -> Self {
        Self {
            passed,
            detail: detail.into(),
        }
    }
}

/// Whether the action in stage `ps` runs before the one in stage `cs`.
pub(super) fn runs_before(ps: usize, earlier: &Action, cs: usize, later: &Action) -> bool {
    ps < cs || (ps == cs && earlier.run_order < later.run_order)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Check {
    /// Evaluates the check on a diagram.
    #[must_use]
    pub fn evaluate(&self, diagram: &Diagram) -> Outcome {
        match self {
            Self::Passes => passes(diagram),
            Self::Has { action, at_least } => has(diagram, action, *at_least),
            Self::Every { action, satisfies } => every(diagram, action, satisfies),
            Self::RunsBefore { first, then } => runs_before_check(diagram, first, then),
            Self::Parallel { action, at_least } => parallel(diagram, action, *at_least),
            Self::ChangeSetFlow => change_set_flow(diagram),
            Self::Regions { action, at_least } => regions(diagram, action, *at_least),
            Self::ArtifactStores => artifact_stores(diagram),
            Self::ConsumesOutputOf { consumer, producer } => flow::consumes(diagram, consumer, producer),
            Self::SameArtifact { actions } => flow::same_artifact(diagram, actions),
            Self::ConfigNamesOutputOf {
                action,
                key,
                producer,
            } => flow::config_names_output(diagram, action, key, producer),
            Self::StageCount { at_least, at_most } => {
                let n = count(diagram.stages.len());
                let passed = n >= *at_least && at_most.is_none_or(|most| n <= most);
                Outcome::new(passed, format!("the pipeline has {n} stages"))
            }
            Self::AllOf(checks) => all_of(diagram, checks),
            Self::Not(inner) => {
                let outcome = inner.evaluate(diagram);
                Outcome::new(!outcome.passed, outcome.detail)
            }
        }
    }

    /// Every matcher in the check and in the checks inside it, with the configuration key it
    /// names beside it for [`Check::ConfigNamesOutputOf`]; for checking a pack.
    #[must_use]
    pub fn matchers(&self) -> Vec<(&Matcher, Option<&str>)> {
        match self {
            Self::Passes | Self::ChangeSetFlow | Self::ArtifactStores | Self::StageCount { .. } => Vec::new(),
            Self::Has { action, .. } | Self::Parallel { action, .. } | Self::Regions { action, .. } => {
                vec![(action, None)]
            }
            Self::Every { action, satisfies } => vec![(action, None), (satisfies, None)],
            Self::RunsBefore { first, then } => vec![(first, None), (then, None)],
            Self::ConsumesOutputOf { consumer, producer } => vec![(consumer, None), (producer, None)],
            Self::SameArtifact { actions } => actions.iter().map(|m| (m, None)).collect(),
            Self::ConfigNamesOutputOf {
                action,
                key,
                producer,
            } => vec![(action, Some(key.as_str())), (producer, None)],
            Self::AllOf(checks) => checks.iter().flat_map(Check::matchers).collect(),
            Self::Not(inner) => inner.matchers(),
        }
    }
}

fn passes(diagram: &Diagram) -> Outcome {
    let errors: Vec<rules::Finding> = rules::check(diagram)
        .into_iter()
        .filter(rules::Finding::is_error)
        .collect();
    match errors.first() {
        None => Outcome::new(true, "the rule checker finds no errors"),
        Some(first) if errors.len() == 1 => Outcome::new(false, format!("1 rule error: {first}")),
        Some(first) => Outcome::new(false, format!("{} rule errors, first: {first}", errors.len())),
    }
}

fn has(diagram: &Diagram, action: &Matcher, at_least: u32) -> Outcome {
    let found: Vec<String> = action
        .select(diagram)
        .map(|(_, a)| format!("{:?}", a.name.as_str()))
        .collect();
    let passed = count(found.len()) >= at_least;
    if found.is_empty() {
        Outcome::new(passed, action.absence(diagram))
    } else {
        Outcome::new(
            passed,
            format!("{} of {at_least} needed: {}", found.len(), found.join(", ")),
        )
    }
}

fn every(diagram: &Diagram, action: &Matcher, satisfies: &Matcher) -> Outcome {
    let mut any = false;
    for (s, a) in action.select(diagram) {
        any = true;
        if let Some(reason) = satisfies.mismatch(diagram, s, a) {
            return Outcome::new(false, format!("{} {reason}", place(diagram, s, a)));
        }
    }
    if any {
        Outcome::new(
            true,
            format!("every {} is {}", action.describe(), satisfies.describe()),
        )
    } else {
        Outcome::new(false, action.absence(diagram))
    }
}

fn runs_before_check(diagram: &Diagram, first: &Matcher, then: &Matcher) -> Outcome {
    let firsts: Vec<(usize, &Action)> = first.select(diagram).collect();
    let mut any = false;
    for (ts, t) in then.select(diagram) {
        any = true;
        if !firsts.iter().any(|&(fs, f)| runs_before(fs, f, ts, t)) {
            let missing = if firsts.is_empty() {
                first.absence(diagram)
            } else {
                format!("no {} before it", first.describe())
            };
            return Outcome::new(false, format!("{} runs with {missing}", place(diagram, ts, t)));
        }
    }
    if any {
        Outcome::new(
            true,
            format!("{} runs before every {}", first.describe(), then.describe()),
        )
    } else {
        Outcome::new(false, then.absence(diagram))
    }
}

fn parallel(diagram: &Diagram, action: &Matcher, at_least: u32) -> Outcome {
    let mut groups: HashMap<(usize, u32), u32> = HashMap::new();
    for (s, a) in action.select(diagram) {
        *groups.entry((s, a.run_order)).or_insert(0) += 1;
    }
    let largest = groups.values().copied().max().unwrap_or(0);
    if largest == 0 {
        return Outcome::new(false, action.absence(diagram));
    }
    Outcome::new(
        largest >= at_least,
        format!("at most {largest} of {at_least} needed run side by side (same stage, same run order)"),
    )
}

fn change_set_flow(diagram: &Diagram) -> Outcome {
    let mode = |mode: &str| Matcher {
        provider: Some("CloudFormation".to_owned()),
        config: BTreeMap::from([("ActionMode".to_owned(), Expect::Is(mode.to_owned()))]),
        ..Matcher::default()
    };
    let replace_matcher = mode(CHANGE_SET_REPLACE);
    let execute_matcher = mode(CHANGE_SET_EXECUTE);
    let replaces: Vec<(usize, &Action)> = replace_matcher.select(diagram).collect();
    let executes: Vec<(usize, &Action)> = execute_matcher.select(diagram).collect();
    if replaces.is_empty() {
        return Outcome::new(
            false,
            "no CloudFormation action creates a change set (CHANGE_SET_REPLACE)",
        );
    }
    if executes.is_empty() {
        return Outcome::new(
            false,
            "no CloudFormation action executes a change set (CHANGE_SET_EXECUTE)",
        );
    }
    let key = |a: &Action, k: &str| a.configuration.get(k).map_or("", |v| v.trim()).to_owned();
    for &(rs, r) in &replaces {
        for &(es, e) in &executes {
            let same = ["StackName", "ChangeSetName"]
                .iter()
                .all(|k| !key(r, k).is_empty() && key(r, k) == key(e, k));
            if same && runs_before(rs, r, es, e) {
                return Outcome::new(
                    true,
                    format!(
                        "{} creates change set {:?}, {} executes it",
                        place(diagram, rs, r),
                        key(r, "ChangeSetName"),
                        place(diagram, es, e)
                    ),
                );
            }
        }
    }
    Outcome::new(
        false,
        "no change set is executed by a later action with the same StackName and ChangeSetName",
    )
}

/// The Region an action runs in: the one it names, else the pipeline's (`home`).
fn region_of<'a>(action: &'a Action, home: &'a str) -> &'a str {
    action
        .region
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .unwrap_or(home)
}

fn regions(diagram: &Diagram, action: &Matcher, at_least: u32) -> Outcome {
    // The pipeline's Region is the first source action's when it names one.
    let home = diagram
        .actions()
        .find(|(_, a)| a.category == Category::Source)
        .map_or("the pipeline's Region", |(_, a)| {
            region_of(a, "the pipeline's Region")
        });
    let found: BTreeSet<&str> = action.select(diagram).map(|(_, a)| region_of(a, home)).collect();
    let list = found.iter().copied().collect::<Vec<_>>().join(", ");
    Outcome::new(
        count(found.len()) >= at_least,
        format!(
            "{} runs in {} Region(s){}{list}",
            action.describe(),
            found.len(),
            if found.is_empty() { "" } else { ": " }
        ),
    )
}

fn artifact_stores(diagram: &Diagram) -> Outcome {
    let named: BTreeSet<&str> = diagram
        .actions()
        .filter_map(|(_, a)| a.region.as_deref().map(str::trim))
        .filter(|r| !r.is_empty() && !r.contains("#{") && !r.starts_with('!'))
        .collect();
    if named.is_empty() {
        return Outcome::new(false, "no action names a Region");
    }
    let missing: Vec<&str> = named
        .iter()
        .copied()
        .filter(|r| !diagram.artifact_stores.contains_key(*r))
        .collect();
    if missing.is_empty() {
        Outcome::new(true, "every Region that runs an action has an artifact bucket")
    } else {
        Outcome::new(false, format!("no artifact bucket in {}", missing.join(", ")))
    }
}

fn all_of(diagram: &Diagram, checks: &[Check]) -> Outcome {
    if checks.is_empty() {
        return Outcome::new(false, "nothing to check");
    }
    let mut details = Vec::with_capacity(checks.len());
    for check in checks {
        let outcome = check.evaluate(diagram);
        if !outcome.passed {
            return outcome;
        }
        details.push(outcome.detail);
    }
    Outcome::new(true, details.join("; "))
}
