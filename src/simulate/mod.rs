//! Deployment strategies as timelines: how a fleet's instances, capacity and traffic move,
//! minute by minute, while CodeDeploy, Elastic Beanstalk or a hand-built pipeline rolls out a
//! new revision — with a health-check failure or a CloudWatch alarm injected on demand and the
//! rollback the service performs. Knows nothing of the screen.
//!
//! # Time, simply
//! - Installing a revision in place on one batch and passing its health check:
//!   [`DEPLOY_MINUTES`].
//! - Launching new instances (in parallel), installing the revision and passing health checks:
//!   [`LAUNCH_MINUTES`].
//! - Moving traffic at a load balancer or DNS record, or terminating instances:
//!   [`SWITCH_MINUTES`] (DNS caching is named in the notes, not modelled).
//! - An original fleet (CodeDeploy blue/green, ECS original task set, blue environment) is kept
//!   [`ORIGINAL_WAIT_MINUTES`] after a successful switch.
//! - A CodeDeploy lifecycle hook (AWS Lambda and Amazon ECS) runs its validation function for
//!   [`HOOK_MINUTES`]; the events run in the documented order ([`LifecycleEvent`]).
//! - Traffic shifting (Lambda, ECS, Elastic Beanstalk traffic splitting, DNS canary) follows the
//!   configuration's own percentages and intervals; task-set start-up time is not modelled.
//!
//! # What is counted
//! Instances for EC2 and the notes' strategies, tasks for Amazon ECS (the original and the
//! replacement task set), and for AWS Lambda only the traffic share ([`Counts`]). Each instance
//! is old, new or failed; in-service counts are kept per revision.
//!
//! # Health checks, alarms and failures
//! A run makes numbered health checks (the notes say "health check K"): one per batch in place,
//! one per lifecycle hook, one per traffic increment that has an interval after it, one per
//! launched fleet and one after a switch. [`Params::fail_at_step`] makes check K fail;
//! [`Params::fail_at_minute`] sets off a CloudWatch alarm at minute M instead, which stops the
//! deployment wherever it is — mid-batch, mid-hook, mid-interval, or while an original fleet
//! waits to be removed. The run then does what the service does: CodeDeploy's automatic
//! rollback (assumed enabled, for failures and alarms) redeploys the last good revision as a new
//! deployment, or sends traffic back to the original instances, alias version or task set;
//! Elastic Beanstalk terminates an immutable or traffic-splitting fleet, and leaves a failed
//! rolling deployment half done for the learner to redeploy the last good version (shown as that
//! redeploy). Rollbacks themselves never fail. An Amazon ECS `BeforeInstall` hook fails before
//! anything changed: that deployment fails with nothing to roll back.

mod batching;
pub mod catalog;
mod ecs;
mod in_place;
pub mod lifecycle;
mod recorder;
mod replace;
mod shift;
mod table;
pub mod timeline;

pub use catalog::{Downtime, ExamFacts, Family, RollbackSpeed, StrategySpec, Takes};
pub use lifecycle::{HOOK_MINUTES, LifecycleEvent};
pub use timeline::{Counts, Outcome, Step, Summary, Timeline};

use catalog::Kind;
use recorder::Sim;
use table::STRATEGIES;

/// Minutes to install a revision in place on one batch and pass its health check.
pub const DEPLOY_MINUTES: f64 = 5.0;
/// Minutes to launch new instances (in parallel), install the revision and pass health checks.
pub const LAUNCH_MINUTES: f64 = 10.0;
/// Minutes to move traffic at a load balancer or DNS record, or to terminate instances.
pub const SWITCH_MINUTES: f64 = 1.0;
/// Minutes an original fleet is kept after a successful switch before it is removed. AWS lets
/// you choose (CodeDeploy allows up to 2880); Stagecraft uses one hour.
pub const ORIGINAL_WAIT_MINUTES: f64 = 60.0;
/// The fleet when the learner names none (a single target has one instance).
pub const DEFAULT_INSTANCES: u32 = 10;
/// The batch when a rolling strategy gets none (Stagecraft's choice, not an AWS default).
pub const DEFAULT_BATCH: Batch = Batch::Percent(25);
/// The minimum when a minimum-healthy-hosts strategy gets none (Stagecraft's choice).
pub const DEFAULT_MIN_HEALTHY: MinHealthy = MinHealthy::FleetPercent(75);
/// The largest fleet the simulator plays.
pub const MAX_INSTANCES: u32 = 1000;
/// The longest traffic-shift interval the simulator accepts (two days).
pub const MAX_INTERVAL_MINUTES: u32 = 2880;

/// How many instances a rolling batch takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Batch {
    /// A fixed number of instances.
    Count(u32),
    /// A share of the fleet, rounded up to whole instances (at least one).
    Percent(u32),
}

/// CodeDeploy's minimum healthy hosts (also the notes' minimum in service).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinHealthy {
    /// `HOST_COUNT`: an absolute number of instances.
    HostCount(u32),
    /// `FLEET_PERCENT`: a share of the fleet; CodeDeploy rounds fractional instances up.
    FleetPercent(u32),
}

/// A traffic shift: the share moved per increment and the minutes between increments (canary:
/// the first share and the wait before the rest; Elastic Beanstalk: the split and the
/// evaluation time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift {
    pub percent: u32,
    pub interval_minutes: u32,
}

/// What a run is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    /// Instances in the fleet (tasks per task set for Amazon ECS; AWS Lambda counts no
    /// instances and ignores it).
    pub instances: u32,
    /// For strategies that take a batch ([`Takes::Batch`]); default [`DEFAULT_BATCH`].
    pub batch: Option<Batch>,
    /// For [`Takes::MinHealthyHosts`]; default [`DEFAULT_MIN_HEALTHY`].
    pub min_healthy: Option<MinHealthy>,
    /// For [`Takes::TrafficShift`]; default the strategy's own.
    pub shift: Option<Shift>,
    /// The 1-based health check that fails, if any.
    pub fail_at_step: Option<usize>,
    /// The minute a CloudWatch alarm goes off and stops the deployment, if any (not with
    /// `fail_at_step`).
    pub fail_at_minute: Option<u32>,
}

impl Params {
    /// A fleet of `instances` with every other parameter left to its default.
    #[must_use]
    pub fn new(instances: u32) -> Self {
        Self {
            instances,
            batch: None,
            min_healthy: None,
            shift: None,
            fail_at_step: None,
            fail_at_minute: None,
        }
    }
}

/// Why a run could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SimulateError {
    #[error("unknown strategy `{name}`{}", did_you_mean(.suggestions))]
    UnknownStrategy {
        name: String,
        /// Close names, best first.
        suggestions: Vec<&'static str>,
    },
    #[error("{0}")]
    BadParams(String),
}

fn did_you_mean(suggestions: &[&str]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    }
}

/// Every strategy, grouped by family.
#[must_use]
pub fn strategies() -> &'static [StrategySpec] {
    STRATEGIES
}

/// The strategy called `name`, ignoring case; the `CodeDeployDefault.` prefix may be left out.
#[must_use]
pub fn find(name: &str) -> Option<&'static StrategySpec> {
    let wanted = name.trim();
    STRATEGIES.iter().find(|spec| {
        spec.name.eq_ignore_ascii_case(wanted) || short_name(spec.name).eq_ignore_ascii_case(wanted)
    })
}

fn short_name(name: &str) -> &str {
    name.strip_prefix("CodeDeployDefault.").unwrap_or(name)
}

/// Up to three strategy names close to `name` (by edit distance or containment), best first.
#[must_use]
pub fn suggest(name: &str) -> Vec<&'static str> {
    let wanted = name.trim().to_ascii_lowercase();
    if wanted.is_empty() {
        return Vec::new();
    }
    let limit = (wanted.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &'static str)> = STRATEGIES
        .iter()
        .filter_map(|spec| {
            let full = spec.name.to_ascii_lowercase();
            let short = short_name(spec.name).to_ascii_lowercase();
            let distance = edit_distance(&wanted, &full).min(edit_distance(&wanted, &short));
            let contains = wanted.chars().count() >= 3 && (full.contains(&wanted) || wanted.contains(&short));
            if distance <= limit {
                Some((distance, spec.name))
            } else if contains {
                Some((limit + 1, spec.name))
            } else {
                None
            }
        })
        .collect();
    scored.sort_unstable();
    scored.into_iter().take(3).map(|(_, name)| name).collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Plays strategy `name` with `params`.
///
/// # Errors
/// [`SimulateError::UnknownStrategy`] for a name not in [`strategies`];
/// [`SimulateError::BadParams`] for a fleet, batch, minimum, shift or failure the strategy
/// cannot take.
pub fn run(name: &str, params: &Params) -> Result<Timeline, SimulateError> {
    let spec = find(name).ok_or_else(|| SimulateError::UnknownStrategy {
        name: name.to_owned(),
        suggestions: suggest(name),
    })?;
    spec.run(params)
}

impl StrategySpec {
    /// Plays this strategy with `params`.
    ///
    /// # Errors
    /// [`SimulateError::BadParams`] as for [`run`].
    pub fn run(&self, params: &Params) -> Result<Timeline, SimulateError> {
        check_params(self, params)?;
        let fleet = params.instances;
        let mut sim = Sim::new(fleet, self.counts(), params.fail_at_step, params.fail_at_minute);
        let outcome = match self.kind {
            Kind::InPlace { batching, rollback } => {
                let plan = batching::plan(self.name, batching, rollback, params)?;
                in_place::run(&mut sim, &plan)
            }
            Kind::AdditionalBatch => {
                let batch = batching::batch_size(fleet, params.batch.unwrap_or(DEFAULT_BATCH))?;
                in_place::additional_batch(&mut sim, batch)
            }
            Kind::Immutable => replace::immutable(&mut sim),
            Kind::TrafficSplitting(default) => {
                replace::traffic_splitting(&mut sim, params.shift.unwrap_or(default))
            }
            Kind::Ec2BlueGreen { keep_original } => replace::ec2_blue_green(&mut sim, keep_original),
            Kind::DnsBlueGreen => replace::dns_blue_green(&mut sim),
            Kind::DnsCanary(default) => replace::dns_canary(&mut sim, params.shift.unwrap_or(default)),
            Kind::Shift {
                platform,
                pattern,
                custom,
            } => {
                let pattern = match params.shift {
                    Some(shift) if custom => pattern.with(shift),
                    _ => pattern,
                };
                shift::run(&mut sim, platform, pattern)
            }
        };
        sim.finish(self.name, outcome)
    }
}

fn bad(message: impl Into<String>) -> SimulateError {
    SimulateError::BadParams(message.into())
}

/// Checks what does not depend on the run itself.
fn check_params(spec: &StrategySpec, params: &Params) -> Result<(), SimulateError> {
    let name = spec.name;
    let fleet = params.instances;
    if params.fail_at_step.is_some() && params.fail_at_minute.is_some() {
        return Err(bad(
            "choose one failure: a health check (--fail-at-step) or an alarm (--fail-at-minute)",
        ));
    }
    if fleet == 0 && spec.counts() != Counts::TrafficOnly {
        return Err(bad("the fleet needs at least one instance"));
    }
    if fleet > MAX_INSTANCES {
        return Err(bad(format!(
            "the simulator plays fleets of up to {MAX_INSTANCES} instances, not {fleet}"
        )));
    }
    let takes = spec.takes();
    if params.batch.is_some() && takes != Takes::Batch {
        return Err(bad(format!("`{name}` takes no batch size{}", takes_hint(takes))));
    }
    if params.min_healthy.is_some() && takes != Takes::MinHealthyHosts {
        return Err(bad(format!(
            "`{name}` takes no minimum healthy hosts{}",
            takes_hint(takes)
        )));
    }
    if params.shift.is_some() && takes != Takes::TrafficShift {
        return Err(bad(format!(
            "`{name}` takes no traffic shift{}",
            takes_hint(takes)
        )));
    }
    if let Some(shift) = params.shift {
        if !(1..=99).contains(&shift.percent) {
            return Err(bad(format!(
                "the shift percentage must be 1–99, not {}",
                shift.percent
            )));
        }
        if !(1..=MAX_INTERVAL_MINUTES).contains(&shift.interval_minutes) {
            return Err(bad(format!(
                "the shift interval must be 1–{MAX_INTERVAL_MINUTES} minutes, not {}",
                shift.interval_minutes
            )));
        }
    }
    if params.fail_at_step == Some(0) {
        return Err(bad(
            "health checks are numbered from 1, so --fail-at-step must be at least 1",
        ));
    }
    Ok(())
}

fn takes_hint(takes: Takes) -> &'static str {
    match takes {
        Takes::Nothing => " (it takes only the fleet size)",
        Takes::Batch => " (it takes a batch size or percent)",
        Takes::MinHealthyHosts => " (it takes minimum healthy hosts)",
        Takes::TrafficShift => " (it takes a traffic shift percentage and interval)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_found_without_the_prefix_or_case() {
        let mut names: Vec<&str> = strategies().iter().map(|s| s.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), strategies().len());
        assert_eq!(
            find("oneatatime").map(|s| s.name),
            Some("CodeDeployDefault.OneAtATime")
        );
        assert_eq!(
            find("CodeDeployDefault.ECSCanary10percent5Minutes").map(|s| s.name),
            Some("CodeDeployDefault.ECSCanary10Percent5Minutes")
        );
        assert!(find("nope").is_none());
    }

    #[test]
    fn suggestions_catch_typos_and_fragments() {
        assert_eq!(suggest("eb-imutable").first(), Some(&"eb-immutable"));
        assert!(suggest("HalfAtTime").contains(&"CodeDeployDefault.HalfAtATime"));
        assert!(suggest("zzzzzzzzzzzz").is_empty());
    }
}
