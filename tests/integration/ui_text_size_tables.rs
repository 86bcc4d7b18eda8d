//! Text size and tables on the real app: the text-size setting reaches the hand-painted domain
//! tree, and a table's sideways scroll belongs to that table in that note.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::sync::Arc;

use crate::common::{self, SDLC_DOMAIN, app_harness, click_link};
use egui_kittest::kittest::Queryable as _;
use stagecraft::progress::Settings;

/// The height of the DOP-C02 domain 1 row with the text size set to `scale`.
fn domain_row_height(scale: f32) -> f32 {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings {
        text_scale: scale,
        ..Settings::default()
    };
    std::fs::write(
        dir.path().join("settings.ron"),
        stagecraft::progress::to_ron(&settings).unwrap(),
    )
    .unwrap();
    let harness = app_harness(dir.path());
    harness.get_by_label_contains(SDLC_DOMAIN).rect().height()
}

#[test]
fn the_tree_rows_grow_with_the_text_size() {
    let normal = domain_row_height(1.0);
    let large = domain_row_height(1.4);
    assert!(
        large >= normal * 1.3,
        "at 140% a tree row should be about 40% taller: {normal} → {large}"
    );
}

/// A table of four columns, each cell far wider than the note.
fn wide_table(first: &str) -> String {
    let wide = "with a great many words that make this column much wider than the window ".repeat(3);
    format!("| {first} | Second {wide} | Third {wide} |\n|---|---|---|\n| {first} cell | {wide} | {wide} |\n")
}

/// The test pack with a wide table at the top of two notes, the first linking to the second.
fn harness_with_tables(data_dir: &std::path::Path) -> egui_kittest::Harness<'static, stagecraft::StudyApp> {
    let mut pack = common::valid_pack();
    for file in &mut pack.files {
        if file.path == "notes/pipes.md" {
            file.text = format!(
                "# Alpha note\n\n{}\nOpen the [bravo note](topic:builds).\n",
                wide_table("Alpha first column")
            );
        } else if file.path == "notes/builds.md" {
            file.text = format!("# Bravo note\n\n{}\nThe end.\n", wide_table("Bravo first column"));
        }
    }
    let report = stagecraft::course::load(&pack);
    std::fs::write(
        data_dir.join("progress.ron"),
        "(version: 1, blueprint: \"bp1\", selected_topic: Some(\"pipes\"))",
    )
    .unwrap();
    std::fs::write(data_dir.join("settings.ron"), "(version: 1, welcome_done: true)").unwrap();
    let config = stagecraft::AppConfig {
        data_dir: data_dir.to_path_buf(),
        course: Arc::new(report.course.unwrap()),
        pack_problems: report.problems,
        clock: stagecraft::progress::Clock::System,
    };
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .build_eframe(move |cc| stagecraft::StudyApp::new(&cc.egui_ctx, config).unwrap());
    harness.run_steps(3);
    // The app opens on Today; the selected note waits in Notes.
    harness.get_by_label("Notes").click();
    harness.run_steps(3);
    harness
}

fn left_of(harness: &egui_kittest::Harness<'static, stagecraft::StudyApp>, label: &str) -> f32 {
    harness.get_by_label(label).rect().left()
}

#[test]
fn a_tables_sideways_scroll_stays_with_its_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness_with_tables(dir.path());
    assert_eq!(harness.state().open_topic(), Some("pipes"));
    let note_left = left_of(&harness, "Alpha note");
    assert!((left_of(&harness, "Alpha first column") - note_left).abs() < 20.0);

    // Scroll the first note's table sideways.
    for _ in 0..6 {
        harness.get_by_label("Alpha first column").scroll_left();
        harness.run_steps(2);
    }
    harness.run_steps(5);
    assert!(
        left_of(&harness, "Alpha first column") < note_left - 300.0,
        "the table scrolled sideways"
    );

    click_link(&mut harness, "bravo note");
    harness.run_steps(5);
    assert_eq!(harness.state().open_topic(), Some("builds"));
    let bravo_note_left = left_of(&harness, "Bravo note");
    let first_column = left_of(&harness, "Bravo first column");
    assert!(
        first_column >= bravo_note_left - 1.0 && first_column < bravo_note_left + 20.0,
        "the next note's table starts at its first column: column at {first_column}, note at {bravo_note_left}"
    );
}
