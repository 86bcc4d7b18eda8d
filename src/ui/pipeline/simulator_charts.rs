//! The simulator's charts: the fleet as one box per instance, and capacity and traffic
//! plotted over the timeline with a marker at the step shown.

use egui::{Color32, Rect, Sense, Stroke, StrokeKind, vec2};
use egui_plot::{Legend, Line, Plot, PlotPoints, VLine};

use crate::simulate::{self, Timeline};

use crate::ui::pipeline::simulator::MAX_FLEET;

/// One box per instance: new ones green, old ones blue, out-of-service ones hollow.
pub(super) fn fleet_ui(ui: &mut egui::Ui, step: &simulate::Step) {
    let old_color = Color32::from_rgb(66, 133, 244);
    let new_color = Color32::from_rgb(102, 187, 106);
    let total = step.instances().min(MAX_FLEET * 2);
    let size = vec2(26.0, 26.0);
    let per_row = 20;
    let rows = total.div_ceil(per_row).max(1);
    #[expect(clippy::cast_precision_loss, reason = "small counts")]
    let (rect, response) =
        ui.allocate_exact_size(vec2(per_row as f32 * 30.0, rows as f32 * 30.0), Sense::hover());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(
            egui::Role::Image,
            true,
            format!(
                "{} old and {} new instances, {} in service",
                step.old, step.new, step.in_service
            ),
        )
    });
    // In service are counted first among new instances when traffic has moved, else among old.
    let mut in_service_left = step.in_service;
    let order: Vec<bool> = if step.traffic_to_new_percent > 0.0 {
        (0..step.new)
            .map(|_| true)
            .chain((0..step.old).map(|_| false))
            .collect()
    } else {
        (0..step.old)
            .map(|_| false)
            .chain((0..step.new).map(|_| true))
            .collect()
    };
    for (i, is_new) in order
        .into_iter()
        .take(usize::try_from(total).unwrap_or(0))
        .enumerate()
    {
        let (row, col) = (i / per_row as usize, i % per_row as usize);
        #[expect(clippy::cast_precision_loss, reason = "small counts")]
        let cell = Rect::from_min_size(rect.min + vec2(col as f32 * 30.0, row as f32 * 30.0), size);
        let color = if is_new { new_color } else { old_color };
        let serving = in_service_left > 0;
        in_service_left = in_service_left.saturating_sub(1);
        if serving {
            ui.painter().rect_filled(cell, 4.0, color);
        } else {
            ui.painter()
                .rect_stroke(cell, 4.0, Stroke::new(2.0, color), StrokeKind::Inside);
        }
    }
    ui.horizontal(|ui| {
        ui.colored_label(old_color, "■ old version");
        ui.colored_label(new_color, "■ new version");
        ui.label("□ out of service");
    });
}

pub(super) fn plots_ui(ui: &mut egui::Ui, timeline: &Timeline, minute: f64) {
    // A step function: each value holds until the next event's minute. Bands off: egui_plot
    // would merge the vertical risers into filled bands.
    let step_line = |name: &str, f: &dyn Fn(&simulate::Step) -> f64| -> Line<'static> {
        let mut points: Vec<[f64; 2]> = Vec::new();
        for step in &timeline.steps {
            if let Some(last) = points.last().copied() {
                points.push([step.minute, last[1]]);
            }
            points.push([step.minute, f(step)]);
        }
        Line::new(name, PlotPoints::from(points)).allow_band(false)
    };
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
                plot.vline(VLine::new("now", minute));
            });
        columns[1].strong("Traffic to the new version");
        Plot::new("traffic")
            .height(180.0)
            .include_y(0.0)
            .include_y(100.0)
            .allow_scroll(false)
            .x_axis_label("minute")
            .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
            .show(&mut columns[1], |plot| {
                plot.line(step_line("traffic", &|s| s.traffic_to_new_percent).width(2.0));
                plot.vline(VLine::new("now", minute));
            });
    });
}
