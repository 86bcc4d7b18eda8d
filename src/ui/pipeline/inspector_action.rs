//! The inspector's action page: name, provider (a custom action's registered name and version
//! are typed), run order, then the configuration and artifacts (files of their own), and the
//! action's Region, role, namespace and timeout. Whatever changes in one frame is one undoable
//! step.

use crate::pipeline::catalog::{self, ProviderSpec};
use crate::pipeline::{Action, ActionId, Category, Diagram, Owner, Text, commands};
use crate::ui::pipeline::inspector_artifacts::{RenamedArtifact, artifacts_ui};
use crate::ui::pipeline::inspector_config::configuration_ui;
use crate::ui::pipeline::inspector_fields::{FieldDrafts, draft_field, hint};
use crate::ui::shell::action::{PipelineRequest, Requests};

/// An action's `timeoutInMinutes`, as the API takes it.
const TIMEOUT_MINUTES: std::ops::RangeInclusive<u32> = 5..=86_400;

/// Draws action `id`'s properties.
pub fn action_inspector_ui(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
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
    if let Some(name) = draft_field(ui, drafts, &key("name"), "Name", &action.name, false) {
        changed.name = Text::from_input(&name);
        label = Some("Rename action");
    }
    if provider_ui(ui, action, spec, &mut changed) {
        label = Some("Change provider");
    }
    if changed.owner == Owner::Custom && custom_type_ui(ui, drafts, &key, action, &mut changed) {
        label = Some("Change provider");
    }
    if spec.is_some_and(ProviderSpec::is_v2_only) && diagram.pipeline_type.as_deref() != Some("V2") {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "This action type runs in V2 pipelines only: set the pipeline type to V2.",
        );
    }
    if run_order_ui(ui, action, &mut changed) {
        label = Some("Change run order");
    }

    ui.separator();
    if configuration_ui(ui, drafts, &key, spec, action, &mut changed) {
        label = Some("Edit configuration");
    }
    ui.separator();
    let renamed = artifacts_ui(ui, drafts, &key, diagram, spec, action, &mut changed, &mut label);
    ui.separator();
    if settings_ui(ui, drafts, &key, action, &mut changed) {
        label = Some("Edit action settings");
    }

    if let Some(RenamedArtifact { old, new }) = renamed {
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

/// The provider drop-down: the providers of the action's category. Picking one sets its
/// action type and adds its preset configuration.
fn provider_ui(
    ui: &mut egui::Ui,
    action: &Action,
    spec: Option<&'static ProviderSpec>,
    changed: &mut Action,
) -> bool {
    let mut picked = false;
    ui.horizontal(|ui| {
        let shown = ui.label("Provider");
        let current = spec.map_or_else(|| action.provider.to_string(), |s| s.label.to_owned());
        let response = egui::ComboBox::from_id_salt(("provider", action.id.0))
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
                        picked = true;
                    }
                }
            })
            .response;
        let _ = response.labelled_by(shown.id);
    });
    picked
}

/// A custom action's provider name and version: whatever the learner registered.
fn custom_type_ui(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    key: &impl Fn(&str) -> String,
    action: &Action,
    changed: &mut Action,
) -> bool {
    let mut edited = false;
    if let Some(name) = draft_field(
        ui,
        drafts,
        &key("provider"),
        "Provider name",
        &action.provider,
        false,
    ) && !name.trim().is_empty()
    {
        changed.provider = Text::from_input(name.trim());
        edited = true;
    }
    if let Some(version) = draft_field(ui, drafts, &key("version"), "Version", &action.version, false)
        && !version.trim().is_empty()
    {
        changed.version = Text::from_input(version.trim());
        edited = true;
    }
    hint(
        ui,
        "The provider name and version you gave the custom action type when you registered it (1 to 35 and 1 to 9 of A-Z a-z 0-9 - _).",
    );
    edited
}

fn run_order_ui(ui: &mut egui::Ui, action: &Action, changed: &mut Action) -> bool {
    let mut edited = false;
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
            edited = true;
        }
    });
    edited
}

/// Region, role, namespace and, for approvals (or an action that has one), the timeout.
fn settings_ui(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    key: &impl Fn(&str) -> String,
    action: &Action,
    changed: &mut Action,
) -> bool {
    let mut edited = false;
    let optional = [
        ("region", "Region", action.region.clone()),
        ("role", "Role ARN", action.role_arn.clone()),
        ("namespace", "Namespace", action.namespace.clone()),
    ];
    for (field, text, current) in optional {
        if let Some(value) = draft_field(
            ui,
            drafts,
            &key(field),
            text,
            current.as_deref().unwrap_or(""),
            false,
        ) {
            let value = (!value.trim().is_empty()).then(|| Text::from_input(value.trim()));
            match field {
                "region" => changed.region = value,
                "role" => changed.role_arn = value,
                _ => changed.namespace = value,
            }
            edited = true;
        }
    }
    hint(
        ui,
        "The namespace makes the action's output variables readable as #{Namespace.Variable} by later actions.",
    );
    if action.category == Category::Approval || action.timeout_in_minutes.is_some() {
        let current = action
            .timeout_in_minutes
            .map(|m| m.to_string())
            .unwrap_or_default();
        if let Some(typed) = draft_field(ui, drafts, &key("timeout"), "Timeout (minutes)", &current, false) {
            let typed = typed.trim();
            if typed.is_empty() {
                changed.timeout_in_minutes = None;
                edited = true;
            } else if let Ok(minutes) = typed.parse::<u32>() {
                changed.timeout_in_minutes = Some(minutes);
                edited = true;
            }
        }
        hint(
            ui,
            &format!(
                "timeoutInMinutes: {} to {} (empty: the action type's default).",
                TIMEOUT_MINUTES.start(),
                TIMEOUT_MINUTES.end()
            ),
        );
    }
    edited
}
