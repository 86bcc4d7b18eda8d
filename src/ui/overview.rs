//! The pack's example pipelines by name, shown until the pipeline editor replaces this view.

use crate::course::Course;

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
