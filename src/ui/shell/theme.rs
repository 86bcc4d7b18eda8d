//! Fonts, theme and text size shared by every view.

use crate::progress::{Settings, ThemeChoice};

/// egui's bundled fonts, with the monospace font (Hack) added as a last fallback for
/// proportional text: it carries the arrows and box-drawing characters notes use (→, ≤, ├).
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    if let Some(proportional) = fonts.families.get_mut(&egui::FontFamily::Proportional)
        && !proportional.iter().any(|f| f == "Hack")
    {
        proportional.push("Hack".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// The text size setting in effect for `style`: its body text against egui's default body
/// text. Views that paint text by hand multiply their sizes by it.
#[must_use]
pub fn text_scale(style: &egui::Style) -> f32 {
    let default = egui::TextStyle::Body.resolve(&egui::Style::default()).size;
    let current = egui::TextStyle::Body.resolve(style).size;
    if default > 0.0 { current / default } else { 1.0 }
}

/// Applies the theme and the text size from the settings to both egui styles (dark and light).
pub fn apply_appearance(ctx: &egui::Context, settings: &Settings) {
    ctx.set_theme(match settings.theme {
        ThemeChoice::FollowSystem => egui::ThemePreference::System,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
        ThemeChoice::Light => egui::ThemePreference::Light,
    });
    let scale = settings.text_scale.clamp(
        *crate::progress::TEXT_SCALE_RANGE.start(),
        *crate::progress::TEXT_SCALE_RANGE.end(),
    );
    for theme in [egui::Theme::Dark, egui::Theme::Light] {
        let mut style = egui::Style {
            visuals: match theme {
                egui::Theme::Dark => egui::Visuals::dark(),
                egui::Theme::Light => egui::Visuals::light(),
            },
            ..egui::Style::default()
        };
        for font in style.text_styles.values_mut() {
            font.size *= scale;
        }
        ctx.set_style_of(theme, style);
    }
}
