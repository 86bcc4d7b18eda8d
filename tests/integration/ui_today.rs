//! The Today page and the first-run welcome on the real app: the welcome asks for the exam,
//! its date and the daily minutes, tours Notes, Quiz and Pipelines, and never shows again; the
//! Today page is the start screen with the countdown and an honest pass estimate.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use stagecraft::progress::{Clock, Settings};
use stagecraft::ui::Mode;

use crate::common::app_harness_with_clock;

/// 2026-12-04 12:00 UTC.
const NOW: u64 = 1_796_385_600;

type AppHarness = egui_kittest::Harness<'static, stagecraft::StudyApp>;

/// The app on a data folder that has never been used: no settings file at all.
fn first_run(dir: &std::path::Path) -> AppHarness {
    let mut config = stagecraft::AppConfig::embedded(dir.to_path_buf()).unwrap();
    config.clock = Clock::manual(NOW);
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| stagecraft::StudyApp::new(&cc.egui_ctx, config).unwrap());
    harness.run_steps(3);
    harness
}

fn saved_settings(dir: &std::path::Path) -> Settings {
    ron::from_str(&std::fs::read_to_string(dir.join("settings.ron")).unwrap()).unwrap()
}

fn click(harness: &mut AppHarness, label: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(3);
}

#[test]
fn the_welcome_asks_three_questions_tours_the_modes_and_never_returns() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = first_run(dir.path());
    assert!(harness.query_by_label("Welcome to Stagecraft").is_some());
    assert_eq!(harness.state().mode(), Mode::Today, "Today is the start screen");

    // A date that is not one keeps "Next" disabled and says why.
    harness.get_by_label("Exam date (optional)").focus();
    harness.run_steps(1);
    harness
        .get_by_label("Exam date (optional)")
        .type_text("2027-02-30");
    harness.run_steps(3);
    assert!(harness.get_by_label("Next").accesskit_node().is_disabled());
    assert!(
        harness
            .query_by_label_contains("is not a date: write it as YYYY-MM-DD")
            .is_some()
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Exam date (optional)")
        .type_text("2027-01-15");
    harness.run_steps(3);
    assert!(!harness.get_by_label("Next").accesskit_node().is_disabled());
    click(&mut harness, "Next");

    // The tour shows each mode behind it.
    assert!(harness.query_by_label("Notes (Ctrl+2)").is_some());
    assert_eq!(harness.state().mode(), Mode::Notes);
    click(&mut harness, "Next");
    assert_eq!(harness.state().mode(), Mode::Quiz);
    click(&mut harness, "Next");
    assert_eq!(harness.state().mode(), Mode::Pipelines);
    click(&mut harness, "Start studying");
    assert_eq!(harness.state().mode(), Mode::Today);
    assert!(harness.query_by_label("Welcome to Stagecraft").is_none());

    let settings = saved_settings(dir.path());
    assert!(settings.welcome_done);
    assert_eq!(settings.exam_date.as_deref(), Some("2027-01-15"));
    assert_eq!(settings.daily_minutes, 30);
    // 2026-12-04 to 2027-01-15: 42 days.
    assert!(
        harness
            .query_by_label("42 days to the exam (2027-01-15)")
            .is_some()
    );

    drop(harness);
    let harness = first_run(dir.path());
    assert!(
        harness.query_by_label("Welcome to Stagecraft").is_none(),
        "never again"
    );
}

#[test]
fn the_welcome_can_be_skipped_at_once_or_during_the_tour() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = first_run(dir.path());
    click(&mut harness, "Skip the welcome");
    assert!(saved_settings(dir.path()).welcome_done);
    assert_eq!(saved_settings(dir.path()).exam_date, None);

    let dir = tempfile::tempdir().unwrap();
    let mut harness = first_run(dir.path());
    click(&mut harness, "Next");
    click(&mut harness, "Skip the tour");
    assert!(saved_settings(dir.path()).welcome_done);
    assert_eq!(harness.state().mode(), Mode::Today);
    // Esc closes it too, and counts as done.
    let dir = tempfile::tempdir().unwrap();
    let mut harness = first_run(dir.path());
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    assert!(harness.query_by_label("Welcome to Stagecraft").is_none());
    assert!(saved_settings(dir.path()).welcome_done);
}

#[test]
fn a_new_learner_gets_no_number_until_there_is_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(NOW));
    assert_eq!(harness.state().mode(), Mode::Today);
    assert!(
        harness
            .query_by_label_contains("Not enough answers yet: answer 30 more to get an estimate")
            .is_some()
    );
    assert!(harness.query_by_label_contains("No exam date set").is_some());
    // Ctrl+1 comes back to Today from anywhere.
    click(&mut harness, "Notes");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num1);
    harness.run_steps(2);
    assert_eq!(harness.state().mode(), Mode::Today);
}

#[test]
fn the_plan_starts_each_item_and_ticks_it_off_as_the_learner_works() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(NOW));
    // A new learner: new cards to learn, a practice, and notes to read.
    let plan = |h: &AppHarness| h.state().today_plan().cloned().unwrap();
    let items = plan(&harness).items;
    let practice = items
        .iter()
        .find_map(|i| match &i.kind {
            stagecraft::plan::PlanItemKind::Practice { questions, .. } => Some(*questions),
            _ => None,
        })
        .expect("a practice item");
    assert!(
        items
            .iter()
            .any(|i| matches!(i.kind, stagecraft::plan::PlanItemKind::NewCards { .. }))
    );
    assert!(
        items
            .iter()
            .any(|i| matches!(i.kind, stagecraft::plan::PlanItemKind::ReadNote { .. }))
    );
    assert!(plan(&harness).minutes() <= 30.5, "fits the 30 daily minutes");

    // "Practise" starts a session of that many questions on the chosen objectives.
    click(&mut harness, "Practise");
    assert_eq!(harness.state().mode(), Mode::Quiz);
    let session = harness.state().active_session().expect("a practice session");
    assert_eq!(session.items.len(), practice);
    for _ in 0..practice {
        crate::common::answer(&mut harness, true);
        for _ in 0..2 {
            // Submit, then on to the next question.
            harness.key_press(egui::Key::Enter);
            harness.run_steps(2);
        }
    }
    if harness.query_by_label("End session").is_some() {
        click(&mut harness, "End session");
    }
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num1);
    harness.run_steps(3);
    let ticked = plan(&harness);
    let done = ticked
        .items
        .iter()
        .find(|i| matches!(i.kind, stagecraft::plan::PlanItemKind::Practice { .. }))
        .unwrap();
    assert!(done.done, "the practice is ticked off: {done:?}");
    assert!(harness.query_by_label_contains("✔ ").is_some());

    // "Read" opens the note.
    harness.get_all_by_label("Read").next().unwrap().click();
    harness.run_steps(3);
    assert_eq!(harness.state().mode(), Mode::Notes);
    assert!(harness.state().open_topic().is_some());
}

#[test]
fn with_enough_answers_the_estimate_shows_an_interval_and_the_projection() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("history.ron"),
        crate::common::history_ron(60, NOW),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("settings.ron"),
        "(version: 1, welcome_done: true, exam_date: Some(\"2027-01-15\"), daily_minutes: 45)",
    )
    .unwrap();
    let harness = app_harness_with_clock(dir.path(), Clock::manual(NOW));
    assert!(
        harness
            .query_by_label_contains("% chance to pass (an estimate)")
            .is_some(),
        "the estimate line"
    );
    assert!(
        harness.query_by_label_contains("answers a day, ").is_some(),
        "the projection"
    );
    assert!(
        harness
            .query_by_label("42 days to the exam (2027-01-15)")
            .is_some()
    );
    assert!(harness.query_by_label_contains("of your 45 minutes").is_some());
}
