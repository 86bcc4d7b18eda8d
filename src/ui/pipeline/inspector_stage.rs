//! The inspector's stage page: the stage's name and place, what the stage does when it fails
//! (roll back or retry, and how), and its entry, success and failure conditions (drawn by
//! `inspector_conditions`). The conditions and the failure result change as one undoable step
//! per frame.

use crate::pipeline::catalog::conditions::{FAILURE_RESULTS, RETRY_MODES};
use crate::pipeline::commands::stage_conditions as conditions;
use crate::pipeline::{Diagram, commands};
use crate::ui::pipeline::inspector_conditions::conditions_ui;
use crate::ui::pipeline::inspector_fields::{Choice, FieldDrafts, choice_field, draft_field, hint};
use crate::ui::pipeline::state::EditorView;
use crate::ui::shell::action::{PipelineRequest, Requests};

/// Draws stage `stage`'s properties.
pub fn stage_inspector_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    diagram: &Diagram,
    stage: usize,
    actions: &mut Requests,
) {
    let current = &diagram.stages[stage];
    ui.strong(format!("Stage {}", stage + 1));
    if let Some(name) = draft_field(
        ui,
        &mut view.drafts,
        &format!("stage:{stage}:name"),
        "Name",
        &current.name,
        false,
    ) {
        actions.push(PipelineRequest::Edit {
            label: "Rename stage".to_owned(),
            ops: commands::rename_stage(diagram, stage, &name),
        });
    }
    place_ui(ui, view, diagram, stage, actions);
    ui.label(egui::RichText::new(crate::words::plural(current.actions.len(), "action")).weak());

    let mut extra = current.extra.clone();
    ui.separator();
    failure_ui(ui, &mut view.drafts, stage, &mut extra);
    ui.separator();
    conditions_ui(ui, &mut view.drafts, diagram, stage, &mut extra);
    let ops = commands::set_stage_extra(diagram, stage, extra);
    if !ops.is_empty() {
        actions.push(PipelineRequest::Edit {
            label: "Edit stage conditions".to_owned(),
            ops,
        });
    }
}

/// Moving and deleting the stage.
fn place_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    diagram: &Diagram,
    stage: usize,
    actions: &mut Requests,
) {
    ui.horizontal(|ui| {
        if ui
            .add_enabled(stage > 0, egui::Button::new("Move left"))
            .clicked()
        {
            actions.push(PipelineRequest::Edit {
                label: "Move stage".to_owned(),
                ops: commands::move_stage(diagram, stage, stage - 1),
            });
            view.selected_stage = Some(stage - 1);
        }
        if ui
            .add_enabled(stage + 1 < diagram.stages.len(), egui::Button::new("Move right"))
            .clicked()
        {
            actions.push(PipelineRequest::Edit {
                label: "Move stage".to_owned(),
                ops: commands::move_stage(diagram, stage, stage + 1),
            });
            view.selected_stage = Some(stage + 1);
        }
    });
    if ui.button("Delete stage").clicked() {
        actions.push(PipelineRequest::Edit {
            label: "Delete stage".to_owned(),
            ops: commands::delete_stage(diagram, stage),
        });
        view.selected_stage = None;
    }
}

/// What the stage does by itself when it fails: nothing (the run stops), roll back to the
/// stage's last successful run, or retry the failed actions or all of them.
fn failure_ui(ui: &mut egui::Ui, drafts: &mut FieldDrafts, stage: usize, extra: &mut conditions::StageExtra) {
    ui.strong("When the stage fails");
    let result = conditions::failure_result(extra);
    if let Some(choice) = choice_field(
        ui,
        drafts,
        &format!("stage:{stage}:failure"),
        "Result",
        Some("On failure result"),
        FAILURE_RESULTS,
        result.as_deref(),
        true,
    ) {
        let chosen = match &choice {
            Choice::Set(value) => Some(value.as_str()),
            Choice::Unset => None,
        };
        conditions::set_failure_result(extra, chosen);
    }
    match conditions::failure_result(extra).as_deref() {
        Some("RETRY") => {
            let mode = conditions::retry_mode(extra);
            if let Some(Choice::Set(mode)) = choice_field(
                ui,
                drafts,
                &format!("stage:{stage}:retry"),
                "Retry",
                Some("Retry mode"),
                RETRY_MODES,
                mode.as_deref(),
                false,
            ) {
                conditions::set_retry_mode(extra, &mode);
            }
            hint(ui, "The stage is retried automatically, once.");
        }
        Some("ROLLBACK") => hint(
            ui,
            "The stage rolls back to the artifacts of its last successful run (V2 pipelines).",
        ),
        _ => hint(ui, "Not set: the run stops at the failed stage."),
    }
}
