//! Painting the canvas around the actions: lanes with their title bars (click to select a
//! stage, drag to move it) and the titles in them, and the overlays of a drag in progress — the loose wire, the
//! selection box, where a dragged or dropped action will land, and where a dragged stage will go.

use egui::{Color32, Id, Rect, Role, Sense, Stroke, StrokeKind, WidgetInfo, pos2, vec2};

use crate::pipeline::commands;
use crate::pipeline::drop_target::{DropTarget, drop_target, stage_drop_index};
use crate::pipeline::layout::{Layout, Rect4};

use crate::ui::pipeline::canvas::{CanvasFrame, PaletteDrag, rect, severity_color};
use crate::ui::pipeline::nodes::{canvas_font_size, output_port};
use crate::ui::pipeline::state::{Drag, EditorView};
use crate::ui::shell::action::{PipelineRequest, Requests};

/// A rectangle moved along the flow by `offset`.
fn along(placed: &Layout, r: Rect, offset: f32) -> Rect {
    let [dx, dy] = placed.from_axes([offset, 0.0]);
    r.translate(vec2(dx, dy))
}

/// Draws the lanes and handles clicks and drags on their title bars.
pub(crate) fn paint_lanes(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    frame: &CanvasFrame<'_>,
    actions: &mut Requests,
) {
    let visuals = ui.visuals().clone();
    let placed = &frame.geometry.placed;
    for (index, ((stage, lane), header)) in frame
        .diagram
        .stages
        .iter()
        .zip(&placed.lanes)
        .zip(&placed.headers)
        .enumerate()
    {
        let (lane, header) = (rect(*lane), rect(*header));
        let dragged = matches!(view.drag, Drag::Stage { from, .. } if from == index);
        if !frame.visible.intersects(lane) && !dragged {
            continue;
        }
        let selected = view.selected_stage == Some(index);
        ui.painter()
            .rect_filled(lane, 8.0, visuals.faint_bg_color.gamma_multiply(0.85));
        let border = match frame.geometry.marks.stages.get(&index) {
            Some(severity) => Stroke::new(2.0, severity_color(ui, *severity)),
            None if selected => visuals.selection.stroke,
            None => Stroke::new(1.0, visuals.widgets.noninteractive.bg_stroke.color),
        };
        ui.painter().rect_stroke(lane, 8.0, border, StrokeKind::Inside);
        let response = ui.interact(
            header,
            Id::unique(("pipeline_stage", index)),
            Sense::click_and_drag(),
        );
        let label = format!("Stage {}: {}", index + 1, stage.name);
        response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &label));
        if response.clicked() {
            view.selected_stage = Some(index);
            view.selection.clear();
        }
        header_drag(view, frame, index, &response, actions);
        view.item_hit |= response.clicked() || response.drag_started();
        response.on_hover_cursor(egui::CursorIcon::Grab);
        let fill = if selected {
            visuals.selection.bg_fill
        } else {
            visuals.widgets.inactive.weak_bg_fill
        };
        ui.painter().rect_filled(header.shrink(3.0), 6.0, fill);
    }
}

/// Writes each stage's name (and its action count, or that its inbound transition is disabled)
/// in its title bar, over the wires that cross the bar (top to bottom), on a patch of the bar's
/// colour.
pub(crate) fn paint_lane_titles(ui: &egui::Ui, view: &EditorView, frame: &CanvasFrame<'_>) {
    let visuals = ui.visuals();
    let placed = &frame.geometry.placed;
    let zoom = frame.zoom;
    for (index, (stage, header)) in frame.diagram.stages.iter().zip(&placed.headers).enumerate() {
        let header = rect(*header);
        if !frame.visible.intersects(header) || zoom * header.height() < 8.0 {
            continue;
        }
        let fill = if view.selected_stage == Some(index) {
            visuals.selection.bg_fill
        } else {
            visuals.widgets.inactive.weak_bg_fill
        };
        let name_size = canvas_font_size(16.0, zoom).min(header.height() * 0.8);
        let disabled = frame
            .geometry
            .transitions
            .iter()
            .any(|t| t.into == index && t.disabled.is_some());
        let (note, note_color) = if disabled {
            ("⊘ transition disabled".to_owned(), visuals.error_fg_color)
        } else {
            (
                crate::words::plural(stage.actions.len(), "action"),
                visuals.weak_text_color(),
            )
        };
        // The name comes first; the note takes what room is left, or none.
        let name = truncated(
            ui,
            &stage.name,
            egui::FontId::proportional(name_size),
            visuals.strong_text_color(),
            header.width() - 24.0,
        );
        let room = header.width() - name.size().x - 34.0;
        let note = truncated(
            ui,
            &note,
            egui::FontId::proportional(canvas_font_size(11.0, zoom).min(header.height() * 0.6)),
            note_color,
            room,
        );
        if note.size().x <= room && !note.elided {
            let at = header.right_center() - vec2(10.0 + note.size().x, note.size().y / 2.0);
            let patch = Rect::from_min_size(at, note.size()).expand(2.0);
            ui.painter().rect_filled(patch, 2.0, fill);
            ui.painter().galley(at, note, note_color);
        }
        let at = header.left_center() + vec2(12.0, -name.size().y / 2.0);
        let patch = Rect::from_min_size(at, name.size()).expand(2.0);
        ui.painter().rect_filled(patch, 2.0, fill);
        ui.painter().galley(at, name, visuals.strong_text_color());
    }
}

/// Dragging a stage by its title bar: follow the pointer along the flow, and on release move
/// the stage to where its middle is nearest (one undoable step).
fn header_drag(
    view: &mut EditorView,
    frame: &CanvasFrame<'_>,
    index: usize,
    response: &egui::Response,
    actions: &mut Requests,
) {
    let placed = &frame.geometry.placed;
    if response.drag_started_by(egui::PointerButton::Primary) {
        view.drag = Drag::Stage {
            from: index,
            offset: 0.0,
        };
    }
    if response.dragged()
        && let Drag::Stage { from, offset } = &mut view.drag
        && *from == index
    {
        let delta = response.drag_delta();
        *offset += placed.to_axes([delta.x, delta.y])[0];
    }
    if response.drag_stopped()
        && let Drag::Stage { from, offset } = std::mem::take(&mut view.drag)
        && let Some([start, end]) = placed.lane_span(from)
        && let Some(to) = stage_drop_index(placed, f32::midpoint(start, end) + offset)
        && to != from
    {
        actions.push(PipelineRequest::Edit {
            label: "Move stage".to_owned(),
            ops: commands::move_stage(frame.diagram, from, to),
        });
        view.selected_stage = Some(to);
    }
}

/// Text cut short with "…" to fit `width`.
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

/// Where an action that lands at `target` will stand: its run order's column (or the next one
/// along) and its slot.
fn landing_rect(placed: &Layout, target: DropTarget, slot: usize) -> Option<Rect4> {
    let m = placed.metrics();
    let columns = placed.columns.get(target.stage)?;
    let main = match columns.iter().find(|c| c.run_order == target.run_order) {
        Some(column) => column.start,
        None => columns.last().map_or_else(
            || placed.lane_span(target.stage).map_or(0.0, |s| s[0]) + m.header_main + m.pad_main,
            |last| last.end + m.column_gap,
        ),
    };
    let first = placed.slots.first().copied().unwrap_or(0.0);
    #[expect(clippy::cast_precision_loss, reason = "a small slot index")]
    let cross = first + slot as f32 * m.slot_pitch();
    let [x, y] = placed.from_axes([main, cross]);
    let [w, h] = placed.from_axes([m.node_main, m.node_cross]);
    Some([x, y, w, h])
}

/// The slot under `cross` among `count` neighbours (one past them at most).
fn slot_at(placed: &Layout, cross: f32, count: usize) -> usize {
    let m = placed.metrics();
    let first = placed.slots.first().copied().unwrap_or(0.0);
    let slot = ((cross - first + m.slot_gap / 2.0) / m.slot_pitch())
        .floor()
        .max(0.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "small and non-negative"
    )]
    let slot = slot.min(10_000.0) as usize;
    slot.min(count)
}

fn paint_landing(
    ui: &egui::Ui,
    frame: &CanvasFrame<'_>,
    center: egui::Pos2,
    moving: &std::collections::BTreeSet<crate::pipeline::ActionId>,
) {
    let placed = &frame.geometry.placed;
    let Some(target) = drop_target(placed, frame.diagram, [center.x, center.y], moving) else {
        return;
    };
    let neighbours = frame.diagram.stages.get(target.stage).map_or(0, |s| {
        s.actions
            .iter()
            .filter(|a| a.run_order.max(1) == target.run_order && !moving.contains(&a.id))
            .count()
    });
    let slot = slot_at(placed, placed.to_axes([center.x, center.y])[1], neighbours);
    if let Some(landing) = landing_rect(placed, target, slot) {
        let stroke = Stroke::new(2.0 / frame.zoom.max(0.2), ui.visuals().selection.stroke.color);
        ui.painter().rect_filled(
            rect(landing),
            8.0,
            ui.visuals().selection.bg_fill.gamma_multiply(0.25),
        );
        ui.painter()
            .rect_stroke(rect(landing), 8.0, stroke, StrokeKind::Inside);
    }
}

/// Draws what a drag in progress will do.
pub(crate) fn paint_overlays(ui: &mut egui::Ui, view: &EditorView, frame: &CanvasFrame<'_>) {
    let placed = &frame.geometry.placed;
    match &view.drag {
        Drag::Wire { from, to } => {
            if let Some(node) = placed.nodes.get(from) {
                let start = output_port(placed.direction, rect(*node));
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
        Drag::Nodes { ids, delta } => {
            let moving = ids.iter().copied().collect();
            for id in ids {
                if let Some(node) = placed.nodes.get(id) {
                    paint_landing(
                        ui,
                        frame,
                        rect(*node).center() + vec2(delta[0], delta[1]),
                        &moving,
                    );
                }
            }
        }
        Drag::Stage { from, offset } => paint_stage_drag(ui, frame, *from, *offset),
        Drag::None => {
            if egui::DragAndDrop::has_payload_of_type::<PaletteDrag>(ui.ctx())
                && let Some(p) = frame.pointer
            {
                paint_landing(ui, frame, p, &std::collections::BTreeSet::new());
            }
        }
    }
}

/// The dragged lane's outline where the pointer has it, and a bar where it will go.
fn paint_stage_drag(ui: &egui::Ui, frame: &CanvasFrame<'_>, from: usize, offset: f32) {
    let placed = &frame.geometry.placed;
    let (Some(lane), Some([start, end])) = (placed.lanes.get(from), placed.lane_span(from)) else {
        return;
    };
    let color = ui.visuals().selection.stroke.color;
    let moved = along(placed, rect(*lane), offset);
    ui.painter()
        .rect_filled(moved, 8.0, ui.visuals().selection.bg_fill.gamma_multiply(0.2));
    ui.painter().rect_stroke(
        moved,
        8.0,
        Stroke::new(2.0 / frame.zoom.max(0.2), color),
        StrokeKind::Inside,
    );
    let Some(to) = stage_drop_index(placed, f32::midpoint(start, end) + offset) else {
        return;
    };
    let Some([to_start, to_end]) = placed.lane_span(to) else {
        return;
    };
    let gap = placed.metrics().lane_gap / 2.0;
    let bar = if to > from { to_end + gap } else { to_start - gap };
    let [a, b] = [
        placed.from_axes([bar, 0.0]),
        placed.from_axes([bar, placed.cross_size]),
    ];
    ui.painter().line_segment(
        [pos2(a[0], a[1]), pos2(b[0], b[1])],
        Stroke::new(4.0 / frame.zoom.max(0.2), color),
    );
}
