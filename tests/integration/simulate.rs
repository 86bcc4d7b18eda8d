//! The deployment-strategy simulator against the documented behaviour of every strategy:
//! capacity floors, peak instance counts, traffic share minute by minute, the final state after
//! a success and after a rollback, parameter errors, the JSON shape and the CLI text.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use stagecraft::cli::simulate::{SimulateArgs, render};
use stagecraft::simulate::{
    self, Batch, Downtime, Family, LAUNCH_MINUTES, MinHealthy, Outcome, Params, RollbackSpeed, Shift,
    SimulateError, Takes, Timeline,
};

fn play(name: &str, params: Params) -> Timeline {
    simulate::run(name, &params).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn fleet(instances: u32) -> Params {
    Params::new(instances)
}

fn failing(mut params: Params, check: usize) -> Params {
    params.fail_at_step = Some(check);
    params
}

/// What holds for every step of every run.
fn assert_well_formed(t: &Timeline, instances: u32) {
    let first = t.steps.first().unwrap();
    assert_eq!(
        (first.old, first.new, first.in_service),
        (instances, 0, instances),
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
        assert!(step.in_service <= step.old + step.new, "{}: {step:?}", t.strategy);
        assert!(
            (0.0..=100.0).contains(&step.traffic_to_new_percent),
            "{}: {step:?}",
            t.strategy
        );
        assert!(!step.note.is_empty());
    }
}

/// The end of a successful run: the new revision on the whole fleet, serving all traffic.
fn assert_succeeded(t: &Timeline, instances: u32) {
    assert_eq!(t.outcome, Outcome::Succeeded, "{}", t.strategy);
    let last = t.last().unwrap();
    assert_eq!(last.new, instances, "{}", t.strategy);
    assert_eq!(last.in_service, instances, "{}", t.strategy);
    assert!(
        (last.traffic_to_new_percent - 100.0).abs() < 1e-9,
        "{}",
        t.strategy
    );
    let old_left = if t.strategy == "codedeploy-ec2-blue-green-keep-alive" {
        instances
    } else {
        0
    };
    assert_eq!(last.old, old_left, "{}", t.strategy);
}

/// The end of a rollback: the old revision on the whole fleet, serving all traffic.
fn assert_rolled_back(t: &Timeline, instances: u32) {
    assert_eq!(t.outcome, Outcome::RolledBack, "{}", t.strategy);
    let last = t.last().unwrap();
    assert_eq!(
        (last.old, last.new, last.in_service),
        (instances, 0, instances),
        "{}",
        t.strategy
    );
    assert!(last.traffic_to_new_percent.abs() < 1e-9, "{}", t.strategy);
}

/// CodeDeploy in-place configurations whose success rule tolerates a failed last batch.
fn tolerates_last_batch_failure(name: &str) -> bool {
    matches!(
        name,
        "CodeDeployDefault.OneAtATime"
            | "CodeDeployDefault.HalfAtATime"
            | "codedeploy-custom-minimum-healthy-hosts"
    )
}

#[test]
fn every_strategy_succeeds_with_its_defaults() {
    for spec in simulate::strategies() {
        let params = spec.default_params();
        let t = spec.run(&params).unwrap();
        assert_eq!(t.strategy, spec.name);
        assert_well_formed(&t, params.instances);
        assert_succeeded(&t, params.instances);
        assert!(t.health_checks >= 1, "{}", spec.name);
    }
}

#[test]
fn every_strategy_rolls_back_from_a_failure_at_every_health_check() {
    for spec in simulate::strategies() {
        let params = spec.default_params();
        let checks = spec.run(&params).unwrap().health_checks;
        for k in 1..=checks {
            let t = spec.run(&failing(params, k)).unwrap();
            assert_well_formed(&t, params.instances);
            if t.outcome == Outcome::Succeeded {
                assert!(
                    tolerates_last_batch_failure(spec.name) && k == checks,
                    "{} succeeded despite a failure at check {k}",
                    spec.name
                );
            } else {
                assert_rolled_back(&t, params.instances);
            }
        }
    }
}

#[test]
fn a_failure_beyond_the_last_health_check_or_at_zero_is_refused() {
    for spec in simulate::strategies() {
        let params = spec.default_params();
        let checks = spec.run(&params).unwrap().health_checks;
        assert!(matches!(
            spec.run(&failing(params, checks + 1)),
            Err(SimulateError::BadParams(_))
        ));
        assert!(matches!(
            spec.run(&failing(params, 0)),
            Err(SimulateError::BadParams(_))
        ));
    }
}

/// The fewest in service over a success and over a failure at every check.
fn floor_over_all_runs(name: &str, params: Params) -> u32 {
    let ok = play(name, params);
    (1..=ok.health_checks)
        .map(|k| play(name, failing(params, k)).min_in_service())
        .chain([ok.min_in_service()])
        .min()
        .unwrap()
}

fn peak_over_all_runs(name: &str, params: Params) -> u32 {
    let ok = play(name, params);
    (1..=ok.health_checks)
        .map(|k| play(name, failing(params, k)).peak_instances())
        .chain([ok.peak_instances()])
        .max()
        .unwrap()
}

#[test]
fn one_at_a_time_keeps_all_but_one_in_service() {
    for n in [2, 5, 10] {
        assert_eq!(
            floor_over_all_runs("CodeDeployDefault.OneAtATime", fleet(n)),
            n - 1
        );
        assert_eq!(peak_over_all_runs("CodeDeployDefault.OneAtATime", fleet(n)), n);
    }
    let single = play("CodeDeployDefault.OneAtATime", fleet(1));
    assert_succeeded(&single, 1);
    assert_eq!(single.min_in_service(), 0);
}

#[test]
fn half_at_a_time_deploys_half_rounded_down_and_keeps_half_rounded_up() {
    for (n, floor) in [(2, 1), (9, 5), (10, 5), (5, 3)] {
        assert_eq!(
            floor_over_all_runs("CodeDeployDefault.HalfAtATime", fleet(n)),
            floor,
            "n = {n}"
        );
    }
    // Nine instances: batches of four, four, one.
    assert_eq!(play("CodeDeployDefault.HalfAtATime", fleet(9)).health_checks, 3);
    assert!(matches!(
        simulate::run("CodeDeployDefault.HalfAtATime", &fleet(1)),
        Err(SimulateError::BadParams(_))
    ));
}

#[test]
fn all_at_once_takes_every_instance_out_together() {
    let t = play("CodeDeployDefault.AllAtOnce", fleet(6));
    assert_eq!(t.min_in_service(), 0);
    assert_eq!(t.health_checks, 1);
    assert_eq!(t.peak_instances(), 6);
    let failed = play("CodeDeployDefault.AllAtOnce", failing(fleet(6), 1));
    assert_rolled_back(&failed, 6);
    assert!(failed.steps.iter().any(|s| s.note.contains("automatic rollback")));
}

#[test]
fn custom_minimum_healthy_hosts_follow_the_documented_nine_instance_example() {
    // HOST_COUNT 6 of 9: up to three at a time, six stay healthy.
    let mut params = fleet(9);
    params.min_healthy = Some(MinHealthy::HostCount(6));
    assert_eq!(
        floor_over_all_runs("codedeploy-custom-minimum-healthy-hosts", params),
        6
    );
    assert_eq!(
        play("codedeploy-custom-minimum-healthy-hosts", params).health_checks,
        3
    );
    // FLEET_PERCENT 40 of 9: 3.6 rounds up to four healthy, so five at a time.
    params.min_healthy = Some(MinHealthy::FleetPercent(40));
    assert_eq!(
        floor_over_all_runs("codedeploy-custom-minimum-healthy-hosts", params),
        4
    );
    assert_eq!(
        play("codedeploy-custom-minimum-healthy-hosts", params).health_checks,
        2
    );
    // A minimum that leaves nothing to deploy to is refused.
    params.min_healthy = Some(MinHealthy::HostCount(9));
    assert!(simulate::run("codedeploy-custom-minimum-healthy-hosts", &params).is_err());
}

#[test]
fn codedeploy_success_rules_tolerate_a_failed_last_batch() {
    // OneAtATime: the last instance may fail and the deployment still succeeds.
    let t = play("CodeDeployDefault.OneAtATime", failing(fleet(4), 4));
    assert_eq!(t.outcome, Outcome::Succeeded);
    let last = t.last().unwrap();
    assert_eq!((last.old, last.new, last.in_service), (0, 4, 3));
    // ... but not any earlier one.
    assert_rolled_back(&play("CodeDeployDefault.OneAtATime", failing(fleet(4), 3)), 4);
    // HalfAtATime of five: batches 2, 2, 1; four successes meet the three required.
    assert_eq!(
        play("CodeDeployDefault.HalfAtATime", failing(fleet(5), 3)).outcome,
        Outcome::Succeeded
    );
    assert_rolled_back(&play("CodeDeployDefault.HalfAtATime", failing(fleet(5), 2)), 5);
    // AllAtOnce: nothing succeeded, so it fails.
    assert_rolled_back(&play("CodeDeployDefault.AllAtOnce", failing(fleet(5), 1)), 5);
    // The general strategies know no such rule.
    let mut rolling = fleet(4);
    rolling.batch = Some(Batch::Count(1));
    assert_rolled_back(&play("rolling", failing(rolling, 4)), 4);
}

#[test]
fn codedeploy_rollback_redeploys_only_the_instances_it_touched() {
    let t = play("CodeDeployDefault.OneAtATime", failing(fleet(10), 3));
    let failure = t
        .steps
        .iter()
        .position(|s| s.note.contains("health check 3"))
        .unwrap();
    let at_failure = &t.steps[failure];
    assert_eq!((at_failure.old, at_failure.new, at_failure.in_service), (7, 3, 9));
    let rollback_batches = t.steps[failure..]
        .iter()
        .filter(|s| s.note.starts_with("rollback batch"))
        .count();
    // Two updated instances, one at a time, each out of service then back: four steps.
    assert_eq!(rollback_batches, 4);
}

#[test]
fn eb_rolling_keeps_all_but_one_batch_in_service() {
    let mut params = fleet(10);
    params.batch = Some(Batch::Count(3));
    assert_eq!(floor_over_all_runs("eb-rolling", params), 7);
    assert_eq!(peak_over_all_runs("eb-rolling", params), 10);
    params.batch = Some(Batch::Percent(25));
    assert_eq!(floor_over_all_runs("eb-rolling", params), 7);
    assert_eq!(play("eb-rolling", params).health_checks, 4);
}

#[test]
fn eb_rolling_failure_leaves_a_mixed_fleet_until_you_redeploy() {
    let mut params = fleet(6);
    params.batch = Some(Batch::Count(2));
    let t = play("eb-rolling", failing(params, 2));
    let failed = t
        .steps
        .iter()
        .position(|s| s.note.contains("does not roll back by itself"))
        .unwrap();
    let mixed = &t.steps[failed];
    // One finished batch on the new version, one failed batch, one pending on the old.
    assert_eq!((mixed.old, mixed.new, mixed.in_service), (2, 4, 4));
    assert_rolled_back(&t, 6);
}

#[test]
fn eb_rolling_with_additional_batch_never_drops_below_full_capacity() {
    for batch in [1, 3, 10] {
        let mut params = fleet(10);
        params.batch = Some(Batch::Count(batch));
        assert_eq!(floor_over_all_runs("eb-rolling-additional-batch", params), 10);
        assert_eq!(
            peak_over_all_runs("eb-rolling-additional-batch", params),
            10 + batch
        );
    }
}

#[test]
fn eb_immutable_doubles_the_fleet_and_terminates_the_new_one_on_failure() {
    assert_eq!(floor_over_all_runs("eb-immutable", fleet(4)), 4);
    assert_eq!(peak_over_all_runs("eb-immutable", fleet(4)), 8);
    let ok = play("eb-immutable", fleet(4));
    // One instance first, then the rest.
    assert_eq!(ok.health_checks, 2);
    assert!((ok.traffic_at(LAUNCH_MINUTES) - 20.0).abs() < 1e-9);
    for k in 1..=2 {
        let t = play("eb-immutable", failing(fleet(4), k));
        assert!(
            t.steps.iter().all(|s| s.old == 4),
            "the original instances are never touched"
        );
        assert!(t.last().unwrap().note.contains("temporary Auto Scaling group"));
    }
}

#[test]
fn eb_traffic_splitting_sends_the_split_for_the_evaluation_then_everything() {
    let t = play("eb-traffic-splitting", fleet(4));
    assert_eq!(t.min_in_service(), 4);
    assert_eq!(t.peak_instances(), 8);
    assert!(t.traffic_at(LAUNCH_MINUTES - 0.5).abs() < 1e-9);
    for minute in [0.0, 1.0, 4.5] {
        assert!((t.traffic_at(LAUNCH_MINUTES + minute) - 10.0).abs() < 1e-9);
    }
    assert!((t.traffic_at(LAUNCH_MINUTES + 5.0) - 100.0).abs() < 1e-9);
    let mut custom = fleet(4);
    custom.shift = Some(Shift {
        percent: 15,
        interval_minutes: 10,
    });
    let t = play("eb-traffic-splitting", custom);
    assert!((t.traffic_at(LAUNCH_MINUTES + 9.0) - 15.0).abs() < 1e-9);
    assert!((t.traffic_at(LAUNCH_MINUTES + 10.0) - 100.0).abs() < 1e-9);
    let failed = play("eb-traffic-splitting", failing(custom, 2));
    assert!(failed.traffic_at(LAUNCH_MINUTES + 10.0).abs() < 1e-9);
    assert_eq!(failed.min_in_service(), 4);
}

#[test]
fn replacement_strategies_keep_full_capacity_and_double_the_fleet() {
    for name in [
        "codedeploy-ec2-blue-green",
        "codedeploy-ec2-blue-green-keep-alive",
        "blue-green",
        "canary",
        "eb-traffic-splitting",
    ] {
        assert_eq!(floor_over_all_runs(name, fleet(5)), 5, "{name}");
        assert_eq!(peak_over_all_runs(name, fleet(5)), 10, "{name}");
    }
}

#[test]
fn blue_green_sends_traffic_back_to_the_original_fleet() {
    for name in ["codedeploy-ec2-blue-green", "blue-green"] {
        let t = play(name, failing(fleet(5), 2));
        assert_rolled_back(&t, 5);
        // The originals were still running when traffic came back.
        assert!(t.steps.iter().all(|s| s.old == 5), "{name}");
        assert!(
            t.steps
                .iter()
                .any(|s| (s.traffic_to_new_percent - 100.0).abs() < 1e-9),
            "{name}"
        );
    }
    let kept = play("codedeploy-ec2-blue-green-keep-alive", fleet(5));
    assert_eq!(kept.last().unwrap().old, 5);
    let terminated = play("codedeploy-ec2-blue-green", fleet(5));
    assert_eq!(terminated.last().unwrap().old, 0);
    assert!(terminated.duration_minutes() >= simulate::ORIGINAL_WAIT_MINUTES);
}

/// The traffic share on the new version at given minutes, for each of CodeDeploy's predefined
/// Lambda and ECS configurations, written from the configuration table of
/// <https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html>:
/// a canary shifts 10% first and the rest after its interval; a linear one shifts 10% at the
/// start and 10% more at the end of each interval, so all of it after nine intervals.
const PREDEFINED_SHARES: [(&str, &[(f64, f64)]); 14] = [
    (
        "CodeDeployDefault.LambdaAllAtOnce",
        &[(0.0, 100.0), (0.5, 100.0), (3.0, 100.0)],
    ),
    (
        "CodeDeployDefault.LambdaCanary10Percent5Minutes",
        &[(0.0, 10.0), (4.5, 10.0), (5.0, 100.0), (6.0, 100.0)],
    ),
    (
        "CodeDeployDefault.LambdaCanary10Percent10Minutes",
        &[(0.0, 10.0), (9.5, 10.0), (10.0, 100.0), (11.0, 100.0)],
    ),
    (
        "CodeDeployDefault.LambdaCanary10Percent15Minutes",
        &[(0.0, 10.0), (14.5, 10.0), (15.0, 100.0), (16.0, 100.0)],
    ),
    (
        "CodeDeployDefault.LambdaCanary10Percent30Minutes",
        &[(0.0, 10.0), (29.5, 10.0), (30.0, 100.0), (31.0, 100.0)],
    ),
    (
        "CodeDeployDefault.LambdaLinear10PercentEvery1Minute",
        &[
            (0.0, 10.0),
            (0.5, 10.0),
            (1.0, 20.0),
            (4.5, 50.0),
            (8.5, 90.0),
            (9.0, 100.0),
        ],
    ),
    (
        "CodeDeployDefault.LambdaLinear10PercentEvery2Minutes",
        &[
            (0.0, 10.0),
            (1.5, 10.0),
            (2.0, 20.0),
            (9.0, 50.0),
            (17.5, 90.0),
            (18.0, 100.0),
        ],
    ),
    (
        "CodeDeployDefault.LambdaLinear10PercentEvery3Minutes",
        &[
            (0.0, 10.0),
            (2.5, 10.0),
            (3.0, 20.0),
            (13.5, 50.0),
            (26.5, 90.0),
            (27.0, 100.0),
        ],
    ),
    (
        "CodeDeployDefault.LambdaLinear10PercentEvery10Minutes",
        &[
            (0.0, 10.0),
            (9.5, 10.0),
            (10.0, 20.0),
            (45.0, 50.0),
            (89.5, 90.0),
            (90.0, 100.0),
        ],
    ),
    (
        "CodeDeployDefault.ECSAllAtOnce",
        &[(0.0, 100.0), (0.5, 100.0), (3.0, 100.0)],
    ),
    (
        "CodeDeployDefault.ECSCanary10Percent5Minutes",
        &[(0.0, 10.0), (4.5, 10.0), (5.0, 100.0), (6.0, 100.0)],
    ),
    (
        "CodeDeployDefault.ECSCanary10Percent15Minutes",
        &[(0.0, 10.0), (14.5, 10.0), (15.0, 100.0), (16.0, 100.0)],
    ),
    (
        "CodeDeployDefault.ECSLinear10PercentEvery1Minutes",
        &[
            (0.0, 10.0),
            (0.5, 10.0),
            (1.0, 20.0),
            (4.5, 50.0),
            (8.5, 90.0),
            (9.0, 100.0),
        ],
    ),
    (
        "CodeDeployDefault.ECSLinear10PercentEvery3Minutes",
        &[
            (0.0, 10.0),
            (2.5, 10.0),
            (3.0, 20.0),
            (13.5, 50.0),
            (26.5, 90.0),
            (27.0, 100.0),
        ],
    ),
];

#[test]
fn lambda_and_ecs_configurations_shift_traffic_on_their_own_schedule() {
    let mut predefined: Vec<&str> = simulate::strategies()
        .iter()
        .filter(|s| matches!(s.family, Family::CodeDeployLambda | Family::CodeDeployEcs))
        .filter(|s| s.takes() == Takes::Nothing)
        .map(|s| s.name)
        .collect();
    predefined.sort_unstable();
    let mut listed: Vec<&str> = PREDEFINED_SHARES.iter().map(|(name, _)| *name).collect();
    listed.sort_unstable();
    assert_eq!(predefined, listed);
    for (name, shares) in PREDEFINED_SHARES {
        let t = play(name, fleet(10));
        for &(minute, expected) in shares {
            assert!(
                (t.traffic_at(minute) - expected).abs() < 1e-9,
                "{name} at minute {minute}: {} instead of {expected}",
                t.traffic_at(minute)
            );
        }
        // A deployment that succeeds never takes traffic back.
        let mut share = 0.0;
        for step in &t.steps {
            assert!(step.traffic_to_new_percent >= share, "{name}: {step:?}");
            share = step.traffic_to_new_percent;
        }
    }
}

#[test]
fn linear_configurations_take_ten_increments() {
    let t = play("CodeDeployDefault.LambdaLinear10PercentEvery10Minutes", fleet(10));
    assert_eq!(t.health_checks, 10);
    assert!((t.traffic_at(89.0) - 90.0).abs() < 1e-9);
    assert!((t.traffic_at(90.0) - 100.0).abs() < 1e-9);
    let t = play("CodeDeployDefault.ECSLinear10PercentEvery1Minutes", fleet(10));
    assert!((t.traffic_at(9.0) - 100.0).abs() < 1e-9);
}

#[test]
fn lambda_keeps_its_capacity_and_splits_it_by_weight() {
    let t = play("CodeDeployDefault.LambdaLinear10PercentEvery1Minute", fleet(10));
    for step in &t.steps {
        assert_eq!(step.in_service, 10);
        assert_eq!(step.old + step.new, 10);
    }
    assert_eq!(t.peak_instances(), 10);
    let at_30 = t.at(2.0).unwrap();
    assert_eq!((at_30.old, at_30.new), (7, 3));
}

#[test]
fn ecs_runs_a_replacement_task_set_until_the_original_is_deleted() {
    let t = play("CodeDeployDefault.ECSCanary10Percent5Minutes", fleet(4));
    assert_eq!(t.peak_instances(), 8);
    assert_eq!(t.min_in_service(), 4);
    let during = t.at(1.0).unwrap();
    assert_eq!((during.old, during.new, during.in_service), (4, 4, 8));
}

#[test]
fn canary_and_linear_failures_send_traffic_straight_back() {
    let t = play(
        "CodeDeployDefault.LambdaCanary10Percent5Minutes",
        failing(fleet(10), 1),
    );
    assert!((t.traffic_at(4.9) - 10.0).abs() < 1e-9);
    assert!(t.traffic_at(5.0).abs() < 1e-9);
    assert_rolled_back(&t, 10);
    let t = play(
        "CodeDeployDefault.ECSLinear10PercentEvery3Minutes",
        failing(fleet(10), 4),
    );
    assert!((t.traffic_at(11.0) - 40.0).abs() < 1e-9);
    assert!(t.traffic_at(12.0).abs() < 1e-9);
    assert_rolled_back(&t, 10);
}

#[test]
fn custom_canary_and_linear_use_the_learners_shift() {
    let mut params = fleet(10);
    params.shift = Some(Shift {
        percent: 25,
        interval_minutes: 7,
    });
    for name in ["lambda-custom-canary", "ecs-custom-canary"] {
        let t = play(name, params);
        assert!((t.traffic_at(6.9) - 25.0).abs() < 1e-9, "{name}");
        assert!((t.traffic_at(7.0) - 100.0).abs() < 1e-9, "{name}");
    }
    params.shift = Some(Shift {
        percent: 30,
        interval_minutes: 2,
    });
    for name in ["lambda-custom-linear", "ecs-custom-linear"] {
        let t = play(name, params);
        let shares: Vec<f64> = [0.0, 2.0, 4.0, 6.0].iter().map(|&m| t.traffic_at(m)).collect();
        assert_eq!(shares, vec![30.0, 60.0, 90.0, 100.0], "{name}");
        assert_eq!(t.health_checks, 4);
    }
    params.shift = Some(Shift {
        percent: 100,
        interval_minutes: 2,
    });
    assert!(simulate::run("lambda-custom-linear", &params).is_err());
}

#[test]
fn dns_canary_holds_the_weight_for_the_interval() {
    let t = play("canary", fleet(4));
    assert!((t.traffic_at(LAUNCH_MINUTES) - 10.0).abs() < 1e-9);
    assert!((t.traffic_at(LAUNCH_MINUTES + 9.9) - 10.0).abs() < 1e-9);
    assert!((t.traffic_at(LAUNCH_MINUTES + 10.0) - 100.0).abs() < 1e-9);
    let failed = play("canary", failing(fleet(4), 2));
    assert!(failed.traffic_at(LAUNCH_MINUTES + 10.0).abs() < 1e-9);
}

#[test]
fn general_in_place_strategies_keep_their_floors() {
    let single = play("single-target", fleet(1));
    assert_eq!((single.min_in_service(), single.peak_instances()), (0, 1));
    assert_rolled_back(&play("single-target", failing(fleet(1), 1)), 1);
    assert_eq!(floor_over_all_runs("all-at-once", fleet(4)), 0);
    let mut minimum = fleet(10);
    minimum.min_healthy = Some(MinHealthy::HostCount(7));
    assert_eq!(floor_over_all_runs("minimum-in-service", minimum), 7);
    assert_eq!(play("minimum-in-service", minimum).health_checks, 4);
    let mut rolling = fleet(10);
    rolling.batch = Some(Batch::Count(2));
    assert_eq!(floor_over_all_runs("rolling", rolling), 8);
    assert_eq!(play("rolling", rolling).health_checks, 5);
}

#[test]
fn parameters_a_strategy_cannot_take_are_refused() {
    let mut params = fleet(4);
    params.batch = Some(Batch::Count(5));
    let err = simulate::run("eb-rolling", &params).unwrap_err();
    assert!(err.to_string().contains("larger than the fleet"), "{err}");
    params.batch = Some(Batch::Count(1));
    let err = simulate::run("eb-immutable", &params).unwrap_err();
    assert!(err.to_string().contains("takes no batch"), "{err}");
    let mut params = fleet(4);
    params.shift = Some(Shift {
        percent: 10,
        interval_minutes: 1,
    });
    assert!(simulate::run("CodeDeployDefault.LambdaCanary10Percent5Minutes", &params).is_err());
    let mut params = fleet(4);
    params.min_healthy = Some(MinHealthy::HostCount(1));
    assert!(simulate::run("rolling", &params).is_err());
    assert!(simulate::run("single-target", &fleet(3)).is_err());
    assert!(simulate::run("rolling", &fleet(0)).is_err());
    assert!(simulate::run("rolling", &fleet(simulate::MAX_INSTANCES + 1)).is_err());
}

#[test]
fn an_unknown_strategy_comes_with_close_names() {
    let err = simulate::run("CodeDeployDefault.HalfAtTime", &fleet(4)).unwrap_err();
    let SimulateError::UnknownStrategy { suggestions, .. } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(suggestions.first(), Some(&"CodeDeployDefault.HalfAtATime"));
    assert!(
        err.to_string()
            .contains("did you mean CodeDeployDefault.HalfAtATime")
    );
}

#[test]
fn the_json_has_exactly_the_documented_shape() {
    for (name, params) in [
        ("CodeDeployDefault.HalfAtATime", fleet(4)),
        ("eb-immutable", failing(fleet(3), 2)),
        ("CodeDeployDefault.LambdaCanary10Percent5Minutes", fleet(10)),
    ] {
        let t = play(name, params);
        let value = serde_json::to_value(&t).unwrap();
        let object = value.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["outcome", "steps", "strategy"]);
        assert_eq!(object["strategy"], name);
        let outcome = object["outcome"].as_str().unwrap();
        assert!(outcome == "succeeded" || outcome == "rolled_back");
        for step in object["steps"].as_array().unwrap() {
            assert!(step["minute"].is_f64());
            assert!(step["traffic_to_new_percent"].is_f64());
            for key in ["old", "new", "in_service"] {
                assert!(step[key].is_u64(), "{key} in {step}");
            }
        }
    }
    let rolled = serde_json::to_value(play("eb-immutable", failing(fleet(3), 1))).unwrap();
    assert_eq!(rolled["outcome"], "rolled_back");
}

#[test]
fn every_strategy_names_its_source_and_its_exam_facts() {
    assert_eq!(simulate::strategies().len(), 35);
    for family in Family::ALL {
        assert!(
            simulate::strategies().iter().any(|s| s.family == family),
            "{family:?}"
        );
    }
    for spec in simulate::strategies() {
        assert!(
            spec.source_url.starts_with("https://docs.aws.amazon.com/"),
            "{}",
            spec.name
        );
        assert!(!spec.label.is_empty());
        assert!(!spec.facts.extra_cost.is_empty() && !spec.facts.switch_at.is_empty());
        let codedeploy_name = spec.name.starts_with("CodeDeployDefault.");
        let kebab = spec
            .name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        assert!(codedeploy_name || kebab, "{}", spec.name);
        assert_eq!(spec.takes_batch(), spec.takes() == Takes::Batch);
    }
    let facts = |name: &str| simulate::find(name).unwrap().facts;
    assert_eq!(facts("single-target").downtime, Downtime::Yes);
    assert_eq!(facts("eb-all-at-once").downtime, Downtime::Brief);
    assert_eq!(facts("eb-immutable").rollback, RollbackSpeed::Fast);
    assert_eq!(facts("eb-rolling").rollback, RollbackSpeed::Slow);
    assert_eq!(
        facts("CodeDeployDefault.OneAtATime").rollback,
        RollbackSpeed::Slow
    );
    assert!(
        facts("CodeDeployDefault.LambdaAllAtOnce")
            .switch_at
            .contains("alias")
    );
    assert!(facts("blue-green").switch_at.contains("DNS"));
    assert!(
        facts("eb-rolling-additional-batch")
            .extra_cost
            .contains("additional batch")
    );
}

fn cli(strategy: &str) -> SimulateArgs {
    SimulateArgs {
        strategy: Some(strategy.to_owned()),
        ..SimulateArgs::default()
    }
}

#[test]
fn the_cli_lists_plays_and_refuses_as_documented() {
    let list = render(&SimulateArgs {
        list: true,
        ..SimulateArgs::default()
    })
    .unwrap();
    assert!(list.lines().any(|l| l.starts_with("eb-immutable ")));
    let mut args = cli("oneatatime");
    args.instances = Some(3);
    args.fail_at_step = Some(1);
    args.json = true;
    let value: serde_json::Value = serde_json::from_str(&render(&args).unwrap()).unwrap();
    assert_eq!(value["strategy"], "CodeDeployDefault.OneAtATime");
    assert_eq!(value["outcome"], "rolled_back");
    let table = render(&cli("eb-traffic-splitting")).unwrap();
    assert!(table.contains("exam facts: downtime no"));
    let mut batch_to_none = cli("eb-immutable");
    batch_to_none.batch_percent = Some(20);
    assert!(matches!(render(&batch_to_none), Err(SimulateError::BadParams(_))));
    let mut too_big = cli("rolling");
    too_big.instances = Some(3);
    too_big.batch_size = Some(4);
    assert!(matches!(render(&too_big), Err(SimulateError::BadParams(_))));
    assert!(matches!(
        render(&cli("eb-imutable")),
        Err(SimulateError::UnknownStrategy { .. })
    ));
}
