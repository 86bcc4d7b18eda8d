//! Applying the frame's requests: the one place persisted state changes. Each group of
//! requests is matched exhaustively (the quiz's in `quiz_actions.rs`, the editor's in
//! `pipeline_actions.rs`); what the views show from disk is refreshed here, never while
//! drawing.

use crate::progress::{MAX_NEW_CARDS_PER_DAY, RETENTION_RANGE};
use crate::ui::Mode;
use crate::ui::shell::action::{
    AppRequest, DataRequest, Navigation, NotesRequest, PipelineRequest, QuizRequest, Request, SettingsRequest,
};
use crate::ui::shell::app::StudyApp;
use crate::ui::shell::report_window::ReportDraft;

impl StudyApp {
    /// Applies the frame's requests. A request that leaves the inspector while a field is still
    /// being typed waits one frame, for that field to be committed first.
    pub(crate) fn apply_requests(&mut self) {
        for request in self.actions.take() {
            if self.editor.drafts.open && self.leaves_the_editor(&request) {
                self.editor.drafts.flush = true;
                self.deferred.push(request);
                continue;
            }
            self.apply_request(request);
        }
        if !self.editor.drafts.open {
            self.editor.drafts.flush = false;
            for request in std::mem::take(&mut self.deferred) {
                self.apply_request(request);
            }
        }
        if self.editor.library_stale {
            self.refresh_library();
        }
    }

    /// Applies one request.
    pub(crate) fn apply_request(&mut self, request: Request) {
        if opens_study_material(&request) && self.locked_by_exam() {
            return;
        }
        if leaves_the_note(&request) {
            self.save_typed_annotation();
        }
        match request {
            Request::App(request) => self.apply_app(request),
            Request::Settings(request) => self.apply_settings(request),
            Request::Notes(request) => self.apply_notes(request),
            Request::Data(request) => self.apply_data(request),
            Request::Quiz(request) => self.apply_quiz(request),
            Request::Pipeline(request) => self.apply_pipeline(request),
        }
    }

    /// Whether a request takes the learner away from the open diagram's inspector.
    fn leaves_the_editor(&self, request: &Request) -> bool {
        match request {
            Request::App(AppRequest::SetMode(mode)) => *mode != self.mode,
            Request::Notes(NotesRequest::OpenTopic { .. })
            | Request::Pipeline(
                PipelineRequest::New
                | PipelineRequest::Open(_)
                | PipelineRequest::OpenExample(_)
                | PipelineRequest::ChallengeStart(_),
            )
            | Request::Quiz(QuizRequest::StartExam | QuizRequest::StartPractice | QuizRequest::StartReview) => {
                true
            }
            _ => false,
        }
    }

    /// Re-lists `diagrams/`; a folder that cannot be read is shown as an error, not as empty.
    pub(crate) fn refresh_library(&mut self) {
        self.editor.library_stale = false;
        self.derived.library_reads += 1;
        self.editor.library = crate::progress::diagrams::list(&self.saved.store);
        if let Err(message) = &self.editor.library {
            let message = format!("Your pipelines cannot be listed: {message}");
            self.notify_error(message);
        }
    }

    fn apply_app(&mut self, request: AppRequest) {
        match request {
            AppRequest::SetMode(mode) => {
                self.mode = mode;
                if mode == Mode::Quiz {
                    self.quiz.item_shown_at_ms = self.clock().now_millis();
                }
            }
            AppRequest::Notify(text) => self.notify(text),
            AppRequest::DismissNotification(id) => self.notifications.dismiss(id),
            AppRequest::DismissAllNotifications => self.notifications.dismiss_all(),
            AppRequest::OpenSearch => self.search.open(),
            AppRequest::OpenSettings => self.dialogs.settings_open = true,
            AppRequest::ShowHelp => self.dialogs.help_open = true,
            AppRequest::OpenPalette => {
                self.dialogs.palette = crate::ui::shell::commands::PaletteState {
                    open: true,
                    focus: true,
                    ..Default::default()
                };
            }
            AppRequest::OpenAnkiExport(questions) => {
                self.dialogs.anki_export =
                    Some(crate::ui::shell::anki_window::AnkiExportPrompt::new(questions));
            }
            AppRequest::ExportAnki { questions, path } => {
                let text = if questions {
                    crate::course::anki::questions_tsv(&self.saved.course)
                } else {
                    crate::course::anki::cards_tsv(&self.saved.course)
                };
                match crate::progress::write_atomically(&path, text.as_bytes()) {
                    Ok(()) => self.notify(format!("Exported for Anki to {}.", path.display())),
                    Err(err) => self.notify_error(format!("Cannot write {}: {err}", path.display())),
                }
            }
            AppRequest::ToggleTree => {
                let hidden = &mut self.tree_hidden[self.mode.index()];
                *hidden = !*hidden;
            }
        }
    }

    fn apply_settings(&mut self, request: SettingsRequest) {
        match request {
            SettingsRequest::SetTheme(theme) => {
                self.saved.settings.theme = theme;
                crate::ui::shell::theme::apply_appearance(&self.ctx, &self.saved.settings);
            }
            SettingsRequest::SetTextScale(scale) => {
                self.saved.settings.text_scale = scale;
                crate::ui::shell::theme::apply_appearance(&self.ctx, &self.saved.settings);
            }
            SettingsRequest::SetRetention(value) => {
                let (low, high) = (*RETENTION_RANGE.start(), *RETENTION_RANGE.end());
                let clamped = if value.is_nan() {
                    self.saved.settings.desired_retention
                } else {
                    value.clamp(low, high)
                };
                if (clamped - value).abs() > f32::EPSILON {
                    self.notify_error(format!(
                        "Desired retention is between {:.0}% and {:.0}%: {:.0}% was set to {:.0}%.",
                        low * 100.0,
                        high * 100.0,
                        value * 100.0,
                        clamped * 100.0
                    ));
                }
                self.saved.settings.desired_retention = clamped;
            }
            SettingsRequest::SetNewCardsPerDay(n) => {
                if n > MAX_NEW_CARDS_PER_DAY {
                    self.notify_error(format!(
                        "At most {MAX_NEW_CARDS_PER_DAY} new cards a day: {n} was set to {MAX_NEW_CARDS_PER_DAY}."
                    ));
                }
                self.saved.settings.new_cards_per_day = n.min(MAX_NEW_CARDS_PER_DAY);
                self.derived.new_cards_today = self.new_cards_for_today().len();
            }
            SettingsRequest::SetExamTimed(timed) => self.saved.settings.exam_timed = timed,
            SettingsRequest::SetExamOpenBook(open_book) => self.saved.settings.exam_open_book = open_book,
            SettingsRequest::SetExamDate(date) => {
                let date = date.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty());
                match date.as_deref().map(crate::progress::exam_date::parse_exam_date) {
                    Some(Err(_)) => {
                        self.notify_error(format!(
                            "\"{}\" is not a date: write it as YYYY-MM-DD, such as 2027-01-15.",
                            date.unwrap_or_default()
                        ));
                        return;
                    }
                    _ => self.saved.settings.exam_date = date,
                }
            }
            SettingsRequest::SetDailyMinutes(minutes) => {
                let range = crate::progress::DAILY_MINUTES_RANGE;
                let clamped = minutes.clamp(*range.start(), *range.end());
                if clamped != minutes {
                    self.notify_error(format!(
                        "Study time is {} to {} minutes a day: {minutes} was set to {clamped}.",
                        range.start(),
                        range.end()
                    ));
                }
                self.saved.settings.daily_minutes = clamped;
            }
            SettingsRequest::FinishWelcome => self.saved.settings.welcome_done = true,
        }
        self.save_settings();
        // The Today page's plan and pace depend on the exam date and the daily minutes.
        self.refresh_stats();
    }

    fn apply_notes(&mut self, request: NotesRequest) {
        match request {
            NotesRequest::OpenTopic {
                id,
                navigation,
                highlight,
            } => self.open_topic_now(id, navigation, highlight),
            NotesRequest::Back => {
                if self.notes.returns_to_editor() {
                    // A note opened from a rule finding: Back (the button or Alt+Left) returns
                    // to the editor as it was.
                    self.mode = Mode::Pipelines;
                } else if let Some(id) = self.notes.back() {
                    self.open_topic_now(id, Navigation::History, None);
                }
            }
            NotesRequest::Forward => {
                if let Some(id) = self.notes.forward() {
                    self.open_topic_now(id, Navigation::History, None);
                }
            }
            NotesRequest::SetRead { topic, read } => {
                let now = self.clock().now_unix_secs();
                let changed = if read {
                    self.saved.progress.read.insert(topic, now).is_none()
                } else {
                    self.saved.progress.read.remove(&topic).is_some()
                };
                if changed {
                    self.save_progress();
                    self.refresh_stats();
                }
            }
            NotesRequest::SetAnnotation { topic, text } => self.set_annotation(topic, text),
            NotesRequest::SetBlueprint(id) => {
                if self.saved.course.blueprint_index(&id).is_some() && self.saved.progress.blueprint != id {
                    self.saved.progress.blueprint = id;
                    self.save_progress();
                    self.refresh_stats();
                }
            }
        }
    }

    fn set_annotation(&mut self, topic: String, text: String) {
        let current = self
            .saved
            .progress
            .annotations
            .get(&topic)
            .map_or("", String::as_str);
        if current != text {
            if text.trim().is_empty() {
                self.saved.progress.annotations.remove(&topic);
            } else {
                self.saved.progress.annotations.insert(topic, text);
            }
            self.save_progress();
        }
    }

    fn apply_data(&mut self, request: DataRequest) {
        match request {
            DataRequest::RestoreBackup(name) => self.restore_backup(&name),
            DataRequest::StartFresh(name) => self.start_fresh(&name),
            DataRequest::OpenBackups(file) => self.open_backups(file),
            DataRequest::RestoreChosenBackup { file, backup } => {
                let ctx = self.ctx.clone();
                self.restore_chosen_backup(&file, &backup, &ctx);
            }
            DataRequest::OpenReport(question) => {
                self.dialogs.report = Some(ReportDraft {
                    question,
                    ..ReportDraft::default()
                });
            }
            DataRequest::SaveReport { question, remark } => self.save_report(question, remark),
        }
    }

    /// Saves an annotation still being typed (before the learner leaves the note or the app
    /// closes), so no typed text is lost.
    pub(crate) fn save_typed_annotation(&mut self) {
        if let Some((topic, text)) = self.notes.take_unsaved_annotation() {
            self.set_annotation(topic, text);
        }
    }

    fn open_topic_now(&mut self, id: String, navigation: Navigation, highlight: Option<String>) {
        if self.saved.course.topic(&id).is_none() {
            self.notify_error(format!("There is no topic {id:?} in this course."));
            return;
        }
        if navigation == Navigation::Visit {
            self.notes.visit(&id);
        }
        self.notes.set_highlight(highlight);
        self.mode = Mode::Notes;
        self.tree.reveal(&self.saved.course, self.blueprint_index(), &id);
        if self.saved.progress.selected_topic.as_deref() != Some(id.as_str()) {
            self.saved.progress.selected_topic = Some(id);
            self.save_progress();
        }
    }
}

/// Whether a request would show notes, search or another mode (refused during a
/// closed-book exam).
fn opens_study_material(request: &Request) -> bool {
    matches!(
        request,
        Request::App(
            AppRequest::SetMode(Mode::Today | Mode::Notes | Mode::Pipelines | Mode::Progress)
                | AppRequest::OpenSearch
        ) | Request::Notes(NotesRequest::OpenTopic { .. } | NotesRequest::Back | NotesRequest::Forward)
    )
}

/// Whether a request takes the learner away from the note being annotated.
fn leaves_the_note(request: &Request) -> bool {
    matches!(
        request,
        Request::App(AppRequest::SetMode(_))
            | Request::Notes(NotesRequest::OpenTopic { .. } | NotesRequest::Back | NotesRequest::Forward)
    )
}
