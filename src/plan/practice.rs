//! The practice and the notes of today's plan: the objectives that need practice most (the
//! exam weight times what is left to learn, from the answers given before today), a number of
//! questions that fits the minutes left, and the unread notes behind those objectives.

use crate::quiz::{Schedule, SessionKind};

use super::evidence::{Params, objective_posteriors};
use super::projection::practice_priority;
use super::today::{
    Learner, PlanItem, PlanItemKind, StudyTimes, count, list, minutes_text, note_minutes, whole,
};

/// Objectives a practice covers at most.
const MAX_PRACTICE_OBJECTIVES: usize = 3;
/// Notes the plan lists at most.
const MAX_NOTES: usize = 3;

/// Adds the practice and the notes behind it, within `left` minutes; returns the minutes left.
pub(super) fn practice_and_notes(
    learner: &Learner,
    times: &StudyTimes,
    start: u64,
    now: u64,
    mut left: f64,
    items: &mut Vec<PlanItem>,
) -> f64 {
    let model = learner.model;
    if model.objectives.is_empty() {
        return left;
    }
    // The choice rests on answers given before today, so it holds all day.
    let params = Params {
        question_item_weight: 0.0,
        card_item_weight: 0.0,
        ..Params::default()
    };
    let posteriors = objective_posteriors(
        model,
        learner.history,
        &Schedule::default(),
        start.saturating_sub(1),
        &params,
    );
    let mut order: Vec<usize> = (0..model.objectives.len()).collect();
    order.sort_by(|&a, &b| {
        practice_priority(model, &posteriors, b)
            .total_cmp(&practice_priority(model, &posteriors, a))
            .then(a.cmp(&b))
    });
    let answered_today = learner
        .history
        .given_answers()
        .filter(|a| a.kind == SessionKind::Practice && (start..=now).contains(&a.at_unix_secs))
        .count();
    let questions_possible = whole(left * 60.0 / times.question_secs).max(answered_today);
    let chosen: Vec<usize> = order
        .iter()
        .copied()
        .take((questions_possible / 8).clamp(1, MAX_PRACTICE_OBJECTIVES))
        .collect();

    // Notes: unread at the start of the day, behind the chosen objectives, within two fifths.
    let mut notes_budget = left * 0.4;
    let mut notes = Vec::new();
    for &i in &chosen {
        for topic in &model.objectives[i].topics {
            if notes.len() >= MAX_NOTES || notes.iter().any(|(t, _): &(&str, f64)| *t == topic.as_str()) {
                continue;
            }
            let read_at = learner.progress.read.get(topic).copied();
            if read_at.is_some_and(|at| at < start) {
                continue;
            }
            let Some(note) = learner.course.topic(topic) else {
                continue;
            };
            let minutes = note_minutes(&note.note);
            if minutes <= notes_budget {
                notes_budget -= minutes;
                notes.push((topic.as_str(), minutes));
            }
        }
    }
    let notes_minutes: f64 = notes.iter().map(|(_, m)| m).sum();
    let questions = whole((left - notes_minutes).max(0.0) * 60.0 / times.question_secs).max(answered_today);
    if questions > 0 {
        let minutes = questions as f64 * times.question_secs / 60.0;
        let remaining = questions.saturating_sub(answered_today);
        let minutes_left = remaining as f64 * times.question_secs / 60.0;
        let ids: Vec<String> = chosen.iter().map(|&i| model.objectives[i].id.clone()).collect();
        items.push(PlanItem {
            label: if remaining == 0 {
                format!("Practice done ({answered_today} answered today)")
            } else {
                format!(
                    "Practise {} on {} · {} answered · about {}",
                    count(questions, "question"),
                    match chosen.as_slice() {
                        // One task statement: its title says what to practise.
                        [only] => format!("{} {}", ids[0], model.objectives[*only].title),
                        _ => list(&ids),
                    },
                    answered_today,
                    minutes_text(minutes_left)
                )
            },
            kind: PlanItemKind::Practice {
                questions,
                answered: answered_today,
                objectives: ids,
            },
            minutes,
            minutes_left,
            done: remaining == 0,
        });
        left = (left - minutes).max(0.0);
    }
    for (topic, minutes) in notes {
        let title = learner
            .course
            .topic(topic)
            .map_or_else(|| topic.to_owned(), |t| t.title.clone());
        let done = learner.progress.is_read(topic);
        items.push(PlanItem {
            label: if done {
                format!("Read “{title}” · done")
            } else {
                format!("Read “{title}” · about {}", minutes_text(minutes))
            },
            kind: PlanItemKind::ReadNote {
                topic: topic.to_owned(),
                title,
            },
            minutes,
            minutes_left: if done { 0.0 } else { minutes },
            done,
        });
        left = (left - minutes).max(0.0);
    }
    left
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::course::Course;
    use crate::plan::exam_model::ExamModel;
    use crate::plan::exam_model::tests::embedded;
    use crate::progress::Progress;
    use crate::quiz::History;

    const NOW: u64 = 1_795_791_600;

    fn run(course: &Course, model: &ExamModel, progress: &Progress, minutes: f64) -> (Vec<PlanItem>, f64) {
        let history = History::default();
        let schedule = Schedule::default();
        let learner = Learner {
            course,
            model,
            progress,
            history: &history,
            schedule: &schedule,
        };
        let times = StudyTimes::of(&history, NOW);
        let mut items = Vec::new();
        let left = practice_and_notes(&learner, &times, NOW - 3600, NOW, minutes, &mut items);
        (items, left)
    }

    #[test]
    fn no_minutes_no_practice_and_more_minutes_more_questions_and_objectives() {
        let course = embedded();
        let model = ExamModel::new(&course, 0);
        let progress = Progress::default();
        let (items, left) = run(&course, &model, &progress, 0.0);
        assert!(items.is_empty() && left.abs() < 1e-12);
        let questions = |items: &[PlanItem]| {
            items
                .iter()
                .find_map(|i| match &i.kind {
                    PlanItemKind::Practice {
                        questions,
                        objectives,
                        ..
                    } => Some((*questions, objectives.len())),
                    _ => None,
                })
                .unwrap()
        };
        let (short, _) = run(&course, &model, &progress, 10.0);
        let (long, left) = run(&course, &model, &progress, 90.0);
        assert!(questions(&long).0 > questions(&short).0);
        assert_eq!(questions(&short).1, 1);
        assert_eq!(questions(&long).1, MAX_PRACTICE_OBJECTIVES);
        assert!((0.0..2.0).contains(&left), "{left}");
        // Notes take at most two fifths of the minutes.
        let notes: f64 = long
            .iter()
            .filter(|i| matches!(i.kind, PlanItemKind::ReadNote { .. }))
            .map(|i| i.minutes)
            .sum();
        assert!(notes > 0.0 && notes <= 36.0, "{notes}");
    }
}
