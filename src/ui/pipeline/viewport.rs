//! Which part of the canvas is in view: fitting the whole diagram (on opening, on "Fit view",
//! after the direction changes, and again when the canvas is resized while the fit stands),
//! keeping the zoom and the corner when it is resized after the learner panned or zoomed, and
//! bringing a new stage into view by panning no more than needed, never resetting the pan or
//! the zoom.

use egui::{Rect, Vec2, vec2};

use crate::pipeline::Diagram;
use crate::pipeline::layout::Layout;

use crate::ui::pipeline::canvas::rect;
use crate::ui::pipeline::state::EditorView;

/// How far the canvas zooms: out far enough to fit thousands of actions, in to 400%.
pub const ZOOM_RANGE: std::ops::RangeInclusive<f32> = 0.001..=4.0;
/// Fitting never zooms in beyond this (a small diagram is not blown up).
pub const FIT_MAX_ZOOM: f32 = 1.25;
/// Screen points kept free around a fitted diagram.
const FIT_MARGIN: f32 = 24.0;

/// The drawing's extent, with room for wires that run just outside the lanes.
fn content(placed: &Layout) -> Rect {
    let m = placed.metrics();
    let outside = m.lane_gap / 2.0 + 4.0;
    Rect::from_min_size(
        egui::Pos2::ZERO,
        vec2(placed.size[0].max(100.0), placed.size[1].max(100.0)),
    )
    .expand(outside)
}

/// The part of the canvas that shows the whole diagram in a canvas of `available` points.
#[must_use]
pub fn fitted_view(placed: &Layout, available: Vec2) -> Rect {
    let content = content(placed);
    let room = vec2(
        (available.x - 2.0 * FIT_MARGIN).max(50.0),
        (available.y - 2.0 * FIT_MARGIN).max(50.0),
    );
    let zoom = (room.x / content.width())
        .min(room.y / content.height())
        .clamp(*ZOOM_RANGE.start(), FIT_MAX_ZOOM);
    let size = vec2(available.x.max(1.0), available.y.max(1.0)) / zoom;
    // Small diagrams sit at the top left rather than in the middle of an empty canvas.
    let centered_x = content.width() * zoom > room.x * 0.98;
    let centered_y = content.height() * zoom > room.y * 0.98;
    let min = egui::pos2(
        if centered_x {
            content.center().x - size.x / 2.0
        } else {
            content.min.x - FIT_MARGIN / zoom
        },
        if centered_y {
            content.center().y - size.y / 2.0
        } else {
            content.min.y - FIT_MARGIN / zoom
        },
    );
    Rect::from_min_size(min, size)
}

/// `view` moved by as little as possible so that `target` is inside it (its start first when
/// it cannot all fit).
#[must_use]
pub fn revealed(view: Rect, target: Rect) -> Rect {
    let shift = |view_min: f32, view_max: f32, min: f32, max: f32| {
        if max - min > view_max - view_min || min < view_min {
            min - view_min
        } else if max > view_max {
            max - view_max
        } else {
            0.0
        }
    };
    view.translate(vec2(
        shift(view.min.x, view.max.x, target.min.x, target.max.x),
        shift(view.min.y, view.max.y, target.min.y, target.max.y),
    ))
}

/// Sets the view for this frame: a fit when asked for (or when the direction changed), the
/// same zoom and corner after a resize, and a new stage brought into view.
pub(crate) fn prepare_view(view: &mut EditorView, diagram: &Diagram, placed: &Layout, canvas: Rect) {
    let available = canvas.size();
    if view.last_direction.is_some_and(|d| d != placed.direction) {
        view.fit_next = true;
    }
    view.last_direction = Some(placed.direction);
    let resized = (available - view.canvas_size).length() > 1.0 && view.canvas_size.x > 0.0;
    if view.fit_next || !view.scene_rect.is_positive() || (resized && view.fitted) {
        view.scene_rect = fitted_view(placed, available);
        view.fit_next = false;
        view.fitted = true;
    } else if resized {
        // The canvas was resized (a panel opened or closed) after the learner moved the view:
        // keep the zoom and the top-left corner instead of letterboxing the old view.
        let zoom = view.canvas_size.x / view.scene_rect.width();
        view.scene_rect = Rect::from_min_size(view.scene_rect.min, available / zoom);
    }
    view.canvas_size = available;
    view.canvas_rect = canvas;
    let names: Vec<String> = diagram.stages.iter().map(|s| s.name.to_string()).collect();
    if names.len() > view.last_stages.len() && !view.last_stages.is_empty() {
        // The first stage that is not where it was is the new one.
        let new = (0..names.len())
            .find(|&i| view.last_stages.get(i) != names.get(i))
            .unwrap_or(names.len() - 1);
        if let Some(lane) = placed.lanes.get(new) {
            let margin = 12.0 / (view.canvas_size.x / view.scene_rect.width()).max(1e-3);
            let moved = revealed(view.scene_rect, rect(*lane).expand(margin));
            view.fitted &= moved == view.scene_rect;
            view.scene_rect = moved;
        }
    }
    view.last_stages = names;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::LayoutDirection;
    use crate::pipeline::layout::layout;

    #[test]
    fn a_fitted_view_holds_the_whole_diagram_at_any_size() {
        for direction in LayoutDirection::ALL {
            let mut diagram = Diagram::new("t");
            diagram.layout = direction;
            for i in 0..10 {
                diagram.stages.push(crate::pipeline::Stage {
                    name: format!("S{i}").into(),
                    ..Default::default()
                });
            }
            let placed = layout(&diagram);
            for size in [vec2(300.0, 200.0), vec2(760.0, 620.0), vec2(1900.0, 1000.0)] {
                let view = fitted_view(&placed, size);
                assert!(view.contains_rect(content(&placed)), "{direction:?} {size:?}");
                let zoom = size.x / view.width();
                assert!(
                    (size.y / view.height() - zoom).abs() < 1e-3,
                    "same zoom both ways"
                );
                assert!(zoom <= FIT_MAX_ZOOM);
            }
        }
    }

    #[test]
    fn revealing_pans_only_as_far_as_needed() {
        let view = Rect::from_min_size(egui::pos2(0.0, 0.0), vec2(100.0, 100.0));
        let inside = Rect::from_min_size(egui::pos2(10.0, 10.0), vec2(20.0, 20.0));
        assert_eq!(revealed(view, inside), view);
        let right = Rect::from_min_size(egui::pos2(150.0, 10.0), vec2(20.0, 20.0));
        assert_eq!(revealed(view, right).min, egui::pos2(70.0, 0.0));
        let wide = Rect::from_min_size(egui::pos2(150.0, 10.0), vec2(300.0, 20.0));
        assert_eq!(revealed(view, wide).min.x, 150.0, "too wide: its start");
    }
}
