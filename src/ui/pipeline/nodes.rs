//! Action nodes on the canvas: drawing each (its category glyph, name and provider, its
//! finding, its ports) at a level of detail that suits the zoom, and the pointer work on them —
//! select, drag to move (one undo step per drag), and drag from the output port to another
//! action to pass it an artifact.
//!
//! Text never shrinks below [`TEXT_FLOOR_PX`] on screen: zoomed out, it grows in canvas units
//! and is cut short with "…"; below [`NAMES_FROM_ZOOM`] nodes show their colour and glyph only
//! (the name stays in the tooltip and the accessibility label).

use crate::pipeline::catalog::ProviderSpec;
use std::collections::BTreeSet;

use egui::{Color32, Id, Pos2, Rect, Role, Sense, Stroke, StrokeKind, WidgetInfo, pos2, vec2};

use crate::pipeline::drop_target::drop_target;
use crate::pipeline::{Action, ActionId, LayoutDirection, commands};

use crate::ui::pipeline::canvas::{CanvasFrame, rect, severity_color};
use crate::ui::pipeline::geometry::PlacedAction;
use crate::ui::pipeline::paint::truncated;
use crate::ui::pipeline::state::{Drag, EditorView};
use crate::ui::shell::action::{PipelineRequest, Requests};
use crate::ui::shell::glyphs::{category_color, glyph_rect, paint_glyph};

/// The smallest text drawn on the canvas, in screen points.
pub const TEXT_FLOOR_PX: f32 = 10.0;
/// Below this zoom, nodes show no text.
pub const NAMES_FROM_ZOOM: f32 = 0.3;
/// From this zoom, nodes show their provider and run order under the name.
pub const DETAILS_FROM_ZOOM: f32 = 0.55;
/// Below this zoom, nodes are plain boxes without ports, too small to take the pointer one
/// by one (a box selection still takes them).
pub const INTERACTIVE_FROM_ZOOM: f32 = 0.12;

pub(crate) const PORT_RADIUS: f32 = 7.0;

/// The size, in canvas units, of text meant to be `ideal` units at 100%, kept readable: never
/// under [`TEXT_FLOOR_PX`] on screen at `zoom`.
#[must_use]
pub fn canvas_font_size(ideal: f32, zoom: f32) -> f32 {
    ideal.max(TEXT_FLOOR_PX / zoom.max(1e-3))
}

fn node_id(id: ActionId) -> Id {
    Id::unique(("pipeline_node", id.0))
}

/// Where wires leave a node and enter it, for its ports.
pub(crate) fn output_port(direction: LayoutDirection, node: Rect) -> Pos2 {
    match direction {
        LayoutDirection::LeftToRight => pos2(node.right(), node.center().y),
        LayoutDirection::TopToBottom => pos2(node.center().x, node.bottom()),
    }
}

pub(crate) fn input_port(direction: LayoutDirection, node: Rect) -> Pos2 {
    match direction {
        LayoutDirection::LeftToRight => pos2(node.left(), node.center().y),
        LayoutDirection::TopToBottom => pos2(node.center().x, node.top()),
    }
}

/// Where a node is drawn now: its place, moved along while it is being dragged.
pub(crate) fn node_rect_now(view: &EditorView, placed: &PlacedAction) -> Rect {
    let base = rect(placed.rect);
    match &view.drag {
        Drag::Nodes { ids, delta } if ids.contains(&placed.id) => base.translate(vec2(delta[0], delta[1])),
        _ => base,
    }
}

/// Draws the actions in view and handles the pointer on them.
pub(crate) fn nodes_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    frame: &CanvasFrame<'_>,
    actions: &mut Requests,
) {
    let diagram = frame.diagram;
    let geometry = frame.geometry;
    let visible = frame.visible;
    let visible4 = [visible.min.x, visible.min.y, visible.width(), visible.height()];
    // Dragged actions are drawn last, above the others.
    let dragged: Vec<PlacedAction> = match &view.drag {
        Drag::Nodes { ids, .. } => geometry
            .columns
            .iter()
            .flatten()
            .flatten()
            .filter(|p| ids.contains(&p.id))
            .copied()
            .collect(),
        _ => Vec::new(),
    };
    let in_view: Vec<PlacedAction> = geometry
        .visible(visible4)
        .filter(|p| !dragged.iter().any(|d| d.id == p.id))
        .copied()
        .collect();
    for placed in in_view.iter().chain(&dragged) {
        let Some(action) = diagram
            .stages
            .get(placed.stage)
            .and_then(|s| s.actions.get(placed.index))
        else {
            continue;
        };
        node_ui(ui, view, frame, placed, action, actions);
    }
}

fn node_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    frame: &CanvasFrame<'_>,
    placed: &PlacedAction,
    action: &Action,
    actions: &mut Requests,
) {
    let node = node_rect_now(view, placed);
    let zoom = frame.zoom;
    let selected = view.selection.contains(&action.id);
    let lit = view.hover.actions.contains(&action.id);
    let color = category_color(action.category);
    let visuals = ui.visuals();
    if zoom < INTERACTIVE_FROM_ZOOM {
        let fill = if selected || lit {
            visuals.selection.stroke.color
        } else {
            color
        };
        ui.painter().rect_filled(node, 0.0, fill);
        return;
    }
    let response = ui.interact(node, node_id(action.id), Sense::click_and_drag());
    response.widget_info(|| {
        let stage = frame
            .diagram
            .stages
            .get(placed.stage)
            .map_or("", |s| s.name.as_str());
        WidgetInfo::selected(
            Role::Button,
            true,
            selected,
            format!("{} ({}) in {stage}", action.name, action.provider),
        )
    });
    node_pointer(ui, view, frame, action.id, selected, &response, actions);
    if zoom < NAMES_FROM_ZOOM && response.hovered() {
        response.on_hover_text(format!("{} ({})", action.name, action.provider));
    }

    let visuals = ui.visuals();
    let fill = if selected {
        visuals.selection.bg_fill.gamma_multiply(0.6)
    } else {
        visuals.extreme_bg_color
    };
    let rounding = 8.0;
    ui.painter().rect_filled(node, rounding, fill);
    let border = match frame.geometry.marks.actions.get(&action.id) {
        Some(severity) => Stroke::new(2.5, severity_color(ui, *severity)),
        None if selected || lit => Stroke::new(2.5, visuals.selection.stroke.color),
        None => Stroke::new(1.5, color),
    };
    ui.painter()
        .rect_stroke(node, rounding, border, StrokeKind::Inside);
    if lit {
        ui.painter().rect_stroke(
            node.expand(3.0 / zoom),
            rounding,
            Stroke::new(2.0 / zoom, visuals.selection.stroke.color),
            StrokeKind::Outside,
        );
    }
    node_text(ui, node, action, zoom, color);
    if let Some(severity) = frame.geometry.marks.actions.get(&action.id) {
        let badge = node.right_top() + vec2(-4.0, 4.0);
        ui.painter()
            .circle_filled(badge, 8.0, severity_color(ui, *severity));
        ui.painter().text(
            badge,
            egui::Align2::CENTER_CENTER,
            "!",
            egui::FontId::proportional(12.0),
            Color32::BLACK,
        );
    }
    if zoom >= NAMES_FROM_ZOOM {
        ports_ui(ui, view, frame, action, node, actions);
    }
}

/// The glyph, the name and (zoomed in enough) the provider and run order.
fn node_text(ui: &egui::Ui, node: Rect, action: &Action, zoom: f32, color: Color32) {
    let visuals = ui.visuals();
    if zoom < NAMES_FROM_ZOOM {
        let size = (node.height() * 0.6).min(node.width());
        paint_glyph(
            ui.painter(),
            Rect::from_center_size(node.center(), vec2(size, size)),
            action.category,
            color,
        );
        return;
    }
    let name_size = canvas_font_size(14.0, zoom);
    let details = zoom >= DETAILS_FROM_ZOOM;
    let glyph = glyph_rect(node, 24.0);
    // Zoomed out, the glyph gives its room to the name.
    let text_left = if name_size <= 18.0 {
        paint_glyph(ui.painter(), glyph, action.category, color);
        glyph.right() + 8.0
    } else {
        node.left() + 8.0
    };
    let text_width = node.right() - text_left - 8.0;
    // Without the detail line, a long name may take a second line before it is cut short.
    let name = if details || name_size * 2.2 > node.height() {
        truncated(
            ui,
            &action.name,
            egui::FontId::proportional(name_size),
            visuals.strong_text_color(),
            text_width,
        )
    } else {
        let mut job = egui::text::LayoutJob::single_section(
            action.name.to_string(),
            egui::TextFormat::simple(egui::FontId::proportional(name_size), visuals.strong_text_color()),
        );
        job.wrap = egui::text::TextWrapping {
            max_width: text_width.max(10.0),
            max_rows: 2,
            break_anywhere: true,
            overflow_character: Some('…'),
        };
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let detail = details.then(|| {
        truncated(
            ui,
            &format!("{} · run order {}", action.provider, action.run_order),
            egui::FontId::proportional(canvas_font_size(11.0, zoom)),
            visuals.weak_text_color(),
            text_width,
        )
    });
    let height = name.size().y + detail.as_ref().map_or(0.0, |d| d.size().y + 2.0);
    let top = node.center().y - height / 2.0;
    ui.painter()
        .galley(pos2(text_left, top), name.clone(), visuals.strong_text_color());
    if let Some(detail) = detail {
        ui.painter().galley(
            pos2(text_left, top + name.size().y + 2.0),
            detail,
            visuals.weak_text_color(),
        );
    }
}

/// Select on click, start, follow and finish a move on drag.
fn node_pointer(
    ui: &egui::Ui,
    view: &mut EditorView,
    frame: &CanvasFrame<'_>,
    id: ActionId,
    selected: bool,
    response: &egui::Response,
    actions: &mut Requests,
) {
    view.item_hit |= response.clicked() || response.drag_started();
    if response.clicked() {
        if ui.input(|i| i.modifiers.shift) {
            if !view.selection.remove(&id) {
                view.selection.insert(id);
            }
        } else {
            view.selection = BTreeSet::from([id]);
        }
        view.selected_stage = None;
    }
    if response.drag_started() {
        if !selected {
            view.selection = BTreeSet::from([id]);
        }
        view.drag = Drag::Nodes {
            ids: view.selection.iter().copied().collect(),
            delta: [0.0, 0.0],
        };
    }
    if response.dragged()
        && let Drag::Nodes { delta, .. } = &mut view.drag
    {
        let d = response.drag_delta();
        delta[0] += d.x;
        delta[1] += d.y;
    }
    if response.drag_stopped() {
        finish_node_drag(view, frame, actions);
    }
}

/// Whether an action has an input port and an output port: only the sides its provider takes
/// (a source has no input, an approval neither), or that it already uses.
fn port_sides(action: &Action) -> (bool, bool) {
    let spec = crate::pipeline::catalog::spec_for_action(action);
    (
        spec.is_none_or(ProviderSpec::takes_inputs) || !action.inputs.is_empty(),
        spec.is_none_or(ProviderSpec::gives_outputs) || !action.outputs.is_empty(),
    )
}

/// Ports: the output port starts a wire; hovering either port lights up its artifacts.
fn ports_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    frame: &CanvasFrame<'_>,
    action: &Action,
    node: Rect,
    actions: &mut Requests,
) {
    let direction = frame.geometry.placed.direction;
    let color = category_color(action.category);
    let visuals = ui.visuals().clone();
    let (has_input, has_output) = port_sides(action);
    if has_input {
        let input = input_port(direction, node);
        let input_response = ui.interact(
            Rect::from_center_size(input, vec2(2.0, 2.0) * PORT_RADIUS),
            Id::unique(("pipeline_input_port", action.id.0)),
            Sense::hover(),
        );
        input_response
            .widget_info(|| WidgetInfo::labeled(Role::Button, true, format!("Input of {}", action.name)));
        let input_hot = input_response.hovered();
        ui.painter().circle(
            input,
            if input_hot { PORT_RADIUS } else { PORT_RADIUS - 2.0 },
            visuals.extreme_bg_color,
            Stroke::new(1.5, color),
        );
        port_hover_text(view, frame, &input_response);
    }
    if !has_output {
        return;
    }
    let out = output_port(direction, node);
    let port = ui.interact(
        Rect::from_center_size(out, vec2(2.0, 2.0) * PORT_RADIUS),
        Id::unique(("pipeline_port", action.id.0)),
        Sense::drag(),
    );
    port.widget_info(|| WidgetInfo::labeled(Role::Button, true, format!("Output of {}", action.name)));
    let hot = port.hovered() || port.dragged();
    port_hover_text(view, frame, &port);
    view.item_hit |= port.drag_started();
    ui.painter().circle(
        out,
        if hot { PORT_RADIUS + 1.0 } else { PORT_RADIUS - 1.0 },
        color,
        Stroke::new(1.5, visuals.strong_text_color()),
    );
    if port.drag_started() {
        view.drag = Drag::Wire {
            from: action.id,
            to: [out.x, out.y],
        };
    }
    if port.dragged()
        && let (Drag::Wire { to, .. }, Some(p)) = (&mut view.drag, frame.pointer)
    {
        *to = [p.x, p.y];
    }
    if port.drag_stopped() {
        if let (Drag::Wire { from, .. }, Some(p)) = (&view.drag, frame.pointer)
            && let Some(target) = action_at(frame, p)
            && frame.diagram.action(target).is_some_and(|t| port_sides(t).0)
        {
            let ops = commands::connect(frame.diagram, *from, target);
            if !ops.is_empty() {
                actions.push(PipelineRequest::Edit {
                    label: "Connect".to_owned(),
                    ops,
                });
            }
        }
        view.drag = Drag::None;
    }
}

/// The tooltip of a hovered port: who makes and who reads its artifacts.
fn port_hover_text(view: &EditorView, frame: &CanvasFrame<'_>, response: &egui::Response) {
    if response.hovered() && view.hover.is_active() {
        response
            .clone()
            .on_hover_text(crate::ui::pipeline::wires::hover_text(frame, &view.hover));
    }
}

/// The action whose node contains `p` (ports included).
pub(crate) fn action_at(frame: &CanvasFrame<'_>, p: Pos2) -> Option<ActionId> {
    let probe = [
        p.x - PORT_RADIUS,
        p.y - PORT_RADIUS,
        2.0 * PORT_RADIUS,
        2.0 * PORT_RADIUS,
    ];
    frame
        .geometry
        .visible(probe)
        .find(|placed| rect(placed.rect).expand(PORT_RADIUS).contains(p))
        .map(|placed| placed.id)
}

/// Where each moved action lands, as one undoable move.
fn finish_node_drag(view: &mut EditorView, frame: &CanvasFrame<'_>, actions: &mut Requests) {
    let Drag::Nodes { ids, delta } = std::mem::take(&mut view.drag) else {
        return;
    };
    if delta[0].abs() < 2.0 && delta[1].abs() < 2.0 {
        return;
    }
    let moving: BTreeSet<ActionId> = ids.iter().copied().collect();
    let moves: Vec<(ActionId, Option<usize>, u32, f32)> = ids
        .iter()
        .filter_map(|id| {
            let center = rect(*frame.geometry.placed.nodes.get(id)?).center() + vec2(delta[0], delta[1]);
            let target = drop_target(
                &frame.geometry.placed,
                frame.diagram,
                [center.x, center.y],
                &moving,
            )?;
            Some((*id, Some(target.stage), target.run_order, target.x))
        })
        .collect();
    let ops = commands::move_actions(frame.diagram, &moves);
    if !ops.is_empty() {
        let label = if ids.len() == 1 {
            "Move action"
        } else {
            "Move actions"
        };
        actions.push(PipelineRequest::Edit {
            label: label.to_owned(),
            ops,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_never_drops_below_the_floor_on_screen() {
        for zoom in [0.3, 0.45, 0.6, 0.75, 1.0, 1.25, 2.0] {
            for ideal in [11.0, 14.0] {
                let on_screen = canvas_font_size(ideal, zoom) * zoom;
                assert!(
                    on_screen >= TEXT_FLOOR_PX - 1e-4,
                    "{ideal} at {zoom}: {on_screen}"
                );
            }
        }
        assert_eq!(
            canvas_font_size(14.0, 1.0),
            14.0,
            "at 100% the text keeps its size"
        );
    }

    #[test]
    fn names_show_from_a_zoom_where_they_reach_the_floor_in_a_node() {
        // At the zoom names appear, the floor's font still fits the node's height.
        let font = canvas_font_size(14.0, NAMES_FROM_ZOOM);
        assert!(font < crate::pipeline::layout::NODE_H, "{font}");
        let zooms = [INTERACTIVE_FROM_ZOOM, NAMES_FROM_ZOOM, DETAILS_FROM_ZOOM];
        assert!(zooms.is_sorted(), "{zooms:?}");
    }
}
