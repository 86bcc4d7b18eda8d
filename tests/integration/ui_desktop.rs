//! Desktop polish on the real app: the help overlay and the command palette, theme and text
//! size settings, Anki export and problem reports from the window, the deployment simulator
//! tab, and a window that draws nothing while idle.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common;

use std::time::Duration;

use crate::common::{app_harness, app_harness_with_clock, saved};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use stagecraft::progress::{Clock, Reports, Settings, ThemeChoice};

/// The delay before the app asked to be drawn again (`Duration::MAX`: not until input).
fn repaint_delay(harness: &egui_kittest::Harness<'static, stagecraft::StudyApp>) -> Duration {
    harness
        .output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map_or(Duration::MAX, |v| v.repaint_delay)
}

#[test]
fn f1_lists_every_shortcut() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.key_press(Key::F1);
    harness.run_steps(3);
    assert!(harness.query_all_by_label("Keyboard shortcuts").next().is_some());
    for keys in [
        "Ctrl+K",
        "Ctrl+Shift+P",
        "Alt+Left",
        "Ctrl+Z",
        "1–6 or A–E",
        "Ctrl+D",
    ] {
        assert!(harness.query_by_label(keys).is_some(), "the overlay lists {keys}");
    }
}

#[test]
fn the_command_palette_runs_a_command() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run_steps(3);
    harness.get_by_label("Run a command").type_text("go to progress");
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert_eq!(harness.state().mode(), stagecraft::ui::Mode::Progress);
}

#[test]
fn theme_and_text_size_are_saved_and_applied() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.get_by_label("Settings…").click();
    harness.run_steps(3);
    harness.get_by_label("Theme").click();
    harness.run_steps(2);
    harness.get_by_label("Light").click();
    harness.run_steps(3);
    let settings: Settings = saved(dir.path(), "settings.ron");
    assert_eq!(settings.theme, ThemeChoice::Light);
    assert!(
        !harness.ctx.global_style().visuals.dark_mode,
        "the light theme is on"
    );

    drop(harness);
    let harness = app_harness(dir.path());
    assert!(
        !harness.ctx.global_style().visuals.dark_mode,
        "and still on after a restart"
    );
}

#[test]
fn a_problem_report_is_saved_with_the_question_id() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(1_795_729_910));
    harness.get_by_label("Quiz").click();
    harness.run_steps(2);
    harness.get_by_label("Start practice").click();
    harness.run_steps(2);
    let question = common::current_question(&harness);
    harness.get_by_label("Report a problem…").click();
    harness.run_steps(3);
    let remark = "What is wrong? (a wrong answer key, an outdated fact, a typo…)";
    harness.get_by_label(remark).focus();
    harness.run_steps(1);
    harness.get_by_label(remark).type_text("Option B is also right.");
    harness.run_steps(1);
    harness.get_by_label("Save report").click();
    harness.run_steps(3);
    let reports: Reports = saved(dir.path(), "reports.ron");
    assert_eq!(reports.reports.len(), 1);
    assert_eq!(reports.reports[0].question, question.id);
    assert_eq!(reports.reports[0].remark, "Option B is also right.");
    let shown = dir.path().join("reports.ron").display().to_string();
    assert!(
        harness.query_by_label(&shown).is_some(),
        "the window shows where the file is"
    );
}

#[test]
fn recall_cards_export_for_anki_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cards.txt");
    let mut harness = app_harness(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run_steps(3);
    harness
        .get_by_label("Run a command")
        .type_text("recall cards for anki");
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    harness.get_by_label("File").focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("File").type_text(&out.display().to_string());
    harness.run_steps(1);
    harness.get_by_label("Export").click();
    harness.run_steps(3);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("#separator:tab\n"));
    assert!(text.lines().filter(|l| !l.starts_with('#')).count() >= 300);
}

#[test]
fn the_simulator_steps_through_a_rollback() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.get_by_label("Pipelines").click();
    harness.run_steps(3);
    harness.get_by_label("Deployment simulator").click();
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_label("CodeDeployDefault.OneAtATime")
            .next()
            .is_some()
    );
    assert!(harness.query_by_label_contains("Minute 0.0").is_some());
    harness.get_by_label("Fail a health check").click();
    harness.run_steps(2);
    for _ in 0..40 {
        if harness.query_by_label("Step ⏭").is_none() {
            break;
        }
        harness.get_by_label("Step ⏭").click();
        harness.run_steps(1);
    }
    assert!(harness.query_by_label_contains("Outcome: rolled back").is_some());
    // Every strategy is compared for the same fleet.
    assert!(harness.query_all_by_label("eb-immutable").next().is_some());
}

#[test]
fn the_window_asks_for_no_frames_while_idle() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(1_795_729_910);
    let mut harness = app_harness_with_clock(dir.path(), clock.clone());
    for mode in ["Notes", "Pipelines", "Quiz", "Progress"] {
        harness.get_by_label(mode).click();
        harness.run();
        // Ten idle seconds: no input, and the app never asks to be drawn again.
        for _ in 0..10 {
            clock.advance_secs(1);
            harness.step();
            assert_eq!(
                repaint_delay(&harness),
                Duration::MAX,
                "{mode} redraws while idle"
            );
        }
    }
    // A timed exam ticks once a second, and only then.
    common::start_exam(&mut harness);
    harness.run_steps(3);
    for second in 0..10 {
        clock.advance_secs(1);
        harness.step();
        assert_eq!(
            repaint_delay(&harness),
            Duration::from_secs(1),
            "second {second} of the exam"
        );
    }
}

/// `Harness::run` fails when a widget has no accessible name; visit every view with it.
#[test]
fn every_view_labels_its_widgets() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(1_795_729_910));
    let visit = |harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>, label: &str| {
        harness
            .get_all_by_label(label)
            .next()
            .unwrap_or_else(|| panic!("no {label:?}"))
            .click();
        harness.run();
    };
    common::open_codebuild_via_tree(&mut harness);
    harness.run();
    visit(&mut harness, "Settings…");
    visit(&mut harness, "Search…");
    harness.key_press(Key::Escape);
    harness.run();
    visit(&mut harness, "Pipelines");
    let example = harness.get_all_by_label_contains("Open a copy:").next().unwrap();
    example.click();
    harness.run();
    visit(&mut harness, "Deployment simulator");
    visit(&mut harness, "Challenges");
    visit(&mut harness, "Quiz");
    visit(&mut harness, "Start practice");
    common::answer(&mut harness, true);
    harness.run();
    visit(&mut harness, "Submit");
    visit(&mut harness, "End session");
    visit(&mut harness, "Back to quiz");
    visit(&mut harness, "Start exam…");
    visit(&mut harness, "Start exam now");
    visit(&mut harness, "Finish exam…");
    visit(&mut harness, "Finish exam");
    visit(&mut harness, "Progress");
}
