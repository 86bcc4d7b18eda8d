//! The pipeline's triggers in the inspector (V2): which connection source action each one
//! watches, its push and pull request filters, each filter's branch, tag and file path patterns
//! to include or exclude (one per line), and the pull request events.

use serde_json::Value;

use crate::pipeline::Diagram;
use crate::pipeline::Text;
use crate::pipeline::catalog::pipeline_values::{MAX_FILTERS, PULL_REQUEST_EVENTS};
use crate::pipeline::commands::triggers::{self, FilterKind, Side};
use crate::ui::pipeline::inspector_fields::{Choice, FieldDrafts, choice_field, hint, labelled_draft_field};

/// Draws the triggers, changing `list` as the learner edits them.
pub fn triggers_ui(
    ui: &mut egui::Ui,
    drafts: &mut FieldDrafts,
    diagram: &Diagram,
    v2: bool,
    list: &mut Vec<Value>,
) {
    ui.strong("Triggers");
    let sources = triggers::connection_source_actions(diagram);
    if sources.is_empty() {
        hint(
            ui,
            "A trigger watches a GitHub, Bitbucket or GitLab source (a connection source action): add one first.",
        );
    } else if !v2 && !list.is_empty() {
        hint(ui, "Triggers need a V2 pipeline.");
    } else if list.is_empty() {
        hint(
            ui,
            "Without a trigger, any push to the source action's branch starts the pipeline.",
        );
    }
    let options: Vec<&str> = sources.iter().map(String::as_str).collect();
    let mut remove = None;
    for (index, trigger) in list.iter_mut().enumerate() {
        let n = index + 1;
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(format!("Trigger {n}")).strong());
            if ui
                .small_button("Remove")
                .accessible_name(format!("Remove trigger {n}"))
                .clicked()
            {
                remove = Some(index);
            }
        });
        let current = triggers::source_action(trigger);
        if let Some(Choice::Set(name)) = choice_field(
            ui,
            drafts,
            &format!("pipeline:trigger:{n}:source"),
            "Source action",
            Some(&format!("Trigger {n} source action")),
            &options,
            current.as_deref(),
            false,
        ) {
            triggers::set_source_action(trigger, &name);
        }
        for kind in FilterKind::ALL {
            filters_ui(ui, drafts, n, kind, trigger);
        }
    }
    if let Some(index) = remove {
        list.remove(index);
    }
    if ui
        .add_enabled(!sources.is_empty(), egui::Button::new("Add trigger"))
        .clicked()
        && let Some(first) = sources.first()
    {
        list.push(triggers::new_trigger(first));
    }
}

/// The filters of one kind of trigger `n`, with their patterns and events.
fn filters_ui(ui: &mut egui::Ui, drafts: &mut FieldDrafts, n: usize, kind: FilterKind, trigger: &mut Value) {
    let kind_name = kind.label().to_lowercase();
    let mut remove = None;
    for index in 0..triggers::filter_count(trigger, kind) {
        let f = index + 1;
        let what = format!("Trigger {n} {kind_name} {f}");
        ui.horizontal(|ui| {
            ui.label(format!("{} {f}", kind.label()));
            if ui
                .small_button("Remove")
                .accessible_name(format!("Remove {}", what.to_lowercase()))
                .clicked()
            {
                remove = Some(index);
            }
        });
        ui.indent(("filter", n, kind.key(), f), |ui| {
            if kind == FilterKind::PullRequest {
                events_ui(ui, index, &what, trigger);
            }
            for criteria in kind.criteria() {
                for side in Side::ALL {
                    let label = format!("{} to {}", criteria.label(), side.label());
                    let current = triggers::patterns(trigger, kind, index, *criteria, side)
                        .iter()
                        .map(Text::to_string)
                        .collect::<Vec<_>>()
                        .join("\n");
                    if let Some(typed) = labelled_draft_field(
                        ui,
                        drafts,
                        &format!(
                            "pipeline:trigger:{n}:{}:{f}:{}:{}",
                            kind.key(),
                            criteria.key(),
                            side.key()
                        ),
                        &label,
                        Some(&format!("{what} {}", label.to_lowercase())),
                        &current,
                        true,
                    ) {
                        let patterns: Vec<Text> = typed
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .map(Text::from_input)
                            .collect();
                        triggers::set_patterns(trigger, kind, index, *criteria, side, &patterns);
                    }
                }
            }
        });
    }
    if let Some(index) = remove {
        triggers::remove_filter(trigger, kind, index);
    }
    let room = triggers::filter_count(trigger, kind) < MAX_FILTERS;
    let add = ui
        .add_enabled(room, egui::Button::new(format!("Add {kind_name}")))
        .accessible_name(format!("Trigger {n} add {kind_name}"));
    if add.clicked() {
        triggers::add_filter(trigger, kind);
    }
}

/// The events of pull request filter `index`, as check boxes.
fn events_ui(ui: &mut egui::Ui, index: usize, what: &str, trigger: &mut Value) {
    let chosen = triggers::events(trigger, index);
    ui.horizontal_wrapped(|ui| {
        ui.label("Events");
        for event in PULL_REQUEST_EVENTS {
            let mut on = chosen.iter().any(|c| c == event);
            let response = ui
                .checkbox(&mut on, *event)
                .accessible_name(format!("{what} event {event}"));
            if response.changed() {
                let next: Vec<&str> = PULL_REQUEST_EVENTS
                    .iter()
                    .copied()
                    .filter(|e| {
                        if e == event {
                            on
                        } else {
                            chosen.iter().any(|c| c == e)
                        }
                    })
                    .collect();
                triggers::set_events(trigger, index, &next);
            }
        }
    });
}
