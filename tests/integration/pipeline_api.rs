//! API-level validation against the CodePipeline service model that botocore ships: over
//! generated pipelines, whenever the model's constraints on `CreatePipeline`'s input reject one,
//! the checker (import plus rules, as `stagecraft pipeline check` runs them) rejects it too.
//!
//! `tests/oracles/codepipeline_model.py` generates the pipelines from the model's shapes and
//! gives the model's verdict. The test skips with a note when python3 or botocore is missing,
//! except in CI (`CI=true`), where `.ci/run` installs botocore and a missing one fails.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;
use stagecraft::pipeline::codepipeline;
use stagecraft::pipeline::rules::{self, RuleId};

/// How many pipelines to generate, and the seed that makes them the same every run.
const COUNT: usize = 1200;
const SEED: u64 = 13;

/// Places the generator can vary that the diagram does not carry yet, so that the checker
/// cannot see them. Each is a known gap: add a site here only with the reason the import
/// cannot keep that place yet; the test then skips it. Empty: every place is held.
const PENDING_SITES: &[&str] = &[];

struct Judged {
    id: u64,
    sites: Vec<String>,
    input: Value,
    rejected: bool,
    reasons: Vec<String>,
}

/// The generator's output, or why it could not run.
fn generate() -> Result<(Value, Vec<Judged>), String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracles/codepipeline_model.py");
    let output = Command::new("python3")
        .arg(&script)
        .args(["--seed", &SEED.to_string(), "--count", &COUNT.to_string()])
        .args(["--skip-sites", &PENDING_SITES.join(",")])
        .output()
        .map_err(|e| format!("python3 cannot run: {e}"))?;
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_owned();
    match output.status.code() {
        Some(0) => {}
        Some(3) => return Err(stderr),
        code => panic!("the generator failed (exit {code:?}): {stderr}"),
    }
    let text = String::from_utf8(output.stdout).unwrap();
    let mut lines = text.lines();
    let header: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    let judged = lines
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            let strings = |key: &str| -> Vec<String> {
                v[key]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| s.as_str().unwrap().to_owned())
                    .collect()
            };
            Judged {
                id: v["id"].as_u64().unwrap(),
                sites: strings("sites"),
                rejected: v["rejected"].as_bool().unwrap(),
                reasons: strings("reasons"),
                input: v["input"].clone(),
            }
        })
        .collect();
    Ok((header, judged))
}

/// The checker's verdict: `Err` with the import error, or the error findings' rule codes.
fn check(input: &Value) -> Result<Vec<RuleId>, String> {
    let diagram = codepipeline::from_value(input).map_err(|e| e.to_string())?;
    Ok(rules::check(&diagram)
        .into_iter()
        .filter(rules::Finding::is_error)
        .map(|f| f.rule)
        .collect())
}

#[test]
fn the_checker_rejects_every_pipeline_the_botocore_model_rejects() {
    let (header, judged) = match generate() {
        Ok(generated) => generated,
        Err(why) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI must run the botocore agreement test, but: {why}")
        }
        Err(why) => {
            println!("note: skipping the botocore agreement test: {why}");
            return;
        }
    };
    println!(
        "botocore {} (CodePipeline API {}), sites {}, pending {}",
        header["botocore"], header["api_version"], header["sites"], header["skipped_sites"]
    );
    assert!(judged.len() >= 1000, "only {} pipelines", judged.len());

    let mut model_rejected = 0;
    let mut agreed = 0;
    let mut by_import = 0;
    let mut stricter: BTreeMap<String, usize> = BTreeMap::new();
    let mut missed = Vec::new();
    let mut round_trips = 0;
    let mut not_kept = Vec::new();
    for pipeline in &judged {
        // What the import keeps, the export writes back exactly, valid or not.
        if let Ok(diagram) = codepipeline::from_value(&pipeline.input) {
            let mut written = codepipeline::declaration(&diagram);
            // The one place kept loosely: the diagram holds the service role as text, so an
            // empty `roleArn` comes back absent (both are refused, by CreatePipeline and by the
            // check's role-arn rule).
            if pipeline.input["pipeline"]["roleArn"] == "" && written.get("roleArn").is_none() {
                written["roleArn"] = Value::from("");
            }
            if let Some(place) = first_difference(&pipeline.input["pipeline"], &written, "pipeline") {
                not_kept.push(format!("#{} sites {:?}: {place}", pipeline.id, pipeline.sites));
            }
            round_trips += 1;
        }
        let verdict = check(&pipeline.input);
        if pipeline.sites.is_empty() {
            assert_eq!(
                verdict,
                Ok(Vec::new()),
                "the unchanged pipeline {} is valid",
                pipeline.id
            );
        }
        let checker_rejects = verdict.as_ref().map_or(true, |errors| !errors.is_empty());
        if pipeline.rejected {
            model_rejected += 1;
            if checker_rejects {
                agreed += 1;
                by_import += usize::from(verdict.is_err());
            } else {
                missed.push(pipeline);
            }
        } else if let Ok(errors) = &verdict
            && !errors.is_empty()
        {
            // The checker knows structure rules the input shapes cannot express.
            let codes: Vec<&str> = errors.iter().map(|r| r.code()).collect();
            *stricter.entry(codes.join("+")).or_default() += 1;
        }
    }
    println!(
        "generated {}, rejected by the model {model_rejected}, rejected by the checker too \
         {agreed} ({by_import} at import), accepted by the model but not the checker {:?}, \
         round trips exact {round_trips}",
        judged.len(),
        stricter
    );
    assert!(
        not_kept.is_empty(),
        "{} imported pipelines are not written back as they came; the first:\n{}",
        not_kept.len(),
        not_kept[..not_kept.len().min(10)].join("\n")
    );
    assert!(
        model_rejected >= 100,
        "too few invalid pipelines: {model_rejected}"
    );
    assert!(
        judged.len() - model_rejected >= 100,
        "too few valid pipelines: {}",
        judged.len() - model_rejected
    );
    let report: Vec<String> = missed
        .iter()
        .take(10)
        .map(|p| format!("#{} sites {:?}: {}", p.id, p.sites, p.reasons.join("; ")))
        .collect();
    assert!(
        missed.is_empty(),
        "{} pipelines the model rejects pass the checker; the first:\n{}",
        missed.len(),
        report.join("\n")
    );
}

/// The first place where `after` differs from `before`, as a path and both values.
fn first_difference(before: &Value, after: &Value, path: &str) -> Option<String> {
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            a.keys()
                .chain(b.keys())
                .find_map(|key| match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => first_difference(x, y, &format!("{path}.{key}")),
                    (x, y) => Some(format!("{path}.{key}: {x:?} became {y:?}")),
                })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(x, y, &format!("{path}[{i}]"))),
        _ if before == after => None,
        _ => Some(format!("{path}: {before} became {after}")),
    }
}

/// Fixture templates that today's reader does not read yet. Empty this list (and the test then
/// requires every fixture to load and check clean) once YAML reading and `Fn::If` around
/// stages and actions land.
const NOT_READ_YET: &[&str] = &[];

/// Our own fixture templates (`tests/fixtures/templates/`): each loads as the CLI loads it and
/// checks without errors, except those in [`NOT_READ_YET`], which are reported, not failed.
#[test]
fn fixture_templates_load_and_check_without_errors() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/templates");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    let yaml = paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .count();
    assert!(paths.len() >= 20, "{} fixtures", paths.len());
    assert!(
        yaml >= 5 && paths.len() - yaml >= 5,
        "{yaml} YAML of {}",
        paths.len()
    );
    let mut failures = Vec::new();
    let mut skipped = Vec::new();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let outcome = match stagecraft::pipeline::formats::read_diagram(path) {
            Ok(diagram) => {
                let errors: Vec<String> = rules::check(&diagram)
                    .iter()
                    .filter(|f| f.is_error())
                    .map(ToString::to_string)
                    .collect();
                if errors.is_empty() {
                    Ok(())
                } else {
                    Err(errors.join("; "))
                }
            }
            Err(e) => Err(e.to_string()),
        };
        match outcome {
            Ok(()) => println!("{name}: loads, no errors"),
            Err(why) if NOT_READ_YET.contains(&name.as_str()) => skipped.push(format!("{name}: {why}")),
            Err(why) => failures.push(format!("{name}: {why}")),
        }
    }
    for line in &skipped {
        println!("not read yet (NOT_READ_YET): {line}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A valid declaration to vary by hand.
fn declaration() -> Value {
    serde_json::json!({
        "name": "p",
        "roleArn": "arn:aws:iam::111122223333:role/PipelineRole",
        "artifactStore": {"type": "S3", "location": "artifact-bucket"},
        "stages": [
            {"name": "Source", "actions": [{
                "name": "Src",
                "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "CodeStarSourceConnection", "version": "1"},
                "runOrder": 1,
                "configuration": {"ConnectionArn": "arn:aws:codeconnections:us-east-1:111122223333:connection/x", "FullRepositoryId": "o/r", "BranchName": "main"},
                "outputArtifacts": [{"name": "Out"}],
                "inputArtifacts": []
            }]},
            {"name": "Build", "actions": [{
                "name": "Build",
                "actionTypeId": {"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
                "runOrder": 1,
                "configuration": {"ProjectName": "b"},
                "outputArtifacts": [],
                "inputArtifacts": [{"name": "Out"}]
            }]}
        ],
        "version": 3,
        "pipelineType": "V2",
        "triggers": [{"providerType": "CodeStarSourceConnection", "gitConfiguration": {
            "sourceActionName": "Src",
            "push": [{"branches": {"includes": ["main"]}, "filePaths": {"excludes": ["docs/**"]}}],
            "pullRequest": [{"events": ["OPEN", "UPDATED"], "branches": {"includes": ["feature/*"]}}]
        }}]
    })
}

/// The error findings' messages, or the import error.
fn errors(input: &Value) -> Result<Vec<String>, String> {
    let diagram = codepipeline::from_value(input).map_err(|e| e.to_string())?;
    Ok(rules::check(&diagram)
        .into_iter()
        .filter(rules::Finding::is_error)
        .map(|f| f.to_string())
        .collect())
}

#[test]
fn store_type_version_and_triggers_are_kept_and_checked() {
    let valid = declaration();
    assert_eq!(errors(&valid), Ok(Vec::new()));
    let diagram = codepipeline::from_value(&valid).unwrap();
    assert_eq!(diagram.pipeline_version, Some(3));
    assert_eq!(codepipeline::declaration(&diagram), valid, "kept exactly");

    let changed = |change: &dyn Fn(&mut Value)| {
        let mut p = declaration();
        change(&mut p);
        let diagram = codepipeline::from_value(&p).map_err(|e| e.to_string())?;
        assert_eq!(codepipeline::declaration(&diagram), p, "kept exactly");
        errors(&p)
    };
    let one = |change: &dyn Fn(&mut Value), expected: &str| {
        let found = changed(change).unwrap();
        assert_eq!(found, [format!("pipeline: {expected}")], "{expected}");
    };
    one(
        &|p| p["artifactStore"]["type"] = "s3".into(),
        "the artifact store has type \"s3\"; CodePipeline takes only S3",
    );
    one(&|p| p["version"] = 0.into(), "the pipeline version 0 is below 1");
    one(
        &|p| p["triggers"][0]["providerType"] = "GitHub".into(),
        "trigger 1: providerType \"GitHub\" is not CodeStarSourceConnection",
    );
    one(
        &|p| p["triggers"][0]["gitConfiguration"]["sourceActionName"] = "Src code".into(),
        "trigger 1.gitConfiguration: sourceActionName \"Src code\" is not an action name (1 to 100 of A-Z a-z 0-9 . @ - _)",
    );
    one(
        &|p| p["triggers"][0]["gitConfiguration"]["pullRequest"][0]["events"][1] = "MERGED".into(),
        "trigger 1.gitConfiguration.pullRequest[1].events: \"MERGED\" is not one of OPEN, UPDATED, CLOSED",
    );
    one(
        &|p| p["triggers"][0]["gitConfiguration"]["push"][0]["branches"]["includes"] = serde_json::json!([]),
        "trigger 1.gitConfiguration.push[1].branches.includes has 0 entries; CodePipeline takes 1 to 8",
    );
    one(
        &|p| {
            p["triggers"][0]["gitConfiguration"]["push"][0]["tags"] =
                serde_json::json!({"includes": ["x".repeat(256)]});
        },
        "a pattern in trigger 1.gitConfiguration.push[1].tags.includes has 256 characters; CodePipeline takes 1 to 255",
    );
    one(
        &|p| p["triggers"][0]["gitConfiguration"]["branch"] = "main".into(),
        "trigger 1.gitConfiguration has \"branch\", which CodePipeline does not take",
    );
    one(
        &|p| {
            p["triggers"][0]["gitConfiguration"]
                .as_object_mut()
                .unwrap()
                .remove("sourceActionName");
        },
        "trigger 1.gitConfiguration has no sourceActionName",
    );
    // Missing required members are refused at import, naming the place.
    let refused = |change: &dyn Fn(&mut Value)| changed(change).unwrap_err();
    assert_eq!(
        refused(&|p| {
            p["artifactStore"].as_object_mut().unwrap().remove("type");
        }),
        "artifactStore: missing \"type\""
    );
    assert_eq!(
        refused(&|p| {
            p["stages"][1]["actions"][0]["actionTypeId"]
                .as_object_mut()
                .unwrap()
                .remove("version");
        }),
        "stages[1].actions[0].actionTypeId: missing \"version\""
    );
    assert_eq!(
        refused(&|p| p["triggers"] = serde_json::json!({"providerType": "CodeStarSourceConnection"})),
        "triggers: expected a list, found an object"
    );
    // A declaration without a version gets none back.
    let mut bare = declaration();
    bare.as_object_mut().unwrap().remove("version");
    let diagram = codepipeline::from_value(&bare).unwrap();
    assert_eq!(diagram.pipeline_version, None);
    assert_eq!(codepipeline::declaration(&diagram), bare);
}
