//! The `stagecraft` command line: exit codes and messages for good and bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::process::Command;

fn stagecraft() -> Command {
    Command::new(env!("CARGO_BIN_EXE_stagecraft"))
}

fn write_pack(dir: &std::path::Path, files: &[(&str, &str)]) {
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

#[test]
fn check_of_the_embedded_pack_succeeds_with_a_summary() {
    let out = stagecraft().arg("check").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(String::from_utf8_lossy(&out.stdout).contains("the pack is valid"));
}

#[test]
fn check_json_has_the_documented_keys() {
    let out = stagecraft().args(["check", "--json"]).output().unwrap();
    assert!(out.status.success());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for key in [
        "topics",
        "notes",
        "questions",
        "questions_by_domain",
        "questions_by_objective",
        "questions_by_type",
        "cards",
        "pipelines",
        "errors",
    ] {
        assert!(value.get(key).is_some(), "missing {key}");
    }
    assert_eq!(value["errors"].as_array().unwrap().len(), 0);
    assert!(value["questions_by_domain"]["dop-c01/1"].as_u64().unwrap() > 0);
}

#[test]
fn check_of_a_broken_pack_prints_path_line_col_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    write_pack(
        dir.path(),
        &[(
            "course.ron",
            "Course(\n  version: 1,\n  title: \"x\",\n  blueprints: [],\n  topics: [\n    Topic(id: \"a\" title: \"A\"),\n  ],\n)\n",
        )],
    );
    let out = stagecraft().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let expected = format!("{}/course.ron:6:", dir.path().display());
    assert!(stdout.starts_with(&expected), "{stdout}");
}

#[test]
fn check_json_of_a_broken_pack_lists_errors() {
    let dir = tempfile::tempdir().unwrap();
    write_pack(dir.path(), &[("course.ron", "Course(")]);
    let out = stagecraft()
        .args(["check", "--json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["errors"].as_array().unwrap().len(), 1);
}

#[test]
fn check_of_a_missing_folder_exits_2_and_names_it() {
    let out = stagecraft().args(["check", "/no/such/pack"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/pack"));
}

#[test]
fn a_wrong_argument_exits_2_with_usage() {
    let out = stagecraft().args(["check", "--jsn"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--jsn"));
}

#[test]
fn progress_check_reports_damaged_files_without_changing_them() {
    let dir = tempfile::tempdir().unwrap();
    let ok = stagecraft()
        .args(["progress", "check", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(ok.status.code(), Some(0));

    std::fs::write(
        dir.path().join("progress.ron"),
        "(\n  version: 1,\n  read: {\"a\" 1},\n)",
    )
    .unwrap();
    let out = stagecraft()
        .args(["progress", "check", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("progress.ron:3:"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("progress.ron")).unwrap(),
        "(\n  version: 1,\n  read: {\"a\" 1},\n)"
    );
}

#[test]
fn the_data_dir_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("progress.ron"), "(version: 1, read: {").unwrap();
    let out = stagecraft()
        .args(["progress", "check"])
        .env("STAGECRAFT_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

fn example(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content/pipelines")
        .join(name)
}

#[test]
fn pipeline_check_of_a_valid_example_exits_0() {
    let out = stagecraft()
        .args(["pipeline", "check"])
        .arg(example("01-seed-codedeploy-dev-prod.ron"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn pipeline_check_names_stage_and_action_of_each_finding_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    std::fs::write(
        &file,
        r#"{"pipeline": {"name": "bad", "roleArn": "arn:aws:iam::1:role/r", "artifactStore": {"type": "S3", "location": "b"},
        "stages": [
          {"name": "Source", "actions": [{"name": "Src", "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "S3", "version": "1"},
            "runOrder": 1, "configuration": {"S3Bucket": "b", "S3ObjectKey": "k"}, "outputArtifacts": [{"name": "Out"}]}]},
          {"name": "Build", "actions": [{"name": "Compile", "actionTypeId": {"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
            "runOrder": 1, "configuration": {"ProjectName": "p"}, "inputArtifacts": [{"name": "Missing"}]}]}
        ]}}"#,
    )
    .unwrap();
    let out = stagecraft()
        .args(["pipeline", "check"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("stage \"Build\", action \"Compile\""), "{stdout}");
}

#[test]
fn pipeline_check_of_an_unparsable_file_exits_2_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("broken.json");
    std::fs::write(&file, "{\n  \"pipeline\": {\n    \"name\": \n").unwrap();
    let out = stagecraft()
        .args(["pipeline", "check"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("broken.json:4:"), "{stderr}");
}

#[test]
fn pipeline_export_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    for (to, needle) in [
        ("codepipeline", "\"actionTypeId\""),
        ("cloudformation", "AWS::CodePipeline::Pipeline"),
        ("svg", "<svg"),
    ] {
        let out_file = dir.path().join(format!("out.{to}"));
        let out = stagecraft()
            .args(["pipeline", "export"])
            .arg(example("02-cloudformation-change-set.ron"))
            .args(["--to", to, "-o"])
            .arg(&out_file)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{to}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::fs::read_to_string(&out_file).unwrap().contains(needle),
            "{to}"
        );
    }
}

#[test]
fn simulate_lists_and_runs_strategies_as_json() {
    let list = stagecraft().args(["simulate", "--list"]).output().unwrap();
    assert_eq!(list.status.code(), Some(0));
    let names = String::from_utf8_lossy(&list.stdout);
    for name in [
        "CodeDeployDefault.OneAtATime",
        "CodeDeployDefault.LambdaCanary10Percent5Minutes",
        "eb-immutable",
        "blue-green",
    ] {
        assert!(names.contains(name), "{name} missing from --list");
    }
    let out = stagecraft()
        .args([
            "simulate",
            "CodeDeployDefault.OneAtATime",
            "--instances",
            "4",
            "--fail-at-step",
            "2",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["strategy"], "CodeDeployDefault.OneAtATime");
    assert_eq!(value["outcome"], "rolled_back");
    let step = &value["steps"][0];
    for key in ["minute", "old", "new", "in_service", "traffic_to_new_percent"] {
        assert!(step.get(key).is_some(), "step lacks {key}");
    }
}

#[test]
fn simulate_an_unknown_strategy_exits_2_with_suggestions() {
    let out = stagecraft().args(["simulate", "eb-imutable"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("eb-immutable"));
}
