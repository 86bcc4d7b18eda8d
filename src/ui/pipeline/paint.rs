//! Painting the canvas: lanes with their headers, artifact arrows, the loose wire and the
//! selection box. Interaction stays in `pipeline_canvas`.

use std::collections::BTreeMap;

use egui::{Color32, Id, Rect, Role, Sense, Stroke, StrokeKind, WidgetInfo, pos2, vec2};

use crate::pipeline::layout::{LANE_HEADER, Layout};
use crate::pipeline::{ActionId, Diagram};

use crate::ui::pipeline::canvas::{Marks, input_port, node_rect_now, output_port, rect, severity_color};
use crate::ui::pipeline::state::{Drag, EditorView};

/// The snapping grid behind the lanes, drawn while snapping is on. Lines too close together
/// on screen are thinned out.
pub(crate) fn paint_grid(ui: &egui::Ui, visible: Rect, screen_per_unit: f32) {
    let mut step = crate::pipeline::layout::GRID;
    while step * screen_per_unit < 8.0 {
        step *= 5.0;
    }
    let color = ui
        .visuals()
        .widgets
        .noninteractive
        .bg_stroke
        .color
        .gamma_multiply(0.35);
    let stroke = Stroke::new(1.0 / screen_per_unit.max(0.01), color);
    let first_x = (visible.left() / step).floor() * step;
    let first_y = (visible.top() / step).floor() * step;
    let mut x = first_x;
    while x <= visible.right() {
        ui.painter().vline(x, visible.y_range(), stroke);
        x += step;
    }
    let mut y = first_y;
    while y <= visible.bottom() {
        ui.painter().hline(visible.x_range(), y, stroke);
        y += step;
    }
}

pub(crate) fn paint_lanes(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    diagram: &Diagram,
    placed: &Layout,
    marks: &Marks,
) {
    let visuals = ui.visuals().clone();
    for (index, (stage, lane)) in diagram.stages.iter().zip(&placed.lanes).enumerate() {
        let lane = rect(*lane);
        let selected = view.selected_stage == Some(index);
        ui.painter()
            .rect_filled(lane, 8.0, visuals.faint_bg_color.gamma_multiply(0.85));
        let border = match marks.stages.get(&index) {
            Some(severity) => Stroke::new(2.0, severity_color(ui, *severity)),
            None if selected => visuals.selection.stroke,
            None => Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        };
        ui.painter().rect_stroke(lane, 8.0, border, StrokeKind::Inside);
        let header = Rect::from_min_size(lane.min, vec2(lane.width(), LANE_HEADER));
        let response = ui.interact(header, Id::unique(("pipeline_stage", index)), Sense::click());
        let label = format!("Stage {}: {}", index + 1, stage.name);
        response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &label));
        if response.clicked() {
            view.selected_stage = Some(index);
            view.selection.clear();
        }
        view.item_hit |= response.clicked() || response.drag_started();
        let fill = if selected {
            visuals.selection.bg_fill
        } else {
            visuals.widgets.inactive.weak_bg_fill
        };
        ui.painter().rect_filled(header.shrink(3.0), 6.0, fill);
        ui.painter().text(
            header.left_center() + vec2(12.0, 0.0),
            egui::Align2::LEFT_CENTER,
            &stage.name,
            egui::FontId::proportional(16.0),
            visuals.strong_text_color(),
        );
        ui.painter().text(
            header.right_center() - vec2(10.0, 0.0),
            egui::Align2::RIGHT_CENTER,
            crate::words::plural(stage.actions.len(), "action"),
            egui::FontId::proportional(11.0),
            visuals.weak_text_color(),
        );
    }
}

/// Every (producer, consumer, artifact) connection.
fn connections(diagram: &Diagram) -> Vec<(ActionId, ActionId, String)> {
    let mut producers: BTreeMap<&str, ActionId> = BTreeMap::new();
    for (_, action) in diagram.actions() {
        for output in &action.outputs {
            producers.entry(output.as_str()).or_insert(action.id);
        }
    }
    diagram
        .actions()
        .flat_map(|(_, a)| {
            a.inputs
                .iter()
                .filter_map(|i| producers.get(i.as_str()).map(|p| (*p, a.id, i.to_string())))
        })
        .collect()
}

pub(crate) fn paint_arrows(
    ui: &mut egui::Ui,
    diagram: &Diagram,
    placed: &Layout,
    view: &EditorView,
    visible: Rect,
) {
    let color = ui.visuals().widgets.active.fg_stroke.color.gamma_multiply(0.8);
    for (from, to, artifact) in connections(diagram) {
        let (Some(a), Some(b)) = (node_rect_now(placed, view, from), node_rect_now(placed, view, to)) else {
            continue;
        };
        let (start, end) = (output_port(a), input_port(b));
        if !visible.intersects(Rect::from_two_pos(start, end)) {
            continue;
        }
        let bend = ((end.x - start.x).abs() / 2.0).max(40.0);
        let curve = egui::epaint::CubicBezierShape::from_points_stroke(
            [start, start + vec2(bend, 0.0), end - vec2(bend, 0.0), end],
            false,
            Color32::TRANSPARENT,
            Stroke::new(2.0, color),
        );
        ui.painter().add(curve);
        let tip = [end, end - vec2(9.0, 5.0), end - vec2(9.0, -5.0)];
        ui.painter()
            .add(egui::Shape::convex_polygon(tip.to_vec(), color, Stroke::NONE));
        let middle = pos2((start.x + end.x) / 2.0, (start.y + end.y) / 2.0 - 8.0);
        ui.painter().text(
            middle,
            egui::Align2::CENTER_BOTTOM,
            &artifact,
            egui::FontId::proportional(11.0),
            ui.visuals().weak_text_color(),
        );
    }
}

pub(crate) fn truncated(
    ui: &egui::Ui,
    text: &str,
    font: egui::FontId,
    color: Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job =
        egui::text::LayoutJob::single_section(text.to_owned(), egui::TextFormat::simple(font, color));
    job.wrap = egui::text::TextWrapping::truncate_at_width(width.max(10.0));
    ui.fonts_mut(|f| f.layout_job(job))
}

pub(crate) fn paint_overlays(ui: &mut egui::Ui, view: &EditorView, placed: &Layout) {
    match &view.drag {
        Drag::Wire { from, to } => {
            if let Some(node) = placed.nodes.get(from) {
                let start = output_port(rect(*node));
                let stroke = Stroke::new(2.0, ui.visuals().selection.stroke.color);
                ui.painter().line_segment([start, pos2(to[0], to[1])], stroke);
            }
        }
        Drag::Box { start, end, .. } => {
            let area = Rect::from_two_pos(pos2(start[0], start[1]), pos2(end[0], end[1]));
            ui.painter()
                .rect_filled(area, 2.0, ui.visuals().selection.bg_fill.gamma_multiply(0.25));
            ui.painter()
                .rect_stroke(area, 2.0, ui.visuals().selection.stroke, StrokeKind::Inside);
        }
        Drag::Nodes { .. } | Drag::None => {}
    }
}
