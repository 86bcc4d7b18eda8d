//! The inspector's pipeline page on the real app: pipeline type and execution mode from
//! drop-downs, variables added, edited and removed, the KMS key and the per-Region artifact
//! stores, and triggers with their filters; every edit one undo step, saved at once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use egui_kittest::kittest::Queryable as _;
use serde_json::json;

use crate::ui_inspector_steps::{choose, diagram, orders_pipeline, press, saved_diagram, type_into, undo};

#[test]
fn pipeline_type_and_execution_mode_are_drop_downs_and_each_pick_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = orders_pipeline(dir.path());
    choose(&mut harness, "Pipeline type", "V1");
    assert_eq!(diagram(&harness).pipeline_type.as_deref(), Some("V1"));
    choose(&mut harness, "Execution mode", "PARALLEL");
    assert_eq!(diagram(&harness).execution_mode.as_deref(), Some("PARALLEL"));
    assert_eq!(
        saved_diagram(&harness).execution_mode.as_deref(),
        Some("PARALLEL")
    );
    assert!(
        harness
            .query_by_label_contains("PARALLEL need a V2 pipeline")
            .is_some(),
        "a V1 pipeline cannot run in parallel"
    );
    undo(&mut harness);
    assert_eq!(
        diagram(&harness).execution_mode,
        None,
        "one undo takes the mode back"
    );
    assert_eq!(diagram(&harness).pipeline_type.as_deref(), Some("V1"));
    choose(&mut harness, "Pipeline type", "Not set");
    assert_eq!(diagram(&harness).pipeline_type, None);
}

#[test]
fn variables_are_added_edited_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = orders_pipeline(dir.path());
    press(&mut harness, "Add variable");
    assert_eq!(diagram(&harness).variables.len(), 1);
    type_into(&mut harness, "Variable 1 name", "DeployEnv");
    type_into(&mut harness, "Variable 1 default value", "staging");
    type_into(&mut harness, "Variable 1 description", "where the stack goes");
    let variable = diagram(&harness).variables[0].clone();
    assert_eq!(variable.name, "DeployEnv");
    assert_eq!(variable.default_value.as_deref(), Some("staging"));
    assert_eq!(variable.description.as_deref(), Some("where the stack goes"));
    assert_eq!(saved_diagram(&harness).variables, [variable]);

    type_into(&mut harness, "Variable 1 description", "");
    assert_eq!(
        diagram(&harness).variables[0].description,
        None,
        "an emptied field goes"
    );
    press(&mut harness, "Remove variable 1");
    assert!(diagram(&harness).variables.is_empty());
    undo(&mut harness);
    assert_eq!(diagram(&harness).variables[0].name, "DeployEnv");
}

#[test]
fn the_kms_key_and_a_store_per_region() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = orders_pipeline(dir.path());
    type_into(&mut harness, "KMS key", "alias/orders-artifacts");
    assert_eq!(
        diagram(&harness).encryption_key,
        Some(json!({"id": "alias/orders-artifacts", "type": "KMS"}))
    );
    type_into(&mut harness, "KMS key", "!ImportValue ArtifactKeyArn");
    assert_eq!(
        diagram(&harness).encryption_key,
        Some(json!({"id": {"Fn::ImportValue": "ArtifactKeyArn"}, "type": "KMS"})),
        "a function typed in the short form stays a function"
    );

    press(&mut harness, "Add a Region's store");
    let stores = diagram(&harness).artifact_stores;
    assert_eq!(stores.len(), 1);
    assert_eq!(stores.keys().next().unwrap(), "us-east-1");
    type_into(&mut harness, "Store 1 bucket", "orders-artifacts-use1");
    type_into(
        &mut harness,
        "Store 1 KMS key",
        "arn:aws:kms:us-east-1:111122223333:key/1234",
    );
    type_into(&mut harness, "Store 1 Region", "eu-west-1");
    let d = diagram(&harness);
    assert_eq!(
        d.artifact_stores.get("eu-west-1").unwrap(),
        "orders-artifacts-use1"
    );
    assert_eq!(
        d.artifact_store_keys.get("eu-west-1"),
        Some(&json!({"id": "arn:aws:kms:us-east-1:111122223333:key/1234", "type": "KMS"})),
        "the key moves with its Region"
    );
    assert_eq!(saved_diagram(&harness).artifact_stores, d.artifact_stores);
    press(&mut harness, "Remove store 1");
    assert!(diagram(&harness).artifact_stores.is_empty());
    assert!(diagram(&harness).artifact_store_keys.is_empty());
}

#[test]
fn triggers_watch_a_connection_source_with_push_and_pull_request_filters() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = orders_pipeline(dir.path());
    press(&mut harness, "Add trigger");
    let trigger = diagram(&harness).triggers[0].clone();
    assert_eq!(trigger["providerType"], "CodeStarSourceConnection");
    assert_eq!(trigger["gitConfiguration"]["sourceActionName"], "GitHubSource");

    type_into(
        &mut harness,
        "Trigger 1 push filter 1 branches to include",
        "main\nrelease/*",
    );
    type_into(
        &mut harness,
        "Trigger 1 push filter 1 file paths to exclude",
        "docs/**",
    );
    press(&mut harness, "Trigger 1 add pull request filter");
    harness
        .get_by_label("Trigger 1 pull request filter 1 event CLOSED")
        .click_accesskit();
    harness.run_steps(3);
    type_into(
        &mut harness,
        "Trigger 1 pull request filter 1 branches to include",
        "main",
    );
    let git = diagram(&harness).triggers[0]["gitConfiguration"].clone();
    assert_eq!(
        git["push"],
        json!([{"branches": {"includes": ["main", "release/*"]}, "filePaths": {"excludes": ["docs/**"]}}])
    );
    assert_eq!(
        git["pullRequest"],
        json!([{"events": ["OPEN", "UPDATED", "CLOSED"], "branches": {"includes": ["main"]}}])
    );
    assert_eq!(saved_diagram(&harness).triggers, diagram(&harness).triggers);

    press(&mut harness, "Remove trigger 1 pull request filter 1");
    assert!(
        diagram(&harness).triggers[0]["gitConfiguration"]
            .get("pullRequest")
            .is_none()
    );
    undo(&mut harness);
    assert!(
        diagram(&harness).triggers[0]["gitConfiguration"]
            .get("pullRequest")
            .is_some()
    );
    press(&mut harness, "Remove trigger 1");
    assert!(diagram(&harness).triggers.is_empty());
}
