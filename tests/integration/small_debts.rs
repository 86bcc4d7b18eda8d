//! Small debts: the new-cards drag value saves once per drag and keeps within the cap while a
//! typed value is still clamped with a message; the open mode comes back from eframe's storage.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use egui::Key;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use stagecraft::progress::{Clock, MAX_NEW_CARDS_PER_DAY, Settings};
use stagecraft::ui::Mode;

use crate::common::{app_harness_with_clock, saved, start_exam};

const START: u64 = 1_795_729_910;

type AppHarness = egui_kittest::Harness<'static, stagecraft::StudyApp>;

/// What settings.ron's modification time is set to after each frame: a save replaces the file,
/// and the new file has another time.
const MARK: SystemTime = SystemTime::UNIX_EPOCH;

fn mark(path: &Path) {
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(MARK + Duration::from_secs(1)).unwrap();
}

fn saved_since_mark(path: &Path) -> bool {
    std::fs::metadata(path).unwrap().modified().unwrap() != MARK + Duration::from_secs(1)
}

/// The real app with settings.ron on disk and the settings window open.
fn settings_open(dir: &Path) -> AppHarness {
    crate::common::write_settings(dir, Settings::default());
    let mut harness = app_harness_with_clock(dir, Clock::manual(START));
    harness.get_by_label("Settings…").click();
    harness.run_steps(3);
    harness
}

/// The drag value's centre.
fn new_cards_field(harness: &AppHarness) -> egui::Pos2 {
    harness
        .get_all_by_label("New recall cards per day")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::SpinButton)
        .expect("a spin button labelled by its text")
        .rect()
        .center()
}

/// The value the drag value shows.
fn new_cards_shown(harness: &AppHarness) -> f64 {
    harness
        .get_all_by_label("New recall cards per day")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::SpinButton)
        .and_then(|n| n.accesskit_node().numeric_value())
        .expect("the drag value shows a number")
}

/// Drags the field `dx` points to the right in `steps` frames, like a person with a mouse;
/// returns how many frames saved settings.ron while the button was down, and after release.
fn drag_counting_saves(harness: &mut AppHarness, dir: &Path, dx: f32, steps: u32) -> (usize, usize) {
    let path = dir.join("settings.ron");
    let start = new_cards_field(harness);
    harness.hover_at(start);
    harness.step();
    harness.drag_at(start);
    harness.step();
    let mut during = 0;
    for i in 1..=steps {
        mark(&path);
        harness.hover_at(start + egui::vec2(dx * i as f32 / steps as f32, 0.0));
        harness.step();
        during += usize::from(saved_since_mark(&path));
    }
    mark(&path);
    harness.drop_at(start + egui::vec2(dx, 0.0));
    harness.step();
    harness.run_steps(2);
    (during, usize::from(saved_since_mark(&path)))
}

#[test]
fn dragging_new_cards_per_day_saves_once_when_the_drag_ends() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = settings_open(dir.path());
    let before = Settings::default().new_cards_per_day;

    let (during, after) = drag_counting_saves(&mut harness, dir.path(), 40.0, 8);
    assert_eq!((during, after), (0, 1), "saves while dragging, and at the end");
    let settings: Settings = saved(dir.path(), "settings.ron");
    let shown = new_cards_shown(&harness);
    assert!(
        settings.new_cards_per_day > before && settings.new_cards_per_day <= before + 40,
        "dragged from {before} to {}",
        settings.new_cards_per_day
    );
    assert_eq!(f64::from(settings.new_cards_per_day), shown);

    // Dragged far past the cap, the value stops at it: no clamping message, one save.
    let (during, after) = drag_counting_saves(&mut harness, dir.path(), 900.0, 12);
    assert_eq!((during, after), (0, 1));
    let settings: Settings = saved(dir.path(), "settings.ron");
    assert_eq!(settings.new_cards_per_day, MAX_NEW_CARDS_PER_DAY);
    let status = harness.state().status_text().to_owned();
    assert!(!status.contains("new cards a day"), "{status}");
}

#[test]
fn a_typed_number_of_new_cards_over_the_cap_is_clamped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = settings_open(dir.path());
    let field = harness
        .get_all_by_label("New recall cards per day")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::SpinButton)
        .unwrap();
    field.focus();
    harness.run_steps(2);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.event(egui::Event::Text("500".to_owned()));
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let settings: Settings = saved(dir.path(), "settings.ron");
    assert_eq!(settings.new_cards_per_day, MAX_NEW_CARDS_PER_DAY);
    let status = harness.state().status_text().to_owned();
    assert!(
        status.contains(&format!("500 was set to {MAX_NEW_CARDS_PER_DAY}")),
        "{status}"
    );
}

/// eframe's storage in memory, as the native app keeps it in a file.
#[derive(Default)]
struct MemoryStorage(BTreeMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

/// The app as `main.rs` creates it: with what eframe's storage kept from the last run.
fn reopened(dir: &Path, storage: MemoryStorage) -> AppHarness {
    reopened_at(dir, storage, Clock::manual(START))
}

/// [`reopened`] with the clock at another time.
fn reopened_at(dir: &Path, storage: MemoryStorage, clock: Clock) -> AppHarness {
    let mut config = stagecraft::AppConfig::embedded(dir.to_path_buf()).unwrap();
    config.clock = clock;
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| {
            stagecraft::StudyApp::new(&cc.egui_ctx, config)
                .unwrap()
                .with_stored_layout(Some(&storage))
        });
    harness.run_steps(2);
    harness
}

/// What eframe would store for the app as it is now.
fn stored(harness: &mut AppHarness) -> MemoryStorage {
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    storage
}

#[test]
fn the_mode_the_app_was_left_in_comes_back_unless_an_exam_is_restored() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    harness.get_by_label("Progress").click();
    harness.run_steps(2);
    assert_eq!(harness.state().mode(), Mode::Progress);
    let storage = stored(&mut harness);
    drop(harness);
    let mut harness = reopened(dir.path(), storage);
    assert_eq!(harness.state().mode(), Mode::Progress);

    // Left in the notes with an exam running: the exam comes back, in the quiz.
    harness.get_by_label("Notes").click();
    harness.run_steps(2);
    let storage = stored(&mut harness);
    start_exam(&mut harness);
    drop(harness);
    let harness = reopened(dir.path(), storage);
    assert!(
        harness.state().exam_seconds_left().is_some(),
        "the exam is restored"
    );
    assert_eq!(harness.state().mode(), Mode::Quiz);

    // Nothing stored: Today, the start screen, as on a first run.
    std::fs::remove_file(dir.path().join("exam.ron")).unwrap();
    let harness = reopened(dir.path(), MemoryStorage::default());
    assert_eq!(harness.state().mode(), Mode::Today);

    // Left in Progress, opened again the next day: Today, with the day's plan.
    let mut harness = reopened(dir.path(), MemoryStorage::default());
    harness.get_by_label("Progress").click();
    harness.run_steps(2);
    let storage = stored(&mut harness);
    drop(harness);
    let next_day = reopened_at(dir.path(), storage, Clock::manual(START + 86_400));
    assert_eq!(next_day.state().mode(), Mode::Today);
}
