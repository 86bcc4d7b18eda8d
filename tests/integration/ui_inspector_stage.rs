//! The inspector's stage page on the real app: what a failed stage does (roll back, or retry
//! failed or all actions), and entry, success and failure conditions with their results and
//! rules; each edit one undo step, saved at once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use egui_kittest::kittest::Queryable as _;
use serde_json::json;
use stagecraft::pipeline::catalog::conditions::ConditionKind;
use stagecraft::pipeline::commands::stage_conditions as conditions;

use crate::ui_inspector_steps::{
    choose, diagram, orders_pipeline, press, saved_diagram, select_stage, type_into, undo,
};

#[test]
fn a_failed_stage_rolls_back_or_retries_as_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = orders_pipeline(dir.path());
    select_stage(&mut harness, 3, "Deploy");
    choose(&mut harness, "On failure result", "RETRY");
    let extra = diagram(&harness).stages[2].extra.clone();
    assert_eq!(
        extra["onFailure"],
        json!({"result": "RETRY", "retryConfiguration": {"retryMode": "FAILED_ACTIONS"}})
    );
    choose(&mut harness, "Retry mode", "ALL_ACTIONS");
    assert_eq!(
        conditions::retry_mode(&diagram(&harness).stages[2].extra).as_deref(),
        Some("ALL_ACTIONS")
    );
    choose(&mut harness, "On failure result", "ROLLBACK");
    assert_eq!(
        diagram(&harness).stages[2].extra["onFailure"],
        json!({"result": "ROLLBACK"})
    );
    assert_eq!(
        saved_diagram(&harness).stages[2].extra,
        diagram(&harness).stages[2].extra
    );
    undo(&mut harness);
    assert_eq!(
        conditions::failure_result(&diagram(&harness).stages[2].extra).as_deref(),
        Some("RETRY"),
        "one undo takes one choice back"
    );
}

#[test]
fn conditions_take_a_result_and_rules_with_their_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = orders_pipeline(dir.path());
    select_stage(&mut harness, 3, "Deploy");

    press(&mut harness, "Add entry condition");
    let extra = diagram(&harness).stages[2].extra.clone();
    assert_eq!(
        conditions::result(&extra, ConditionKind::BeforeEntry).as_deref(),
        Some("FAIL")
    );
    choose(&mut harness, "Entry condition result", "SKIP");
    choose(&mut harness, "Entry condition rule 1 type", "VariableCheck");
    choose(&mut harness, "Entry condition rule 1 Operator", "CONTAINS");
    type_into(&mut harness, "Entry condition rule 1 Value", "release");
    type_into(&mut harness, "Entry condition rule 1 name", "OnlyReleases");
    let extra = diagram(&harness).stages[2].extra.clone();
    assert_eq!(
        conditions::result(&extra, ConditionKind::BeforeEntry).as_deref(),
        Some("SKIP")
    );
    let rule = &conditions::rules(&extra, ConditionKind::BeforeEntry)[0];
    assert_eq!(rule["name"], "OnlyReleases");
    assert_eq!(
        rule["ruleTypeId"],
        json!({"category": "Rule", "owner": "AWS", "provider": "VariableCheck", "version": "1"})
    );
    assert_eq!(rule["configuration"]["Operator"], "CONTAINS");
    assert_eq!(rule["configuration"]["Value"], "release");

    press(&mut harness, "Add on success condition");
    press(&mut harness, "Add on success condition rule");
    choose(&mut harness, "On success condition rule 2 type", "Commands");
    type_into(
        &mut harness,
        "On success condition rule 2 commands",
        "curl -f https://orders.example.com/health\nnpm run smoke",
    );
    choose(
        &mut harness,
        "On success condition rule 2 input artifact",
        "SourceOutput",
    );
    let extra = diagram(&harness).stages[2].extra.clone();
    let rules = conditions::rules(&extra, ConditionKind::OnSuccess);
    assert_eq!(conditions::rule_provider(&rules[0]), Some("CloudWatchAlarm"));
    assert_eq!(
        conditions::command_lines(&rules[1]),
        ["curl -f https://orders.example.com/health", "npm run smoke"]
    );
    assert_eq!(conditions::rule_inputs(&rules[1]), ["SourceOutput"]);
    assert_eq!(saved_diagram(&harness).stages[2].extra, extra);

    // The alarm states are check boxes, the one for ALARM ticked.
    harness.get_by_label("ALARM").click_accesskit();
    harness.run_steps(3);
    let extra = diagram(&harness).stages[2].extra.clone();
    assert_eq!(
        conditions::rule_config(
            &conditions::rules(&extra, ConditionKind::OnSuccess)[0],
            "AlarmStates"
        )
        .unwrap(),
        "ALARM"
    );

    press(&mut harness, "Remove on success condition");
    assert!(!conditions::has_condition(
        &diagram(&harness).stages[2].extra,
        ConditionKind::OnSuccess
    ));
    undo(&mut harness);
    assert!(conditions::has_condition(
        &diagram(&harness).stages[2].extra,
        ConditionKind::OnSuccess
    ));
}
