//! The pipeline's variables in the inspector (V2): each one's name, default value and
//! description, added and removed; `#{variables.Name}` in a configuration reads them.

use std::collections::BTreeSet;

use crate::pipeline::edit::Variable;
use crate::pipeline::{Text, commands};
use crate::ui::pipeline::inspector_fields::{FieldDrafts, hint, labelled_draft_field};

/// Draws the variables, changing `variables` as the learner edits them.
pub fn variables_ui(ui: &mut egui::Ui, drafts: &mut FieldDrafts, variables: &mut Vec<Variable>) {
    ui.strong("Variables");
    if variables.is_empty() {
        hint(
            ui,
            "Values a run can be started with, read as #{variables.Name} (V2 pipelines).",
        );
    }
    let mut remove = None;
    for (index, variable) in variables.iter_mut().enumerate() {
        let n = index + 1;
        let key = format!("pipeline:variable:{n}");
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(format!("Variable {n}")).strong());
            if ui
                .small_button("Remove")
                .accessible_name(format!("Remove variable {n}"))
                .clicked()
            {
                remove = Some(index);
            }
        });
        if let Some(name) = labelled_draft_field(
            ui,
            drafts,
            &format!("{key}:name"),
            "Name",
            Some(&format!("Variable {n} name")),
            &variable.name,
            false,
        ) {
            variable.name = Text::from_input(name.trim());
        }
        let optional = [
            ("default", "Default value", &mut variable.default_value),
            ("description", "Description", &mut variable.description),
        ];
        for (field, label, value) in optional {
            if let Some(typed) = labelled_draft_field(
                ui,
                drafts,
                &format!("{key}:{field}"),
                label,
                Some(&format!("Variable {n} {}", label.to_lowercase())),
                value.as_deref().unwrap_or(""),
                false,
            ) {
                *value = (!typed.is_empty()).then(|| Text::from_input(&typed));
            }
        }
    }
    if let Some(index) = remove {
        variables.remove(index);
    }
    if ui.button("Add variable").clicked() {
        let taken: BTreeSet<String> = variables.iter().map(|v| v.name.to_string()).collect();
        variables.push(Variable {
            name: commands::unique_name("Variable", &taken).into(),
            default_value: Some("default".into()),
            description: None,
        });
    }
}
