//! The pipeline editor's state: the open diagram with its undo history and findings (data),
//! and the view's selection, drag in progress, zoom and clipboard (never saved).

use std::collections::BTreeSet;

use crate::course::Course;
use crate::pipeline::challenge::ChallengeGrade;
use crate::pipeline::edit::UndoHistory;
use crate::pipeline::rules::Finding;
use crate::pipeline::{Action, ActionId, Diagram};
use crate::progress::diagrams::Entry;

/// The diagram being edited.
#[derive(Debug, Clone)]
pub struct OpenDiagram {
    /// File inside the data dir (`diagrams/…`), where every finished edit is saved.
    pub file: String,
    pub diagram: Diagram,
    pub history: UndoHistory,
    /// The rule check of the current diagram.
    pub findings: Vec<Finding>,
    /// The live grade against the diagram's challenge, if it is an attempt at one.
    pub grade: Option<ChallengeGrade>,
    /// Changes whenever the diagram may have (opened, edited, undone): what the canvas keys its
    /// layout and wires on, so it computes them once per change rather than every frame.
    pub revision: u64,
}

/// A revision no open diagram has had yet.
fn next_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl OpenDiagram {
    /// Opens a diagram, checking it (and grading it when it is an attempt at a challenge).
    #[must_use]
    pub fn new(file: String, diagram: Diagram, course: &Course) -> Self {
        let findings = crate::pipeline::rules::check(&diagram);
        let mut open = Self {
            file,
            diagram,
            history: UndoHistory::default(),
            findings,
            grade: None,
            revision: next_revision(),
        };
        open.regrade(course);
        open
    }

    /// Grades the diagram against its challenge (none when it has none or the pack lacks it).
    pub fn regrade(&mut self, course: &Course) {
        self.grade = self
            .diagram
            .challenge
            .as_deref()
            .and_then(|id| course.challenge(id))
            .map(|c| crate::pipeline::challenge::grade(&c.challenge, &self.diagram));
    }

    /// Re-runs the rule check (after an edit), and marks the diagram changed.
    pub fn recheck(&mut self) {
        self.findings = crate::pipeline::rules::check(&self.diagram);
        self.revision = next_revision();
    }
}

/// A drag in progress on the canvas (scene units).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Drag {
    #[default]
    None,
    /// Moving the selected actions by `delta`.
    Nodes { ids: Vec<ActionId>, delta: [f32; 2] },
    /// Pulling an artifact from `from`'s output port; the loose end is at `to`.
    Wire { from: ActionId, to: [f32; 2] },
    /// Selecting with a rectangle from `start` to `end`.
    Box {
        start: [f32; 2],
        end: [f32; 2],
        additive: bool,
    },
    /// Moving stage `from` by its title bar, `offset` along the flow so far.
    Stage { from: usize, offset: f32 },
}

/// Where an import or export reads or writes when no file dialog can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPurpose {
    Import,
    Export(ExportKind),
}

/// The formats the editor exports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    CodePipeline,
    CloudFormation,
    Svg,
    Png,
}

impl ExportKind {
    /// Every format, in menu order.
    pub const ALL: [Self; 4] = [Self::CodePipeline, Self::CloudFormation, Self::Svg, Self::Png];

    /// The menu label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::CodePipeline => "CodePipeline JSON…",
            Self::CloudFormation => "CloudFormation template…",
            Self::Svg => "SVG image…",
            Self::Png => "PNG image…",
        }
    }

    /// The file extension.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Self::CodePipeline | Self::CloudFormation => "json",
            Self::Svg => "svg",
            Self::Png => "png",
        }
    }
}

/// The typed-path fallback for file dialogs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPrompt {
    pub purpose: PathPurpose,
    pub path: String,
    /// The path field has been given the keyboard (once, when the window opens).
    pub focused: bool,
}

/// The pages of the Pipelines mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PipelineTab {
    #[default]
    Editor,
    Simulator,
    Challenges,
}

impl PipelineTab {
    /// Every page, in tab order.
    pub const ALL: [Self; 3] = [Self::Editor, Self::Simulator, Self::Challenges];

    /// The tab's label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Editor => "Editor",
            Self::Simulator => "Deployment simulator",
            Self::Challenges => "Challenges",
        }
    }
}

/// The view state of the editor.
#[derive(Debug)]
pub struct EditorView {
    pub tab: PipelineTab,
    pub simulator: crate::ui::pipeline::simulator::SimulatorState,
    pub challenges: crate::ui::pipeline::challenges::ChallengesState,
    pub selection: BTreeSet<ActionId>,
    /// A selected stage (by index), for the properties panel.
    pub selected_stage: Option<usize>,
    /// The visible part of the canvas, in scene units (`egui::Scene` keeps it).
    pub scene_rect: egui::Rect,
    /// The canvas size in points last frame, to keep the zoom when it changes.
    pub canvas_size: egui::Vec2,
    /// Where the canvas is on screen, as of the last frame.
    pub canvas_rect: egui::Rect,
    /// The stage names and direction the canvas showed last frame, to bring a new stage into
    /// view and to fit again after the direction changes.
    pub last_stages: Vec<String>,
    pub last_direction: Option<crate::pipeline::LayoutDirection>,
    /// Layout, wires and marks of the open diagram's current revision.
    pub(crate) geometry: Option<std::sync::Arc<crate::ui::pipeline::geometry::CanvasGeometry>>,
    /// What the pointer lights up on the canvas this frame.
    pub hover: crate::ui::pipeline::geometry::Hover,
    /// Whether the palette and the inspector are shown.
    pub panels: crate::ui::pipeline::panels::Panels,
    /// From canvas (scene) units to screen points, as of the last frame.
    pub to_screen: egui::emath::TSTransform,
    /// Fit the view to the diagram on the next frame.
    pub fit_next: bool,
    /// The view is a fit that the learner has not panned or zoomed since: a resized canvas
    /// fits again rather than keeping the zoom.
    pub fitted: bool,
    pub drag: Drag,
    /// Whether a lane, node or port took this frame's click or drag (the background then
    /// leaves it alone).
    pub item_hit: bool,
    /// Requests copied with Ctrl+C.
    pub clipboard: Vec<Action>,
    /// The library list, refreshed after library changes (never while drawing), or why
    /// `diagrams/` could not be read.
    pub library: Result<Vec<Entry>, String>,
    pub library_stale: bool,
    /// (file, new name) while renaming a library entry.
    pub renaming: Option<(String, String)>,
    pub path_prompt: Option<PathPrompt>,
    /// A native file dialog filling `path_prompt`.
    pub pending_dialog: Option<crate::ui::shell::file_dialog::PendingDialog>,
    /// Text being typed into the properties panel, keyed by field, applied on focus loss.
    pub drafts: crate::ui::pipeline::props::FieldDrafts,
    /// The pipelines of an imported template, while the learner chooses one.
    pub import_choice: Option<crate::ui::pipeline::import_choice::ImportChoice>,
}

impl Default for EditorView {
    fn default() -> Self {
        Self {
            tab: PipelineTab::Editor,
            simulator: crate::ui::pipeline::simulator::SimulatorState::default(),
            challenges: crate::ui::pipeline::challenges::ChallengesState::default(),
            selection: BTreeSet::new(),
            selected_stage: None,
            scene_rect: egui::Rect::ZERO,
            canvas_size: egui::Vec2::ZERO,
            canvas_rect: egui::Rect::NOTHING,
            last_stages: Vec::new(),
            last_direction: None,
            geometry: None,
            hover: crate::ui::pipeline::geometry::Hover::default(),
            panels: crate::ui::pipeline::panels::Panels::default(),
            to_screen: egui::emath::TSTransform::IDENTITY,
            fit_next: true,
            fitted: false,
            drag: Drag::None,
            item_hit: false,
            clipboard: Vec::new(),
            library: Ok(Vec::new()),
            library_stale: true,
            renaming: None,
            path_prompt: None,
            pending_dialog: None,
            drafts: crate::ui::pipeline::props::FieldDrafts::default(),
            import_choice: None,
        }
    }
}
