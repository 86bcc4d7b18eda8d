//! Overviews of what the pack holds, shown by modes whose full views build on them: example
//! pipelines by name, question counts per domain, and notes read per domain.

use crate::course::{Course, summary};
use crate::progress::Progress;

/// The pack's example pipelines, by name.
pub fn pipelines_overview_ui(ui: &mut egui::Ui, course: &Course) {
    ui.heading("Example pipelines");
    if course.pipelines.is_empty() {
        ui.label("This course pack has no example pipelines.");
        return;
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        for example in &course.pipelines {
            let d = &example.diagram;
            ui.group(|ui| {
                ui.strong(&d.name);
                if !d.description.is_empty() {
                    ui.label(&d.description);
                }
                let stages: Vec<&str> = d.stages.iter().map(|s| s.name.as_str()).collect();
                ui.label(
                    egui::RichText::new(format!(
                        "{} actions in stages: {}",
                        d.action_count(),
                        stages.join(" → ")
                    ))
                    .weak(),
                );
            });
        }
    });
}

/// Question counts per domain of the selected blueprint.
pub fn quiz_overview_ui(ui: &mut egui::Ui, course: &Course, blueprint: usize) {
    let Some(bp) = course.blueprints.get(blueprint) else {
        return;
    };
    ui.heading(format!("Question bank: {} questions", course.questions.len()));
    ui.label(format!("Per domain of {}:", bp.title));
    let counts = summary::domain_counts(course, blueprint);
    egui::Grid::new("quiz_counts")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.strong("Domain");
            ui.strong("Weight");
            ui.strong("Questions");
            ui.end_row();
            for (domain, n) in bp.domains.iter().zip(counts) {
                ui.label(format!("{} {}", domain.id, domain.title));
                ui.label(format!("{}%", domain.weight_percent));
                ui.label(n.to_string());
                ui.end_row();
            }
        });
}

/// Notes read per domain of the selected blueprint.
pub fn progress_overview_ui(ui: &mut egui::Ui, course: &Course, blueprint: usize, progress: &Progress) {
    let Some(bp) = course.blueprints.get(blueprint) else {
        return;
    };
    ui.heading("Notes read");
    egui::Grid::new("notes_read")
        .striped(true)
        .num_columns(2)
        .show(ui, |ui| {
            ui.strong("Domain");
            ui.strong("Read");
            ui.end_row();
            for (d, domain) in bp.domains.iter().enumerate() {
                let topics = course.domain_topics(blueprint, d);
                let read = topics.iter().filter(|t| progress.is_read(t)).count();
                ui.label(format!("{} {}", domain.id, domain.title));
                ui.label(format!("{read} of {}", topics.len()));
                ui.end_row();
            }
        });
}
