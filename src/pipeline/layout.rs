//! Where things sit on the canvas: stages are lanes from left to right; inside a lane an
//! action's row is its run order and its horizontal place is its `x`. Shared by the editor and
//! the SVG export, in canvas units (converted to screen points by the UI).

use std::collections::BTreeMap;

use super::model::{ActionId, Diagram};

/// Width of an action node.
pub const NODE_W: f32 = 180.0;
/// Height of an action node.
pub const NODE_H: f32 = 60.0;
/// Height of a lane's title bar.
pub const LANE_HEADER: f32 = 44.0;
/// Vertical distance between run orders.
pub const ROW_H: f32 = 90.0;
/// Space between a lane's border and its nodes.
pub const LANE_PAD: f32 = 16.0;
/// Space between lanes.
pub const LANE_GAP: f32 = 36.0;
/// Horizontal space kept between nodes that share a run order.
pub const NODE_GAP: f32 = 20.0;
/// A lane is never narrower than this.
pub const MIN_LANE_W: f32 = NODE_W + 2.0 * LANE_PAD;
/// The snapping grid.
pub const GRID: f32 = 20.0;

/// An axis-aligned rectangle: `[x, y, width, height]`.
pub type Rect4 = [f32; 4];

/// Placed lanes and nodes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// One rectangle per stage, in stage order.
    pub lanes: Vec<Rect4>,
    pub nodes: BTreeMap<ActionId, Rect4>,
    /// Total size of the drawing.
    pub size: [f32; 2],
}

/// The highest run order used in any stage (at least 1).
#[must_use]
pub fn max_run_order(diagram: &Diagram) -> u32 {
    diagram
        .actions()
        .map(|(_, a)| a.run_order)
        .max()
        .unwrap_or(1)
        .max(1)
}

/// Lays out a diagram.
#[must_use]
pub fn layout(diagram: &Diagram) -> Layout {
    let rows = max_run_order(diagram) as f32;
    // One empty row below the last leaves room to drop a later action.
    let lane_h = LANE_HEADER + (rows + 1.0) * ROW_H;
    let mut x = 0.0;
    let mut lanes = Vec::with_capacity(diagram.stages.len());
    let mut nodes = BTreeMap::new();
    for stage in &diagram.stages {
        let content_w = stage
            .actions
            .iter()
            .map(|a| a.x.max(0.0) + NODE_W)
            .fold(0.0_f32, f32::max);
        let lane_w = (content_w + 2.0 * LANE_PAD).max(MIN_LANE_W);
        lanes.push([x, 0.0, lane_w, lane_h]);
        for action in &stage.actions {
            let node_x = x + LANE_PAD + action.x.max(0.0);
            let node_y = row_top(action.run_order);
            nodes.insert(action.id, [node_x, node_y, NODE_W, NODE_H]);
        }
        x += lane_w + LANE_GAP;
    }
    let width = (x - LANE_GAP).max(0.0);
    Layout {
        lanes,
        nodes,
        size: [width, lane_h],
    }
}

/// Top of a node in run order `run_order`, within its lane.
#[must_use]
pub fn row_top(run_order: u32) -> f32 {
    LANE_HEADER + (run_order.max(1) - 1) as f32 * ROW_H + (ROW_H - NODE_H) / 2.0
}

/// The run order for a node whose top edge is at `y` (rows are bands of `ROW_H`).
#[must_use]
pub fn run_order_at(y: f32) -> u32 {
    let row = ((y + NODE_H / 2.0 - LANE_HEADER) / ROW_H).floor();
    if row.is_finite() && row > 0.0 {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "positive and small"
        )]
        let row = row as u32;
        row.min(999) + 1
    } else {
        1
    }
}

/// The lane under canvas x, if any (between lanes counts as the nearer lane).
#[must_use]
pub fn lane_at(layout: &Layout, x: f32) -> Option<usize> {
    if layout.lanes.is_empty() {
        return None;
    }
    layout
        .lanes
        .iter()
        .enumerate()
        .min_by(|(_, a), (_, b)| distance_to_span(x, a).total_cmp(&distance_to_span(x, b)))
        .map(|(i, _)| i)
}

fn distance_to_span(x: f32, lane: &Rect4) -> f32 {
    if x < lane[0] {
        lane[0] - x
    } else if x > lane[0] + lane[2] {
        x - lane[0] - lane[2]
    } else {
        0.0
    }
}

/// Rounds to the grid.
#[must_use]
pub fn snap(value: f32) -> f32 {
    (value / GRID).round() * GRID
}

/// Makes actions that share a run order in a stage sit side by side without overlapping, in
/// the order of their `x`, and keeps every `x` non-negative.
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
                // A run order of 0 is drawn in the first row but kept, so that the check
                // reports it as CreatePipeline would.
                action.x = action.x.max(next_free).max(0.0);
                next_free = action.x + NODE_W + NODE_GAP;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{Action, ActionId, Category, Owner, Stage};

    fn action(id: u32, run_order: u32, x: f32) -> Action {
        Action {
            id: ActionId(id),
            name: format!("A{id}").into(),
            category: Category::Build,
            owner: Owner::AWS,
            provider: "CodeBuild".to_owned().into(),
            version: "1".to_owned().into(),
            run_order,
            configuration: BTreeMap::new(),
            inputs: Vec::new(),
            outputs: Vec::new(),
            region: None,
            role_arn: None,
            namespace: None,
            x,
            ..Default::default()
        }
    }

    #[test]
    fn rows_follow_run_order_and_back() {
        for run_order in 1..6 {
            assert_eq!(run_order_at(row_top(run_order)), run_order);
            assert_eq!(run_order_at(row_top(run_order) + ROW_H * 0.4), run_order);
        }
        assert_eq!(run_order_at(-500.0), 1);
    }

    #[test]
    fn tidy_puts_same_row_actions_side_by_side() {
        let mut diagram = Diagram::new("t");
        diagram.stages[1].actions = vec![action(1, 1, 0.0), action(2, 1, 10.0), action(3, 2, 0.0)];
        tidy(&mut diagram);
        let xs: Vec<f32> = diagram.stages[1].actions.iter().map(|a| a.x).collect();
        assert_eq!(xs, [0.0, NODE_W + NODE_GAP, 0.0]);
        let placed = layout(&diagram);
        assert_eq!(placed.lanes.len(), 2);
        assert!(placed.lanes[1][2] >= 2.0 * NODE_W);
        assert_eq!(lane_at(&placed, placed.lanes[1][0] + 5.0), Some(1));
    }

    #[test]
    fn empty_stages_get_a_minimum_lane() {
        let diagram = Diagram {
            stages: vec![Stage {
                name: "Only".to_owned().into(),
                actions: Vec::new(),
                ..Default::default()
            }],
            ..Diagram::new("t")
        };
        let placed = layout(&diagram);
        assert_eq!(placed.lanes[0][2], MIN_LANE_W);
    }
}
