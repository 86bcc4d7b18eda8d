//! Pipeline challenges: every challenge in the embedded pack grades its reference solution as
//! passing, its starting diagram as failing, and each requirement as failing on a solution
//! changed to break it; and the loader and checker report broken challenge files with their
//! place.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common::{assert_one_problem, file, problems, valid_pack};
use stagecraft::course::{self, LoadedChallenge, PackSource};
use stagecraft::pipeline::Text;
use stagecraft::pipeline::challenge::{Challenge, Check, Expect, Matcher, grade};
use stagecraft::pipeline::{Action, ActionId, Category, Diagram, Owner, Stage, rules};

fn pack_challenges() -> Vec<LoadedChallenge> {
    let report = course::load(&PackSource::embedded());
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    report.course.unwrap().challenges
}

#[test]
fn the_pack_has_enough_challenges_of_the_right_size() {
    let challenges = pack_challenges();
    assert!(challenges.len() >= 14, "only {} challenges", challenges.len());
    for loaded in &challenges {
        let c = &loaded.challenge;
        assert!(
            (3..=6).contains(&c.requirements.len()),
            "{}: {} requirements",
            c.id,
            c.requirements.len()
        );
        assert!(!c.topics.is_empty() && !c.objectives.is_empty(), "{}", c.id);
        assert!(
            c.explanation.split_whitespace().count() >= 40,
            "{}: the reference solution needs an explanation",
            c.id
        );
        assert!(loaded.path.starts_with("challenges/"), "{}", loaded.path);
    }
}

#[test]
fn every_solution_passes_every_requirement_and_the_rule_checker() {
    for loaded in pack_challenges() {
        let c = &loaded.challenge;
        let errors: Vec<String> = rules::check(&c.solution)
            .iter()
            .filter(|f| f.is_error())
            .map(ToString::to_string)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", c.id);
        let graded = grade(c, &c.solution);
        assert!(graded.all_passed(), "{}: {graded:#?}", c.id);
        assert_eq!(graded.passed_count, graded.total);
    }
}

#[test]
fn every_start_fails_at_least_one_requirement() {
    for loaded in pack_challenges() {
        let c = &loaded.challenge;
        let graded = grade(c, &c.start_diagram());
        assert!(!graded.all_passed(), "{}: the start already passes", c.id);
        for result in graded.results.iter().filter(|r| !r.passed) {
            assert!(
                !result.hint.is_empty() && !result.detail.is_empty(),
                "{}: {result:#?}",
                c.id
            );
        }
    }
}

/// Ids of the actions a matcher picks.
fn matching_ids(matcher: &Matcher, diagram: &Diagram) -> Vec<ActionId> {
    matcher.select(diagram).map(|(_, a)| a.id).collect()
}

fn without(diagram: &Diagram, ids: &[ActionId]) -> Diagram {
    let mut d = diagram.clone();
    for stage in &mut d.stages {
        stage.actions.retain(|a| !ids.contains(&a.id));
    }
    d
}

fn change(diagram: &Diagram, ids: &[ActionId], mut edit: impl FnMut(&mut Action)) -> Diagram {
    let mut d = diagram.clone();
    for id in ids {
        edit(d.action_mut(*id).unwrap());
    }
    d
}

/// Adds `n` actions that the matcher picks, in a stage it accepts.
fn with_matching(diagram: &Diagram, matcher: &Matcher, n: u32) -> Diagram {
    let mut d = diagram.clone();
    let stage = match &matcher.stage_contains {
        Some(part) => d
            .stages
            .iter()
            .position(|s| s.name.to_lowercase().contains(&part.to_lowercase())),
        None => Some(d.stages.len() - 1),
    };
    let stage = stage.unwrap_or_else(|| {
        let name = format!("Extra-{}", matcher.stage_contains.as_deref().unwrap_or(""));
        d.stages.push(Stage {
            name: Text::from(name),
            actions: Vec::new(),
            ..Default::default()
        });
        d.stages.len() - 1
    });
    for i in 0..n {
        let mut configuration = std::collections::BTreeMap::new();
        for (key, expect) in &matcher.config {
            let value = expect
                .example()
                .expect("challenges forbid only values that can be made up");
            configuration.insert(key.clone(), Text::from(value));
        }
        let role_arn = matcher
            .role_arn
            .as_ref()
            .map(|_| "arn:aws:iam::444455556666:role/Injected".to_owned());
        let action = Action {
            id: d.next_id(),
            name: format!("Injected{i}").into(),
            category: matcher.category.unwrap_or(Category::Deploy),
            owner: Owner::AWS,
            provider: Text::from(
                matcher
                    .provider
                    .clone()
                    .unwrap_or_else(|| "CodeDeploy".to_owned()),
            ),
            version: Text::from("1"),
            run_order: 1,
            configuration,
            inputs: Vec::new(),
            outputs: Vec::new(),
            region: matcher.region.as_deref().map(Text::from),
            role_arn: role_arn.map(Text::from),
            namespace: None,
            x: 0.0,
            ..Default::default()
        };
        d.stages[stage].actions.push(action);
    }
    d
}

/// The solution changed so that `check` no longer holds, where a generic change exists.
fn broken(check: &Check, solution: &Diagram) -> Option<Diagram> {
    Some(match check {
        Check::Passes => {
            let mut d = solution.clone();
            d.stages.push(Stage {
                name: Text::from("Empty"),
                actions: Vec::new(),
                ..Default::default()
            });
            d
        }
        Check::Has { action, .. } | Check::Every { action, .. } => {
            without(solution, &matching_ids(action, solution))
        }
        Check::RunsBefore { first, .. } => without(solution, &matching_ids(first, solution)),
        Check::Parallel { action, .. } => {
            let mut order = 0;
            change(solution, &matching_ids(action, solution), |a| {
                order += 1;
                a.run_order = order;
            })
        }
        Check::ChangeSetFlow => {
            let execute = Matcher {
                provider: Some("CloudFormation".to_owned()),
                config: [(
                    "ActionMode".to_owned(),
                    Expect::Is("CHANGE_SET_EXECUTE".to_owned()),
                )]
                .into(),
                ..Matcher::default()
            };
            without(solution, &matching_ids(&execute, solution))
        }
        Check::Regions { action, .. } => {
            change(solution, &matching_ids(action, solution), |a| a.region = None)
        }
        Check::ArtifactStores => {
            let mut d = solution.clone();
            d.artifact_stores.clear();
            d
        }
        Check::ConsumesOutputOf { consumer, .. } => {
            change(solution, &matching_ids(consumer, solution), |a| a.inputs.clear())
        }
        Check::SameArtifact { actions } => {
            let last = actions.last()?;
            change(solution, &matching_ids(last, solution), |a| {
                a.inputs = vec![Text::from("Elsewhere")];
            })
        }
        Check::ConfigNamesOutputOf { action, key, .. } => {
            change(solution, &matching_ids(action, solution), |a| {
                a.configuration.insert(key.clone(), Text::from("Elsewhere::file"));
            })
        }
        Check::AllOf(checks) => return checks.iter().find_map(|inner| broken(inner, solution)),
        Check::StageCount { at_least, at_most } => {
            let mut d = solution.clone();
            if *at_least > 0 {
                d.stages.truncate(*at_least as usize - 1);
            } else {
                let most = (*at_most)? as usize;
                while d.stages.len() <= most {
                    d.stages.push(Stage {
                        name: format!("Extra{}", d.stages.len()).into(),
                        actions: Vec::new(),
                        ..Default::default()
                    });
                }
            }
            d
        }
        Check::Not(inner) => match inner.as_ref() {
            Check::Has { action, at_least } => with_matching(solution, action, *at_least),
            _ => return None,
        },
    })
}

#[test]
fn each_requirement_fails_on_a_solution_changed_to_break_it() {
    for loaded in pack_challenges() {
        let c = &loaded.challenge;
        for (i, requirement) in c.requirements.iter().enumerate() {
            let Some(diagram) = broken(&requirement.check, &c.solution) else {
                panic!(
                    "{}: requirement {i} ({:?}) has no generic failing change; add a hand-written one",
                    c.id, requirement.description
                );
            };
            let graded = grade(c, &diagram);
            let result = &graded.results[i];
            assert!(
                !result.passed,
                "{}: requirement {:?} still passes after breaking it ({})",
                c.id, requirement.description, result.detail
            );
            assert_eq!(result.hint, requirement.hint);
            assert!(!graded.all_passed());
        }
    }
}

#[test]
fn challenge_ids_are_unique_and_files_are_named_after_them() {
    let challenges = pack_challenges();
    let mut ids: Vec<&str> = challenges.iter().map(|c| c.challenge.id.as_str()).collect();
    for loaded in &challenges {
        assert!(
            loaded.path.ends_with(&format!("-{}.ron", loaded.challenge.id)),
            "{} holds {}",
            loaded.path,
            loaded.challenge.id
        );
    }
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len());
}

#[test]
fn a_challenge_round_trips_through_ron() {
    for loaded in pack_challenges() {
        let text = ron::ser::to_string_pretty(&loaded.challenge, ron::ser::PrettyConfig::default()).unwrap();
        let back: Challenge = ron::from_str(&text).unwrap();
        assert_eq!(back, loaded.challenge);
    }
}

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
