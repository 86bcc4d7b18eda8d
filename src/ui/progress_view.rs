//! The progress view: readiness per domain, notes read, past sessions in a table, and plots of
//! accuracy over time, reviews per day and cards due over the next 30 days.

use egui_extras::{Column, TableBuilder};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints, Points};

use crate::course::Course;
use crate::progress::Progress;
use crate::progress::clock::{DAY_SECS, Date, display_time};
use crate::quiz::stats::{TreeStats, domain_accuracy_by_day, readiness_percent, reviews_per_day};
use crate::quiz::{History, Schedule};

use super::app::StudyApp;

/// What the progress view reads.
pub struct ProgressFacts<'a> {
    pub course: &'a Course,
    pub blueprint: usize,
    pub progress: &'a Progress,
    pub history: &'a History,
    pub schedule: &'a Schedule,
    pub stats: &'a TreeStats,
    pub now: u64,
}

impl StudyApp {
    /// The facts the progress view shows.
    pub(crate) fn progress_facts(&self) -> ProgressFacts<'_> {
        ProgressFacts {
            course: &self.course,
            blueprint: self.blueprint_index(),
            progress: &self.progress,
            history: &self.history,
            schedule: &self.schedule,
            stats: &self.tree_stats,
            now: self.clock().now_unix_secs(),
        }
    }
}

/// How many days the review and forecast plots cover.
const PLOT_DAYS: u64 = 30;

/// Draws the progress view.
pub fn progress_view_ui(ui: &mut egui::Ui, facts: &ProgressFacts<'_>) {
    let Some(bp) = facts.course.blueprints.get(facts.blueprint) else {
        return;
    };
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.heading("Progress");
        ui.label(format!(
            "{} in {} · {} scheduled · {} due now",
            plural(facts.history.answers.len(), "answer"),
            plural(facts.history.sessions.len(), "session"),
            plural(facts.schedule.items.len(), "item"),
            facts.stats.due_total
        ));
        ui.add_space(8.0);

        ui.strong(format!("Readiness per domain ({})", bp.title));
        ui.label(
            egui::RichText::new(format!(
                "Accuracy of your latest answers in the domain, counting fully once you have answered {} of its questions.",
                crate::quiz::stats::READINESS_ANSWERS
            ))
            .weak(),
        );
        egui::Grid::new("readiness").num_columns(3).striped(true).show(ui, |ui| {
            for (d, domain) in bp.domains.iter().enumerate() {
                let stats = facts.stats.domains.get(&d).copied().unwrap_or_default();
                let topics = facts.course.domain_topics(facts.blueprint, d);
                let read = topics.iter().filter(|t| facts.progress.is_read(t)).count();
                let readiness = readiness_percent(&stats);
                ui.label(format!("{} {} ({}%)", domain.id, domain.title, domain.weight_percent));
                #[expect(clippy::cast_possible_truncation, reason = "a percentage")]
                let fraction = (readiness / 100.0) as f32;
                ui.add(egui::ProgressBar::new(fraction).desired_width(220.0).text(format!("{readiness:.0}% ready")));
                ui.label(format!("{} answered · {read} of {} notes read", stats.answered, topics.len()));
                ui.end_row();
            }
        });
        ui.add_space(12.0);

        ui.strong("Accuracy per day, by domain");
        accuracy_plot_ui(ui, facts);
        ui.add_space(12.0);

        ui.columns(2, |columns| {
            columns[0].strong(format!("Reviews per day (last {PLOT_DAYS} days)"));
            let reviews = reviews_per_day(facts.schedule, facts.now, PLOT_DAYS);
            day_bars_ui(&mut columns[0], "reviews_per_day", "Reviews", &reviews, -(i64::try_from(PLOT_DAYS).unwrap_or(30) - 1));
            columns[1].strong(format!("Items due (next {PLOT_DAYS} days)"));
            let forecast = facts.schedule.forecast(facts.now, usize::try_from(PLOT_DAYS).unwrap_or(30));
            day_bars_ui(&mut columns[1], "due_forecast", "Due", &forecast, 0);
        });
        ui.add_space(12.0);

        ui.strong("Past sessions");
        sessions_table_ui(ui, facts.history);
        ui.add_space(12.0);

        challenges_summary_ui(ui, facts);
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

fn accuracy_plot_ui(ui: &mut egui::Ui, facts: &ProgressFacts<'_>) {
    let Some(bp) = facts.course.blueprints.get(facts.blueprint) else {
        return;
    };
    let series: Vec<(String, Vec<[f64; 2]>)> = bp
        .domains
        .iter()
        .enumerate()
        .map(|(d, domain)| {
            #[expect(clippy::cast_precision_loss, reason = "day numbers are small")]
            let points = domain_accuracy_by_day(facts.course, facts.blueprint, facts.history, d)
                .into_iter()
                .map(|(day, accuracy)| [day as f64, accuracy])
                .collect();
            (format!("{} {}", domain.id, domain.title), points)
        })
        .collect();
    if series.iter().all(|(_, p)| p.is_empty()) {
        ui.label(egui::RichText::new("No answers yet: practise to see your accuracy here.").weak());
        return;
    }
    Plot::new("accuracy_by_domain")
        .height(220.0)
        .legend(Legend::default())
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_formatter(|mark, _| day_label(mark.value))
        .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
        .allow_scroll(false)
        .show(ui, |plot| {
            for (name, points) in series {
                if !points.is_empty() {
                    // Markers keep a day with a single answer visible.
                    plot.points(Points::new(name.clone(), PlotPoints::from(points.clone())).radius(3.0));
                    plot.line(Line::new(name, PlotPoints::from(points)).width(2.0));
                }
            }
        });
}

/// "1 session", "2 sessions".
#[must_use]
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A date label for a day number since the epoch.
fn day_label(day: f64) -> String {
    if day < 0.0 || !day.is_finite() {
        return String::new();
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "checked non-negative"
    )]
    let secs = (day.round() as u64).saturating_mul(DAY_SECS);
    let date = Date::from_unix_secs(secs);
    format!("{:02}-{:02}", date.month, date.day)
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

fn sessions_table_ui(ui: &mut egui::Ui, history: &History) {
    if history.sessions.is_empty() {
        ui.label(egui::RichText::new("No finished sessions yet.").weak());
        return;
    }
    TableBuilder::new(ui)
        .striped(true)
        .vscroll(false)
        .column(Column::auto().at_least(120.0))
        .column(Column::auto().at_least(110.0))
        .column(Column::remainder().at_least(160.0))
        .columns(Column::auto().at_least(70.0), 4)
        .header(22.0, |mut header| {
            for title in [
                "Finished",
                "Kind",
                "Scope",
                "Questions",
                "Correct",
                "Share",
                "Scaled",
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|mut body| {
            for session in history.sessions.iter().rev() {
                body.row(20.0, |mut row| {
                    row.col(|ui| {
                        ui.label(display_time(session.finished_at_unix_secs));
                    });
                    row.col(|ui| {
                        ui.label(session.kind.label());
                    });
                    row.col(|ui| {
                        ui.label(&session.scope_label);
                    });
                    row.col(|ui| {
                        ui.label(if session.cards > 0 {
                            format!("{} + {} cards", session.questions, session.cards)
                        } else {
                            session.questions.to_string()
                        });
                    });
                    row.col(|ui| {
                        ui.label(session.correct.to_string());
                    });
                    row.col(|ui| {
                        ui.label(format!(
                            "{:.0}%",
                            crate::course::check::percent_of(session.correct, session.questions)
                        ));
                    });
                    row.col(|ui| {
                        ui.label(
                            session
                                .scaled_score
                                .map_or_else(|| "–".to_owned(), |s| s.to_string()),
                        );
                    });
                });
            }
        });
}
