//! Pipeline formats: CodePipeline JSON, CloudFormation templates and RON round trips, import
//! errors with their positions, the SVG export, the `pipeline check`/`export` command
//! functions and their exit codes, and cfn-lint on every exported example.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde_json::Value;
use stagecraft::cli::pipeline::{self as cli, ExportTo as ExportFormat};
use stagecraft::pipeline::Text;
use stagecraft::pipeline::codepipeline::{self, ImportError};
use stagecraft::pipeline::formats::{self, ReadError};
use stagecraft::pipeline::layout::{NODE_GAP, NODE_W};
use stagecraft::pipeline::{Diagram, cloudformation, rules, svg};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(root().join("tests/fixtures/pipelines").join(name)).unwrap()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn example_paths() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("content/pipelines"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    files
}

fn examples() -> Vec<(PathBuf, Diagram)> {
    example_paths()
        .into_iter()
        .map(|path| {
            let diagram = formats::read_diagram(&path).unwrap_or_else(|e| panic!("{e}"));
            (path, diagram)
        })
        .collect()
}

/// The diagram without what a format cannot carry: canvas places, and (for CodePipeline JSON)
/// the description.
fn comparable(diagram: &Diagram, keep_description: bool) -> Diagram {
    let mut diagram = diagram.clone();
    for stage in &mut diagram.stages {
        for action in &mut stage.actions {
            action.x = 0.0;
        }
    }
    if !keep_description {
        diagram.description.clear();
    }
    // A template names its pipeline resource; a diagram file need not.
    diagram.logical_id = None;
    diagram
}

#[test]
fn get_pipeline_output_round_trips() {
    let text = fixture("get-pipeline.json");
    let diagram = codepipeline::import(&text).unwrap();
    assert_eq!(diagram.name, "orders-service-release");
    assert_eq!(diagram.stages.len(), 4);
    assert_eq!(diagram.action_count(), 9);
    assert_eq!(diagram.artifact_stores.len(), 2);

    let exported = codepipeline::export(&diagram);
    let (before, after) = (json(&text), json(&exported));
    for key in ["name", "roleArn", "artifactStores", "stages"] {
        assert_eq!(before["pipeline"][key], after["pipeline"][key], "pipeline.{key}");
    }
    assert_eq!(codepipeline::import(&exported).unwrap(), diagram);

    // The fixture is a valid pipeline.
    let errors: Vec<String> = rules::check(&diagram).iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn import_assigns_ids_and_puts_parallel_actions_side_by_side() {
    let diagram = codepipeline::import(&fixture("get-pipeline.json")).unwrap();
    let mut ids: Vec<u32> = diagram.actions().map(|(_, a)| a.id.0).collect();
    assert!(ids.iter().all(|&id| id > 0));
    ids.dedup();
    assert_eq!(ids.len(), diagram.action_count());
    let tests: Vec<f32> = diagram.stages[1]
        .actions
        .iter()
        .filter(|a| a.run_order == 2)
        .map(|a| a.x)
        .collect();
    assert_eq!(tests, [0.0, NODE_W + NODE_GAP]);
    let sources: Vec<f32> = diagram.stages[0].actions.iter().map(|a| a.x).collect();
    assert_eq!(sources, [0.0, NODE_W + NODE_GAP]);
}

#[test]
fn configuration_values_stay_strings() {
    let diagram = codepipeline::import(&fixture("get-pipeline.json")).unwrap();
    let build = &diagram.stages[1].actions[0];
    assert!(build.configuration["EnvironmentVariables"].starts_with("[{\"name\":\"COMMIT_ID\""));
    let source = &diagram.stages[0].actions[1];
    assert_eq!(source.configuration["PollForSourceChanges"], "false");
    let exported = json(&codepipeline::export(&diagram));
    let poll = &exported["pipeline"]["stages"][0]["actions"][1]["configuration"]["PollForSourceChanges"];
    assert_eq!(poll, &Value::String("false".to_owned()));
    assert_eq!(build.namespace.as_deref(), Some("BuildVariables"));
    let prod = &diagram.stages[3].actions[0];
    assert_eq!(prod.region.as_deref(), Some("us-west-2"));
    assert_eq!(
        prod.role_arn.as_deref(),
        Some("arn:aws:iam::444455556666:role/orders-prod-deploy")
    );
}

#[test]
fn a_bare_declaration_imports_like_get_pipeline_output() {
    let text = fixture("get-pipeline.json");
    let bare = json(&text)["pipeline"].to_string();
    assert_eq!(
        codepipeline::import(&bare).unwrap(),
        codepipeline::import(&text).unwrap()
    );
}

#[test]
fn cloudformation_template_round_trips_with_intrinsics() {
    let text = fixture("template.json");
    let diagram = cloudformation::import(&text).unwrap();
    // Functions are kept as expressions; they only show in the YAML short form.
    let expression = |text: &Text| text.expression().cloned();
    assert_eq!(
        expression(&diagram.name),
        Some(serde_json::json!({"Fn::Sub": "${AWS::StackName}-release"}))
    );
    assert_eq!(diagram.name.as_str(), "!Sub ${AWS::StackName}-release");
    assert_eq!(
        expression(&diagram.role_arn),
        Some(serde_json::json!({"Fn::GetAtt": ["PipelineRole", "Arn"]}))
    );
    assert_eq!(
        expression(&diagram.artifact_bucket),
        Some(serde_json::json!({"Ref": "ArtifactBucket"}))
    );
    assert_eq!(
        diagram.stages[0].actions[0].configuration["RepositoryName"].reference(),
        Some("RepositoryName")
    );
    assert_eq!(
        diagram.stages[2].actions[0].configuration["StackName"].as_str(),
        r#"!Join ["-",["inventory",{"Ref":"Environment"}]]"#
    );
    // A saved diagram writes the expressions, and reads them back as expressions.
    let saved = ron::to_string(&diagram).unwrap();
    assert!(
        saved.contains("Fn::GetAtt") && !saved.contains("!GetAtt"),
        "{saved}"
    );
    assert_eq!(ron::from_str::<Diagram>(&saved).unwrap(), diagram);
    assert!(
        diagram
            .description
            .starts_with("Release pipeline for the inventory service")
    );

    let exported = json(&cloudformation::export(&diagram));
    let mut original = json(&text);
    // The export keeps the logical ID; the role resource it drops becomes a parameter.
    let role = serde_json::json!({"Ref": "PipelineRoleArn"});
    let props = &mut original["Resources"]["ReleasePipeline"]["Properties"];
    props["RoleArn"] = role.clone();
    props["Stages"][2]["Actions"][0]["Configuration"]["RoleArn"] = role;
    assert_eq!(
        exported["Resources"]["ReleasePipeline"]["Properties"],
        original["Resources"]["ReleasePipeline"]["Properties"]
    );
    // Names the template referred to but no longer defines become parameters.
    let parameters = exported["Parameters"].as_object().unwrap();
    for name in ["RepositoryName", "Environment", "ArtifactBucket"] {
        assert!(parameters.contains_key(name), "{name}");
    }
    assert!(!parameters.contains_key("AWS::Region"));

    // After the first export the template stands alone, and another round changes nothing.
    let first = cloudformation::export(&diagram);
    let again = cloudformation::import(&first).unwrap();
    assert_eq!(cloudformation::export(&again), first);
    assert!(!rules::has_errors(&rules::check(&diagram)));
}

#[test]
fn the_first_pipeline_resource_in_document_order_is_imported() {
    let template = r#"{"Resources": {
        "Zeta": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"Name": "zeta", "RoleArn": "r",
            "Stages": [{"Name": "S", "Actions": []}]}},
        "Alpha": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {"Name": "alpha", "RoleArn": "r",
            "Stages": [{"Name": "S", "Actions": []}]}}}}"#;
    assert_eq!(cloudformation::import(template).unwrap().name, "zeta");
    let none = cloudformation::import(r#"{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}"#).unwrap_err();
    assert_eq!(
        none.to_string(),
        "Resources: no resource of Type AWS::CodePipeline::Pipeline"
    );
}

#[test]
fn exported_templates_declare_missing_role_and_bucket() {
    let mut diagram = examples().remove(0).1;
    diagram.role_arn = Text::default();
    diagram.artifact_bucket = Text::default();
    let template = json(&cloudformation::export(&diagram));
    assert_eq!(template["AWSTemplateFormatVersion"], "2010-09-09");
    assert!(template["Description"].as_str().is_some_and(|d| !d.is_empty()));
    let props = &template["Resources"]["Pipeline"]["Properties"];
    assert_eq!(props["RoleArn"], json(r#"{"Ref": "PipelineRoleArn"}"#));
    assert_eq!(
        props["ArtifactStore"]["Location"],
        json(r#"{"Ref": "ArtifactBucket"}"#)
    );
    assert_eq!(template["Parameters"]["PipelineRoleArn"]["Type"], "String");
    assert_eq!(template["Parameters"]["ArtifactBucket"]["Type"], "String");
}

#[test]
fn every_example_round_trips_through_every_format() {
    for (path, diagram) in examples() {
        let shown = path.display();
        let from_json = codepipeline::import(&codepipeline::export(&diagram)).unwrap();
        assert_eq!(
            comparable(&from_json, false),
            comparable(&diagram, false),
            "{shown}: CodePipeline JSON"
        );
        let from_template = cloudformation::import(&cloudformation::export(&diagram)).unwrap();
        assert_eq!(
            comparable(&from_template, true),
            comparable(&diagram, true),
            "{shown}: CloudFormation"
        );
        let ron_text = ron::ser::to_string_pretty(&diagram, ron::ser::PrettyConfig::default()).unwrap();
        let from_ron: Diagram = ron::from_str(&ron_text).unwrap();
        assert_eq!(from_ron, diagram, "{shown}: RON");
    }
}

#[test]
fn json_syntax_errors_report_line_and_column() {
    let broken = "{\n  \"pipeline\": {\n    \"name\": \"p\",\n    \"stages\": [\n  }\n}\n";
    for result in [codepipeline::import(broken), cloudformation::import(broken)] {
        let Err(ImportError::Syntax {
            line,
            column,
            message,
        }) = result
        else {
            panic!("expected a syntax error, got {result:?}");
        };
        assert_eq!((line, column), (5, 3), "{message}");
        assert!(!message.contains("at line"), "{message}");
    }
}

#[test]
fn shape_errors_name_the_json_path() {
    let text = r#"{"pipeline": {"name": "p", "stages": [
        {"name": "Source", "actions": [{"name": "S", "actionTypeId": {"category": "Sauce", "owner": "AWS", "provider": "S3"}}]}]}}"#;
    let err = codepipeline::import(text).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("pipeline.stages[0].actions[0].actionTypeId.category: expected one of Source"),
        "{err}"
    );
    let err = codepipeline::import(r#"{"pipeline": {"name": "p", "stages": {}}}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "pipeline.stages: expected a list, found an object"
    );
    let err = codepipeline::import(r#"{"nothing": 1}"#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("(top level): expected get-pipeline output"),
        "{err}"
    );

    let template = r#"{"Resources": {"P": {"Type": "AWS::CodePipeline::Pipeline", "Properties": {
        "RoleArn": "r", "Stages": [{"Name": "S", "Actions": [{"Name": "A"}]}]}}}}"#;
    let err = cloudformation::import(template).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Resources.P.Properties.Stages[0].Actions[0]: missing \"ActionTypeId\""
    );
}

#[test]
fn ron_errors_report_line_and_column() {
    let err = formats::load_text("bad.ron", "ron", "Diagram(\n    version: 1,\n    name: 5,\n)").unwrap_err();
    let ReadError::Parse { line, col, .. } = &err else {
        panic!("expected a parse error, got {err:?}");
    };
    assert_eq!(*line, 3, "{err}");
    assert!(*col > 1, "{err}");
    assert!(err.to_string().starts_with("bad.ron:3:"), "{err}");
}

#[test]
fn svg_shows_every_stage_action_and_artifact() {
    for (path, diagram) in examples() {
        let image = svg::export(&diagram);
        assert!(
            image.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{}",
            path.display()
        );
        assert!(image.trim_end().ends_with("</svg>"));
        for stage in &diagram.stages {
            assert!(
                image.contains(&svg::escape(&stage.name)),
                "{}: stage {}",
                path.display(),
                stage.name
            );
        }
        for (_, action) in diagram.actions() {
            assert!(
                image.contains(&svg::escape(&action.name)),
                "{}: action {}",
                path.display(),
                action.name
            );
            assert!(image.contains(&svg::escape(&action.provider)));
        }
        let edges: usize = diagram
            .actions()
            .map(|(_, consumer)| {
                consumer
                    .inputs
                    .iter()
                    .map(|input| {
                        diagram
                            .actions()
                            .filter(|(_, p)| p.outputs.contains(input))
                            .count()
                    })
                    .sum::<usize>()
            })
            .sum();
        assert_eq!(
            image.matches("<g class=\"artifact\">").count(),
            edges,
            "{}",
            path.display()
        );
    }
}

#[test]
fn svg_escapes_text() {
    let mut diagram = examples().remove(0).1;
    diagram.stages[0].name = Text::from("A<B & \"C\"");
    diagram.stages[0].actions[0].name = Text::from("x'<y>");
    let image = svg::export(&diagram);
    assert!(image.contains("A&lt;B &amp; &quot;C&quot;"));
    assert!(image.contains("x&apos;&lt;y&gt;"));
    assert!(!image.contains("A<B"));
}

/// Runs `pipeline check` on a file and returns the exit code, stdout and stderr.
fn check(path: &Path) -> (u8, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = cli::run_check(path, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn check_exit_codes() {
    let dir = tempfile::tempdir().unwrap();

    for path in example_paths() {
        let (code, out, err) = check(&path);
        assert_eq!(code, 0, "{}: {out}{err}", path.display());
        assert!(out.contains("is valid"), "{out}");
    }
    let json_path = root().join("tests/fixtures/pipelines/get-pipeline.json");
    assert_eq!(check(&json_path).0, 0);
    assert_eq!(check(&root().join("tests/fixtures/pipelines/template.json")).0, 0);

    // Rule errors: exit 1, one line per finding naming the stage and action.
    let mut broken = codepipeline::import(&fixture("get-pipeline.json")).unwrap();
    broken.stages[1].actions[0].inputs.push(Text::from("Nowhere"));
    broken.stages[2].name = Text::from("Build");
    let broken_path = dir.path().join("broken.json");
    std::fs::write(&broken_path, codepipeline::export(&broken)).unwrap();
    let (code, out, err) = check(&broken_path);
    assert_eq!(code, 1, "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines.iter().any(|l| l.contains(
        "error: stage \"Build\", action \"Build\": input artifact \"Nowhere\" is not produced by any earlier action"
    )));
    assert!(
        lines
            .iter()
            .any(|l| l.contains("stage \"Build\": an earlier stage is already named"))
    );

    // Warnings alone: exit 0, printed.
    let mut warned = broken.clone();
    warned.stages[1].actions[0].inputs.pop();
    warned.stages[2].name = Text::from("Staging");
    warned.stages[1].actions[0].configuration.remove("ProjectName");
    std::fs::write(&broken_path, codepipeline::export(&warned)).unwrap();
    let (code, out, _) = check(&broken_path);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("warning: stage \"Build\", action \"Build\": missing configuration \"ProjectName\""),
        "{out}"
    );

    // Unreadable or unparsable: exit 2 with path:line:col.
    let (code, _, err) = check(&dir.path().join("missing.ron"));
    assert_eq!(code, 2);
    assert!(err.contains("missing.ron: cannot read"), "{err}");
    let bad_json = dir.path().join("bad.json");
    std::fs::write(&bad_json, "{\n  \"pipeline\": [,\n}").unwrap();
    let (code, _, err) = check(&bad_json);
    assert_eq!(code, 2);
    assert!(err.starts_with(&format!("{}:2:", bad_json.display())), "{err}");
    let bad_ron = dir.path().join("bad.ron");
    std::fs::write(&bad_ron, "Diagram(\n  version: 1,\n  stages: oops,\n)").unwrap();
    let (code, _, err) = check(&bad_ron);
    assert_eq!(code, 2);
    assert!(err.starts_with(&format!("{}:3:", bad_ron.display())), "{err}");
}

#[test]
fn export_exit_codes_and_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let source = &example_paths()[0];
    let diagram = formats::read_diagram(source).unwrap();

    for (format, check_text) in [
        (ExportFormat::Codepipeline, "\"pipeline\""),
        (ExportFormat::Cloudformation, "AWS::CodePipeline::Pipeline"),
        (ExportFormat::Svg, "<svg"),
    ] {
        let out = dir.path().join(format!("out-{format:?}"));
        let (mut stdout, mut err) = (Vec::new(), Vec::new());
        let code = cli::run_export(source, format, Some(&out), &mut stdout, &mut err);
        assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
        assert!(stdout.is_empty());
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written.contains(check_text));
        assert_eq!(written, formats::render(&diagram, format.into()));

        let code = cli::run_export(source, format, None, &mut stdout, &mut err);
        assert_eq!(code, 0);
        assert_eq!(String::from_utf8(stdout).unwrap(), written);
    }

    // Exported files read back as the same pipeline.
    let json_out = dir.path().join("out-Codepipeline");
    let back = formats::read_diagram(&json_out).unwrap();
    assert_eq!(comparable(&back, false), comparable(&diagram, false));

    let (mut stdout, mut err) = (Vec::new(), Vec::new());
    let code = cli::run_export(
        &dir.path().join("nope.ron"),
        ExportFormat::Svg,
        None,
        &mut stdout,
        &mut err,
    );
    assert_eq!(code, 2);
    let unwritable = dir.path().join("no-such-folder").join("out.json");
    let code = cli::run_export(
        source,
        ExportFormat::Codepipeline,
        Some(&unwritable),
        &mut stdout,
        &mut err,
    );
    assert_eq!(code, 2);
    assert!(String::from_utf8_lossy(&err).contains("cannot write"));
}

#[test]
fn export_format_names_for_the_command_line() {
    let names: Vec<String> = ExportFormat::value_variants()
        .iter()
        .map(|v| v.to_possible_value().unwrap().get_name().to_owned())
        .collect();
    assert_eq!(names, ["codepipeline", "cloudformation", "svg"]);
}

/// cfn-lint's exit code is a bit mask: 2 errors, 4 warnings, 8 informational; 1 means it failed.
#[test]
fn exported_templates_pass_cfn_lint() {
    if !crate::common::cfn_lint_available() {
        println!("note: cfn-lint is not installed; skipping (pip install cfn-lint)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (path, diagram) in examples() {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let template = dir.path().join(format!("{name}.json"));
        std::fs::write(&template, cloudformation::export(&diagram)).unwrap();
        crate::common::assert_cfn_lint_clean(&template);
    }
}

#[test]
fn diagrams_saved_with_functions_as_text_load_with_expressions() {
    // Files written before fields kept expressions showed each function as text and listed
    // the functions in `intrinsics`; loading puts them back in their fields.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ron");
    let old = r#"(
        version: 1,
        name: "!Sub ${Env}-app",
        role_arn: "!GetAtt Role.Arn",
        artifact_bucket: "!Ref Bucket",
        stages: [(name: "Source", actions: [(
            name: "Checkout", category: Source, provider: "S3",
            configuration: {"S3Bucket": "!Ref Bucket", "S3ObjectKey": "!Ref Literal"},
        )])],
        intrinsics: {
            "!Sub ${Env}-app": {"Fn::Sub": "${Env}-app"},
            "!GetAtt Role.Arn": {"Fn::GetAtt": ["Role", "Arn"]},
            "!Ref Bucket": {"Ref": "Bucket"},
        },
    )"#;
    std::fs::write(&path, old).unwrap();
    let diagram = formats::read_all(&path).unwrap().remove(0);
    assert_eq!(
        diagram.role_arn.expression(),
        Some(&serde_json::json!({"Fn::GetAtt": ["Role", "Arn"]}))
    );
    assert_eq!(diagram.artifact_bucket.reference(), Some("Bucket"));
    let config = &diagram.stages[0].actions[0].configuration;
    assert_eq!(config["S3Bucket"].reference(), Some("Bucket"));
    // Text that was never listed as a function stays literal.
    assert_eq!(config["S3ObjectKey"], "!Ref Literal");
    assert!(diagram.legacy_intrinsics.is_empty());
    assert!(!ron::to_string(&diagram).unwrap().contains("intrinsics"));
}
