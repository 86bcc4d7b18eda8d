//! Every note, question and card of the built-in course renders with the app's fonts: the test
//! harness fails on any character the fonts cannot draw, which would show as a box to learners.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use egui_commonmark::{CommonMarkCache, CommonMarkViewer};
use egui_kittest::Harness;
use stagecraft::course::{self, PackSource};

fn course() -> course::Course {
    course::load(&PackSource::embedded()).course.unwrap()
}

#[test]
fn every_note_renders_with_the_app_fonts() {
    for topic in course().topics {
        println!("rendering notes/{}.md", topic.id);
        let mut cache = CommonMarkCache::default();
        let note = topic.note.clone();
        let mut harness = Harness::builder()
            .with_size(egui::vec2(900.0, 8000.0))
            .with_context_setup(stagecraft::ui::install_fonts)
            .build_ui(move |ui| {
                CommonMarkViewer::new().show(ui, &mut cache, &note);
            });
        harness.run_steps(2);
    }
}

#[test]
fn every_question_and_card_renders_with_the_app_fonts() {
    let course = course();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(900.0, 800.0))
        .with_context_setup(stagecraft::ui::install_fonts)
        .build_ui(move |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for question in &course.questions {
                    ui.label(&question.stem);
                    for option in &question.options {
                        ui.label(&option.text);
                        ui.label(&option.explanation);
                    }
                }
                for card in &course.cards {
                    ui.label(&card.front);
                    ui.label(&card.back);
                }
            });
        });
    harness.run_steps(2);
}
