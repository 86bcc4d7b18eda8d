//! The app shell: owns the course, the store and the learner's state; lays out the panels each
//! frame; applies the actions the views asked for and saves what changed.

use std::path::PathBuf;
use std::sync::Arc;

use crate::course::search::SearchIndex;
use crate::course::{Course, PackSource, Problem};
use crate::progress::{Clock, LoadError, Progress, Store};

use super::action::{Action, Actions, Navigation};
use super::banner::{self, DamagedFile};
use super::notes::{self, NotesState};
use super::search::{self, SearchState};
use super::tree::{self, TreeState};
use super::{Mode, overview, status_bar, top_bar};

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
    pub(crate) mode: Mode,
    pub(crate) tree: TreeState,
    pub(crate) notes: NotesState,
    pub(crate) search: SearchState,
    search_index: SearchIndex,
    pub(crate) damaged: Vec<DamagedFile>,
    pub(crate) status: Status,
    pub(crate) pack_problems: Vec<Problem>,
    actions: Actions,
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
        let progress = match store.load::<Progress>() {
            Ok(progress) => progress,
            Err(err) => {
                damaged.push(DamagedFile::new(&err));
                Progress::default()
            }
        };
        let mut app = Self {
            tree: TreeState::new(&config.course),
            notes: NotesState::new(&config.course),
            search: SearchState::default(),
            search_index: SearchIndex::new(&config.course),
            course: config.course,
            store,
            progress,
            mode: Mode::Notes,
            damaged,
            status: Status::default(),
            pack_problems: config.pack_problems,
            actions: Actions::default(),
        };
        app.ensure_blueprint();
        if let Some(topic) = app.progress.selected_topic.clone()
            && app.course.topic(&topic).is_some()
        {
            app.notes.visit(&topic);
            app.tree.reveal(&app.course, app.blueprint_index(), &topic);
        }
        ctx.options_mut(|o| o.zoom_with_keyboard = true);
        super::theme::install_fonts(ctx);
        Ok(app)
    }

    /// The learner's notes progress, as held in memory (and saved).
    #[must_use]
    pub fn progress(&self) -> &Progress {
        &self.progress
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

    /// The data directory.
    #[must_use]
    pub fn data_dir(&self) -> &std::path::Path {
        self.store.dir()
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

    /// The status line's text.
    #[must_use]
    pub fn status_text(&self) -> &str {
        &self.status.text
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

    fn draw(&mut self, ui: &mut egui::Ui) {
        let blueprint = self.blueprint_index();
        egui::Panel::top("top_bar").show(ui, |ui| {
            top_bar::top_bar_ui(ui, self.mode, &mut self.actions);
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
                tree::tree_ui(
                    ui,
                    &mut self.tree,
                    &self.course,
                    blueprint,
                    &self.progress,
                    self.notes.current(),
                    &mut self.actions,
                );
            });
        egui::CentralPanel::default().show(ui, |ui| match self.mode {
            Mode::Notes => notes::notes_ui(
                ui,
                &mut self.notes,
                &self.course,
                &self.progress,
                &mut self.actions,
            ),
            Mode::Pipelines => overview::pipelines_overview_ui(ui, &self.course),
            Mode::Quiz => overview::quiz_overview_ui(ui, &self.course, blueprint),
            Mode::Progress => overview::progress_overview_ui(ui, &self.course, blueprint, &self.progress),
        });
        search::search_ui(ui.ctx(), &mut self.search, &self.search_index, &mut self.actions);
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let (back, forward, search) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowLeft),
                i.consume_key(egui::Modifiers::ALT, egui::Key::ArrowRight),
                i.consume_key(egui::Modifiers::COMMAND, egui::Key::K),
            )
        });
        if search {
            self.actions.push(Action::OpenSearch);
        }
        if back {
            self.actions.push(Action::Back);
        }
        if forward {
            self.actions.push(Action::Forward);
        }
    }

    /// Applies the frame's actions: the one place persisted state changes.
    fn apply_actions(&mut self) {
        for action in self.actions.take() {
            self.apply(action);
        }
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::SetMode(mode) => self.mode = mode,
            Action::OpenTopic {
                id,
                navigation,
                highlight,
            } => {
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
            Action::Back => {
                if let Some(id) = self.notes.back() {
                    self.apply(Action::OpenTopic {
                        id,
                        navigation: Navigation::History,
                        highlight: None,
                    });
                }
            }
            Action::Forward => {
                if let Some(id) = self.notes.forward() {
                    self.apply(Action::OpenTopic {
                        id,
                        navigation: Navigation::History,
                        highlight: None,
                    });
                }
            }
            Action::SetRead { topic, read } => {
                let now = self.store.clock().now_unix_secs();
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
                }
            }
            Action::RestoreBackup(name) => self.restore_backup(&name),
            Action::StartFresh(name) => self.start_fresh(&name),
            Action::Notify(text) => self.notify(text),
            Action::OpenSearch => self.search.open(),
        }
    }

    fn restore_backup(&mut self, name: &str) {
        let result = match name {
            n if n == <Progress as crate::progress::DataFile>::NAME => self
                .store
                .restore_newest_backup::<Progress>(n)
                .map(|(progress, from)| {
                    self.progress = progress;
                    self.ensure_blueprint();
                    from
                }),
            other => Err(format!("{other} has no restore action")),
        };
        match result {
            Ok(from) => {
                self.damaged.retain(|d| d.name != name);
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
                self.notify(format!("Started {name} afresh.{kept}"));
                if name == <Progress as crate::progress::DataFile>::NAME {
                    self.save_progress();
                }
            }
            Err(err) => self.notify_error(format!("Cannot set {name} aside: {err}")),
        }
    }

    fn save_progress(&mut self) {
        match self.store.save(&self.progress) {
            Ok(()) => self.notify("Progress saved.".to_owned()),
            Err(err) => self.notify_error(err.to_string()),
        }
    }

    fn notify(&mut self, text: String) {
        self.status = Status {
            text,
            is_error: false,
        };
    }

    fn notify_error(&mut self, text: String) {
        self.status = Status { text, is_error: true };
    }

    /// Files that failed to load (for tests and the CLI).
    #[must_use]
    pub fn damaged_files(&self) -> Vec<&LoadError> {
        self.damaged.iter().map(|d| &d.error).collect()
    }
}

impl eframe::App for StudyApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.handle_shortcuts(ui.ctx());
        self.draw(ui);
        self.apply_actions();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // eframe's storage keeps window layout only; progress lives in the store.
        eframe::set_value(storage, "mode", &self.mode);
    }
}
