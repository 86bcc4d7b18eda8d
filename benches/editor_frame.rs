//! Benchmark (not a test): CPU time per frame of every view, headless — the egui pass (layout,
//! hit testing, painting) plus tessellation, the CPU's share of a frame before the GPU draws.
//! The pipeline editor is measured with 20, 200 and 2,000 actions; the other views with the
//! embedded course and with a large generated pack (5,000 questions, 500 notes).
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
        (Mode::Notes, egui::Key::Num1),
        (Mode::Quiz, egui::Key::Num3),
        (Mode::Progress, egui::Key::Num4),
        (Mode::Pipelines, egui::Key::Num2),
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

fn main() {
    for actions in [20, 200, 2000] {
        let dir = data_dir(&format!("editor-{actions}"), actions, "codebuild");
        let config = AppConfig::embedded(dir.clone()).expect("the embedded course");
        let mut bench = Bench::new(config);
        bench.key(egui::Key::Num2, egui::Modifiers::COMMAND);
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
            "editor with {actions:>4} actions: median egui pass {:.2} ms, with tessellation {:.2} ms per frame",
            ms(pass),
            ms(total)
        );
        let _ = std::fs::remove_dir_all(&dir);
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
