//! What the pipeline editor lets tests read of its view, in what a learner sees: the canvas's
//! place and zoom, which side panels are open, and what the pointer lights up.

use std::collections::BTreeSet;

use crate::pipeline::ActionId;
use crate::ui::shell::app::StudyApp;

impl StudyApp {
    /// Where the pipeline canvas is on screen, as of the last frame.
    #[must_use]
    pub fn pipeline_canvas_rect(&self) -> egui::Rect {
        self.editor.canvas_rect
    }

    /// Screen points per canvas unit, as of the last frame.
    #[must_use]
    pub fn pipeline_zoom(&self) -> f32 {
        self.editor.to_screen.scaling
    }

    /// Whether the canvas shows the actions' names at its zoom (they stay at least 10 points
    /// tall on screen; zoomed further out, only colours and glyphs).
    #[must_use]
    pub fn pipeline_shows_names(&self) -> bool {
        self.pipeline_zoom() >= crate::ui::pipeline::nodes::NAMES_FROM_ZOOM
    }

    /// Whether the palette and the inspector are open.
    #[must_use]
    pub fn pipeline_panels_open(&self) -> (bool, bool) {
        let panels = self.editor.panels;
        (panels.palette.is_open(), panels.inspector.is_open())
    }

    /// The actions lit up by what the pointer is over (a wire or a port), and the artifacts.
    #[must_use]
    pub fn pipeline_highlight(&self) -> (&BTreeSet<ActionId>, &BTreeSet<String>) {
        (&self.editor.hover.actions, &self.editor.hover.artifacts)
    }
}
