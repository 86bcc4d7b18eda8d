//! The progress view: readiness per domain, notes read, past sessions in a table, and plots of
//! accuracy over time, reviews per day and cards due over the next 30 days.

use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints, Points};

use crate::course::Course;
use crate::plan::Readiness;
use crate::progress::clock::{DAY_SECS, Date, display_time};
use crate::quiz::History;

use super::page::{PLOT_DAYS, ProgressPage};

use crate::ui::quiz::session_review::{ItemFilter, filter_ui, items_review_ui};
use crate::ui::quiz::state::ReopenedSession;
use crate::ui::shell::action::{QuizRequest, Requests};
use crate::ui::shell::app::StudyApp;
use crate::words::plural;

/// What the progress view reads: the page's figures, computed beforehand, and the history
/// and course for the tables.
pub struct ProgressFacts<'a> {
    pub course: &'a Course,
    pub blueprint: usize,
    pub history: &'a History,
    pub page: &'a ProgressPage,
    /// The pass estimate the Today page shows, per domain here.
    pub readiness: &'a Readiness,
}

impl StudyApp {
    /// The facts the progress view shows.
    pub(crate) fn progress_facts(&self) -> ProgressFacts<'_> {
        ProgressFacts {
            course: &self.saved.course,
            blueprint: self.blueprint_index(),
            history: &self.saved.history,
            page: &self.derived.progress_page,
            readiness: &self.derived.today_page.readiness,
        }
    }
}

/// Draws the progress view, or the past session the learner opened from it.
pub fn progress_view_ui(
    ui: &mut egui::Ui,
    facts: &ProgressFacts<'_>,
    reopened: Option<&ReopenedSession>,
    actions: &mut Requests,
) {
    if let Some(open) = reopened
        && let Some(record) = facts.history.sessions.get(open.index)
    {
        past_session_ui(ui, facts, record, open, actions);
        return;
    }
    let Some(bp) = facts.course.blueprints.get(facts.blueprint) else {
        return;
    };
    let report = &facts.page.report;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Progress");
            ui.label(report.headline());
            ui.add_space(8.0);

            ui.strong(format!("Readiness per domain ({})", bp.title));
            ui.label(facts.readiness.summary())
                .on_hover_text(Readiness::explanation());
            egui::Grid::new("readiness")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    for (index, domain) in report.domains.iter().enumerate() {
                        ui.label(format!(
                            "{} {} ({}%)",
                            domain.id, domain.title, domain.weight_percent
                        ));
                        let (fraction, text) = domain_readiness(facts.readiness, index);
                        ui.add(egui::ProgressBar::new(fraction).desired_width(260.0).text(text))
                            .on_hover_text(Readiness::explanation());
                        ui.label(format!(
                            "{} answered · {} of {} notes read",
                            domain.answered, domain.notes_read, domain.notes
                        ));
                        ui.end_row();
                    }
                });
            ui.add_space(12.0);

            ui.strong("Accuracy per day, by domain");
            accuracy_plot_ui(ui, facts);
            ui.add_space(12.0);

            ui.columns(2, |columns| {
                columns[0].strong(format!("Reviews per day (last {PLOT_DAYS} days)"));
                day_bars_ui(
                    &mut columns[0],
                    "reviews_per_day",
                    "Reviews",
                    &facts.page.reviews_per_day,
                    -(i64::try_from(PLOT_DAYS).unwrap_or(30) - 1),
                );
                columns[1].strong(format!("Items due (next {PLOT_DAYS} days)"));
                day_bars_ui(&mut columns[1], "due_forecast", "Due", &facts.page.forecast, 0);
            });
            ui.add_space(12.0);

            ui.horizontal(|ui| {
                ui.strong("Past sessions");
                ui.label(egui::RichText::new("Click a session to go through it again.").weak());
                if !facts.history.answers.is_empty()
                    && ui
                        .button("Retry my mistakes")
                        .on_hover_text("Practise every question whose latest answer was wrong or flagged")
                        .clicked()
                {
                    actions.push(QuizRequest::RetryMistakes(None));
                }
            });
            sessions_table_ui(ui, facts.history, actions);
            ui.add_space(12.0);

            challenges_summary_ui(ui, facts);
        });
}

/// A past session, item by item, with filters and "Retry my mistakes".
fn past_session_ui(
    ui: &mut egui::Ui,
    facts: &ProgressFacts<'_>,
    record: &crate::quiz::SessionRecord,
    open: &ReopenedSession,
    actions: &mut Requests,
) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                if ui.button("← Back to progress").clicked() {
                    actions.push(QuizRequest::ClosePastSession);
                }
                ui.heading(format!("{}: {}", record.kind.label(), record.scope_label));
            });
            ui.label(format!(
                "Finished {} · {}",
                display_time(record.finished_at_unix_secs),
                record.outcome()
            ));
            if let Some(scaled) = record.scaled_score {
                let book = if record.open_book {
                    "open book"
                } else {
                    "closed book"
                };
                ui.label(format!("Estimated scaled score {scaled} · {book}"));
            }
            let items = facts.history.session_items(record);
            let mut filter = ItemFilter {
                wrong_only: open.wrong_only,
                flagged_only: open.flagged_only,
            };
            ui.horizontal(|ui| {
                if filter_ui(ui, &mut filter) {
                    actions.push(QuizRequest::SetPastSessionFilter {
                        wrong_only: filter.wrong_only,
                        flagged_only: filter.flagged_only,
                    });
                }
                if ui
                    .button("Retry my mistakes")
                    .on_hover_text("Practise the wrong and flagged questions of this session")
                    .clicked()
                {
                    actions.push(QuizRequest::RetryMistakes(Some(record.id)));
                }
            });
            ui.add_space(6.0);
            if items.is_empty() {
                ui.label(egui::RichText::new("This session kept no items to go through.").weak());
            }
            items_review_ui(ui, facts.course, &items, filter, record.id, actions);
        });
}

/// Pipeline challenges: how many are solved, and the best result of each one submitted.
fn challenges_summary_ui(ui: &mut egui::Ui, facts: &ProgressFacts<'_>) {
    let best = facts.history.best_challenge_results();
    let solved = best.values().filter(|r| r.solved()).count();
    ui.strong(format!(
        "Pipeline challenges: {solved} of {} solved",
        facts.course.challenges.len()
    ));
    if best.is_empty() {
        ui.label(egui::RichText::new("No challenge submitted yet: Pipelines › Challenges.").weak());
        return;
    }
    egui::Grid::new("challenge_results")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            for loaded in &facts.course.challenges {
                let Some(record) = best.get(loaded.challenge.id.as_str()) else {
                    continue;
                };
                let attempts = facts
                    .history
                    .challenges
                    .iter()
                    .filter(|r| r.challenge == loaded.challenge.id)
                    .count();
                ui.label(&loaded.challenge.title);
                ui.label(format!("best {} of {}", record.passed, record.total));
                ui.label(plural(attempts, "submission"));
                ui.end_row();
            }
        });
}

/// One colour per domain, the same for its line, its markers and its legend entry.
fn domain_color(ui: &egui::Ui, domain: usize) -> egui::Color32 {
    const DARK: [egui::Color32; 6] = [
        egui::Color32::from_rgb(0x4e, 0x9a, 0xf1),
        egui::Color32::from_rgb(0xf2, 0x8e, 0x2b),
        egui::Color32::from_rgb(0x59, 0xc1, 0x5c),
        egui::Color32::from_rgb(0xe1, 0x57, 0x59),
        egui::Color32::from_rgb(0xb0, 0x7a, 0xe0),
        egui::Color32::from_rgb(0xed, 0xc9, 0x48),
    ];
    const LIGHT: [egui::Color32; 6] = [
        egui::Color32::from_rgb(0x1f, 0x62, 0xb4),
        egui::Color32::from_rgb(0xb8, 0x5c, 0x00),
        egui::Color32::from_rgb(0x2a, 0x7f, 0x2e),
        egui::Color32::from_rgb(0xb0, 0x25, 0x2a),
        egui::Color32::from_rgb(0x75, 0x3f, 0xa8),
        egui::Color32::from_rgb(0x8a, 0x6d, 0x00),
    ];
    let palette = if ui.visuals().dark_mode { DARK } else { LIGHT };
    palette[domain % palette.len()]
}

fn accuracy_plot_ui(ui: &mut egui::Ui, facts: &ProgressFacts<'_>) {
    let series: Vec<(String, egui::Color32, Vec<[f64; 2]>)> = facts
        .page
        .accuracy
        .iter()
        .enumerate()
        .map(|(d, (name, points))| (name.clone(), domain_color(ui, d), points.clone()))
        .collect();
    if series.iter().all(|(_, _, p)| p.is_empty()) {
        ui.label(egui::RichText::new("No answers yet: practise to see your accuracy here.").weak());
        return;
    }
    let today = facts.page.today;
    let first_day = series
        .iter()
        .flat_map(|(_, _, p)| p.iter().map(|xy| xy[0]))
        .fold(today, f64::min);
    Plot::new("accuracy_by_domain")
        .height(220.0)
        .legend(Legend::default())
        .include_y(0.0)
        .include_y(100.0)
        // The time axis ends today, and shows at least a week.
        .include_x(today + 0.5)
        .include_x(first_day.min(today - 6.0) - 0.5)
        .x_axis_formatter(|mark, _| day_label(mark.value))
        .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint {
                plot_name, position, ..
            } => Some(accuracy_point_label(plot_name, position.x, position.y)),
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
        .allow_scroll(false)
        .show(ui, |plot| {
            for (name, color, points) in series {
                if !points.is_empty() {
                    // Markers keep a day with a single answer visible.
                    plot.points(
                        Points::new(name.clone(), PlotPoints::from(points.clone()))
                            .radius(3.0)
                            .color(color),
                    );
                    plot.line(Line::new(name, PlotPoints::from(points)).width(2.0).color(color));
                }
            }
        });
}

/// A domain's bar: its expected accuracy with the 80% range, or why there is no figure. A
/// domain never practised is unknown, not 0%.
fn domain_readiness(readiness: &Readiness, index: usize) -> (f32, String) {
    match readiness.estimate().and_then(|e| e.per_domain.get(index)) {
        None => (0.0, "not enough answers yet".to_owned()),
        Some(d) if d.unseen_objectives == d.objectives => (0.0, "unknown: not practised yet".to_owned()),
        Some(d) => {
            #[expect(clippy::cast_possible_truncation, reason = "a percentage")]
            let fraction = (d.expected_percent / 100.0) as f32;
            (
                fraction,
                format!(
                    "{:.0}% expected (80% range {:.0}–{:.0}%)",
                    d.expected_percent, d.low, d.high
                ),
            )
        }
    }
}

/// The hover text of a point of the accuracy plot: date, domain and value.
fn accuracy_point_label(name: &str, day: f64, accuracy: f64) -> String {
    format!("{}\n{name}\n{accuracy:.0}% correct", full_day_label(day))
}

/// "2026-12-04" for a day number since the epoch.
fn full_day_label(day: f64) -> String {
    date_of_day(day).map_or_else(String::new, |d| format!("{}-{:02}-{:02}", d.year, d.month, d.day))
}

/// The date of a plot's day number since the epoch (`None` off the calendar).
fn date_of_day(day: f64) -> Option<Date> {
    if day < 0.0 || !day.is_finite() {
        return None;
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked non-negative"
    )]
    let secs = (day.round() as u64).saturating_mul(DAY_SECS);
    Some(Date::from_unix_secs(secs))
}

/// "12-04": the axis label for a day number since the epoch.
fn day_label(day: f64) -> String {
    date_of_day(day).map_or_else(String::new, |d| format!("{:02}-{:02}", d.month, d.day))
}

/// Bars for consecutive days; `first_offset` is the first bar's day relative to today.
fn day_bars_ui(ui: &mut egui::Ui, id: &str, name: &str, counts: &[usize], first_offset: i64) {
    #[expect(clippy::cast_precision_loss, reason = "small counts and offsets")]
    let bars: Vec<Bar> = counts
        .iter()
        .enumerate()
        .map(|(i, &n)| Bar::new((first_offset + i64::try_from(i).unwrap_or(0)) as f64, n as f64).width(0.8))
        .collect();
    Plot::new(id)
        .height(160.0)
        .include_y(0.0)
        // Without bars the plot would otherwise show -10..10: counts are never negative.
        .include_y(5.0)
        .allow_scroll(false)
        .x_axis_formatter(|mark, _| match mark.value.round() {
            0.0 => "today".to_owned(),
            v => format!("{v:+.0}d"),
        })
        .show(ui, |plot| plot.bar_chart(BarChart::new(name, bars)));
}

fn sessions_table_ui(ui: &mut egui::Ui, history: &History, actions: &mut Requests) {
    if history.sessions.is_empty() {
        ui.label(egui::RichText::new("No finished sessions yet.").weak());
        return;
    }
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    TableBuilder::new(ui)
        .striped(true)
        .vscroll(false)
        .sense(egui::Sense::click())
        // Headers never break inside a word, whatever the text size.
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::auto().at_least(120.0))
        .column(Column::auto().at_least(110.0))
        .column(Column::remainder().at_least(160.0).clip(true))
        .column(Column::auto().at_least(80.0))
        .column(Column::auto().at_least(220.0))
        .column(Column::auto().at_least(60.0))
        .header(row_height, |mut header| {
            for title in ["Finished", "Kind", "Scope", "Answered", "Result", "Scaled"] {
                header.col(|ui| {
                    ui.add(egui::Label::new(egui::RichText::new(title).strong()).extend());
                });
            }
        })
        .body(|mut body| {
            for (index, session) in history.sessions.iter().enumerate().rev() {
                body.row(row_height, |mut row| {
                    let cells = [
                        display_time(session.finished_at_unix_secs),
                        session.kind.label().to_owned(),
                        session.scope_label.clone(),
                        answered_cell(session),
                        session.outcome(),
                        session
                            .scaled_score
                            .map_or_else(|| "–".to_owned(), |s| s.to_string()),
                    ];
                    for text in cells {
                        row.col(|ui| {
                            ui.add(egui::Label::new(text).extend().selectable(false));
                        });
                    }
                    let response = row.response();
                    let label = format!(
                        "{} {} {}",
                        session.kind.label(),
                        session.scope_label,
                        display_time(session.finished_at_unix_secs)
                    );
                    response
                        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
                    if response.on_hover_text("Go through this session again").clicked() {
                        actions.push(QuizRequest::OpenPastSession(index));
                    }
                });
            }
        });
}

/// "5 of 75" for an exam, "4 of 10" or "4" for others, "7 cards" for a card-only review.
fn answered_cell(session: &crate::quiz::SessionRecord) -> String {
    let answered = session.answered_questions();
    match session.kind {
        crate::quiz::SessionKind::Exam => format!("{answered} of {}", session.questions),
        _ if session.cards > 0 && answered == 0 => plural(session.cards, "card"),
        _ if session.cards > 0 => format!("{answered} + {}", plural(session.cards, "card")),
        _ => answered.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hovered_point_names_its_date_domain_and_value() {
        // 2026-12-04 is day 20_791 since the epoch.
        let text = accuracy_point_label("1 SDLC automation", 20_791.0, 66.7);
        assert_eq!(text, "2026-12-04\n1 SDLC automation\n67% correct");
    }
}
