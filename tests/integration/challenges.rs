//! Pipeline challenges: every challenge in the embedded pack grades its reference solution as
//! passing, its starting diagram as failing, and each requirement as failing on a solution
//! changed to break it. How the loader and checker report broken challenge files is in
//! `challenges_pack_check`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

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
