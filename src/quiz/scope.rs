//! What a practice session draws from: the whole blueprint, some domains, objectives or topics,
//! and which question types.

use serde::{Deserialize, Serialize};

use crate::course::{Course, Question, QuestionKind};

/// The part of the course to practise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// Every question of the blueprint.
    Blueprint,
    /// Questions counted towards these domains (ids such as "1").
    Domains(Vec<String>),
    /// Questions mapped to these objectives (ids such as "1.5").
    Objectives(Vec<String>),
    /// Questions naming these topics.
    Topics(Vec<String>),
}

/// Which question types to include.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum TypeFilter {
    #[default]
    Both,
    SingleOnly,
    MultipleOnly,
}

impl TypeFilter {
    /// Whether a question of this kind is included.
    #[must_use]
    pub fn admits(self, kind: QuestionKind) -> bool {
        match self {
            Self::Both => true,
            Self::SingleOnly => kind == QuestionKind::Single,
            Self::MultipleOnly => matches!(kind, QuestionKind::Multiple { .. }),
        }
    }

    /// A label for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Both => "Single and multiple response",
            Self::SingleOnly => "Single response only",
            Self::MultipleOnly => "Multiple response only",
        }
    }
}

impl Scope {
    /// Whether a question falls in this scope, under blueprint index `blueprint`.
    #[must_use]
    pub fn contains(&self, course: &Course, blueprint: usize, question: &Question) -> bool {
        let Some(bp) = course.blueprints.get(blueprint) else {
            return false;
        };
        match self {
            Self::Blueprint => !course.question_objectives(question, blueprint).is_empty(),
            Self::Domains(ids) => course
                .question_domain(question, blueprint)
                .is_some_and(|d| ids.contains(&bp.domains[d].id)),
            Self::Objectives(ids) => course
                .question_objectives(question, blueprint)
                .iter()
                .any(|r| ids.contains(&bp.domains[r.domain].objectives[r.objective].id)),
            Self::Topics(ids) => question.topics.iter().any(|t| ids.contains(t)),
        }
    }

    /// A label for the session list, e.g. "Domain 1" or "Topic: AWS CodeBuild".
    #[must_use]
    pub fn label(&self, course: &Course) -> String {
        match self {
            Self::Blueprint => "Whole blueprint".to_owned(),
            Self::Domains(ids) => format!("Domains {}", ids.join(", ")),
            Self::Objectives(ids) => format!("Objectives {}", ids.join(", ")),
            Self::Topics(ids) => {
                let titles: Vec<&str> = ids
                    .iter()
                    .map(|id| course.topic(id).map_or(id.as_str(), |t| t.title.as_str()))
                    .collect();
                format!("Topics: {}", titles.join(", "))
            }
        }
    }
}

/// Ids of the questions in scope that pass the type filter, in pack order.
#[must_use]
pub fn questions_in_scope(
    course: &Course,
    blueprint: usize,
    scope: &Scope,
    types: TypeFilter,
) -> Vec<String> {
    course
        .questions
        .iter()
        .filter(|q| types.admits(q.kind) && scope.contains(course, blueprint, q))
        .map(|q| q.id.clone())
        .collect()
}
