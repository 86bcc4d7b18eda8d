//! The pipeline canvas: one frame of it, from the diagram's cached geometry — lanes, the
//! transitions between stages, artifact wires, action nodes — and the pointer work on empty
//! canvas: drops from the palette, box selection, a click that clears the selection.
//! Nodes live in `nodes`, wires and what the pointer lights up in `wires`, lanes and overlays in
//! `paint`, the visible part of the canvas in `viewport`.

use std::sync::Arc;

use egui::containers::DragPanButtons;
use egui::{Color32, Pos2, Rect, pos2, vec2};

use crate::pipeline::commands::{self, NewAction};
use crate::pipeline::drop_target::drop_target;
use crate::pipeline::layout::Rect4;
use crate::pipeline::rules::Severity;
use crate::pipeline::{Diagram, catalog};

use crate::ui::pipeline::geometry::CanvasGeometry;
use crate::ui::pipeline::nodes::nodes_ui;
use crate::ui::pipeline::paint::{paint_lane_titles, paint_lanes, paint_overlays};
use crate::ui::pipeline::state::{Drag, EditorView, OpenDiagram};
use crate::ui::pipeline::viewport::{ZOOM_RANGE, prepare_view};
use crate::ui::pipeline::wires::{hover_of, paint_transitions, paint_wires};
use crate::ui::shell::action::{PipelineRequest, Requests};

/// What the palette hands to the canvas while dragged: a provider key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PaletteDrag(pub &'static str);

/// What every part of one canvas frame reads.
pub(crate) struct CanvasFrame<'a> {
    pub(crate) diagram: &'a Diagram,
    pub(crate) geometry: &'a CanvasGeometry,
    /// Screen points per canvas unit.
    pub(crate) zoom: f32,
    /// The part of the canvas in view, in canvas units.
    pub(crate) visible: Rect,
    /// The pointer, in canvas units, when it is within the canvas.
    pub(crate) pointer: Option<Pos2>,
}

pub(crate) fn rect(r: Rect4) -> Rect {
    Rect::from_min_size(pos2(r[0], r[1]), vec2(r[2], r[3]))
}

pub(crate) fn severity_color(ui: &egui::Ui, severity: Severity) -> Color32 {
    match severity {
        Severity::Error => ui.visuals().error_fg_color,
        Severity::Warning => ui.visuals().warn_fg_color,
        Severity::Info => ui.visuals().weak_text_color(),
    }
}

/// The geometry of the open diagram's current revision, computed again only when it changed.
fn geometry(view: &mut EditorView, open: &OpenDiagram) -> Arc<CanvasGeometry> {
    match &view.geometry {
        Some(geometry) if geometry.revision == open.revision => Arc::clone(geometry),
        _ => {
            let fresh = Arc::new(CanvasGeometry::of(open));
            view.geometry = Some(Arc::clone(&fresh));
            fresh
        }
    }
}

/// Draws the canvas and turns pointer work into requests.
pub fn canvas_ui(ui: &mut egui::Ui, view: &mut EditorView, open: &OpenDiagram, actions: &mut Requests) {
    let diagram = &open.diagram;
    let geometry = geometry(view, open);
    prepare_view(view, diagram, &geometry.placed, ui.available_rect_before_wrap());
    view.item_hit = false;
    // Nothing else (a window, a menu, a dragged palette item) is over the canvas there.
    let canvas_on_top = ui.rect_contains_pointer(ui.available_rect_before_wrap());
    let scene = egui::Scene::new()
        .zoom_range(ZOOM_RANGE)
        .drag_pan_buttons(DragPanButtons::SECONDARY | DragPanButtons::MIDDLE);
    let mut scene_rect = view.scene_rect;
    let response = scene.show(ui, &mut scene_rect, |ui| {
        let to_scene = ui
            .ctx()
            .layer_transform_from_global(ui.layer_id())
            .unwrap_or_default();
        view.to_screen = to_scene.inverse();
        let pointer = ui
            .input(|i| i.pointer.latest_pos())
            .map(|p| to_scene * p)
            .filter(|p| ui.clip_rect().contains(*p));
        let zoom = view.to_screen.scaling;
        let frame = CanvasFrame {
            diagram,
            geometry: &geometry,
            zoom,
            visible: ui.clip_rect().expand(16.0 / zoom),
            pointer,
        };
        view.hover = if matches!(view.drag, Drag::None) && canvas_on_top {
            hover_of(&frame)
        } else {
            crate::ui::pipeline::geometry::Hover::default()
        };
        paint_lanes(ui, view, &frame, actions);
        paint_transitions(ui, &frame);
        paint_wires(ui, view, &frame);
        paint_lane_titles(ui, view, &frame);
        nodes_ui(ui, view, &frame, actions);
        paint_overlays(ui, view, &frame);
        pointer
    });
    if scene_rect != view.scene_rect {
        // The learner panned or zoomed.
        view.fitted = false;
    }
    view.scene_rect = scene_rect;
    let pointer = response.inner;
    let frame = CanvasFrame {
        diagram,
        geometry: &geometry,
        zoom: view.to_screen.scaling,
        visible: scene_rect,
        pointer,
    };
    background_ui(ui, view, &frame, &response.response, actions);
    // A drag whose widget left the view never hears of its release: end it here.
    if !ui.input(|i| i.pointer.any_down()) {
        view.drag = Drag::None;
    }
}

/// Clicks and drags on empty canvas, drops from the palette, and the hovered wire's tooltip.
fn background_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    frame: &CanvasFrame<'_>,
    background: &egui::Response,
    actions: &mut Requests,
) {
    if let Some(payload) = background.dnd_release_payload::<PaletteDrag>()
        && let Some(p) = frame.pointer
        && let Some(spec) = catalog::by_key(payload.0)
        && let Some(target) = drop_target(
            &frame.geometry.placed,
            frame.diagram,
            [p.x, p.y],
            &Default::default(),
        )
    {
        let new = new_action_from(spec);
        let ops = commands::add_action(frame.diagram, target.stage, target.run_order, target.x, &new);
        actions.push(PipelineRequest::Edit {
            label: format!("Add {}", spec.label),
            ops,
        });
        view.selection.clear();
    }
    if view.hover.is_active() && background.hovered() {
        let text = crate::ui::pipeline::wires::hover_text(frame, &view.hover);
        background.clone().on_hover_text_at_pointer(text);
    }
    // A click or drag that a lane, node or port took is not the background's.
    if background.clicked_by(egui::PointerButton::Primary) && !view.item_hit {
        view.selection.clear();
        view.selected_stage = None;
    }
    if background.drag_started_by(egui::PointerButton::Primary)
        && !view.item_hit
        && let Some(p) = frame.pointer
    {
        view.drag = Drag::Box {
            start: [p.x, p.y],
            end: [p.x, p.y],
            additive: ui.input(|i| i.modifiers.shift),
        };
    }
    if background.dragged_by(egui::PointerButton::Primary)
        && let (Drag::Box { end, .. }, Some(p)) = (&mut view.drag, frame.pointer)
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
        let area4 = [area.min.x, area.min.y, area.width(), area.height()];
        for placed in frame.geometry.visible(area4) {
            if area.intersects(rect(placed.rect)) {
                view.selection.insert(placed.id);
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
