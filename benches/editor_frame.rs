//! Benchmark (not a test): CPU time per frame of every view, headless — the egui pass (layout,
//! hit testing, painting) plus tessellation, the CPU's share of a frame before the GPU draws.
//! The pipeline editor is measured with 20, 200, 500 and 2,000 actions, with the whole diagram
//! fitted in view (as it opens), at the farthest zoom that shows names (the most actions drawn
//! with their text) and at 100%, with the pointer moving over it (so wires and
//! ports are hit-tested every frame); then an action is dragged across a 500-action diagram and
//! the slowest frame of the drag is reported, and the frame that drops it (the edit, the rule
//! check and the save) apart. The other views are measured with the embedded course and with a
//! large generated pack (5,000 questions, 500 notes).
//! Run with `cargo bench --bench editor_frame`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // A benchmark stops loudly on a broken setup.

mod support;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use eframe::App as _;
use stagecraft::course::{self, PackSource};
use stagecraft::progress::{Progress, Store};
use stagecraft::ui::Mode;
use stagecraft::{AppConfig, StudyApp};

struct Bench {
    ctx: egui::Context,
    app: StudyApp,
    frame: eframe::Frame,
}

const SCREEN: egui::Rect = egui::Rect::from_min_max(egui::Pos2::ZERO, egui::pos2(1280.0, 800.0));

impl Bench {
    fn new(config: AppConfig) -> Self {
        let ctx = egui::Context::default();
        let app = StudyApp::new(&ctx, config).expect("the app starts");
        Self {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
        }
    }

    fn frame(&mut self, events: Vec<egui::Event>) -> (Duration, Duration) {
        let input = egui::RawInput {
            screen_rect: Some(SCREEN),
            events,
            ..egui::RawInput::default()
        };
        let start = Instant::now();
        let output = self.ctx.run_ui(input, |ui| self.app.ui(ui, &mut self.frame));
        let pass = start.elapsed();
        let _ = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        (pass, start.elapsed())
    }

    fn key(&mut self, key: egui::Key, modifiers: egui::Modifiers) {
        let event = egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        };
        self.frame(vec![event]);
        for _ in 0..4 {
            self.frame(Vec::new());
        }
    }

    /// Median pass and pass + tessellation over 60 frames with the pointer moving.
    fn measure(&mut self) -> (Duration, Duration) {
        let mut pass = Vec::new();
        let mut total = Vec::new();
        for i in 0..60_u16 {
            let x = 400.0 + f32::from(i % 30) * 12.0;
            let (p, t) = self.frame(vec![egui::Event::PointerMoved(egui::pos2(x, 300.0))]);
            pass.push(p);
            total.push(t);
        }
        pass.sort();
        total.sort();
        (pass[30], total[30])
    }

    /// The screen position of the action nearest the middle of the diagram.
    fn middle_action(&self) -> egui::Pos2 {
        let diagram = self.app.current_diagram().expect("a diagram");
        let placed = stagecraft::pipeline::layout::layout(diagram);
        let middle = egui::pos2(placed.size[0] / 2.0, placed.size[1] / 2.0);
        let center = |r: &[f32; 4]| egui::pos2(r[0] + r[2] / 2.0, r[1] + r[3] / 2.0);
        let nearest = placed
            .nodes
            .values()
            .map(center)
            .min_by(|a, b| a.distance(middle).total_cmp(&b.distance(middle)))
            .expect("an action");
        self.app.canvas_to_screen(nearest)
    }

    /// Zooms the canvas in (as Ctrl+scroll does) on the action nearest the middle of the
    /// diagram, to at least `zoom`, so that the view is full of actions and wires.
    fn zoom_to(&mut self, zoom: f32) {
        for _ in 0..60 {
            if self.app.pipeline_zoom() >= zoom {
                break;
            }
            let at = self.middle_action();
            let step = (zoom / self.app.pipeline_zoom()).min(4.0);
            self.frame(vec![egui::Event::PointerMoved(at), egui::Event::Zoom(step)]);
        }
        self.frame(Vec::new());
    }

    /// Presses on the action nearest the middle of the diagram, drags it 300 points over 60
    /// frames and drops it. Returns the slowest and the median frame of the drag (pass and
    /// tessellation), and the frame of the drop.
    fn drag_an_action(&mut self) -> (Duration, Duration, Duration) {
        let diagram = self.app.current_diagram().expect("a diagram").clone();
        let start = self.middle_action();
        let button = |pos, pressed| egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::default(),
        };
        self.frame(vec![egui::Event::PointerMoved(start)]);
        self.frame(vec![button(start, true)]);
        let mut frames = Vec::new();
        let mut at = start;
        for i in 0..60_u16 {
            at = start + egui::vec2(f32::from(i + 1) * 5.0, f32::from(i % 7));
            frames.push(self.frame(vec![egui::Event::PointerMoved(at)]).1);
        }
        let (_, drop) = self.frame(vec![button(at, false)]);
        assert_ne!(
            self.app.current_diagram(),
            Some(&diagram),
            "the drag moved an action (from {start:?} to {at:?}, zoom {})",
            self.app.pipeline_zoom()
        );
        frames.sort();
        (frames[frames.len() - 1], frames[frames.len() / 2], drop)
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn data_dir(name: &str, actions: usize, topic: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("stagecraft-bench-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut store = Store::open(&dir).expect("a temporary data dir");
    store
        .save_at("diagrams/bench.ron", &support::diagram(actions))
        .expect("saved");
    let progress = Progress {
        open_diagram: Some("diagrams/bench.ron".to_owned()),
        selected_topic: Some(topic.to_owned()),
        ..Progress::default()
    };
    store.save(&progress).expect("saved");
    // The first-run welcome would hold the keyboard.
    let settings = stagecraft::progress::Settings {
        welcome_done: true,
        ..Default::default()
    };
    store.save(&settings).expect("saved");
    dir
}

fn views(label: &str, course: Arc<course::Course>, dir: &Path) {
    let config = AppConfig {
        data_dir: dir.to_path_buf(),
        course,
        pack_problems: Vec::new(),
        clock: stagecraft::progress::Clock::System,
    };
    let mut bench = Bench::new(config);
    for (mode, key) in [
        (Mode::Notes, egui::Key::Num2),
        (Mode::Quiz, egui::Key::Num4),
        (Mode::Progress, egui::Key::Num5),
        (Mode::Pipelines, egui::Key::Num3),
    ] {
        bench.key(key, egui::Modifiers::COMMAND);
        assert_eq!(bench.app.mode(), mode);
        if mode == Mode::Notes {
            assert!(bench.app.open_topic().is_some(), "a note is open");
        }
        let (pass, total) = bench.measure();
        println!(
            "{label}: {mode:?} view: median egui pass {:.2} ms, with tessellation {:.2} ms",
            ms(pass),
            ms(total)
        );
    }
}

fn editor(actions: usize) {
    let dir = data_dir(&format!("editor-{actions}"), actions, "codebuild");
    let config = AppConfig::embedded(dir.clone()).expect("the embedded course");
    let mut bench = Bench::new(config);
    bench.key(egui::Key::Num3, egui::Modifiers::COMMAND);
    assert_eq!(bench.app.mode(), Mode::Pipelines);
    assert_eq!(
        bench
            .app
            .current_diagram()
            .map(stagecraft::pipeline::Diagram::action_count),
        Some(actions)
    );
    let (pass, total) = bench.measure();
    println!(
        "editor with {actions:>4} actions, all in view (zoom {:.3}): median egui pass {:.2} ms, with tessellation {:.2} ms per frame",
        bench.app.pipeline_zoom(),
        ms(pass),
        ms(total)
    );
    // The farthest out that names show: the most actions drawn with their text.
    bench.zoom_to(0.3);
    let (pass, total) = bench.measure();
    println!(
        "editor with {actions:>4} actions, at {:.0}% (names shown): median egui pass {:.2} ms, with tessellation {:.2} ms per frame",
        bench.app.pipeline_zoom() * 100.0,
        ms(pass),
        ms(total)
    );
    bench.zoom_to(1.0);
    let (pass, total) = bench.measure();
    println!(
        "editor with {actions:>4} actions, at 100%: median egui pass {:.2} ms, with tessellation {:.2} ms per frame",
        ms(pass),
        ms(total)
    );
    if actions == 500 {
        let (slowest, median, drop) = bench.drag_an_action();
        println!(
            "dragging an action in a {actions}-action diagram: slowest frame {:.2} ms, median {:.2} ms (with tessellation); the drop (edit, check, save) {:.2} ms",
            ms(slowest),
            ms(median),
            ms(drop)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    for actions in [20, 200, 500, 2000] {
        editor(actions);
    }
    // `cargo bench --bench editor_frame -- editor` measures the pipeline editor only.
    if std::env::args().any(|a| a == "editor") {
        return;
    }

    let pack = std::env::temp_dir().join(format!("stagecraft-bench-pack-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&pack);
    support::write_large_pack(&pack, 500, 5000);
    let started = Instant::now();
    let source = PackSource::from_dir(&pack).expect("the large pack reads");
    let report = course::load(&source);
    let large = report.course.expect("the large pack loads");
    let problems = course::check::check(&large, &source);
    println!(
        "large pack (500 notes, 5,000 questions): load and check {:.1} ms, {} problems",
        ms(started.elapsed()),
        problems.len()
    );
    let dir = data_dir("large", 2000, "t1");
    views("large pack, 2,000-action diagram", Arc::new(large), &dir);
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&pack);

    let dir = data_dir("embedded", 200, "codebuild");
    let embedded = course::load(&PackSource::embedded())
        .course
        .expect("the embedded pack");
    views("embedded pack, 200-action diagram", Arc::new(embedded), &dir);
    let _ = std::fs::remove_dir_all(&dir);
}
