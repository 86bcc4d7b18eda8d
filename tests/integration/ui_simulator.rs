//! The deployment simulator's window, driven as a learner does: an alarm at a chosen minute, a
//! failed instance drawn as failed, Lambda's alias weights instead of instances, and the ECS
//! test listener with the lifecycle events.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use stagecraft::StudyApp;

use crate::common::app_harness;

/// Opens the simulator (its default: `CodeDeployDefault.OneAtATime` on six instances).
fn open_simulator(harness: &mut Harness<'static, StudyApp>) {
    harness.get_by_label("Pipelines").click();
    harness.run_steps(3);
    harness.get_by_label("Deployment simulator").click();
    harness.run_steps(3);
}

/// Picks `name` from the strategy drop-down.
fn choose_strategy(harness: &mut Harness<'static, StudyApp>, name: &str) {
    harness
        .get_by_role_and_label(Role::ComboBox, "Deployment strategy")
        .click();
    harness.run_steps(2);
    // A screen reader's click: the pointer's press closes the pop-up before it selects.
    harness
        .get_by_role_and_label(Role::Button, name)
        .click_accesskit();
    harness.run_steps(2);
    if harness.query_by_role_and_label(Role::Button, name).is_some() {
        harness
            .get_by_role_and_label(Role::ComboBox, "Deployment strategy")
            .click();
        harness.run_steps(2);
    }
    assert!(harness.query_by_role_and_label(Role::Button, name).is_none());
}

/// Steps on until a label containing `text` shows; false at the last step without it.
fn step_until(harness: &mut Harness<'static, StudyApp>, text: &str) -> bool {
    for _ in 0..200 {
        if harness.query_by_label_contains(text).is_some() {
            return true;
        }
        if harness.query_by_label("Step ⏭").is_none() {
            return false;
        }
        harness.get_by_label("Step ⏭").click();
        harness.run_steps(1);
    }
    false
}

/// The whole label of the widget whose label contains `text`.
fn label_containing(harness: &Harness<'static, StudyApp>, text: &str) -> String {
    let node = harness.get_by_label_contains(text).accesskit_node();
    node.label().or_else(|| node.value()).unwrap_or_default()
}

/// Steps to the end of the run.
fn step_to_end(harness: &mut Harness<'static, StudyApp>) {
    step_until(harness, "Outcome:");
}

#[test]
fn an_alarm_at_a_chosen_minute_stops_the_deployment_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    open_simulator(&mut harness);
    harness.get_by_label("CloudWatch alarm at a minute").click();
    harness.run_steps(2);
    // One instance at a time, five minutes each: minute 12 falls inside batch 3's install.
    harness
        .get_by_role_and_label(Role::SpinButton, "Alarm minute")
        .set_value_accesskit(12.0);
    harness.run_steps(3);
    assert_eq!(
        harness
            .get_by_role_and_label(Role::SpinButton, "Alarm minute")
            .value()
            .as_deref(),
        Some("12")
    );
    assert!(step_until(
        &mut harness,
        "a CloudWatch alarm went off at minute 12"
    ));
    assert!(harness.query_by_label_contains("Minute 12.0").is_some());
    step_to_end(&mut harness);
    let outcome = label_containing(&harness, "Outcome: rolled back");
    assert!(outcome.contains("the rollback began at minute 12"), "{outcome}");
}

#[test]
fn a_failed_instance_is_drawn_as_failed_not_new() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    open_simulator(&mut harness);
    harness.get_by_label("Fail a health check").click();
    harness.run_steps(2);
    assert!(step_until(&mut harness, "health check 2 failed"));
    // Batch 1 serves the new revision; batch 2's instance failed.
    assert!(
        harness
            .query_by_label("4 old, 1 new and 1 failed instance(s), 5 in service")
            .is_some()
    );
    assert!(harness.query_by_label_contains("1 failed;").is_some());
}

#[test]
fn lambda_shows_alias_weights_instead_of_instances() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    open_simulator(&mut harness);
    choose_strategy(&mut harness, "CodeDeployDefault.LambdaCanary10Percent5Minutes");
    assert!(harness.query_by_label("Fleet size").is_none());
    assert!(harness.query_by_label_contains("no fleet to size").is_some());
    assert!(
        harness
            .query_by_label("Alias weights: 100% original version, 0% new version")
            .is_some()
    );
    assert!(harness.query_by_label("BeforeAllowTraffic (hook)").is_some());
    assert!(step_until(
        &mut harness,
        "Alias weights: 90% original version, 10% new version"
    ));
    step_to_end(&mut harness);
    assert!(
        harness
            .query_by_label_contains("Lambda runs no instances to count")
            .is_some()
    );
}

#[test]
fn ecs_shows_the_test_listener_before_production_traffic() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    open_simulator(&mut harness);
    choose_strategy(&mut harness, "CodeDeployDefault.ECSCanary10Percent5Minutes");
    assert!(harness.query_by_label("Tasks per task set").is_some());
    assert!(
        harness
            .query_by_label_contains("Test listener: the original task set")
            .is_some()
    );
    assert!(step_until(&mut harness, "Minute 2.0: AllowTestTraffic"));
    let state = label_containing(&harness, "Test listener: the replacement task set");
    assert!(state.contains("0% of production traffic"), "{state}");
    assert!(harness.query_by_label("AfterAllowTestTraffic (hook)").is_some());
    // Six tasks in each task set, only the original's in service.
    assert!(
        harness
            .query_by_label("6 old, 6 new and 0 failed task(s), 6 in service")
            .is_some()
    );
    assert!(step_until(
        &mut harness,
        "10% of production traffic to the replacement"
    ));
    assert!(
        harness
            .query_by_label("6 old, 6 new and 0 failed task(s), 12 in service")
            .is_some()
    );
}
