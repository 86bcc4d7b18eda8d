//! In-place strategies: the revision is installed on the existing instances, batch by batch
//! (CodeDeploy's EC2/on-premises configurations, Elastic Beanstalk's all-at-once and rolling
//! policies, the study notes' single-target, all-at-once, minimum-in-service and rolling), and
//! Elastic Beanstalk's rolling with an additional batch; also how each sizes its batches.
//!
//! Each batch leaves service, takes [`DEPLOY_MINUTES`] to install the revision, then passes (or
//! fails) a health check. A failed batch stays out of service until the rollback redeploys it:
//! the failed instances first (they are already out of service), then the updated ones in
//! batches of the same size, so the capacity floor holds during the rollback too.

use super::catalog::Batching;
use super::timeline::{Check, Outcome, Sim};
use super::{
    Batch, DEFAULT_BATCH, DEFAULT_MIN_HEALTHY, DEPLOY_MINUTES, MinHealthy, Params, SWITCH_MINUTES,
    SimulateError, bad,
};

/// Who rolls back a failed in-place deployment, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Redeploy {
    /// CodeDeploy's automatic rollback (assumed enabled on the deployment group): a new
    /// deployment of the last good revision, with the same deployment configuration, to the
    /// instances the failed deployment touched.
    /// <https://docs.aws.amazon.com/codedeploy/latest/userguide/deployments-rollback-and-redeploy.html>
    CodeDeploy,
    /// Elastic Beanstalk leaves a failed rolling deployment as it is (finished batches on the new
    /// version, the rest on the old); the learner redeploys the last good version.
    /// <https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html#environments-cfg-rollingdeployments-method>
    ElasticBeanstalk,
    /// A hand-built pipeline redeploys the previous version the same way it deployed.
    Pipeline,
}

/// How an in-place run proceeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Plan {
    /// Instances per batch (the last batch may be smaller).
    pub batch: u32,
    /// CodeDeploy's success rule: when the failed batch is the last one and at least this many
    /// instances got the revision, the deployment still succeeds (`None`: any failure fails).
    pub success_threshold: Option<u32>,
    pub rollback: Redeploy,
    /// One sentence on the rule, shown with the first step.
    pub summary: String,
}

/// Splits `instances` into batches of `batch` (the last one takes the rest).
pub(super) fn batches(instances: u32, batch: u32) -> Vec<u32> {
    let batch = batch.max(1);
    let mut left = instances;
    let mut sizes = Vec::new();
    while left > 0 {
        let size = left.min(batch);
        sizes.push(size);
        left -= size;
    }
    sizes
}

/// Takes `size` old instances out of service and installs the new version on them (the
/// `serving_new` instances already updated keep their traffic), then makes the health check.
fn update_batch(sim: &mut Sim, size: u32, serving_new: u32, note: String) -> Check {
    sim.old -= size;
    sim.new += size;
    sim.in_service -= size;
    sim.spread_traffic(serving_new);
    sim.record(note);
    sim.wait(DEPLOY_MINUTES);
    sim.check()
}

/// Runs an in-place deployment over the whole fleet.
pub(super) fn run(sim: &mut Sim, plan: &Plan) -> Outcome {
    let fleet = sim.old;
    sim.record(format!(
        "start: {fleet} instance(s) on the old revision, all in service; {}",
        plan.summary
    ));
    let sizes = batches(fleet, plan.batch);
    let count = sizes.len();
    let mut serving_new = 0;
    for (index, &size) in sizes.iter().enumerate() {
        let k = index + 1;
        let check = update_batch(
            sim,
            size,
            serving_new,
            format!("batch {k}/{count}: {size} instance(s) out of service, installing the new revision"),
        );
        if check.passed {
            serving_new += size;
            sim.in_service += size;
            sim.spread_traffic(serving_new);
            sim.record(format!(
                "health check {}: batch {k} passed and serves the new revision",
                check.number
            ));
            continue;
        }
        sim.record(format!(
            "health check {}: batch {k} failed; its {size} instance(s) stay out of service",
            check.number
        ));
        if let Some(threshold) = plan.success_threshold
            && k == count
            && serving_new >= threshold
        {
            sim.record(format!(
                "deployment succeeded all the same: {serving_new} of {fleet} instance(s) got the revision, \
                 at least the {threshold} this configuration requires"
            ));
            return Outcome::Succeeded;
        }
        roll_back(sim, plan, size, serving_new, 0);
        return Outcome::RolledBack;
    }
    sim.record("deployment succeeded: every instance runs the new revision");
    Outcome::Succeeded
}

/// Elastic Beanstalk's rolling with an additional batch: a batch of new instances is launched
/// first so capacity never drops, the original instances are updated in place, and the extra
/// batch is terminated at the end.
/// <https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html>
pub(super) fn additional_batch(sim: &mut Sim, batch: u32) -> Outcome {
    let fleet = sim.old;
    sim.record(format!(
        "start: {fleet} instance(s) on the old version, all in service; batches of {batch}"
    ));
    sim.new += batch;
    sim.record(format!(
        "launching an additional batch of {batch} instance(s) with the new version"
    ));
    sim.wait(super::LAUNCH_MINUTES);
    let check = sim.check();
    if !check.passed {
        sim.record(format!(
            "health check {}: the additional batch failed; no original instance was touched",
            check.number
        ));
        sim.record(
            "the deployment failed and Elastic Beanstalk does not roll back by itself: you redeploy \
             the last good version",
        );
        sim.wait(SWITCH_MINUTES);
        sim.new -= batch;
        sim.record(
            "rolled back: the failed additional batch is gone, the original instances never left service",
        );
        return Outcome::RolledBack;
    }
    let mut serving_new = batch;
    sim.in_service += batch;
    sim.spread_traffic(serving_new);
    sim.record(format!(
        "health check {}: the additional batch serves the new version beside the originals",
        check.number
    ));
    let plan = Plan {
        batch,
        success_threshold: None,
        rollback: Redeploy::ElasticBeanstalk,
        summary: String::new(),
    };
    let sizes = batches(fleet, batch);
    let count = sizes.len();
    for (index, &size) in sizes.iter().enumerate() {
        let k = index + 1;
        let check = update_batch(
            sim,
            size,
            serving_new,
            format!(
                "batch {k}/{count}: {size} original instance(s) out of service, installing the new version"
            ),
        );
        if !check.passed {
            sim.record(format!(
                "health check {}: batch {k} failed; its {size} instance(s) stay out of service",
                check.number
            ));
            roll_back(sim, &plan, size, serving_new - batch, batch);
            return Outcome::RolledBack;
        }
        serving_new += size;
        sim.in_service += size;
        sim.spread_traffic(serving_new);
        sim.record(format!("health check {}: batch {k} passed", check.number));
    }
    sim.wait(SWITCH_MINUTES);
    sim.new -= batch;
    sim.in_service -= batch;
    sim.spread_traffic(serving_new - batch);
    sim.record(
        "deployment succeeded: the additional batch is terminated, every instance runs the new version",
    );
    Outcome::Succeeded
}

/// Puts the old revision back: first on the `failed` instances (already out of service), then on
/// the `updated` ones batch by batch; an `extra` batch (rolling with additional batch) keeps
/// serving meanwhile and is terminated at the end.
fn roll_back(sim: &mut Sim, plan: &Plan, failed: u32, updated: u32, extra: u32) {
    let touched = failed + updated;
    sim.record(match plan.rollback {
        Redeploy::CodeDeploy => format!(
            "automatic rollback: CodeDeploy starts a new deployment of the last good revision to the \
             {touched} instance(s) the failed one touched"
        ),
        Redeploy::ElasticBeanstalk => format!(
            "the deployment failed: finished batches run the new version, the rest the old; Elastic \
             Beanstalk does not roll back by itself, so you redeploy the last good version to the \
             {touched} instance(s) that need it"
        ),
        Redeploy::Pipeline => {
            format!("rollback: the pipeline redeploys the previous version to the {touched} instance(s) it changed")
        }
    });
    let mut serving_new = updated + extra;
    sim.new -= failed;
    sim.old += failed;
    sim.record(format!(
        "redeploying the old revision to the {failed} failed instance(s)"
    ));
    sim.wait(DEPLOY_MINUTES);
    sim.in_service += failed;
    sim.spread_traffic(serving_new);
    sim.record(format!(
        "the {failed} failed instance(s) are back in service on the old revision"
    ));
    let sizes = batches(updated, plan.batch);
    let count = sizes.len();
    for (index, &size) in sizes.iter().enumerate() {
        let k = index + 1;
        sim.new -= size;
        sim.old += size;
        sim.in_service -= size;
        serving_new -= size;
        sim.spread_traffic(serving_new);
        sim.record(format!(
            "rollback batch {k}/{count}: {size} instance(s) out of service, reinstalling the old revision"
        ));
        sim.wait(DEPLOY_MINUTES);
        sim.in_service += size;
        sim.spread_traffic(serving_new);
        sim.record(format!(
            "rollback batch {k}/{count} back in service on the old revision"
        ));
    }
    if extra > 0 {
        sim.wait(SWITCH_MINUTES);
        sim.new -= extra;
        sim.in_service -= extra;
        sim.spread_traffic(0);
        sim.record(format!(
            "the additional batch of {extra} instance(s) is terminated"
        ));
    }
    sim.record("rolled back: every instance runs the old revision");
}

/// `percent` of `fleet`, rounded up.
fn percent_of_fleet_ceil(fleet: u32, percent: u32) -> u32 {
    let share = (u64::from(fleet) * u64::from(percent)).div_ceil(100);
    u32::try_from(share).unwrap_or(u32::MAX)
}

/// The batch size in instances.
pub(super) fn batch_size(fleet: u32, batch: Batch) -> Result<u32, SimulateError> {
    match batch {
        Batch::Count(0) => Err(bad("a batch needs at least one instance")),
        Batch::Count(count) if count > fleet => Err(bad(format!(
            "a batch of {count} is larger than the fleet of {fleet} instance(s)"
        ))),
        Batch::Count(count) => Ok(count),
        Batch::Percent(percent) if !(1..=100).contains(&percent) => {
            Err(bad(format!("the batch percent must be 1–100, not {percent}")))
        }
        Batch::Percent(percent) => Ok(percent_of_fleet_ceil(fleet, percent).clamp(1, fleet)),
    }
}

/// Minimum healthy hosts in instances (`FLEET_PERCENT` rounds up, as CodeDeploy does).
fn min_healthy_hosts(name: &str, fleet: u32, min: MinHealthy) -> Result<u32, SimulateError> {
    let hosts = match min {
        MinHealthy::HostCount(count) => count,
        MinHealthy::FleetPercent(percent) if percent > 100 => {
            return Err(bad(format!(
                "the minimum healthy percent must be 0–100, not {percent}"
            )));
        }
        MinHealthy::FleetPercent(percent) => percent_of_fleet_ceil(fleet, percent),
    };
    if hosts >= fleet {
        return Err(bad(format!(
            "`{name}`: a minimum of {hosts} healthy host(s) leaves no instance of the {fleet} free to \
             deploy to (CodeDeploy rejects such a deployment)"
        )));
    }
    Ok(hosts)
}

/// Sizes the batches of an in-place strategy and states its rule.
pub(super) fn plan(
    name: &str,
    batching: Batching,
    rollback: Redeploy,
    params: &Params,
) -> Result<Plan, SimulateError> {
    let fleet = params.instances;
    let make = |batch: u32, success_threshold: Option<u32>, summary: String| Plan {
        batch,
        success_threshold,
        rollback,
        summary,
    };
    Ok(match batching {
        Batching::CodeDeployAllAtOnce => make(
            fleet,
            Some(1),
            "every instance at once (minimum healthy hosts 0); succeeds if one instance gets the revision"
                .to_owned(),
        ),
        Batching::HalfAtATime => {
            if fleet < 2 {
                return Err(bad(format!(
                    "`{name}` needs at least 2 instances: with 1, half rounded down is none"
                )));
            }
            let healthy = fleet.div_ceil(2);
            make(
                fleet / 2,
                Some(healthy),
                format!(
                    "up to {} at a time (half, rounded down); succeeds with {healthy}",
                    fleet / 2
                ),
            )
        }
        Batching::OneAtATime => {
            let threshold = fleet.saturating_sub(1).max(1);
            let summary = if fleet > 1 {
                format!(
                    "one at a time, {} stay healthy; succeeds even if the last instance fails",
                    fleet - 1
                )
            } else {
                "one at a time; a single instance must succeed".to_owned()
            };
            make(1, Some(threshold), summary)
        }
        Batching::CodeDeployMinHealthy => {
            let hosts = min_healthy_hosts(name, fleet, params.min_healthy.unwrap_or(DEFAULT_MIN_HEALTHY))?;
            make(
                fleet - hosts,
                Some(hosts.max(1)),
                format!(
                    "minimum healthy hosts {hosts}: up to {} at a time; succeeds with {}",
                    fleet - hosts,
                    hosts.max(1)
                ),
            )
        }
        Batching::MinInService => {
            let hosts = min_healthy_hosts(name, fleet, params.min_healthy.unwrap_or(DEFAULT_MIN_HEALTHY))?;
            make(
                fleet - hosts,
                None,
                format!("{hosts} stay in service: up to {} at a time", fleet - hosts),
            )
        }
        Batching::Batch => {
            let batch = batch_size(fleet, params.batch.unwrap_or(DEFAULT_BATCH))?;
            make(batch, None, format!("batches of {batch}"))
        }
        Batching::Whole => make(fleet, None, "every instance at once".to_owned()),
        Batching::Single => {
            if fleet != 1 {
                return Err(bad(format!(
                    "`{name}` deploys to one target, not {fleet} (try `all-at-once` for a fleet)"
                )));
            }
            make(1, None, "the single target".to_owned())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_cover_the_fleet_with_a_smaller_last_one() {
        assert_eq!(batches(10, 3), vec![3, 3, 3, 1]);
        assert_eq!(batches(4, 4), vec![4]);
        assert_eq!(batches(0, 2), Vec::<u32>::new());
    }

    #[test]
    fn a_failed_middle_batch_rolls_back_everything_it_touched() {
        let mut sim = Sim::new(6, Some(2));
        let plan = Plan {
            batch: 2,
            success_threshold: None,
            rollback: Redeploy::Pipeline,
            summary: String::new(),
        };
        assert_eq!(run(&mut sim, &plan), Outcome::RolledBack);
        let timeline = sim.finish("t", Outcome::RolledBack).unwrap();
        let last = timeline.last().unwrap();
        assert_eq!((last.old, last.new, last.in_service), (6, 0, 6));
        assert_eq!(timeline.min_in_service(), 4);
    }
    #[test]
    fn fleet_percent_rounds_up() {
        assert_eq!(min_healthy_hosts("x", 9, MinHealthy::FleetPercent(40)), Ok(4));
        assert_eq!(min_healthy_hosts("x", 9, MinHealthy::HostCount(6)), Ok(6));
        assert!(min_healthy_hosts("x", 9, MinHealthy::HostCount(9)).is_err());
    }

    #[test]
    fn batch_percent_rounds_up_to_at_least_one() {
        assert_eq!(batch_size(10, Batch::Percent(25)), Ok(3));
        assert_eq!(batch_size(3, Batch::Percent(1)), Ok(1));
        assert!(batch_size(3, Batch::Count(4)).is_err());
        assert!(batch_size(3, Batch::Percent(0)).is_err());
    }
}
