//! Numbers a learner can trust, on the real app: blanks are not answers, reviews report their
//! grades, the exam cannot be gamed (clock saved on time and on termination, closed book,
//! confirmation, abandon), dialogs own the keyboard, question types as on the exam, past
//! sessions reopen, settings typed as shown, and a status line that never claims a save that
//! did not happen.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common::{answer, app_harness_with_clock, current_question, saved, start_exam};
use egui::Key;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use stagecraft::course::QuestionKind;
use stagecraft::progress::Clock;
use stagecraft::quiz::report::progress_report;
use stagecraft::quiz::{ExamFile, History, Schedule, SessionKind};
use stagecraft::ui::Mode;

const START: u64 = 1_795_729_910;

type Harness = egui_kittest::Harness<'static, stagecraft::StudyApp>;

fn course() -> stagecraft::course::Course {
    stagecraft::course::load(&stagecraft::course::PackSource::embedded())
        .course
        .unwrap()
}

/// Types text as a keyboard does: a key event and a text event per character.
fn type_keys(harness: &mut Harness, text: &str) {
    for c in text.chars() {
        let key = Key::from_name(&c.to_ascii_uppercase().to_string()).unwrap();
        harness.key_press(key);
        harness.event(egui::Event::Text(c.to_string()));
        harness.run_steps(1);
    }
}

/// In a running practice: answers one question right and one wrong, submitting each, then ends
/// the session. Returns the two questions.
fn practice_right_then_wrong(
    harness: &mut Harness,
) -> (stagecraft::course::Question, stagecraft::course::Question) {
    let right = answer(harness, true);
    harness.get_by_label("Submit").click();
    harness.run_steps(2);
    harness.get_by_label("Next").click();
    harness.run_steps(2);
    let wrong = answer(harness, false);
    harness.get_by_label("Submit").click();
    harness.run_steps(2);
    harness.get_by_label("End session").click();
    harness.run_steps(2);
    (right, wrong)
}

fn finish_exam(harness: &mut Harness) {
    harness.get_by_label("Finish exam…").click();
    harness.run_steps(3);
    harness.get_by_label("Finish exam").click();
    harness.run_steps(3);
}

#[test]
fn blank_exam_answers_count_against_the_exam_but_are_not_answers() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    start_exam(&mut harness);
    let first = answer(&mut harness, true);
    finish_exam(&mut harness);
    let (_, result) = harness.state().finished_session().unwrap().clone();
    assert_eq!((result.correct, result.total, result.blank), (1, 75, 74));

    let history: History = saved(dir.path(), "history.ron");
    assert_eq!(history.answers.len(), 1, "only the answer given is recorded");
    assert_eq!(history.answers[0].question, first.id);
    assert_eq!(
        history.sessions[0].items.len(),
        75,
        "the session keeps every item"
    );
    let schedule: Schedule = saved(dir.path(), "schedule.ron");
    assert_eq!(schedule.items.len(), 1, "blanks are not scheduled as forgotten");
    let report = progress_report(&course(), 0, &history, &schedule, START);
    assert_eq!(report.answers, 1);
    // The one answer counts once in each domain its objectives sit in; the 74 blanks nowhere.
    assert!(
        report.domains.iter().all(|d| d.answered <= 1),
        "{:?}",
        report.domains
    );
    assert!(report.domains.iter().any(|d| d.answered == 1));
    assert!(
        report
            .domains
            .iter()
            .filter(|d| d.answered == 0)
            .all(|d| d.accuracy_percent.is_none()),
        "a domain never answered has no accuracy, not 0%"
    );
    harness.get_by_label("Progress").click();
    harness.run_steps(2);
    assert!(harness.query_by_label_contains("1 answer in 1 session").is_some());
}

#[test]
fn an_ended_practice_scores_the_answered_questions() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    crate::common::start_practice(&mut harness);
    practice_right_then_wrong(&mut harness);
    let (_, result) = harness.state().finished_session().unwrap().clone();
    assert_eq!(
        (result.correct, result.total, result.answered, result.questions),
        (1, 2, 2, 10)
    );
    assert!(harness.query_by_label("2 of 10 answered").is_some());
    assert!(
        harness
            .query_by_label_contains("1 of 2 answered right (50%)")
            .is_some()
    );
}

#[test]
fn a_review_reports_cards_per_grade() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    // Nothing is due yet, but 20 new cards wait: the top bar says so and lets the learner start.
    let review = harness.get_by_label("Review: 20 new");
    assert!(!review.accesskit_node().is_disabled());
    review.click();
    harness.run_steps(2);
    for key in [Key::Num1, Key::Num3, Key::Num4] {
        harness.key_press(Key::Space);
        harness.run_steps(2);
        harness.key_press(key);
        harness.run_steps(2);
    }
    harness.get_by_label("End session").click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("3 cards and 0 questions reviewed")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Again 1 · Hard 0 · Good 1 · Easy 1")
            .is_some()
    );
    let history: History = saved(dir.path(), "history.ron");
    let session = &history.sessions[0];
    assert_eq!(session.kind, SessionKind::Review);
    assert_eq!((session.cards, session.grades.total()), (3, 3));
    assert_eq!(session.outcome(), "3 cards · Again 1 · Hard 0 · Good 1 · Easy 1");
    harness.get_by_label("Progress").click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label("3 cards · Again 1 · Hard 0 · Good 1 · Easy 1")
            .is_some()
    );
}

#[test]
fn an_exam_asks_before_it_starts_and_can_be_abandoned_without_a_trace() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    harness.get_by_label("Quiz").click();
    harness.run_steps(2);
    harness.get_by_label("Start exam…").click();
    harness.run_steps(3);
    assert!(
        harness.state().active_session().is_none(),
        "nothing starts before the learner confirms"
    );
    assert!(
        harness
            .query_by_label_contains("75 questions drawn by the DOP-C02 weights, 180 minutes, closed book")
            .is_some()
    );
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Start exam now").is_none(),
        "Esc closes the question"
    );
    harness.get_by_label("Start exam…").click();
    harness.run_steps(3);
    harness.get_by_label("Start exam now").click();
    harness.run_steps(2);
    answer(&mut harness, true);
    harness.get_by_label("Abandon exam…").click();
    harness.run_steps(3);
    harness.get_by_label("Abandon exam").click();
    harness.run_steps(2);
    assert!(harness.state().active_session().is_none());
    let exam: ExamFile = saved(dir.path(), "exam.ron");
    assert!(exam.exam.is_none());
    assert!(
        !dir.path().join("history.ron").exists()
            || saved::<History>(dir.path(), "history.ron").sessions.is_empty()
    );
}

#[test]
fn a_closed_book_exam_locks_notes_search_and_the_other_modes_and_shows_its_clock() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    let mut harness = app_harness_with_clock(dir.path(), clock.clone());
    start_exam(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Num2);
    harness.run_steps(2);
    assert_eq!(harness.state().mode(), Mode::Quiz);
    assert!(harness.state().status_text().contains("Closed-book exam"));
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::K);
    harness.run_steps(2);
    assert!(!harness.state().is_search_open());
    assert!(harness.get_by_label("Notes").accesskit_node().is_disabled());
    assert!(
        harness
            .query_all_by_label_contains("Closed-book exam: notes, search")
            .next()
            .is_some()
    );
    clock.advance_secs(61);
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Exam: 2:58:59 left").is_some(),
        "the clock is in the top bar"
    );
    finish_exam(&mut harness);
    let history: History = saved(dir.path(), "history.ron");
    assert!(!history.sessions[0].open_book);
    // After the exam, everything opens again.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Num2);
    harness.run_steps(2);
    assert_eq!(harness.state().mode(), Mode::Notes);
}

#[test]
fn an_open_book_exam_is_a_setting_and_is_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    harness.get_by_label("Quiz").click();
    harness.run_steps(2);
    harness
        .get_by_label("Open book (notes and search stay open)")
        .click();
    harness.run_steps(2);
    harness.get_by_label("Start exam…").click();
    harness.run_steps(3);
    harness.get_by_label("Start exam now").click();
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Num2);
    harness.run_steps(2);
    assert_eq!(harness.state().mode(), Mode::Notes);
    assert!(
        harness.query_by_label_contains("Exam: 3:00:00 left").is_some(),
        "the clock shows in Notes"
    );
    harness.get_by_label_contains("Exam: ").click();
    harness.run_steps(2);
    finish_exam(&mut harness);
    let history: History = saved(dir.path(), "history.ron");
    assert!(history.sessions[0].open_book);
}

#[test]
fn the_exam_clock_is_saved_every_few_seconds_and_when_the_app_is_told_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    let mut harness = app_harness_with_clock(dir.path(), clock.clone());
    start_exam(&mut harness);
    clock.advance_secs(16);
    harness.step();
    let exam: ExamFile = saved(dir.path(), "exam.ron");
    assert!(
        exam.exam.unwrap().elapsed_secs >= 15,
        "a kill now refunds no more than 15 s"
    );
    // SIGTERM sets the flag (main.rs); the next frame saves the clock and closes the window.
    clock.advance_secs(7);
    harness
        .state()
        .termination_flag()
        .store(true, std::sync::atomic::Ordering::SeqCst);
    harness.step();
    let exam: ExamFile = saved(dir.path(), "exam.ron");
    assert_eq!(exam.exam.unwrap().elapsed_secs, 23);
}

#[test]
fn exams_draw_questions_the_last_exam_did_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    start_exam(&mut harness);
    let first: Vec<_> = harness.state().active_session().unwrap().items.clone();
    finish_exam(&mut harness);
    harness.get_by_label("Back to quiz").click();
    harness.run_steps(2);
    harness.get_by_label("Start exam…").click();
    harness.run_steps(3);
    harness.get_by_label("Start exam now").click();
    harness.run_steps(2);
    let second = &harness.state().active_session().unwrap().items;
    assert_eq!(second.iter().filter(|i| first.contains(i)).count(), 0);
}

#[test]
fn the_report_dialog_owns_the_keyboard_and_esc_closes_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    start_exam(&mut harness);
    harness.get_by_label("Report a problem…").click();
    harness.run_steps(3);
    let edit = harness.get_by_label("What is wrong? (a wrong answer key, an outdated fact, a typo…)");
    assert!(
        edit.is_focused(),
        "the text box has the keyboard when the dialog opens"
    );
    type_keys(&mut harness, "bad");
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    let session = harness.state().active_session().unwrap();
    assert!(
        session.responses[0].chosen.is_empty(),
        "typing ticked no option behind the dialog"
    );
    assert_eq!(session.position, 0, "Enter did not move the exam on");
    let remark = harness
        .get_by_label("What is wrong? (a wrong answer key, an outdated fact, a typo…)")
        .value()
        .unwrap_or_default();
    assert!(remark.starts_with("bad"), "{remark:?}");
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Save report").is_none(),
        "Esc closed the dialog"
    );
    assert!(harness.state().active_session().is_some());
}

#[test]
fn the_finish_exam_dialog_owns_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    start_exam(&mut harness);
    harness.get_by_label("Finish exam…").click();
    harness.run_steps(3);
    for key in [Key::A, Key::Num2, Key::F, Key::Enter] {
        harness.key_press(key);
        harness.run_steps(1);
    }
    let session = harness.state().active_session().unwrap();
    assert!(session.responses[0].chosen.is_empty());
    assert!(!session.responses[0].flagged);
    assert_eq!(session.position, 0);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Keep going").is_none(),
        "Esc closed the dialog"
    );
    assert!(
        harness.state().active_session().is_some(),
        "and kept the exam running"
    );
}

/// Starts a practice of one question type and returns the first question.
fn practice_until(harness: &mut Harness, multiple: bool) -> stagecraft::course::Question {
    harness.get_by_label("Quiz").click();
    harness.run_steps(2);
    harness.get_by_label("Types").click();
    harness.run_steps(2);
    harness
        .get_by_label(if multiple {
            "Multiple response only"
        } else {
            "Single response only"
        })
        .click();
    harness.run_steps(2);
    harness.get_by_label("Start practice").click();
    harness.run_steps(2);
    current_question(harness)
}

#[test]
fn question_types_behave_as_on_the_exam() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    let question = practice_until(&mut harness, true);
    let QuestionKind::Multiple { pick } = question.kind else {
        panic!("a multiple-response question");
    };
    assert!(
        harness
            .query_by_label(&format!("Choose {pick} · 0 chosen"))
            .is_some()
    );
    let right = question.correct_indices();
    crate::common::click_option(&mut harness, &question, right[0]);
    assert!(
        harness
            .query_by_label(&format!("Choose {pick} · 1 chosen"))
            .is_some()
    );
    assert!(
        harness.get_by_label("Submit").accesskit_node().is_disabled(),
        "Submit waits for {pick}"
    );
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert!(!harness.state().active_session().unwrap().responses[0].submitted);
    for &i in &right[1..] {
        crate::common::click_option(&mut harness, &question, i);
    }
    let wrong = (0..question.options.len()).find(|i| !right.contains(i)).unwrap();
    crate::common::click_option(&mut harness, &question, wrong);
    assert!(
        harness
            .query_by_label_contains(&format!("asks for {pick}: untick one"))
            .is_some(),
        "a further tick is refused with a visible message"
    );
    assert_eq!(
        harness.state().active_session().unwrap().responses[0]
            .chosen
            .len(),
        usize::from(pick)
    );
    harness.key_press(Key::F);
    harness.run_steps(2);
    assert!(harness.query_by_label("⚑ Flagged for review").is_some());
    harness.get_by_label("Submit").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("✔ Correct").is_some());
}

#[test]
fn single_response_uses_radio_buttons_and_a_wrong_answer_names_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    let question = practice_until(&mut harness, false);
    let label = format!("A. {}", question.options[0].text);
    assert_eq!(
        harness.get_by_label(&label).accesskit_node().role(),
        egui::accesskit::Role::RadioButton
    );
    answer(&mut harness, false);
    harness.get_by_label("Submit").click();
    harness.run_steps(2);
    let key = stagecraft::course::check::option_letter(question.correct_indices()[0]);
    assert!(
        harness
            .query_by_label(&format!("✖ Incorrect: the answer is {key}"))
            .is_some()
    );
}

#[test]
fn a_past_session_reopens_with_filters_and_retries_its_mistakes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    crate::common::start_practice(&mut harness);
    let (right, wrong) = practice_right_then_wrong(&mut harness);
    harness.get_by_label("Progress").click();
    harness.run_steps(2);
    harness.get_by_label_contains("Practice Whole blueprint").click();
    harness.run_steps(2);
    let stem = |q: &stagecraft::course::Question| q.stem.chars().take(40).collect::<String>();
    assert!(harness.query_by_label_contains(&stem(&right)).is_some());
    assert!(harness.query_by_label_contains(&stem(&wrong)).is_some());
    harness.get_by_label("Wrong only").click();
    harness.run_steps(2);
    assert!(harness.query_by_label_contains(&stem(&right)).is_none());
    harness.get_by_label_contains(&stem(&wrong)).click();
    harness.run_steps(2);
    let chosen_wrong = wrong.options.iter().find(|o| !o.correct).unwrap();
    assert!(
        harness
            .query_by_label(&format!("Incorrect: {}", chosen_wrong.explanation))
            .is_some()
    );
    harness
        .get_all_by_label("Retry my mistakes")
        .next()
        .unwrap()
        .click();
    harness.run_steps(2);
    let retry = harness.state().active_session().unwrap();
    assert_eq!(retry.kind, SessionKind::Practice);
    assert_eq!(
        retry.items,
        vec![stagecraft::quiz::ItemKey::Question(wrong.id.clone())]
    );
}

#[test]
fn the_status_line_never_claims_a_save_that_did_not_happen() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("history.ron"),
        "History(version: 1, answers: [oops",
    )
    .unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    crate::common::start_practice(&mut harness);
    answer(&mut harness, true);
    harness.get_by_label("Submit").click();
    harness.run_steps(2);
    let status = harness.state().status_text().to_owned();
    assert!(!status.contains("saved."), "{status}");
    assert!(status.contains("history.ron is not saved"), "{status}");
}

#[test]
fn desired_retention_is_typed_as_a_percentage_and_clamped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    harness.get_by_label("Settings…").click();
    harness.run_steps(3);
    for (typed, expected) in [("85", 0.85_f32), ("99", 0.97)] {
        // The number beside the slider, as a keyboard user reaches it.
        let field = harness
            .get_all_by_label("desired retention")
            .find(|n| n.accesskit_node().role() == egui::accesskit::Role::SpinButton)
            .unwrap();
        field.focus();
        harness.run_steps(2);
        harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
        harness.event(egui::Event::Text(typed.to_owned()));
        harness.key_press(Key::Enter);
        harness.run_steps(3);
        let settings: stagecraft::progress::Settings = saved(dir.path(), "settings.ron");
        assert!(
            (settings.desired_retention - expected).abs() < 1e-4,
            "typed {typed}: {}",
            settings.desired_retention
        );
    }
    assert!(harness.state().status_text().contains("99% was set to 97%"));
}

#[test]
fn past_session_headers_stay_on_one_line_at_140_percent() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::write_settings(
        dir.path(),
        stagecraft::progress::Settings {
            text_scale: 1.4,
            ..stagecraft::progress::Settings::default()
        },
    );
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    crate::common::start_practice(&mut harness);
    answer(&mut harness, true);
    harness.get_by_label("Submit").click();
    harness.run_steps(2);
    harness.get_by_label("End session").click();
    harness.run_steps(2);
    harness.get_by_label("Progress").click();
    harness.run_steps(3);
    let one_line = harness.get_by_label("Kind").rect().height();
    for title in ["Finished", "Answered", "Result", "Scaled"] {
        let height = harness.get_by_label(title).rect().height();
        assert!(height <= one_line + 0.5, "{title} wraps: {height} > {one_line}");
    }
    assert!(one_line > 18.0, "the text size reached the table: {one_line}");
}
