//! The rule check's findings under the inspector: counts, each finding with its severity, a
//! click to select what it is about, and the note that explains it.

use crate::course::Course;
use crate::pipeline::rules::Severity;
use crate::ui::pipeline::state::{EditorView, OpenDiagram};
use crate::ui::shell::action::{Navigation, NotesRequest, Requests};

/// The rule check's findings, each with its explanation and the note that teaches it.
pub fn findings_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    open: &OpenDiagram,
    course: &Course,
    actions: &mut Requests,
) {
    let crate::pipeline::rules::Tally {
        errors,
        warnings,
        notes,
    } = crate::pipeline::rules::Tally::of(&open.findings);
    if errors + warnings == 0 {
        ui.colored_label(
            ui.visuals().widgets.active.text_color(),
            "✔ CodePipeline would accept this structure",
        );
        if notes == 0 {
            return;
        }
        ui.label(
            egui::RichText::new(format!(
                "{}: values that come from template parameters or functions are known only at deployment.",
                crate::words::plural(notes, "note")
            ))
            .weak(),
        );
    } else {
        ui.strong(format!(
            "{}, {}",
            crate::words::plural(errors, "error"),
            crate::words::plural(warnings, "warning")
        ));
    }
    egui::ScrollArea::vertical()
        .id_salt("findings")
        .max_height(260.0)
        .show(ui, |ui| {
            for finding in &open.findings {
                let color = match finding.severity {
                    Severity::Error => ui.visuals().error_fg_color,
                    Severity::Warning => ui.visuals().warn_fg_color,
                    Severity::Info => ui.visuals().weak_text_color(),
                };
                ui.horizontal_wrapped(|ui| {
                    let kind = match finding.severity {
                        Severity::Error => "Error",
                        Severity::Warning => "Warning",
                        Severity::Info => "Note",
                    };
                    ui.colored_label(color, kind);
                    let text = finding.to_string();
                    if ui
                        .add(egui::Label::new(&text).sense(egui::Sense::click()))
                        .on_hover_text("Select it on the canvas")
                        .clicked()
                    {
                        if let Some(action) = finding.action {
                            view.selection = std::collections::BTreeSet::from([action]);
                            view.selected_stage = None;
                        } else if let Some(stage) = finding.stage {
                            view.selected_stage = Some(stage);
                            view.selection.clear();
                        }
                    }
                });
                // Plain labels wrap; inside `horizontal` they would widen the panel instead.
                ui.label(egui::RichText::new(finding.rule.explanation()).weak().small());
                if let Some(topic) = course.topic(finding.topic)
                    && ui.link(format!("Read: {}", topic.title)).clicked()
                {
                    actions.push(NotesRequest::OpenTopic {
                        id: topic.id.clone(),
                        navigation: Navigation::Visit,
                        highlight: None,
                    });
                }
                ui.add_space(4.0);
            }
        });
}
