//! In-place strategies: the revision is installed on the existing instances, batch by batch
//! (CodeDeploy's EC2/on-premises configurations, Elastic Beanstalk's all-at-once and rolling
//! policies, the study notes' single-target, all-at-once, minimum-in-service and rolling), and
//! Elastic Beanstalk's rolling with an additional batch. How big a batch is: `batching.rs`.
//!
//! Each batch leaves service, takes [`DEPLOY_MINUTES`] to install the revision, then passes (or
//! fails) a health check; an alarm can stop it at any minute meanwhile. A failed batch counts
//! as failed, out of service, until the rollback redeploys it: the failed instances first (they
//! are already out of service), then the updated ones in batches of the same size, so the
//! capacity floor holds during the rollback too.

use super::recorder::{Check, Sim};
use super::timeline::Outcome;
use super::{DEPLOY_MINUTES, LAUNCH_MINUTES, SWITCH_MINUTES};

/// Who rolls back a failed in-place deployment, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Redeploy {
    /// CodeDeploy's automatic rollback (assumed enabled on the deployment group, for failures
    /// and for alarms): a new deployment of the last good revision, with the same deployment
    /// configuration, to the instances the failed one touched.
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
    /// An alarm stops the deployment whatever the rule says.
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
/// instances already updated keep their traffic), then makes the health check.
fn update_batch(sim: &mut Sim, size: u32, note: String) -> Check {
    sim.old -= size;
    sim.old_in_service -= size;
    sim.new += size;
    sim.spread_traffic();
    sim.record(note);
    sim.watch_then_check(DEPLOY_MINUTES)
}

/// Puts a batch that passed its check into service.
fn batch_passed(sim: &mut Sim, size: u32, note: String) {
    sim.new_in_service += size;
    sim.spread_traffic();
    sim.record(note);
}

/// Records a batch that failed (or that an alarm stopped): its instances count as failed.
fn batch_failed(sim: &mut Sim, check: Check, k: usize, size: u32) {
    sim.fail_new(size);
    sim.spread_traffic();
    sim.record(format!(
        "{}: batch {k}'s {size} instance(s) failed and stay out of service",
        check.failure()
    ));
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
    for (index, &size) in sizes.iter().enumerate() {
        let k = index + 1;
        let check = update_batch(
            sim,
            size,
            format!("batch {k}/{count}: {size} instance(s) out of service, installing the new revision"),
        );
        if check.passed() {
            batch_passed(
                sim,
                size,
                format!("{}: batch {k} passed and serves the new revision", check.name()),
            );
            continue;
        }
        batch_failed(sim, check, k, size);
        let updated = sim.new;
        if let Some(threshold) = plan.success_threshold
            && k == count
            && !check.is_alarm()
            && updated >= threshold
        {
            sim.record(format!(
                "deployment succeeded all the same: {updated} of {fleet} instance(s) got the revision, \
                 at least the {threshold} this configuration requires"
            ));
            return Outcome::Succeeded;
        }
        roll_back(sim, plan, 0);
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
    let check = sim.watch_then_check(LAUNCH_MINUTES);
    if !check.passed() {
        sim.fail_new(batch);
        sim.record(format!(
            "{}: the additional batch failed; no original instance was touched",
            check.failure()
        ));
        sim.record(
            "the deployment failed and Elastic Beanstalk does not roll back by itself: you redeploy \
             the last good version",
        );
        sim.wait(SWITCH_MINUTES);
        sim.failed = 0;
        sim.record(
            "rolled back: the failed additional batch is gone, the original instances never left service",
        );
        return Outcome::RolledBack;
    }
    batch_passed(
        sim,
        batch,
        format!(
            "{}: the additional batch serves the new version beside the originals",
            check.name()
        ),
    );
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
            format!(
                "batch {k}/{count}: {size} original instance(s) out of service, installing the new version"
            ),
        );
        if !check.passed() {
            batch_failed(sim, check, k, size);
            roll_back(sim, &plan, batch);
            return Outcome::RolledBack;
        }
        batch_passed(sim, size, format!("{}: batch {k} passed", check.name()));
    }
    sim.wait(SWITCH_MINUTES);
    sim.new -= batch;
    sim.new_in_service -= batch;
    sim.spread_traffic();
    sim.record(
        "deployment succeeded: the additional batch is terminated, every instance runs the new version",
    );
    Outcome::Succeeded
}

/// Puts the old revision back: first on the failed instances (already out of service), then on
/// the updated ones batch by batch; an `extra` batch (rolling with additional batch) keeps
/// serving meanwhile and is terminated at the end.
fn roll_back(sim: &mut Sim, plan: &Plan, extra: u32) {
    let failed = sim.failed;
    let updated = sim.new - extra;
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
    sim.failed = 0;
    sim.old += failed;
    sim.record(format!(
        "redeploying the old revision to the {failed} failed instance(s)"
    ));
    sim.wait(DEPLOY_MINUTES);
    sim.old_in_service += failed;
    sim.spread_traffic();
    sim.record(format!(
        "the {failed} failed instance(s) are back in service on the old revision"
    ));
    let sizes = batches(updated, plan.batch);
    let count = sizes.len();
    for (index, &size) in sizes.iter().enumerate() {
        let k = index + 1;
        sim.new -= size;
        sim.new_in_service -= size;
        sim.old += size;
        sim.spread_traffic();
        sim.record(format!(
            "rollback batch {k}/{count}: {size} instance(s) out of service, reinstalling the old revision"
        ));
        sim.wait(DEPLOY_MINUTES);
        sim.old_in_service += size;
        sim.spread_traffic();
        sim.record(format!(
            "rollback batch {k}/{count} back in service on the old revision"
        ));
    }
    if extra > 0 {
        sim.wait(SWITCH_MINUTES);
        sim.new -= extra;
        sim.new_in_service -= extra;
        sim.spread_traffic();
        sim.record(format!(
            "the additional batch of {extra} instance(s) is terminated"
        ));
    }
    sim.record("rolled back: every instance runs the old revision");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::timeline::Counts;

    fn plan(batch: u32) -> Plan {
        Plan {
            batch,
            success_threshold: None,
            rollback: Redeploy::Pipeline,
            summary: String::new(),
        }
    }

    #[test]
    fn batches_cover_the_fleet_with_a_smaller_last_one() {
        assert_eq!(batches(10, 3), vec![3, 3, 3, 1]);
        assert_eq!(batches(4, 4), vec![4]);
        assert_eq!(batches(0, 2), Vec::<u32>::new());
    }

    #[test]
    fn a_failed_middle_batch_rolls_back_everything_it_touched() {
        let mut sim = Sim::new(6, Counts::Instances, Some(2), None);
        assert_eq!(run(&mut sim, &plan(2)), Outcome::RolledBack);
        let timeline = sim.finish("t", Outcome::RolledBack).unwrap();
        let last = timeline.last().unwrap();
        assert_eq!((last.old, last.new, last.failed, last.in_service), (6, 0, 0, 6));
        assert_eq!(timeline.min_in_service(), 4);
    }

    #[test]
    fn a_failed_batch_is_its_own_state_until_it_is_redeployed() {
        let mut sim = Sim::new(6, Counts::Instances, Some(2), None);
        run(&mut sim, &plan(2));
        let timeline = sim.finish("t", Outcome::RolledBack).unwrap();
        let failure = timeline
            .steps
            .iter()
            .find(|s| s.note.starts_with("health check 2 failed"))
            .unwrap();
        // Batch 1 serves the new revision, batch 2 failed, batch 3 still runs the old one.
        assert_eq!(
            (failure.old, failure.new, failure.failed),
            (2, 2, 2),
            "{failure:?}"
        );
        assert_eq!((failure.old_in_service, failure.new_in_service), (2, 2));
        assert!((failure.traffic_to_new_percent - 50.0).abs() < 1e-9);
    }

    #[test]
    fn an_alarm_stops_a_batch_mid_install_and_overrides_the_success_rule() {
        let mut lenient = plan(1);
        lenient.success_threshold = Some(1);
        // Two instances one at a time: batch 2 installs from minute 5 to 10.
        let mut sim = Sim::new(2, Counts::Instances, None, Some(7));
        assert_eq!(run(&mut sim, &lenient), Outcome::RolledBack);
        let timeline = sim.finish("t", Outcome::RolledBack).unwrap();
        let alarm = timeline
            .steps
            .iter()
            .find(|s| s.note.contains("alarm went off at minute 7"))
            .unwrap();
        assert!((alarm.minute - 7.0).abs() < 1e-9);
        assert_eq!((alarm.new, alarm.failed), (1, 1));
        assert_eq!(timeline.summary.rolled_back_at_minute, Some(7.0));
    }
}
