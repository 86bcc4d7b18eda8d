//! Replacement strategies: a second fleet with the new revision is launched beside the first and
//! traffic moves to it — Elastic Beanstalk's immutable and traffic-splitting policies,
//! CodeDeploy's EC2 blue/green, and the study notes' blue/green (red/black) and canary by DNS.
//!
//! Launching a fleet (in parallel) and passing its health checks takes [`LAUNCH_MINUTES`];
//! moving traffic or terminating instances takes [`SWITCH_MINUTES`]; an original fleet is kept
//! [`ORIGINAL_WAIT_MINUTES`] after a successful switch before it is removed, and an alarm in
//! that wait still sends traffic back to it.
//!
//! On a failure, new instances that were not yet serving count as failed at once; those that
//! were serving keep serving until traffic is back on the original fleet, then count as failed
//! too, and the new fleet is removed.

use super::recorder::{Check, Sim};
use super::timeline::Outcome;
use super::{LAUNCH_MINUTES, ORIGINAL_WAIT_MINUTES, SWITCH_MINUTES, Shift};

/// How a rollback to the original fleet reads and how long the traffic takes to move back.
struct Back {
    /// Minutes to move serving traffic back (0 for weights that change at once).
    reroute_minutes: f64,
    /// The note when traffic is back on the original fleet.
    rerouted: &'static str,
    /// The note when the new fleet is gone.
    removed: &'static str,
}

/// Sends traffic back to the original fleet (still running), then removes the new one.
fn back_to_originals(sim: &mut Sim, check: Check, what_failed: &str, back: &Back) -> Outcome {
    sim.fail_new(sim.new - sim.new_in_service);
    sim.record(format!("{}: {what_failed}", check.failure()));
    if sim.new_in_service > 0 {
        sim.wait(back.reroute_minutes);
        sim.fail_new(sim.new);
        sim.old_in_service = sim.old;
        sim.traffic = 0.0;
        sim.record(back.rerouted);
    }
    sim.failed = 0;
    sim.record(format!("rolled back: {}", back.removed));
    Outcome::RolledBack
}

/// The new instances join the traffic beside the old ones (their share follows the count).
fn serve_beside(sim: &mut Sim, count: u32, note: String) {
    sim.new_in_service = count;
    sim.spread_traffic();
    sim.record(note);
}

/// All traffic on the new fleet; the old one keeps running, deregistered.
fn switch_to_new(sim: &mut Sim, note: &str) {
    sim.old_in_service = 0;
    sim.new_in_service = sim.new;
    sim.traffic = 100.0;
    sim.record(note);
}

const EB_TERMINATES_TEMPORARY: Back = Back {
    reroute_minutes: SWITCH_MINUTES,
    rerouted: "the new instances are deregistered; all traffic is on the original instances",
    removed: "Elastic Beanstalk terminates the temporary Auto Scaling group and its instances; the \
              original instances never stopped serving",
};

/// Elastic Beanstalk's immutable deployment: one new instance in a temporary Auto Scaling group,
/// then as many as the original group holds; on success they move to the original group and the
/// old instances are terminated; on failure the temporary group is terminated.
/// <https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/environmentmgmt-updates-immutable.html>
pub(super) fn immutable(sim: &mut Sim) -> Outcome {
    let fleet = sim.old;
    sim.record(format!(
        "start: {fleet} instance(s) on the old version in the environment's Auto Scaling group"
    ));
    sim.new = 1;
    sim.record("a temporary Auto Scaling group launches 1 instance with the new version");
    let check = sim.watch_then_check(LAUNCH_MINUTES);
    if !check.passed() {
        return back_to_originals(sim, check, "the new instance failed", &EB_TERMINATES_TEMPORARY);
    }
    serve_beside(
        sim,
        1,
        format!(
            "{}: the first new instance serves traffic beside the {fleet} original one(s)",
            check.name()
        ),
    );
    if fleet > 1 {
        sim.new = fleet;
        sim.record(format!(
            "the temporary group launches {} more instance(s)",
            fleet - 1
        ));
        let check = sim.watch_then_check(LAUNCH_MINUTES);
        if !check.passed() {
            return back_to_originals(sim, check, "the new instances failed", &EB_TERMINATES_TEMPORARY);
        }
        serve_beside(
            sim,
            fleet,
            format!(
                "{}: all {fleet} new instances serve traffic; capacity is doubled for now",
                check.name()
            ),
        );
    }
    sim.wait(SWITCH_MINUTES);
    sim.old = 0;
    switch_to_new(
        sim,
        "deployment succeeded: the new instances move to the original Auto Scaling group; the old \
         instances and the temporary group are terminated",
    );
    Outcome::Succeeded
}

/// Elastic Beanstalk's traffic splitting: a full new fleet in a temporary group, a share of
/// requests sent to it for the evaluation time, then all of it (or back to the old fleet).
/// <https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html#environments-cfg-trafficsplitting-method>
pub(super) fn traffic_splitting(sim: &mut Sim, shift: Shift) -> Outcome {
    const SPLIT_BACK: Back = Back {
        reroute_minutes: 0.0,
        rerouted: "Elastic Beanstalk moves all traffic back to the old instances; no request was lost",
        removed: "Elastic Beanstalk terminates the new instances",
    };
    let fleet = sim.old;
    sim.record(format!(
        "start: {fleet} instance(s) on the old version behind the Application Load Balancer"
    ));
    sim.new = fleet;
    sim.record(format!(
        "a temporary Auto Scaling group launches {fleet} instance(s) with the new version"
    ));
    let check = sim.watch_then_check(LAUNCH_MINUTES);
    if !check.passed() {
        return back_to_originals(
            sim,
            check,
            "the new instances failed before taking traffic",
            &SPLIT_BACK,
        );
    }
    sim.new_in_service = fleet;
    sim.traffic = f64::from(shift.percent);
    sim.record(format!(
        "{}: the load balancer sends {}% of requests to the new instances for the {}-minute evaluation",
        check.name(),
        shift.percent,
        shift.interval_minutes
    ));
    let check = sim.watch_then_check(f64::from(shift.interval_minutes));
    if !check.passed() {
        return back_to_originals(
            sim,
            check,
            "the new instances failed during the evaluation",
            &SPLIT_BACK,
        );
    }
    switch_to_new(
        sim,
        &format!(
            "{}: the evaluation passed; all traffic goes to the new instances",
            check.name()
        ),
    );
    sim.wait(SWITCH_MINUTES);
    sim.old = 0;
    sim.record(
        "deployment succeeded: the new instances join the original Auto Scaling group; the old ones \
         and the temporary group are removed",
    );
    Outcome::Succeeded
}

/// A second fleet behind one switch (a load balancer reroute or a DNS record): launch, check,
/// switch, check, then keep the original fleet for a wait (or for good).
struct Switch {
    failed_before_traffic: &'static str,
    switched: &'static str,
    failed_under_traffic: &'static str,
    kept_for_good: Option<&'static str>,
    waiting: &'static str,
    removed: &'static str,
    back: Back,
    back_before_traffic: &'static str,
}

/// `start` and `launched` say what runs before, and what is launched.
fn switch_once(sim: &mut Sim, start: &str, launched: &str, plan: &Switch) -> Outcome {
    let fleet = sim.old;
    sim.record(format!("start: {start}"));
    sim.new = fleet;
    sim.record(launched);
    let before_traffic = Back {
        removed: plan.back_before_traffic,
        ..plan.back
    };
    let check = sim.watch_then_check(LAUNCH_MINUTES);
    if !check.passed() {
        return back_to_originals(sim, check, plan.failed_before_traffic, &before_traffic);
    }
    sim.record(format!(
        "{}: the new fleet is ready, no traffic yet",
        check.name()
    ));
    if let Some(alarm) = sim.watch(SWITCH_MINUTES) {
        return back_to_originals(sim, alarm, plan.failed_before_traffic, &before_traffic);
    }
    switch_to_new(sim, plan.switched);
    let check = sim.check();
    if !check.passed() {
        return back_to_originals(sim, check, plan.failed_under_traffic, &plan.back);
    }
    if let Some(kept) = plan.kept_for_good {
        sim.record(format!("{}: passed; {kept}", check.name()));
        return Outcome::Succeeded;
    }
    sim.record(format!(
        "{}: passed; {} ({ORIGINAL_WAIT_MINUTES} minutes)",
        check.name(),
        plan.waiting
    ));
    if let Some(alarm) = sim.watch(ORIGINAL_WAIT_MINUTES) {
        return back_to_originals(sim, alarm, plan.failed_under_traffic, &plan.back);
    }
    sim.old = 0;
    sim.record(plan.removed);
    Outcome::Succeeded
}

/// CodeDeploy's blue/green on EC2: a replacement fleet gets the revision, the load balancer
/// reroutes traffic to it, and the original instances are terminated after a wait or kept
/// (`KEEP_ALIVE`).
/// <https://docs.aws.amazon.com/codedeploy/latest/userguide/welcome.html#welcome-deployment-overview-blue-green>
/// <https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_BlueInstanceTerminationOption.html>
pub(super) fn ec2_blue_green(sim: &mut Sim, keep_original: bool) -> Outcome {
    let fleet = sim.old;
    let launched =
        format!("CodeDeploy provisions {fleet} replacement instance(s) and installs the revision on them");
    let plan = Switch {
        failed_before_traffic: "the replacement instances failed",
        switched: "the load balancer reroutes all traffic: replacement instances registered, original \
                   ones deregistered (still running)",
        failed_under_traffic: "the replacement instances failed under traffic",
        kept_for_good: keep_original.then_some(
            "deployment succeeded and the original instances keep running outside the deployment group \
             (KEEP_ALIVE) until you remove them",
        ),
        waiting: "the original instances keep running, deregistered, until their termination wait ends",
        removed: "deployment succeeded: the original instances are terminated",
        back: Back {
            reroute_minutes: SWITCH_MINUTES,
            rerouted: "automatic rollback: CodeDeploy reroutes traffic to the original instances, still \
                       running",
            removed: "the replacement instances are removed",
        },
        back_before_traffic: "automatic rollback: traffic never left the original instances; the \
                              replacements are removed",
    };
    switch_once(
        sim,
        &format!("{fleet} original instance(s) registered with the load balancer"),
        &launched,
        &plan,
    )
}

/// Blue/green (red/black) by DNS: a whole green environment, then one switch of the Route 53
/// record (or an Elastic Beanstalk CNAME swap); blue stays until the new version is trusted.
/// <https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.CNAMESwap.html>
pub(super) fn dns_blue_green(sim: &mut Sim) -> Outcome {
    let fleet = sim.old;
    let launched = format!("the green environment ({fleet} instance(s)) is launched with the new version");
    let plan = Switch {
        failed_before_traffic: "green failed its tests before any traffic",
        switched: "the DNS record now points at green; clients follow as cached answers expire (TTL)",
        failed_under_traffic: "green failed under production traffic",
        kept_for_good: None,
        waiting: "blue is kept idle for a quick switch back",
        removed: "deployment succeeded: blue is decommissioned",
        back: Back {
            reroute_minutes: SWITCH_MINUTES,
            rerouted: "the DNS record points at blue again",
            removed: "green is discarded",
        },
        back_before_traffic: "green is discarded; blue never stopped serving",
    };
    switch_once(
        sim,
        &format!("the blue environment ({fleet} instance(s)) takes all traffic"),
        &launched,
        &plan,
    )
}

/// Canary by DNS: green is launched beside blue and Route 53 weighted records send it a share of
/// requests, then all of them.
/// <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-weighted.html>
pub(super) fn dns_canary(sim: &mut Sim, shift: Shift) -> Outcome {
    const WEIGHT_BACK: Back = Back {
        reroute_minutes: 0.0,
        rerouted: "green's weight goes to 0: all DNS answers point at blue",
        removed: "green is discarded",
    };
    let fleet = sim.old;
    sim.record(format!(
        "start: the blue environment ({fleet} instance(s)) takes all traffic"
    ));
    sim.new = fleet;
    sim.record(format!(
        "the green environment ({fleet} instance(s)) is launched with the new version"
    ));
    let check = sim.watch_then_check(LAUNCH_MINUTES);
    if !check.passed() {
        return back_to_originals(sim, check, "green failed before any traffic", &WEIGHT_BACK);
    }
    sim.new_in_service = fleet;
    sim.traffic = f64::from(shift.percent);
    sim.record(format!(
        "{}: passed; weighted records send {}% of DNS answers to green for {} minutes",
        check.name(),
        shift.percent,
        shift.interval_minutes
    ));
    let check = sim.watch_then_check(f64::from(shift.interval_minutes));
    if !check.passed() {
        return back_to_originals(sim, check, "the canary failed", &WEIGHT_BACK);
    }
    switch_to_new(
        sim,
        &format!(
            "{}: the canary passed; green's weight goes to 100%; blue stays idle {ORIGINAL_WAIT_MINUTES} minutes",
            check.name()
        ),
    );
    if let Some(alarm) = sim.watch(ORIGINAL_WAIT_MINUTES) {
        return back_to_originals(sim, alarm, "green failed under all the traffic", &WEIGHT_BACK);
    }
    sim.old = 0;
    sim.record("deployment succeeded: blue is decommissioned");
    Outcome::Succeeded
}
