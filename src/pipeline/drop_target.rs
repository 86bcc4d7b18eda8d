//! Where an action dropped on the canvas lands: the stage whose lane is nearest along the flow,
//! the run order whose column holds the drop (past the last column: a new, later run order),
//! and its place among the actions that share that run order (the slot it was dropped on).
//! Shared by drops from the palette and moves of placed actions, in both directions.

use std::collections::BTreeSet;

use super::layout::{Layout, X_PITCH};
use super::model::{ActionId, Diagram};

/// The stage, run order and `x` (its order among parallel actions) an action lands at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DropTarget {
    pub stage: usize,
    pub run_order: u32,
    pub x: f32,
}

/// The stage whose lane is nearest to `main` along the flow (between two lanes: the nearer).
#[must_use]
pub fn lane_at(placed: &Layout, main: f32) -> Option<usize> {
    (0..placed.lanes.len())
        .min_by(|&a, &b| distance_to_lane(placed, a, main).total_cmp(&distance_to_lane(placed, b, main)))
}

fn distance_to_lane(placed: &Layout, stage: usize, main: f32) -> f32 {
    let Some([start, end]) = placed.lane_span(stage) else {
        return f32::INFINITY;
    };
    if main < start {
        start - main
    } else if main > end {
        main - end
    } else {
        0.0
    }
}

/// Where an action whose centre is dropped at `center` (canvas units) lands. `moving` are the
/// actions being moved, which do not count as neighbours.
#[must_use]
pub fn drop_target(
    placed: &Layout,
    diagram: &Diagram,
    center: [f32; 2],
    moving: &BTreeSet<ActionId>,
) -> Option<DropTarget> {
    let [main, cross] = placed.to_axes(center);
    let stage = lane_at(placed, main)?;
    let metrics = placed.metrics();
    let columns = placed.columns.get(stage)?;
    let run_order = match columns
        .iter()
        .find(|column| main < column.end + metrics.column_gap / 2.0)
    {
        Some(column) => column.run_order,
        None => columns
            .last()
            .map_or(1, |column| column.run_order.saturating_add(1)),
    };
    let slots_start = placed.slots.first().copied().unwrap_or(0.0);
    let slot = ((cross - slots_start + metrics.slot_gap / 2.0) / metrics.slot_pitch()).floor();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to a small non-negative count"
    )]
    let slot = slot.clamp(0.0, 1000.0) as usize;
    let mut neighbours: Vec<(f32, usize)> = diagram
        .stages
        .get(stage)?
        .actions
        .iter()
        .enumerate()
        .filter(|(_, a)| a.run_order.max(1) == run_order && !moving.contains(&a.id))
        .map(|(i, a)| (a.x, i))
        .collect();
    neighbours.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let x = match (
        slot.checked_sub(1).and_then(|s| neighbours.get(s)),
        neighbours.get(slot),
    ) {
        (None, None) => 0.0,
        // Before the first: [`super::layout::tidy`] makes it 0 and moves the others along.
        (None, Some(next)) => next.0 - X_PITCH / 2.0,
        (Some(previous), None) => previous.0 + X_PITCH,
        (Some(previous), Some(next)) => f32::midpoint(previous.0, next.0),
    };
    Some(DropTarget { stage, run_order, x })
}

/// The stage index a lane being dragged by its title would move to, its centre along the flow
/// now at `main`: the lane whose middle is nearest.
#[must_use]
pub fn stage_drop_index(placed: &Layout, main: f32) -> Option<usize> {
    (0..placed.lanes.len()).min_by(|&a, &b| {
        let middle = |stage: usize| {
            placed
                .lane_span(stage)
                .map_or(f32::INFINITY, |[start, end]| f32::midpoint(start, end))
        };
        (middle(a) - main).abs().total_cmp(&(middle(b) - main).abs())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::LayoutDirection;
    use crate::pipeline::layout::tests::action;
    use crate::pipeline::layout::{layout, tidy};

    fn center(placed: &Layout, id: u32) -> [f32; 2] {
        let [x, y, w, h] = placed.nodes[&ActionId(id)];
        [x + w / 2.0, y + h / 2.0]
    }

    #[test]
    fn a_drop_on_an_action_joins_its_run_order_and_past_the_last_starts_a_new_one() {
        for direction in LayoutDirection::ALL {
            let mut diagram = Diagram::new("t");
            diagram.layout = direction;
            diagram.stages[1].actions = vec![action(1, 1, 0.0), action(2, 2, 0.0)];
            let placed = layout(&diagram);
            let none = BTreeSet::new();
            let on_first = drop_target(&placed, &diagram, center(&placed, 1), &none).unwrap();
            assert_eq!((on_first.stage, on_first.run_order), (1, 1), "{direction:?}");
            // One run order further along the flow than the last: a new, later run order.
            let [main, cross] = placed.to_axes(center(&placed, 2));
            let m = placed.metrics();
            let past = placed.from_axes([main + m.node_main / 2.0 + m.spare_main / 2.0, cross]);
            let later = drop_target(&placed, &diagram, past, &none).unwrap();
            assert_eq!((later.stage, later.run_order), (1, 3), "{direction:?}");
            // Far before everything: the first stage, the first run order.
            let early = drop_target(&placed, &diagram, [-500.0, -500.0], &none).unwrap();
            assert_eq!((early.stage, early.run_order), (0, 1), "{direction:?}");
        }
    }

    #[test]
    fn a_drop_between_parallel_actions_takes_that_place() {
        for direction in LayoutDirection::ALL {
            let mut diagram = Diagram::new("t");
            diagram.layout = direction;
            diagram.stages[1].actions = vec![
                action(1, 1, 0.0),
                action(2, 1, X_PITCH),
                action(3, 1, 2.0 * X_PITCH),
            ];
            let placed = layout(&diagram);
            // Action 1 dropped on the third slot moves after action 3.
            let target = drop_target(
                &placed,
                &diagram,
                center(&placed, 3),
                &BTreeSet::from([ActionId(1)]),
            )
            .unwrap();
            let mut moved = diagram.clone();
            moved.stages[1].actions[0].x = target.x;
            tidy(&mut moved);
            let after = layout(&moved);
            let order = |id: u32| after.cells[&ActionId(id)].slot;
            assert_eq!([order(2), order(3), order(1)], [0, 1, 2], "{direction:?}");
        }
    }

    #[test]
    fn a_dragged_lane_goes_to_the_stage_whose_middle_is_nearest() {
        let mut diagram = Diagram::new("t");
        diagram.stages.push(diagram.stages[1].clone());
        let placed = layout(&diagram);
        let [start, end] = placed.lane_span(2).unwrap();
        assert_eq!(
            stage_drop_index(&placed, f32::midpoint(start, end) + 5.0),
            Some(2)
        );
        assert_eq!(stage_drop_index(&placed, -1000.0), Some(0));
    }
}
