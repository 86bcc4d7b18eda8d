//! The pass estimate drawn as interval bars: one per domain (its expected accuracy and 80%
//! range) and one for the whole exam, with the pass line at the percentage that maps to 750.

use egui_plot::{HLine, Line, Plot, PlotPoints, Points};

use crate::plan::estimate::{ExamEstimate, Readiness};

/// The exam percentage that the exam simulation maps to a scaled score of 750.
fn pass_percent() -> f64 {
    (1..=100)
        .map(f64::from)
        .find(|p| crate::quiz::scoring::estimated_scaled_score(p / 100.0) >= 750)
        .unwrap_or(72.0)
}

/// The interval plot: x is the domain (1, 2, …) and the exam ("All") last.
pub fn estimate_plot_ui(ui: &mut egui::Ui, estimate: &ExamEstimate) {
    let labels: Vec<String> = estimate
        .per_domain
        .iter()
        .map(|d| format!("D{}", d.id))
        .chain(std::iter::once("Exam".to_owned()))
        .collect();
    let rows: Vec<(f64, f64, f64)> = estimate
        .per_domain
        .iter()
        .map(|d| (d.low, d.expected_percent, d.high))
        .chain(std::iter::once((
            estimate.low,
            estimate.expected_percent,
            estimate.high,
        )))
        .collect();
    let pass = pass_percent();
    let response = Plot::new("pass_estimate")
        .height(200.0)
        .include_y(0.0)
        .include_y(100.0)
        .include_x(0.5)
        .include_x(labels.len() as f64 + 0.5)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .x_axis_formatter({
            let labels = labels.clone();
            move |mark, _| {
                let index = mark.value.round();
                if (mark.value - index).abs() > 0.01 || index < 1.0 {
                    return String::new();
                }
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "checked ≥ 1"
                )]
                labels.get(index as usize - 1).cloned().unwrap_or_default()
            }
        })
        .y_axis_formatter(|mark, _| format!("{:.0}%", mark.value))
        .label_formatter(|hover| match hover {
            egui_plot::HoverPosition::NearDataPoint {
                plot_name, position, ..
            } => Some(format!("{plot_name}\n{:.0}%", position.y)),
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            plot.hline(HLine::new(format!("Pass ({pass:.0}%)"), pass).width(1.0));
            for (i, (label, (low, mid, high))) in labels.iter().zip(&rows).enumerate() {
                #[expect(clippy::cast_precision_loss, reason = "a handful of domains")]
                let x = (i + 1) as f64;
                let color = if label == "Exam" {
                    egui::Color32::from_rgb(0x2e, 0x86, 0xde)
                } else {
                    egui::Color32::GRAY
                };
                plot.line(
                    Line::new(
                        format!("{label} 80% range"),
                        PlotPoints::from(vec![[x, *low], [x, *high]]),
                    )
                    .width(6.0)
                    .color(color.gamma_multiply(0.6)),
                );
                plot.points(
                    Points::new(format!("{label} expected"), PlotPoints::from(vec![[x, *mid]]))
                        .radius(5.0)
                        .color(color),
                );
            }
        })
        .response;
    response.on_hover_text(Readiness::explanation());
}
