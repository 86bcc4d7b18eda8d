//! Stagecraft's own glyphs for the six action categories, drawn with the painter (no icon set),
//! and the colour of each category.

use egui::{Color32, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

use crate::pipeline::Category;

/// The accent colour of a category.
#[must_use]
pub fn category_color(category: Category) -> Color32 {
    match category {
        Category::Source => Color32::from_rgb(38, 166, 154),
        Category::Build => Color32::from_rgb(239, 140, 56),
        Category::Test => Color32::from_rgb(156, 110, 220),
        Category::Deploy => Color32::from_rgb(66, 133, 244),
        Category::Approval => Color32::from_rgb(230, 190, 50),
        Category::Invoke => Color32::from_rgb(102, 187, 106),
        Category::Compute => Color32::from_rgb(120, 144, 156),
    }
}

/// Draws the category's glyph inside `rect` (best square).
pub fn paint_glyph(painter: &Painter, rect: Rect, category: Category, color: Color32) {
    let size = rect.width().min(rect.height());
    let c = rect.center();
    let s = size / 2.0;
    let stroke = Stroke::new((size / 10.0).max(1.2), color);
    let p = |x: f32, y: f32| pos2(c.x + x * s, c.y + y * s);
    match category {
        // A branch: two commits on a line with a fork.
        Category::Source => {
            painter.line_segment([p(-0.45, -0.75), p(-0.45, 0.75)], stroke);
            painter.circle_stroke(p(-0.45, -0.55), s * 0.22, stroke);
            painter.circle_stroke(p(-0.45, 0.55), s * 0.22, stroke);
            painter.circle_stroke(p(0.5, -0.35), s * 0.22, stroke);
            let curve = [p(-0.45, 0.25), p(0.1, 0.2), p(0.5, 0.0), p(0.5, -0.13)];
            painter.add(Shape::line(curve.to_vec(), stroke));
        }
        // A box being assembled: an isometric cube.
        Category::Build => {
            let top = [p(0.0, -0.8), p(0.75, -0.4), p(0.0, 0.0), p(-0.75, -0.4)];
            painter.add(Shape::closed_line(top.to_vec(), stroke));
            painter.add(Shape::line(
                vec![
                    p(-0.75, -0.4),
                    p(-0.75, 0.45),
                    p(0.0, 0.85),
                    p(0.75, 0.45),
                    p(0.75, -0.4),
                ],
                stroke,
            ));
            painter.line_segment([p(0.0, 0.0), p(0.0, 0.85)], stroke);
        }
        // A flask with a tick.
        Category::Test => {
            let flask = vec![
                p(-0.25, -0.8),
                p(-0.25, -0.2),
                p(-0.75, 0.75),
                p(0.75, 0.75),
                p(0.25, -0.2),
                p(0.25, -0.8),
            ];
            painter.add(Shape::line(flask, stroke));
            painter.line_segment([p(-0.4, -0.8), p(0.4, -0.8)], stroke);
            painter.add(Shape::line(
                vec![p(-0.35, 0.35), p(-0.1, 0.55), p(0.35, 0.1)],
                stroke,
            ));
        }
        // An arrow landing in a tray.
        Category::Deploy => {
            painter.line_segment([p(0.0, -0.85), p(0.0, 0.3)], stroke);
            painter.add(Shape::line(
                vec![p(-0.4, -0.05), p(0.0, 0.35), p(0.4, -0.05)],
                stroke,
            ));
            painter.add(Shape::line(
                vec![p(-0.8, 0.2), p(-0.8, 0.8), p(0.8, 0.8), p(0.8, 0.2)],
                stroke,
            ));
        }
        // A gate: two posts and a barrier.
        Category::Approval => {
            painter.line_segment([p(-0.65, -0.7), p(-0.65, 0.85)], stroke);
            painter.line_segment([p(0.65, -0.7), p(0.65, 0.85)], stroke);
            let bar = Rect::from_center_size(p(0.0, -0.1), vec2(1.6 * s, 0.4 * s));
            painter.rect_stroke(bar, 1.0, stroke, egui::StrokeKind::Middle);
            painter.line_segment([p(-0.3, -0.3), p(-0.1, 0.1)], stroke);
            painter.line_segment([p(0.2, -0.3), p(0.4, 0.1)], stroke);
        }
        // A lightning bolt: something called into action.
        Category::Invoke => {
            let bolt = vec![
                p(0.15, -0.9),
                p(-0.5, 0.1),
                p(-0.05, 0.1),
                p(-0.2, 0.9),
                p(0.5, -0.15),
                p(0.05, -0.15),
            ];
            painter.add(Shape::closed_line(bolt, stroke));
        }
        // A prompt: commands run on compute.
        Category::Compute => {
            painter.add(Shape::line(
                vec![p(-0.7, -0.5), p(-0.1, 0.0), p(-0.7, 0.5)],
                stroke,
            ));
            painter.line_segment([p(0.0, 0.6), p(0.7, 0.6)], stroke);
        }
    }
}

/// A small square area for a glyph at the left of `rect`.
#[must_use]
pub fn glyph_rect(rect: Rect, size: f32) -> Rect {
    Rect::from_center_size(
        Pos2::new(rect.left() + size / 2.0 + 8.0, rect.center().y),
        vec2(size, size),
    )
}
