//! `stagecraft check` rules: a valid pack passes, and each kind of bad input gives one problem
//! naming the file, the line and what is wrong.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common;

use crate::common::{COURSE, QUESTIONS, assert_one_problem, problems, valid_pack, with_edit};
use stagecraft::course::{self, PackSource};

/// 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"));
    text[..at].matches('\n').count() + 1
}

#[test]
fn the_valid_test_pack_has_no_problems() {
    assert_eq!(problems(&valid_pack()), Vec::new());
}

#[test]
fn a_pack_without_course_ron_cannot_load() {
    let mut pack = valid_pack();
    pack.files.retain(|f| f.path != "course.ron");
    let report = course::load(&pack);
    assert!(report.course.is_none());
    assert_eq!(report.problems.len(), 1);
    assert_eq!(
        report.problems[0].to_string(),
        "pack/course.ron:1:1: the pack has no course.ron"
    );
}

#[test]
fn a_syntax_error_in_course_ron_points_at_its_line_and_column() {
    let pack = with_edit("course.ron", "weight_percent: 40,", "weight_percent: 40");
    let report = course::load(&pack);
    assert!(report.course.is_none());
    let problem = &report.problems[0];
    assert_eq!(problem.path, "pack/course.ron");
    assert_eq!(problem.line, line_of(COURSE, "weight_percent: 40,"));
    assert!(problem.col > 1, "{problem}");
}

#[test]
fn a_syntax_error_in_a_question_file_is_reported_and_the_rest_loads() {
    let pack = with_edit("questions/main.ron", "kind: Single,", "kind: Single");
    let report = course::load(&pack);
    let loaded = report.course.expect("the course still loads");
    assert!(loaded.questions.is_empty(), "the broken file contributes nothing");
    assert_eq!(report.problems.len(), 1);
    let problem = &report.problems[0];
    assert_eq!(problem.path, "pack/questions/main.ron");
    assert_eq!(problem.line, line_of(QUESTIONS, "kind: Single,") + 1);
}

#[test]
fn an_unknown_field_is_a_parse_problem() {
    let pack = with_edit("questions/main.ron", "difficulty: 2,", "dificulty: 2,");
    let found = problems(&pack);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].message.contains("dificulty"), "{}", found[0]);
}

#[test]
fn duplicate_topic_ids_are_reported_at_the_second() {
    let pack = with_edit("course.ron", "Topic(id: \"watch\"", "Topic(id: \"builds\"");
    let found = problems(&pack);
    assert!(
        found
            .iter()
            .any(|p| p.message == "topic id \"builds\" is used twice"
                && p.line == line_of(COURSE, "Topic(id: \"watch\"")),
        "{found:#?}"
    );
}

#[test]
fn duplicate_question_ids_are_reported() {
    let pack = with_edit("questions/main.ron", "id: \"q-multi\"", "id: \"q-single\"");
    let found = problems(&pack);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].message, "question \"q-single\": the id is used twice");
    assert_eq!(found[0].line, line_of(QUESTIONS, "id: \"q-multi\""));
}

#[test]
fn duplicate_objective_ids_in_a_blueprint_are_reported() {
    let pack = with_edit("course.ron", "Objective(id: \"2.1\"", "Objective(id: \"1.1\"");
    let found = problems(&pack);
    assert!(
        found
            .iter()
            .any(|p| p.message == "objective id \"1.1\" is used twice in blueprint \"bp1\""),
        "{found:#?}"
    );
}

#[test]
fn domain_weights_must_sum_to_100() {
    let pack = with_edit("course.ron", "weight_percent: 40", "weight_percent: 30");
    assert_one_problem(
        &pack,
        "course.ron",
        line_of(COURSE, "id: \"bp1\""),
        "sum to 90, not 100",
    );
}

#[test]
fn an_objective_naming_an_unknown_topic_is_reported() {
    let pack = with_edit(
        "course.ron",
        "topics: [\"watch\"]",
        "topics: [\"watch\", \"nowhere\"]",
    );
    assert_one_problem(
        &pack,
        "course.ron",
        line_of(COURSE, "topics: [\"watch\"]"),
        "names unknown topic \"nowhere\"",
    );
}

#[test]
fn an_objective_without_topics_is_reported() {
    let mut pack = with_edit("course.ron", "topics: [\"watch\"]", "topics: []");
    // Keep "watch" mapped in bp1 so that only the empty objective is wrong.
    let course = pack.files.iter_mut().find(|f| f.path == "course.ron").unwrap();
    course.text = course.text.replacen(
        "topics: [\"pipes\", \"builds\"]",
        "topics: [\"pipes\", \"builds\", \"watch\"]",
        1,
    );
    let found = problems(&pack);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].message, "objective bp1/2.1 has no topic");
}

#[test]
fn a_topic_mapped_only_to_the_default_blueprint_passes() {
    // "watch" leaves bp2 (an older blueprint with no place for it) but stays in bp1.
    let pack = with_edit(
        "course.ron",
        "topics: [\"pipes\", \"builds\", \"watch\"]",
        "topics: [\"pipes\", \"builds\"]",
    );
    assert_eq!(problems(&pack), Vec::new());
}

#[test]
fn a_topic_missing_from_the_default_blueprint_is_reported() {
    // "watch" is only in bp2; bp1, the first and default blueprint, has no place for it.
    let pack = with_edit("course.ron", "topics: [\"watch\"]", "topics: [\"pipes\"]");
    assert_one_problem(
        &pack,
        "course.ron",
        line_of(COURSE, "Topic(id: \"watch\""),
        "maps to no objective of blueprint \"bp1\", the default blueprint",
    );
}

#[test]
fn a_dop_c02_only_topic_is_left_out_of_the_dop_c01_tree() {
    let loaded = course::load(&PackSource::embedded()).course.unwrap();
    let c01 = loaded.blueprint_index("dop-c01").unwrap();
    let c02 = loaded.blueprint_index("dop-c02").unwrap();
    assert_eq!(c02, loaded.default_blueprint());
    let in_tree = |b: usize, topic: &str| {
        (0..loaded.blueprints[b].domains.len()).any(|d| loaded.domain_topics(b, d).contains(&topic))
    };
    assert!(in_tree(c02, "waf"));
    assert!(!in_tree(c01, "waf"), "the DOP-C01 tree has no place for AWS WAF");
}

#[test]
fn a_topic_without_a_note_is_reported() {
    let mut pack = valid_pack();
    pack.files.retain(|f| f.path != "notes/builds.md");
    assert_one_problem(
        &pack,
        "course.ron",
        line_of(COURSE, "Topic(id: \"builds\""),
        "has no note (expected notes/builds.md)",
    );
}

#[test]
fn a_note_linking_to_a_missing_topic_is_reported_at_the_link() {
    let pack = with_edit(
        "notes/builds.md",
        "Builds make artifacts.",
        "Builds feed [deploys](topic:deploys).",
    );
    let problem = assert_one_problem(&pack, "notes/builds.md", 3, "link to unknown topic \"deploys\"");
    assert_eq!(problem.col, "Builds feed [deploys](topic:".chars().count() + 1);
}

#[test]
fn a_note_for_an_undeclared_topic_is_reported() {
    let mut pack = valid_pack();
    pack.files.push(common::file("notes/stray.md", "# Stray\n"));
    assert_one_problem(&pack, "notes/stray.md", 1, "course.ron does not declare");
}

#[test]
fn a_question_with_no_correct_option_is_reported() {
    let pack = with_edit(
        "questions/main.ron",
        "correct: true, explanation: \"It orchestrates",
        "correct: false, explanation: \"It orchestrates",
    );
    assert_one_problem(
        &pack,
        "questions/main.ron",
        line_of(QUESTIONS, "id: \"q-single\""),
        "no option is marked correct",
    );
}

#[test]
fn a_single_response_question_with_two_correct_options_is_reported() {
    let pack = with_edit(
        "questions/main.ron",
        "correct: false, explanation: \"It builds",
        "correct: true, explanation: \"It builds",
    );
    assert_one_problem(
        &pack,
        "questions/main.ron",
        line_of(QUESTIONS, "id: \"q-single\""),
        "exactly one correct option, it has 2",
    );
}

#[test]
fn an_option_without_explanation_is_reported() {
    let pack = with_edit(
        "questions/main.ron",
        "explanation: \"It stores.\"",
        "explanation: \"\"",
    );
    assert_one_problem(
        &pack,
        "questions/main.ron",
        line_of(QUESTIONS, "id: \"q-single\""),
        "option C has no explanation",
    );
}

#[test]
fn a_multiple_response_question_must_have_as_many_correct_as_it_asks() {
    let pack = with_edit("questions/main.ron", "Multiple(pick: 2)", "Multiple(pick: 3)");
    assert_one_problem(
        &pack,
        "questions/main.ron",
        line_of(QUESTIONS, "id: \"q-multi\""),
        "asks to pick 3 but 2 options are marked correct",
    );
}

#[test]
fn a_multiple_response_question_must_ask_for_at_least_two() {
    let pack = with_edit("questions/main.ron", "Multiple(pick: 2)", "Multiple(pick: 1)");
    let found = problems(&pack);
    assert!(
        found.iter().any(|p| p.message.contains("at least 2 picks")),
        "{found:#?}"
    );
}

#[test]
fn a_single_response_question_needs_four_options() {
    let pack = with_edit(
        "questions/main.ron",
        "            Choice(text: \"SNS\", correct: false, explanation: \"It notifies.\"),\n",
        "",
    );
    assert_one_problem(
        &pack,
        "questions/main.ron",
        line_of(QUESTIONS, "id: \"q-single\""),
        "needs 4 options, it has 3",
    );
}

#[test]
fn a_question_naming_an_unknown_objective_is_reported() {
    let pack = with_edit(
        "questions/main.ron",
        "\"bp1/1.1\", \"bp2/1.1\"",
        "\"bp1/9.9\", \"bp1/1.1\", \"bp2/1.1\"",
    );
    assert_one_problem(
        &pack,
        "questions/main.ron",
        line_of(QUESTIONS, "id: \"q-single\""),
        "unknown objective \"bp1/9.9\"",
    );
}

#[test]
fn a_question_must_map_to_every_blueprint() {
    let pack = with_edit("questions/main.ron", "\"bp1/1.1\", \"bp2/1.1\"", "\"bp1/1.1\"");
    assert_one_problem(
        &pack,
        "questions/main.ron",
        line_of(QUESTIONS, "id: \"q-single\""),
        "maps to no objective of blueprint \"bp2\"",
    );
}

#[test]
fn a_question_naming_an_unknown_topic_is_reported() {
    let pack = with_edit(
        "questions/main.ron",
        "topics: [\"watch\"]",
        "topics: [\"watch\", \"ghost\"]",
    );
    assert_one_problem(
        &pack,
        "questions/main.ron",
        line_of(QUESTIONS, "id: \"q-multi\""),
        "unknown topic \"ghost\"",
    );
}

#[test]
fn references_must_be_https_urls() {
    let pack = with_edit(
        "questions/main.ron",
        "https://docs.aws.amazon.com/cloudwatch/",
        "docs.aws.amazon.com/cloudwatch/",
    );
    assert_one_problem(
        &pack,
        "questions/main.ron",
        line_of(QUESTIONS, "id: \"q-multi\""),
        "is not an https:// URL",
    );
}

#[test]
fn duplicate_stems_are_reported() {
    let pack = with_edit(
        "questions/main.ron",
        "Which two watch metrics? (Choose two.)",
        "which service   runs the stages?",
    );
    assert_one_problem(
        &pack,
        "questions/main.ron",
        line_of(QUESTIONS, "id: \"q-multi\""),
        "the stem repeats question \"q-single\"",
    );
}

#[test]
fn a_card_naming_an_unknown_topic_is_reported() {
    let pack = with_edit("cards/main.ron", "topics: [\"builds\"]", "topics: [\"bilds\"]");
    assert_one_problem(&pack, "cards/main.ron", 2, "card \"c1\": unknown topic \"bilds\"");
}

#[test]
fn the_summary_counts_questions_per_domain_of_every_blueprint() {
    let pack = valid_pack();
    let loaded = course::load(&pack).course.unwrap();
    let summary = course::summary::Summary::new(&loaded, Vec::new());
    assert_eq!(summary.questions, 2);
    assert_eq!(summary.questions_by_domain["bp1/1"], 1);
    assert_eq!(summary.questions_by_domain["bp1/2"], 1);
    assert_eq!(summary.questions_by_domain["bp2/1"], 2);
    assert_eq!(summary.questions_by_type["multiple"], 1);
    assert_eq!(summary.cards, 1);
    let json = serde_json::to_value(&summary).unwrap();
    for key in [
        "topics",
        "notes",
        "questions",
        "questions_by_domain",
        "questions_by_task_statement",
        "pipelines",
        "errors",
    ] {
        assert!(json.get(key).is_some(), "missing key {key}");
    }
}

#[test]
fn the_summary_counts_questions_per_task_statement_of_the_default_blueprint() {
    let loaded = course::load(&valid_pack()).course.unwrap();
    let summary = course::summary::Summary::new(&loaded, Vec::new());
    let expected: std::collections::BTreeMap<String, usize> =
        [("bp1/1.1".to_owned(), 1), ("bp1/2.1".to_owned(), 1)].into();
    assert_eq!(summary.questions_by_task_statement, expected);
    let json = serde_json::to_value(&summary).unwrap();
    assert_eq!(json["questions_by_task_statement"]["bp1/2.1"], 1);
}

#[test]
fn a_pack_folder_on_disk_loads_like_the_in_memory_one() {
    let dir = tempfile::tempdir().unwrap();
    for file in valid_pack().files {
        let path = dir.path().join(&file.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, file.text).unwrap();
    }
    let pack = PackSource::from_dir(dir.path()).unwrap();
    assert_eq!(problems(&pack), Vec::new());
    assert_eq!(pack.files.len(), 6);
}

/// The test pack with a `requirements` block.
fn with_requirements(block: &str) -> PackSource {
    with_edit(
        "course.ron",
        "    topics: [\n        Topic(id: \"pipes\"",
        &format!("    requirements: Some({block}),\n    topics: [\n        Topic(id: \"pipes\""),
    )
}

/// `pack` with `from` replaced by `to` in file `path` (the text must be there).
fn edit(mut pack: PackSource, path: &str, from: &str, to: &str) -> PackSource {
    let file = pack.files.iter_mut().find(|f| f.path == path).unwrap();
    assert!(file.text.contains(from), "{path} does not contain {from:?}");
    file.text = file.text.replacen(from, to, 1);
    pack
}

const MET: &str = "BankRequirements(min_questions: 2, min_cards: 1, min_questions_per_objective: 1, max_domain_share_deviation_points: 15.0, balanced_blueprint: \"bp1\", min_multiple_response_percent: 50.0)";

#[test]
fn requirements_that_are_met_pass() {
    assert_eq!(problems(&with_requirements(MET)), Vec::new());
}

#[test]
fn too_few_questions_or_cards_are_reported() {
    let pack = with_requirements(
        &MET.replace("min_questions: 2", "min_questions: 400")
            .replace("min_cards: 1", "min_cards: 300"),
    );
    let messages: Vec<String> = problems(&pack).into_iter().map(|p| p.message).collect();
    assert!(
        messages.contains(&"the pack has 2 questions, the requirement is at least 400".to_owned()),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"the pack has 1 recall cards, the requirement is at least 300".to_owned()),
        "{messages:?}"
    );
}

#[test]
fn an_objective_with_too_few_questions_is_reported() {
    let pack =
        with_requirements(&MET.replace("min_questions_per_objective: 1", "min_questions_per_objective: 2"));
    let messages: Vec<String> = problems(&pack).into_iter().map(|p| p.message).collect();
    assert!(
        messages
            .iter()
            .any(|m| m == "objective bp1/1.1 has 1 questions, the requirement is at least 2"),
        "{messages:?}"
    );
}

#[test]
fn a_domain_share_far_from_its_weight_is_reported() {
    // Two questions split 50/50 against weights 60/40: 10 points off.
    let pack = with_requirements(&MET.replace(
        "max_domain_share_deviation_points: 15.0",
        "max_domain_share_deviation_points: 3.0",
    ));
    let messages: Vec<String> = problems(&pack).into_iter().map(|p| p.message).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("domain bp1/1 holds 50.0% of the questions")),
        "{messages:?}"
    );
}

#[test]
fn too_few_multiple_response_questions_are_reported() {
    let pack = with_requirements(&MET.replace(
        "min_multiple_response_percent: 50.0",
        "min_multiple_response_percent: 60.0",
    ));
    let messages: Vec<String> = problems(&pack).into_iter().map(|p| p.message).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with("50.0% of questions are multiple response")),
        "{messages:?}"
    );
}

#[test]
fn too_few_questions_per_task_statement_are_reported_for_the_balanced_blueprint_only() {
    // bp1 (balanced) has 1 question per task statement; bp2/1.1 has 2, also below 3.
    let pack = with_requirements(&MET.replace(
        "min_questions_per_objective: 1,",
        "min_questions_per_objective: 2, min_questions_per_task_statement: 3,",
    ));
    let messages: Vec<String> = problems(&pack).into_iter().map(|p| p.message).collect();
    assert_eq!(
        messages,
        [
            "task statement bp1/1.1 has 1 questions, the requirement is at least 3",
            "task statement bp1/2.1 has 1 questions, the requirement is at least 3",
        ],
        "one problem per task statement, and bp2 is held to min_questions_per_objective only"
    );
}

#[test]
fn requirements_without_a_task_statement_target_still_load() {
    // Packs written before `min_questions_per_task_statement` existed stay valid.
    assert!(!MET.contains("min_questions_per_task_statement"));
    let loaded = course::load(&with_requirements(MET)).course.unwrap();
    assert_eq!(loaded.requirements.unwrap().min_questions_per_task_statement, 0);
}

#[test]
fn a_syntax_error_in_a_question_file_gives_one_problem_not_its_consequences() {
    // Without the file the bank has no questions: too few questions, empty objectives and an
    // unbalanced blueprint would all follow from the one missing comma.
    let pack = edit(
        with_requirements(MET),
        "questions/main.ron",
        "kind: Single,",
        "kind: Single",
    );
    let found = problems(&pack);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].path, "pack/questions/main.ron");
    assert_eq!(found[0].line, line_of(QUESTIONS, "kind: Single,") + 1);
}

#[test]
fn a_syntax_error_in_a_card_file_gives_one_problem_not_its_consequences() {
    let pack = edit(
        with_requirements(MET),
        "cards/main.ron",
        "Card(id: \"c1\",",
        "Card(id: \"c1\"",
    );
    let found = problems(&pack);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].path, "pack/cards/main.ron");
}

#[test]
fn a_broken_course_ron_gives_one_problem_whatever_else_the_pack_holds() {
    let pack = edit(
        with_requirements(MET),
        "course.ron",
        "weight_percent: 40,",
        "weight_percent: 40",
    );
    let found = problems(&pack);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].path, "pack/course.ron");
}

#[test]
fn an_example_pipeline_with_rule_errors_is_a_pack_problem() {
    let mut pack = valid_pack();
    pack.files.push(common::file(
        "pipelines/one-stage.ron",
        "Diagram(version: 1, name: \"one-stage\", stages: [Stage(name: \"Source\", actions: [])])",
    ));
    let found = problems(&pack);
    assert!(
        found
            .iter()
            .any(|p| p.path == "pack/pipelines/one-stage.ron" && p.message.starts_with("example pipeline:")),
        "{found:#?}"
    );
}

#[test]
fn the_embedded_pack_meets_its_own_requirements() {
    let pack = PackSource::embedded();
    let found = problems(&pack);
    assert!(found.is_empty(), "{found:#?}");
    assert!(course::load(&pack).course.unwrap().requirements.is_some());
}

#[test]
fn two_cards_with_the_same_front_are_reported() {
    let pack = with_edit(
        "cards/main.ron",
        "]\n",
        "    Card(id: \"c2\", topics: [\"builds\"], front: \"build SPEC file?\", back: \"Also buildspec.yml\"),\n]\n",
    );
    let found = problems(&pack);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0].message,
        "card \"c2\": the front repeats card \"c1\" (Anki would merge them)"
    );
}
