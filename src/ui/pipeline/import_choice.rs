//! "Which pipeline?": a template with several pipelines asks which one to open, naming each by
//! its logical ID with its size.

use std::path::PathBuf;

use crate::pipeline::Diagram;
use crate::ui::shell::action::{PipelineRequest, Requests};

/// The pipelines of an imported file, waiting for the learner's choice.
#[derive(Debug, Clone)]
pub struct ImportChoice {
    pub path: PathBuf,
    pub diagrams: Vec<Diagram>,
}

impl ImportChoice {
    /// `BuildPipeline: my-app (3 stages, 5 actions)`.
    #[must_use]
    pub fn label(diagram: &Diagram) -> String {
        let id = diagram.logical_id.as_deref().unwrap_or("Pipeline");
        format!(
            "{id}: {} ({}, {})",
            diagram.name,
            crate::words::plural(diagram.stages.len(), "stage"),
            crate::words::plural(diagram.action_count(), "action")
        )
    }
}

/// Draws the choice while there is one; Esc or "Cancel" closes it.
pub fn import_choice_ui(ctx: &egui::Context, choice: Option<&ImportChoice>, actions: &mut Requests) {
    let Some(choice) = choice else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("import_choice")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading("Which pipeline?");
        ui.label(format!(
            "{} holds {} pipelines. Open one; import the file again for another.",
            choice.path.display(),
            choice.diagrams.len()
        ));
        ui.add_space(6.0);
        for (index, diagram) in choice.diagrams.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(ImportChoice::label(diagram));
                if ui.button("Open").clicked() {
                    actions.push(PipelineRequest::ImportChosen(index));
                }
            });
        }
        ui.add_space(6.0);
        if ui.button("Cancel").on_hover_text("Esc").clicked() {
            actions.push(PipelineRequest::CancelImport);
        }
    });
    if modal.should_close() {
        actions.push(PipelineRequest::CancelImport);
    }
}
