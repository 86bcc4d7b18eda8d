//! A CloudWatch alarm at any minute (`--fail-at-minute`), not only at a health check: every
//! strategy stops at the alarm's minute and rolls back from there. Also the JSON shape with its
//! summary, and the command line's flags.
//! <https://docs.aws.amazon.com/codedeploy/latest/userguide/monitoring-create-alarms.html>

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use stagecraft::cli::simulate::{SimulateArgs, render};
use stagecraft::simulate::{self, Batch, Family, Outcome, SimulateError};

use super::simulate_support::{alarm_at, assert_rolled_back, assert_well_formed, failing, fleet, play};

#[test]
fn an_alarm_stops_every_strategy_at_any_minute_of_its_run() {
    for spec in simulate::strategies() {
        let params = spec.default_params();
        let clean = spec.run(&params).unwrap();
        assert!(
            f64::from(clean.latest_alarm_minute) < clean.duration_minutes(),
            "{}",
            spec.name
        );
        for minute in 0..=clean.latest_alarm_minute {
            let t = spec
                .run(&alarm_at(params, minute))
                .unwrap_or_else(|e| panic!("{} alarm at {minute}: {e}", spec.name));
            assert_well_formed(&t, params.instances);
            // An alarm overrides CodeDeploy's success rules: it always stops the deployment.
            assert_rolled_back(&t, params.instances);
            let alarm = format!("a CloudWatch alarm went off at minute {minute}");
            let noted = t
                .steps
                .iter()
                .find(|s| s.note.starts_with(&alarm))
                .unwrap_or_else(|| panic!("{}: no note on the alarm at {minute}", spec.name));
            assert!(
                (noted.minute - f64::from(minute)).abs() < 1e-9,
                "{}: the alarm at {minute} noted at {}",
                spec.name,
                noted.minute
            );
            if t.outcome == Outcome::Failed {
                assert_eq!(spec.family, Family::CodeDeployEcs, "{}", spec.name);
                assert_eq!(minute, 0, "only BeforeInstall precedes any change");
            } else {
                assert_eq!(
                    t.summary.rolled_back_at_minute,
                    Some(f64::from(minute)),
                    "{}",
                    spec.name
                );
            }
        }
        // After the last minute there is nothing left for an alarm to stop.
        let late = clean.latest_alarm_minute + 1;
        let err = spec.run(&alarm_at(params, late)).unwrap_err();
        assert!(
            err.to_string()
                .contains(&format!("at most {}", clean.latest_alarm_minute)),
            "{}: {err}",
            spec.name
        );
    }
}

#[test]
fn an_alarm_stops_a_deployment_between_its_health_checks() {
    // A 30-minute canary: the alarm at minute 12 does not wait for the check at minute 31.
    let t = play(
        "CodeDeployDefault.LambdaCanary10Percent30Minutes",
        alarm_at(fleet(10), 12),
    );
    assert!((t.traffic_at(11.9) - 10.0).abs() < 1e-9);
    assert!(t.traffic_at(12.0).abs() < 1e-9);
    assert!((t.duration_minutes() - 12.0).abs() < 1e-9);
    // In place, mid-install: the batch being installed fails at the alarm's minute.
    let t = play("CodeDeployDefault.OneAtATime", alarm_at(fleet(4), 7));
    let stopped = t
        .steps
        .iter()
        .find(|s| s.note.starts_with("a CloudWatch alarm went off at minute 7"))
        .unwrap();
    assert_eq!((stopped.new, stopped.failed), (1, 1), "{stopped:?}");
    // Blue/green, while the originals wait to be terminated: traffic goes back to them.
    let t = play("codedeploy-ec2-blue-green", alarm_at(fleet(5), 40));
    assert!((t.traffic_at(39.0) - 100.0).abs() < 1e-9);
    assert!(
        t.steps.iter().all(|s| s.old == 5),
        "the originals were still running"
    );
    assert_rolled_back(&t, 5);
    // Elastic Beanstalk rolling with an additional batch: the floor holds through the alarm.
    let mut params = fleet(10);
    params.batch = Some(Batch::Count(3));
    for minute in [0, 12, 29] {
        let t = play("eb-rolling-additional-batch", alarm_at(params, minute));
        assert_eq!(t.min_in_service(), 10, "alarm at {minute}");
    }
}

#[test]
fn a_health_check_failure_and_an_alarm_together_are_refused() {
    let both = alarm_at(failing(fleet(4), 1), 3);
    let err = simulate::run("CodeDeployDefault.OneAtATime", &both).unwrap_err();
    assert!(matches!(err, SimulateError::BadParams(_)));
    assert!(err.to_string().contains("--fail-at-minute"), "{err}");
}

#[test]
fn the_summary_sums_up_the_run() {
    let mut params = fleet(10);
    params.batch = Some(Batch::Count(3));
    let t = play("eb-rolling-additional-batch", params);
    // Three extra instances from the start until they are terminated at minute 31.
    assert_eq!(t.summary.peak_instances, Some(13));
    assert_eq!(t.summary.fewest_in_service, Some(10));
    assert_eq!(t.summary.extra_instance_minutes, Some(93.0));
    assert_eq!(t.summary.rolled_back_at_minute, None);
    assert!((t.summary.minutes - 31.0).abs() < 1e-9);
    // A second fleet of five for 71 minutes.
    let t = play("codedeploy-ec2-blue-green", fleet(5));
    assert_eq!(t.summary.extra_instance_minutes, Some(355.0));
    // In place costs nothing extra, and a rollback names its minute.
    let t = play("CodeDeployDefault.OneAtATime", failing(fleet(4), 2));
    assert_eq!(t.summary.extra_instance_minutes, Some(0.0));
    assert_eq!(t.summary.fewest_in_service, Some(3));
    assert_eq!(t.summary.rolled_back_at_minute, Some(10.0));
}

#[test]
fn the_json_has_exactly_the_documented_shape() {
    for (name, params) in [
        ("CodeDeployDefault.HalfAtATime", fleet(4)),
        ("eb-immutable", failing(fleet(3), 2)),
        ("CodeDeployDefault.LambdaCanary10Percent5Minutes", fleet(10)),
        (
            "CodeDeployDefault.ECSCanary10Percent5Minutes",
            alarm_at(fleet(2), 6),
        ),
    ] {
        let t = play(name, params);
        let value = serde_json::to_value(&t).unwrap();
        let object = value.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["counts", "outcome", "steps", "strategy", "summary"]);
        assert_eq!(object["strategy"], name);
        let outcome = object["outcome"].as_str().unwrap();
        assert!(["succeeded", "rolled_back", "failed"].contains(&outcome));
        let summary = object["summary"].as_object().unwrap();
        let mut summary_keys: Vec<&str> = summary.keys().map(String::as_str).collect();
        summary_keys.sort_unstable();
        assert_eq!(
            summary_keys,
            [
                "extra_instance_minutes",
                "fewest_in_service",
                "minutes",
                "peak_instances",
                "rolled_back_at_minute"
            ]
        );
        assert!(summary["minutes"].is_f64());
        assert_eq!(summary["rolled_back_at_minute"].is_null(), outcome == "succeeded");
        let lambda = object["counts"] == "traffic_only";
        for key in ["peak_instances", "fewest_in_service", "extra_instance_minutes"] {
            assert_eq!(summary[key].is_null(), lambda, "{name}: {key}");
        }
        for step in object["steps"].as_array().unwrap() {
            assert!(step["minute"].is_f64());
            assert!(step["traffic_to_new_percent"].is_f64());
            for key in [
                "old",
                "new",
                "failed",
                "old_in_service",
                "new_in_service",
                "in_service",
            ] {
                assert!(step[key].is_u64(), "{key} in {step}");
            }
            // Shown only when the test listener reaches the replacement task set.
            if let Some(test) = step.get("test_traffic_to_new") {
                assert_eq!(test, true);
            }
        }
    }
    let ecs = serde_json::to_value(play("CodeDeployDefault.ECSAllAtOnce", fleet(2))).unwrap();
    assert_eq!(ecs["counts"], "tasks");
    assert_eq!(ecs["steps"][1]["lifecycle_event"], "BeforeInstall");
    let rolled = serde_json::to_value(play("eb-immutable", alarm_at(fleet(3), 4))).unwrap();
    assert_eq!(rolled["outcome"], "rolled_back");
    assert_eq!(rolled["summary"]["rolled_back_at_minute"], 4.0);
}

use crate::common::stagecraft;

#[test]
fn the_cli_takes_an_alarm_minute_beside_a_failed_step() {
    let out = stagecraft()
        .args([
            "simulate",
            "CodeDeployDefault.OneAtATime",
            "--instances",
            "4",
            "--fail-at-minute",
            "7",
            "--json",
        ])
        .output()
        .unwrap();
    let value = crate::common::json_output(&out);
    assert_eq!(value["outcome"], "rolled_back");
    assert_eq!(value["summary"]["rolled_back_at_minute"], 7.0);
    // Past the end: exit 2 with the range.
    let out = stagecraft()
        .args([
            "simulate",
            "OneAtATime",
            "--instances",
            "2",
            "--fail-at-minute",
            "99",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at most 9"));
    // Both failures at once: clap refuses.
    let out = stagecraft()
        .args([
            "simulate",
            "OneAtATime",
            "--fail-at-step",
            "1",
            "--fail-at-minute",
            "3",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot be used with"));
    // The table says where the rollback began.
    let table = render(&SimulateArgs {
        strategy: Some("eb-immutable".to_owned()),
        fail_at_minute: Some(12),
        ..SimulateArgs::default()
    })
    .unwrap();
    assert!(
        table.contains("a CloudWatch alarm went off at minute 12"),
        "{table}"
    );
    assert!(table.contains("the rollback began at minute 12"), "{table}");
}
