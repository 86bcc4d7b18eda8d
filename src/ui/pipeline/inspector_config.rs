//! An action's configuration in the inspector: each key its provider takes (required ones
//! marked `*`) with a drop-down where the documentation lists the values, the keys it has
//! beyond those, a new key for a custom or unknown provider, and a Commands action's shell
//! commands.

use crate::pipeline::catalog::{ProviderSpec, Values};
use crate::pipeline::{Action, Text, commands};
use crate::ui::pipeline::inspector_fields::{
    FieldDrafts, draft_field, hint, labelled_draft_field, value_field,
};

/// Draws the configuration; `true` when `changed` was edited.
pub fn configuration_ui(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    key: &impl Fn(&str) -> String,
    spec: Option<&ProviderSpec>,
    action: &Action,
    changed: &mut Action,
) -> bool {
    let mut edited = false;
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
        let needed = config_key.is_some_and(|k| k.is_needed_by(action));
        let shown = if needed { format!("{name} *") } else { name.clone() };
        let current = action.configuration.get(&name).map(ToString::to_string);
        let values = config_key.map_or(Values::Any, |k| k.values);
        if let Some(value) = value_field(
            ui,
            drafts,
            &key(&format!("config:{name}")),
            &shown,
            None,
            values,
            current.as_deref(),
        ) {
            match value {
                Some(value) => {
                    changed.configuration.insert(name, Text::from_input(&value));
                }
                None => {
                    changed.configuration.remove(&name);
                }
            }
            edited = true;
        }
        if let Some(config_key) = config_key {
            hint(ui, config_key.hint);
        }
    }
    let open_keys = spec.is_none_or(|s| s.is_registered_custom() || s.config.is_empty());
    if open_keys && let Some(new_key) = draft_field(ui, drafts, &key("config:new"), "New key", "", false) {
        let new_key = new_key.trim();
        if !new_key.is_empty() && !changed.configuration.contains_key(new_key) {
            changed.configuration.insert(new_key.to_owned(), Text::default());
            edited = true;
        }
    }
    if spec.is_some_and(|s| s.key == "commands") {
        let current = commands::shell_commands(action).join("\n");
        if let Some(typed) = labelled_draft_field(
            ui,
            drafts,
            &key("commands"),
            "Commands",
            Some("Shell commands"),
            &current,
            true,
        ) {
            let lines: Vec<String> = typed.lines().map(str::to_owned).collect();
            let with = commands::with_shell_commands(changed, &lines);
            changed.extra = with.extra;
            edited = true;
        }
        hint(ui, "One shell command per line (1 to 50, each on a single line).");
    }
    edited
}
