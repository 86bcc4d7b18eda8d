//! One question or recall card on screen: the stem, the options with their letters, and after
//! an answer every option's verdict and explanation plus links to the notes that teach it.

use crate::course::check::option_letter;
use crate::course::{Card, Course, Question, QuestionKind};
use crate::quiz::session::Response;

use super::action::{Action, Actions, Navigation};

/// Draws a question. With `reveal`, options are locked and each shows whether it is right and
/// why.
pub fn question_ui(
    ui: &mut egui::Ui,
    course: &Course,
    question: &Question,
    response: &Response,
    reveal: bool,
    actions: &mut Actions,
) {
    ui.label(egui::RichText::new(&question.stem).size(16.0));
    if let QuestionKind::Multiple { pick } = question.kind {
        ui.label(egui::RichText::new(format!("Choose {pick}.")).italics().weak());
    }
    ui.add_space(6.0);
    let correct = question.correct_indices();
    for (i, option) in question.options.iter().enumerate() {
        let chosen = response.chosen.contains(&i);
        let label = format!("{}. {}", option_letter(i), option.text);
        ui.horizontal_top(|ui| {
            // Long options wrap instead of running off the panel.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
            if reveal {
                let is_correct = correct.contains(&i);
                let (mark, color) = match (is_correct, chosen) {
                    (true, _) => ("✔", ui.visuals().widgets.active.text_color()),
                    (false, true) => ("×", ui.visuals().error_fg_color),
                    (false, false) => (" ", ui.visuals().weak_text_color()),
                };
                ui.colored_label(color, mark);
            }
            let mut checked = chosen;
            let widget = egui::Checkbox::new(&mut checked, label.clone());
            let response = ui.add_enabled(!reveal, widget);
            if response.clicked() {
                actions.push(Action::ToggleOption(i));
            }
        });
        if reveal {
            let verdict = if correct.contains(&i) {
                "Correct"
            } else {
                "Incorrect"
            };
            ui.indent(("explanation", i), |ui| {
                ui.label(egui::RichText::new(format!("{verdict}: {}", option.explanation)).weak());
            });
        }
        ui.add_space(2.0);
    }
    if ui
        .small_button("Report a problem…")
        .on_hover_text("Tell us about a wrong key, an outdated fact or a typo")
        .clicked()
    {
        actions.push(Action::OpenReport(question.id.clone()));
    }
    if reveal {
        ui.add_space(6.0);
        topic_links_ui(ui, course, &question.topics, actions);
        if !question.references.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label("Documentation:");
                for url in &question.references {
                    ui.hyperlink(url);
                }
            });
        }
    }
}

/// Buttons opening the notes of the given topics.
pub fn topic_links_ui(ui: &mut egui::Ui, course: &Course, topics: &[String], actions: &mut Actions) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Read the note:");
        for topic in topics {
            let title = course.topic(topic).map_or(topic.as_str(), |t| t.title.as_str());
            if ui.link(title).clicked() {
                actions.push(Action::OpenTopic {
                    id: topic.clone(),
                    navigation: Navigation::Visit,
                    highlight: None,
                });
            }
        }
    });
}

/// Draws a recall card: the front, then the back once revealed.
pub fn card_ui(ui: &mut egui::Ui, course: &Course, card: &Card, revealed: bool, actions: &mut Actions) {
    ui.label(egui::RichText::new("Recall card").weak());
    ui.label(egui::RichText::new(&card.front).size(17.0));
    ui.add_space(8.0);
    if revealed {
        ui.separator();
        ui.label(egui::RichText::new(&card.back).size(16.0).strong());
        ui.add_space(6.0);
        topic_links_ui(ui, course, &card.topics, actions);
        if !card.reference.is_empty() {
            ui.hyperlink(&card.reference);
        }
    }
}
