//! Helpers for the simulator's tests: playing a strategy, injecting a failure or an alarm, and
//! what holds for every step of every run, after a success and after a rollback.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use stagecraft::simulate::{self, Counts, Outcome, Params, Timeline};

pub fn play(name: &str, params: Params) -> Timeline {
    simulate::run(name, &params).unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn fleet(instances: u32) -> Params {
    Params::new(instances)
}

/// `params` with health check `check` failing.
pub fn failing(mut params: Params, check: usize) -> Params {
    params.fail_at_step = Some(check);
    params
}

/// `params` with a CloudWatch alarm at `minute`.
pub fn alarm_at(mut params: Params, minute: u32) -> Params {
    params.fail_at_minute = Some(minute);
    params
}

/// The starting fleet a run counts (none when it counts only traffic).
pub fn counted(t: &Timeline, instances: u32) -> u32 {
    if t.counts == Counts::TrafficOnly {
        0
    } else {
        instances
    }
}

/// What holds for every step of every run: time never goes back, every instance is old, new or
/// failed, in service is the sum per revision and never counts a failed instance.
pub fn assert_well_formed(t: &Timeline, instances: u32) {
    let fleet = counted(t, instances);
    let first = t.steps.first().unwrap();
    assert_eq!(
        (first.old, first.new, first.failed, first.in_service),
        (fleet, 0, 0, fleet),
        "{}",
        t.strategy
    );
    assert!(first.traffic_to_new_percent.abs() < 1e-9);
    let mut minute = 0.0;
    for step in &t.steps {
        assert!(
            step.minute >= minute,
            "{}: time goes backwards at {step:?}",
            t.strategy
        );
        minute = step.minute;
        assert!(step.old_in_service <= step.old, "{}: {step:?}", t.strategy);
        assert!(step.new_in_service <= step.new, "{}: {step:?}", t.strategy);
        assert_eq!(
            step.in_service,
            step.old_in_service + step.new_in_service,
            "{}: {step:?}",
            t.strategy
        );
        assert!(
            (0.0..=100.0).contains(&step.traffic_to_new_percent),
            "{}: {step:?}",
            t.strategy
        );
        if t.counts == Counts::TrafficOnly {
            assert_eq!(step.instances(), 0, "{}: Lambda counts no instances", t.strategy);
        }
        assert!(!step.note.is_empty());
    }
}

/// The end of a successful run: the new revision on the whole fleet, serving all traffic.
pub fn assert_succeeded(t: &Timeline, instances: u32) {
    let fleet = counted(t, instances);
    assert_eq!(t.outcome, Outcome::Succeeded, "{}", t.strategy);
    let last = t.last().unwrap();
    assert_eq!(
        (last.new, last.failed, last.in_service),
        (fleet, 0, fleet),
        "{}",
        t.strategy
    );
    assert!(
        (last.traffic_to_new_percent - 100.0).abs() < 1e-9,
        "{}",
        t.strategy
    );
    let old_left = if t.strategy == "codedeploy-ec2-blue-green-keep-alive" {
        fleet
    } else {
        0
    };
    assert_eq!(last.old, old_left, "{}", t.strategy);
    assert_eq!(t.summary.rolled_back_at_minute, None, "{}", t.strategy);
}

/// The end of a rollback (or of a deployment that failed before changing anything): the old
/// revision on the whole fleet, serving all traffic, nothing failed left over.
pub fn assert_rolled_back(t: &Timeline, instances: u32) {
    let fleet = counted(t, instances);
    assert!(
        matches!(t.outcome, Outcome::RolledBack | Outcome::Failed),
        "{}",
        t.strategy
    );
    let last = t.last().unwrap();
    assert_eq!(
        (last.old, last.new, last.failed, last.in_service),
        (fleet, 0, 0, fleet),
        "{}",
        t.strategy
    );
    assert!(last.traffic_to_new_percent.abs() < 1e-9, "{}", t.strategy);
    assert!(!last.test_traffic_to_new, "{}", t.strategy);
}

/// CodeDeploy in-place configurations whose success rule tolerates a failed last batch.
pub fn tolerates_last_batch_failure(name: &str) -> bool {
    matches!(
        name,
        "CodeDeployDefault.OneAtATime"
            | "CodeDeployDefault.HalfAtATime"
            | "codedeploy-custom-minimum-healthy-hosts"
    )
}

/// The fewest in service over a success and over a failure at every check.
pub fn floor_over_all_runs(name: &str, params: Params) -> u32 {
    let ok = play(name, params);
    (1..=ok.health_checks)
        .map(|k| play(name, failing(params, k)).min_in_service())
        .chain([ok.min_in_service()])
        .min()
        .unwrap()
}

/// The most instances at once over a success and over a failure at every check.
pub fn peak_over_all_runs(name: &str, params: Params) -> u32 {
    let ok = play(name, params);
    (1..=ok.health_checks)
        .map(|k| play(name, failing(params, k)).peak_instances())
        .chain([ok.peak_instances()])
        .max()
        .unwrap()
}
