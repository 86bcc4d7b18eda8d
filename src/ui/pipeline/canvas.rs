//! The pipeline canvas: lanes, action nodes with their glyphs and findings, artifact arrows,
//! and the pointer work — select, box select, drag to move (one undo step per drag), drag from
//! an output port to another action to pass an artifact, and drops from the palette.

use std::collections::{BTreeMap, BTreeSet};

use egui::containers::DragPanButtons;
use egui::{Color32, Id, Pos2, Rect, Role, Sense, Stroke, StrokeKind, WidgetInfo, pos2, vec2};

use crate::pipeline::commands::{self, NewAction};
use crate::pipeline::layout::{self, LANE_PAD, Layout, NODE_H, NODE_W, Rect4};
use crate::pipeline::rules::Severity;
use crate::pipeline::{ActionId, Diagram, catalog};

use crate::ui::pipeline::paint::{paint_arrows, paint_grid, paint_lanes, paint_overlays, truncated};
use crate::ui::pipeline::state::{Drag, EditorView, OpenDiagram};
use crate::ui::shell::action::{PipelineRequest, Requests};
use crate::ui::shell::glyphs::{category_color, glyph_rect, paint_glyph};

/// What the palette hands to the canvas while dragged: a provider key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaletteDrag(pub &'static str);

const PORT_RADIUS: f32 = 7.0;

pub(crate) fn rect(r: Rect4) -> Rect {
    Rect::from_min_size(pos2(r[0], r[1]), vec2(r[2], r[3]))
}

fn node_id(id: ActionId) -> Id {
    Id::unique(("pipeline_node", id.0))
}

pub(crate) fn output_port(node: Rect) -> Pos2 {
    pos2(node.right(), node.center().y)
}

pub(crate) fn input_port(node: Rect) -> Pos2 {
    pos2(node.left(), node.center().y)
}

/// The worst finding on each action, and the stages with a finding of their own.
pub(crate) struct Marks {
    pub(crate) actions: BTreeMap<ActionId, Severity>,
    pub(crate) stages: BTreeMap<usize, Severity>,
}

fn marks(open: &OpenDiagram) -> Marks {
    let mut marks = Marks {
        actions: BTreeMap::new(),
        stages: BTreeMap::new(),
    };
    for finding in open.findings.iter().filter(|f| f.severity != Severity::Info) {
        let slot = match (finding.action, finding.stage) {
            (Some(action), _) => marks.actions.entry(action),
            (None, Some(stage)) => {
                let entry = marks.stages.entry(stage).or_insert(finding.severity);
                if finding.severity == Severity::Error {
                    *entry = Severity::Error;
                }
                continue;
            }
            (None, None) => continue,
        };
        let entry = slot.or_insert(finding.severity);
        if finding.severity == Severity::Error {
            *entry = Severity::Error;
        }
    }
    marks
}

pub(crate) fn severity_color(ui: &egui::Ui, severity: Severity) -> Color32 {
    match severity {
        Severity::Error => ui.visuals().error_fg_color,
        Severity::Warning => ui.visuals().warn_fg_color,
        Severity::Info => ui.visuals().weak_text_color(),
    }
}

/// Draws the canvas and turns pointer work into actions.
pub fn canvas_ui(ui: &mut egui::Ui, view: &mut EditorView, open: &OpenDiagram, actions: &mut Requests) {
    let diagram = &open.diagram;
    let placed = layout::layout(diagram);
    let available = ui.available_size();
    // A new lane should be in view: fit again when the stage count grows.
    if diagram.stages.len() > view.last_stage_count && view.last_stage_count > 0 {
        view.fit_next = true;
    }
    view.last_stage_count = diagram.stages.len();
    if view.fit_next || !view.scene_rect.is_positive() {
        view.scene_rect = fitted_view(&placed, available);
        view.fit_next = false;
    } else if (available - view.canvas_size).length() > 1.0 && view.canvas_size.x > 0.0 {
        // The canvas was resized (a panel opened or closed): keep the zoom and the top-left
        // corner instead of letterboxing the old view.
        let scale = view.canvas_size.x / view.scene_rect.width();
        view.scene_rect = Rect::from_min_size(view.scene_rect.min, available / scale);
    }
    view.canvas_size = available;
    let marks = marks(open);
    view.item_hit = false;
    let scene = egui::Scene::new()
        .zoom_range(0.1..=4.0)
        .drag_pan_buttons(DragPanButtons::SECONDARY | DragPanButtons::MIDDLE);
    let mut scene_rect = view.scene_rect;
    let response = scene.show(ui, &mut scene_rect, |ui| {
        let to_scene = ui
            .ctx()
            .layer_transform_from_global(ui.layer_id())
            .unwrap_or_default();
        view.to_screen = to_scene.inverse();
        let pointer = ui.input(|i| i.pointer.latest_pos()).map(|p| to_scene * p);
        let visible = ui.clip_rect().expand(NODE_W);
        if view.snap {
            paint_grid(ui, ui.clip_rect(), view.to_screen.scaling);
        }
        paint_lanes(ui, view, diagram, &placed, &marks);
        paint_arrows(ui, diagram, &placed, view, visible);
        nodes_ui(ui, view, diagram, &placed, &marks, visible, pointer, actions);
        paint_overlays(ui, view, &placed);
        pointer
    });
    view.scene_rect = scene_rect;
    let pointer = response.inner;
    background_ui(ui, view, diagram, &placed, &response.response, pointer, actions);
}

/// The part of the canvas to show first: the whole diagram when that keeps text readable,
/// else its top-left corner at a readable zoom.
fn fitted_view(placed: &Layout, available: egui::Vec2) -> Rect {
    const MARGIN: f32 = 30.0;
    const MIN_SCALE: f32 = 0.75;
    const MAX_SCALE: f32 = 1.25;
    let content =
        vec2(placed.size[0].max(200.0), placed.size[1].max(200.0)) + vec2(2.0 * MARGIN, 2.0 * MARGIN);
    let available = vec2(available.x.max(100.0), available.y.max(100.0));
    let fit = (available.x / content.x).min(available.y / content.y);
    let scale = fit.clamp(MIN_SCALE, MAX_SCALE);
    Rect::from_min_size(pos2(-MARGIN, -MARGIN), available / scale)
}

pub(crate) fn node_rect_now(placed: &Layout, view: &EditorView, id: ActionId) -> Option<Rect> {
    let base = rect(*placed.nodes.get(&id)?);
    if let Drag::Nodes { ids, delta } = &view.drag
        && ids.contains(&id)
    {
        return Some(base.translate(vec2(delta[0], delta[1])));
    }
    Some(base)
}

#[expect(
    clippy::too_many_arguments,
    reason = "one place that reads every part of the frame"
)]
fn nodes_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    diagram: &Diagram,
    placed: &Layout,
    marks: &Marks,
    visible: Rect,
    pointer: Option<Pos2>,
    actions: &mut Requests,
) {
    let visuals = ui.visuals().clone();
    for (stage_index, action) in diagram.actions() {
        let Some(node) = node_rect_now(placed, view, action.id) else {
            continue;
        };
        if !visible.intersects(node) {
            continue;
        }
        let selected = view.selection.contains(&action.id);
        let response = ui.interact(node, node_id(action.id), Sense::click_and_drag());
        let stage_name = diagram.stages.get(stage_index).map_or("", |s| s.name.as_str());
        let label = format!("{} ({}) in {stage_name}", action.name, action.provider);
        response.widget_info(|| WidgetInfo::selected(Role::Button, true, selected, &label));

        view.item_hit |= response.clicked() || response.drag_started();
        if response.clicked() {
            let shift = ui.input(|i| i.modifiers.shift);
            if shift {
                if !view.selection.remove(&action.id) {
                    view.selection.insert(action.id);
                }
            } else {
                view.selection = BTreeSet::from([action.id]);
            }
            view.selected_stage = None;
        }
        if response.drag_started() {
            if !selected {
                view.selection = BTreeSet::from([action.id]);
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
            finish_node_drag(view, diagram, placed, actions);
        }

        let color = category_color(action.category);
        let fill = if selected {
            visuals.selection.bg_fill.gamma_multiply(0.6)
        } else {
            visuals.extreme_bg_color
        };
        ui.painter().rect_filled(node, 8.0, fill);
        let border = match marks.actions.get(&action.id) {
            Some(severity) => Stroke::new(2.5, severity_color(ui, *severity)),
            None if selected => Stroke::new(2.5, visuals.selection.stroke.color),
            None => Stroke::new(1.5, color),
        };
        ui.painter().rect_stroke(node, 8.0, border, StrokeKind::Inside);
        let glyph = glyph_rect(node, 28.0);
        paint_glyph(ui.painter(), glyph, action.category, color);
        let text_left = glyph.right() + 10.0;
        let text_width = node.right() - text_left - 10.0;
        let name = truncated(
            ui,
            &action.name,
            egui::FontId::proportional(14.0),
            visuals.strong_text_color(),
            text_width,
        );
        ui.painter().galley(
            pos2(text_left, node.top() + 10.0),
            name,
            visuals.strong_text_color(),
        );
        let detail = format!("{} · run order {}", action.provider, action.run_order);
        let detail = truncated(
            ui,
            &detail,
            egui::FontId::proportional(11.0),
            visuals.weak_text_color(),
            text_width,
        );
        ui.painter().galley(
            pos2(text_left, node.top() + 32.0),
            detail,
            visuals.weak_text_color(),
        );
        if let Some(severity) = marks.actions.get(&action.id) {
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

        // Ports: drag from the output port to another action to pass it an artifact.
        let input = input_port(node);
        ui.painter().circle(
            input,
            PORT_RADIUS - 2.0,
            visuals.extreme_bg_color,
            Stroke::new(1.5, color),
        );
        let out = output_port(node);
        let port = ui.interact(
            Rect::from_center_size(out, vec2(2.0, 2.0) * PORT_RADIUS),
            Id::unique(("pipeline_port", action.id.0)),
            Sense::drag(),
        );
        let port_label = format!("Output of {}", action.name);
        port.widget_info(|| WidgetInfo::labeled(Role::Button, true, &port_label));
        let hot = port.hovered() || port.dragged();
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
            && let (Drag::Wire { to, .. }, Some(p)) = (&mut view.drag, pointer)
        {
            *to = [p.x, p.y];
        }
        if port.drag_stopped() {
            if let (Drag::Wire { from, .. }, Some(p)) = (&view.drag, pointer)
                && let Some(target) = action_at(placed, p)
            {
                let ops = commands::connect(diagram, *from, target);
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
}

/// The action whose node contains `p`.
fn action_at(placed: &Layout, p: Pos2) -> Option<ActionId> {
    placed
        .nodes
        .iter()
        .find(|(_, r)| rect(**r).expand(PORT_RADIUS).contains(p))
        .map(|(id, _)| *id)
}

/// Where a node whose top-left corner is at `corner` lands: (stage, run order, x in lane).
fn drop_target(placed: &Layout, corner: Pos2, snap: bool) -> Option<(usize, u32, f32)> {
    let stage = layout::lane_at(placed, corner.x + NODE_W / 2.0)?;
    let lane = placed.lanes[stage];
    let mut x = corner.x - lane[0] - LANE_PAD;
    if snap {
        x = layout::snap(x);
    }
    let run_order = layout::run_order_at(corner.y);
    Some((stage, run_order, x.max(0.0)))
}

fn finish_node_drag(view: &mut EditorView, diagram: &Diagram, placed: &Layout, actions: &mut Requests) {
    let Drag::Nodes { ids, delta } = std::mem::take(&mut view.drag) else {
        return;
    };
    if delta[0].abs() < 2.0 && delta[1].abs() < 2.0 {
        return;
    }
    let moves: Vec<(ActionId, Option<usize>, u32, f32)> = ids
        .iter()
        .filter_map(|id| {
            let base = rect(*placed.nodes.get(id)?);
            let corner = base.min + vec2(delta[0], delta[1]);
            let (stage, run_order, x) = drop_target(placed, corner, view.snap)?;
            Some((*id, Some(stage), run_order, x))
        })
        .collect();
    let ops = commands::move_actions(diagram, &moves);
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

/// Clicks and drags on empty canvas, and drops from the palette.
fn background_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    diagram: &Diagram,
    placed: &Layout,
    background: &egui::Response,
    pointer: Option<Pos2>,
    actions: &mut Requests,
) {
    if let Some(payload) = background.dnd_release_payload::<PaletteDrag>()
        && let Some(p) = pointer
        && let Some(spec) = catalog::by_key(payload.0)
        && let Some((stage, run_order, x)) = drop_target(placed, p - vec2(NODE_W, NODE_H) / 2.0, view.snap)
    {
        let new = new_action_from(spec);
        let ops = commands::add_action(diagram, stage, run_order, x, &new);
        actions.push(PipelineRequest::Edit {
            label: format!("Add {}", spec.label),
            ops,
        });
        view.selection.clear();
    }
    // A click or drag that a lane, node or port took is not the background's.
    if background.clicked_by(egui::PointerButton::Primary) && !view.item_hit {
        view.selection.clear();
        view.selected_stage = None;
    }
    if background.drag_started_by(egui::PointerButton::Primary)
        && !view.item_hit
        && let Some(p) = pointer
    {
        view.drag = Drag::Box {
            start: [p.x, p.y],
            end: [p.x, p.y],
            additive: ui.input(|i| i.modifiers.shift),
        };
    }
    if background.dragged_by(egui::PointerButton::Primary)
        && let (Drag::Box { end, .. }, Some(p)) = (&mut view.drag, pointer)
    {
        *end = [p.x, p.y];
    }
    if background.drag_stopped()
        && let Drag::Box { start, end, additive } = std::mem::take(&mut view.drag)
    {
        let area = Rect::from_two_pos(pos2(start[0], start[1]), pos2(end[0], end[1]));
        if !additive {
            view.selection.clear();
        }
        for (id, node) in &placed.nodes {
            if area.intersects(rect(*node)) {
                view.selection.insert(*id);
            }
        }
    }
}

/// A new action from a palette entry: its preset configuration and as many outputs as the
/// provider must produce.
#[must_use]
pub fn new_action_from(spec: &catalog::ProviderSpec) -> NewAction {
    let template = spec.new_action(&default_action_name(spec));
    NewAction {
        name: template.name.to_string(),
        category: template.category,
        owner: template.owner,
        provider: template.provider,
        version: template.version,
        configuration: template.configuration,
        outputs: spec.outputs.min,
    }
}

/// A short default name for a new action of this provider.
fn default_action_name(spec: &catalog::ProviderSpec) -> String {
    let base = match spec.key {
        "github" => "GitHub",
        "bitbucket" => "Bitbucket",
        "gitlab" => "GitLab",
        "manual-approval" => "Approval",
        "codebuild-test" => "Test",
        "s3-source" | "s3-deploy" => "S3",
        _ => spec.provider,
    };
    base.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '@' | '-' | '_'))
        .collect()
}
