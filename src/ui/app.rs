//! The app shell: owns the course, the store and the learner's state; lays out the panels each
//! frame; applies the actions the views asked for and saves what changed.

use std::path::PathBuf;
use std::sync::Arc;

use crate::course::search::SearchIndex;
use crate::course::{Course, PackSource, Problem};
use crate::progress::{Clock, DataFile, Progress, Settings, Store};
use crate::quiz::stats::{TreeStats, tree_stats};
use crate::quiz::{ExamFile, History, Schedule};

use super::action::{Action, Actions, Navigation};
use super::banner::{self, DamagedFile};
use super::notes::{self, NotesState};
use super::pipeline_state::{EditorView, OpenDiagram};
use super::quiz_state::QuizState;
use super::report_window::{self, ReportDraft};
use super::search::{self, SearchState};
use super::tree::{self, TreeState};
use super::{Mode, status_bar, top_bar};

/// What the app starts with.
pub struct AppConfig {
    pub data_dir: PathBuf,
    pub course: Arc<Course>,
    /// Problems found while loading the pack (shown, not fatal).
    pub pack_problems: Vec<Problem>,
    pub clock: Clock,
}

impl AppConfig {
    /// The embedded course and the given data dir.
    ///
    /// # Errors
    /// When the embedded pack has no readable `course.ron` (a build defect).
    pub fn embedded(data_dir: PathBuf) -> anyhow::Result<Self> {
        let report = crate::course::load(&PackSource::embedded());
        let Some(course) = report.course else {
            let lines: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
            anyhow::bail!("the embedded course cannot be loaded:\n{}", lines.join("\n"));
        };
        Ok(Self {
            data_dir,
            course: Arc::new(course),
            pack_problems: report.problems,
            clock: Clock::System,
        })
    }
}

/// The status line's message.
#[derive(Debug, Clone, Default)]
pub(crate) struct Status {
    pub text: String,
    pub is_error: bool,
}

/// Stagecraft's window.
pub struct StudyApp {
    pub(crate) course: Arc<Course>,
    pub(crate) store: Store,
    pub(crate) progress: Progress,
    pub(crate) settings: Settings,
    pub(crate) history: History,
    pub(crate) schedule: Schedule,
    pub(crate) mode: Mode,
    pub(crate) tree: TreeState,
    pub(crate) notes: NotesState,
    pub(crate) search: SearchState,
    search_index: SearchIndex,
    pub(crate) quiz: QuizState,
    /// The diagram open in the pipeline editor.
    pub(crate) diagram: Option<OpenDiagram>,
    pub(crate) editor: EditorView,
    pub(crate) tree_stats: TreeStats,
    /// When `tree_stats` was computed (Unix seconds): due counts change as time passes.
    stats_at_unix_secs: u64,
    pub(crate) damaged: Vec<DamagedFile>,
    pub(crate) status: Status,
    /// Errors shown until dismissed.
    pub(crate) notifications: super::notifications::Notifications,
    /// Actions waiting for the inspector's typed fields to be committed first.
    deferred: Vec<Action>,
    /// The window closes once the inspector's typed fields are committed.
    close_after_drafts: bool,
    pub(crate) pack_problems: Vec<Problem>,
    pub(crate) actions: Actions,
    pub(crate) settings_open: bool,
    pub(crate) report: Option<ReportDraft>,
    /// Per mode: whether the domain tree is folded away (the editor wants the room).
    pub(crate) tree_hidden: [bool; 4],
    pub(crate) help_open: bool,
    pub(crate) palette: super::commands::PaletteState,
    pub(crate) anki_export: Option<super::anki_window::AnkiExportPrompt>,
    /// "Restore a backup…", while open.
    pub(crate) backups: Option<super::backup_window::BackupChooser>,
    /// The window's context, to apply appearance settings when they change.
    ctx: egui::Context,
    /// Set when the process is asked to end (SIGTERM, SIGINT, SIGHUP): the next frame saves
    /// the exam clock and closes the window.
    termination: std::sync::Arc<std::sync::atomic::AtomicBool>,
    appearance_applied: bool,
}

/// Loads a data file; a file that cannot be read is reported and replaced by defaults in memory
/// only (the store refuses to write over it).
fn load_or_report<T: DataFile>(store: &mut Store, damaged: &mut Vec<DamagedFile>) -> T {
    store.load::<T>().unwrap_or_else(|err| {
        damaged.push(DamagedFile::new(&err));
        T::default()
    })
}

impl StudyApp {
    /// Opens the data dir and loads the learner's files. A file that cannot be read is kept,
    /// reported in a banner, and not written until the learner decides.
    ///
    /// # Errors
    /// When the data directory cannot be created.
    pub fn new(ctx: &egui::Context, config: AppConfig) -> anyhow::Result<Self> {
        let mut store = Store::open(&config.data_dir)
            .map_err(|e| anyhow::anyhow!("cannot open the data folder {}: {e}", config.data_dir.display()))?
            .with_clock(config.clock);
        let mut damaged = Vec::new();
        let progress = load_or_report::<Progress>(&mut store, &mut damaged);
        let settings = load_or_report::<Settings>(&mut store, &mut damaged);
        let history = load_or_report::<History>(&mut store, &mut damaged);
        let schedule = load_or_report::<Schedule>(&mut store, &mut damaged);
        let exam = load_or_report::<ExamFile>(&mut store, &mut damaged);
        let mut app = Self {
            tree: TreeState::new(&config.course),
            notes: NotesState::new(&config.course),
            search: SearchState::default(),
            search_index: SearchIndex::new(&config.course),
            course: config.course,
            store,
            progress,
            settings,
            history,
            schedule,
            mode: Mode::Notes,
            quiz: QuizState::default(),
            diagram: None,
            editor: EditorView::default(),
            tree_stats: TreeStats::default(),
            stats_at_unix_secs: 0,
            damaged,
            status: Status::default(),
            notifications: super::notifications::Notifications::default(),
            deferred: Vec::new(),
            close_after_drafts: false,
            pack_problems: config.pack_problems,
            actions: Actions::default(),
            settings_open: false,
            report: None,
            tree_hidden: [false, true, false, false],
            help_open: false,
            palette: super::commands::PaletteState::default(),
            anki_export: None,
            backups: None,
            ctx: ctx.clone(),
            termination: std::sync::Arc::default(),
            appearance_applied: false,
        };
        app.ensure_blueprint();
        if let Some(topic) = app.progress.selected_topic.clone()
            && app.course.topic(&topic).is_some()
        {
            app.notes.visit(&topic);
            app.tree.reveal(&app.course, app.blueprint_index(), &topic);
        }
        if let Some(file) = app.progress.open_diagram.clone() {
            match app.store.load_at::<crate::pipeline::Diagram>(&file) {
                Ok(mut diagram) => {
                    diagram.assign_missing_ids();
                    app.diagram = Some(OpenDiagram::new(file, diagram, &app.course));
                }
                Err(err) => app.notify_error(format!("The last pipeline could not be reopened: {err}")),
            }
        }
        if let Some(exam) = exam.exam.filter(|e| !e.is_finished()) {
            // The exam clock runs again from now, with the time it had left.
            app.quiz.session = Some(exam);
            app.quiz.exam_resumed_at_ms = Some(app.clock().now_millis());
            app.quiz.item_shown_at_ms = app.clock().now_millis();
            app.mode = Mode::Quiz;
            app.notify("Your exam in progress was restored.".to_owned());
        }
        app.refresh_stats();
        app.refresh_library();
        ctx.options_mut(|o| o.zoom_with_keyboard = true);
        super::theme::install_fonts(ctx);
        Ok(app)
    }

    /// The flag a signal handler sets to close the app cleanly (see `main.rs`). Setting it and
    /// asking for a repaint saves a running exam's clock and closes the window.
    #[must_use]
    pub fn termination_flag(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        std::sync::Arc::clone(&self.termination)
    }

    pub(crate) fn clock(&self) -> &Clock {
        self.store.clock()
    }

    /// Index of the blueprint the tree shows.
    pub(crate) fn blueprint_index(&self) -> usize {
        self.course.blueprint_index(&self.progress.blueprint).unwrap_or(0)
    }

    pub(crate) fn ensure_blueprint(&mut self) {
        if self.course.blueprint_index(&self.progress.blueprint).is_none()
            && let Some(first) = self.course.blueprints.first()
        {
            self.progress.blueprint.clone_from(&first.id);
        }
    }

    /// Recomputes the tree's quiz figures (after answers, reviews or a blueprint change).
    pub(crate) fn refresh_stats(&mut self) {
        let now = self.clock().now_unix_secs();
        self.stats_at_unix_secs = now;
        self.tree_stats = tree_stats(
            &self.course,
            self.blueprint_index(),
            &self.history,
            &self.schedule,
            now,
        );
    }

    fn draw(&mut self, ui: &mut egui::Ui) {
        let blueprint = self.blueprint_index();
        let exam = self.exam_running().then(|| top_bar::ExamBadge {
            remaining_secs: self.exam_seconds_left(),
            closed_book: self.closed_book_exam(),
        });
        let facts = top_bar::TopBarFacts {
            mode: self.mode,
            due: self.tree_stats.due_total,
            new_cards: self.new_cards_for_today().len(),
            exam,
            tree_shown: !self.tree_hidden[self.mode.index()],
        };
        egui::Panel::top("top_bar").show(ui, |ui| {
            top_bar::top_bar_ui(ui, &facts, &mut self.actions);
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::status_bar_ui(ui, &self.status, self.store.dir(), &self.pack_problems);
        });
        if !self.damaged.is_empty() {
            egui::Panel::top("damaged_banner").show(ui, |ui| {
                banner::damaged_files_ui(ui, &self.damaged, &mut self.actions);
            });
        }
        let mut tree_shown = !self.tree_hidden[self.mode.index()];
        egui::Panel::left("domain_tree")
            .resizable(true)
            .default_size(380.0)
            .size_range(200.0..=600.0)
            .show_collapsible(ui, &mut tree_shown, |ui| {
                let view = tree::TreeView {
                    course: &self.course,
                    blueprint,
                    progress: &self.progress,
                    stats: &self.tree_stats,
                    open_topic: self.notes.current(),
                };
                tree::tree_ui(ui, &mut self.tree, &view, &mut self.actions);
            });
        egui::CentralPanel::default().show(ui, |ui| match self.mode {
            Mode::Notes => notes::notes_ui(
                ui,
                &mut self.notes,
                &self.course,
                &self.progress,
                &mut self.actions,
            ),
            Mode::Pipelines => {
                let now_ms = self.clock().now_millis();
                super::pipeline_view::pipeline_view_ui(
                    ui,
                    &mut self.editor,
                    self.diagram.as_ref(),
                    &self.course,
                    &self.history,
                    now_ms,
                    &mut self.actions,
                );
            }
            Mode::Quiz => self.quiz_ui(ui),
            Mode::Progress => {
                let mut actions = std::mem::take(&mut self.actions);
                super::progress_view::progress_view_ui(
                    ui,
                    &self.progress_facts(),
                    self.quiz.reopened.as_ref(),
                    &mut actions,
                );
                for action in actions.take() {
                    self.actions.push(action);
                }
            }
        });
        search::search_ui(ui.ctx(), &mut self.search, &self.search_index, &mut self.actions);
        super::notifications::notifications_ui(ui.ctx(), &self.notifications, &mut self.actions);
        super::commands::help_ui(ui.ctx(), &mut self.help_open);
        super::commands::palette_ui(ui.ctx(), &mut self.palette, &mut self.actions);
        super::anki_window::anki_export_ui(ui.ctx(), &mut self.anki_export, &mut self.actions);
        super::backup_window::backup_chooser_ui(ui.ctx(), &mut self.backups, &mut self.actions);
        let reports_file = self.store.path_of(crate::progress::Reports::NAME);
        report_window::report_ui(ui.ctx(), &mut self.report, &reports_file, &mut self.actions);
        super::settings_window::settings_ui(
            ui.ctx(),
            &mut self.settings_open,
            &self.settings,
            self.store.dir(),
            &mut self.actions,
        );
    }

    /// Whether a window or dialog is open: it owns the keyboard, so nothing behind it reacts
    /// to keys.
    pub(crate) fn dialog_open(&self) -> bool {
        self.report.is_some()
            || self.settings_open
            || self.help_open
            || self.palette.open
            || self.search.is_open()
            || self.anki_export.is_some()
            || self.backups.is_some()
            || self.quiz.confirm_finish
            || self.quiz.confirm_start_exam
            || self.quiz.confirm_abandon
    }

    /// During a closed-book exam, refuses what would open notes, search or another mode, and
    /// says why.
    fn locked_by_exam(&mut self) -> bool {
        if self.closed_book_exam() {
            self.mode = Mode::Quiz;
            self.notify_error(top_bar::CLOSED_BOOK_REASON.to_owned());
            return true;
        }
        false
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        if self.dialog_open() {
            return;
        }
        let (back, forward, search) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowLeft),
                i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowRight),
                i.consume_key(egui::Modifiers::COMMAND, egui::Key::K),
            )
        });
        if back {
            self.actions.push(Action::Back);
        }
        if forward {
            self.actions.push(Action::Forward);
        }
        if search {
            self.actions.push(Action::OpenSearch);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::B)) {
            self.actions.push(Action::ToggleTree);
        }
        // Plain keys belong to a text field that has the keyboard; Ctrl shortcuts still work.
        let typing = ctx.egui_wants_keyboard_input();
        if !typing && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F1)) {
            self.actions.push(Action::ShowHelp);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::P)) {
            self.actions.push(Action::OpenPalette);
        }
        let digit_keys = [egui::Key::Num1, egui::Key::Num2, egui::Key::Num3, egui::Key::Num4];
        for (mode, key) in Mode::ALL.into_iter().zip(digit_keys) {
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, key)) {
                self.actions.push(Action::SetMode(mode));
            }
        }
    }

    /// Applies the frame's actions: the one place persisted state changes. Whatever the
    /// views show from disk is refreshed here, never while drawing.
    fn apply_actions(&mut self) {
        for action in self.actions.take() {
            if self.editor.drafts.open && self.leaves_the_editor(&action) {
                // Typing in the inspector is committed on the next frame, then this runs.
                self.editor.drafts.flush = true;
                self.deferred.push(action);
                continue;
            }
            self.apply_one(action);
        }
        if !self.editor.drafts.open {
            self.editor.drafts.flush = false;
            for action in std::mem::take(&mut self.deferred) {
                self.apply_one(action);
            }
        }
        if self.editor.library_stale {
            self.refresh_library();
        }
    }

    fn apply_one(&mut self, action: Action) {
        if let Some(action) = self.apply_quiz(action).and_then(|a| self.apply_pipeline(a)) {
            self.apply(action);
        }
    }

    /// Whether an action takes the learner away from the open diagram's inspector.
    fn leaves_the_editor(&self, action: &Action) -> bool {
        match action {
            Action::SetMode(mode) => *mode != self.mode,
            Action::OpenTopic { .. }
            | Action::PipelineNew
            | Action::PipelineOpen(_)
            | Action::PipelineOpenExample(_)
            | Action::ChallengeStart(_)
            | Action::StartExam
            | Action::StartPractice
            | Action::StartReview => true,
            _ => false,
        }
    }

    /// Re-lists `diagrams/`; a folder that cannot be read is shown as an error, not as empty.
    pub(crate) fn refresh_library(&mut self) {
        self.editor.library_stale = false;
        self.editor.library = crate::pipeline::library::list(&self.store);
        if let Err(message) = &self.editor.library {
            let message = format!("Your pipelines cannot be listed: {message}");
            self.notify_error(message);
        }
    }

    fn apply(&mut self, action: Action) {
        let opens_study_material = matches!(
            action,
            Action::SetMode(Mode::Notes | Mode::Pipelines | Mode::Progress)
                | Action::OpenTopic { .. }
                | Action::Back
                | Action::Forward
                | Action::OpenSearch
        );
        if opens_study_material && self.locked_by_exam() {
            return;
        }
        let leaves_the_note = matches!(
            action,
            Action::SetMode(_) | Action::OpenTopic { .. } | Action::Back | Action::Forward
        );
        if leaves_the_note {
            self.save_typed_annotation();
        }
        match action {
            Action::SetMode(mode) => {
                self.mode = mode;
                if mode == Mode::Quiz {
                    self.quiz.item_shown_at_ms = self.clock().now_millis();
                }
            }
            Action::OpenTopic {
                id,
                navigation,
                highlight,
            } => self.open_topic_now(id, navigation, highlight),
            Action::Back => {
                if let Some(id) = self.notes.back() {
                    self.open_topic_now(id, Navigation::History, None);
                }
            }
            Action::Forward => {
                if let Some(id) = self.notes.forward() {
                    self.open_topic_now(id, Navigation::History, None);
                }
            }
            Action::SetRead { topic, read } => {
                let now = self.clock().now_unix_secs();
                let changed = if read {
                    self.progress.read.insert(topic, now).is_none()
                } else {
                    self.progress.read.remove(&topic).is_some()
                };
                if changed {
                    self.save_progress();
                }
            }
            Action::SetAnnotation { topic, text } => {
                let current = self.progress.annotations.get(&topic).map_or("", String::as_str);
                if current != text {
                    if text.trim().is_empty() {
                        self.progress.annotations.remove(&topic);
                    } else {
                        self.progress.annotations.insert(topic, text);
                    }
                    self.save_progress();
                }
            }
            Action::SetBlueprint(id) => {
                if self.course.blueprint_index(&id).is_some() && self.progress.blueprint != id {
                    self.progress.blueprint = id;
                    self.save_progress();
                    self.refresh_stats();
                }
            }
            Action::RestoreBackup(name) => self.restore_backup(&name),
            Action::StartFresh(name) => self.start_fresh(&name),
            Action::OpenBackups(file) => self.open_backups(file),
            Action::RestoreChosenBackup { file, backup } => {
                let ctx = self.ctx.clone();
                self.restore_chosen_backup(&file, &backup, &ctx);
            }
            Action::Notify(text) => self.notify(text),
            Action::DismissNotification(id) => self.notifications.dismiss(id),
            Action::DismissAllNotifications => self.notifications.dismiss_all(),
            Action::OpenSearch => self.search.open(),
            Action::OpenSettings => self.settings_open = true,
            Action::ShowHelp => self.help_open = true,
            Action::OpenPalette => {
                self.palette = super::commands::PaletteState {
                    open: true,
                    focus: true,
                    ..Default::default()
                };
            }
            Action::OpenAnkiExport(questions) => {
                self.anki_export = Some(super::anki_window::AnkiExportPrompt::new(questions));
            }
            Action::ExportAnki { questions, path } => {
                let text = if questions {
                    crate::course::anki::questions_tsv(&self.course)
                } else {
                    crate::course::anki::cards_tsv(&self.course)
                };
                match crate::progress::write_atomically(&path, text.as_bytes()) {
                    Ok(()) => self.notify(format!("Exported for Anki to {}.", path.display())),
                    Err(err) => self.notify_error(format!("Cannot write {}: {err}", path.display())),
                }
            }
            Action::SetTheme(theme) => {
                self.settings.theme = theme;
                super::theme::apply_appearance(&self.ctx, &self.settings);
                self.save_settings();
            }
            Action::SetTextScale(scale) => {
                self.settings.text_scale = scale;
                super::theme::apply_appearance(&self.ctx, &self.settings);
                self.save_settings();
            }
            Action::ToggleTree => {
                let hidden = &mut self.tree_hidden[self.mode.index()];
                *hidden = !*hidden;
            }
            Action::OpenReport(question) => {
                self.report = Some(ReportDraft {
                    question,
                    ..ReportDraft::default()
                });
            }
            Action::SaveReport { question, remark } => self.save_report(question, remark),
            other => self.notify_error(format!("Nothing handles {other:?} here.")),
        }
    }

    /// Saves an annotation still being typed (before the learner leaves the note or the app
    /// closes), so no typed text is lost.
    pub(crate) fn save_typed_annotation(&mut self) {
        if let Some((topic, text)) = self.notes.take_unsaved_annotation() {
            self.apply(Action::SetAnnotation { topic, text });
        }
    }

    fn open_topic_now(&mut self, id: String, navigation: Navigation, highlight: Option<String>) {
        if self.course.topic(&id).is_none() {
            self.notify_error(format!("There is no topic {id:?} in this course."));
            return;
        }
        if navigation == Navigation::Visit {
            self.notes.visit(&id);
        }
        self.notes.set_highlight(highlight);
        self.mode = Mode::Notes;
        self.tree.reveal(&self.course, self.blueprint_index(), &id);
        if self.progress.selected_topic.as_deref() != Some(id.as_str()) {
            self.progress.selected_topic = Some(id);
            self.save_progress();
        }
    }
}

impl eframe::App for StudyApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if !self.appearance_applied {
            // On the first frame, after whatever theme the host set up.
            super::theme::apply_appearance(ui.ctx(), &self.settings);
            self.appearance_applied = true;
        }
        let close_requested = ui.ctx().input(|i| i.viewport().close_requested())
            || self.termination.load(std::sync::atomic::Ordering::SeqCst);
        if close_requested && self.editor.drafts.open {
            // Commit what is typed in the inspector first; close on the frame after.
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.editor.drafts.flush = true;
            self.close_after_drafts = true;
        } else if self.termination.load(std::sync::atomic::Ordering::SeqCst) {
            // SIGTERM, SIGINT or SIGHUP (a logout): keep the exam's time, then close.
            self.save_exam();
            self.save_typed_annotation();
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.editor.drafts.open = false;
        self.handle_shortcuts(ui.ctx());
        self.check_exam_clock();
        self.save_exam_if_due();
        // Items fall due as time passes; recount on the first frame after a minute has gone by.
        if self
            .clock()
            .now_unix_secs()
            .saturating_sub(self.stats_at_unix_secs)
            >= 60
        {
            self.refresh_stats();
        }
        self.draw(ui);
        self.apply_actions();
        if self.close_after_drafts && !self.editor.drafts.open {
            self.close_after_drafts = false;
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.backup_if_due();
        if self.exam_seconds_left().is_some() {
            // The countdown is the one thing that redraws without input: once a second.
            ui.ctx().request_repaint_after(std::time::Duration::from_secs(1));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // eframe's storage keeps window layout only; progress lives in the store.
        eframe::set_value(storage, "mode", &self.mode);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The exam clock stops while the app is closed: keep the time used so far.
        self.save_exam();
        self.save_typed_annotation();
    }
}
