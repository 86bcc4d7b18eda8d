//! Fonts and look shared by every view.

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
