//! The app shell: owns the course, the store and the learner's state; lays out the panels each
//! frame; applies the actions the views asked for and saves what changed.

use std::path::PathBuf;
use std::sync::Arc;

use crate::course::search::SearchIndex;
use crate::course::{Course, PackSource, Problem};
use crate::progress::{Clock, DataFile, LoadError, Progress, Settings, Store};
use crate::quiz::stats::{TreeStats, tree_stats};
use crate::quiz::{ExamFile, History, Schedule, SessionKind};

use super::action::{Action, Actions, Navigation};
use super::banner::{self, DamagedFile};
use super::notes::{self, NotesState};
use super::quiz_state::QuizState;
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
    pub(crate) tree_stats: TreeStats,
    /// When `tree_stats` was computed (Unix seconds): due counts change as time passes.
    stats_at_unix_secs: u64,
    pub(crate) damaged: Vec<DamagedFile>,
    pub(crate) status: Status,
    pub(crate) pack_problems: Vec<Problem>,
    pub(crate) actions: Actions,
    pub(crate) settings_open: bool,
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
            tree_stats: TreeStats::default(),
            stats_at_unix_secs: 0,
            damaged,
            status: Status::default(),
            pack_problems: config.pack_problems,
            actions: Actions::default(),
            settings_open: false,
        };
        app.ensure_blueprint();
        if let Some(topic) = app.progress.selected_topic.clone()
            && app.course.topic(&topic).is_some()
        {
            app.notes.visit(&topic);
            app.tree.reveal(&app.course, app.blueprint_index(), &topic);
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
        ctx.options_mut(|o| o.zoom_with_keyboard = true);
        super::theme::install_fonts(ctx);
        Ok(app)
    }

    /// The learner's notes progress, as held in memory (and saved).
    #[must_use]
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// The learner's answer history.
    #[must_use]
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The spaced-repetition schedule.
    #[must_use]
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// The session being run, if any.
    #[must_use]
    pub fn active_session(&self) -> Option<&crate::quiz::Session> {
        self.quiz.session.as_ref()
    }

    /// The last finished session and its result.
    #[must_use]
    pub fn finished_session(&self) -> Option<&(crate::quiz::Session, crate::quiz::SessionResult)> {
        self.quiz.finished.as_ref()
    }

    /// Seconds left on a running timed exam.
    #[must_use]
    pub fn exam_seconds_left(&self) -> Option<u64> {
        let session = self
            .quiz
            .session
            .as_ref()
            .filter(|s| s.kind == SessionKind::Exam)?;
        session.remaining_secs(self.quiz.running_exam_secs(self.clock().now_millis()))
    }

    /// The mode shown.
    #[must_use]
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The topic open in the note viewer.
    #[must_use]
    pub fn open_topic(&self) -> Option<&str> {
        self.notes.current()
    }

    /// The text highlighted in the open note (after opening a search result).
    #[must_use]
    pub fn note_highlight(&self) -> Option<&str> {
        self.notes.highlight()
    }

    /// Whether the search palette is open.
    #[must_use]
    pub fn is_search_open(&self) -> bool {
        self.search.is_open()
    }

    /// The data directory.
    #[must_use]
    pub fn data_dir(&self) -> &std::path::Path {
        self.store.dir()
    }

    /// The status line's text.
    #[must_use]
    pub fn status_text(&self) -> &str {
        &self.status.text
    }

    /// Files that failed to load.
    #[must_use]
    pub fn damaged_files(&self) -> Vec<&LoadError> {
        self.damaged.iter().map(|d| &d.error).collect()
    }

    pub(crate) fn clock(&self) -> &Clock {
        self.store.clock()
    }

    /// Index of the blueprint the tree shows.
    pub(crate) fn blueprint_index(&self) -> usize {
        self.course.blueprint_index(&self.progress.blueprint).unwrap_or(0)
    }

    fn ensure_blueprint(&mut self) {
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
        egui::Panel::top("top_bar").show(ui, |ui| {
            let exam_running = self
                .quiz
                .session
                .as_ref()
                .is_some_and(|s| s.kind == SessionKind::Exam);
            top_bar::top_bar_ui(
                ui,
                self.mode,
                self.tree_stats.due_total,
                exam_running,
                &mut self.actions,
            );
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::status_bar_ui(ui, &self.status, self.store.dir(), &self.pack_problems);
        });
        if !self.damaged.is_empty() {
            egui::Panel::top("damaged_banner").show(ui, |ui| {
                banner::damaged_files_ui(ui, &self.damaged, &mut self.actions);
            });
        }
        egui::Panel::left("domain_tree")
            .resizable(true)
            .default_size(320.0)
            .size_range(200.0..=600.0)
            .show(ui, |ui| {
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
            Mode::Pipelines => super::overview::pipelines_overview_ui(ui, &self.course),
            Mode::Quiz => self.quiz_ui(ui),
            Mode::Progress => super::progress_view::progress_view_ui(ui, &self.progress_facts()),
        });
        search::search_ui(ui.ctx(), &mut self.search, &self.search_index, &mut self.actions);
        super::settings_window::settings_ui(
            ui.ctx(),
            &mut self.settings_open,
            &self.settings,
            self.store.dir(),
            &mut self.actions,
        );
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
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
        let digit_keys = [egui::Key::Num1, egui::Key::Num2, egui::Key::Num3, egui::Key::Num4];
        for (mode, key) in Mode::ALL.into_iter().zip(digit_keys) {
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, key)) {
                self.actions.push(Action::SetMode(mode));
            }
        }
    }

    /// Applies the frame's actions: the one place persisted state changes.
    fn apply_actions(&mut self) {
        for action in self.actions.take() {
            if let Some(action) = self.apply_quiz(action) {
                self.apply(action);
            }
        }
    }

    fn apply(&mut self, action: Action) {
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
            Action::Notify(text) => self.notify(text),
            Action::OpenSearch => self.search.open(),
            Action::OpenSettings => self.settings_open = true,
            other => self.notify_error(format!("Nothing handles {other:?} here.")),
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

    fn restore_backup(&mut self, name: &str) {
        let result = match name {
            Progress::NAME => self
                .store
                .restore_newest_backup::<Progress>(name)
                .map(|(v, from)| {
                    self.progress = v;
                    self.ensure_blueprint();
                    from
                }),
            Settings::NAME => self
                .store
                .restore_newest_backup::<Settings>(name)
                .map(|(v, from)| {
                    self.settings = v;
                    from
                }),
            History::NAME => self
                .store
                .restore_newest_backup::<History>(name)
                .map(|(v, from)| {
                    self.history = v;
                    from
                }),
            Schedule::NAME => self
                .store
                .restore_newest_backup::<Schedule>(name)
                .map(|(v, from)| {
                    self.schedule = v;
                    from
                }),
            ExamFile::NAME => self
                .store
                .restore_newest_backup::<ExamFile>(name)
                .map(|(v, from)| {
                    if let Some(exam) = v.exam.filter(|e| !e.is_finished()) {
                        self.quiz.session = Some(exam);
                        self.quiz.exam_resumed_at_ms = Some(self.clock().now_millis());
                    }
                    from
                }),
            other => Err(format!("{other} has no restore action")),
        };
        match result {
            Ok(from) => {
                self.damaged.retain(|d| d.name != name);
                self.refresh_stats();
                self.notify(format!(
                    "Restored {name} from {}; the damaged file was kept beside it.",
                    from.display()
                ));
            }
            Err(message) => self.notify_error(message),
        }
    }

    fn start_fresh(&mut self, name: &str) {
        match self.store.start_fresh(name) {
            Ok(kept) => {
                self.damaged.retain(|d| d.name != name);
                let kept = kept.map_or_else(String::new, |p| {
                    format!(" The damaged file was kept as {}.", p.display())
                });
                // Whatever the learner did since the app started is written now.
                match name {
                    Progress::NAME => self.save_progress(),
                    Settings::NAME => self.save_settings(),
                    History::NAME => self.save_history(),
                    Schedule::NAME => self.save_schedule(),
                    _ => self.save_exam(),
                }
                self.notify(format!("Started {name} afresh.{kept}"));
            }
            Err(err) => self.notify_error(format!("Cannot set {name} aside: {err}")),
        }
    }

    /// Saves any data file value, reporting failure in the status line.
    pub(crate) fn save_value<T: DataFile>(&mut self, value: &T) {
        let result = self.store.save(value);
        self.report_save(result);
    }

    fn report_save(&mut self, result: Result<(), crate::progress::SaveError>) {
        match result {
            Ok(()) => self.notify("Progress saved.".to_owned()),
            Err(err) => self.notify_error(err.to_string()),
        }
    }

    pub(crate) fn save_progress(&mut self) {
        let result = self.store.save(&self.progress);
        self.report_save(result);
    }

    pub(crate) fn save_settings(&mut self) {
        let result = self.store.save(&self.settings);
        self.report_save(result);
    }

    pub(crate) fn save_history(&mut self) {
        let result = self.store.save(&self.history);
        self.report_save(result);
    }

    pub(crate) fn save_schedule(&mut self) {
        let result = self.store.save(&self.schedule);
        self.report_save(result);
    }

    pub(crate) fn notify(&mut self, text: String) {
        self.status = Status {
            text,
            is_error: false,
        };
    }

    pub(crate) fn notify_error(&mut self, text: String) {
        self.status = Status { text, is_error: true };
    }
}

impl eframe::App for StudyApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.handle_shortcuts(ui.ctx());
        self.check_exam_clock();
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
    }
}
