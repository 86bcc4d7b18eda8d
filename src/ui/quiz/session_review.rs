//! Going through a finished session item by item: the learner's answer, the key and every
//! explanation, with "wrong only" and "flagged only" filters. Serves the result page and the
//! past sessions opened from Progress.

use crate::course::Course;
use crate::course::check::option_letter;
use crate::quiz::session::Response;
use crate::quiz::{ItemKey, ItemRecord};

use crate::ui::quiz::question::{QuestionMode, question_ui};
use crate::ui::shell::action::Requests;

/// Which items to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ItemFilter {
    pub wrong_only: bool,
    pub flagged_only: bool,
}

impl ItemFilter {
    /// Whether an item passes: "wrong" includes blanks and cards graded Again.
    #[must_use]
    pub fn keeps(self, item: &ItemRecord) -> bool {
        let wrong = match item.item {
            ItemKey::Question(_) => item.correct != Some(true),
            ItemKey::Card(_) => item.grade == Some(crate::quiz::Grade::Again),
        };
        (!self.wrong_only || wrong) && (!self.flagged_only || item.flagged)
    }
}

/// Lists the items of a finished session; `salt` keeps each list's open headers apart.
pub fn items_review_ui(
    ui: &mut egui::Ui,
    course: &Course,
    items: &[ItemRecord],
    filter: ItemFilter,
    salt: u64,
    actions: &mut Requests,
) {
    let mut shown = 0;
    for (i, record) in items.iter().enumerate() {
        if !filter.keeps(record) {
            continue;
        }
        shown += 1;
        let flag = if record.flagged { " ⚑" } else { "" };
        match &record.item {
            ItemKey::Question(id) => {
                let Some(question) = course.question(id) else {
                    ui.label(format!("{}. Question {id:?} is no longer in this course.", i + 1));
                    continue;
                };
                let mark = match record.correct {
                    Some(true) => "✔",
                    Some(false) => "×",
                    None => "–",
                };
                let chosen: Vec<String> = record
                    .chosen
                    .iter()
                    .map(|&c| option_letter(c).to_string())
                    .collect();
                let key: Vec<String> = question
                    .correct_indices()
                    .into_iter()
                    .map(|c| option_letter(c).to_string())
                    .collect();
                let yours = if record.correct.is_none() {
                    "no answer".to_owned()
                } else {
                    format!("you chose {}", chosen.join(", "))
                };
                let stem: String = question.stem.chars().take(90).collect();
                egui::CollapsingHeader::new(format!(
                    "{mark} {}. {stem}… ({yours}; answer {}){flag}",
                    i + 1,
                    key.join(", ")
                ))
                .id_salt(("review_item", salt, i))
                .show(ui, |ui| {
                    let response = Response {
                        chosen: record.chosen.clone(),
                        submitted: true,
                        flagged: record.flagged,
                        ..Response::default()
                    };
                    let mode = QuestionMode {
                        reveal: true,
                        refused_pick: None,
                    };
                    question_ui(ui, course, question, &response, mode, actions);
                });
            }
            ItemKey::Card(id) => {
                let Some(card) = course.card(id) else {
                    ui.label(format!("{}. Card {id:?} is no longer in this course.", i + 1));
                    continue;
                };
                let grade = record.grade.map_or("not graded", |g| g.label());
                egui::CollapsingHeader::new(format!("{}. Card: {} ({grade}){flag}", i + 1, card.front))
                    .id_salt(("review_item", salt, i))
                    .show(ui, |ui| {
                        ui.label(egui::RichText::new(&card.back).strong());
                    });
            }
        }
    }
    if shown == 0 {
        ui.label(egui::RichText::new("No item matches these filters.").weak());
    }
}

/// The two filter check boxes.
pub fn filter_ui(ui: &mut egui::Ui, filter: &mut ItemFilter) -> bool {
    let mut changed = false;
    ui.horizontal(|ui| {
        changed |= ui.checkbox(&mut filter.wrong_only, "Wrong only").changed();
        changed |= ui.checkbox(&mut filter.flagged_only, "Flagged only").changed();
    });
    changed
}
