//! `stagecraft check` rules for pipeline challenges: unique ids, known topics and objectives,
//! requirements that name only configuration keys their provider takes, a reference solution
//! that CodePipeline would accept, that meets every requirement and that has an explanation,
//! and a starting diagram that does not already meet them all.

use std::collections::HashSet;

use super::Course;
use super::check::Locator;
use super::problem::{Problem, find_from, find_id};
use crate::pipeline::catalog;
use crate::pipeline::challenge::{Check, Matcher, grade};
use crate::pipeline::rules;

/// Why a configuration key named in a requirement can never match: its provider is unknown to
/// the catalog, or takes no such key. `None` when the key is fine (or no provider is named).
fn unknown_config_key(matcher: &Matcher, key: &str) -> Option<String> {
    let provider = matcher.provider.as_deref()?;
    let specs: Vec<&catalog::ProviderSpec> = catalog::all()
        .iter()
        .filter(|p| p.provider == provider && matcher.category.is_none_or(|c| c == p.category))
        .collect();
    if specs.is_empty() {
        return Some(format!(
            "names configuration key {key:?} of provider {provider:?}, which the catalog does not know"
        ));
    }
    if specs.iter().any(|p| p.config_key(key).is_some()) {
        None
    } else {
        Some(format!(
            "names configuration key {key:?}, which {provider} does not take"
        ))
    }
}

/// The configuration keys of a check that can never match, with the reason.
fn unknown_config_keys(check: &Check) -> Vec<String> {
    check
        .matchers()
        .into_iter()
        .flat_map(|(matcher, named_key)| {
            matcher
                .config
                .keys()
                .map(String::as_str)
                .chain(named_key)
                .filter_map(|key| unknown_config_key(matcher, key))
                .collect::<Vec<_>>()
        })
        .collect()
}

pub(super) fn check_challenges(course: &Course, at: &mut Locator<'_>, problems: &mut Vec<Problem>) {
    let mut ids = HashSet::new();
    for loaded in &course.challenges {
        let challenge = &loaded.challenge;
        let path = loaded.path.as_str();
        let text = at.text(path).to_owned();
        let id_at = find_id(&text, 0, &challenge.id);
        let mut report = |offset: usize, message: String| {
            problems.push(at.problem(path, offset, format!("challenge {:?}: {message}", challenge.id)));
        };

        if challenge.id.trim().is_empty() {
            report(id_at, "the id is empty".to_owned());
        } else if !ids.insert(challenge.id.as_str()) {
            report(id_at, "the id is used twice".to_owned());
        }
        if challenge.title.trim().is_empty() {
            report(id_at, "the title is empty".to_owned());
        }
        if challenge.brief.trim().is_empty() {
            report(id_at, "the brief is empty".to_owned());
        }
        let topics_at = find_from(&text, id_at, "topics:");
        for topic in &challenge.topics {
            if course.topic(topic).is_none() {
                report(
                    find_from(&text, topics_at, &format!("{topic:?}")),
                    format!("unknown topic {topic:?}"),
                );
            }
        }
        let objectives_at = find_from(&text, id_at, "objectives:");
        for objective in &challenge.objectives {
            if course.resolve_objective(objective).is_none() {
                report(
                    find_from(&text, objectives_at, &format!("{objective:?}")),
                    format!(
                        "unknown objective {objective:?} (expected blueprint/objective, e.g. dop-c01/1.5)"
                    ),
                );
            }
        }
        if challenge.requirements.is_empty() {
            report(id_at, "there are no requirements".to_owned());
            continue;
        }
        let requirements_at = find_from(&text, id_at, "requirements:");
        for requirement in &challenge.requirements {
            for problem in unknown_config_keys(&requirement.check) {
                report(
                    find_from(&text, requirements_at, &format!("{:?}", requirement.description)),
                    format!("requirement {:?} {problem}", requirement.description),
                );
            }
        }
        if challenge.explanation.trim().is_empty() {
            report(
                find_from(&text, id_at, "solution:"),
                "the reference solution has no explanation (explanation: \"…\")".to_owned(),
            );
        }

        let solution_at = find_from(&text, id_at, "solution:");
        for finding in rules::check(&challenge.solution).iter().filter(|f| f.is_error()) {
            let offset = finding
                .action_name
                .as_ref()
                .or(finding.stage_name.as_ref())
                .map_or(solution_at, |name| {
                    find_from(&text, solution_at, &format!("{name:?}"))
                });
            report(offset, format!("the solution breaks a rule: {finding}"));
        }
        for result in grade(challenge, &challenge.solution)
            .results
            .iter()
            .filter(|r| !r.passed)
        {
            report(
                find_from(&text, requirements_at, &format!("{:?}", result.description)),
                format!(
                    "the solution fails requirement {:?} ({})",
                    result.description, result.detail
                ),
            );
        }
        if grade(challenge, &challenge.start_diagram()).all_passed() {
            let start_at = if challenge.start.is_some() {
                find_from(&text, id_at, "start:")
            } else {
                id_at
            };
            report(
                start_at,
                "the starting diagram already meets every requirement".to_owned(),
            );
        }
    }
}
