//! Replacement strategies: a second fleet with the new revision is launched beside the first and
//! traffic moves to it — Elastic Beanstalk's immutable and traffic-splitting policies,
//! CodeDeploy's EC2 blue/green, and the study notes' blue/green (red/black) and canary by DNS.
//!
//! Launching a fleet (in parallel) and passing its health checks takes [`LAUNCH_MINUTES`];
//! moving traffic or terminating instances takes [`SWITCH_MINUTES`]; an original fleet is kept
//! [`ORIGINAL_WAIT_MINUTES`] after a successful switch before it is removed.

use super::timeline::{Check, Outcome, Sim};
use super::{LAUNCH_MINUTES, ORIGINAL_WAIT_MINUTES, SWITCH_MINUTES, Shift};

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
    sim.wait(LAUNCH_MINUTES);
    let check = sim.check();
    if !check.passed {
        return immutable_failed(sim, check, fleet);
    }
    sim.in_service += 1;
    sim.spread_traffic(1);
    sim.record(format!(
        "health check {}: the first new instance serves traffic beside the {fleet} original one(s)",
        check.number
    ));
    if fleet > 1 {
        sim.new = fleet;
        sim.record(format!(
            "the temporary group launches {} more instance(s)",
            fleet - 1
        ));
        sim.wait(LAUNCH_MINUTES);
        let check = sim.check();
        if !check.passed {
            return immutable_failed(sim, check, fleet);
        }
        sim.in_service = 2 * fleet;
        sim.spread_traffic(fleet);
        sim.record(format!(
            "health check {}: all {fleet} new instances serve traffic; capacity is doubled for now",
            check.number
        ));
    }
    sim.wait(SWITCH_MINUTES);
    sim.old = 0;
    sim.in_service = fleet;
    sim.traffic = 100.0;
    sim.record(
        "deployment succeeded: the new instances move to the original Auto Scaling group; the old \
         instances and the temporary group are terminated",
    );
    Outcome::Succeeded
}

fn immutable_failed(sim: &mut Sim, check: Check, fleet: u32) -> Outcome {
    sim.record(format!("health check {}: the new instances failed", check.number));
    sim.wait(SWITCH_MINUTES);
    sim.new = 0;
    sim.in_service = fleet;
    sim.traffic = 0.0;
    sim.record(
        "rolled back: Elastic Beanstalk terminates the temporary Auto Scaling group and its instances; \
         the original instances never stopped serving",
    );
    Outcome::RolledBack
}

/// Elastic Beanstalk's traffic splitting: a full new fleet in a temporary group, a share of
/// requests sent to it for the evaluation time, then all of it (or back to the old fleet).
/// <https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rolling-version-deploy.html#environments-cfg-trafficsplitting-method>
pub(super) fn traffic_splitting(sim: &mut Sim, shift: Shift) -> Outcome {
    let fleet = sim.old;
    sim.record(format!(
        "start: {fleet} instance(s) on the old version behind the Application Load Balancer"
    ));
    sim.new = fleet;
    sim.record(format!(
        "a temporary Auto Scaling group launches {fleet} instance(s) with the new version"
    ));
    sim.wait(LAUNCH_MINUTES);
    let check = sim.check();
    if !check.passed {
        sim.record(format!(
            "health check {}: the new instances failed before taking traffic",
            check.number
        ));
        return split_back(sim, fleet, "Elastic Beanstalk terminates the new instances");
    }
    sim.in_service = 2 * fleet;
    sim.traffic = f64::from(shift.percent);
    sim.record(format!(
        "health check {}: the load balancer sends {}% of requests to the new instances for the {}-minute \
         evaluation",
        check.number, shift.percent, shift.interval_minutes
    ));
    sim.wait(f64::from(shift.interval_minutes));
    let check = sim.check();
    if !check.passed {
        sim.record(format!(
            "health check {}: the new instances failed during the evaluation",
            check.number
        ));
        return split_back(
            sim,
            fleet,
            "Elastic Beanstalk moves all traffic back to the old instances and terminates the new ones",
        );
    }
    sim.in_service = fleet;
    sim.traffic = 100.0;
    sim.record(format!(
        "health check {}: the evaluation passed; all traffic goes to the new instances",
        check.number
    ));
    sim.wait(SWITCH_MINUTES);
    sim.old = 0;
    sim.record(
        "deployment succeeded: the new instances join the original Auto Scaling group; the old ones \
         and the temporary group are removed",
    );
    Outcome::Succeeded
}

fn split_back(sim: &mut Sim, fleet: u32, what: &str) -> Outcome {
    sim.new = 0;
    sim.in_service = fleet;
    sim.traffic = 0.0;
    sim.record(format!("rolled back: {what}; no request was lost"));
    Outcome::RolledBack
}

/// CodeDeploy's blue/green on EC2: a replacement fleet gets the revision, the load balancer
/// reroutes traffic to it, and the original instances are terminated after a wait or kept
/// (`KEEP_ALIVE`).
/// <https://docs.aws.amazon.com/codedeploy/latest/userguide/welcome.html#welcome-deployment-overview-blue-green>
/// <https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_BlueInstanceTerminationOption.html>
pub(super) fn ec2_blue_green(sim: &mut Sim, keep_original: bool) -> Outcome {
    let fleet = sim.old;
    sim.record(format!(
        "start: {fleet} original instance(s) registered with the load balancer"
    ));
    sim.new = fleet;
    sim.record(format!(
        "CodeDeploy provisions {fleet} replacement instance(s) and installs the revision on them"
    ));
    sim.wait(LAUNCH_MINUTES);
    let check = sim.check();
    if !check.passed {
        sim.record(format!(
            "health check {}: the replacement instances failed",
            check.number
        ));
        sim.new = 0;
        sim.record(
            "automatic rollback: traffic never left the original instances; the replacements are \
             removed",
        );
        return Outcome::RolledBack;
    }
    sim.record(format!(
        "health check {}: the replacement instances are ready, no traffic yet",
        check.number
    ));
    sim.wait(SWITCH_MINUTES);
    sim.in_service = fleet;
    sim.traffic = 100.0;
    sim.record(
        "the load balancer reroutes all traffic: replacement instances registered, original ones \
         deregistered (still running)",
    );
    let check = sim.check();
    if !check.passed {
        sim.record(format!(
            "health check {}: the replacement instances failed under traffic",
            check.number
        ));
        sim.wait(SWITCH_MINUTES);
        sim.new = 0;
        sim.traffic = 0.0;
        sim.record(
            "automatic rollback: CodeDeploy reroutes traffic to the original instances, still running \
             during the wait, and removes the replacements",
        );
        return Outcome::RolledBack;
    }
    if keep_original {
        sim.record(format!(
            "health check {}: passed; deployment succeeded and the original instances keep running \
             outside the deployment group (KEEP_ALIVE) until you remove them",
            check.number
        ));
        return Outcome::Succeeded;
    }
    sim.record(format!(
        "health check {}: passed; the original instances wait {ORIGINAL_WAIT_MINUTES} minutes before \
         termination",
        check.number
    ));
    sim.wait(ORIGINAL_WAIT_MINUTES);
    sim.old = 0;
    sim.record("deployment succeeded: the original instances are terminated");
    Outcome::Succeeded
}

/// Blue/green (red/black) by DNS: a whole green environment, then one switch of the Route 53
/// record (or an Elastic Beanstalk CNAME swap); blue stays until the new version is trusted.
/// <https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.CNAMESwap.html>
pub(super) fn dns_blue_green(sim: &mut Sim) -> Outcome {
    let fleet = sim.old;
    sim.record(format!(
        "start: the blue environment ({fleet} instance(s)) takes all traffic"
    ));
    sim.new = fleet;
    sim.record(format!(
        "the green environment ({fleet} instance(s)) is launched with the new version"
    ));
    sim.wait(LAUNCH_MINUTES);
    let check = sim.check();
    if !check.passed {
        sim.record(format!(
            "health check {}: green failed its tests before any traffic",
            check.number
        ));
        sim.new = 0;
        sim.record("rolled back: green is discarded; blue never stopped serving");
        return Outcome::RolledBack;
    }
    sim.record(format!("health check {}: green passed its tests", check.number));
    sim.wait(SWITCH_MINUTES);
    sim.in_service = fleet;
    sim.traffic = 100.0;
    sim.record("the DNS record now points at green; clients follow as cached answers expire (TTL)");
    let check = sim.check();
    if !check.passed {
        sim.record(format!(
            "health check {}: green failed under production traffic",
            check.number
        ));
        sim.wait(SWITCH_MINUTES);
        sim.new = 0;
        sim.traffic = 0.0;
        sim.record("rolled back: the DNS record points at blue again and green is discarded");
        return Outcome::RolledBack;
    }
    sim.record(format!(
        "health check {}: passed; blue is kept idle {ORIGINAL_WAIT_MINUTES} minutes for a quick switch back",
        check.number
    ));
    sim.wait(ORIGINAL_WAIT_MINUTES);
    sim.old = 0;
    sim.record("deployment succeeded: blue is decommissioned");
    Outcome::Succeeded
}

/// Canary by DNS: green is launched beside blue and Route 53 weighted records send it a share of
/// requests, then all of them.
/// <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-weighted.html>
pub(super) fn dns_canary(sim: &mut Sim, shift: Shift) -> Outcome {
    let fleet = sim.old;
    sim.record(format!(
        "start: the blue environment ({fleet} instance(s)) takes all traffic"
    ));
    sim.new = fleet;
    sim.record(format!(
        "the green environment ({fleet} instance(s)) is launched with the new version"
    ));
    sim.wait(LAUNCH_MINUTES);
    let check = sim.check();
    if !check.passed {
        sim.record(format!(
            "health check {}: green failed before any traffic",
            check.number
        ));
        sim.new = 0;
        sim.record("rolled back: green is discarded; blue never stopped serving");
        return Outcome::RolledBack;
    }
    sim.in_service = 2 * fleet;
    sim.traffic = f64::from(shift.percent);
    sim.record(format!(
        "health check {}: passed; weighted records send {}% of DNS answers to green for {} minutes",
        check.number, shift.percent, shift.interval_minutes
    ));
    sim.wait(f64::from(shift.interval_minutes));
    let check = sim.check();
    if !check.passed {
        sim.record(format!("health check {}: the canary failed", check.number));
        sim.new = 0;
        sim.in_service = fleet;
        sim.traffic = 0.0;
        sim.record("rolled back: green's weight goes to 0 and green is discarded");
        return Outcome::RolledBack;
    }
    sim.in_service = fleet;
    sim.traffic = 100.0;
    sim.record(format!(
        "health check {}: the canary passed; green's weight goes to 100%",
        check.number
    ));
    sim.wait(ORIGINAL_WAIT_MINUTES);
    sim.old = 0;
    sim.record("deployment succeeded: blue is decommissioned");
    Outcome::Succeeded
}
