//! CodeDeploy's blue/green deployment on Amazon ECS: a replacement task set beside the original,
//! a test listener that reaches it before production traffic does, the five lifecycle hooks,
//! and production traffic shifted between the two target groups.
//! <https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-steps-ecs.html>
//!
//! "Old" counts the original task set's tasks and "new" the replacement's. A task set is in
//! service while the production listener sends it a share of the traffic, so in-service counts
//! follow the listener's weights: the original alone, both while traffic is split, then the
//! replacement alone. The original task set is deleted [`ORIGINAL_WAIT_MINUTES`] after traffic
//! has moved; until then a rollback only reroutes traffic. Task start-up time is not modelled.

use super::ORIGINAL_WAIT_MINUTES;
use super::lifecycle::{LifecycleEvent, run_hook};
use super::recorder::{Check, Sim};
use super::shift::{Pattern, shift_traffic};
use super::timeline::Outcome;

/// Puts the task sets in service for `percent` of production traffic on the replacement.
fn route(sim: &mut Sim, tasks: u32, percent: u32) {
    sim.traffic = f64::from(percent);
    sim.old_in_service = if percent < 100 { tasks } else { 0 };
    sim.new_in_service = if percent > 0 { tasks.min(sim.new) } else { 0 };
}

/// Runs the deployment of a replacement task set with `pattern`.
pub(super) fn run(sim: &mut Sim, pattern: Pattern) -> Outcome {
    let tasks = sim.old;
    sim.event = Some(LifecycleEvent::Start);
    sim.record(format!(
        "start: the original task set ({tasks} task(s)) takes production traffic; the test listener \
         points at it too"
    ));
    let check = run_hook(
        sim,
        LifecycleEvent::BeforeInstall,
        "runs before the replacement task set is created",
    );
    if !check.passed() {
        sim.record(format!(
            "{}: the BeforeInstall hook failed before anything changed",
            check.failure()
        ));
        sim.event = None;
        sim.record(
            "the deployment failed; CodeDeploy cannot roll back at this point, and there is nothing \
             to undo: the original task set never stopped serving",
        );
        return Outcome::Failed;
    }
    sim.event = Some(LifecycleEvent::Install);
    sim.new = tasks;
    sim.record(format!(
        "Install: the replacement task set ({tasks} task(s)) starts behind the second target group, \
         with no traffic"
    ));
    let hooks_before_traffic = [
        (
            LifecycleEvent::AfterInstall,
            "the replacement task set runs; the test listener still points at the original",
        ),
        (
            LifecycleEvent::AfterAllowTestTraffic,
            "validation tests run against the replacement through the test listener",
        ),
        (
            LifecycleEvent::BeforeAllowTraffic,
            "the second target group is associated with the replacement task set; no production \
             traffic yet",
        ),
    ];
    for (hook, what) in hooks_before_traffic {
        if hook == LifecycleEvent::AfterAllowTestTraffic {
            sim.event = Some(LifecycleEvent::AllowTestTraffic);
            sim.test_traffic_to_new = true;
            sim.record(
                "AllowTestTraffic: the test listener sends test traffic to the replacement task set; \
                 production traffic stays on the original",
            );
        }
        let check = run_hook(sim, hook, what);
        if !check.passed() {
            return roll_back(sim, check, &format!("the {hook} hook failed"));
        }
    }
    if let Err(check) = shift_traffic(sim, pattern, "the replacement task set", |sim, percent| {
        route(sim, tasks, percent);
    }) {
        let percent = sim.traffic;
        return roll_back(
            sim,
            check,
            &format!("{percent}% of production traffic was on the replacement task set"),
        );
    }
    let check = run_hook(
        sim,
        LifecycleEvent::AfterAllowTraffic,
        "the production listener sends all traffic to the replacement task set",
    );
    if !check.passed() {
        return roll_back(sim, check, "the AfterAllowTraffic hook failed");
    }
    sim.event = None;
    sim.record(format!(
        "the original task set keeps running, without traffic, for {ORIGINAL_WAIT_MINUTES} minutes \
         before it is deleted; a rollback until then only reroutes traffic"
    ));
    if let Some(alarm) = sim.watch(ORIGINAL_WAIT_MINUTES) {
        return roll_back(
            sim,
            alarm,
            "all production traffic was on the replacement task set",
        );
    }
    sim.old = 0;
    sim.event = Some(LifecycleEvent::End);
    sim.record("deployment succeeded: the original task set is deleted");
    Outcome::Succeeded
}

/// CodeDeploy sends production and test traffic back to the original task set and deletes the
/// replacement, whose tasks count as failed meanwhile.
fn roll_back(sim: &mut Sim, check: Check, what: &str) -> Outcome {
    let tasks = sim.old;
    sim.record(format!("{}: {what}", check.failure()));
    sim.event = None;
    route(sim, tasks, 0);
    sim.fail_new(sim.new);
    sim.test_traffic_to_new = false;
    sim.record(
        "automatic rollback: CodeDeploy sends production and test traffic back to the original task set",
    );
    sim.failed = 0;
    sim.record("rolled back: the replacement task set is deleted");
    Outcome::RolledBack
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulate::timeline::Counts;

    #[test]
    fn in_service_follows_the_production_listener_weights() {
        let mut sim = Sim::new(4, Counts::Tasks, None, None);
        sim.new = 4;
        route(&mut sim, 4, 0);
        assert_eq!((sim.old_in_service, sim.new_in_service), (4, 0));
        route(&mut sim, 4, 10);
        assert_eq!((sim.old_in_service, sim.new_in_service), (4, 4));
        route(&mut sim, 4, 100);
        assert_eq!((sim.old_in_service, sim.new_in_service), (0, 4));
    }
}
