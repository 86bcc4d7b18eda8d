//! The loader and `stagecraft check` on challenge files: a small valid challenge loads, and
//! each kind of broken challenge (syntax, unknown fields, topics, objectives, duplicate ids,
//! configuration keys the provider does not take, a failing or rule-breaking solution, a
//! missing explanation, a start that already passes) is reported at its place.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common::{assert_one_problem, file, problems, valid_pack};
use stagecraft::course::{self, PackSource};

const TINY: &str = r#"Challenge(
    id: "tiny",
    title: "Tiny",
    brief: "Build what the source holds.",
    topics: ["pipes"],
    objectives: ["bp1/1.1", "bp2/1.1"],
    requirements: [
        Requirement(
            description: "Valid",
            hint: "Fix the rule errors.",
            check: Passes,
        ),
        Requirement(
            description: "Builds",
            hint: "Add a build action.",
            check: Has(action: (category: Some(Build))),
        ),
    ],
    explanation: "The build reads the source.",
    solution: Diagram(
        version: 1,
        name: "tiny",
        role_arn: "arn:aws:iam::111122223333:role/TinyPipeline",
        artifact_bucket: "tiny-artifacts",
        stages: [
            Stage(name: "Source", actions: [
                Action(name: "Source", category: Source, provider: "S3",
                    configuration: {"S3Bucket": "b", "S3ObjectKey": "k.zip"}, outputs: ["Src"]),
            ]),
            Stage(name: "Build", actions: [
                Action(name: "Build", category: Build, provider: "CodeBuild",
                    configuration: {"ProjectName": "p"}, inputs: ["Src"]),
            ]),
        ],
    ),
)
"#;

const TINY_PATH: &str = "challenges/tiny.ron";

/// The valid test pack with the tiny challenge, `from` replaced by `to` in it.
fn with_challenge(from: &str, to: &str) -> PackSource {
    assert!(TINY.contains(from), "{from:?}");
    let mut pack = valid_pack();
    pack.files.push(file(TINY_PATH, &TINY.replacen(from, to, 1)));
    pack
}

/// 1-based line of the first occurrence of `needle` in the tiny challenge.
fn tiny_line(needle: &str) -> usize {
    let at = TINY.find(needle).unwrap();
    TINY[..at].matches('\n').count() + 1
}

#[test]
fn a_valid_challenge_loads_and_counts_in_the_summary() {
    let pack = with_challenge("", "");
    assert_eq!(problems(&pack), Vec::new());
    let loaded = course::load(&pack).course.unwrap();
    assert_eq!(loaded.challenges.len(), 1);
    assert_eq!(loaded.challenges[0].path, TINY_PATH);
    let solution = &loaded.challenge("tiny").unwrap().challenge.solution;
    assert!(
        solution.actions().all(|(_, a)| a.id.0 > 0),
        "the loader assigns action ids"
    );
    let summary = course::summary::Summary::new(&loaded, Vec::new());
    assert_eq!(summary.challenges, 1);
    assert!(summary.to_text().contains("pipeline challenges: 1"));
    let json = serde_json::to_value(&summary).unwrap();
    assert_eq!(json["challenges"], 1);
}

#[test]
fn a_syntax_error_is_positioned_and_the_file_is_skipped() {
    let pack = with_challenge("title: \"Tiny\",", "title: \"Tiny\"");
    let report = course::load(&pack);
    assert_eq!(report.problems.len(), 1, "{:#?}", report.problems);
    let problem = &report.problems[0];
    assert_eq!(problem.path, format!("pack/{TINY_PATH}"));
    assert_eq!(problem.line, tiny_line("brief:"), "{problem}");
    assert!(report.course.unwrap().challenges.is_empty());
}

#[test]
fn an_unknown_field_is_a_parse_problem() {
    let pack = with_challenge("hint: \"Add a build action.\"", "hnt: \"Add a build action.\"");
    let found = problems(&pack);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("hnt"), "{}", found[0]);
    let pack = with_challenge("category: Some(Build))", "categry: Some(Build))");
    let found = problems(&pack);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("categry"), "{}", found[0]);
}

#[test]
fn unknown_topics_and_objectives_are_reported_where_they_are_named() {
    let pack = with_challenge("topics: [\"pipes\"]", "topics: [\"pipez\"]");
    assert_one_problem(
        &pack,
        TINY_PATH,
        tiny_line("topics:"),
        "challenge \"tiny\": unknown topic \"pipez\"",
    );
    let pack = with_challenge("\"bp2/1.1\"", "\"bp2/9.9\"");
    assert_one_problem(
        &pack,
        TINY_PATH,
        tiny_line("objectives:"),
        "challenge \"tiny\": unknown objective \"bp2/9.9\"",
    );
}

#[test]
fn a_duplicate_id_is_reported() {
    let mut pack = with_challenge("", "");
    pack.files.push(file("challenges/tiny-again.ron", TINY));
    assert_one_problem(
        &pack,
        "challenges/tiny-again.ron",
        tiny_line("id:"),
        "challenge \"tiny\": the id is used twice",
    );
}

#[test]
fn a_solution_that_fails_a_requirement_is_reported_at_the_requirement() {
    let pack = with_challenge("category: Some(Build))", "category: Some(Deploy))");
    assert_one_problem(
        &pack,
        TINY_PATH,
        tiny_line("description: \"Builds\""),
        "the solution fails requirement \"Builds\"",
    );
}

#[test]
fn a_solution_that_breaks_a_rule_is_reported() {
    let pack = with_challenge("inputs: [\"Src\"]", "inputs: [\"Nowhere\"]");
    let found = problems(&pack);
    assert!(
        found.iter().any(|p| p.path == format!("pack/{TINY_PATH}")
            && p.message.contains("the solution breaks a rule")
            && p.message.contains("Nowhere")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.message.contains("the solution fails requirement \"Valid\"")),
        "{found:#?}"
    );
}

#[test]
fn a_start_that_already_passes_is_reported() {
    let solution_at = TINY.find("    solution:").unwrap();
    let solution = &TINY[solution_at + "    solution: ".len()..TINY.rfind(')').unwrap()];
    let start = format!(
        "    start: Some({}),\n    requirements:",
        solution.trim_end().trim_end_matches(',')
    );
    let pack = with_challenge("    requirements:", &start);
    let found = problems(&pack);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].line, tiny_line("requirements:"), "{}", found[0]);
    assert!(
        found[0]
            .message
            .contains("the starting diagram already meets every requirement"),
        "{}",
        found[0]
    );
}

#[test]
fn a_challenge_without_requirements_is_reported() {
    let start = TINY.find("    requirements: [").unwrap();
    let end = TINY.find("    solution:").unwrap();
    let mut pack = valid_pack();
    let text = format!("{}    requirements: [],\n{}", &TINY[..start], &TINY[end..]);
    pack.files.push(file(TINY_PATH, &text));
    assert_one_problem(&pack, TINY_PATH, tiny_line("id:"), "there are no requirements");
}

#[test]
fn a_solution_without_an_explanation_is_reported() {
    let pack = with_challenge("    explanation: \"The build reads the source.\",\n", "");
    assert_one_problem(
        &pack,
        TINY_PATH,
        // One line up: the explanation's line is gone.
        tiny_line("solution:") - 1,
        "the reference solution has no explanation",
    );
}

#[test]
fn a_configuration_key_the_provider_does_not_take_is_reported_at_its_requirement() {
    let pack = with_challenge(
        "check: Has(action: (category: Some(Build))),",
        "check: Has(action: (category: Some(Build), provider: Some(\"CodeBuild\"), config: {\"ProjectNam\": Is(\"p\")})),",
    );
    let found = problems(&pack);
    assert!(
        found
            .iter()
            .any(|p| p.line == tiny_line("description: \"Builds\"")
                && p.message
                    .contains("names configuration key \"ProjectNam\", which CodeBuild does not take")),
        "{found:#?}"
    );
    let pack = with_challenge(
        "check: Has(action: (category: Some(Build))),",
        "check: Has(action: (category: Some(Build), provider: Some(\"CodeBuild\"), config: {\"ProjectName\": Is(\"p\")})),",
    );
    assert_eq!(problems(&pack), Vec::new(), "a key CodeBuild takes is fine");
}
