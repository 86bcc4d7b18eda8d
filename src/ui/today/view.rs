//! Draws the Today page: the countdown, today's plan and the pass estimate.

use crate::plan::estimate::Readiness;
use crate::ui::shell::action::Requests;
use crate::ui::today::estimate_plot::estimate_plot_ui;
use crate::ui::today::page::TodayPage;

/// Draws the page from its figures; buttons push requests.
pub fn today_ui(ui: &mut egui::Ui, page: &TodayPage, actions: &mut Requests) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Today");
            if let Some(countdown) = &page.countdown {
                ui.label(egui::RichText::new(countdown.label()).strong());
            } else {
                ui.label(
                    egui::RichText::new("No exam date set: add one in Settings for a countdown and a pace.")
                        .weak(),
                );
            }
            ui.add_space(10.0);
            plan_ui(ui, page, actions);
            ui.add_space(14.0);
            estimate_ui(ui, page);
        });
}

fn plan_ui(_ui: &mut egui::Ui, _page: &TodayPage, _actions: &mut Requests) {}

/// The pass estimate: the summary line, and the interval plot once there is an estimate.
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
