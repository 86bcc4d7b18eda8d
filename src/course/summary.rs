//! Counts that describe a pack: what `stagecraft check` prints and `check --json` emits.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Course;
use super::model::QuestionKind;

/// The summary `stagecraft check --json` prints. Maps are sorted so output diffs cleanly.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub title: String,
    pub blueprints: Vec<String>,
    pub topics: usize,
    pub notes: usize,
    pub note_words: usize,
    pub questions: usize,
    /// `blueprint/domain` → questions counted towards that domain.
    pub questions_by_domain: BTreeMap<String, usize>,
    /// `blueprint/objective` → questions mapped to that objective.
    pub questions_by_objective: BTreeMap<String, usize>,
    /// `blueprint/objective` → questions mapped to that task statement, for the objectives of the
    /// default blueprint (the current exam guide, whose objectives are its task statements).
    pub questions_by_task_statement: BTreeMap<String, usize>,
    /// `single`, `multiple` → count.
    pub questions_by_type: BTreeMap<String, usize>,
    pub cards: usize,
    pub pipelines: usize,
    /// Pipeline challenges.
    pub challenges: usize,
    pub errors: Vec<String>,
}

impl Summary {
    /// Summarises a loaded course; `errors` are the problems found, already formatted.
    #[must_use]
    pub fn new(course: &Course, errors: Vec<String>) -> Self {
        let mut questions_by_domain = BTreeMap::new();
        let mut questions_by_objective = BTreeMap::new();
        for (b, blueprint) in course.blueprints.iter().enumerate() {
            for (domain, n) in blueprint.domains.iter().zip(domain_counts(course, b)) {
                questions_by_domain.insert(format!("{}/{}", blueprint.id, domain.id), n);
            }
            let objective_counts = objective_counts(course, b);
            for objective in blueprint.domains.iter().flat_map(|d| d.objectives.iter()) {
                let n = objective_counts.get(objective.id.as_str()).copied().unwrap_or(0);
                questions_by_objective.insert(format!("{}/{}", blueprint.id, objective.id), n);
            }
        }
        let default = course.default_blueprint();
        let questions_by_task_statement =
            course
                .blueprints
                .get(default)
                .map_or_else(BTreeMap::new, |blueprint| {
                    blueprint
                        .domains
                        .iter()
                        .flat_map(|d| d.objectives.iter())
                        .map(|o| {
                            let key = format!("{}/{}", blueprint.id, o.id);
                            let n = questions_by_objective.get(&key).copied().unwrap_or(0);
                            (key, n)
                        })
                        .collect()
                });
        let mut questions_by_type = BTreeMap::from([("multiple".to_owned(), 0), ("single".to_owned(), 0)]);
        for question in &course.questions {
            let key = match question.kind {
                QuestionKind::Single => "single",
                QuestionKind::Multiple { .. } => "multiple",
            };
            *questions_by_type.entry(key.to_owned()).or_insert(0) += 1;
        }
        Self {
            title: course.title.clone(),
            blueprints: course.blueprints.iter().map(|b| b.id.clone()).collect(),
            topics: course.topics.len(),
            notes: course.topics.iter().filter(|t| !t.note.trim().is_empty()).count(),
            note_words: course
                .topics
                .iter()
                .map(|t| t.note.split_whitespace().count())
                .sum(),
            questions: course.questions.len(),
            questions_by_domain,
            questions_by_objective,
            questions_by_task_statement,
            questions_by_type,
            cards: course.cards.len(),
            pipelines: course.pipelines.len(),
            challenges: course.challenges.len(),
            errors,
        }
    }

    /// The human-readable lines `stagecraft check` prints for a valid pack.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut lines = vec![
            format!("{}: the pack is valid", self.title),
            format!("  blueprints: {}", self.blueprints.join(", ")),
            format!(
                "  topics: {} ({} with notes, {} words)",
                self.topics, self.notes, self.note_words
            ),
            format!(
                "  questions: {} ({} single response, {} multiple response)",
                self.questions,
                self.questions_by_type.get("single").copied().unwrap_or(0),
                self.questions_by_type.get("multiple").copied().unwrap_or(0)
            ),
        ];
        for (domain, n) in &self.questions_by_domain {
            lines.push(format!("    {domain}: {n}"));
        }
        lines.push(format!("  recall cards: {}", self.cards));
        lines.push(format!("  example pipelines: {}", self.pipelines));
        lines.push(format!("  pipeline challenges: {}", self.challenges));
        lines.join("\n")
    }
}

/// Questions per domain of a blueprint, in domain order (each question counts once, towards the
/// domain of its first objective in that blueprint).
#[must_use]
pub fn domain_counts(course: &Course, blueprint: usize) -> Vec<usize> {
    let Some(bp) = course.blueprints.get(blueprint) else {
        return Vec::new();
    };
    let mut counts = vec![0; bp.domains.len()];
    for question in &course.questions {
        if let Some(domain) = course.question_domain(question, blueprint) {
            counts[domain] += 1;
        }
    }
    counts
}

/// Questions per objective id of a blueprint (a question counts for every objective it names).
#[must_use]
pub fn objective_counts(course: &Course, blueprint: usize) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    let Some(bp) = course.blueprints.get(blueprint) else {
        return counts;
    };
    for question in &course.questions {
        for r in course.question_objectives(question, blueprint) {
            let id = bp.domains[r.domain].objectives[r.objective].id.as_str();
            *counts.entry(id).or_insert(0) += 1;
        }
    }
    counts
}
