//! The search palette (Ctrl+K): type, see ranked topics with the line that matched, pick one
//! with the arrows and Enter (or a click) to open the note at the match.

use egui::{Key, Modifiers};

use crate::course::search::{SearchHit, SearchIndex};

use crate::ui::shell::action::{Navigation, NotesRequest, Requests};

/// How many results the palette lists.
const RESULT_LIMIT: usize = 30;

/// The palette's state.
#[derive(Debug, Default)]
pub struct SearchState {
    open: bool,
    query: String,
    searched: String,
    hits: Vec<SearchHit>,
    selected: usize,
    /// Set on opening: the click that opened the palette must not also close it.
    focus_query: bool,
}

impl SearchState {
    /// Opens the palette with the cursor in the query field and the last query selected.
    pub fn open(&mut self) {
        self.open = true;
        self.focus_query = true;
    }

    /// Whether the palette is shown.
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.open
    }
}

/// Draws the palette when open.
pub fn search_ui(ctx: &egui::Context, state: &mut SearchState, index: &SearchIndex, actions: &mut Requests) {
    if !state.open {
        return;
    }
    if state.query != state.searched {
        state.hits = index.search(&state.query, RESULT_LIMIT);
        state.searched.clone_from(&state.query);
        state.selected = 0;
    }
    let (down, up, enter) = ctx.input_mut(|i| {
        (
            i.consume_key(Modifiers::NONE, Key::ArrowDown),
            i.consume_key(Modifiers::NONE, Key::ArrowUp),
            i.consume_key(Modifiers::NONE, Key::Enter),
        )
    });
    if down && state.selected + 1 < state.hits.len() {
        state.selected += 1;
    }
    if up {
        state.selected = state.selected.saturating_sub(1);
    }
    let mut chosen = enter.then_some(state.selected);
    let opened_now = state.focus_query;

    let modal = egui::Modal::new(egui::Id::unique("search_palette")).show(ctx, |ui| {
        ui.set_width(640.0);
        let label = ui.label("Search notes and titles");
        let mut output = egui::TextEdit::singleline(&mut state.query)
            .hint_text("e.g. lifecycle hook, buildspec, RPO")
            .desired_width(f32::INFINITY)
            .show(ui);
        let edit = output.response.response.clone().labelled_by(label.id);
        if state.focus_query {
            edit.request_focus();
            // The last query comes back selected: typing replaces it, an arrow key keeps it.
            let everything = egui::text::CCursorRange::two(
                egui::text::CCursor::new(0),
                egui::text::CCursor::new(state.query.chars().count()),
            );
            output.state.cursor.set_char_range(Some(everything));
            output.state.store(ui.ctx(), edit.id);
            state.focus_query = false;
        }
        ui.separator();
        if state.query.trim().is_empty() {
            ui.label(
                egui::RichText::new(
                    "Type to search every note. Up and Down choose, Enter opens, Esc closes.",
                )
                .weak(),
            );
            return;
        }
        if state.hits.is_empty() {
            ui.label("No note mentions all of those words.");
            return;
        }
        egui::ScrollArea::vertical()
            .min_scrolled_height(420.0)
            .max_height(420.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (i, hit) in state.hits.iter().enumerate() {
                    let selected = i == state.selected;
                    let text = if hit.line.is_empty() {
                        hit.title.clone()
                    } else {
                        format!("{} — {}", hit.title, hit.line)
                    };
                    let mut job = egui::text::LayoutJob::default();
                    job.append(
                        &hit.title,
                        0.0,
                        egui::TextFormat::simple(
                            egui::FontId::proportional(14.5),
                            ui.visuals().strong_text_color(),
                        ),
                    );
                    if !hit.line.is_empty() {
                        job.append(
                            &format!("\n{}", hit.line),
                            0.0,
                            egui::TextFormat::simple(
                                egui::FontId::proportional(12.5),
                                ui.visuals().weak_text_color(),
                            ),
                        );
                    }
                    job.wrap = egui::text::TextWrapping::truncate_at_width(600.0);
                    let response = ui.add(
                        egui::Button::selectable(selected, job)
                            .min_size(egui::vec2(ui.available_width(), 0.0)),
                    );
                    response.widget_info(|| {
                        egui::WidgetInfo::selected(egui::Role::Button, true, selected, &text)
                    });
                    if selected && (down || up) {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        chosen = Some(i);
                    }
                }
            });
    });
    if let Some(i) = chosen
        && let Some(hit) = state.hits.get(i)
    {
        actions.push(NotesRequest::OpenTopic {
            id: hit.topic.clone(),
            navigation: Navigation::Visit,
            highlight: (!hit.highlight.is_empty()).then(|| hit.highlight.clone()),
        });
        state.open = false;
    } else if !opened_now && modal.should_close() {
        state.open = false;
    }
}
