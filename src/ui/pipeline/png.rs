//! PNG export: the diagram's SVG rendered with resvg, using the same fonts as the window.

/// Scale of the PNG relative to the SVG's units (2× for crisp text).
const SCALE: f32 = 2.0;

/// Renders SVG text to PNG bytes.
///
/// # Errors
/// When the SVG cannot be parsed, is empty or too large, or the PNG cannot be encoded.
pub fn render_png(svg: &str) -> Result<Vec<u8>, String> {
    let mut options = resvg::usvg::Options::default();
    let fonts = egui::FontDefinitions::default();
    let database = options.fontdb_mut();
    for data in fonts.font_data.values() {
        database.load_font_data((*data.font).as_ref().to_vec());
    }
    database.set_sans_serif_family("Ubuntu");
    database.set_monospace_family("Hack");
    let tree =
        resvg::usvg::Tree::from_str(svg, &options).map_err(|e| format!("the SVG cannot be read: {e}"))?;
    let size = tree.size();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "positive and bounded below"
    )]
    let (width, height) = (
        (size.width() * SCALE).ceil() as u32,
        (size.height() * SCALE).ceil() as u32,
    );
    if width == 0 || height == 0 || u64::from(width) * u64::from(height) > 16_000 * 16_000 {
        return Err(format!("the image would be {width}×{height} pixels"));
    }
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height).ok_or("cannot allocate the image")?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_svg_becomes_a_png() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="red"/><text x="2" y="15" font-family="sans-serif">Hi</text></svg>"#;
        let png = render_png(svg).unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }

    #[test]
    fn broken_svg_is_an_error() {
        assert!(render_png("<svg").is_err());
    }
}
