//! The simulator's pictures and tables: the fleet as one box per instance (AWS Lambda: the
//! alias weights as a bar), the CodeDeploy lifecycle events with the current one marked,
//! capacity and traffic plotted over the timeline with a marker at the step shown, and every
//! strategy compared for the same fleet.

use egui::{Color32, Rect, Sense, Stroke, StrokeKind, vec2};
use egui_extras::{Column, TableBuilder};
use egui_plot::{Legend, Line, Plot, PlotPoints, VLine};

use crate::simulate::{self, Counts, LifecycleEvent, Step, Timeline};

use crate::ui::pipeline::simulator::MAX_FLEET;

const OLD_COLOR: Color32 = Color32::from_rgb(66, 133, 244);
const NEW_COLOR: Color32 = Color32::from_rgb(102, 187, 106);
const FAILED_COLOR: Color32 = Color32::from_rgb(229, 57, 53);

/// What one box shows.
#[derive(Clone, Copy)]
enum Cell {
    Old { serving: bool },
    New { serving: bool },
    Failed,
}

/// The boxes of a step: old in service, old out, new in service, new out, failed.
fn cells(step: &Step) -> Vec<Cell> {
    let repeat = |cell: Cell, count: u32| std::iter::repeat_n(cell, usize::try_from(count).unwrap_or(0));
    repeat(Cell::Old { serving: true }, step.old_in_service)
        .chain(repeat(
            Cell::Old { serving: false },
            step.old - step.old_in_service,
        ))
        .chain(repeat(Cell::New { serving: true }, step.new_in_service))
        .chain(repeat(
            Cell::New { serving: false },
            step.new - step.new_in_service,
        ))
        .chain(repeat(Cell::Failed, step.failed))
        .collect()
}

/// One box per instance (or task): old ones blue, new ones green, failed ones red and crossed
/// out, out-of-service ones hollow. Lambda has no instances: its alias weights are drawn instead.
pub(super) fn fleet_ui(ui: &mut egui::Ui, counts: Counts, step: &Step) {
    if counts == Counts::TrafficOnly {
        alias_ui(ui, step);
        return;
    }
    let boxes = cells(step);
    let total = boxes.len().min(usize::try_from(MAX_FLEET * 2).unwrap_or(0));
    let size = vec2(26.0, 26.0);
    let per_row = 20;
    let rows = total.div_ceil(per_row).max(1);
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    let (rect, response) =
        ui.allocate_exact_size(vec2(per_row as f32 * 30.0, rows as f32 * 30.0), Sense::hover());
    let noun = counts.noun();
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!(
                "{} old, {} new and {} failed {noun}, {} in service",
                step.old, step.new, step.failed, step.in_service
            ),
        )
    });
    for (i, cell) in boxes.into_iter().take(total).enumerate() {
        let (row, col) = (i / per_row, i % per_row);
        #[expect(clippy::cast_precision_loss, reason = "small counts")]
        let rect = Rect::from_min_size(rect.min + vec2(col as f32 * 30.0, row as f32 * 30.0), size);
        let painter = ui.painter();
        match cell {
            Cell::Old { serving: true } => {
                painter.rect_filled(rect, 4.0, OLD_COLOR);
            }
            Cell::New { serving: true } => {
                painter.rect_filled(rect, 4.0, NEW_COLOR);
            }
            Cell::Old { serving: false } => {
                painter.rect_stroke(rect, 4.0, Stroke::new(2.0, OLD_COLOR), StrokeKind::Inside);
            }
            Cell::New { serving: false } => {
                painter.rect_stroke(rect, 4.0, Stroke::new(2.0, NEW_COLOR), StrokeKind::Inside);
            }
            Cell::Failed => {
                painter.rect_stroke(rect, 4.0, Stroke::new(2.0, FAILED_COLOR), StrokeKind::Inside);
                let cross = Stroke::new(2.0, FAILED_COLOR);
                let inner = rect.shrink(6.0);
                painter.line_segment([inner.left_top(), inner.right_bottom()], cross);
                painter.line_segment([inner.right_top(), inner.left_bottom()], cross);
            }
        }
    }
    ui.horizontal(|ui| {
        ui.colored_label(OLD_COLOR, "■ old version");
        ui.colored_label(NEW_COLOR, "■ new version");
        ui.colored_label(FAILED_COLOR, "■ failed (crossed out)");
        ui.label("□ out of service");
    });
}

/// The alias's weights as one bar: the original version's share, then the new version's.
fn alias_ui(ui: &mut egui::Ui, step: &Step) {
    let new_share = step.traffic_to_new_percent / 100.0;
    let width = 600.0;
    let (rect, response) = ui.allocate_exact_size(vec2(width, 26.0), Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!(
                "Alias weights: {:.0}% original version, {:.0}% new version",
                100.0 - step.traffic_to_new_percent,
                step.traffic_to_new_percent
            ),
        )
    });
    #[expect(clippy::cast_possible_truncation, reason = "a share of a bar's width")]
    let split = rect.left() + (f64::from(width) * (1.0 - new_share)) as f32;
    let painter = ui.painter();
    painter.rect_filled(
        Rect::from_min_max(rect.min, egui::pos2(split, rect.max.y)),
        4.0,
        OLD_COLOR,
    );
    painter.rect_filled(
        Rect::from_min_max(egui::pos2(split, rect.min.y), rect.max),
        4.0,
        NEW_COLOR,
    );
    ui.horizontal(|ui| {
        ui.colored_label(OLD_COLOR, "■ original version");
        ui.colored_label(NEW_COLOR, "■ new version");
        ui.label("(Lambda counts traffic, not instances)");
    });
}

/// CodeDeploy's lifecycle events for Lambda and ECS, in run order, the current one marked and
/// those that take a hook named so.
pub(super) fn lifecycle_ui(ui: &mut egui::Ui, timeline: &Timeline, step: &Step) {
    let events: &[LifecycleEvent] = match timeline.counts {
        Counts::TrafficOnly => &LifecycleEvent::LAMBDA,
        Counts::Tasks => &LifecycleEvent::ECS,
        Counts::Instances => return,
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("Lifecycle:");
        for &event in events {
            let mut text = egui::RichText::new(if event.takes_hook() {
                format!("{event} (hook)")
            } else {
                event.name().to_owned()
            });
            if step.lifecycle_event == Some(event) {
                text = text.strong().underline();
            } else {
                text = text.weak();
            }
            ui.label(text);
        }
    });
}

pub(super) fn plots_ui(ui: &mut egui::Ui, timeline: &Timeline, minute: f64) {
    // A step function: each value holds until the next event's minute. Bands off: egui_plot
    // would merge the vertical risers into filled bands.
    let step_line = |name: &str, f: &dyn Fn(&Step) -> f64| -> Line<'static> {
        let mut points: Vec<[f64; 2]> = Vec::new();
        for step in &timeline.steps {
            if let Some(last) = points.last().copied() {
                points.push([step.minute, last[1]]);
            }
            points.push([step.minute, f(step)]);
        }
        Line::new(name, PlotPoints::from(points)).allow_band(false)
    };
    let traffic_plot = |ui: &mut egui::Ui| {
        ui.strong("Traffic to the new version");
        Plot::new("traffic")
            .height(180.0)
            .include_y(0.0)
            .include_y(100.0)
            .allow_scroll(false)
            .x_axis_label("minute")
            .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
            .show(ui, |plot| {
                plot.line(step_line("traffic", &|s| s.traffic_to_new_percent).width(2.0));
                plot.vline(VLine::new("now", minute));
            });
    };
    if timeline.counts == Counts::TrafficOnly {
        traffic_plot(ui);
        return;
    }
    ui.columns(2, |columns| {
        columns[0].strong("Capacity");
        Plot::new("capacity")
            .height(180.0)
            .legend(Legend::default())
            .include_y(0.0)
            .allow_scroll(false)
            .x_axis_label("minute")
            .show(&mut columns[0], |plot| {
                plot.line(step_line("in service", &|s| f64::from(s.in_service)).width(2.5));
                plot.line(step_line("old", &|s| f64::from(s.old)));
                plot.line(step_line("new", &|s| f64::from(s.new)));
                plot.line(step_line("failed", &|s| f64::from(s.failed)));
                plot.vline(VLine::new("now", minute));
            });
        traffic_plot(&mut columns[1]);
    });
}

/// Every strategy run with its defaults for the chosen fleet.
pub(super) fn comparison_ui(ui: &mut egui::Ui, instances: u32) {
    let rows: Vec<(&simulate::StrategySpec, Option<Timeline>)> = simulate::strategies()
        .iter()
        .map(|spec| {
            let mut params = spec.default_params();
            params.instances = instances;
            (spec, spec.run(&params).ok())
        })
        .collect();
    TableBuilder::new(ui)
        .striped(true)
        .vscroll(false)
        .column(Column::auto().at_least(230.0))
        .columns(Column::auto().at_least(70.0), 5)
        .column(Column::remainder().at_least(160.0))
        .header(20.0, |mut header| {
            for title in [
                "Strategy",
                "Minutes",
                "Peak",
                "Fewest in service",
                "Extra instance-minutes",
                "Downtime",
                "Extra cost",
            ] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|mut body| {
            for (spec, timeline) in &rows {
                body.row(20.0, |mut row| {
                    row.col(|ui| {
                        ui.label(spec.name).on_hover_text(spec.label);
                    });
                    match timeline {
                        Some(t) => {
                            row.col(|ui| {
                                ui.label(format!("{:.0}", t.duration_minutes()));
                            });
                            let summary = &t.summary;
                            let counted = [
                                summary.peak_instances.map(|n| n.to_string()),
                                summary.fewest_in_service.map(|n| n.to_string()),
                                summary.extra_instance_minutes.map(|m| format!("{m:.0}")),
                            ];
                            for figure in counted {
                                row.col(|ui| match figure {
                                    Some(text) => {
                                        ui.label(text);
                                    }
                                    None => {
                                        ui.label("–")
                                            .on_hover_text("Lambda counts traffic, not instances");
                                    }
                                });
                            }
                        }
                        None => {
                            for _ in 0..4 {
                                row.col(|ui| {
                                    ui.label("–").on_hover_text("not for this fleet size");
                                });
                            }
                        }
                    }
                    row.col(|ui| {
                        ui.label(spec.facts.downtime.label());
                    });
                    row.col(|ui| {
                        ui.label(spec.facts.extra_cost);
                    });
                });
            }
        });
}
