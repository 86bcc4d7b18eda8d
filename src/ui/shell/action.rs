//! Everything a view can ask for, grouped by the part of the app that applies it. Views push
//! requests while drawing; the app applies them after the frame, in one place, and saves what
//! changed. Each group is matched exhaustively, so the compiler proves every request is
//! handled.

use crate::pipeline::edit::Op;
use crate::quiz::Grade;
use crate::ui::Mode;

use crate::ui::pipeline::state::ExportKind;

/// How a topic was opened (decides what happens to the back/forward history).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Navigation {
    /// A new visit: pushed on the history, forward history dropped.
    Visit,
    /// Moving through the history itself.
    History,
}

/// A request from a view.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    App(AppRequest),
    Settings(SettingsRequest),
    Notes(NotesRequest),
    Data(DataRequest),
    Quiz(QuizRequest),
    Pipeline(PipelineRequest),
}

/// The window itself: modes, overlays, messages.
#[derive(Debug, Clone, PartialEq)]
pub enum AppRequest {
    SetMode(Mode),
    /// Open the search palette.
    OpenSearch,
    /// Show the settings window.
    OpenSettings,
    /// Show or fold away the domain tree in this mode.
    ToggleTree,
    /// The keyboard shortcuts overlay (F1).
    ShowHelp,
    /// The command palette (Ctrl+Shift+P).
    OpenPalette,
    /// Ask where to export for Anki: questions (`true`) or recall cards (`false`).
    OpenAnkiExport(bool),
    ExportAnki {
        questions: bool,
        path: std::path::PathBuf,
    },
    /// Show a message in the status line.
    Notify(String),
    /// Remove one error from the corner (by its id).
    DismissNotification(u64),
    DismissAllNotifications,
}

/// The learner's preferences (`settings.ron`).
#[derive(Debug, Clone, PartialEq)]
pub enum SettingsRequest {
    SetTheme(crate::progress::ThemeChoice),
    SetTextScale(f32),
    SetRetention(f32),
    SetNewCardsPerDay(u32),
    SetExamTimed(bool),
    SetExamOpenBook(bool),
    /// The exam date (`YYYY-MM-DD`), or none.
    SetExamDate(Option<String>),
    SetDailyMinutes(u32),
    /// The first-run welcome is done (finished or skipped); it never shows again.
    FinishWelcome,
}

/// Notes, the tree and the blueprint (`progress.ron`).
#[derive(Debug, Clone, PartialEq)]
pub enum NotesRequest {
    OpenTopic {
        id: String,
        navigation: Navigation,
        /// Text to highlight and scroll to (from search).
        highlight: Option<String>,
    },
    Back,
    Forward,
    SetRead {
        topic: String,
        read: bool,
    },
    SetAnnotation {
        topic: String,
        text: String,
    },
    SetBlueprint(String),
}

/// The data files themselves: damaged files, backups, problem reports.
#[derive(Debug, Clone, PartialEq)]
pub enum DataRequest {
    /// Replace a damaged data file with its newest readable backup.
    RestoreBackup(String),
    /// Set a damaged data file aside and start that file afresh.
    StartFresh(String),
    /// Open the backup chooser, for one data file or for any.
    OpenBackups(Option<String>),
    /// Put this backup of a data file in its place (the current file is kept beside it).
    RestoreChosenBackup {
        file: String,
        backup: std::path::PathBuf,
    },
    /// Start a problem report about this question.
    OpenReport(String),
    SaveReport {
        question: String,
        remark: String,
    },
}

/// Practice, exams, reviews and past sessions.
#[derive(Debug, Clone, PartialEq)]
pub enum QuizRequest {
    /// Start a practice session from the setup form.
    StartPractice,
    /// Ask before starting an exam simulation (or resume one that is running).
    AskStartExam,
    CancelStartExam,
    /// Start an exam simulation (after the learner confirmed).
    StartExam,
    /// Ask before discarding the running exam.
    AskAbandonExam,
    CancelAbandonExam,
    /// Discard the running exam without recording it.
    AbandonExam,
    /// Go through the past session at this index of the history again.
    OpenPastSession(usize),
    ClosePastSession,
    /// Filters of the past session shown.
    SetPastSessionFilter {
        wrong_only: bool,
        flagged_only: bool,
    },
    /// Practise the wrong and flagged questions of one past session (by its id), or of all
    /// history.
    RetryMistakes(Option<u64>),
    /// Start a review of due items and new recall cards.
    StartReview,
    /// Practice the questions of one topic ("Quiz me on this topic").
    QuizTopic(String),
    /// A practice of `count` questions from this scope (a Today plan item).
    PracticeScope {
        scope: crate::quiz::Scope,
        count: usize,
    },
    ToggleOption(usize),
    /// Submit the answer shown (practice and review).
    Submit,
    /// Go to the next item, finishing the session after the last.
    NextItem,
    PreviousItem,
    GoToItem(usize),
    ToggleFlag,
    RevealCard,
    GradeCard(Grade),
    /// Ask to finish the exam (asks again when answers are blank).
    AskFinish,
    CancelFinish,
    FinishSession,
    /// Leave the result page.
    CloseResult,
}

/// The pipeline editor, its library and the challenges.
#[derive(Debug, Clone, PartialEq)]
pub enum PipelineRequest {
    /// One undoable change to the open diagram.
    Edit {
        label: String,
        ops: Vec<Op>,
    },
    Undo,
    Redo,
    New,
    /// Open a diagram of the library (`diagrams/…`).
    Open(String),
    /// Open a copy of the course's example pipeline at this index.
    OpenExample(usize),
    Rename {
        file: String,
        name: String,
    },
    Duplicate(String),
    Delete(String),
    DeleteSelection,
    DuplicateSelection,
    SelectAll,
    ClearSelection,
    Copy,
    /// Paste: CodePipeline JSON from the system clipboard (an action, a stage or a pipeline),
    /// else the actions last copied.
    Paste(Option<String>),
    Import(std::path::PathBuf),
    /// Open this pipeline of the file being imported (a template with several).
    ImportChosen(usize),
    CancelImport,
    Export {
        kind: ExportKind,
        path: std::path::PathBuf,
    },
    /// Start an attempt at the course challenge with this id: a new diagram from its start.
    ChallengeStart(String),
    /// Grade the open diagram against its challenge and record the result in the history.
    ChallengeSubmit,
}

macro_rules! into_request {
    ($($group:ident => $variant:ident),* $(,)?) => {
        $(impl From<$group> for Request {
            fn from(request: $group) -> Self {
                Self::$variant(request)
            }
        })*
    };
}

into_request!(
    AppRequest => App,
    SettingsRequest => Settings,
    NotesRequest => Notes,
    DataRequest => Data,
    QuizRequest => Quiz,
    PipelineRequest => Pipeline,
);

/// The requests gathered during one frame.
#[derive(Debug, Default)]
pub struct Requests(Vec<Request>);

impl Requests {
    /// Asks for something to happen after this frame.
    pub fn push(&mut self, request: impl Into<Request>) {
        self.0.push(request.into());
    }

    /// Takes the gathered requests, leaving none.
    pub fn take(&mut self) -> Vec<Request> {
        std::mem::take(&mut self.0)
    }
}
