//! An SVG picture of a diagram, laid out exactly as the editor shows it ([`layout::layout`]):
//! stage lanes with their names, action nodes coloured by category with their name and
//! provider, and an arrow for every artifact from each action that produces it to each action
//! that reads it. This is the export; the window draws its own.

use std::fmt::Write as _;

use super::layout::{self, LANE_GAP, LANE_HEADER, LANE_PAD, NODE_H, Rect4};
use super::model::{Category, Diagram};

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

/// One artifact edge between two placed nodes, with the lanes they sit in and where the line
/// leaves the producer (its bottom) and enters the consumer (its top).
struct Edge<'a> {
    artifact: &'a str,
    from: Rect4,
    to: Rect4,
    to_lane: Rect4,
    exit_x: f32,
    entry_x: f32,
}

/// Where the `k`-th of `n` lines meets the edge of a node that starts at `x` and is `w` wide.
fn spread(x: f32, w: f32, k: usize, n: usize) -> f32 {
    #[expect(clippy::cast_precision_loss, reason = "a handful of artifacts")]
    let share = (k + 1) as f32 / (n + 1) as f32;
    x + w * share
}

fn edges<'a>(diagram: &'a Diagram, placed: &layout::Layout) -> Vec<Edge<'a>> {
    let mut out = Vec::new();
    for (consumer_stage, consumer) in diagram.actions() {
        for (k, input) in consumer.inputs.iter().enumerate() {
            for (_, producer) in diagram.actions() {
                let Some(output_index) = producer.outputs.iter().position(|o| o == input) else {
                    continue;
                };
                if producer.id == consumer.id {
                    continue;
                }
                let (Some(&from), Some(&to), Some(&to_lane)) = (
                    placed.nodes.get(&producer.id),
                    placed.nodes.get(&consumer.id),
                    placed.lanes.get(consumer_stage),
                ) else {
                    continue;
                };
                out.push(Edge {
                    artifact: input,
                    from,
                    to,
                    to_lane,
                    exit_x: spread(from[0], from[2], output_index, producer.outputs.len()),
                    entry_x: spread(to[0], to[2], k, consumer.inputs.len()),
                });
            }
        }
    }
    out
}

/// How far below a node, and above one, lines run: rows are `ROW_H` apart and nodes `NODE_H`
/// tall, so these bands between rows hold no node in any lane.
const BAND: f32 = 10.0;

/// The polyline of an edge. It drops from the producer into the band under its row, runs
/// along that band to the free channel just left of the consumer (the gap before the
/// consumer's lane, or the lane's own left padding when both are in one lane), climbs or falls
/// to the band above the consumer's row, and enters the consumer from the top. Bands and
/// channels hold no nodes, so no line passes behind one.
fn edge_points(edge: &Edge<'_>) -> Vec<[f32; 2]> {
    let below = edge.from[1] + edge.from[3] + BAND;
    let above = edge.to[1] - BAND;
    let lane_start = edge.to_lane[0];
    let same_lane = edge.from[0] >= lane_start && edge.from[0] < lane_start + edge.to_lane[2];
    let channel = if same_lane {
        lane_start + LANE_PAD / 2.0
    } else {
        lane_start - LANE_GAP / 2.0
    };
    let mut points = vec![[edge.exit_x, edge.from[1] + edge.from[3]], [edge.exit_x, below]];
    if (below - above).abs() > f32::EPSILON || !same_lane {
        points.push([channel, below]);
        points.push([channel, above]);
    }
    points.push([edge.entry_x, above]);
    points.push([edge.entry_x, edge.to[1]]);
    points
}

fn polyline(points: &[[f32; 2]]) -> String {
    points
        .iter()
        .enumerate()
        .map(|(i, [x, y])| format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { " L" }))
        .collect()
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
    for (stage, lane) in diagram.stages.iter().zip(&placed.lanes) {
        let [x, y, w, h] = *lane;
        let _ = writeln!(
            svg,
            r##"<g class="stage"><title>{name}</title><rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" rx="8" fill="#f5f7f8" stroke="#b0bec5"/><line x1="{x:.1}" y1="{hy:.1}" x2="{x2:.1}" y2="{hy:.1}" stroke="#b0bec5"/><text x="{tx:.1}" y="{ty:.1}" font-size="15" font-weight="bold" fill="#37474f" text-anchor="middle">{short}</text></g>"##,
            name = escape(&stage.name),
            hy = y + LANE_HEADER,
            x2 = x + w,
            tx = x + w / 2.0,
            ty = y + LANE_HEADER / 2.0 + 5.0,
            short = escape(&fit(&stage.name, w - 16.0)),
        );
    }
    for edge in edges(diagram, &placed) {
        let points = edge_points(&edge);
        let [tip_x, tip_y] = [edge.entry_x, edge.to[1]];
        let _ = writeln!(
            svg,
            r##"<g class="artifact"><title>{name}</title><path d="{path}" fill="none" stroke="#546e7a" stroke-width="1.5" stroke-linejoin="round"/><path d="M{l:.1},{t:.1} L{r:.1},{t:.1} L{tip_x:.1},{tip_y:.1} z" fill="#546e7a"/><text x="{lx:.1}" y="{ly:.1}" font-size="9" fill="#455a64">{name}</text></g>"##,
            name = escape(edge.artifact),
            path = polyline(&points),
            l = tip_x - 4.0,
            r = tip_x + 4.0,
            t = tip_y - 7.0,
            lx = edge.exit_x + 4.0,
            ly = edge.from[1] + edge.from[3] + BAND - 2.0,
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
