//! The whole pipeline in view, on the real app: Fit view fits every action into the canvas at
//! any window size, in both directions; the direction is chosen per diagram, saved and undone;
//! the palette and the inspector fold away by key, by button and in a narrow window; a new stage
//! comes into view without the pan being reset; stages move by dragging their titles.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use egui::{Key, Modifiers, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use stagecraft::StudyApp;
use stagecraft::pipeline::layout::layout;
use stagecraft::pipeline::{Action, ActionId, Category, Diagram, LayoutDirection, Stage};

use crate::common::{self, app_harness, canvas_point, drag};

/// Six stages of one action each, every action reading the one before: what a learner builds.
pub fn six_stages() -> Diagram {
    let names = ["Source", "Build", "Test", "Staging", "Approve", "Production"];
    let mut diagram = Diagram::new("six-stages");
    diagram.stages = names
        .iter()
        .enumerate()
        .map(|(i, name)| Stage {
            name: (*name).into(),
            actions: vec![Action {
                id: ActionId(u32::try_from(i).unwrap() + 1),
                name: format!("{name}Action").into(),
                category: if i == 0 { Category::Source } else { Category::Build },
                provider: "CodeBuild".into(),
                inputs: if i == 0 {
                    Vec::new()
                } else {
                    vec![format!("Out{}", i - 1).into()]
                },
                outputs: vec![format!("Out{i}").into()],
                ..Default::default()
            }],
            ..Default::default()
        })
        .collect();
    diagram
}

/// The app with `diagram` open in the pipeline editor.
pub fn open_in_editor(dir: &std::path::Path, diagram: &Diagram) -> Harness<'static, StudyApp> {
    let mut store = stagecraft::progress::Store::open(dir).unwrap();
    store.save_at("diagrams/test.ron", diagram).unwrap();
    let progress = stagecraft::progress::Progress {
        open_diagram: Some("diagrams/test.ron".to_owned()),
        ..Default::default()
    };
    store.save(&progress).unwrap();
    let mut harness = app_harness(dir);
    harness.get_by_label("Pipelines").click();
    harness.run_steps(4);
    assert!(harness.state().current_diagram().is_some(), "the diagram is open");
    harness
}

/// Where a canvas rectangle is on screen.
fn on_screen(harness: &Harness<'static, StudyApp>, r: [f32; 4]) -> Rect {
    let state = harness.state();
    Rect::from_min_max(
        state.canvas_to_screen(egui::pos2(r[0], r[1])),
        state.canvas_to_screen(egui::pos2(r[0] + r[2], r[1] + r[3])),
    )
}

fn fit(harness: &mut Harness<'static, StudyApp>) {
    harness.get_by_label("Fit view").click();
    harness.run_steps(4);
}

/// Asserts every action is on the canvas, whole.
fn assert_all_in_view(harness: &Harness<'static, StudyApp>, context: &str) {
    let diagram = harness.state().current_diagram().unwrap().clone();
    let canvas = harness.state().pipeline_canvas_rect();
    for (id, node) in &layout(&diagram).nodes {
        let shown = on_screen(harness, *node);
        assert!(
            canvas.contains_rect(shown),
            "{context}: {id:?} at {shown:?} outside {canvas:?}"
        );
    }
}

#[test]
fn fit_view_shows_every_action_at_any_window_size_in_both_directions() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_in_editor(dir.path(), &six_stages());
    for direction in ["↓ Top to bottom", "→ Left to right"] {
        harness.get_by_label(direction).click();
        harness.run_steps(4);
        for size in [
            vec2(1280.0, 800.0),
            vec2(1024.0, 700.0),
            vec2(760.0, 560.0),
            vec2(1920.0, 1080.0),
        ] {
            harness.set_size(size);
            harness.run_steps(6);
            fit(&mut harness);
            assert_all_in_view(&harness, &format!("{direction} at {size:?}"));
        }
        // At the default window the six stages are shown with their names.
        harness.set_size(vec2(1280.0, 800.0));
        harness.run_steps(6);
        fit(&mut harness);
        assert!(
            harness.state().pipeline_shows_names(),
            "{direction}: zoom {} hides the names",
            harness.state().pipeline_zoom()
        );
    }
}

#[test]
fn the_direction_is_chosen_per_diagram_saved_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_in_editor(dir.path(), &six_stages());
    let file = dir.path().join("diagrams/test.ron");
    let source = |h: &Harness<'static, StudyApp>| canvas_point(h, "SourceAction (CodeBuild)", vec2(0.0, 0.0));
    let build = |h: &Harness<'static, StudyApp>| canvas_point(h, "BuildAction (CodeBuild)", vec2(0.0, 0.0));
    assert!(build(&harness).x > source(&harness).x, "left to right at first");

    harness.get_by_label("↓ Top to bottom").click();
    harness.run_steps(4);
    assert_eq!(
        harness.state().current_diagram().unwrap().layout,
        LayoutDirection::TopToBottom
    );
    assert!(
        build(&harness).y > source(&harness).y,
        "the second stage is below the first"
    );
    assert!(
        (build(&harness).x - source(&harness).x).abs() < 1.0,
        "in the same column"
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("layout: TopToBottom")
    );
    assert_all_in_view(&harness, "fitted after the change");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(4);
    assert_eq!(
        harness.state().current_diagram().unwrap().layout,
        LayoutDirection::LeftToRight
    );
    assert!(
        !std::fs::read_to_string(&file).unwrap().contains("layout:"),
        "the default is left out"
    );
    assert!(build(&harness).x > source(&harness).x);
}

#[test]
fn the_palette_and_the_inspector_fold_away_by_key_by_button_and_when_narrow() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_in_editor(dir.path(), &six_stages());
    let palette_shown =
        |h: &Harness<'static, StudyApp>| h.query_by_label("Palette: AWS CodeCommit").is_some();
    assert!(palette_shown(&harness));
    assert_eq!(harness.state().pipeline_panels_open(), (true, true));
    let wide = harness.state().pipeline_canvas_rect().width();

    harness.key_press_modifiers(Modifiers::COMMAND, Key::OpenBracket);
    harness.run_steps(10);
    assert_eq!(harness.state().pipeline_panels_open(), (false, true));
    assert!(!palette_shown(&harness));
    assert!(
        harness.state().pipeline_canvas_rect().width() > wide + 150.0,
        "the canvas takes the room"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::CloseBracket);
    harness.run_steps(10);
    assert_eq!(harness.state().pipeline_panels_open(), (false, false));

    harness.get_by_label("Show the palette").click();
    harness.run_steps(10);
    harness.get_by_label("Show the inspector").click();
    harness.run_steps(10);
    assert_eq!(harness.state().pipeline_panels_open(), (true, true));
    assert!(palette_shown(&harness));
    harness.get_by_label("Hide the inspector").click();
    harness.run_steps(10);
    assert_eq!(harness.state().pipeline_panels_open(), (true, false));
    harness.get_by_label("Show the inspector").click();
    harness.run_steps(10);

    // Narrow windows fold the palette first, then the inspector; wide again, both return.
    harness.set_size(vec2(960.0, 700.0));
    harness.run_steps(10);
    assert_eq!(harness.state().pipeline_panels_open(), (false, true));
    harness.set_size(vec2(760.0, 600.0));
    harness.run_steps(10);
    assert_eq!(harness.state().pipeline_panels_open(), (false, false));
    assert!(harness.state().pipeline_canvas_rect().width() > 700.0);
    harness.set_size(vec2(1280.0, 800.0));
    harness.run_steps(10);
    assert_eq!(harness.state().pipeline_panels_open(), (true, true));
}

#[test]
fn a_new_stage_comes_into_view_without_resetting_the_pan_or_the_zoom() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.set_size(vec2(1920.0, 1080.0));
    harness.run_steps(4);
    common::new_pipeline(&mut harness);
    let origin = |h: &Harness<'static, StudyApp>| h.state().canvas_to_screen(egui::pos2(0.0, 0.0));
    let before = origin(&harness);
    harness.get_by_label("Add stage").click();
    harness.run_steps(4);
    assert_eq!(
        origin(&harness),
        before,
        "room enough: the view stays where it was"
    );

    // The fit stands, so a smaller window fits the diagram again; stages added past its edge
    // are then brought into view, keeping the zoom.
    harness.set_size(vec2(1280.0, 800.0));
    harness.run_steps(6);
    assert_all_in_view(&harness, "fitted again after the resize");
    let zoom = harness.state().pipeline_zoom();
    let before = origin(&harness);
    for added in 4..=6 {
        harness.get_by_label("Add stage").click();
        harness.run_steps(4);
        let diagram = harness.state().current_diagram().unwrap().clone();
        assert_eq!(diagram.stages.len(), added);
        let lane = on_screen(&harness, layout(&diagram).lanes[added - 1]);
        let canvas = harness.state().pipeline_canvas_rect();
        assert!(
            canvas.contains_rect(lane),
            "stage {added} at {lane:?}, canvas {canvas:?}"
        );
        assert!(
            (harness.state().pipeline_zoom() - zoom).abs() < 1e-4,
            "the zoom is kept"
        );
        assert!(
            (origin(&harness).y - before.y).abs() < 0.5,
            "no pan across the flow"
        );
    }
}

#[test]
fn stages_move_by_dragging_their_title_and_one_undo_puts_them_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_in_editor(dir.path(), &six_stages());
    let names = |h: &Harness<'static, StudyApp>| -> Vec<String> {
        h.state()
            .current_diagram()
            .unwrap()
            .stages
            .iter()
            .map(|s| s.name.to_string())
            .collect()
    };
    for direction in ["→ Left to right", "↓ Top to bottom"] {
        harness.get_by_label(direction).click();
        harness.run_steps(4);
        let start = canvas_point(&harness, "Stage 1: Source", vec2(0.0, 0.0));
        let target = canvas_point(&harness, "Stage 3: Test", vec2(0.0, 0.0));
        drag(&mut harness, start, target);
        assert_eq!(
            names(&harness),
            ["Build", "Test", "Source", "Staging", "Approve", "Production"],
            "{direction}"
        );
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run_steps(3);
        assert_eq!(names(&harness)[0], "Source", "{direction}");
    }
}
