//! The inspector: the properties of the selection (one action, or a stage) or, with nothing
//! selected, of the pipeline itself; several selected actions get the bulk commands. Each
//! page is drawn by a file of its own (`inspector_*`).

use crate::pipeline::ActionId;

pub use crate::ui::pipeline::inspector_fields::FieldDrafts;

use crate::ui::pipeline::inspector_action::action_inspector_ui;
use crate::ui::pipeline::inspector_pipeline::pipeline_inspector_ui;
use crate::ui::pipeline::inspector_stage::stage_inspector_ui;
use crate::ui::pipeline::state::{EditorView, OpenDiagram};
use crate::ui::shell::action::{PipelineRequest, Requests};

/// Draws the properties of the selection, or of the pipeline when nothing is selected.
pub fn properties_ui(ui: &mut egui::Ui, view: &mut EditorView, open: &OpenDiagram, actions: &mut Requests) {
    let diagram = &open.diagram;
    let selected: Vec<ActionId> = view
        .selection
        .iter()
        .copied()
        .filter(|id| diagram.locate(*id).is_some())
        .collect();
    match (selected.as_slice(), view.selected_stage) {
        ([id], _) => action_inspector_ui(ui, &mut view.drafts, diagram, *id, actions),
        ([], Some(stage)) if stage < diagram.stages.len() => {
            stage_inspector_ui(ui, view, diagram, stage, actions);
        }
        ([], _) => pipeline_inspector_ui(ui, &mut view.drafts, diagram, actions),
        (many, _) => {
            ui.strong(format!("{} actions selected", many.len()));
            ui.horizontal(|ui| {
                if ui.button("Duplicate").on_hover_text("Ctrl+D").clicked() {
                    actions.push(PipelineRequest::DuplicateSelection);
                }
                if ui.button("Delete").on_hover_text("Delete").clicked() {
                    actions.push(PipelineRequest::DeleteSelection);
                }
            });
        }
    }
}
