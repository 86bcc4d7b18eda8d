//! An SVG picture of a diagram, laid out exactly as the editor shows it ([`layout::layout`], in
//! the diagram's direction): stage lanes with their names, the transitions between stages (a
//! disabled one red and crossed), action nodes coloured by category with their name and
//! provider, and an arrow for every artifact from each action that produces it to each action
//! that reads it, routed as the canvas routes it ([`routing`]). This is the export; the window
//! draws its own.

use std::fmt::Write as _;

use super::layout::{self, NODE_H};
use super::model::{Category, Diagram};
use super::routing::{self, Wire, longest_horizontal};
use super::transitions;

/// Space around the drawing.
const MARGIN: f32 = 24.0;
/// Height of the title line above the lanes.
const TITLE_H: f32 = 36.0;
/// Roughly how wide a character of the node text is, to shorten long names.
const CHAR_W: f32 = 7.2;

/// Fill and stroke colours of a category's nodes.
#[must_use]
pub fn category_colours(category: Category) -> (&'static str, &'static str) {
    match category {
        Category::Source => ("#e3f2fd", "#1e88e5"),
        Category::Build => ("#fff3e0", "#fb8c00"),
        Category::Test => ("#f3e5f5", "#8e24aa"),
        Category::Deploy => ("#e8f5e9", "#43a047"),
        Category::Approval => ("#fffde7", "#f9a825"),
        Category::Invoke => ("#e0f7fa", "#00897b"),
        Category::Compute => ("#eceff1", "#546e7a"),
    }
}

/// Escapes text for SVG content and attribute values.
#[must_use]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// `text` shortened with an ellipsis to fit `width`.
fn fit(text: &str, width: f32) -> String {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a small positive count of characters"
    )]
    let max = (width / CHAR_W).floor().max(1.0) as usize;
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
        short.push('…');
        short
    }
}

fn polyline(points: &[[f32; 2]]) -> String {
    points
        .iter()
        .enumerate()
        .map(|(i, [x, y])| format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { " L" }))
        .collect()
}

/// An arrowhead at `tip`, pointing the way the segment from `from` runs.
fn arrowhead(from: [f32; 2], tip: [f32; 2]) -> String {
    let length = ((tip[0] - from[0]).powi(2) + (tip[1] - from[1]).powi(2))
        .sqrt()
        .max(1e-3);
    let (dx, dy) = ((tip[0] - from[0]) / length, (tip[1] - from[1]) / length);
    let back = [tip[0] - 7.0 * dx, tip[1] - 7.0 * dy];
    let (l, r) = (
        [back[0] - 4.0 * dy, back[1] + 4.0 * dx],
        [back[0] + 4.0 * dy, back[1] - 4.0 * dx],
    );
    format!(
        "M{:.1},{:.1} L{:.1},{:.1} L{:.1},{:.1} z",
        l[0], l[1], r[0], r[1], tip[0], tip[1]
    )
}

/// The label of a wire, on its longest horizontal segment when the name fits there, on a white
/// patch so the line seems to pass behind it.
fn wire_label(wire: &Wire) -> Option<String> {
    let (left, right) = longest_horizontal(&wire.points)?;
    #[expect(clippy::cast_precision_loss, reason = "a short name")]
    let width = wire.artifact.chars().count() as f32 * LABEL_CHAR_W;
    (right[0] - left[0] >= width + 10.0).then(|| {
        let middle = f32::midpoint(left[0], right[0]);
        format!(
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="11" rx="2" fill="#ffffff"/><text x="{middle:.1}" y="{:.1}" font-size="9" fill="#455a64" text-anchor="middle">{}</text>"##,
            middle - width / 2.0 - 3.0,
            left[1] - 5.5,
            width + 6.0,
            left[1] + 3.0,
            escape(&wire.artifact)
        )
    })
}

/// Roughly how wide a character of a wire's label is.
const LABEL_CHAR_W: f32 = 5.2;

/// The transitions between stages: an arrow across each gap, red and crossed when the
/// template disables it.
fn write_transitions(svg: &mut String, diagram: &Diagram, placed: &layout::Layout) {
    for transition in transitions::transitions(diagram) {
        let Some((from, to)) = transitions::arrow(placed, transition.into) else {
            continue;
        };
        let into = diagram
            .stages
            .get(transition.into)
            .map_or("", |s| s.name.as_str());
        let (colour, title, dash) = match &transition.disabled {
            Some(reason) => (
                "#c62828",
                format!("Transition into {into} disabled: {reason}"),
                r#" stroke-dasharray="4 3""#,
            ),
            None => ("#90a4ae", format!("Transition into {into}"), ""),
        };
        let _ = write!(
            svg,
            r##"<g class="transition"><title>{}</title><path d="M{:.1},{:.1} L{:.1},{:.1}" stroke="{colour}" stroke-width="2"{dash}/><path d="{}" fill="{colour}"/>"##,
            escape(&title),
            from[0],
            from[1],
            to[0],
            to[1],
            arrowhead(from, to)
        );
        if transition.disabled.is_some() {
            let middle = [f32::midpoint(from[0], to[0]), f32::midpoint(from[1], to[1])];
            let _ = write!(
                svg,
                r##"<circle cx="{:.1}" cy="{:.1}" r="7" fill="#ffffff" stroke="{colour}" stroke-width="2"/><path d="M{:.1},{:.1} L{:.1},{:.1}" stroke="{colour}" stroke-width="2"/>"##,
                middle[0],
                middle[1],
                middle[0] - 4.5,
                middle[1] + 4.5,
                middle[0] + 4.5,
                middle[1] - 4.5
            );
        }
        svg.push_str("</g>\n");
    }
}

/// Draws the diagram as a standalone SVG document.
#[must_use]
pub fn export(diagram: &Diagram) -> String {
    let placed = layout::layout(diagram);
    let width = placed.size[0].max(layout::MIN_LANE_W) + 2.0 * MARGIN;
    let height = placed.size[1] + TITLE_H + 2.0 * MARGIN;
    let (ox, oy) = (MARGIN, MARGIN + TITLE_H);
    let mut svg = String::new();
    // Writing to a String cannot fail, so the fmt::Results below are ignored on purpose.
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="Helvetica, Arial, sans-serif" role="img" aria-label="{}">"#,
        escape(&format!("Pipeline {}", diagram.name))
    );
    let _ = writeln!(svg, "<title>{}</title>", escape(&diagram.name));
    if !diagram.description.is_empty() {
        let _ = writeln!(svg, "<desc>{}</desc>", escape(&diagram.description));
    }
    let _ = writeln!(
        svg,
        r##"<rect x="0" y="0" width="{width:.0}" height="{height:.0}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        svg,
        r##"<text x="{MARGIN:.0}" y="{:.0}" font-size="18" font-weight="bold" fill="#263238">{}</text>"##,
        MARGIN + 20.0,
        escape(&diagram.name)
    );
    let _ = writeln!(svg, r#"<g transform="translate({ox:.1},{oy:.1})">"#);
    for ((stage, lane), header) in diagram.stages.iter().zip(&placed.lanes).zip(&placed.headers) {
        let [x, y, w, h] = *lane;
        let [_, _, header_w, header_h] = *header;
        let _ = writeln!(
            svg,
            r##"<g class="stage"><title>{name}</title><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="8" fill="#f5f7f8" stroke="#b0bec5"/><line x1="{x:.1}" y1="{hy:.1}" x2="{x2:.1}" y2="{hy:.1}" stroke="#b0bec5"/><text x="{tx:.1}" y="{ty:.1}" font-size="15" font-weight="bold" fill="#37474f" text-anchor="middle">{short}</text></g>"##,
            name = escape(&stage.name),
            hy = y + header_h,
            x2 = x + w,
            tx = x + header_w / 2.0,
            ty = y + header_h / 2.0 + 5.0,
            short = escape(&fit(&stage.name, header_w - 16.0)),
        );
    }
    write_transitions(&mut svg, diagram, &placed);
    for wire in routing::route_all(diagram, &placed) {
        let [.., before, tip] = wire.points.as_slice() else {
            continue;
        };
        let _ = writeln!(
            svg,
            r##"<g class="artifact"><title>{name}</title><path d="{path}" fill="none" stroke="#546e7a" stroke-width="1.5" stroke-linejoin="round"/><path d="{head}" fill="#546e7a"/>{label}</g>"##,
            name = escape(&wire.artifact),
            path = polyline(&wire.points),
            head = arrowhead(*before, *tip),
            label = wire_label(&wire).unwrap_or_default(),
        );
    }
    for (_, action) in diagram.actions() {
        let Some(&[x, y, w, h]) = placed.nodes.get(&action.id) else {
            continue;
        };
        let (fill, stroke) = category_colours(action.category);
        let _ = writeln!(
            svg,
            r##"<g class="action"><title>{name} ({category}: {provider})</title><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="2"/><text x="{tx:.1}" y="{y1:.1}" font-size="13" font-weight="bold" fill="#263238">{short}</text><text x="{tx:.1}" y="{y2:.1}" font-size="11" fill="#546e7a">{detail}</text></g>"##,
            name = escape(&action.name),
            category = action.category.as_str(),
            provider = escape(&action.provider),
            tx = x + 10.0,
            y1 = y + NODE_H * 0.42,
            y2 = y + NODE_H * 0.75,
            short = escape(&fit(&action.name, w - 20.0)),
            detail = escape(&fit(
                &format!("{} · {}", action.category.as_str(), action.provider),
                w - 20.0
            )),
        );
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wires_follow_the_shared_routing_and_a_disabled_transition_is_drawn_apart() {
        for direction in crate::pipeline::LayoutDirection::ALL {
            let mut diagram = Diagram::new("t");
            diagram.layout = direction;
            diagram.stages[0].actions = vec![crate::pipeline::Action {
                id: crate::pipeline::ActionId(1),
                name: "Source".into(),
                outputs: vec!["Code".into()],
                ..Default::default()
            }];
            diagram.stages[1].actions = vec![crate::pipeline::Action {
                id: crate::pipeline::ActionId(2),
                name: "Build".into(),
                run_order: 2,
                inputs: vec!["Code".into()],
                ..Default::default()
            }];
            diagram.template.properties.insert(
                "DisableInboundStageTransitions".to_owned(),
                serde_json::json!([{"StageName": "Build", "Reason": "Frozen"}]),
            );
            let image = export(&diagram);
            let placed = layout::layout(&diagram);
            for wire in routing::route_all(&diagram, &placed) {
                assert!(image.contains(&polyline(&wire.points)), "{direction:?}");
            }
            assert!(
                image.contains("Transition into Build disabled: Frozen"),
                "{direction:?}"
            );
            assert!(image.contains("stroke-dasharray"), "{direction:?}");
        }
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape(r#"<a & "b">'"#), "&lt;a &amp; &quot;b&quot;&gt;&apos;");
    }

    #[test]
    fn long_text_is_shortened() {
        assert_eq!(fit("short", 100.0), "short");
        let long = fit(&"x".repeat(100), 72.0);
        assert_eq!(long.chars().count(), 10);
        assert!(long.ends_with('…'));
    }
}
