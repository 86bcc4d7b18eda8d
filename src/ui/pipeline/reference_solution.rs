//! The reference solution window: the learner's attempt and the challenge's reference answer
//! side by side, stage by stage, with the explanation of why the reference is built that way.
//! It opens from the Challenges tab once the challenge is solved or after three submissions
//! that fell short; Esc or "Close" shuts it.

use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

use crate::pipeline::Diagram;
use crate::pipeline::challenge::{Challenge, ChallengeGrade, StageOutline, outline};

/// The learner's attempt to show beside the reference: the diagram and its live grade.
#[derive(Clone, Copy)]
pub struct Attempt<'a> {
    pub diagram: &'a Diagram,
    pub grade: Option<&'a ChallengeGrade>,
}

/// Draws the window while `open` holds the challenge's id; clears `open` when it is closed.
pub fn reference_solution_ui(
    ctx: &egui::Context,
    open: &mut Option<String>,
    cache: &mut CommonMarkCache,
    challenge: &Challenge,
    attempt: Option<Attempt<'_>>,
) {
    if open.as_deref() != Some(challenge.id.as_str()) {
        return;
    }
    let mut close = false;
    let width = (ctx.content_rect().width() - 80.0).clamp(420.0, 1100.0);
    let height = (ctx.content_rect().height() - 160.0).max(240.0);
    let modal = egui::Modal::new(egui::Id::unique("reference_solution")).show(ctx, |ui| {
        ui.set_width(width);
        ui.heading(format!("Reference solution: {}", challenge.title));
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .id_salt("reference_solution_scroll")
            .max_height(height)
            // At its full height from the first frame: a scroll area that starts small grows a
            // little each frame, and the centred window drifts under the pointer.
            .min_scrolled_height(height)
            .show(ui, |ui| {
                ui.columns(2, |columns| {
                    attempt_column(&mut columns[0], attempt.as_ref());
                    columns[1].strong("Reference solution");
                    columns[1].label(egui::RichText::new(challenge.solution.name.as_str()).weak());
                    outline_ui(&mut columns[1], &outline(&challenge.solution));
                });
                ui.separator();
                ui.strong("Why it is built this way");
                CommonMarkViewer::new().show(ui, cache, &challenge.explanation);
            });
        ui.separator();
        if ui.button("Close").on_hover_text("Esc").clicked() {
            close = true;
        }
    });
    if close || modal.should_close() {
        *open = None;
    }
}

/// The left column: the learner's attempt with its grade, or why there is none to show.
fn attempt_column(ui: &mut egui::Ui, attempt: Option<&Attempt<'_>>) {
    ui.strong("Your attempt");
    let Some(attempt) = attempt else {
        ui.label(
            egui::RichText::new(
                "Open your attempt (Start this challenge, or Back to my attempt) to see it here beside the reference.",
            )
            .weak(),
        );
        return;
    };
    let summary = attempt.grade.map_or_else(String::new, |g| {
        format!(" · {} of {} requirements met", g.passed_count, g.total)
    });
    ui.label(egui::RichText::new(format!("{}{summary}", attempt.diagram.name.as_str())).weak());
    outline_ui(ui, &outline(attempt.diagram));
}

/// Stages as headings, actions under them with their settings and artifacts.
fn outline_ui(ui: &mut egui::Ui, stages: &[StageOutline]) {
    if stages.is_empty() {
        ui.label(egui::RichText::new("No stages yet.").weak());
    }
    for stage in stages {
        ui.add_space(4.0);
        ui.strong(format!("Stage {}", stage.name));
        if stage.actions.is_empty() {
            ui.label(egui::RichText::new("no actions").weak());
        }
        for (index, action) in stage.actions.iter().enumerate() {
            ui.label(&action.title);
            ui.indent((stage.name.as_str(), index), |ui| {
                for line in &action.lines {
                    ui.label(egui::RichText::new(line).weak());
                }
            });
        }
    }
}
