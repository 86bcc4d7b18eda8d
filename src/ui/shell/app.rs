//! The app shell: owns the course, the store and the learner's state; lays out the panels each
//! frame; applies the actions the views asked for and saves what changed.

use std::path::PathBuf;
use std::sync::Arc;

use crate::course::search::SearchIndex;
use crate::course::{Course, PackSource, Problem};
use crate::progress::{Clock, DataFile, Progress, Settings, Store};
use crate::quiz::stats::tree_stats;
use crate::quiz::{ExamFile, History, Schedule};

use crate::ui::notes::search::{self, SearchState};
use crate::ui::notes::tree::{self, TreeState};
use crate::ui::notes::view::{self as notes, NotesState};
use crate::ui::pipeline::state::{EditorView, OpenDiagram};
use crate::ui::quiz::state::QuizState;
use crate::ui::shell::action::{Request, Requests};
use crate::ui::shell::app_parts::load_or_report;
pub(crate) use crate::ui::shell::app_parts::{Derived, Dialogs};
use crate::ui::shell::banner::{self, DamagedFile};
use crate::ui::shell::report_window;
use crate::ui::{Mode, shell::status_bar, shell::top_bar};

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
    /// The course and the learner's files: changed only when a request is applied.
    pub(crate) saved: Saved,
    pub(crate) mode: Mode,
    pub(crate) tree: TreeState,
    pub(crate) notes: NotesState,
    pub(crate) search: SearchState,
    search_index: SearchIndex,
    pub(crate) quiz: QuizState,
    /// The diagram open in the pipeline editor.
    pub(crate) diagram: Option<OpenDiagram>,
    pub(crate) editor: EditorView,
    /// Figures computed from the saved data when it changes, never while drawing.
    pub(crate) derived: Derived,
    pub(crate) damaged: Vec<DamagedFile>,
    pub(crate) status: Status,
    /// Errors shown until dismissed.
    pub(crate) notifications: crate::ui::shell::notifications::Notifications,
    /// Requests waiting for the inspector's typed fields to be committed first.
    pub(crate) deferred: Vec<Request>,
    /// The window closes once the inspector's typed fields are committed.
    close_after_drafts: bool,
    pub(crate) pack_problems: Vec<Problem>,
    pub(crate) actions: Requests,
    /// The windows and dialogs that may be open over the panels.
    pub(crate) dialogs: Dialogs,
    /// Per mode: whether the domain tree is folded away (the editor wants the room).
    pub(crate) tree_hidden: [bool; Mode::ALL.len()],
    /// The window's context, to apply appearance settings when they change.
    pub(crate) ctx: egui::Context,
    /// Set when the process is asked to end (SIGTERM, SIGINT, SIGHUP): the next frame saves
    /// the exam clock and closes the window.
    termination: std::sync::Arc<std::sync::atomic::AtomicBool>,
    appearance_applied: bool,
    /// Watches the data folder while the window is open.
    pub(crate) watcher: Option<crate::sync::watch::FolderWatcher>,
    /// Set by the watcher when a file in the data folder changed.
    pub(crate) folder_changed: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// What is saved, with the course it belongs to. Only the app changes it, when it applies a
/// request (and then saves the file that changed); views read it.
pub struct Saved {
    pub(crate) course: Arc<Course>,
    pub(crate) store: Store,
    pub(crate) progress: Progress,
    pub(crate) settings: Settings,
    pub(crate) history: History,
    pub(crate) schedule: Schedule,
    /// This device's journal and everyone else's (see [`crate::sync`]); `None` when this
    /// machine could not be given a device id.
    pub(crate) sync: Option<crate::sync::SyncFolder>,
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
            saved: Saved {
                course: config.course,
                store,
                progress,
                settings,
                history,
                schedule,
                sync: None,
            },
            mode: Mode::Today,
            quiz: QuizState::default(),
            diagram: None,
            editor: EditorView::default(),
            derived: Derived::default(),
            damaged,
            status: Status::default(),
            notifications: crate::ui::shell::notifications::Notifications::default(),
            deferred: Vec::new(),
            close_after_drafts: false,
            pack_problems: config.pack_problems,
            actions: Requests::default(),
            dialogs: Dialogs::default(),
            tree_hidden: [false, false, true, false, false],
            ctx: ctx.clone(),
            termination: std::sync::Arc::default(),
            appearance_applied: false,
            watcher: None,
            folder_changed: std::sync::Arc::default(),
        };
        app.start_sync();
        app.ensure_blueprint();
        if let Some(topic) = app.saved.progress.selected_topic.clone()
            && app.saved.course.topic(&topic).is_some()
        {
            app.notes.visit(&topic);
            app.tree.reveal(&app.saved.course, app.blueprint_index(), &topic);
        }
        if let Some(file) = app.saved.progress.open_diagram.clone() {
            match app.saved.store.load_at::<crate::pipeline::Diagram>(&file) {
                Ok(mut diagram) => {
                    diagram.assign_missing_ids();
                    app.diagram = Some(OpenDiagram::new(file, diagram, &app.saved.course));
                }
                Err(err) => app.notify_error(format!("The last pipeline could not be reopened: {err}")),
            }
        }
        let exam = exam.exam.filter(|e| !e.is_finished());
        let recorded = exam
            .as_ref()
            .is_some_and(|e| app.saved.history.sessions.iter().any(|s| s.id == e.id));
        if recorded {
            // The app stopped between saving the finished exam to history.ron and clearing
            // exam.ron: the exam is done, so it is not restored (and never recorded twice).
            if app.save_value(&ExamFile::default()) {
                app.notify("Your last exam was already finished and is in your history.".to_owned());
            }
        } else if let Some(exam) = exam {
            // The exam clock runs again from now, with the time it had left.
            app.quiz.session = Some(exam);
            app.quiz.exam_resumed_at_ms = Some(app.clock().now_millis());
            app.quiz.item_shown_at_ms = app.clock().now_millis();
            app.mode = Mode::Quiz;
            app.notify("Your exam in progress was restored.".to_owned());
        }
        if !app.saved.settings.welcome_done && app.quiz.session.is_none() {
            let blueprint = app.saved.course.blueprints[app.blueprint_index()].id.clone();
            app.dialogs.welcome = Some(crate::ui::today::welcome::Welcome::new(
                &app.saved.settings,
                &blueprint,
            ));
        }
        app.refresh_stats();
        app.refresh_library();
        ctx.options_mut(|o| o.zoom_with_keyboard = true);
        crate::ui::shell::theme::install_fonts(ctx);
        Ok(app)
    }

    /// Reopens the mode the app was left in, from eframe's storage (window layout only), when
    /// it was left earlier the same local day; on a new day the app opens on Today, the start
    /// screen with the day's plan. A restored exam keeps the app in the quiz.
    #[must_use]
    pub fn with_stored_layout(mut self, storage: Option<&dyn eframe::Storage>) -> Self {
        let stored = storage.and_then(|s| eframe::get_value::<Mode>(s, MODE_KEY));
        let left_on = storage.and_then(|s| eframe::get_value::<u64>(s, DAY_KEY));
        let today = self.clock().zone().day_of(self.clock().now_unix_secs());
        if let Some(mode) = stored
            && left_on == Some(today)
            && self.quiz.session.is_none()
        {
            self.mode = mode;
        }
        self
    }

    /// The flag a signal handler sets to close the app cleanly (see `main.rs`). Setting it and
    /// asking for a repaint saves a running exam's clock and closes the window.
    #[must_use]
    pub fn termination_flag(&self) -> std::sync::Arc<std::sync::atomic::AtomicBool> {
        std::sync::Arc::clone(&self.termination)
    }

    pub(crate) fn clock(&self) -> &Clock {
        self.saved.store.clock()
    }

    /// Index of the blueprint the tree shows.
    pub(crate) fn blueprint_index(&self) -> usize {
        self.saved
            .course
            .blueprint_index(&self.saved.progress.blueprint)
            .unwrap_or(0)
    }

    pub(crate) fn ensure_blueprint(&mut self) {
        if self
            .saved
            .course
            .blueprint_index(&self.saved.progress.blueprint)
            .is_none()
            && let Some(first) = self.saved.course.blueprints.first()
        {
            self.saved.progress.blueprint.clone_from(&first.id);
        }
    }

    /// Recomputes the tree's quiz figures (after answers, reviews or a blueprint change).
    pub(crate) fn refresh_stats(&mut self) {
        let now = self.clock().now_unix_secs();
        let blueprint = self.blueprint_index();
        let saved = &self.saved;
        self.derived.stats_at_unix_secs = now;
        self.derived.refreshes += 1;
        self.derived.tree_stats = tree_stats(&saved.course, blueprint, &saved.history, &saved.schedule, now);
        self.derived.progress_page = crate::ui::progress::page::ProgressPage::build(
            &saved.course,
            blueprint,
            (&saved.progress, &saved.history, &saved.schedule),
            now,
            &self.clock().zone(),
        );
        self.derived.new_cards_today = self.new_cards_for_today().len();
        let inputs = crate::ui::today::page::TodayInputs {
            course: &saved.course,
            blueprint,
            progress: &saved.progress,
            settings: &saved.settings,
            history: &saved.history,
            schedule: &saved.schedule,
        };
        self.derived.today_page =
            crate::ui::today::page::TodayPage::build(&inputs, now, &self.clock().zone());
    }

    fn draw(&mut self, ui: &mut egui::Ui) {
        let blueprint = self.blueprint_index();
        let exam = self.exam_running().then(|| top_bar::ExamBadge {
            remaining_secs: self.exam_seconds_left(),
            closed_book: self.closed_book_exam(),
        });
        let facts = top_bar::TopBarFacts {
            mode: self.mode,
            due: self.derived.tree_stats.due_total,
            new_cards: self.derived.new_cards_today,
            exam,
            tree_shown: !self.tree_hidden[self.mode.index()],
        };
        egui::Panel::top("top_bar").show(ui, |ui| {
            top_bar::top_bar_ui(ui, &facts, &mut self.actions);
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::status_bar_ui(ui, &self.status, self.saved.store.dir(), &self.pack_problems);
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
                    course: &self.saved.course,
                    blueprint,
                    progress: &self.saved.progress,
                    stats: &self.derived.tree_stats,
                    open_topic: self.notes.current(),
                };
                tree::tree_ui(ui, &mut self.tree, &view, &mut self.actions);
            });
        egui::CentralPanel::default().show(ui, |ui| match self.mode {
            Mode::Today => crate::ui::today::view::today_ui(ui, &self.derived.today_page, &mut self.actions),
            Mode::Notes => notes::notes_ui(
                ui,
                &mut self.notes,
                &self.saved.course,
                &self.saved.progress,
                &mut self.actions,
            ),
            Mode::Pipelines => {
                let now_ms = self.clock().now_millis();
                crate::ui::pipeline::view::pipeline_view_ui(
                    ui,
                    &mut self.editor,
                    self.diagram.as_ref(),
                    &self.saved.course,
                    &self.saved.history,
                    now_ms,
                    &mut self.actions,
                );
            }
            Mode::Quiz => self.quiz_ui(ui),
            Mode::Progress => {
                let mut actions = std::mem::take(&mut self.actions);
                crate::ui::progress::view::progress_view_ui(
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
        crate::ui::shell::notifications::notifications_ui(ui.ctx(), &self.notifications, &mut self.actions);
        crate::ui::shell::commands::help_ui(ui.ctx(), &mut self.dialogs.help_open);
        if let Some(welcome) = &mut self.dialogs.welcome
            && !crate::ui::today::welcome::welcome_ui(
                ui.ctx(),
                welcome,
                &self.saved.course,
                &mut self.actions,
            )
        {
            self.dialogs.welcome = None;
        }
        crate::ui::shell::commands::palette_ui(ui.ctx(), &mut self.dialogs.palette, &mut self.actions);
        crate::ui::shell::anki_window::anki_export_ui(
            ui.ctx(),
            &mut self.dialogs.anki_export,
            &mut self.actions,
        );
        crate::ui::shell::backup_window::backup_chooser_ui(
            ui.ctx(),
            &mut self.dialogs.backups,
            &mut self.actions,
        );
        let reports_file = self.saved.store.path_of(crate::progress::Reports::NAME);
        report_window::report_ui(
            ui.ctx(),
            &mut self.dialogs.report,
            &reports_file,
            &mut self.actions,
        );
        let device = self.device_label();
        crate::ui::shell::settings_window::settings_ui(
            ui.ctx(),
            &mut self.dialogs.settings_open,
            &self.saved.settings,
            (self.saved.store.dir(), device.as_deref()),
            &mut self.actions,
        );
    }

    /// During a closed-book exam, refuses what would open notes, search or another mode, and
    /// says why.
    pub(crate) fn locked_by_exam(&mut self) -> bool {
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
        // Keys without Ctrl (F1, Alt+arrows) belong to a text field that has the keyboard;
        // Ctrl shortcuts still work there.
        if ctx.egui_wants_keyboard_input() && !ctx.input(|i| i.modifiers.command) {
            return;
        }
        for request in crate::ui::shell::commands::pressed(ctx, crate::ui::shell::commands::Binding::Global) {
            self.actions.push(request);
        }
    }
}

/// Where eframe's storage keeps the mode (see [`StudyApp::with_stored_layout`]).
const MODE_KEY: &str = "mode";

/// Where eframe's storage keeps the local day the mode was stored on.
const DAY_KEY: &str = "mode_day";

impl eframe::App for StudyApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if !self.appearance_applied {
            // On the first frame, after whatever theme the host set up.
            crate::ui::shell::theme::apply_appearance(ui.ctx(), &self.saved.settings);
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
        self.merge_if_changed();
        // Items fall due as time passes; recount on the first frame after a minute has gone by.
        if self
            .clock()
            .now_unix_secs()
            .saturating_sub(self.derived.stats_at_unix_secs)
            >= 60
        {
            self.refresh_stats();
        }
        self.draw(ui);
        self.apply_requests();
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
        eframe::set_value(storage, MODE_KEY, &self.mode);
        let today = self.clock().zone().day_of(self.clock().now_unix_secs());
        eframe::set_value(storage, DAY_KEY, &today);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // The exam clock stops while the app is closed: keep the time used so far.
        self.save_exam();
        self.save_typed_annotation();
    }
}
