//! Honest wires on the real app: hovering a wire or a port lights up the artifact's producer and
//! every consumer, in both directions; the transitions between stages are shown, a disabled one
//! (from a template's `DisableInboundStageTransitions`) for what it is; and top to bottom, drops
//! and moves land in the run order and stage they are dropped on.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::collections::BTreeSet;

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stagecraft::StudyApp;
use stagecraft::pipeline::layout::layout;
use stagecraft::pipeline::routing::route_all;
use stagecraft::pipeline::{Action, ActionId, Diagram, LayoutDirection};

use crate::common::{canvas_point, drag};
use crate::ui_pipeline_view::open_in_editor;

/// Source makes Code; Build and Test read it; Build makes Package, which Deploy reads.
fn fan_out(direction: LayoutDirection) -> Diagram {
    let action = |id: u32, name: &str, inputs: &[&str], outputs: &[&str]| Action {
        id: ActionId(id),
        name: name.into(),
        provider: "CodeBuild".into(),
        inputs: inputs.iter().map(|&i| i.into()).collect(),
        outputs: outputs.iter().map(|&o| o.into()).collect(),
        ..Default::default()
    };
    let mut diagram = Diagram::new("fan-out");
    diagram.layout = direction;
    diagram.stages[0].actions = vec![action(1, "Source", &[], &["Code"])];
    diagram.stages[1].actions = vec![
        action(2, "Build", &["Code"], &["Package"]),
        Action {
            run_order: 2,
            ..action(3, "Test", &["Code"], &[])
        },
    ];
    diagram.stages.push(stagecraft::pipeline::Stage {
        name: "Deploy".into(),
        actions: vec![action(4, "Deploy", &["Package"], &[])],
        ..Default::default()
    });
    diagram
}

fn hover(harness: &mut Harness<'static, StudyApp>, at: egui::Pos2) -> (BTreeSet<u32>, BTreeSet<String>) {
    harness.hover_at(at);
    harness.run_steps(2);
    let (actions, artifacts) = harness.state().pipeline_highlight();
    (actions.iter().map(|a| a.0).collect(), artifacts.clone())
}

#[test]
fn hovering_a_port_or_a_wire_lights_up_the_producer_and_every_consumer() {
    for direction in LayoutDirection::ALL {
        let dir = tempfile::tempdir().unwrap();
        let diagram = fan_out(direction);
        let mut harness = open_in_editor(dir.path(), &diagram);
        let code = BTreeSet::from(["Code".to_owned()]);

        let output = canvas_point(&harness, "Output of Source", vec2(0.0, 0.0));
        assert_eq!(
            hover(&mut harness, output),
            (BTreeSet::from([1, 2, 3]), code.clone()),
            "{direction:?}"
        );

        let input = canvas_point(&harness, "Input of Deploy", vec2(0.0, 0.0));
        let package = BTreeSet::from(["Package".to_owned()]);
        assert_eq!(
            hover(&mut harness, input),
            (BTreeSet::from([2, 4]), package),
            "{direction:?}"
        );

        // The middle of the wire's longest segment, from the same routing the canvas draws.
        let wire = route_all(&diagram, &layout(&diagram))
            .into_iter()
            .find(|w| w.consumer == ActionId(3))
            .unwrap();
        let (a, b) = wire
            .points
            .windows(2)
            .map(|s| (s[0], s[1]))
            .max_by(|x, y| {
                let length = |(p, q): &([f32; 2], [f32; 2])| (p[0] - q[0]).abs() + (p[1] - q[1]).abs();
                length(x).total_cmp(&length(y))
            })
            .unwrap();
        let middle = harness
            .state()
            .canvas_to_screen(egui::pos2(f32::midpoint(a[0], b[0]), f32::midpoint(a[1], b[1])));
        assert_eq!(
            hover(&mut harness, middle),
            (BTreeSet::from([1, 2, 3]), code),
            "{direction:?}"
        );

        // Empty canvas lights nothing.
        let canvas = harness.state().pipeline_canvas_rect();
        let empty = canvas.right_bottom() - vec2(5.0, 5.0);
        assert_eq!(
            hover(&mut harness, empty),
            (BTreeSet::new(), BTreeSet::new()),
            "{direction:?}"
        );
    }
}

#[test]
fn a_disabled_inbound_transition_is_shown_for_what_it_is() {
    let template =
        std::fs::read_to_string("tests/fixtures/templates/20-approval-then-beanstalk.yaml").unwrap();
    let mut diagram = stagecraft::pipeline::cloudformation::import(&template).unwrap();
    for direction in LayoutDirection::ALL {
        diagram.layout = direction;
        let dir = tempfile::tempdir().unwrap();
        let harness = open_in_editor(dir.path(), &diagram);
        harness.get_by_label("Transition into Test: enabled");
        harness.get_by_label("Transition into Production: disabled (Frozen until the migration is done)");
        assert!(
            harness
                .query_by_label("Transition into Source: enabled")
                .is_none(),
            "none into the first"
        );
    }
}

#[test]
fn top_to_bottom_drops_and_moves_land_where_they_are_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let mut diagram = Diagram::new("tb");
    diagram.layout = LayoutDirection::TopToBottom;
    let mut harness = open_in_editor(dir.path(), &diagram);
    // Into the empty Build stage, just under its title.
    let item = harness.get_by_label("Palette: AWS CodeBuild").rect().center();
    let title = harness.get_by_label("Stage 2: Build").rect();
    let under = harness
        .state()
        .canvas_to_screen(egui::pos2(title.left() + 90.0, title.bottom() + 40.0));
    drag(&mut harness, item, under);
    let placed: Vec<(usize, u32)> = harness
        .state()
        .current_diagram()
        .unwrap()
        .actions()
        .map(|(stage, a)| (stage, a.run_order))
        .collect();
    assert_eq!(placed, [(1, 1)]);

    // Dragged down by one row, it runs later in the same stage.
    let zoom = harness.state().pipeline_zoom();
    let start = canvas_point(&harness, "CodeBuild (CodeBuild)", vec2(0.0, 0.0));
    let row = stagecraft::pipeline::layout::NODE_H + 20.0;
    drag(&mut harness, start, start + vec2(0.0, row * zoom));
    let action = &harness.state().current_diagram().unwrap().stages[1].actions[0];
    assert_eq!(action.run_order, 2);

    // Dragged up past the Build stage's title, it moves into Source.
    let start = canvas_point(&harness, "CodeBuild (CodeBuild)", vec2(0.0, 0.0));
    let source = harness.get_by_label("Stage 1: Source").rect();
    let into_source = harness
        .state()
        .canvas_to_screen(egui::pos2(source.left() + 90.0, source.bottom() + 40.0));
    drag(&mut harness, start, into_source);
    let placed: Vec<usize> = harness
        .state()
        .current_diagram()
        .unwrap()
        .actions()
        .map(|(stage, _)| stage)
        .collect();
    assert_eq!(placed, [0]);
}

/// An action shows only the ports its provider takes: a source has no input, a manual approval
/// neither, a build both.
#[test]
fn each_action_shows_only_the_ports_its_provider_takes() {
    let dir = tempfile::tempdir().unwrap();
    let mut diagram = Diagram::new("ports");
    let spec = |key: &str| stagecraft::pipeline::catalog::by_key(key).unwrap();
    let mut source = spec("codecommit").new_action("Checkout");
    source.id = ActionId(1);
    let mut approve = spec("manual-approval").new_action("Approve");
    approve.id = ActionId(2);
    let mut build = spec("codebuild").new_action("Compile");
    build.id = ActionId(3);
    diagram.stages[0].actions.push(source);
    diagram.stages[1].actions.extend([approve, build]);
    let harness = open_in_editor(dir.path(), &diagram);
    let has = |label: &str| harness.query_by_label(label).is_some();
    assert!(!has("Input of Checkout") && has("Output of Checkout"));
    assert!(!has("Input of Approve") && !has("Output of Approve"));
    assert!(has("Input of Compile") && has("Output of Compile"));
}
