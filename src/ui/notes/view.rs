//! The note viewer: the open topic's Markdown note, `topic:` links that open other topics,
//! back/forward history, "Mark as read", and the learner's own annotation. Each note's tables
//! keep their own sideways scroll.

use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

use crate::course::Course;
use crate::progress::Progress;

use crate::ui::shell::action::{AppRequest, Navigation, NotesRequest, QuizRequest, Requests};

/// The viewer's own state: history, Markdown cache, the annotation being edited.
pub struct NotesState {
    cache: CommonMarkCache,
    history: Vec<String>,
    /// Index of the current entry in `history`.
    position: usize,
    highlight: Option<String>,
    /// Whether `highlight` still has to be handed to the Markdown viewer's search.
    highlight_pending: bool,
    /// The annotation being typed: saved a moment after typing stops, when the field loses
    /// focus, and before anything else happens (mode or topic change, closing).
    draft: Option<AnnotationDraft>,
    /// The history entry opened from the pipeline editor (a rule check finding's note): Back
    /// from it returns to the editor.
    editor_return: Option<usize>,
}

/// Where the pipeline editor leaves the topic it is opening, for the viewer to mark (see
/// [`remember_editor_return`]).
fn editor_return_id() -> egui::Id {
    egui::Id::unique("notes_opened_from_the_editor")
}

/// Called by the pipeline editor as it opens `topic`'s note: Back from that note returns to
/// the editor. The viewer marks the history entry when it first shows the note.
pub fn remember_editor_return(ctx: &egui::Context, topic: &str) {
    ctx.data_mut(|d| d.insert_temp(editor_return_id(), topic.to_owned()));
}

impl std::fmt::Debug for NotesState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotesState")
            .field("history", &self.history)
            .field("position", &self.position)
            .finish_non_exhaustive()
    }
}

/// An annotation being typed.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnotationDraft {
    pub topic: String,
    pub text: String,
    /// When the text last changed (egui time, seconds), while not yet saved.
    changed_at: Option<f64>,
}

/// How long typing must pause before a draft is saved.
pub const DRAFT_SAVE_AFTER_SECS: f64 = 1.0;

/// The link target that opens a topic inside the app.
fn topic_link(id: &str) -> String {
    format!("topic:{id}")
}

impl NotesState {
    /// A viewer that knows every topic link of the course.
    #[must_use]
    pub fn new(course: &Course) -> Self {
        let mut cache = CommonMarkCache::default();
        for topic in &course.topics {
            cache.add_link_hook(topic_link(&topic.id));
        }
        Self {
            cache,
            history: Vec::new(),
            position: 0,
            highlight: None,
            highlight_pending: false,
            draft: None,
            editor_return: None,
        }
    }

    /// Whether Back from the note shown returns to the pipeline editor.
    #[must_use]
    pub fn returns_to_editor(&self) -> bool {
        self.editor_return == Some(self.position) && !self.history.is_empty()
    }

    /// Marks the entry shown as opened from the editor when it is `topic`.
    fn mark_editor_return(&mut self, topic: &str) {
        if self.current() == Some(topic) {
            self.editor_return = Some(self.position);
        }
    }

    /// The annotation typed but not yet saved, as (topic, text): what the app saves before
    /// the learner leaves the note or closes the window.
    pub fn take_unsaved_annotation(&mut self) -> Option<(String, String)> {
        let draft = self.draft.as_mut()?;
        draft.changed_at.take()?;
        Some((draft.topic.clone(), draft.text.clone()))
    }

    /// The topic shown.
    #[must_use]
    pub fn current(&self) -> Option<&str> {
        self.history.get(self.position).map(String::as_str)
    }

    /// Opens a topic as a new visit: forward history is dropped.
    pub fn visit(&mut self, id: &str) {
        if self.current() == Some(id) {
            return;
        }
        if !self.history.is_empty() {
            self.history.truncate(self.position + 1);
        }
        self.history.push(id.to_owned());
        self.position = self.history.len() - 1;
    }

    /// Steps back; returns the topic to show. From a note opened from the pipeline editor
    /// there is no earlier topic: Back leads to the editor (see [`Self::returns_to_editor`]).
    pub fn back(&mut self) -> Option<String> {
        if self.position == 0 || self.history.is_empty() || self.returns_to_editor() {
            return None;
        }
        self.position -= 1;
        self.current().map(str::to_owned)
    }

    /// Steps forward; returns the topic to show.
    pub fn forward(&mut self) -> Option<String> {
        if self.position + 1 >= self.history.len() {
            return None;
        }
        self.position += 1;
        self.current().map(str::to_owned)
    }

    fn can_go_back(&self) -> bool {
        self.position > 0 || self.returns_to_editor()
    }

    fn can_go_forward(&self) -> bool {
        self.position + 1 < self.history.len()
    }

    /// Text to highlight in the note (from a search); `None` clears it.
    pub fn set_highlight(&mut self, highlight: Option<String>) {
        if highlight.is_some() || self.highlight.is_some() {
            self.highlight = highlight;
            self.highlight_pending = true;
        }
    }

    /// The text highlighted in the open note.
    #[must_use]
    pub fn highlight(&self) -> Option<&str> {
        self.highlight.as_deref()
    }

    /// Hands the highlight to the viewer's find-in-page, which marks every match and scrolls to
    /// the first.
    fn apply_highlight(&mut self, viewer: egui::Id, note: &str) {
        if !self.highlight_pending {
            return;
        }
        self.highlight_pending = false;
        let query = self.highlight.clone().unwrap_or_default();
        *self.cache.search_query_mut(&viewer) = query;
        self.cache.update_search_matches(&viewer, note);
    }
}

/// Draws the note viewer.
pub fn notes_ui(
    ui: &mut egui::Ui,
    state: &mut NotesState,
    course: &Course,
    progress: &Progress,
    actions: &mut Requests,
) {
    if let Some(topic) = ui.ctx().data_mut(|d| d.remove_temp::<String>(editor_return_id())) {
        state.mark_editor_return(&topic);
    }
    let Some(topic_id) = state.current().map(str::to_owned) else {
        ui.vertical_centered(|ui| {
            ui.add_space(40.0);
            ui.heading(&course.title);
            ui.label("Choose a topic in the tree on the left to read its note.");
            ui.label(format!(
                "{} topics in {} blueprints.",
                course.topics.len(),
                course.blueprints.len()
            ));
        });
        return;
    };
    let Some(topic) = course.topic(&topic_id) else {
        ui.label(format!("The topic {topic_id:?} is not in this course."));
        return;
    };

    ui.horizontal(|ui| {
        if state.returns_to_editor() {
            if ui
                .button("⬅ Back to the pipeline editor")
                .on_hover_text("Return to the pipeline and its rule check")
                .clicked()
            {
                actions.push(AppRequest::SetMode(crate::ui::Mode::Pipelines));
            }
        } else if ui
            .add_enabled(state.can_go_back(), egui::Button::new("⬅ Back"))
            .on_hover_text("Alt+Left")
            .clicked()
        {
            actions.push(NotesRequest::Back);
        }
        if ui
            .add_enabled(state.can_go_forward(), egui::Button::new("Forward ➡"))
            .on_hover_text("Alt+Right")
            .clicked()
        {
            actions.push(NotesRequest::Forward);
        }
        ui.separator();
        let mut read = progress.is_read(&topic.id);
        if ui.checkbox(&mut read, "Mark as read").changed() {
            actions.push(NotesRequest::SetRead {
                topic: topic.id.clone(),
                read,
            });
        }
        let questions = course.questions_for_topic(&topic.id).count();
        if ui
            .add_enabled(questions > 0, egui::Button::new("Quiz me on this topic"))
            .on_hover_text(format!("{questions} questions name this topic"))
            .clicked()
        {
            actions.push(QuizRequest::QuizTopic(topic.id.clone()));
        }
        if let Some(highlight) = state.highlight.clone() {
            ui.separator();
            ui.label(egui::RichText::new(format!("Highlighting “{highlight}”")).weak());
            if ui.small_button("Clear highlight").clicked() {
                state.set_highlight(None);
            }
        }
    });
    ui.separator();

    let viewer = egui::Id::unique(("note_viewer", &topic.id));
    state.apply_highlight(viewer, &topic.note);

    egui::ScrollArea::vertical()
        .id_salt(("note", &topic.id))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if topic.note.trim().is_empty() {
                ui.heading(&topic.title);
                ui.label("This topic has no note yet.");
            } else {
                // The viewer keys each table's sideways scroll by the ui's id and the table's
                // number: a scope per topic keeps one note's scroll off the next note's tables.
                ui.push_id(("note_tables", &topic.id), |ui| {
                    // Wide tables scroll sideways: a solid bar, always drawn when a table is
                    // wider than the note, shows that they do.
                    ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
                    CommonMarkViewer::new().show_with_id(viewer, ui, &mut state.cache, &topic.note);
                });
                let user_scrolled = ui.input(egui::InputState::is_scrolling);
                state.cache.sync_active_match(&viewer, user_scrolled);
            }
            ui.add_space(12.0);
            ui.separator();
            annotation_ui(ui, state, &topic.id, progress, actions);
        });

    for target in course.topics.iter().map(|t| topic_link(&t.id)) {
        if state.cache.get_link_hook(&target) == Some(true) {
            let id = target.trim_start_matches("topic:").to_owned();
            actions.push(NotesRequest::OpenTopic {
                id,
                navigation: Navigation::Visit,
                highlight: None,
            });
            break;
        }
    }
}

fn annotation_ui(
    ui: &mut egui::Ui,
    state: &mut NotesState,
    topic: &str,
    progress: &Progress,
    actions: &mut Requests,
) {
    let saved = progress.annotations.get(topic).cloned().unwrap_or_default();
    if state.draft.as_ref().is_none_or(|d| d.topic != topic) {
        state.draft = Some(AnnotationDraft {
            topic: topic.to_owned(),
            text: saved.clone(),
            changed_at: None,
        });
    }
    let Some(draft) = state.draft.as_mut() else {
        return;
    };
    let label = ui.strong("Your annotation");
    let response = ui.add(
        egui::TextEdit::multiline(&mut draft.text)
            .hint_text("Your own notes on this topic, saved with your progress")
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    );
    let response = response.labelled_by(label.id);
    let now = ui.input(|i| i.time);
    if response.changed() {
        draft.changed_at = Some(now);
    }
    let Some(changed_at) = draft.changed_at else {
        return;
    };
    let idle = now - changed_at;
    if response.lost_focus() || idle >= DRAFT_SAVE_AFTER_SECS {
        draft.changed_at = None;
        if draft.text != saved {
            actions.push(NotesRequest::SetAnnotation {
                topic: topic.to_owned(),
                text: draft.text.clone(),
            });
        }
    } else {
        // Come back when the pause is long enough, even without input.
        #[expect(clippy::cast_possible_truncation, reason = "under a second")]
        let wait = (DRAFT_SAVE_AFTER_SECS - idle).max(0.0) as f32;
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f32(wait + 0.05));
    }
}
