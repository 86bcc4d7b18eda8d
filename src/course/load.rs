//! Turns a [`PackSource`] into a [`Course`], collecting every parse problem with its position.

use serde::de::DeserializeOwned;

use super::Course;
use super::model::{Card, CourseFile, ExamplePipeline, LoadedChallenge, Question, Topic};
use super::problem::Problem;
use super::source::{PackFile, PackSource};
use crate::pipeline::Diagram;
use crate::pipeline::challenge::Challenge;

/// The result of loading a pack: the course when `course.ron` could be read, and every problem.
#[derive(Debug)]
pub struct LoadReport {
    pub course: Option<Course>,
    pub problems: Vec<Problem>,
}

/// The file every pack must have.
pub const COURSE_FILE: &str = "course.ron";

/// Loads a pack. Files that fail to parse are reported and skipped; only a missing or unreadable
/// `course.ron` leaves no course at all.
#[must_use]
pub fn load(source: &PackSource) -> LoadReport {
    let mut problems = Vec::new();
    let Some(course_file) = source.file(COURSE_FILE) else {
        problems.push(Problem {
            path: source.display_path(COURSE_FILE),
            line: 1,
            col: 1,
            message: "the pack has no course.ron".to_owned(),
        });
        return LoadReport {
            course: None,
            problems,
        };
    };
    let definition: CourseFile = match parse(source, course_file) {
        Ok(definition) => definition,
        Err(problem) => {
            problems.push(problem);
            return LoadReport {
                course: None,
                problems,
            };
        }
    };

    let topics = definition
        .topics
        .iter()
        .map(|t| Topic {
            id: t.id.clone(),
            title: t.title.clone(),
            note: source
                .file(&format!("notes/{}.md", t.id))
                .map(|f| f.text.clone())
                .unwrap_or_default(),
        })
        .collect();

    // Files that fail to parse are reported once here; `check` must not also report what
    // their absence causes (too few questions, a domain out of balance).
    let mut broken_files = Vec::new();
    let mut questions = Vec::new();
    for file in source.files_in("questions") {
        match parse::<Vec<Question>>(source, file) {
            Ok(list) => questions.extend(list.into_iter().map(|mut q| {
                q.file.clone_from(&file.path);
                q
            })),
            Err(problem) => {
                broken_files.push(file.path.clone());
                problems.push(problem);
            }
        }
    }

    let mut cards = Vec::new();
    for file in source.files_in("cards") {
        match parse::<Vec<Card>>(source, file) {
            Ok(list) => cards.extend(list.into_iter().map(|mut c| {
                c.file.clone_from(&file.path);
                c
            })),
            Err(problem) => {
                broken_files.push(file.path.clone());
                problems.push(problem);
            }
        }
    }

    let mut pipelines = Vec::new();
    for file in source.files_in("pipelines") {
        match parse::<Diagram>(source, file) {
            Ok(diagram) => pipelines.push(ExamplePipeline {
                path: file.path.clone(),
                diagram,
            }),
            Err(problem) => {
                broken_files.push(file.path.clone());
                problems.push(problem);
            }
        }
    }

    let mut challenges = Vec::new();
    for file in source.files_in("challenges") {
        match parse::<Challenge>(source, file) {
            Ok(mut challenge) => {
                // Files written by hand omit action ids; the editor and grading need them.
                challenge.solution.assign_missing_ids();
                if let Some(start) = &mut challenge.start {
                    start.assign_missing_ids();
                }
                challenges.push(LoadedChallenge {
                    path: file.path.clone(),
                    challenge,
                });
            }
            Err(problem) => {
                broken_files.push(file.path.clone());
                problems.push(problem);
            }
        }
    }

    let course = Course::new(
        definition.title,
        definition.blueprints,
        topics,
        questions,
        cards,
        pipelines,
        definition.requirements,
    )
    .with_challenges(challenges)
    .with_broken_files(broken_files);
    LoadReport {
        course: Some(course),
        problems,
    }
}

/// Parses one RON file, turning a syntax or shape error into a positioned [`Problem`].
fn parse<T: DeserializeOwned>(source: &PackSource, file: &PackFile) -> Result<T, Problem> {
    ron::from_str(&file.text).map_err(|err| Problem::from_ron(&source.display_path(&file.path), &err))
}
