//! CodeDeploy traffic shifting on AWS Lambda and Amazon ECS against the documentation: the
//! predefined configurations' schedules, the lifecycle events and their hooks in run order, the
//! ECS test listener, Lambda counting traffic rather than instances, and ECS in-service counts
//! that follow the task sets.
//! <https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html>
//! <https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html>

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use stagecraft::cli::simulate::{SimulateArgs, render};
use stagecraft::simulate::{
    self, Counts, Family, HOOK_MINUTES, LifecycleEvent, Outcome, Shift, SimulateError, Takes, Timeline,
};

use super::simulate_support::{assert_rolled_back, assert_well_formed, failing, fleet, play};

/// The minute production traffic starts to shift (the `AllowTraffic` event).
fn shift_start(t: &Timeline) -> f64 {
    t.steps
        .iter()
        .find(|s| s.lifecycle_event == Some(LifecycleEvent::AllowTraffic))
        .unwrap_or_else(|| panic!("{}: no AllowTraffic", t.strategy))
        .minute
}

/// Every Lambda and ECS strategy.
fn shifting_strategies() -> impl Iterator<Item = &'static simulate::StrategySpec> {
    simulate::strategies()
        .iter()
        .filter(|s| matches!(s.family, Family::CodeDeployLambda | Family::CodeDeployEcs))
}

/// The traffic share on the new version at given minutes after shifting began, for each of
/// CodeDeploy's predefined Lambda and ECS configurations, written from the configuration table
/// of <https://docs.aws.amazon.com/codedeploy/latest/userguide/deployment-configurations.html>:
/// a canary shifts 10% first and the rest after its interval; a linear one shifts 10% at the
/// start and 10% more at the end of each interval, so all of it after nine intervals.
const PREDEFINED_SHARES: [(&str, &[(f64, f64)]); 14] = [
    ("CodeDeployDefault.LambdaAllAtOnce", &[(0.0, 100.0), (0.5, 100.0)]),
    (
        "CodeDeployDefault.LambdaCanary10Percent5Minutes",
        &[(0.0, 10.0), (4.5, 10.0), (5.0, 100.0), (5.5, 100.0)],
    ),
    (
        "CodeDeployDefault.LambdaCanary10Percent10Minutes",
        &[(0.0, 10.0), (9.5, 10.0), (10.0, 100.0)],
    ),
    (
        "CodeDeployDefault.LambdaCanary10Percent15Minutes",
        &[(0.0, 10.0), (14.5, 10.0), (15.0, 100.0)],
    ),
    (
        "CodeDeployDefault.LambdaCanary10Percent30Minutes",
        &[(0.0, 10.0), (29.5, 10.0), (30.0, 100.0)],
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
    let mut predefined: Vec<&str> = shifting_strategies()
        .filter(|s| s.takes() == Takes::Nothing)
        .map(|s| s.name)
        .collect();
    predefined.sort_unstable();
    let mut listed: Vec<&str> = PREDEFINED_SHARES.iter().map(|(name, _)| *name).collect();
    listed.sort_unstable();
    assert_eq!(predefined, listed);
    for (name, shares) in PREDEFINED_SHARES {
        let t = play(name, fleet(10));
        let start = shift_start(&t);
        assert!(
            t.traffic_at(start - 0.5).abs() < 1e-9,
            "{name}: traffic before AllowTraffic"
        );
        for &(minute, expected) in shares {
            assert!(
                (t.traffic_at(start + minute) - expected).abs() < 1e-9,
                "{name} at {minute} minutes into the shift: {} instead of {expected}",
                t.traffic_at(start + minute)
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
fn lifecycle_events_run_in_the_documented_order_with_a_hook_as_a_health_check() {
    for spec in shifting_strategies() {
        let t = spec.run(&spec.default_params()).unwrap();
        let expected: &[LifecycleEvent] = if spec.family == Family::CodeDeployLambda {
            &LifecycleEvent::LAMBDA
        } else {
            &LifecycleEvent::ECS
        };
        assert_eq!(t.lifecycle_events(), expected, "{}", spec.name);
        // Each hook's validation function reports as a numbered health check.
        for hook in expected.iter().filter(|e| e.takes_hook()) {
            let report = format!("the {hook} hook's validation function reported Succeeded");
            assert!(
                t.steps.iter().any(|s| s.note.contains(&report)
                    && s.note.starts_with("health check ")
                    && s.lifecycle_event == Some(*hook)),
                "{}: {hook}",
                spec.name
            );
        }
        // Shifting waits for every hook before it.
        let hooks_before = expected
            .iter()
            .take_while(|e| **e != LifecycleEvent::AllowTraffic)
            .filter(|e| e.takes_hook())
            .count();
        #[allow(clippy::cast_precision_loss, reason = "a handful of hooks")]
        let hooks_minutes = hooks_before as f64 * HOOK_MINUTES;
        assert!((shift_start(&t) - hooks_minutes).abs() < 1e-9, "{}", spec.name);
    }
}

#[test]
fn a_failed_hook_stops_the_deployment_before_or_after_traffic_moves() {
    // Lambda: check 1 is BeforeAllowTraffic, the last AfterAllowTraffic.
    let name = "CodeDeployDefault.LambdaCanary10Percent5Minutes";
    let before = play(name, failing(fleet(10), 1));
    assert_rolled_back(&before, 10);
    assert!(
        before.steps.iter().all(|s| s.traffic_to_new_percent.abs() < 1e-9),
        "the alias never moved"
    );
    let checks = play(name, fleet(10)).health_checks;
    let after = play(name, failing(fleet(10), checks));
    assert!(
        after
            .steps
            .iter()
            .any(|s| (s.traffic_to_new_percent - 100.0).abs() < 1e-9)
    );
    assert!(
        after
            .steps
            .iter()
            .any(|s| s.note.contains("AfterAllowTraffic hook failed"))
    );
    assert_rolled_back(&after, 10);
    // ECS: BeforeInstall fails before anything exists, so nothing is rolled back.
    let ecs = "CodeDeployDefault.ECSCanary10Percent5Minutes";
    let t = play(ecs, failing(fleet(4), 1));
    assert_eq!(t.outcome, Outcome::Failed);
    assert_eq!(t.peak_instances(), 4, "no replacement task set was created");
    assert_eq!(t.summary.rolled_back_at_minute, None);
    // AfterInstall, AfterAllowTestTraffic and BeforeAllowTraffic roll back before production
    // traffic moves; the replacement task set counts as failed, then is deleted.
    // Each hook's validation function reports one minute after the previous one.
    for (check, hook, minute) in [
        (2, "AfterInstall", 2.0),
        (3, "AfterAllowTestTraffic", 3.0),
        (4, "BeforeAllowTraffic", 4.0),
    ] {
        let t = play(ecs, failing(fleet(4), check));
        assert_rolled_back(&t, 4);
        assert!(
            t.steps
                .iter()
                .any(|s| s.note.contains(&format!("the {hook} hook failed")))
        );
        assert!(
            t.steps.iter().all(|s| s.traffic_to_new_percent.abs() < 1e-9),
            "{hook}"
        );
        assert!(t.steps.iter().any(|s| s.failed == 4), "{hook}");
        assert_eq!(t.summary.rolled_back_at_minute, Some(minute), "{hook}");
    }
}

#[test]
fn the_ecs_test_listener_reaches_the_replacement_before_production_traffic() {
    for spec in shifting_strategies().filter(|s| s.family == Family::CodeDeployEcs) {
        let t = spec.run(&spec.default_params()).unwrap();
        let tasks = spec.default_params().instances;
        for step in &t.steps {
            let event = step.lifecycle_event;
            match event {
                Some(LifecycleEvent::Start | LifecycleEvent::BeforeInstall) => {
                    assert_eq!(step.new, 0, "{}: {step:?}", spec.name);
                    assert!(!step.test_traffic_to_new, "{}: {step:?}", spec.name);
                }
                Some(LifecycleEvent::Install | LifecycleEvent::AfterInstall) => {
                    assert_eq!((step.new, step.new_in_service), (tasks, 0), "{}", spec.name);
                    assert!(!step.test_traffic_to_new, "{}: {step:?}", spec.name);
                }
                Some(
                    LifecycleEvent::AllowTestTraffic
                    | LifecycleEvent::AfterAllowTestTraffic
                    | LifecycleEvent::BeforeAllowTraffic,
                ) => {
                    // Test traffic reaches the replacement; production traffic does not yet.
                    assert!(step.test_traffic_to_new, "{}: {step:?}", spec.name);
                    assert!(
                        step.traffic_to_new_percent.abs() < 1e-9,
                        "{}: {step:?}",
                        spec.name
                    );
                    assert_eq!(step.new_in_service, 0, "{}: {step:?}", spec.name);
                }
                _ => {}
            }
        }
        // A rollback takes the test listener back too.
        let failed = spec.run(&failing(spec.default_params(), 3)).unwrap();
        assert!(!failed.last().unwrap().test_traffic_to_new);
    }
    // Lambda has no test listener.
    let lambda = play("CodeDeployDefault.LambdaAllAtOnce", fleet(10));
    assert!(lambda.steps.iter().all(|s| !s.test_traffic_to_new));
}

#[test]
fn lambda_counts_traffic_percentages_not_instances() {
    for spec in shifting_strategies().filter(|s| s.family == Family::CodeDeployLambda) {
        assert_eq!(spec.counts(), Counts::TrafficOnly, "{}", spec.name);
        let t = spec.run(&spec.default_params()).unwrap();
        assert_eq!(t.counts, Counts::TrafficOnly);
        assert_well_formed(&t, 10);
        assert!(t.steps.iter().all(|s| s.instances() == 0 && s.in_service == 0));
        assert_eq!(t.summary.peak_instances, None);
        assert_eq!(t.summary.fewest_in_service, None);
        assert_eq!(t.summary.extra_instance_minutes, None);
        // The fleet size plays no part.
        let mut big = spec.default_params();
        big.instances = 50;
        assert_eq!(spec.run(&big).unwrap(), t, "{}", spec.name);
    }
    // The command line refuses a fleet size for Lambda and says why.
    let args = SimulateArgs {
        strategy: Some("LambdaCanary10Percent5Minutes".to_owned()),
        instances: Some(4),
        ..SimulateArgs::default()
    };
    let err = render(&args).unwrap_err();
    assert!(matches!(err, SimulateError::BadParams(_)));
    assert!(err.to_string().contains("counts no instances"), "{err}");
    let table = render(&SimulateArgs {
        strategy: Some("LambdaCanary10Percent5Minutes".to_owned()),
        ..SimulateArgs::default()
    })
    .unwrap();
    assert!(table.contains("to old") && table.contains("to new"), "{table}");
    assert!(table.contains("Lambda runs no instances"), "{table}");
}

#[test]
fn ecs_in_service_counts_match_the_task_sets() {
    for spec in shifting_strategies().filter(|s| s.family == Family::CodeDeployEcs) {
        let params = spec.default_params();
        let tasks = params.instances;
        let clean = spec.run(&params).unwrap();
        assert_eq!(clean.counts, Counts::Tasks);
        let runs = (1..=clean.health_checks)
            .map(|k| spec.run(&failing(params, k)).unwrap())
            .chain([clean]);
        for t in runs {
            assert_well_formed(&t, tasks);
            for step in &t.steps {
                let share = step.traffic_to_new_percent;
                let context = format!("{}: {step:?}", spec.name);
                // A task set is in service, whole, exactly while production traffic reaches it.
                assert!(
                    step.old_in_service == 0 || step.old_in_service == step.old,
                    "{context}"
                );
                assert!(
                    step.new_in_service == 0 || step.new_in_service == step.new,
                    "{context}"
                );
                assert_eq!(step.new_in_service > 0, share > 0.0, "{context}");
                if step.old > 0 {
                    assert_eq!(step.old_in_service > 0, share < 100.0, "{context}");
                }
            }
        }
    }
    let t = play("CodeDeployDefault.ECSCanary10Percent5Minutes", fleet(4));
    let start = shift_start(&t);
    let split = t.at(start + 1.0).unwrap();
    assert_eq!((split.old, split.new, split.in_service), (4, 4, 8));
    let moved = t.at(start + 5.0).unwrap();
    assert_eq!(
        (
            moved.old,
            moved.old_in_service,
            moved.new_in_service,
            moved.in_service
        ),
        (4, 0, 4, 4),
        "the original task set keeps running without traffic"
    );
    assert_eq!((t.peak_instances(), t.min_in_service()), (8, 4));
}

#[test]
fn linear_configurations_take_ten_increments() {
    let t = play("CodeDeployDefault.LambdaLinear10PercentEvery10Minutes", fleet(10));
    // BeforeAllowTraffic, nine intervals, AfterAllowTraffic.
    assert_eq!(t.health_checks, 11);
    let start = shift_start(&t);
    assert!((t.traffic_at(start + 89.0) - 90.0).abs() < 1e-9);
    assert!((t.traffic_at(start + 90.0) - 100.0).abs() < 1e-9);
    let t = play("CodeDeployDefault.ECSLinear10PercentEvery1Minutes", fleet(10));
    assert!((t.traffic_at(shift_start(&t) + 9.0) - 100.0).abs() < 1e-9);
}

#[test]
fn canary_and_linear_failures_send_traffic_straight_back() {
    // Check 2 is the canary's interval (check 1 is BeforeAllowTraffic).
    let t = play(
        "CodeDeployDefault.LambdaCanary10Percent5Minutes",
        failing(fleet(10), 2),
    );
    let start = shift_start(&t);
    assert!((t.traffic_at(start + 4.9) - 10.0).abs() < 1e-9);
    assert!(t.traffic_at(start + 5.0).abs() < 1e-9);
    assert_rolled_back(&t, 10);
    // Four hooks, then the 10%, 20%, 30% and 40% intervals: check 8 is the 40% one.
    let t = play(
        "CodeDeployDefault.ECSLinear10PercentEvery3Minutes",
        failing(fleet(10), 8),
    );
    let start = shift_start(&t);
    assert!((t.traffic_at(start + 11.0) - 40.0).abs() < 1e-9);
    assert!(t.traffic_at(start + 12.0).abs() < 1e-9);
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
        let start = shift_start(&t);
        assert!((t.traffic_at(start + 6.9) - 25.0).abs() < 1e-9, "{name}");
        assert!((t.traffic_at(start + 7.0) - 100.0).abs() < 1e-9, "{name}");
    }
    params.shift = Some(Shift {
        percent: 30,
        interval_minutes: 2,
    });
    for (name, hooks) in [("lambda-custom-linear", 2), ("ecs-custom-linear", 5)] {
        let t = play(name, params);
        let start = shift_start(&t);
        let shares: Vec<f64> = [0.0, 2.0, 4.0, 6.0]
            .iter()
            .map(|&m| t.traffic_at(start + m))
            .collect();
        assert_eq!(shares, vec![30.0, 60.0, 90.0, 100.0], "{name}");
        // Three intervals and the hooks.
        assert_eq!(t.health_checks, 3 + hooks, "{name}");
    }
    params.shift = Some(Shift {
        percent: 100,
        interval_minutes: 2,
    });
    assert!(simulate::run("lambda-custom-linear", &params).is_err());
}
