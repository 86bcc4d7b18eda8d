//! The inspector's field widgets: a text field whose typing becomes one undo step, a drop-down
//! of listed values (with an "Other…" text field for a value the list lacks, such as a
//! template function), and a row of check boxes for a comma-separated list.

use std::collections::{BTreeMap, BTreeSet};

use crate::pipeline::catalog::{Values, split_list};

/// A text field whose edits apply as one undo step when it loses focus, when typing pauses
/// for a moment, or when the app asks for every draft before the learner leaves (a mode
/// change, closing the window). Returns the new text when a change is committed.
pub fn draft_field(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    key: &str,
    label: &str,
    current: &str,
    multiline: bool,
) -> Option<String> {
    labelled_draft_field(ui, drafts, key, label, None, current, multiline)
}

/// [`draft_field`] whose accessible name differs from its short visible label (a field in a
/// list, such as "Variable 2 name" shown as "Name").
#[allow(clippy::too_many_arguments)] // Each is one property of the field; a struct adds nothing.
pub fn labelled_draft_field(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    key: &str,
    label: &str,
    accessible_name: Option<&str>,
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
            let shown = ui.label(label);
            let edit = if multiline {
                egui::TextEdit::multiline(&mut draft.text).desired_rows(1)
            } else {
                egui::TextEdit::singleline(&mut draft.text)
            };
            let response = ui.add(edit.desired_width(ui.available_width()));
            match accessible_name {
                Some(name) => response.accessible_name(name),
                None => response.labelled_by(shown.id),
            }
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
    /// Fields of listed values the learner chose to type instead (by draft key).
    pub typed_instead: BTreeSet<String>,
}

/// What a drop-down of listed values answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Choice {
    /// A value picked from the list, or typed.
    Set(String),
    /// "Not set" picked: remove the value.
    Unset,
}

/// A drop-down of `options` labelled `label`; `current` is the value now (`None`: not set),
/// shown as is when the list lacks it. With `optional`, "Not set" is offered first. "Other…"
/// turns the field into a text field (kept per `key`), for a value the list lacks.
#[allow(clippy::too_many_arguments)] // Each is one property of the field; a struct adds nothing.
pub fn choice_field(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    key: &str,
    label: &str,
    accessible_name: Option<&str>,
    options: &[&str],
    current: Option<&str>,
    optional: bool,
) -> Option<Choice> {
    let unlisted = current.is_some_and(|c| !options.contains(&c));
    if drafts.typed_instead.contains(key) || unlisted && current.is_some_and(|c| c.starts_with('!')) {
        let typed = labelled_draft_field(
            ui,
            drafts,
            key,
            label,
            accessible_name,
            current.unwrap_or(""),
            false,
        )?;
        drafts.typed_instead.remove(key);
        return Some(if typed.is_empty() && optional {
            Choice::Unset
        } else {
            Choice::Set(typed)
        });
    }
    let mut picked = None;
    ui.horizontal(|ui| {
        let shown = ui.label(label);
        let response = egui::ComboBox::from_id_salt(("choice", key))
            .selected_text(current.unwrap_or("Not set"))
            .show_ui(ui, |ui| {
                if optional && ui.selectable_label(current.is_none(), "Not set").clicked() {
                    picked = Some(Choice::Unset);
                }
                for option in options {
                    if ui.selectable_label(current == Some(*option), *option).clicked() {
                        picked = Some(Choice::Set((*option).to_owned()));
                    }
                }
                if ui.selectable_label(false, "Other…").clicked() {
                    drafts.typed_instead.insert(key.to_owned());
                }
            })
            .response;
        match accessible_name {
            Some(name) => {
                let _ = response.accessible_name(name);
            }
            None => {
                let _ = response.labelled_by(shown.id);
            }
        }
    });
    picked.filter(|p| match p {
        Choice::Set(value) => current != Some(value.as_str()),
        Choice::Unset => current.is_some(),
    })
}

/// Check boxes for a comma-separated list of `options`; returns the new list (empty: none
/// chosen) when one is toggled. Values the list lacks are kept at the end.
pub fn several_field(ui: &mut egui::Ui, label: &str, options: &[&str], current: &str) -> Option<String> {
    let chosen = split_list(current);
    let mut changed = None;
    ui.label(label);
    ui.horizontal_wrapped(|ui| {
        for option in options {
            let mut on = chosen.contains(option);
            if ui.checkbox(&mut on, *option).changed() {
                let mut next: Vec<&str> = options
                    .iter()
                    .copied()
                    .filter(|o| if o == option { on } else { chosen.contains(o) })
                    .collect();
                next.extend(chosen.iter().filter(|c| !options.contains(c)));
                changed = Some(next.join(","));
            }
        }
    });
    changed
}

/// The field for a value of listed [`Values`]: a drop-down, check boxes, or a text field.
/// Returns `Some(None)` to remove the value, `Some(Some(text))` to set it.
#[allow(clippy::too_many_arguments)] // Each is one property of the field; a struct adds nothing.
pub fn value_field(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    key: &str,
    label: &str,
    accessible_name: Option<&str>,
    values: Values,
    current: Option<&str>,
) -> Option<Option<String>> {
    match values {
        Values::OneOf(options) => {
            choice_field(ui, drafts, key, label, accessible_name, options, current, true).map(|c| match c {
                Choice::Set(value) => Some(value),
                Choice::Unset => None,
            })
        }
        Values::SeveralOf(options) if !current.is_some_and(|c| c.starts_with('!')) => {
            several_field(ui, label, options, current.unwrap_or(""))
                .map(|list| (!list.is_empty()).then_some(list))
        }
        Values::Any | Values::SeveralOf(_) => labelled_draft_field(
            ui,
            drafts,
            key,
            label,
            accessible_name,
            current.unwrap_or(""),
            false,
        )
        .map(|text| (!text.is_empty()).then_some(text)),
    }
}

/// A weak, small line of help under a field.
pub fn hint(ui: &mut egui::Ui, text: &str) {
    ui.label(egui::RichText::new(text).weak().small());
}
