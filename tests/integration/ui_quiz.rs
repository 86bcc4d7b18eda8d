//! Quiz mode on the real app: practice with feedback, the exam simulation with flags, jumps,
//! a blank-answer warning and the per-domain report, review of a missed question, an exam that
//! survives a restart with its remaining time, and "Quiz me on this topic".

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common::{
    answer, app_harness_with_clock, current_question, open_codebuild_via_tree, saved, start_exam,
};
use egui::Key;
use egui_kittest::kittest::Queryable as _;
use stagecraft::progress::Clock;
use stagecraft::progress::clock::DAY_SECS;
use stagecraft::quiz::{ExamFile, History, ItemKey, Schedule, SessionKind};

const START: u64 = 1_795_729_910;

#[test]
fn practice_shows_every_explanation_and_saves_each_answer_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    let mut harness = app_harness_with_clock(dir.path(), clock.clone());
    crate::common::start_practice(&mut harness);
    assert_eq!(
        harness.state().active_session().unwrap().kind,
        SessionKind::Practice
    );

    // A right answer: every option's explanation appears, marked correct or incorrect.
    clock.advance_secs(20);
    let first = answer(&mut harness, true);
    harness.get_by_label("Submit").click();
    harness.run_steps(2);
    for option in &first.options {
        let verdict = if option.correct { "Correct" } else { "Incorrect" };
        let text = format!("{verdict}: {}", option.explanation);
        assert!(
            harness.query_by_label(&text).is_some(),
            "missing explanation {text:?}"
        );
    }
    let history: History = saved(dir.path(), "history.ron");
    assert_eq!(history.answers.len(), 1, "the answer is saved before moving on");
    assert!(history.answers[0].correct);

    // A wrong answer, submitted and moved on with Enter.
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    let second = answer(&mut harness, false);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    let wrong_choice = second.options.iter().find(|o| !o.correct).unwrap();
    assert!(
        harness
            .query_by_label(&format!("Incorrect: {}", wrong_choice.explanation))
            .is_some()
    );

    let history: History = saved(dir.path(), "history.ron");
    assert_eq!(history.answers.len(), 2);
    assert!(!history.answers[1].correct);
    let schedule: Schedule = saved(dir.path(), "schedule.ron");
    assert!(schedule.items.contains_key(&ItemKey::Question(first.id.clone())));
    assert!(schedule.items.contains_key(&ItemKey::Question(second.id.clone())));
    // The wrong one comes back sooner than the right one.
    let due = |id: &str| schedule.items[&ItemKey::Question(id.to_owned())].due_unix_secs;
    assert!(due(&second.id) < due(&first.id));
    // The feedback links to the note that teaches the topic.
    let topic = stagecraft::course::load(&stagecraft::course::PackSource::embedded())
        .course
        .unwrap()
        .topic(&second.topics[0])
        .unwrap()
        .title
        .clone();
    assert!(harness.query_all_by_label(&topic).next().is_some());
}

#[test]
fn flagging_a_question_with_f_is_kept_with_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    crate::common::start_practice(&mut harness);
    answer(&mut harness, true);
    harness.key_press(Key::F);
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    let history: History = saved(dir.path(), "history.ron");
    assert!(history.answers[0].flagged);
}

#[test]
fn the_exam_has_flags_jumps_a_blank_warning_and_a_domain_report() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    let mut harness = app_harness_with_clock(dir.path(), clock.clone());
    start_exam(&mut harness);
    let session = harness.state().active_session().unwrap();
    assert_eq!(session.kind, SessionKind::Exam);
    assert_eq!(session.items.len(), 75);
    assert_eq!(harness.state().exam_seconds_left(), Some(180 * 60));

    // Answer question 1, flag it, and check no feedback is shown.
    let first = answer(&mut harness, true);
    assert!(
        harness.query_all_by_label_contains("Correct: ").next().is_none(),
        "no feedback during the exam"
    );
    harness.get_by_label("Flag for review").click();
    harness.run_steps(2);

    // Jump to question 40 with the grid and answer it.
    harness.get_by_label("Question 40 (blank)").click();
    harness.run_steps(2);
    assert_eq!(harness.state().active_session().unwrap().position, 39);
    answer(&mut harness, false);
    assert!(harness.query_by_label("Question 1 (answered, flagged)").is_some());
    assert!(harness.query_by_label("Question 40 (answered)").is_some());

    // Ten minutes pass; the countdown shows it.
    clock.advance_secs(600);
    harness.run_steps(2);
    assert_eq!(harness.state().exam_seconds_left(), Some(180 * 60 - 600));

    // Finishing warns about the 73 blank answers.
    harness.get_by_label("Finish exam…").click();
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("73 questions have no answer")
            .is_some()
    );
    harness.get_by_label("Finish exam").click();
    harness.run_steps(3);

    let (finished, result) = harness.state().finished_session().unwrap().clone();
    assert_eq!(finished.kind, SessionKind::Exam);
    assert_eq!((result.correct, result.total, result.blank), (1, 75, 73));
    assert!(harness.query_by_label_contains("1 of 75 correct").is_some());
    assert!(
        harness
            .query_by_label_contains("Estimated scaled score")
            .is_some()
    );
    // The per-domain report has a row for every domain the exam drew from.
    let course = stagecraft::course::load(&stagecraft::course::PackSource::embedded())
        .course
        .unwrap();
    let domains = &course.blueprints[0].domains;
    assert_eq!(result.per_domain.iter().map(|d| d.total).sum::<usize>(), 75);
    for score in result.per_domain.iter().filter(|d| d.total > 0) {
        let domain = &domains[score.domain];
        assert!(
            harness
                .query_by_label(&format!("{} {}", domain.id, domain.title))
                .is_some()
        );
        assert!(
            harness
                .query_all_by_label(&format!("{} of {}", score.correct, score.total))
                .next()
                .is_some()
        );
    }
    // Each question can be reviewed with its explanations.
    let stem_start: String = first.stem.chars().take(40).collect();
    harness
        .get_all_by_label_contains(&stem_start)
        .next()
        .unwrap()
        .click();
    harness.run_steps(2);
    let explanation = format!(
        "Correct: {}",
        first.options[first.correct_indices()[0]].explanation
    );
    assert!(harness.query_by_label(&explanation).is_some());

    let history: History = saved(dir.path(), "history.ron");
    assert_eq!(history.sessions.len(), 1);
    assert!(history.sessions[0].scaled_score.is_some());
    assert_eq!(history.answers.len(), 2, "the 73 blanks are not answers");
    let exam: ExamFile = saved(dir.path(), "exam.ron");
    assert!(
        exam.exam.is_none(),
        "a finished exam is no longer kept for resuming"
    );
}

#[test]
fn an_exam_resumes_after_a_restart_with_the_time_it_had_left() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    let mut harness = app_harness_with_clock(dir.path(), clock.clone());
    start_exam(&mut harness);
    let first = answer(&mut harness, true);
    clock.advance_secs(25 * 60);
    harness.get_by_label("Next").click();
    harness.run_steps(2);
    let second = answer(&mut harness, false);
    let items = harness.state().active_session().unwrap().items.clone();
    drop(harness);

    // Two hours pass with the app closed: the exam clock does not run meanwhile.
    clock.advance_secs(2 * 3600);
    let harness = app_harness_with_clock(dir.path(), clock.clone());
    let session = harness.state().active_session().expect("the exam is back");
    assert_eq!(session.kind, SessionKind::Exam);
    assert_eq!(session.items, items);
    assert_eq!(session.position, 1);
    assert!(!session.responses[0].chosen.is_empty());
    assert!(!session.responses[1].chosen.is_empty());
    assert_eq!(harness.state().exam_seconds_left(), Some(180 * 60 - 25 * 60));
    assert_eq!(current_question(&harness).id, second.id);
    assert_ne!(first.id, second.id);
}

#[test]
fn a_review_session_brings_back_the_question_missed_before() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    let mut harness = app_harness_with_clock(dir.path(), clock.clone());
    crate::common::start_practice(&mut harness);
    let missed = answer(&mut harness, false);
    harness.get_by_label("Submit").click();
    harness.run_steps(2);
    harness.get_by_label("End session").click();
    harness.run_steps(2);

    clock.advance_secs(DAY_SECS);
    harness.get_by_label("Back to quiz").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Review: 1 due + 20 new").is_some());
    harness.get_by_label("Review now").click();
    harness.run_steps(2);
    let session = harness.state().active_session().unwrap();
    assert_eq!(session.kind, SessionKind::Review);
    assert_eq!(
        current_question(&harness).id,
        missed.id,
        "the missed question comes first"
    );
    assert!(harness.query_by_label(&missed.stem).is_some());

    // Answering it right now pushes it further out.
    answer(&mut harness, true);
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    let schedule: Schedule = saved(dir.path(), "schedule.ron");
    let state = schedule.items[&ItemKey::Question(missed.id.clone())];
    assert!(state.due_unix_secs > START + 2 * DAY_SECS);
    assert_eq!(state.reps, 2);
}

#[test]
fn recall_cards_are_graded_with_four_buttons() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    harness.get_by_label("Quiz").click();
    harness.run_steps(2);
    harness.get_by_label("Review now").click();
    harness.run_steps(2);
    let Some(ItemKey::Card(card)) = harness.state().active_session().unwrap().current().cloned() else {
        panic!("a new recall card comes first");
    };
    harness.get_by_label("Show answer").click();
    harness.run_steps(2);
    // Each button shows its key and the wait FSRS would give (Anki's labels).
    for label in ["1 Again · ", "2 Hard · ", "3 Good · ", "4 Easy · "] {
        assert!(harness.query_by_label_contains(label).is_some(), "{label}");
    }
    harness.get_by_label_contains("3 Good · ").click();
    harness.run_steps(2);
    let schedule: Schedule = saved(dir.path(), "schedule.ron");
    assert!(schedule.items.contains_key(&ItemKey::Card(card)));
    assert_eq!(schedule.reviews.len(), 1);
}

#[test]
fn the_note_viewer_quizzes_on_its_topic() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    open_codebuild_via_tree(&mut harness);
    harness.get_by_label("Quiz me on this topic").click();
    harness.run_steps(2);
    let session = harness.state().active_session().unwrap();
    assert_eq!(session.kind, SessionKind::Practice);
    assert!(
        current_question(&harness)
            .topics
            .contains(&"codebuild".to_owned())
    );
}
