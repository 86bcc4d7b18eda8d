//! The egui layer, one folder per area: `shell` (the window, its state and how requests are
//! applied, dialogs), `notes`, `quiz`, `pipeline` and the progress page. Views read state and
//! push [`Request`]s; only [`StudyApp`] changes persisted data, after the frame.

mod notes;
mod pipeline;
mod progress;
mod quiz;
mod shell;
mod today;

pub use shell::action::{
    AppRequest, DataRequest, Navigation, NotesRequest, PipelineRequest, QuizRequest, Request, Requests,
    SettingsRequest,
};
pub use shell::app::{AppConfig, StudyApp};
pub use shell::first_frame::{FirstFrameReport, resident_kib};
pub use shell::theme::install_fonts;

/// The five modes of the top bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Mode {
    /// The start screen: today's plan, the countdown and the pass estimate.
    #[default]
    Today,
    Notes,
    Pipelines,
    Quiz,
    Progress,
}

impl Mode {
    /// Every mode, in top-bar order.
    pub const ALL: [Self; 5] = [
        Self::Today,
        Self::Notes,
        Self::Pipelines,
        Self::Quiz,
        Self::Progress,
    ];

    /// Position in [`Mode::ALL`].
    #[must_use]
    pub fn index(self) -> usize {
        usize::from(self.shortcut_digit() - 1)
    }

    /// The digit of its Ctrl shortcut (1–5).
    #[must_use]
    pub fn shortcut_digit(self) -> u8 {
        match self {
            Self::Today => 1,
            Self::Notes => 2,
            Self::Pipelines => 3,
            Self::Quiz => 4,
            Self::Progress => 5,
        }
    }

    /// The label on the top bar.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Today => "Today",
            Self::Notes => "Notes",
            Self::Pipelines => "Pipelines",
            Self::Quiz => "Quiz",
            Self::Progress => "Progress",
        }
    }
}
