//! Artifact wires and stage transitions on the canvas, and what the pointer lights up.
//!
//! Wires follow the routes of [`crate::pipeline::routing`] (the SVG export draws the same),
//! except those of actions being dragged, which follow them as simple elbows until the drop.
//! Hovering a wire, or an action's input or output port, lights up the artifacts it stands
//! for: the actions that produce them and every action that reads them, and their wires; the
//! rest dims. A transition into a stage is an arrow across the gap before it; one the template
//! disables is red, dashed and crossed, with its reason in the tooltip.

use std::collections::BTreeSet;

use egui::{Color32, Id, Pos2, Rect, Role, Sense, Shape, Stroke, WidgetInfo, pos2, vec2};

use crate::pipeline::routing::{self, Point, distance_to_path, longest_horizontal};
use crate::pipeline::transitions;

use crate::ui::pipeline::canvas::{CanvasFrame, rect};
use crate::ui::pipeline::geometry::{Hover, PlacedAction};
use crate::ui::pipeline::nodes::{NAMES_FROM_ZOOM, PORT_RADIUS, canvas_font_size, input_port, output_port};
use crate::ui::pipeline::state::{Drag, EditorView};

/// How near (screen points) the pointer must be to a wire to hover it.
const HOVER_PX: f32 = 5.0;

/// What the pointer is over: a port (its action's outputs or inputs), else a wire.
pub(crate) fn hover_of(frame: &CanvasFrame<'_>) -> Hover {
    let Some(p) = frame.pointer else {
        return Hover::default();
    };
    let mut artifacts: BTreeSet<String> = BTreeSet::new();
    if frame.zoom >= NAMES_FROM_ZOOM {
        let direction = frame.geometry.placed.direction;
        let reach = PORT_RADIUS + 1.0;
        let probe = [p.x - reach, p.y - reach, 2.0 * reach, 2.0 * reach];
        for placed in frame.geometry.visible(probe) {
            let node = rect(placed.rect);
            let Some(action) = action_of(frame, placed) else {
                continue;
            };
            if output_port(direction, node).distance(p) <= reach {
                artifacts.extend(action.outputs.iter().map(ToString::to_string));
            } else if input_port(direction, node).distance(p) <= reach {
                artifacts.extend(action.inputs.iter().map(ToString::to_string));
            }
        }
    }
    if artifacts.is_empty() {
        let reach = HOVER_PX / frame.zoom;
        let near = frame
            .geometry
            .wires
            .iter()
            .filter(|w| rect(w.bounds).expand(reach).contains(p))
            .map(|w| (w, distance_to_path(&w.points, [p.x, p.y])))
            .filter(|(_, d)| *d <= reach)
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((wire, _)) = near {
            artifacts.insert(wire.artifact.clone());
        }
    }
    let actions = frame.geometry.ends_of(artifacts.iter().map(String::as_str));
    Hover { artifacts, actions }
}

fn action_of<'a>(frame: &CanvasFrame<'a>, placed: &PlacedAction) -> Option<&'a crate::pipeline::Action> {
    frame.diagram.stages.get(placed.stage)?.actions.get(placed.index)
}

/// The tooltip of what is lit: each artifact, who makes it and who reads it (with their stages,
/// since action names are unique only within a stage).
pub(crate) fn hover_text(frame: &CanvasFrame<'_>, hover: &Hover) -> String {
    let name = |id: &crate::pipeline::ActionId| {
        frame
            .geometry
            .columns
            .iter()
            .flatten()
            .flatten()
            .find(|p| p.id == *id)
            .and_then(|p| {
                let stage = frame.diagram.stages.get(p.stage)?;
                Some(format!("{} in {}", action_of(frame, p)?.name, stage.name))
            })
            .unwrap_or_default()
    };
    let list = |ids: Option<&BTreeSet<crate::pipeline::ActionId>>| {
        let names: Vec<String> = ids.into_iter().flatten().map(name).collect();
        if names.is_empty() {
            "nothing".to_owned()
        } else {
            names.join(", ")
        }
    };
    hover
        .artifacts
        .iter()
        .map(|artifact| {
            format!(
                "{artifact}: made by {}, read by {}",
                list(frame.geometry.producers.get(artifact)),
                list(frame.geometry.consumers.get(artifact))
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn to_pos(p: Point) -> Pos2 {
    pos2(p[0], p[1])
}

/// An arrowhead at `tip` pointing the way the segment from `from` runs.
fn arrowhead(from: Pos2, tip: Pos2, size: f32, color: Color32) -> Shape {
    let along = (tip - from).normalized();
    let across = along.rot90();
    let back = tip - along * size;
    Shape::convex_polygon(
        vec![tip, back + across * (size * 0.55), back - across * (size * 0.55)],
        color,
        Stroke::NONE,
    )
}

/// Draws every wire in view.
pub(crate) fn paint_wires(ui: &egui::Ui, view: &EditorView, frame: &CanvasFrame<'_>) {
    let zoom = frame.zoom;
    let base = ui.visuals().widgets.active.fg_stroke.color.gamma_multiply(0.8);
    let lit_color = ui.visuals().selection.stroke.color;
    let dim = view.hover.is_active();
    let width = 2.0_f32.max(1.0 / zoom);
    let dragged: &[crate::pipeline::ActionId] = match &view.drag {
        Drag::Nodes { ids, .. } => ids,
        _ => &[],
    };
    let visible = frame.visible;
    let mut shapes = Vec::new();
    let mut labels = Vec::new();
    for wire in &frame.geometry.wires {
        let moved = dragged.contains(&wire.producer) || dragged.contains(&wire.consumer);
        let points: Vec<Pos2> = if moved {
            match (
                moved_rect(view, frame, wire.producer),
                moved_rect(view, frame, wire.consumer),
            ) {
                (Some(from), Some(to)) => routing::elbow(frame.geometry.placed.direction, from, to)
                    .into_iter()
                    .map(to_pos)
                    .collect(),
                _ => continue,
            }
        } else {
            if !visible.intersects(rect(wire.bounds)) {
                continue;
            }
            wire.points.iter().copied().map(to_pos).collect()
        };
        let lit = view.hover.artifacts.contains(&wire.artifact);
        let (color, stroke_width) = match (lit, dim) {
            (true, _) => (lit_color, width * 1.6),
            (false, true) => (base.gamma_multiply(0.3), width),
            (false, false) => (base, width),
        };
        let [.., before, tip] = points.as_slice() else {
            continue;
        };
        let head = (zoom >= NAMES_FROM_ZOOM).then(|| arrowhead(*before, *tip, 9.0, color));
        if !moved {
            labels.push((&wire.points, wire.artifact.as_str(), color));
        }
        shapes.push(Shape::line(points, Stroke::new(stroke_width, color)));
        shapes.extend(head);
    }
    ui.painter().extend(shapes);
    for (points, text, color) in labels {
        label(ui, points, text, color, zoom);
    }
}

/// Where an action is drawn now (moved along while dragged), as a rectangle.
fn moved_rect(view: &EditorView, frame: &CanvasFrame<'_>, id: crate::pipeline::ActionId) -> Option<[f32; 4]> {
    let base = *frame.geometry.placed.nodes.get(&id)?;
    Some(match &view.drag {
        Drag::Nodes { ids, delta } if ids.contains(&id) => {
            [base[0] + delta[0], base[1] + delta[1], base[2], base[3]]
        }
        _ => base,
    })
}

/// The tallest label (canvas units) that fits in the narrowest free band a wire runs along.
const LABEL_MAX_H: f32 = 15.0;

/// The artifact's name on the longest horizontal stretch of its wire, on a patch of the
/// canvas's colour so the line seems to pass behind it; only when it fits there, and only when
/// the text is small enough in canvas units to stay inside the free band the stretch runs along.
fn label(ui: &egui::Ui, points: &[Point], text: &str, color: Color32, zoom: f32) {
    let size = canvas_font_size(11.0, zoom);
    let Some((left, right)) = longest_horizontal(points) else {
        return;
    };
    if size + 2.0 > LABEL_MAX_H {
        return;
    }
    let galley = ui
        .painter()
        .layout_no_wrap(text.to_owned(), egui::FontId::proportional(size), color);
    if galley.size().x + 10.0 > right[0] - left[0] {
        return;
    }
    let center = pos2(f32::midpoint(left[0], right[0]), left[1]);
    let patch = Rect::from_center_size(center, galley.size() + vec2(6.0, 0.0));
    ui.painter()
        .rect_filled(patch, 3.0, ui.visuals().extreme_bg_color);
    ui.painter().galley(patch.min + vec2(3.0, 0.0), galley, color);
}

/// Draws the transitions between stages and gives each a label and a tooltip.
pub(crate) fn paint_transitions(ui: &mut egui::Ui, frame: &CanvasFrame<'_>) {
    let zoom = frame.zoom;
    for transition in &frame.geometry.transitions {
        let Some((from, to)) = transitions::arrow(&frame.geometry.placed, transition.into) else {
            continue;
        };
        let (from, to) = (to_pos(from), to_pos(to));
        if !frame.visible.intersects(Rect::from_two_pos(from, to)) {
            continue;
        }
        let into = frame
            .diagram
            .stages
            .get(transition.into)
            .map_or("", |s| s.name.as_str());
        let middle = from.lerp(to, 0.5);
        let painter = ui.painter();
        let width = 2.0_f32.max(1.0 / zoom);
        let (color, label) = match &transition.disabled {
            Some(reason) => {
                let color = ui.visuals().error_fg_color;
                painter.extend(Shape::dashed_line(
                    &[from, to],
                    Stroke::new(width, color),
                    4.0,
                    3.0,
                ));
                let radius = 8.0;
                painter.circle(
                    middle,
                    radius,
                    ui.visuals().extreme_bg_color,
                    Stroke::new(width, color),
                );
                let slash = vec2(radius, -radius) * 0.6;
                painter.line_segment([middle - slash, middle + slash], Stroke::new(width, color));
                let reason = if reason.is_empty() {
                    String::new()
                } else {
                    format!(" ({reason})")
                };
                (color, format!("Transition into {into}: disabled{reason}"))
            }
            None => {
                let color = ui.visuals().weak_text_color();
                painter.line_segment([from, to], Stroke::new(width, color));
                (color, format!("Transition into {into}: enabled"))
            }
        };
        ui.painter().add(arrowhead(from, to, 8.0, color));
        let response = ui.interact(
            Rect::from_center_size(middle, vec2(18.0, 18.0)),
            Id::unique(("pipeline_transition", transition.into)),
            Sense::hover(),
        );
        response.widget_info(|| WidgetInfo::labeled(Role::Image, true, &label));
        response.on_hover_text(label);
    }
}
