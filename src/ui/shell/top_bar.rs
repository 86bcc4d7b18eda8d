//! The top bar: the app name, the mode switch, the running exam's clock and, on the right,
//! reviews (due and new), search and settings.

use crate::ui::Mode;
use crate::ui::quiz::setup::clock_text;
use crate::ui::shell::action::{AppRequest, QuizRequest, Request, Requests};

/// A running exam, as the top bar shows it in every mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExamBadge {
    /// Seconds left; `None` when untimed.
    pub remaining_secs: Option<u64>,
    /// Notes, search, Pipelines and Progress are locked.
    pub closed_book: bool,
}

/// What the top bar shows.
#[derive(Debug, Clone, Copy)]
pub struct TopBarFacts {
    pub mode: Mode,
    /// Review items due now.
    pub due: usize,
    /// New recall cards a review would introduce today.
    pub new_cards: usize,
    pub exam: Option<ExamBadge>,
    pub tree_shown: bool,
}

/// The reason shown on everything a closed-book exam locks.
pub const CLOSED_BOOK_REASON: &str =
    "Closed-book exam: notes, search, Pipelines and Progress open again when you finish or abandon it.";

/// The Review button's text: what is due and the new cards waiting today.
#[must_use]
pub fn review_label(due: usize, new_cards: usize) -> String {
    match (due, new_cards) {
        (0, 0) => "Review: nothing due".to_owned(),
        (due, 0) => format!("Review: {due} due"),
        (0, new) => format!("Review: {new} new"),
        (due, new) => format!("Review: {due} due + {new} new"),
    }
}

/// Draws the top bar.
pub fn top_bar_ui(ui: &mut egui::Ui, facts: &TopBarFacts, actions: &mut Requests) {
    let locked = facts.exam.is_some_and(|e| e.closed_book);
    let (chosen_mode, right) = egui::Sides::new().show(
        ui,
        |ui| {
            let toggle = ui
                .selectable_label(facts.tree_shown, "☰")
                .on_hover_text("Show or hide the domain tree (Ctrl+B)");
            let toggled = toggle.clicked();
            ui.heading("Stagecraft");
            ui.separator();
            let mut chosen = None;
            for candidate in Mode::ALL {
                let label = if candidate == Mode::Quiz && facts.exam.is_some() {
                    "Quiz (exam running)"
                } else {
                    candidate.label()
                };
                let enabled = !locked || candidate == Mode::Quiz;
                let response =
                    ui.add_enabled(enabled, egui::Button::selectable(facts.mode == candidate, label));
                let response = if enabled {
                    response.on_hover_text(format!("Ctrl+{}", candidate.shortcut_digit()))
                } else {
                    response.on_disabled_hover_text(CLOSED_BOOK_REASON)
                };
                if response.clicked() && facts.mode != candidate {
                    chosen = Some(candidate);
                }
            }
            if let Some(exam) = facts.exam {
                ui.separator();
                let text = exam.remaining_secs.map_or_else(
                    || "Exam: untimed".to_owned(),
                    |left| format!("Exam: {} left", clock_text(left)),
                );
                let mut text = egui::RichText::new(text).monospace().strong();
                if exam.remaining_secs.is_some_and(|left| left < 300) {
                    text = text.color(ui.visuals().warn_fg_color);
                }
                let clock = ui.add(egui::Button::new(text).frame(false));
                if clock.on_hover_text("Go to the exam").clicked() {
                    chosen = Some(Mode::Quiz);
                }
            }
            (chosen, toggled)
        },
        |ui| {
            let mut pushed = Vec::new();
            if ui.button("Settings…").clicked() {
                pushed.push(Request::from(AppRequest::OpenSettings));
            }
            let search = ui.add_enabled(!locked, egui::Button::new("Search…"));
            let search = if locked {
                search.on_disabled_hover_text(CLOSED_BOOK_REASON)
            } else {
                search.on_hover_text("Search every note (Ctrl+K)")
            };
            if search.clicked() {
                pushed.push(AppRequest::OpenSearch.into());
            }
            let any = facts.due + facts.new_cards > 0;
            let review = ui.add_enabled(
                any && facts.exam.is_none(),
                egui::Button::new(review_label(facts.due, facts.new_cards)),
            );
            if review
                .on_hover_text("Run the items FSRS has scheduled for now and today's new recall cards")
                .clicked()
            {
                pushed.push(QuizRequest::StartReview.into());
            }
            pushed
        },
    );
    let (chosen_mode, toggled) = chosen_mode;
    if toggled {
        actions.push(AppRequest::ToggleTree);
    }
    if let Some(mode) = chosen_mode {
        actions.push(AppRequest::SetMode(mode));
    }
    for action in right {
        actions.push(action);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_review_label_counts_new_cards_too() {
        assert_eq!(review_label(0, 20), "Review: 20 new");
        assert_eq!(review_label(3, 20), "Review: 3 due + 20 new");
        assert_eq!(review_label(3, 0), "Review: 3 due");
        assert_eq!(review_label(0, 0), "Review: nothing due");
    }
}
