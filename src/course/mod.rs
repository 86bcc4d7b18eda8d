//! Study material: the course pack model, loading it (embedded or from a folder), and checking it.
//!
//! Knows nothing of the screen or of the learner's progress.

pub mod anki;
pub mod check;
mod check_challenges;
mod load;
pub mod model;
mod problem;
mod requirements;
pub mod search;
mod source;
pub mod summary;

use std::collections::HashMap;

pub use crate::files::line_col;
pub use load::{COURSE_FILE, LoadReport, load};
pub use model::{
    BankRequirements, Blueprint, Card, Choice, Domain, ExamplePipeline, LoadedChallenge, Objective,
    ObjectiveRef, Question, QuestionKind, Topic,
};
pub use problem::Problem;
pub use source::{PackFile, PackSource, ReadPackError};

/// A loaded course: blueprints, topics with notes, questions, cards, example pipelines and
/// pipeline challenges.
#[derive(Debug, Clone)]
pub struct Course {
    pub title: String,
    pub blueprints: Vec<Blueprint>,
    pub topics: Vec<Topic>,
    pub questions: Vec<Question>,
    pub cards: Vec<Card>,
    pub pipelines: Vec<ExamplePipeline>,
    /// Pipeline exercises, in file order (set with [`Course::with_challenges`]).
    pub challenges: Vec<LoadedChallenge>,
    pub requirements: Option<BankRequirements>,
    /// Pack-relative paths of question, card, pipeline and challenge files that failed to parse
    /// and so contribute nothing (set with [`Course::with_broken_files`]).
    pub broken_files: Vec<String>,
    topic_index: HashMap<String, usize>,
    question_index: HashMap<String, usize>,
    card_index: HashMap<String, usize>,
}

impl Course {
    /// Builds the lookup tables over the given parts.
    #[must_use]
    pub fn new(
        title: String,
        blueprints: Vec<Blueprint>,
        topics: Vec<Topic>,
        questions: Vec<Question>,
        cards: Vec<Card>,
        pipelines: Vec<ExamplePipeline>,
        requirements: Option<BankRequirements>,
    ) -> Self {
        let topic_index = first_index(topics.iter().map(|t| t.id.as_str()));
        let question_index = first_index(questions.iter().map(|q| q.id.as_str()));
        let card_index = first_index(cards.iter().map(|c| c.id.as_str()));
        Self {
            title,
            blueprints,
            topics,
            questions,
            cards,
            pipelines,
            challenges: Vec::new(),
            requirements,
            broken_files: Vec::new(),
            topic_index,
            question_index,
            card_index,
        }
    }

    /// The course with these pipeline challenges.
    #[must_use]
    pub fn with_challenges(mut self, challenges: Vec<LoadedChallenge>) -> Self {
        self.challenges = challenges;
        self
    }

    /// The course, noting files that failed to parse (`check` then leaves out the targets that
    /// depend on them, so that the parse error is not buried under its consequences).
    #[must_use]
    pub fn with_broken_files(mut self, broken_files: Vec<String>) -> Self {
        self.broken_files = broken_files;
        self
    }

    /// Whether a file in this pack folder (e.g. `questions`) failed to parse.
    #[must_use]
    pub fn has_broken_file_in(&self, folder: &str) -> bool {
        self.broken_files.iter().any(|path| {
            path.strip_prefix(folder)
                .is_some_and(|rest| rest.starts_with('/'))
        })
    }

    /// Index of the default blueprint: the first, the one a new learner starts with. Every
    /// topic has a place in it; other blueprints may leave a topic out.
    #[must_use]
    pub const fn default_blueprint(&self) -> usize {
        0
    }

    /// The pipeline challenge with this id.
    #[must_use]
    pub fn challenge(&self, id: &str) -> Option<&LoadedChallenge> {
        self.challenges.iter().find(|c| c.challenge.id == id)
    }

    /// The topic with this id.
    #[must_use]
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topic_index.get(id).map(|&i| &self.topics[i])
    }

    /// The question with this id.
    #[must_use]
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_index.get(id).map(|&i| &self.questions[i])
    }

    /// The recall card with this id.
    #[must_use]
    pub fn card(&self, id: &str) -> Option<&Card> {
        self.card_index.get(id).map(|&i| &self.cards[i])
    }

    /// Index of the blueprint with this id.
    #[must_use]
    pub fn blueprint_index(&self, id: &str) -> Option<usize> {
        self.blueprints.iter().position(|b| b.id == id)
    }

    /// Resolves `blueprint/objective`, e.g. `dop-c01/1.5`.
    #[must_use]
    pub fn resolve_objective(&self, qualified: &str) -> Option<ObjectiveRef> {
        let (blueprint_id, objective_id) = qualified.split_once('/')?;
        let blueprint = self.blueprint_index(blueprint_id)?;
        self.blueprints[blueprint]
            .domains
            .iter()
            .enumerate()
            .find_map(|(domain, d)| {
                d.objectives
                    .iter()
                    .position(|o| o.id == objective_id)
                    .map(|objective| ObjectiveRef {
                        blueprint,
                        domain,
                        objective,
                    })
            })
    }

    /// The objectives of one blueprint that a question is mapped to.
    #[must_use]
    pub fn question_objectives(&self, question: &Question, blueprint: usize) -> Vec<ObjectiveRef> {
        let mut found: Vec<ObjectiveRef> = question
            .objectives
            .iter()
            .filter_map(|o| self.resolve_objective(o))
            .filter(|r| r.blueprint == blueprint)
            .collect();
        found.dedup();
        found
    }

    /// The domain (index) a question counts towards in a blueprint: the domain of its first
    /// objective there.
    #[must_use]
    pub fn question_domain(&self, question: &Question, blueprint: usize) -> Option<usize> {
        self.question_objectives(question, blueprint)
            .first()
            .map(|r| r.domain)
    }

    /// Topic ids taught under a domain, each once, in blueprint order.
    #[must_use]
    pub fn domain_topics(&self, blueprint: usize, domain: usize) -> Vec<&str> {
        let mut seen = Vec::new();
        if let Some(d) = self.blueprints.get(blueprint).and_then(|b| b.domains.get(domain)) {
            for topic in d.objectives.iter().flat_map(|o| o.topics.iter()) {
                if !seen.contains(&topic.as_str()) {
                    seen.push(topic.as_str());
                }
            }
        }
        seen
    }

    /// Questions that name this topic.
    pub fn questions_for_topic<'a>(&'a self, topic: &'a str) -> impl Iterator<Item = &'a Question> {
        self.questions
            .iter()
            .filter(move |q| q.topics.iter().any(|t| t == topic))
    }
}

/// Index of the first occurrence of each id (duplicates are reported by `check`).
fn first_index<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (i, id) in ids.enumerate() {
        index.entry(id.to_owned()).or_insert(i);
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn empty_course() -> Course {
        Course::new(
            "t".to_owned(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            None,
        )
    }

    #[test]
    fn broken_files_are_matched_by_folder() {
        let course = empty_course().with_broken_files(vec!["questions/mon.ron".to_owned()]);
        assert!(course.has_broken_file_in("questions"));
        assert!(!course.has_broken_file_in("cards"));
        assert!(!course.has_broken_file_in("quest"));
        assert!(!empty_course().has_broken_file_in("questions"));
    }
}
