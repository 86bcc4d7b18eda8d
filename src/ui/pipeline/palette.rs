//! The palette: providers by action category, each with its category glyph, dragged onto a lane
//! to create an action there.

use egui::{Id, Sense, vec2};

use crate::pipeline::{Category, catalog};

use crate::ui::pipeline::canvas::PaletteDrag;
use crate::ui::shell::glyphs::{category_color, paint_glyph};

/// Draws the palette.
pub fn palette_ui(ui: &mut egui::Ui) {
    ui.strong("Palette");
    ui.label(egui::RichText::new("Drag onto a lane").weak().small());
    // The palette scrolls in the upper part of the panel so the library below stays in view.
    let height = ui.available_height() * 0.6;
    egui::ScrollArea::vertical()
        .id_salt("palette")
        .auto_shrink([false, true])
        .max_height(height)
        .show(ui, |ui| {
            for category in Category::ALL {
                egui::CollapsingHeader::new(category.as_str())
                    .id_salt(("palette_category", category.as_str()))
                    .default_open(true)
                    .show(ui, |ui| {
                        for spec in catalog::in_category(category) {
                            palette_item_ui(ui, spec);
                        }
                    });
            }
        });
}

fn palette_item_ui(ui: &mut egui::Ui, spec: &'static catalog::ProviderSpec) {
    let id = Id::unique(("palette_item", spec.key));
    ui.dnd_drag_source(id, PaletteDrag(spec.key), |ui| {
        let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), 24.0), Sense::hover());
        let label = format!("Palette: {}", spec.label);
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        let color = category_color(spec.category);
        if response.hovered() {
            ui.painter()
                .rect_filled(rect, 4.0, ui.visuals().widgets.hovered.weak_bg_fill);
        }
        let glyph = egui::Rect::from_center_size(rect.left_center() + vec2(12.0, 0.0), vec2(16.0, 16.0));
        paint_glyph(ui.painter(), glyph, spec.category, color);
        // A long label is cut short with "…" rather than by the panel's edge.
        let text = crate::ui::pipeline::paint::truncated(
            ui,
            spec.label,
            egui::FontId::proportional(13.0),
            ui.visuals().text_color(),
            rect.width() - 30.0,
        );
        let at = rect.left_center() + vec2(26.0, -text.size().y / 2.0);
        ui.painter().galley(at, text, ui.visuals().text_color());
    })
    .response
    .on_hover_text(format!(
        "{} · {} · inputs {}, outputs {}",
        spec.category.as_str(),
        spec.provider,
        spec.inputs,
        spec.outputs
    ));
}
