//! The rule check's findings, kept in view: a badge pinned to the bottom of the inspector with
//! the counts, which opens a drawer listing each finding with its severity, a click to select
//! what it is about, its rule in one line, and a link to the note that teaches it. Back from
//! that note returns to the editor (see `notes::view::remember_editor_return`).

use crate::course::Course;
use crate::pipeline::rules::{Finding, Severity, Tally};
use crate::ui::pipeline::state::{EditorView, OpenDiagram};
use crate::ui::shell::action::{Navigation, NotesRequest, Requests};

/// Height kept free under the inspector's content, so the pinned badge never hides its end.
const BADGE_ROOM: f32 = 36.0;

/// The drawer's open state, kept in egui's memory: it belongs to the view, and nothing saves it.
fn drawer_id() -> egui::Id {
    egui::Id::unique("rule_check_drawer_open")
}

/// The summary under the inspector, and the pinned badge with its drawer.
pub fn findings_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    open: &OpenDiagram,
    course: &Course,
    actions: &mut Requests,
) {
    let tally = Tally::of(&open.findings);
    ui.label(summary(&tally));
    ui.label(
        egui::RichText::new("Open the rule check at the bottom of this panel to see each finding.").weak(),
    );
    ui.add_space(BADGE_ROOM);
    let viewport = ui.clip_rect();
    pinned_ui(ui.ctx(), viewport, view, open, course, &tally, actions);
}

/// The counts in words.
fn summary(tally: &Tally) -> String {
    let Tally {
        errors,
        warnings,
        notes,
    } = *tally;
    if errors + warnings == 0 {
        if notes == 0 {
            "✔ CodePipeline would accept this structure".to_owned()
        } else {
            format!(
                "✔ CodePipeline would accept this structure; {}: values from template parameters or functions are known only at deployment",
                crate::words::plural(notes, "note")
            )
        }
    } else {
        format!(
            "{}, {}",
            crate::words::plural(errors, "error"),
            crate::words::plural(warnings, "warning")
        )
    }
}

/// The badge pinned to the bottom of `viewport` (the visible inspector), and above it, when
/// open, the list of findings.
fn pinned_ui(
    ctx: &egui::Context,
    viewport: egui::Rect,
    view: &mut EditorView,
    open: &OpenDiagram,
    course: &Course,
    tally: &Tally,
    actions: &mut Requests,
) {
    let mut drawer_open = ctx.data(|d| d.get_temp::<bool>(drawer_id())).unwrap_or(false);
    egui::Area::new(egui::Id::unique("rule_check_pinned"))
        .order(egui::Order::Middle)
        .pivot(egui::Align2::LEFT_BOTTOM)
        .fixed_pos(viewport.left_bottom())
        .show(ctx, |ui| {
            ui.set_width(viewport.width());
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(viewport.width() - 16.0);
                if drawer_open {
                    egui::ScrollArea::vertical()
                        .id_salt("findings")
                        .max_height((viewport.height() * 0.6).min(320.0))
                        .show(ui, |ui| list_ui(ui, view, open, course, actions));
                    ui.separator();
                }
                let (text, color) = badge(ui, tally);
                let arrow = if drawer_open { "⏷" } else { "⏶" };
                let response = ui
                    .add(egui::Button::new(
                        egui::RichText::new(format!("{arrow} {text}")).color(color),
                    ))
                    .accessible_name(format!("Rule check: {text}"))
                    .on_hover_text(if drawer_open {
                        "Hide the findings"
                    } else {
                        "Show the findings"
                    });
                if response.clicked() {
                    drawer_open = !drawer_open;
                }
            });
        });
    ctx.data_mut(|d| d.insert_temp(drawer_id(), drawer_open));
}

/// The badge's text and colour: the worst severity found.
fn badge(ui: &egui::Ui, tally: &Tally) -> (String, egui::Color32) {
    if tally.errors > 0 {
        (
            format!(
                "{}, {}",
                crate::words::plural(tally.errors, "error"),
                crate::words::plural(tally.warnings, "warning")
            ),
            ui.visuals().error_fg_color,
        )
    } else if tally.warnings > 0 {
        (
            crate::words::plural(tally.warnings, "warning"),
            ui.visuals().warn_fg_color,
        )
    } else {
        ("no problems".to_owned(), ui.visuals().text_color())
    }
}

/// Every finding, with its rule and the note that teaches it.
fn list_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    open: &OpenDiagram,
    course: &Course,
    actions: &mut Requests,
) {
    if open.findings.is_empty() {
        ui.label("Nothing to report.");
    }
    for finding in &open.findings {
        finding_ui(ui, view, finding, course, actions);
        ui.add_space(4.0);
    }
}

fn finding_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    finding: &Finding,
    course: &Course,
    actions: &mut Requests,
) {
    let (kind, color) = match finding.severity {
        Severity::Error => ("Error", ui.visuals().error_fg_color),
        Severity::Warning => ("Warning", ui.visuals().warn_fg_color),
        Severity::Info => ("Note", ui.visuals().weak_text_color()),
    };
    ui.horizontal_wrapped(|ui| {
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
        crate::ui::notes::view::remember_editor_return(ui.ctx(), &topic.id);
        actions.push(NotesRequest::OpenTopic {
            id: topic.id.clone(),
            navigation: Navigation::Visit,
            highlight: None,
        });
    }
}
