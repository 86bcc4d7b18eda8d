//! The deployment-strategy simulator against the documented behaviour of every strategy:
//! capacity floors, peak instance counts, failed instances, the final state after a success and
//! after a rollback, parameter errors and the CLI text. Lambda and ECS traffic shifting:
//! `simulate_traffic.rs`; alarms at a minute and the JSON summary: `simulate_alarms.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use stagecraft::cli::simulate::{SimulateArgs, render};
use stagecraft::simulate::{
    self, Batch, Downtime, Family, LAUNCH_MINUTES, MinHealthy, Outcome, RollbackSpeed, Shift, SimulateError,
    Takes,
};

use super::simulate_support::{
    assert_rolled_back, assert_succeeded, assert_well_formed, failing, fleet, floor_over_all_runs,
    peak_over_all_runs, play, tolerates_last_batch_failure,
};

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
                continue;
            }
            assert_rolled_back(&t, params.instances);
            let failure = t
                .steps
                .iter()
                .find(|s| s.note.starts_with(&format!("health check {k} failed")))
                .unwrap_or_else(|| panic!("{}: no note on check {k}", spec.name));
            if t.outcome == Outcome::Failed {
                // Only an Amazon ECS BeforeInstall hook fails with nothing to roll back.
                assert_eq!((spec.family, k), (Family::CodeDeployEcs, 1), "{}", spec.name);
                assert_eq!(t.summary.rolled_back_at_minute, None);
                continue;
            }
            assert_eq!(
                t.summary.rolled_back_at_minute,
                Some(failure.minute),
                "{} failing check {k}",
                spec.name
            );
            // What failed is counted as failed on its way out (Lambda has nothing to count).
            if spec.family != Family::CodeDeployLambda {
                assert!(
                    t.steps.iter().any(|s| s.failed > 0),
                    "{} failing check {k}",
                    spec.name
                );
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
    // OneAtATime: the last instance may fail and the deployment still succeeds; that instance
    // counts as failed, not as new.
    let t = play("CodeDeployDefault.OneAtATime", failing(fleet(4), 4));
    assert_eq!(t.outcome, Outcome::Succeeded);
    let last = t.last().unwrap();
    assert_eq!((last.old, last.new, last.failed, last.in_service), (0, 3, 1, 3));
    assert_eq!(t.summary.rolled_back_at_minute, None);
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
        .position(|s| s.note.contains("health check 3 failed"))
        .unwrap();
    let at_failure = &t.steps[failure];
    // Two updated instances serve the new revision; the third failed and is out of service.
    assert_eq!(
        (
            at_failure.old,
            at_failure.new,
            at_failure.failed,
            at_failure.in_service
        ),
        (7, 2, 1, 9)
    );
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
    assert_eq!(
        (mixed.old, mixed.new, mixed.failed, mixed.in_service),
        (2, 2, 2, 4)
    );
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
            t.steps.iter().all(|s| s.old == 4 && s.old_in_service == 4),
            "the original instances are never touched"
        );
        assert!(t.steps.iter().any(|s| s.failed > 0), "the new instances fail");
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
