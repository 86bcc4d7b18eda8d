//! Tests of today's plan.

#![allow(clippy::unwrap_used)]

use super::*;
use crate::plan::countdown::parse_exam_date;
use crate::plan::exam_model::tests::embedded;
use crate::plan::tests::{answer, question_in, state};
use crate::progress::clock::DAY_SECS;
use crate::quiz::schedule::{Grade, ReviewRecord};

/// 2026-11-27 15:00 UTC.
const NOW: u64 = 1_795_791_600;

struct State {
    course: Course,
    model: ExamModel,
    progress: Progress,
    history: History,
    schedule: Schedule,
}

impl State {
    fn new() -> Self {
        let course = embedded();
        let model = ExamModel::new(&course, 0);
        Self {
            course,
            model,
            progress: Progress::default(),
            history: History::default(),
            schedule: Schedule::default(),
        }
    }

    fn plan(&self, settings: &PlanSettings, now: u64) -> TodayPlan {
        let learner = Learner {
            course: &self.course,
            model: &self.model,
            progress: &self.progress,
            history: &self.history,
            schedule: &self.schedule,
        };
        today_plan(&learner, settings, now, &Zone::UTC)
    }

    /// `n` question items due at `due`, oldest first.
    fn due_questions(&mut self, n: usize, due: u64) {
        for (k, q) in self.course.questions.iter().take(n).enumerate() {
            let mut s = state(2.0, due - 3 * DAY_SECS);
            s.due_unix_secs = due + k as u64;
            self.schedule.items.insert(ItemKey::Question(q.id.clone()), s);
        }
    }
}

fn practice(plan: &TodayPlan) -> Option<&PlanItem> {
    plan.items
        .iter()
        .find(|i| matches!(i.kind, PlanItemKind::Practice { .. }))
}

fn kinds(plan: &TodayPlan) -> Vec<&'static str> {
    plan.items
        .iter()
        .map(|i| match i.kind {
            PlanItemKind::Reviews { .. } => "reviews",
            PlanItemKind::NewCards { .. } => "new cards",
            PlanItemKind::Practice { .. } => "practice",
            PlanItemKind::ReadNote { .. } => "note",
        })
        .collect()
}

#[test]
fn a_new_learner_gets_new_cards_practice_on_the_heaviest_objectives_and_their_notes() {
    let state = State::new();
    let plan = state.plan(&PlanSettings::default(), NOW);
    assert_eq!(kinds(&plan)[..2], ["new cards", "practice"], "{plan:#?}");
    assert!(kinds(&plan)[2..].iter().all(|k| *k == "note"));
    assert!(plan.pace_warning.is_none() && plan.countdown.is_none());
    // A quarter of 30 minutes at 30 s a card.
    assert_eq!(plan.items[0].kind, PlanItemKind::NewCards { left: 15, done: 0 });
    // Nothing known: the objectives with the most exam weight come first.
    let PlanItemKind::Practice {
        questions,
        answered,
        objectives,
    } = &practice(&plan).unwrap().kind
    else {
        unreachable!()
    };
    assert_eq!(*answered, 0);
    assert!(*questions >= 5, "{questions}");
    let heaviest = state
        .model
        .objectives
        .iter()
        .max_by(|a, b| a.exam_weight.total_cmp(&b.exam_weight))
        .unwrap();
    assert_eq!(objectives[0], heaviest.id);
    // Notes sit under the chosen objectives.
    for item in &plan.items {
        if let PlanItemKind::ReadNote { topic, .. } = &item.kind {
            assert!(objectives.iter().any(|id| {
                let i = state.model.objective_index(id).unwrap();
                state.model.objectives[i].topics.contains(topic)
            }));
            assert!(!item.done && item.minutes >= MIN_NOTE_MINUTES);
        }
    }
    // Fitted to the minutes.
    assert!(plan.minutes() <= 30.0 + 1e-9, "{}", plan.minutes());
    assert!(plan.minutes() > 20.0, "{}", plan.minutes());
    assert!(!plan.all_done());
}

#[test]
fn the_same_state_gives_the_same_plan() {
    let mut state = State::new();
    state.due_questions(10, NOW - DAY_SECS);
    let q = question_in(&state.course, &state.model, 4);
    state
        .history
        .answers
        .extend((0..20).map(|k| answer(NOW - 2 * DAY_SECS + k, &q, k % 3 == 0)));
    let settings = PlanSettings {
        daily_minutes: 45,
        exam_date: Some(parse_exam_date("2027-01-10").unwrap()),
        ..PlanSettings::default()
    };
    let first = state.plan(&settings, NOW);
    let copy = State {
        course: state.course.clone(),
        model: ExamModel::new(&state.course, 0),
        progress: state.progress.clone(),
        history: state.history.clone(),
        schedule: state.schedule.clone(),
    };
    assert_eq!(first, state.plan(&settings, NOW));
    assert_eq!(first, copy.plan(&settings, NOW));
    // Later the same day, with nothing done, the plan is the same too.
    assert_eq!(first.items, state.plan(&settings, NOW + 3600).items);
    assert_eq!(first.countdown.unwrap().days_left, 44);
}

#[test]
fn reviews_tick_off_when_nothing_is_due_any_more() {
    let mut state = State::new();
    state.due_questions(6, NOW - DAY_SECS);
    let plan = state.plan(&PlanSettings::default(), NOW);
    let reviews = &plan.items[0];
    assert_eq!(reviews.kind, PlanItemKind::Reviews { due: 6, done: 0 });
    assert!(!reviews.done);
    // Default answer time 90 s + 30 s feedback: two minutes each.
    assert!((reviews.minutes - 12.0).abs() < 1e-9);
    assert!(
        reviews.label.starts_with("Review 6 due items"),
        "{}",
        reviews.label
    );

    // The learner reviews them all: each answer is recorded and rescheduled.
    let ids: Vec<String> = state
        .course
        .questions
        .iter()
        .take(6)
        .map(|q| q.id.clone())
        .collect();
    for (k, id) in ids.iter().enumerate() {
        let mut record = answer(NOW + 60 * k as u64, id, true);
        record.kind = SessionKind::Review;
        state.history.answers.push(record);
        state
            .schedule
            .review(
                ItemKey::Question(id.clone()),
                Grade::Good,
                NOW + 60 * k as u64,
                0.9,
            )
            .unwrap();
    }
    let later = state.plan(&PlanSettings::default(), NOW + 3600);
    let reviews = &later.items[0];
    assert_eq!(reviews.kind, PlanItemKind::Reviews { due: 0, done: 6 });
    assert!(reviews.done && reviews.minutes_left.abs() < 1e-9);
    assert_eq!(reviews.label, "Reviews done (6 today)");
}

#[test]
fn practice_and_notes_tick_off_as_the_learner_works() {
    let mut state = State::new();
    let settings = PlanSettings {
        new_cards_per_day: 0,
        ..PlanSettings::default()
    };
    let plan = state.plan(&settings, NOW);
    let PlanItemKind::Practice {
        questions,
        objectives,
        ..
    } = practice(&plan).unwrap().kind.clone()
    else {
        unreachable!()
    };
    let note = plan
        .items
        .iter()
        .find_map(|i| match &i.kind {
            PlanItemKind::ReadNote { topic, .. } => Some(topic.clone()),
            _ => None,
        })
        .unwrap();

    // Half the practice answered, and the note read.
    let o = state.model.objective_index(&objectives[0]).unwrap();
    let q = question_in(&state.course, &state.model, o);
    state
        .history
        .answers
        .extend((0..questions / 2).map(|k| answer(NOW + k as u64, &q, false)));
    state.progress.read.insert(note.clone(), NOW + 100);
    let midway = state.plan(&settings, NOW + 1800);
    let item = practice(&midway).unwrap();
    assert_eq!(
        item.kind,
        PlanItemKind::Practice {
            questions,
            answered: questions / 2,
            objectives: objectives.clone()
        },
        "today's answers do not move the choice"
    );
    assert!(!item.done);
    let read = midway
        .items
        .iter()
        .find(|i| matches!(&i.kind, PlanItemKind::ReadNote { topic, .. } if *topic == note))
        .unwrap();
    assert!(read.done && read.minutes_left.abs() < 1e-9);

    state
        .history
        .answers
        .extend((questions / 2..questions).map(|k| answer(NOW + k as u64, &q, true)));
    let done = state.plan(&settings, NOW + 3600);
    assert!(practice(&done).unwrap().done);

    // The next day the note, read yesterday, is no longer in the plan.
    let tomorrow = state.plan(&settings, NOW + DAY_SECS);
    assert!(
        !tomorrow
            .items
            .iter()
            .any(|i| matches!(&i.kind, PlanItemKind::ReadNote { topic, .. } if *topic == note))
    );
}

#[test]
fn practice_goes_to_the_weakest_objectives() {
    let mut state = State::new();
    // Every objective answered well, except 5.1, answered badly.
    let weak = state.model.objective_index("5.1").unwrap();
    for o in 0..state.model.objectives.len() {
        let q = question_in(&state.course, &state.model, o);
        for k in 0..20 {
            state
                .history
                .answers
                .push(answer(NOW - 2 * DAY_SECS + k, &q, o != weak || k < 4));
        }
    }
    let plan = state.plan(&PlanSettings::default(), NOW);
    let PlanItemKind::Practice { objectives, .. } = &practice(&plan).unwrap().kind else {
        unreachable!()
    };
    assert_eq!(objectives[0], "5.1", "{plan:#?}");
}

#[test]
fn too_many_due_reviews_warn_and_crowd_out_the_rest() {
    let mut state = State::new();
    // 24 questions at two minutes each: 48 minutes, in a 30-minute day.
    state.due_questions(24, NOW - DAY_SECS);
    let plan = state.plan(&PlanSettings::default(), NOW);
    let warning = plan.pace_warning.clone().unwrap();
    assert_eq!(warning.reviews_that_fit, 15);
    assert_eq!(
        warning.message,
        "Due reviews need 48 min, more than your 30: skip new cards and practice today and do the 15 oldest reviews"
    );
    assert_eq!(kinds(&plan), ["reviews"]);
    // With an hour a day there is no warning.
    let roomy = state.plan(
        &PlanSettings {
            daily_minutes: 60,
            ..PlanSettings::default()
        },
        NOW,
    );
    assert!(roomy.pace_warning.is_none());
    assert!(practice(&roomy).is_some());
}

#[test]
fn new_cards_learned_today_count_as_done() {
    let mut state = State::new();
    let ids: Vec<String> = state.course.cards.iter().take(15).map(|c| c.id.clone()).collect();
    for (k, id) in ids.iter().enumerate() {
        state
            .schedule
            .review(ItemKey::Card(id.clone()), Grade::Good, NOW + k as u64, 0.9)
            .unwrap();
    }
    // A card learned last week and reviewed today is a review, not a new card.
    let old = state.course.cards[20].id.clone();
    state.schedule.reviews.push(ReviewRecord {
        at_unix_secs: NOW - 7 * DAY_SECS,
        item: ItemKey::Card(old.clone()),
        grade: Grade::Good,
    });
    state
        .schedule
        .review(ItemKey::Card(old), Grade::Good, NOW + 100, 0.9)
        .unwrap();
    let plan = state.plan(&PlanSettings::default(), NOW + 3600);
    let cards = plan
        .items
        .iter()
        .find(|i| matches!(i.kind, PlanItemKind::NewCards { .. }))
        .unwrap();
    assert_eq!(cards.kind, PlanItemKind::NewCards { left: 0, done: 15 });
    assert!(cards.done);
    assert_eq!(plan.items[0].kind, PlanItemKind::Reviews { due: 0, done: 1 });
}

#[test]
fn the_day_starts_at_local_midnight() {
    let la = Zone::named("America/Los_Angeles").unwrap();
    // 2026-11-27 15:00 UTC is 07:00 in Los Angeles; its midnight is 08:00 UTC.
    assert_eq!(day_start(NOW, &la), NOW - 7 * 3600);
    assert_eq!(day_start(NOW, &Zone::UTC), NOW - 15 * 3600);
    assert_eq!(la.day_of(day_start(NOW, &la)), la.day_of(NOW));
    assert_eq!(la.day_of(day_start(NOW, &la) - 1) + 1, la.day_of(NOW));
}

#[test]
fn study_times_follow_the_learner_and_notes_their_length() {
    assert!((StudyTimes::of(&History::default(), NOW).question_secs - 120.0).abs() < 1e-9);
    let mut history = History::default();
    history.answers.extend((0..9).map(|k| {
        let mut a = answer(NOW + k, "q", true);
        a.elapsed_secs = 40.0;
        a
    }));
    assert!((StudyTimes::of(&history, NOW + 100).question_secs - 70.0).abs() < 1e-9);
    // Answers from today do not count yet.
    assert!((StudyTimes::of(&history, NOW).question_secs - 120.0).abs() < 1e-9);
    assert!((note_minutes("word ") - MIN_NOTE_MINUTES).abs() < 1e-9);
    assert!((note_minutes(&"word ".repeat(1000)) - 6.0).abs() < 1e-9);
    assert_eq!(
        list(&["1.1".to_owned(), "2.2".to_owned(), "3.3".to_owned()]),
        "1.1, 2.2 and 3.3"
    );
}
