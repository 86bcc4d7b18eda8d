//! The routing's promise, checked on generated diagrams in both directions: every segment is
//! horizontal or vertical, each wire starts on its producer and ends on its consumer, and no
//! segment passes through any action or along a transition arrow.

use std::collections::BTreeSet;

use super::*;
use crate::pipeline::layout::{layout, tidy};
use crate::pipeline::{Action, Category, Stage};

/// A small deterministic generator (xorshift), so a failure can be replayed from its seed.
struct Generator(u64);

impl Generator {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        #[expect(clippy::cast_possible_truncation, reason = "a small modulus")]
        let value = (self.0 % n as u64) as usize;
        value
    }
}

/// A diagram of up to six stages with up to seven actions each over up to four run orders,
/// each action reading up to two artifacts from anywhere in the pipeline (later stages, its
/// own run order and itself included: wires must cope with what a learner draws).
fn generated(seed: u64, direction: LayoutDirection) -> Diagram {
    let mut random = Generator(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut diagram = Diagram::new("generated");
    diagram.layout = direction;
    let mut next = 1;
    diagram.stages = (0..=random.below(6))
        .map(|s| Stage {
            name: format!("S{s}").into(),
            actions: (0..random.below(8))
                .map(|_| {
                    let id = next;
                    next += 1;
                    Action {
                        id: ActionId(id),
                        name: format!("A{id}").into(),
                        category: Category::Build,
                        provider: "CodeBuild".into(),
                        #[expect(clippy::cast_possible_truncation, reason = "below 5")]
                        run_order: random.below(5) as u32,
                        #[expect(clippy::cast_precision_loss, reason = "below 500")]
                        x: random.below(500) as f32,
                        outputs: (0..random.below(3))
                            .map(|k| format!("out{id}-{k}").into())
                            .collect(),
                        ..Default::default()
                    }
                })
                .collect(),
            ..Default::default()
        })
        .collect();
    let artifacts: Vec<String> = diagram
        .actions()
        .flat_map(|(_, a)| a.outputs.iter().map(ToString::to_string))
        .collect();
    if !artifacts.is_empty() {
        for stage in &mut diagram.stages {
            for action in &mut stage.actions {
                let reads: BTreeSet<usize> = (0..random.below(3))
                    .map(|_| random.below(artifacts.len()))
                    .collect();
                action.inputs = reads.into_iter().map(|i| artifacts[i].clone().into()).collect();
            }
        }
    }
    tidy(&mut diagram);
    diagram
}

/// Whether an axis-aligned segment passes through the inside of a rectangle (touching its
/// edge does not count).
fn crosses(a: Point, b: Point, rect: Rect4) -> bool {
    let [x, y, w, h] = rect;
    let inside = 0.01;
    let (left, right) = (a[0].min(b[0]), a[0].max(b[0]));
    let (top, bottom) = (a[1].min(b[1]), a[1].max(b[1]));
    left < x + w - inside && right > x + inside && top < y + h - inside && bottom > y + inside
}

fn on_edge(p: Point, rect: Rect4) -> bool {
    let [x, y, w, h] = rect;
    let near = |a: f32, b: f32| (a - b).abs() < 1e-3;
    let within = |v: f32, low: f32, high: f32| v >= low - 1e-3 && v <= high + 1e-3;
    ((near(p[0], x) || near(p[0], x + w)) && within(p[1], y, y + h))
        || ((near(p[1], y) || near(p[1], y + h)) && within(p[0], x, x + w))
}

#[test]
fn no_wire_passes_through_an_action_in_either_direction() {
    let mut wires_checked = 0;
    for direction in LayoutDirection::ALL {
        for seed in 1..400 {
            let diagram = generated(seed, direction);
            let placed = layout(&diagram);
            // The transition arrows, a little thickened: wires keep clear of them too.
            let arrows: Vec<(usize, Rect4)> = (1..diagram.stages.len())
                .filter_map(|into| {
                    let (from, to) = crate::pipeline::transitions::arrow(&placed, into)?;
                    let (low, high) = (
                        [from[0].min(to[0]), from[1].min(to[1])],
                        [from[0].max(to[0]), from[1].max(to[1])],
                    );
                    Some((
                        into,
                        [
                            low[0] - 3.0,
                            low[1] - 3.0,
                            high[0] - low[0] + 6.0,
                            high[1] - low[1] + 6.0,
                        ],
                    ))
                })
                .collect();
            for wire in route_all(&diagram, &placed) {
                let context = format!(
                    "{direction:?}, seed {seed}, {} from {:?} to {:?}: {:?}",
                    wire.artifact, wire.producer, wire.consumer, wire.points
                );
                assert!(wire.points.len() >= 2, "{context}");
                assert!(on_edge(wire.points[0], placed.nodes[&wire.producer]), "{context}");
                assert!(
                    on_edge(*wire.points.last().unwrap(), placed.nodes[&wire.consumer]),
                    "{context}"
                );
                for segment in wire.points.windows(2) {
                    let [a, b] = [segment[0], segment[1]];
                    assert!(a[0] == b[0] || a[1] == b[1], "not orthogonal: {context}");
                    for (id, node) in &placed.nodes {
                        assert!(!crosses(a, b, *node), "passes through {id:?}: {context}");
                    }
                    for (into, arrow) in &arrows {
                        assert!(
                            !crosses(a, b, *arrow),
                            "runs along the transition into {into}: {context}"
                        );
                    }
                }
                wires_checked += 1;
            }
        }
    }
    assert!(wires_checked > 2000, "{wires_checked} wires checked");
}

#[test]
fn a_wire_to_the_next_run_order_turns_once_and_others_use_a_corridor() {
    let mut diagram = Diagram::new("t");
    diagram.stages[0].actions = vec![Action {
        id: ActionId(1),
        name: "Source".into(),
        outputs: vec!["Code".into()],
        ..Default::default()
    }];
    diagram.stages[1].actions = vec![
        Action {
            id: ActionId(2),
            name: "Build".into(),
            inputs: vec!["Code".into()],
            ..Default::default()
        },
        Action {
            id: ActionId(3),
            name: "Test".into(),
            run_order: 2,
            inputs: vec!["Code".into()],
            ..Default::default()
        },
    ];
    let placed = layout(&diagram);
    let wires = route_all(&diagram, &placed);
    assert_eq!(wires.len(), 2);
    // Source and Build face each other across the lane gap: a straight line.
    assert_eq!(wires[0].points.len(), 2, "{:?}", wires[0].points);
    // Test is one run order further: the wire goes round Build along a corridor.
    assert_eq!(wires[1].points.len(), 6, "{:?}", wires[1].points);
    let build = placed.nodes[&ActionId(2)];
    let corridor = wires[1].points[2][1];
    assert!(
        corridor <= build[1] || corridor >= build[1] + build[3],
        "{:?}",
        wires[1].points
    );
}

#[test]
fn helpers_measure_paths() {
    let path = [[0.0, 0.0], [10.0, 0.0], [10.0, 30.0], [50.0, 30.0]];
    assert_eq!(distance_to_path(&path, [5.0, 2.0]), 2.0);
    assert_eq!(longest_horizontal(&path), Some(([10.0, 30.0], [50.0, 30.0])));
    let elbow = elbow(
        LayoutDirection::TopToBottom,
        [0.0, 0.0, 10.0, 10.0],
        [0.0, 40.0, 10.0, 10.0],
    );
    assert_eq!(elbow.first(), Some(&[5.0, 10.0]));
    assert_eq!(elbow.last(), Some(&[5.0, 40.0]));
}
