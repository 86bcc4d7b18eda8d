//! Artifact wires as orthogonal connectors that never pass behind an action, shared by the
//! canvas and the SVG export.
//!
//! A wire leaves its producer at the far end along the flow and enters its consumer at the
//! near end. [`super::layout`] leaves two kinds of room free of actions: *hops*, the gaps
//! between run orders and between lanes, which cross the whole drawing; and *corridors*, the
//! gaps between parallel slots, which run its whole length. A wire steps into the hop after its
//! producer; when the consumer's run order comes right after (in the same stage or the first
//! of the next) it turns there straight to the consumer; otherwise it turns into the corridor
//! nearest both ends, runs along it to the hop before the consumer, and turns in from there.
//! Wires sharing a hop or a corridor take separate tracks in it.

use std::collections::BTreeMap;

use super::direction::LayoutDirection;
use super::layout::{Cell, Layout, Rect4, TRANSITION_INSET};
use super::model::{ActionId, Diagram};

/// A point on the canvas.
pub type Point = [f32; 2];

/// One artifact passed from a producer to a consumer, with the path drawn for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Wire {
    pub artifact: String,
    pub producer: ActionId,
    pub consumer: ActionId,
    /// Corners from the producer's edge to the consumer's edge; every segment is horizontal or
    /// vertical. The last point is the arrow's tip.
    pub points: Vec<Point>,
    /// The smallest rectangle holding every point.
    pub bounds: Rect4,
}

/// Space kept between wires that share a hop or a corridor.
const TRACK: f32 = 5.0;

/// One connection to route: who passes which artifact, and where on each node it attaches
/// (the `k`-th of `n` outputs or inputs).
struct Connection<'a> {
    artifact: &'a str,
    producer: ActionId,
    consumer: ActionId,
    exit_share: f32,
    entry_share: f32,
}

/// Where the `k`-th of `n` lines meets a node's edge, as a share of the edge.
#[expect(clippy::cast_precision_loss, reason = "a handful of artifacts")]
fn share(k: usize, n: usize) -> f32 {
    (k + 1) as f32 / (n + 1) as f32
}

fn connections(diagram: &Diagram) -> Vec<Connection<'_>> {
    let mut producers: BTreeMap<&str, Vec<(ActionId, f32)>> = BTreeMap::new();
    for (_, action) in diagram.actions() {
        for (k, output) in action.outputs.iter().enumerate() {
            producers
                .entry(output.as_str())
                .or_default()
                .push((action.id, share(k, action.outputs.len())));
        }
    }
    let mut out = Vec::new();
    for (_, consumer) in diagram.actions() {
        for (k, input) in consumer.inputs.iter().enumerate() {
            for &(producer, exit_share) in producers.get(input.as_str()).into_iter().flatten() {
                if producer != consumer.id {
                    out.push(Connection {
                        artifact: input.as_str(),
                        producer,
                        consumer: consumer.id,
                        exit_share,
                        entry_share: share(k, consumer.inputs.len()),
                    });
                }
            }
        }
    }
    out
}

/// A free band along the flow (a hop) or across it (a corridor): its middle and half its width.
#[derive(Debug, Clone, Copy)]
struct Band {
    middle: f32,
    half: f32,
}

/// The hop right after the producer's run order.
fn hop_after(placed: &Layout, cell: Cell) -> Option<Band> {
    let m = placed.metrics();
    let columns = placed.columns.get(cell.stage)?;
    let column = columns.get(cell.column)?;
    Some(match (columns.get(cell.column + 1), placed.direction) {
        (Some(next), _) => Band {
            middle: f32::midpoint(column.end, next.start),
            half: m.column_gap / 2.0,
        },
        (None, LayoutDirection::LeftToRight) => Band {
            middle: placed.lane_span(cell.stage)?[1] + m.lane_gap / 2.0,
            half: m.lane_gap / 2.0,
        },
        (None, LayoutDirection::TopToBottom) => Band {
            middle: column.end + m.spare_main / 2.0,
            half: m.spare_main / 2.0,
        },
    })
}

/// The hop right before the consumer's run order.
fn hop_before(placed: &Layout, cell: Cell) -> Option<Band> {
    let m = placed.metrics();
    let columns = placed.columns.get(cell.stage)?;
    let column = columns.get(cell.column)?;
    Some(
        match (
            cell.column.checked_sub(1).and_then(|c| columns.get(c)),
            placed.direction,
        ) {
            (Some(previous), _) => Band {
                middle: f32::midpoint(previous.end, column.start),
                half: m.column_gap / 2.0,
            },
            (None, LayoutDirection::LeftToRight) => Band {
                middle: placed.lane_span(cell.stage)?[0] - m.lane_gap / 2.0,
                half: m.lane_gap / 2.0,
            },
            // Top to bottom, between the title bar and the first row, so that the gap between
            // stages keeps only the transition arrow and the wires crossing it.
            (None, LayoutDirection::TopToBottom) => Band {
                middle: column.start - m.pad_main / 2.0,
                half: m.pad_main / 2.0,
            },
        },
    )
}

/// Every corridor across the flow: before the first slot, between slots, after the last.
fn corridors(placed: &Layout) -> Vec<Band> {
    let m = placed.metrics();
    let mut edges = vec![m.header_cross];
    for start in &placed.slots {
        edges.push(*start);
        edges.push(start + m.node_cross);
    }
    // Top to bottom, the transition arrows run down the right edge: wires keep clear of it.
    edges.push(match placed.direction {
        LayoutDirection::LeftToRight => placed.cross_size,
        LayoutDirection::TopToBottom => placed.cross_size - 2.0 * TRANSITION_INSET,
    });
    edges
        .chunks_exact(2)
        .map(|pair| Band {
            middle: f32::midpoint(pair[0], pair[1]),
            half: (pair[1] - pair[0]) / 2.0,
        })
        .collect()
}

/// The corridor nearest to both ends: one between them if there is one (the nearest to their
/// middle), else the one closest to the nearer end.
fn corridor_for(corridors: &[Band], a: f32, b: f32) -> Option<usize> {
    let (low, high) = (a.min(b), a.max(b));
    let outside = |c: &Band| (low - c.middle).max(c.middle - high).max(0.0);
    let middle = f32::midpoint(low, high);
    (0..corridors.len()).min_by(|&i, &j| {
        let (ci, cj) = (&corridors[i], &corridors[j]);
        outside(ci)
            .total_cmp(&outside(cj))
            .then((ci.middle - middle).abs().total_cmp(&(cj.middle - middle).abs()))
    })
}

/// A wire's path before tracks are assigned: its ends and the free bands it turns in.
struct Plan {
    exit: [f32; 2],
    entry: [f32; 2],
    /// Hops (along the flow) as keys into the track table, and the corridor if it needs one.
    first_hop: (u32, Band),
    corridor: Option<(usize, Band, (u32, Band))>,
}

/// Every artifact wire of the diagram, routed on its layout.
#[must_use]
pub fn route_all(diagram: &Diagram, placed: &Layout) -> Vec<Wire> {
    let corridors = corridors(placed);
    let global_column = global_columns(placed);
    let mut plans = Vec::new();
    let mut wanted: Vec<Connection<'_>> = Vec::new();
    for connection in connections(diagram) {
        if let Some(plan) = plan(placed, &corridors, &global_column, &connection) {
            plans.push(plan);
            wanted.push(connection);
        }
    }
    let tracks = assign_tracks(&plans);
    plans
        .iter()
        .zip(wanted)
        .enumerate()
        .map(|(wire, (plan, connection))| {
            let points = plan_points(placed, wire, plan, &tracks);
            Wire {
                artifact: connection.artifact.to_owned(),
                producer: connection.producer,
                consumer: connection.consumer,
                bounds: bounds(&points),
                points,
            }
        })
        .collect()
}

/// Each column's position in the whole drawing along the flow, by (stage, column).
fn global_columns(placed: &Layout) -> BTreeMap<(usize, usize), usize> {
    let mut out = BTreeMap::new();
    let mut next = 0;
    for (stage, columns) in placed.columns.iter().enumerate() {
        for column in 0..columns.len() {
            out.insert((stage, column), next);
            next += 1;
        }
    }
    out
}

fn plan(
    placed: &Layout,
    corridors: &[Band],
    global_column: &BTreeMap<(usize, usize), usize>,
    connection: &Connection<'_>,
) -> Option<Plan> {
    let (from, to) = (
        placed.nodes.get(&connection.producer)?,
        placed.nodes.get(&connection.consumer)?,
    );
    let (from_cell, to_cell) = (
        placed.cells.get(&connection.producer)?,
        placed.cells.get(&connection.consumer)?,
    );
    let (from_main, from_cross) = placed.spans(*from);
    let (to_main, to_cross) = placed.spans(*to);
    let exit = [
        from_main[1],
        from_cross[0] + (from_cross[1] - from_cross[0]) * connection.exit_share,
    ];
    let entry = [
        to_main[0],
        to_cross[0] + (to_cross[1] - to_cross[0]) * connection.entry_share,
    ];
    let after = hop_after(placed, *from_cell)?;
    let next_column = global_column.get(&(from_cell.stage, from_cell.column))? + 1;
    let adjacent = global_column.get(&(to_cell.stage, to_cell.column)) == Some(&next_column);
    let first_hop = (hop_key(after), after);
    if adjacent {
        return Some(Plan {
            exit,
            entry,
            first_hop,
            corridor: None,
        });
    }
    let before = hop_before(placed, *to_cell)?;
    let corridor = corridor_for(corridors, exit[1], entry[1])?;
    Some(Plan {
        exit,
        entry,
        first_hop,
        corridor: Some((corridor, corridors[corridor], (hop_key(before), before))),
    })
}

fn hop_key(band: Band) -> u32 {
    band.middle.to_bits()
}

/// The offset of each wire in each band it uses: wires sharing a band spread evenly across
/// it, never nearer its edges than a track.
#[derive(Default)]
struct Tracks {
    /// (band, wire) → offset from the band's middle.
    hops: BTreeMap<(u32, usize), f32>,
    corridors: BTreeMap<(usize, usize), f32>,
}

fn spread<K: Ord + Copy>(members: &BTreeMap<K, (Vec<usize>, f32)>) -> BTreeMap<(K, usize), f32> {
    let mut out = BTreeMap::new();
    for (key, (wires, half)) in members {
        #[expect(clippy::cast_precision_loss, reason = "a few wires per band")]
        let n = wires.len() as f32;
        let step = TRACK.min(2.0 * (half - 1.0).max(0.0) / n.max(1.0));
        for (rank, wire) in wires.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "a few wires per band")]
            let offset = (rank as f32 - (n - 1.0) / 2.0) * step;
            out.insert((*key, *wire), offset);
        }
    }
    out
}

fn assign_tracks(plans: &[Plan]) -> Tracks {
    let mut hops: BTreeMap<u32, (Vec<usize>, f32)> = BTreeMap::new();
    let mut corridors: BTreeMap<usize, (Vec<usize>, f32)> = BTreeMap::new();
    for (i, plan) in plans.iter().enumerate() {
        let mut join = |(key, band): (u32, Band)| {
            let entry = hops.entry(key).or_insert((Vec::new(), band.half));
            if entry.0.last() != Some(&i) {
                entry.0.push(i);
            }
        };
        join(plan.first_hop);
        if let Some((corridor, band, second_hop)) = plan.corridor {
            join(second_hop);
            corridors
                .entry(corridor)
                .or_insert((Vec::new(), band.half))
                .0
                .push(i);
        }
    }
    Tracks {
        hops: spread(&hops),
        corridors: spread(&corridors),
    }
}

fn plan_points(placed: &Layout, wire: usize, plan: &Plan, tracks: &Tracks) -> Vec<Point> {
    let hop = |(key, band): (u32, Band)| band.middle + tracks.hops.get(&(key, wire)).copied().unwrap_or(0.0);
    let first = hop(plan.first_hop);
    let mut axes = vec![plan.exit, [first, plan.exit[1]]];
    match plan.corridor {
        None => axes.push([first, plan.entry[1]]),
        Some((corridor, band, second_hop)) => {
            let along = band.middle + tracks.corridors.get(&(corridor, wire)).copied().unwrap_or(0.0);
            let second = hop(second_hop);
            axes.extend([[first, along], [second, along], [second, plan.entry[1]]]);
        }
    }
    axes.push(plan.entry);
    let mut points: Vec<Point> = axes.into_iter().map(|a| placed.from_axes(a)).collect();
    points.dedup_by(|b, a| (a[0] - b[0]).abs() < 1e-3 && (a[1] - b[1]).abs() < 1e-3);
    // A corner between two segments on one line is no corner.
    let mut i = 1;
    while i + 1 < points.len() {
        let (a, b, c) = (points[i - 1], points[i], points[i + 1]);
        let straight = ((a[0] - b[0]).abs() < 1e-3 && (b[0] - c[0]).abs() < 1e-3)
            || ((a[1] - b[1]).abs() < 1e-3 && (b[1] - c[1]).abs() < 1e-3);
        if straight {
            points.remove(i);
        } else {
            i += 1;
        }
    }
    points
}

fn bounds(points: &[Point]) -> Rect4 {
    let (mut low, mut high) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
    for p in points {
        for axis in 0..2 {
            low[axis] = low[axis].min(p[axis]);
            high[axis] = high[axis].max(p[axis]);
        }
    }
    [low[0], low[1], high[0] - low[0], high[1] - low[1]]
}

/// A simple three-segment connector between two rectangles, from the far end of `from` to the
/// near end of `to` along the flow: what the canvas draws while an action is being dragged
/// (routing proper waits for the drop).
#[must_use]
pub fn elbow(direction: LayoutDirection, from: Rect4, to: Rect4) -> Vec<Point> {
    let axes = |r: Rect4| match direction {
        LayoutDirection::LeftToRight => ([r[0], r[0] + r[2]], r[1] + r[3] / 2.0),
        LayoutDirection::TopToBottom => ([r[1], r[1] + r[3]], r[0] + r[2] / 2.0),
    };
    let ((from_main, from_cross), (to_main, to_cross)) = (axes(from), axes(to));
    let turn = f32::midpoint(from_main[1], to_main[0]);
    [
        [from_main[1], from_cross],
        [turn, from_cross],
        [turn, to_cross],
        [to_main[0], to_cross],
    ]
    .into_iter()
    .map(|[main, cross]| match direction {
        LayoutDirection::LeftToRight => [main, cross],
        LayoutDirection::TopToBottom => [cross, main],
    })
    .collect()
}

/// How far `p` is from the nearest segment of a path.
#[must_use]
pub fn distance_to_path(points: &[Point], p: Point) -> f32 {
    points
        .windows(2)
        .map(|segment| distance_to_segment(segment[0], segment[1], p))
        .fold(f32::INFINITY, f32::min)
}

fn distance_to_segment(a: Point, b: Point, p: Point) -> f32 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let length_squared = dx * dx + dy * dy;
    let t = if length_squared > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length_squared).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a[0] + t * dx, a[1] + t * dy);
    ((p[0] - cx).powi(2) + (p[1] - cy).powi(2)).sqrt()
}

/// The longest horizontal segment of a path, as its two ends (left first): where a label
/// reads best.
#[must_use]
pub fn longest_horizontal(points: &[Point]) -> Option<(Point, Point)> {
    points
        .windows(2)
        .filter(|s| (s[0][1] - s[1][1]).abs() < 1e-3)
        .max_by(|a, b| (a[0][0] - a[1][0]).abs().total_cmp(&(b[0][0] - b[1][0]).abs()))
        .map(|s| {
            if s[0][0] <= s[1][0] {
                (s[0], s[1])
            } else {
                (s[1], s[0])
            }
        })
}

#[cfg(test)]
mod tests;
