//! Where things sit on the canvas, in canvas units, for both directions a diagram can flow in
//! ([`LayoutDirection`]). Stages follow each other along the *main* axis (x when left to
//! right, y when top to bottom); inside a stage, each distinct run order is a *column* further
//! along the main axis, and actions that share a run order stand in *slots* across it, in the
//! order of their `x`. Slots line up across all stages, so the gaps between them are corridors
//! free of actions from one end of the drawing to the other: that is what lets wires
//! ([`super::routing`]) avoid every action. Shared by the editor and the SVG export.

use std::collections::BTreeMap;

use super::direction::LayoutDirection;
use super::model::{ActionId, Diagram};

/// Width of an action node.
pub const NODE_W: f32 = 150.0;
/// Height of an action node.
pub const NODE_H: f32 = 56.0;
/// Depth of a stage's title bar (at the top of the lane in both directions).
pub const LANE_HEADER: f32 = 32.0;
/// Space between a lane's border and its first run order.
pub const LANE_PAD: f32 = 12.0;
/// Space between lanes.
pub const LANE_GAP: f32 = 36.0;
/// Horizontal space kept between the `x` of actions that share a run order (the model's unit
/// for ordering them; the canvas places them by rank).
pub const NODE_GAP: f32 = 20.0;
/// Distance between parallel actions when left to right (and the palette's drop rows).
pub const ROW_H: f32 = NODE_H + SLOT_GAP;
/// Space between parallel slots, and between a title bar and the first slot: corridors.
pub const SLOT_GAP: f32 = 20.0;
/// A lane is never narrower than this.
pub const MIN_LANE_W: f32 = NODE_W + 2.0 * LANE_PAD;
/// Top to bottom, how far in from the lanes' right edge the transition arrows run; wires keep
/// out of twice that strip.
pub const TRANSITION_INSET: f32 = 14.0;
/// The `x` distance [`tidy`] keeps between actions of one run order.
pub const X_PITCH: f32 = NODE_W + NODE_GAP;

/// An axis-aligned rectangle: `[x, y, width, height]`.
pub type Rect4 = [f32; 4];

/// The spacing of one direction, along its main axis (the flow) and across it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Metrics {
    /// A node's size along the flow, and across it.
    pub node_main: f32,
    pub node_cross: f32,
    /// The title bar's depth along the main axis (top to bottom) or across it (left to right).
    pub header_main: f32,
    pub header_cross: f32,
    /// Space before a lane's first run order, between run orders, and after the last (room to
    /// drop an action that runs later).
    pub pad_main: f32,
    pub column_gap: f32,
    pub spare_main: f32,
    pub lane_gap: f32,
    /// Space before the first slot, between slots, and after the last (room to drop a
    /// parallel action).
    pub pad_cross: f32,
    pub slot_gap: f32,
    pub spare_cross: f32,
}

impl Metrics {
    /// The spacing of `direction`.
    #[must_use]
    pub fn of(direction: LayoutDirection) -> Self {
        match direction {
            LayoutDirection::LeftToRight => Self {
                node_main: NODE_W,
                node_cross: NODE_H,
                header_main: 0.0,
                header_cross: LANE_HEADER,
                pad_main: LANE_PAD,
                column_gap: 28.0,
                spare_main: 32.0,
                lane_gap: LANE_GAP,
                pad_cross: SLOT_GAP,
                slot_gap: SLOT_GAP,
                spare_cross: 40.0,
            },
            LayoutDirection::TopToBottom => Self {
                node_main: NODE_H,
                node_cross: NODE_W,
                header_main: LANE_HEADER,
                header_cross: 0.0,
                pad_main: 16.0,
                column_gap: 20.0,
                spare_main: 28.0,
                lane_gap: 32.0,
                pad_cross: SLOT_GAP,
                slot_gap: SLOT_GAP,
                spare_cross: 80.0,
            },
        }
    }

    /// Distance from one slot to the next.
    #[must_use]
    pub fn slot_pitch(&self) -> f32 {
        self.node_cross + self.slot_gap
    }
}

/// One run order of a stage: its value and where its nodes start and end along the main axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub run_order: u32,
    pub start: f32,
    pub end: f32,
}

/// Where an action was placed: its stage, the index of its run order's column in that stage,
/// and its slot across the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub stage: usize,
    pub column: usize,
    pub slot: usize,
}

/// Placed lanes and nodes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    pub direction: LayoutDirection,
    /// One rectangle per stage, in stage order.
    pub lanes: Vec<Rect4>,
    /// Each lane's title bar.
    pub headers: Vec<Rect4>,
    pub nodes: BTreeMap<ActionId, Rect4>,
    pub cells: BTreeMap<ActionId, Cell>,
    /// Each lane's run orders, in order along the main axis (none for an empty stage).
    pub columns: Vec<Vec<Column>>,
    /// Where each slot starts across the flow (the same in every lane).
    pub slots: Vec<f32>,
    /// How far lanes reach across the flow.
    pub cross_size: f32,
    /// Total size of the drawing.
    pub size: [f32; 2],
}

impl Layout {
    /// The spacing of this layout's direction.
    #[must_use]
    pub fn metrics(&self) -> Metrics {
        Metrics::of(self.direction)
    }

    /// `[main, cross]` of a canvas point.
    #[must_use]
    pub fn to_axes(&self, point: [f32; 2]) -> [f32; 2] {
        match self.direction {
            LayoutDirection::LeftToRight => point,
            LayoutDirection::TopToBottom => [point[1], point[0]],
        }
    }

    /// The canvas point at `[main, cross]`.
    #[must_use]
    pub fn from_axes(&self, axes: [f32; 2]) -> [f32; 2] {
        self.to_axes(axes)
    }

    /// A rectangle's span along the main axis, and across it.
    #[must_use]
    pub fn spans(&self, rect: Rect4) -> ([f32; 2], [f32; 2]) {
        let [x, y, w, h] = rect;
        match self.direction {
            LayoutDirection::LeftToRight => ([x, x + w], [y, y + h]),
            LayoutDirection::TopToBottom => ([y, y + h], [x, x + w]),
        }
    }

    /// Where lane `stage` starts and ends along the main axis.
    #[must_use]
    pub fn lane_span(&self, stage: usize) -> Option<[f32; 2]> {
        self.lanes.get(stage).map(|lane| self.spans(*lane).0)
    }

    /// A rectangle from spans along the main axis and across it.
    fn rect(&self, main: [f32; 2], cross: [f32; 2]) -> Rect4 {
        match self.direction {
            LayoutDirection::LeftToRight => [main[0], cross[0], main[1] - main[0], cross[1] - cross[0]],
            LayoutDirection::TopToBottom => [cross[0], main[0], cross[1] - cross[0], main[1] - main[0]],
        }
    }
}

/// Each stage's actions grouped by run order (ascending), each group in `x` order: the
/// columns and slots of the layout, as indices into the stage's actions.
#[must_use]
pub fn columns_of(diagram: &Diagram) -> Vec<Vec<(u32, Vec<usize>)>> {
    diagram
        .stages
        .iter()
        .map(|stage| {
            let mut by_run_order: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
            for (i, action) in stage.actions.iter().enumerate() {
                by_run_order.entry(action.run_order.max(1)).or_default().push(i);
            }
            by_run_order
                .into_iter()
                .map(|(run_order, mut indices)| {
                    indices
                        .sort_by(|&a, &b| stage.actions[a].x.total_cmp(&stage.actions[b].x).then(a.cmp(&b)));
                    (run_order, indices)
                })
                .collect()
        })
        .collect()
}

/// Lays out a diagram in its own direction.
#[must_use]
pub fn layout(diagram: &Diagram) -> Layout {
    layout_in(diagram, diagram.layout)
}

/// Lays out a diagram in `direction`.
#[must_use]
#[expect(clippy::cast_precision_loss, reason = "counts of actions are small")]
pub fn layout_in(diagram: &Diagram, direction: LayoutDirection) -> Layout {
    let m = Metrics::of(direction);
    let grouped = columns_of(diagram);
    let widest = grouped
        .iter()
        .flat_map(|stage| stage.iter().map(|(_, group)| group.len()))
        .max()
        .unwrap_or(1)
        .max(1);
    let slots_start = m.header_cross + m.pad_cross;
    let slots: Vec<f32> = (0..widest)
        .map(|i| slots_start + i as f32 * m.slot_pitch())
        .collect();
    let cross_size = slots_start + widest as f32 * m.slot_pitch() - m.slot_gap + m.spare_cross;
    let mut placed = Layout {
        direction,
        slots,
        cross_size,
        ..Layout::default()
    };
    let mut main = 0.0_f32;
    for (stage_index, (stage, groups)) in diagram.stages.iter().zip(&grouped).enumerate() {
        let start = main;
        let first = start + m.header_main + m.pad_main;
        let mut columns = Vec::with_capacity(groups.len());
        for (column_index, (run_order, indices)) in groups.iter().enumerate() {
            let column_start = first + column_index as f32 * (m.node_main + m.column_gap);
            columns.push(Column {
                run_order: *run_order,
                start: column_start,
                end: column_start + m.node_main,
            });
            for (slot, &i) in indices.iter().enumerate() {
                let id = stage.actions[i].id;
                let cross = placed.slots[slot];
                let node = placed.rect(
                    [column_start, column_start + m.node_main],
                    [cross, cross + m.node_cross],
                );
                placed.nodes.insert(id, node);
                placed.cells.insert(
                    id,
                    Cell {
                        stage: stage_index,
                        column: column_index,
                        slot,
                    },
                );
            }
        }
        let used = groups.len().max(1) as f32;
        let end = first + used * m.node_main + (used - 1.0) * m.column_gap + m.spare_main;
        let lane = placed.rect([start, end], [0.0, cross_size]);
        let header = if m.header_main > 0.0 {
            placed.rect([start, start + m.header_main], [0.0, cross_size])
        } else {
            placed.rect([start, end], [0.0, m.header_cross])
        };
        placed.lanes.push(lane);
        placed.headers.push(header);
        placed.columns.push(columns);
        main = end + m.lane_gap;
    }
    let main_size = (main - m.lane_gap).max(0.0);
    placed.size = placed.from_axes([main_size, cross_size]);
    placed
}

/// Makes actions that share a run order in a stage keep distinct `x` values at least
/// [`X_PITCH`] apart, in the order of their `x`, and keeps every `x` non-negative.
pub fn tidy(diagram: &mut Diagram) {
    for stage in &mut diagram.stages {
        let mut by_row: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
        for (i, action) in stage.actions.iter().enumerate() {
            by_row.entry(action.run_order.max(1)).or_default().push(i);
        }
        for indices in by_row.values_mut() {
            indices.sort_by(|&a, &b| stage.actions[a].x.total_cmp(&stage.actions[b].x).then(a.cmp(&b)));
            let mut next_free = 0.0_f32;
            for &i in indices.iter() {
                let action = &mut stage.actions[i];
                // A run order of 0 is drawn with the first but kept, so that the check reports
                // it as CreatePipeline would.
                action.x = action.x.max(next_free).max(0.0);
                next_free = action.x + X_PITCH;
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::pipeline::{Action, Category, Stage};

    /// A CodeBuild action `A{id}` at this run order and place (shared with the drop tests).
    pub(crate) fn action(id: u32, run_order: u32, x: f32) -> Action {
        Action {
            id: ActionId(id),
            name: format!("A{id}").into(),
            category: Category::Build,
            provider: "CodeBuild".into(),
            run_order,
            x,
            ..Default::default()
        }
    }

    fn overlaps(a: Rect4, b: Rect4) -> bool {
        a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3]
    }

    #[test]
    fn tidy_keeps_same_run_order_actions_apart() {
        let mut diagram = Diagram::new("t");
        diagram.stages[1].actions = vec![action(1, 1, 0.0), action(2, 1, 10.0), action(3, 2, 0.0)];
        tidy(&mut diagram);
        let xs: Vec<f32> = diagram.stages[1].actions.iter().map(|a| a.x).collect();
        assert_eq!(xs, [0.0, X_PITCH, 0.0]);
    }

    #[test]
    fn left_to_right_runs_later_actions_to_the_right_and_stacks_parallel_ones() {
        let mut diagram = Diagram::new("t");
        diagram.stages[1].actions = vec![action(1, 1, 0.0), action(2, 1, X_PITCH), action(3, 2, 0.0)];
        let placed = layout(&diagram);
        let [a, b, c] = [1, 2, 3].map(|id| placed.nodes[&ActionId(id)]);
        assert_eq!(a[0], b[0], "parallel actions share a column");
        assert!(b[1] > a[1] + a[3], "and stand one below the other");
        assert!(c[0] > a[0] + a[2], "a later run order stands to the right");
        assert_eq!(placed.columns[1].len(), 2);
        assert!(placed.lanes[1][0] > placed.lanes[0][0] + placed.lanes[0][2]);
    }

    #[test]
    fn top_to_bottom_puts_stages_in_rows_and_parallel_actions_side_by_side() {
        let mut diagram = Diagram::new("t");
        diagram.layout = LayoutDirection::TopToBottom;
        diagram.stages[0].actions = vec![action(4, 1, 0.0)];
        diagram.stages[1].actions = vec![action(1, 1, 0.0), action(2, 1, X_PITCH), action(3, 2, 0.0)];
        let placed = layout(&diagram);
        let [a, b, c, s] = [1, 2, 3, 4].map(|id| placed.nodes[&ActionId(id)]);
        assert_eq!(a[1], b[1], "parallel actions share a row");
        assert!(b[0] > a[0] + a[2], "side by side");
        assert!(c[1] > a[1] + a[3], "a later run order stands below");
        assert!(a[1] > s[1] + s[3], "the second stage is below the first");
        assert!(placed.lanes[1][1] > placed.lanes[0][1] + placed.lanes[0][3]);
        assert_eq!(
            placed.headers[1][1], placed.lanes[1][1],
            "the title is the top of the row"
        );
    }

    #[test]
    fn nodes_never_overlap_and_stay_in_their_lane() {
        for direction in LayoutDirection::ALL {
            let mut diagram = Diagram::new("t");
            diagram.layout = direction;
            diagram.stages[0].actions = (1..=5).map(|i| action(i, i % 3 + 1, i as f32)).collect();
            diagram.stages[1].actions = (6..=9).map(|i| action(i, 7, 0.0)).collect();
            tidy(&mut diagram);
            let placed = layout(&diagram);
            let nodes: Vec<(ActionId, Rect4)> = placed.nodes.iter().map(|(k, v)| (*k, *v)).collect();
            for (i, (id, a)) in nodes.iter().enumerate() {
                let lane = placed.lanes[placed.cells[id].stage];
                assert!(a[0] >= lane[0] && a[1] >= lane[1], "{direction:?}");
                assert!(a[0] + a[2] <= lane[0] + lane[2] && a[1] + a[3] <= lane[1] + lane[3]);
                for (_, b) in &nodes[i + 1..] {
                    assert!(!overlaps(*a, *b), "{direction:?}: {a:?} and {b:?}");
                }
            }
        }
    }

    #[test]
    fn empty_stages_still_get_a_lane_with_room_for_one_action() {
        let diagram = Diagram {
            stages: vec![Stage {
                name: "Only".into(),
                ..Default::default()
            }],
            ..Diagram::new("t")
        };
        let placed = layout(&diagram);
        assert!(placed.lanes[0][2] >= MIN_LANE_W);
        assert!(placed.columns[0].is_empty());
    }
}
