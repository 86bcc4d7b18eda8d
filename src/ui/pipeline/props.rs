//! The properties panel (the selection's name, provider, configuration keys, run order and
//! artifacts; a stage's name and place; the pipeline's own settings).

use std::collections::BTreeMap;

use crate::pipeline::{ActionId, Diagram, Text, catalog, commands};

use crate::ui::pipeline::state::{EditorView, OpenDiagram};
use crate::ui::shell::action::{PipelineRequest, Requests};

/// A text field whose edits apply as one undo step when it loses focus, when typing pauses
/// for a moment, or when the app asks for every draft before the learner leaves (a mode
/// change, closing the window). Returns the new text when a change is committed.
fn draft_field(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    key: &str,
    label: &str,
    current: &str,
    multiline: bool,
) -> Option<String> {
    let now = ui.input(|i| i.time);
    let flush = drafts.flush;
    let draft = drafts.fields.entry(key.to_owned()).or_insert_with(|| FieldDraft {
        text: current.to_owned(),
        changed_at: None,
    });
    let response = ui
        .horizontal(|ui| {
            let label = ui.label(label);
            let edit = if multiline {
                egui::TextEdit::multiline(&mut draft.text).desired_rows(2)
            } else {
                egui::TextEdit::singleline(&mut draft.text)
            };
            ui.add(edit.desired_width(ui.available_width()))
                .labelled_by(label.id)
        })
        .inner;
    if response.changed() {
        draft.changed_at = Some(now);
    }
    let Some(changed_at) = draft.changed_at else {
        if !response.has_focus() && draft.text != current {
            // Changed elsewhere (undo, another field): show the current value.
            current.clone_into(&mut draft.text);
        }
        return None;
    };
    let idle = now - changed_at;
    if response.lost_focus() || flush || idle >= crate::ui::notes::view::DRAFT_SAVE_AFTER_SECS {
        draft.changed_at = None;
        return (draft.text != current).then(|| draft.text.clone());
    }
    drafts.open = true;
    #[expect(clippy::cast_possible_truncation, reason = "under a second")]
    let wait = (crate::ui::notes::view::DRAFT_SAVE_AFTER_SECS - idle).max(0.0) as f32;
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_secs_f32(wait + 0.05));
    None
}

/// One inspector field being typed.
#[derive(Debug, Clone, Default)]
pub struct FieldDraft {
    pub text: String,
    /// When the text last changed (egui time), while not yet committed.
    changed_at: Option<f64>,
}

/// The inspector's fields being typed.
#[derive(Debug, Clone, Default)]
pub struct FieldDrafts {
    pub fields: BTreeMap<String, FieldDraft>,
    /// Set by the app: commit every changed field on the next frame.
    pub flush: bool,
    /// Set while drawing: some field holds typing not yet committed.
    pub open: bool,
}

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
        ([id], _) => action_properties_ui(ui, view, diagram, *id, actions),
        ([], Some(stage)) if stage < diagram.stages.len() => {
            stage_properties_ui(ui, view, diagram, stage, actions);
        }
        ([], _) => pipeline_properties_ui(ui, view, diagram, actions),
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

fn pipeline_properties_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    diagram: &Diagram,
    actions: &mut Requests,
) {
    ui.strong("Pipeline");
    let fields = [
        ("pipeline:name", "Name", diagram.name.as_str(), false),
        (
            "pipeline:description",
            "Description",
            diagram.description.as_str(),
            true,
        ),
        (
            "pipeline:role",
            "Service role ARN",
            diagram.role_arn.as_str(),
            false,
        ),
        (
            "pipeline:bucket",
            "Artifact bucket",
            diagram.artifact_bucket.as_str(),
            false,
        ),
    ];
    let mut changed: Option<(usize, String)> = None;
    for (index, (key, label, current, multiline)) in fields.into_iter().enumerate() {
        if let Some(value) = draft_field(ui, &mut view.drafts, key, label, current, multiline) {
            changed = Some((index, value));
        }
    }
    if let Some((index, value)) = changed {
        let mut name = diagram.name.clone();
        let mut description = diagram.description.clone();
        let mut role_arn = diagram.role_arn.clone();
        let mut artifact_bucket = diagram.artifact_bucket.clone();
        match index {
            0 => name = Text::from_input(&value),
            1 => description = value,
            2 => role_arn = Text::from_input(&value),
            _ => artifact_bucket = Text::from_input(&value),
        }
        let ops = vec![crate::pipeline::edit::Op::SetMeta {
            name,
            description,
            role_arn,
            artifact_bucket,
        }];
        actions.push(PipelineRequest::Edit {
            label: "Edit pipeline settings".to_owned(),
            ops,
        });
    }
    ui.label(egui::RichText::new("Select an action or a stage to edit it.").weak());
}

fn stage_properties_ui(
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
        let ops = commands::rename_stage(diagram, stage, &name);
        actions.push(PipelineRequest::Edit {
            label: "Rename stage".to_owned(),
            ops,
        });
    }
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
    ui.label(egui::RichText::new(format!("{} actions", current.actions.len())).weak());
}

fn action_properties_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    diagram: &Diagram,
    id: ActionId,
    actions: &mut Requests,
) {
    let Some(action) = diagram.action(id) else { return };
    let spec = catalog::spec_for_action(action);
    let key = |field: &str| format!("action:{}:{field}", id.0);
    let mut changed = action.clone();
    let mut label = None;

    ui.strong(spec.map_or(action.provider.as_str(), |s| s.label));
    if let Some(name) = draft_field(ui, &mut view.drafts, &key("name"), "Name", &action.name, false) {
        changed.name = Text::from_input(&name);
        label = Some("Rename action");
    }
    ui.horizontal(|ui| {
        ui.label("Provider");
        let current = spec.map_or_else(|| action.provider.to_string(), |s| s.label.to_owned());
        egui::ComboBox::from_id_salt(("provider", id.0))
            .selected_text(current)
            .show_ui(ui, |ui| {
                for candidate in catalog::in_category(action.category) {
                    if ui
                        .selectable_label(spec.is_some_and(|s| s.key == candidate.key), candidate.label)
                        .clicked()
                    {
                        changed.provider = candidate.provider.into();
                        changed.owner = candidate.owner;
                        changed.version = candidate.version.into();
                        for (k, v) in candidate.preset {
                            changed
                                .configuration
                                .entry((*k).to_owned())
                                .or_insert_with(|| Text::from(*v));
                        }
                        label = Some("Change provider");
                    }
                }
            });
    });
    ui.horizontal(|ui| {
        let text = ui.label("Run order");
        let mut run_order = action.run_order;
        let response = ui
            .add(egui::DragValue::new(&mut run_order).range(1..=999))
            .labelled_by(text.id);
        if (response.drag_stopped() || (response.changed() && !response.dragged()))
            && run_order != action.run_order
        {
            changed.run_order = run_order;
            label = Some("Change run order");
        }
    });

    ui.separator();
    ui.strong("Configuration");
    let mut names: Vec<String> = spec
        .map(|s| s.config.iter().map(|k| k.name.to_owned()).collect())
        .unwrap_or_default();
    for existing in action.configuration.keys() {
        if !names.contains(existing) {
            names.push(existing.clone());
        }
    }
    for name in names {
        let config_key = spec.and_then(|s| s.config_key(&name));
        let needed = config_key.is_some_and(|k| k.is_needed(&action.configuration));
        let shown = if needed { format!("{name} *") } else { name.clone() };
        let current = action
            .configuration
            .get(&name)
            .map(ToString::to_string)
            .unwrap_or_default();
        let response = draft_field(
            ui,
            &mut view.drafts,
            &key(&format!("config:{name}")),
            &shown,
            &current,
            false,
        );
        if let Some(hint) = config_key.map(|k| k.hint) {
            ui.label(egui::RichText::new(hint).weak().small());
        }
        if let Some(value) = response {
            if value.is_empty() {
                changed.configuration.remove(&name);
            } else {
                changed.configuration.insert(name, Text::from_input(&value));
            }
            label = Some("Edit configuration");
        }
    }

    ui.separator();
    ui.strong("Artifacts");
    if let Some(spec) = spec {
        ui.label(
            egui::RichText::new(format!("Takes {} in, gives {} out", spec.inputs, spec.outputs))
                .weak()
                .small(),
        );
    }
    for input in &action.inputs {
        ui.horizontal(|ui| {
            ui.label(format!("In: {input}"));
            if ui
                .small_button("Remove")
                .on_hover_text(format!("Stop reading {input}"))
                .clicked()
            {
                changed.inputs.retain(|i| i != input);
                label = Some("Remove input");
            }
        });
    }
    let available: Vec<String> = commands::artifact_names(diagram)
        .into_iter()
        .filter(|a| !action.inputs.iter().chain(&action.outputs).any(|t| t == a))
        .collect();
    if !available.is_empty() {
        egui::ComboBox::from_id_salt(("add_input", id.0))
            .selected_text("Add input…")
            .show_ui(ui, |ui| {
                for artifact in available {
                    if ui.selectable_label(false, &artifact).clicked() {
                        changed.inputs.push(Text::from(artifact));
                        label = Some("Add input");
                    }
                }
            });
    }
    let mut renamed: Option<(String, String)> = None;
    for output in &action.outputs {
        if let Some(new) = draft_field(
            ui,
            &mut view.drafts,
            &key(&format!("output:{output}")),
            "Out",
            output,
            false,
        ) {
            renamed = Some((output.to_string(), new));
        }
    }
    ui.horizontal(|ui| {
        if ui.small_button("Add output").clicked() {
            let name = commands::unique_name(
                &format!("{}Output", action.name.replace(['.', '@'], "")),
                &commands::artifact_names(diagram),
            );
            changed.outputs.push(Text::from(name));
            label = Some("Add output");
        }
        if !action.outputs.is_empty() && ui.small_button("Remove last output").clicked() {
            changed.outputs.pop();
            label = Some("Remove output");
        }
    });

    ui.separator();
    let optional = [
        ("region", "Region", action.region.clone()),
        ("role", "Role ARN", action.role_arn.clone()),
        ("namespace", "Namespace", action.namespace.clone()),
    ];
    for (field, text, current) in optional {
        if let Some(value) = draft_field(
            ui,
            &mut view.drafts,
            &key(field),
            text,
            current.as_deref().unwrap_or(""),
            false,
        ) {
            let value = (!value.is_empty()).then(|| Text::from_input(&value));
            match field {
                "region" => changed.region = value,
                "role" => changed.role_arn = value,
                _ => changed.namespace = value,
            }
            label = Some("Edit action settings");
        }
    }

    if let Some((old, new)) = renamed {
        actions.push(PipelineRequest::Edit {
            label: "Rename artifact".to_owned(),
            ops: commands::rename_artifact(diagram, &old, &new),
        });
    } else if let Some(label) = label {
        let ops = commands::set_action(diagram, changed);
        if !ops.is_empty() {
            actions.push(PipelineRequest::Edit {
                label: label.to_owned(),
                ops,
            });
        }
    }
}
