//! An action's artifacts in the inspector: what it reads (removed one by one, added from the
//! pipeline's outputs) and what it produces (renamed everywhere they are read, added and
//! removed). The add buttons appear only while the provider takes more.

use crate::pipeline::catalog::ProviderSpec;
use crate::pipeline::{Action, Diagram, Text, commands};
use crate::ui::pipeline::inspector_fields::{FieldDrafts, hint, labelled_draft_field};

/// An output artifact renamed (everywhere it is read, as its own undo step).
pub struct RenamedArtifact {
    pub old: String,
    pub new: String,
}

/// Draws the artifacts; edits `changed` (setting `label`) or returns a rename.
#[allow(clippy::too_many_arguments)] // The inspector's shared state, passed as it is.
pub fn artifacts_ui(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    key: &impl Fn(&str) -> String,
    diagram: &Diagram,
    spec: Option<&ProviderSpec>,
    action: &Action,
    changed: &mut Action,
    label: &mut Option<&'static str>,
) -> Option<RenamedArtifact> {
    ui.strong("Artifacts");
    let (max_in, max_out) = spec.map_or((usize::MAX, usize::MAX), |s| (s.inputs.max, s.outputs.max));
    if let Some(spec) = spec {
        hint(
            ui,
            &format!("Takes {} in, gives {} out", spec.inputs, spec.outputs),
        );
    }
    for input in &action.inputs {
        ui.horizontal(|ui| {
            ui.label(format!("In: {input}"));
            if ui
                .small_button("Remove")
                .on_hover_text(format!("Stop reading {input}"))
                .accessible_name(format!("Stop reading {input}"))
                .clicked()
            {
                changed.inputs.retain(|i| i != input);
                *label = Some("Remove input");
            }
        });
    }
    let available: Vec<String> = commands::artifact_names(diagram)
        .into_iter()
        .filter(|a| !action.inputs.iter().chain(&action.outputs).any(|t| t == a))
        .collect();
    if action.inputs.len() < max_in && !available.is_empty() {
        egui::ComboBox::from_id_salt(("add_input", action.id.0))
            .selected_text("Add input…")
            .show_ui(ui, |ui| {
                for artifact in available {
                    if ui.selectable_label(false, &artifact).clicked() {
                        changed.inputs.push(Text::from(artifact));
                        *label = Some("Add input");
                    }
                }
            });
    }
    let mut renamed = None;
    for (index, output) in action.outputs.iter().enumerate() {
        if let Some(new) = labelled_draft_field(
            ui,
            drafts,
            &key(&format!("output:{output}")),
            "Out",
            Some(&format!("Output artifact {}", index + 1)),
            output,
            false,
        ) {
            renamed = Some(RenamedArtifact {
                old: output.to_string(),
                new,
            });
        }
    }
    ui.horizontal(|ui| {
        if action.outputs.len() < max_out && ui.small_button("Add output").clicked() {
            let name = commands::unique_name(
                &format!("{}Output", action.name.replace(['.', '@'], "")),
                &commands::artifact_names(diagram),
            );
            changed.outputs.push(Text::from(name));
            *label = Some("Add output");
        }
        if !action.outputs.is_empty() && ui.small_button("Remove last output").clicked() {
            changed.outputs.pop();
            *label = Some("Remove output");
        }
    });
    renamed
}
