//! The egui layer: the app shell, one file per panel or view, and shared widgets. Views read
//! state and push [`Action`]s; only [`StudyApp`] changes persisted data.

mod action;
mod anki_window;
mod app;
mod app_files;
mod app_requests;
mod app_view;
mod backup_window;
mod banner;
mod challenges_view;
mod commands;
mod exam_view;
mod file_dialog;
mod first_frame;
mod glyphs;
mod keys;
mod notes;
mod notifications;
mod pipeline_actions;
mod pipeline_canvas;
mod pipeline_library;
mod pipeline_paint;
mod pipeline_palette;
mod pipeline_props;
mod pipeline_state;
mod pipeline_view;
mod png;
mod progress_view;
mod question;
mod quiz_actions;
mod quiz_setup;
mod quiz_state;
mod quiz_view;
mod report_window;
mod search;
mod session_review;
mod session_view;
mod settings_window;
mod simulator_charts;
mod simulator_view;
mod status_bar;
mod theme;
mod top_bar;
mod tree;

pub use action::{
    AppRequest, DataRequest, Navigation, NotesRequest, PipelineRequest, QuizRequest, Request, Requests,
    SettingsRequest,
};
pub use app::{AppConfig, StudyApp};
pub use first_frame::{FirstFrameReport, resident_kib};
pub use theme::install_fonts;

/// The four modes of the top bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Mode {
    #[default]
    Notes,
    Pipelines,
    Quiz,
    Progress,
}

impl Mode {
    /// Every mode, in top-bar order.
    pub const ALL: [Self; 4] = [Self::Notes, Self::Pipelines, Self::Quiz, Self::Progress];

    /// Position in [`Mode::ALL`].
    #[must_use]
    pub fn index(self) -> usize {
        usize::from(self.shortcut_digit() - 1)
    }

    /// The digit of its Ctrl shortcut (1–4).
    #[must_use]
    pub fn shortcut_digit(self) -> u8 {
        match self {
            Self::Notes => 1,
            Self::Pipelines => 2,
            Self::Quiz => 3,
            Self::Progress => 4,
        }
    }

    /// The label on the top bar.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Notes => "Notes",
            Self::Pipelines => "Pipelines",
            Self::Quiz => "Quiz",
            Self::Progress => "Progress",
        }
    }
}
