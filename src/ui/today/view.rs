//! Draws the Today page: the countdown, today's plan (each item a button that starts it) and
//! the pass estimate with its projection to the exam date.

use crate::plan::{PlanItem, PlanItemKind, Readiness, TodayPlan};
use crate::quiz::Scope;
use crate::ui::shell::action::{Navigation, NotesRequest, QuizRequest, Request, Requests};
use crate::ui::today::estimate_plot::estimate_plot_ui;
use crate::ui::today::page::TodayPage;

/// Draws the page from its figures; buttons push requests.
pub fn today_ui(ui: &mut egui::Ui, page: &TodayPage, actions: &mut Requests) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Today");
            match page.plan.as_ref().and_then(|p| p.countdown.as_ref()) {
                Some(countdown) => {
                    ui.label(egui::RichText::new(countdown.label()).strong());
                }
                None => {
                    ui.label(
                        egui::RichText::new(
                            "No exam date set: add one in Settings for a countdown and a pace.",
                        )
                        .weak(),
                    );
                }
            }
            ui.add_space(10.0);
            if let Some(plan) = &page.plan {
                plan_ui(ui, plan, actions);
            }
            ui.add_space(14.0);
            estimate_ui(ui, page);
        });
}

/// The plan's items, each with its time and a button that starts it; done items are ticked.
fn plan_ui(ui: &mut egui::Ui, plan: &TodayPlan, actions: &mut Requests) {
    let minutes = plan.minutes();
    ui.strong(if minutes > f64::from(plan.daily_minutes) + 0.5 {
        format!(
            "Today's plan · about {minutes:.0} minutes, more than your {}",
            plan.daily_minutes
        )
    } else {
        format!(
            "Today's plan · about {minutes:.0} of your {} minutes",
            plan.daily_minutes
        )
    });
    if let Some(warning) = &plan.pace_warning {
        ui.colored_label(ui.visuals().warn_fg_color, &warning.message);
    }
    if plan.items.is_empty() {
        ui.label("Nothing is due and nothing is left to plan today.");
        return;
    }
    egui::Grid::new("today_plan")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for item in &plan.items {
                let text = if item.done {
                    format!("✔ {}", item.label)
                } else {
                    item.label.clone()
                };
                ui.label(text);
                if ui
                    .add_enabled(!item.done, egui::Button::new(start_label(item)))
                    .clicked()
                {
                    actions.push(start_request(item));
                }
                ui.end_row();
            }
        });
    if plan.all_done() {
        ui.label("Today's plan is done. More practice counts too.");
    } else {
        ui.label(egui::RichText::new(format!("About {:.0} minutes to go.", plan.minutes_left())).weak());
    }
}

/// What the item's button says.
fn start_label(item: &PlanItem) -> String {
    let verb = match &item.kind {
        PlanItemKind::Reviews { .. } => "Review",
        PlanItemKind::NewCards { .. } => "Learn",
        PlanItemKind::Practice { .. } => "Practise",
        PlanItemKind::ReadNote { .. } => "Read",
    };
    if item.done {
        "Done".to_owned()
    } else {
        verb.to_owned()
    }
}

/// The request that starts an item.
fn start_request(item: &PlanItem) -> Request {
    match &item.kind {
        PlanItemKind::Reviews { .. } | PlanItemKind::NewCards { .. } => QuizRequest::StartReview.into(),
        PlanItemKind::Practice {
            questions,
            answered,
            objectives,
        } => QuizRequest::PracticeScope {
            scope: Scope::Objectives(objectives.clone()),
            count: questions.saturating_sub(*answered).max(1),
        }
        .into(),
        PlanItemKind::ReadNote { topic, .. } => NotesRequest::OpenTopic {
            id: topic.clone(),
            navigation: Navigation::Visit,
            highlight: None,
        }
        .into(),
    }
}

/// The pass estimate: the summary line, the projection and the interval plot.
fn estimate_ui(ui: &mut egui::Ui, page: &TodayPage) {
    ui.strong(format!("Pass estimate ({})", page.blueprint_title));
    match &page.readiness {
        Readiness::NotEnough { .. } => {
            ui.label(page.readiness.summary())
                .on_hover_text(Readiness::explanation());
        }
        Readiness::Estimate(estimate) => {
            ui.label(estimate.summary())
                .on_hover_text(Readiness::explanation());
            if let Some(projection) = &page.projection {
                ui.label(projection.summary());
            }
            if estimate.unseen_percent >= 1.0 {
                ui.label(
                    egui::RichText::new(format!(
                        "{:.0}% of the exam tests task statements you have not practised yet: they \
                         count as unknown and widen the range.",
                        estimate.unseen_percent
                    ))
                    .weak(),
                );
            }
            estimate_plot_ui(ui, estimate);
        }
    }
}
