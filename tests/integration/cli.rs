//! The `stagecraft` command line: exit codes and messages for good and bad input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common::stagecraft;

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

fn progress_command(args: &[&str], data_dir: &std::path::Path) -> std::process::Output {
    stagecraft()
        .arg("progress")
        .args(args)
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("STAGECRAFT_DATA_DIR")
        .output()
        .unwrap()
}

/// One line on stderr, nothing on stdout, exit code 2.
fn assert_one_clear_line(out: &std::process::Output, names: &str, says: &str) {
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains(names) && stderr.contains(says), "{stderr}");
}

#[test]
fn progress_check_of_a_missing_folder_exits_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("never-used");
    let out = progress_command(&["check"], &missing);
    assert_one_clear_line(&out, &missing.display().to_string(), "no such folder");
    assert!(!missing.exists(), "checking creates nothing");
}

#[test]
fn progress_check_of_a_file_exits_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("progress.ron");
    std::fs::write(&file, "(version: 1)").unwrap();
    let out = progress_command(&["check"], &file);
    assert_one_clear_line(&out, &file.display().to_string(), "is a file, not a data folder");
    let report = progress_command(&["report"], &file);
    assert_one_clear_line(
        &report,
        &file.display().to_string(),
        "is a file, not a data folder",
    );
}

/// The embedded course, and two questions of different DOP-C02 domains.
fn two_questions_in_two_domains() -> (stagecraft::course::Course, String, String) {
    let course = stagecraft::course::load(&stagecraft::course::PackSource::embedded())
        .course
        .unwrap();
    let bp = course.blueprint_index("dop-c02").unwrap();
    // A question counts for every domain its objectives sit in: pick ones that sit in one.
    let in_domain = |d: usize| {
        course
            .questions
            .iter()
            .find(|q| {
                let places = course.question_objectives(q, bp);
                !places.is_empty() && places.iter().all(|r| r.domain == d)
            })
            .unwrap()
            .id
            .clone()
    };
    let (first, second) = (in_domain(0), in_domain(1));
    (course, first, second)
}

/// history.ron with a right answer to `right`, a wrong one to `wrong`, an earlier right one to
/// `right`, and a blank exam answer to `blank`.
fn history_ron(right: &str, blank: &str) -> String {
    format!(
        r#"(
  version: 1,
  answers: [
    (at_unix_secs: 1000, session: 1, kind: Practice, question: "{right}", chosen: [0], correct: false),
    (at_unix_secs: 2000, session: 2, kind: Practice, question: "{right}", chosen: [1], correct: true),
    (at_unix_secs: 3000, session: 3, kind: Exam, question: "{blank}", chosen: [], correct: false),
  ],
  sessions: [
    (id: 2, kind: Practice, blueprint: "dop-c02", scope_label: "All", started_at_unix_secs: 1900, finished_at_unix_secs: 2100, questions: 1, correct: 1),
  ],
)
"#
    )
}

#[test]
fn progress_report_json_counts_answers_given_per_domain_of_the_chosen_blueprint() {
    let dir = tempfile::tempdir().unwrap();
    let (course, right, blank) = two_questions_in_two_domains();
    std::fs::write(dir.path().join("history.ron"), history_ron(&right, &blank)).unwrap();
    let out = progress_command(&["report", "--json"], dir.path());
    let value = crate::common::json_output(&out);
    assert_eq!(
        value["answers"], 2,
        "a blank exam answer is not an answer: {value}"
    );
    assert_eq!(value["sessions"], 1);
    assert_eq!(value["due_now"], 0);
    let domains = value["domains"].as_object().unwrap();
    let bp = &course.blueprints[course.blueprint_index("dop-c02").unwrap()];
    assert_eq!(domains.len(), bp.domains.len());
    let first = &domains[&format!("dop-c02/{}", bp.domains[0].id)];
    assert_eq!(first["answered"], 1, "distinct questions answered: {first}");
    assert_eq!(first["correct"], 1, "the latest answer counts: {first}");
    assert_eq!(first["accuracy"].as_f64(), Some(100.0));
    let blank_only = &domains[&format!("dop-c02/{}", bp.domains[1].id)];
    assert_eq!(
        blank_only["answered"], 0,
        "a blank is not an answer: {blank_only}"
    );
    assert!(blank_only["accuracy"].is_null(), "{blank_only}");
    let untouched = &domains[&format!("dop-c02/{}", bp.domains[2].id)];
    assert_eq!(untouched["answered"], 0);
    assert!(
        untouched["accuracy"].is_null(),
        "no answers, no accuracy: {untouched}"
    );

    // The learner switched the tree to DOP-C01: the report follows progress.ron.
    std::fs::write(
        dir.path().join("progress.ron"),
        "(\n  version: 1,\n  blueprint: \"dop-c01\",\n)\n",
    )
    .unwrap();
    let out = progress_command(&["report", "--json"], dir.path());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let keys: Vec<&String> = value["domains"].as_object().unwrap().keys().collect();
    assert!(
        !keys.is_empty() && keys.iter().all(|k| k.starts_with("dop-c01/")),
        "{keys:?}"
    );
}

#[test]
fn progress_report_prints_the_figures_of_the_core_report() {
    let dir = tempfile::tempdir().unwrap();
    let (course, right, blank) = two_questions_in_two_domains();
    let history_text = history_ron(&right, &blank);
    std::fs::write(dir.path().join("history.ron"), &history_text).unwrap();
    let out = progress_command(&["report"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    // The same function the Progress page reads.
    let history: stagecraft::quiz::History = ron::from_str(&history_text).unwrap();
    let report = stagecraft::quiz::report::progress_report(
        &course,
        0,
        &history,
        &stagecraft::quiz::Schedule::default(),
        0,
    );
    assert!(text.contains(&report.headline()), "{text}");
    assert!(text.contains("2 answers in 1 session"), "{text}");
    for domain in &report.domains {
        assert!(
            text.contains(&format!("{} {}", domain.id, domain.title)),
            "{text}"
        );
    }
}

#[test]
fn progress_report_of_a_damaged_file_exits_2_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = "(\n  version: 1,\n  answers: [ (at_unix_secs: 1 ]\n)\n";
    std::fs::write(dir.path().join("history.ron"), damaged).unwrap();
    let out = progress_command(&["report", "--json"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let place = format!("{}:3:", dir.path().join("history.ron").display());
    assert!(stderr.lines().next().unwrap().starts_with(&place), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("history.ron")).unwrap(),
        damaged
    );
}

#[test]
fn progress_report_of_a_missing_folder_exits_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nothing-here");
    let out = progress_command(&["report", "--json"], &missing);
    assert_one_clear_line(&out, &missing.display().to_string(), "no such folder");
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // `stagecraft check | head -0`: the pipe is closed before anything is written.
    for args in [&["check"][..], &["check", "--json"], &["simulate", "--list"]] {
        let mut child = stagecraft()
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}
