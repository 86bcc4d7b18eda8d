//! A wrapper used by the start-up benchmark: draws the app once, prints how long the first frame
//! took from process start and the resident memory, then closes the window.

use std::time::Instant;

use crate::ui::StudyApp;

/// Shows the app for one frame, reports, and closes.
pub struct FirstFrameReport {
    app: StudyApp,
    started: Instant,
    frames: u32,
}

impl FirstFrameReport {
    /// Wraps the app; `started` is when the process began.
    #[must_use]
    pub fn new(app: StudyApp, started: Instant) -> Self {
        Self {
            app,
            started,
            frames: 0,
        }
    }
}

impl eframe::App for FirstFrameReport {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        eframe::App::ui(&mut self.app, ui, frame);
        self.frames += 1;
        if self.frames == 1 {
            let millis = self.started.elapsed().as_secs_f64() * 1000.0;
            eprintln!(
                "first frame after {millis:.1} ms; resident memory {} KiB",
                resident_kib().unwrap_or(0)
            );
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }
}

/// Resident set size of this process (Linux; `None` elsewhere).
#[must_use]
pub fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
