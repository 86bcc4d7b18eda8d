//! `stagecraft check`: every rule a course pack must satisfy, each problem pointing at its place.

use std::collections::{HashMap, HashSet};

use super::model::{Question, QuestionKind};
use super::problem::{Problem, find_from, find_id};
use super::source::PackSource;
use super::{COURSE_FILE, Course};

/// Runs every rule over a loaded course. `source` supplies the text used to point at places.
#[must_use]
pub fn check(course: &Course, source: &PackSource) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut at = Locator { source };
    check_structure(course, &mut at, &mut problems);
    check_notes(course, &mut at, &mut problems);
    check_questions(course, &mut at, &mut problems);
    check_cards(course, &mut at, &mut problems);
    super::requirements::check_requirements(course, &mut at, &mut problems);
    check_example_pipelines(course, &mut at, &mut problems);
    super::check_challenges::check_challenges(course, &mut at, &mut problems);
    problems
}

/// Finds positions in pack files for problems that are not parse errors.
pub(super) struct Locator<'a> {
    source: &'a PackSource,
}

impl Locator<'_> {
    pub(super) fn text(&self, path: &str) -> &str {
        self.source.file(path).map_or("", |f| f.text.as_str())
    }

    pub(super) fn problem(&self, path: &str, offset: usize, message: String) -> Problem {
        Problem::at_offset(&self.source.display_path(path), self.text(path), offset, message)
    }
}

fn check_structure(course: &Course, at: &mut Locator<'_>, problems: &mut Vec<Problem>) {
    let text = at.text(COURSE_FILE).to_owned();
    let mut blueprint_ids = HashSet::new();
    for blueprint in &course.blueprints {
        let bp_at = find_id(&text, 0, &blueprint.id);
        if !blueprint_ids.insert(blueprint.id.as_str()) {
            problems.push(at.problem(
                COURSE_FILE,
                bp_at,
                format!("blueprint id {:?} is used twice", blueprint.id),
            ));
        }
        let total: u32 = blueprint.domains.iter().map(|d| d.weight_percent).sum();
        if total != 100 {
            problems.push(at.problem(
                COURSE_FILE,
                bp_at,
                format!(
                    "the domain weights of blueprint {:?} sum to {total}, not 100",
                    blueprint.id
                ),
            ));
        }
        let mut domain_ids = HashSet::new();
        let mut objective_ids = HashSet::new();
        let mut cursor = bp_at;
        for domain in &blueprint.domains {
            let domain_at = find_id(&text, cursor, &domain.id);
            cursor = domain_at;
            if !domain_ids.insert(domain.id.as_str()) {
                problems.push(at.problem(
                    COURSE_FILE,
                    domain_at,
                    format!(
                        "domain id {:?} is used twice in blueprint {:?}",
                        domain.id, blueprint.id
                    ),
                ));
            }
            for objective in &domain.objectives {
                let objective_at = find_id(&text, cursor, &objective.id);
                cursor = objective_at;
                if !objective_ids.insert(objective.id.as_str()) {
                    problems.push(at.problem(
                        COURSE_FILE,
                        objective_at,
                        format!(
                            "objective id {:?} is used twice in blueprint {:?}",
                            objective.id, blueprint.id
                        ),
                    ));
                }
                if objective.topics.is_empty() {
                    problems.push(at.problem(
                        COURSE_FILE,
                        objective_at,
                        format!("objective {}/{} has no topic", blueprint.id, objective.id),
                    ));
                }
                for topic in &objective.topics {
                    if course.topic(topic).is_none() {
                        let topic_at = find_from(&text, objective_at, &format!("{topic:?}"));
                        problems.push(at.problem(
                            COURSE_FILE,
                            topic_at,
                            format!(
                                "objective {}/{} names unknown topic {topic:?}",
                                blueprint.id, objective.id
                            ),
                        ));
                    }
                }
            }
        }
    }

    let mapped: Vec<HashSet<&str>> = course
        .blueprints
        .iter()
        .map(|b| {
            b.domains
                .iter()
                .flat_map(|d| d.objectives.iter())
                .flat_map(|o| o.topics.iter().map(String::as_str))
                .collect()
        })
        .collect();
    let mut topic_ids = HashSet::new();
    // Topic declarations are the `Topic(` entries; objectives only name topics.
    let mut cursor = find_from(&text, 0, "Topic(");
    for topic in &course.topics {
        let topic_at = find_id(&text, cursor, &topic.id);
        cursor = topic_at + 1;
        if !topic_ids.insert(topic.id.as_str()) {
            problems.push(at.problem(
                COURSE_FILE,
                topic_at,
                format!("topic id {:?} is used twice", topic.id),
            ));
        }
        // Every topic has a place in the default blueprint (the current exam). An older
        // blueprint may have no place for a newer service: its tree and exam leave it out.
        let default = course.default_blueprint();
        if let (Some(blueprint), Some(ids)) = (course.blueprints.get(default), mapped.get(default))
            && !ids.contains(topic.id.as_str())
        {
            problems.push(at.problem(
                COURSE_FILE,
                topic_at,
                format!(
                    "topic {:?} maps to no objective of blueprint {:?}, the default blueprint, where every topic needs a place",
                    topic.id, blueprint.id
                ),
            ));
        }
        if topic.note.trim().is_empty() {
            problems.push(at.problem(
                COURSE_FILE,
                topic_at,
                format!(
                    "topic {:?} has no note (expected notes/{}.md)",
                    topic.id, topic.id
                ),
            ));
        }
    }
}

/// Example pipelines must be ones CodePipeline would accept: rule errors are pack problems.
fn check_example_pipelines(course: &Course, at: &mut Locator<'_>, problems: &mut Vec<Problem>) {
    for example in &course.pipelines {
        for finding in crate::pipeline::rules::check(&example.diagram)
            .iter()
            .filter(|f| f.is_error())
        {
            let needle = finding
                .action_name
                .as_ref()
                .or(finding.stage_name.as_ref())
                .map(|n| format!("{n:?}"));
            let offset = needle.map_or(0, |n| find_from(at.text(&example.path), 0, &n));
            problems.push(at.problem(&example.path, offset, format!("example pipeline: {finding}")));
        }
    }
}

/// Every `topic:` link target in a Markdown note, with its byte offset.
#[must_use]
pub fn topic_links(markdown: &str) -> Vec<(usize, &str)> {
    let mut links = Vec::new();
    let mut start = 0;
    while let Some(i) = markdown[start..].find("](topic:") {
        let target_at = start + i + "](topic:".len();
        let end = markdown[target_at..]
            .find([')', ' ', '\n'])
            .map_or(markdown.len(), |j| target_at + j);
        links.push((target_at, &markdown[target_at..end]));
        start = end;
    }
    links
}

fn check_notes(course: &Course, at: &mut Locator<'_>, problems: &mut Vec<Problem>) {
    for file in at.source.files_in("notes") {
        let Some(topic_id) = file
            .path
            .strip_prefix("notes/")
            .and_then(|name| name.strip_suffix(".md"))
        else {
            continue;
        };
        if course.topic(topic_id).is_none() {
            problems.push(at.problem(
                &file.path,
                0,
                format!("note for {topic_id:?}, which course.ron does not declare as a topic"),
            ));
        }
        for (offset, target) in topic_links(&file.text) {
            if course.topic(target).is_none() {
                problems.push(at.problem(&file.path, offset, format!("link to unknown topic {target:?}")));
            }
        }
    }
}

fn check_questions(course: &Course, at: &mut Locator<'_>, problems: &mut Vec<Problem>) {
    let mut ids = HashSet::new();
    let mut stems: HashMap<String, &str> = HashMap::new();
    let mut cursors: HashMap<&str, usize> = HashMap::new();
    for question in &course.questions {
        let cursor = cursors.entry(question.file.as_str()).or_insert(0);
        let q_at = find_id(at.text(&question.file), *cursor, &question.id);
        *cursor = q_at + 1;
        let mut report = |offset: usize, message: String| {
            problems.push(at.problem(
                &question.file,
                offset,
                format!("question {:?}: {message}", question.id),
            ));
        };
        if !ids.insert(question.id.as_str()) {
            report(q_at, "the id is used twice".to_owned());
        }
        let stem_key = normalize(&question.stem);
        if stem_key.is_empty() {
            report(q_at, "the stem is empty".to_owned());
        } else if let Some(other) = stems.insert(stem_key, &question.id) {
            report(q_at, format!("the stem repeats question {other:?}"));
        }
        for message in question_shape_problems(question) {
            report(q_at, message);
        }
        for objective in &question.objectives {
            if course.resolve_objective(objective).is_none() {
                report(
                    q_at,
                    format!(
                        "unknown objective {objective:?} (expected blueprint/objective, e.g. dop-c01/1.5)"
                    ),
                );
            }
        }
        for (b, blueprint) in course.blueprints.iter().enumerate() {
            if course.question_objectives(question, b).is_empty() {
                report(
                    q_at,
                    format!("maps to no objective of blueprint {:?}", blueprint.id),
                );
            }
        }
        if question.topics.is_empty() {
            report(q_at, "names no topic".to_owned());
        }
        for topic in &question.topics {
            if course.topic(topic).is_none() {
                report(q_at, format!("unknown topic {topic:?}"));
            }
        }
    }
}

/// Option, answer-key and metadata rules of one question, independent of the rest of the pack.
#[must_use]
pub fn question_shape_problems(question: &Question) -> Vec<String> {
    let mut found = Vec::new();
    let options = question.options.len();
    let correct = question.options.iter().filter(|o| o.correct).count();
    if correct == 0 {
        found.push("no option is marked correct".to_owned());
    }
    match question.kind {
        QuestionKind::Single => {
            if options != 4 {
                found.push(format!(
                    "a single-response question needs 4 options, it has {options}"
                ));
            }
            if correct > 1 {
                found.push(format!(
                    "a single-response question needs exactly one correct option, it has {correct}"
                ));
            }
        }
        QuestionKind::Multiple { pick } => {
            let pick = usize::from(pick);
            if pick < 2 {
                found.push(format!(
                    "a multiple-response question must ask for at least 2 picks, it asks for {pick}"
                ));
            }
            if !(5..=6).contains(&options) {
                found.push(format!(
                    "a multiple-response question needs 5 or 6 options, it has {options}"
                ));
            }
            if correct != pick {
                found.push(format!(
                    "asks to pick {pick} but {correct} options are marked correct"
                ));
            }
        }
    }
    for (i, option) in question.options.iter().enumerate() {
        let letter = option_letter(i);
        if option.text.trim().is_empty() {
            found.push(format!("option {letter} has no text"));
        }
        if option.explanation.trim().is_empty() {
            found.push(format!("option {letter} has no explanation"));
        }
    }
    if !(1..=3).contains(&question.difficulty) {
        found.push(format!(
            "difficulty must be 1, 2 or 3, not {}",
            question.difficulty
        ));
    }
    if !is_iso_date(&question.revised) {
        found.push(format!("revised date {:?} is not YYYY-MM-DD", question.revised));
    }
    if question.references.is_empty() {
        found.push("has no documentation reference".to_owned());
    }
    for reference in &question.references {
        if !is_https_url(reference) {
            found.push(format!("reference {reference:?} is not an https:// URL"));
        }
    }
    found
}

fn check_cards(course: &Course, at: &mut Locator<'_>, problems: &mut Vec<Problem>) {
    let mut ids = HashSet::new();
    let mut fronts: HashMap<String, &str> = HashMap::new();
    let mut cursors: HashMap<&str, usize> = HashMap::new();
    for card in &course.cards {
        let cursor = cursors.entry(card.file.as_str()).or_insert(0);
        let c_at = find_id(at.text(&card.file), *cursor, &card.id);
        *cursor = c_at + 1;
        let mut report = |message: String| {
            problems.push(at.problem(&card.file, c_at, format!("card {:?}: {message}", card.id)));
        };
        if !ids.insert(card.id.as_str()) {
            report("the id is used twice".to_owned());
        }
        if let Some(other) = fronts.insert(normalize(&card.front), &card.id) {
            report(format!(
                "the front repeats card {other:?} (Anki would merge them)"
            ));
        }
        if card.front.trim().is_empty() || card.back.trim().is_empty() {
            report("front and back must both have text".to_owned());
        }
        if card.topics.is_empty() {
            report("names no topic".to_owned());
        }
        for topic in &card.topics {
            if course.topic(topic).is_none() {
                report(format!("unknown topic {topic:?}"));
            }
        }
        if !card.reference.is_empty() && !is_https_url(&card.reference) {
            report(format!("reference {:?} is not an https:// URL", card.reference));
        }
    }
}

/// `part` as a percentage of `whole`.
#[must_use]
pub fn percent_of(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    #[expect(clippy::cast_precision_loss, reason = "counts stay far below 2^52")]
    let ratio = part as f64 / whole as f64;
    ratio * 100.0
}

/// A, B, C… for option indices.
#[must_use]
pub fn option_letter(index: usize) -> char {
    u8::try_from(index)
        .ok()
        .filter(|i| *i < 26)
        .map_or('?', |i| char::from(b'A' + i))
}

fn normalize(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_https_url(text: &str) -> bool {
    text.strip_prefix("https://").is_some_and(|rest| {
        let host = rest.split('/').next().unwrap_or("");
        host.contains('.') && !rest.contains(char::is_whitespace)
    })
}

fn is_iso_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return false;
    };
    let number = |s: &str, len: usize| s.len() == len && s.chars().all(|c| c.is_ascii_digit());
    if !(number(y, 4) && number(m, 2) && number(d, 2)) {
        return false;
    }
    let month: u32 = m.parse().unwrap_or(0);
    let day: u32 = d.parse().unwrap_or(0);
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_urls_need_a_host() {
        assert!(is_https_url("https://docs.aws.amazon.com/x"));
        assert!(!is_https_url("http://docs.aws.amazon.com/x"));
        assert!(!is_https_url("https://localhost"));
        assert!(!is_https_url("https://a.b/c d"));
    }

    #[test]
    fn iso_dates() {
        assert!(is_iso_date("2026-11-26"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("26-11-2026"));
        assert!(!is_iso_date(""));
    }

    #[test]
    fn topic_links_are_found_with_offsets() {
        let md = "See [A](topic:a) and [B](topic:b-c).";
        let links = topic_links(md);
        assert_eq!(links.iter().map(|l| l.1).collect::<Vec<_>>(), ["a", "b-c"]);
        assert_eq!(&md[links[0].0..links[0].0 + 1], "a");
    }
}
