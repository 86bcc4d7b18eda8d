//! Benchmark (not a test): CPU time per frame of the pipeline editor, headless — the egui pass
//! (layout, hit testing, painting) plus tessellation, the work the CPU does before the GPU
//! draws — for diagrams of 20, 200 and 2,000 actions, with the pointer moving over the canvas.
//! Run with `cargo bench --bench editor_frame`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // A benchmark stops loudly on a broken setup.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use eframe::App as _;
use stagecraft::pipeline::{Action, ActionId, Category, Diagram, Owner, Stage};
use stagecraft::progress::{Progress, Store};
use stagecraft::{AppConfig, StudyApp};

/// A diagram of `total` actions over ten stages, two side by side per run order, each build
/// reading the artifact of an action in the stage before.
fn diagram(total: usize) -> Diagram {
    let stages = 10;
    let per_stage = total / stages;
    let mut next = 1;
    let mut d = Diagram::new("bench");
    d.stages = (0..stages)
        .map(|s| Stage {
            name: format!("Stage{s}"),
            actions: (0..per_stage)
                .map(|i| {
                    let id = next;
                    next += 1;
                    Action {
                        id: ActionId(id),
                        name: format!("A{s}-{i}"),
                        category: if s == 0 { Category::Source } else { Category::Build },
                        owner: Owner::AWS,
                        provider: if s == 0 {
                            "S3".to_owned()
                        } else {
                            "CodeBuild".to_owned()
                        },
                        version: "1".to_owned(),
                        run_order: u32::try_from(i / 2 + 1).unwrap_or(1),
                        configuration: BTreeMap::from([("ProjectName".to_owned(), "p".to_owned())]),
                        inputs: if s == 0 {
                            Vec::new()
                        } else {
                            vec![format!("out-{}-{i}", s - 1)]
                        },
                        outputs: vec![format!("out-{s}-{i}")],
                        region: None,
                        role_arn: None,
                        namespace: None,
                        x: if i % 2 == 0 { 0.0 } else { 200.0 },
                    }
                })
                .collect(),
        })
        .collect();
    d
}

fn measure(total: usize) -> (Duration, Duration) {
    let dir = std::env::temp_dir().join(format!("stagecraft-bench-{total}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut store = Store::open(&dir).expect("a temporary data dir");
    store
        .save_at("diagrams/bench.ron", &diagram(total))
        .expect("saved");
    let progress = Progress {
        open_diagram: Some("diagrams/bench.ron".to_owned()),
        ..Progress::default()
    };
    store.save(&progress).expect("saved");

    let ctx = egui::Context::default();
    let config = AppConfig::embedded(dir.clone()).expect("the embedded course");
    let mut app = StudyApp::new(&ctx, config).expect("the app starts");
    let mut frame = eframe::Frame::_new_kittest();
    let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 800.0));
    let frame_input = |events: Vec<egui::Event>| egui::RawInput {
        screen_rect: Some(screen),
        events,
        ..egui::RawInput::default()
    };
    // Open the Pipelines mode (Ctrl+2) and let the layout settle.
    let ctrl_2 = egui::Event::Key {
        key: egui::Key::Num2,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    };
    let _ = ctx.run_ui(frame_input(vec![ctrl_2]), |ui| app.ui(ui, &mut frame));
    for _ in 0..5 {
        let _ = ctx.run_ui(frame_input(Vec::new()), |ui| app.ui(ui, &mut frame));
    }

    assert_eq!(
        app.mode(),
        stagecraft::ui::Mode::Pipelines,
        "the editor is showing"
    );
    assert_eq!(app.current_diagram().map(Diagram::action_count), Some(total));
    let frames = 60;
    let mut pass = Vec::with_capacity(frames);
    let mut total_time = Vec::with_capacity(frames);
    for i in 0..frames {
        #[expect(clippy::cast_precision_loss, reason = "small frame counts")]
        let x = 400.0 + (i % 30) as f32 * 12.0;
        let events = vec![egui::Event::PointerMoved(egui::pos2(x, 300.0))];
        let start = Instant::now();
        let output = ctx.run_ui(frame_input(events), |ui| app.ui(ui, &mut frame));
        let after_pass = start.elapsed();
        let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
        pass.push(after_pass);
        total_time.push(start.elapsed());
    }
    let _ = std::fs::remove_dir_all(&dir);
    pass.sort();
    total_time.sort();
    (pass[frames / 2], total_time[frames / 2])
}

fn main() {
    for total in [20, 200, 2000] {
        let (pass, with_tessellation) = measure(total);
        println!(
            "editor with {total:>4} actions: median egui pass {:>6.2} ms, with tessellation {:>6.2} ms per frame",
            pass.as_secs_f64() * 1000.0,
            with_tessellation.as_secs_f64() * 1000.0
        );
    }
}
