//! Search and keys on the real app: Ctrl+K brings the last query back selected, Esc clears the
//! tree filter and closes F1 help and the command palette, and the palette says when nothing
//! matches and switches the theme.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common::{SDLC_DOMAIN, app_harness, saved};
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use stagecraft::progress::{Settings, ThemeChoice};

type Harness = egui_kittest::Harness<'static, stagecraft::StudyApp>;

/// The text in the field labelled `label`.
fn field_text(harness: &Harness, label: &str) -> String {
    harness.get_by_label(label).value().unwrap_or_default()
}

#[test]
fn ctrl_k_brings_the_last_query_back_selected_so_typing_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_steps(2);
    harness
        .get_by_label("Search notes and titles")
        .type_text("lifecycle hook");
    harness.run_steps(2);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert!(!harness.state().is_search_open());

    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_steps(2);
    assert_eq!(field_text(&harness, "Search notes and titles"), "lifecycle hook");
    harness
        .get_by_label("Search notes and titles")
        .type_text("buildspec");
    harness.run_steps(2);
    assert_eq!(field_text(&harness, "Search notes and titles"), "buildspec");
}

#[test]
fn esc_in_the_filter_box_clears_the_tree_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.get_by_label("Filter").focus();
    harness.run();
    harness.get_by_label("Filter").type_text("Pending:Wait");
    harness.run_steps(2);
    assert!(
        harness.query_by_label("AWS CodeBuild").is_none(),
        "the filter hides topics"
    );
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert_eq!(field_text(&harness, "Filter"), "");
    assert!(
        harness.query_all_by_label_contains(SDLC_DOMAIN).next().is_some(),
        "every domain is back"
    );
}

#[test]
fn esc_on_the_tree_clears_the_tree_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.get_by_label("Filter").focus();
    harness.run();
    harness.get_by_label("Filter").type_text("buildspec");
    harness.run_steps(2);
    // A row takes the keyboard focus when clicked.
    harness.get_by_label_contains(SDLC_DOMAIN).click();
    harness.run_steps(2);
    assert!(harness.get_by_label_contains(SDLC_DOMAIN).is_focused());
    assert_eq!(field_text(&harness, "Filter"), "buildspec");
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    assert_eq!(field_text(&harness, "Filter"), "");
}

#[test]
fn esc_closes_the_keyboard_shortcuts() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.key_press(Key::F1);
    harness.run_steps(3);
    assert!(
        harness.query_by_label("Ctrl+Shift+P").is_some(),
        "F1 shows the shortcuts"
    );
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    assert!(
        harness.query_by_label("Ctrl+Shift+P").is_none(),
        "Esc closes them"
    );
}

#[test]
fn esc_closes_the_command_palette() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run_steps(3);
    assert!(harness.query_by_label("Run a command").is_some());
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    assert!(harness.query_by_label("Run a command").is_none());
}

#[test]
fn the_palette_says_when_no_command_matches() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run_steps(3);
    harness.get_by_label("Run a command").type_text("xyzzy");
    harness.run_steps(2);
    assert!(harness.query_by_label_contains("No command matches").is_some());
    // Enter with nothing to run does nothing and keeps the palette open.
    harness.key_press(Key::Enter);
    harness.run_steps(2);
    assert!(harness.query_by_label("Run a command").is_some());
}

#[test]
fn the_palette_switches_the_theme() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    for (words, theme, dark) in [
        ("dark theme", ThemeChoice::Dark, true),
        ("light theme", ThemeChoice::Light, false),
    ] {
        harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
        harness.run_steps(3);
        harness.get_by_label("Run a command").type_text(words);
        harness.run_steps(2);
        harness.key_press(Key::Enter);
        harness.run_steps(3);
        let settings: Settings = saved(dir.path(), "settings.ron");
        assert_eq!(settings.theme, theme, "{words}");
        assert_eq!(harness.ctx.global_style().visuals.dark_mode, dark, "{words}");
    }
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run_steps(3);
    harness
        .get_by_label("Run a command")
        .type_text("theme follow the system");
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let settings: Settings = saved(dir.path(), "settings.ron");
    assert_eq!(settings.theme, ThemeChoice::FollowSystem);
}
