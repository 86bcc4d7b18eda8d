//! One question or recall card on screen: the stem, the options with their letters, and after
//! an answer every option's verdict and explanation plus links to the notes that teach it.

use crate::course::check::option_letter;
use crate::course::{Card, Course, Question, QuestionKind};
use crate::quiz::session::Response;

use crate::ui::shell::action::{DataRequest, Navigation, NotesRequest, QuizRequest, Requests};

/// How a question is drawn.
#[derive(Debug, Clone, Copy, Default)]
pub struct QuestionMode {
    /// Options are locked and each shows whether it is right and why.
    pub reveal: bool,
    /// The learner just tried to tick more options than the question asks for.
    pub refused_pick: Option<u8>,
}

/// The feedback headline: "Correct", or "Incorrect: the answer is C, E" (or "Not answered: …").
#[must_use]
pub fn verdict_headline(question: &Question, chosen: &[usize]) -> (bool, String) {
    let key: Vec<String> = question
        .correct_indices()
        .into_iter()
        .map(|i| option_letter(i).to_string())
        .collect();
    if chosen.is_empty() {
        return (false, format!("Not answered: the answer is {}", key.join(", ")));
    }
    if crate::quiz::is_correct(question, chosen) {
        (true, "Correct".to_owned())
    } else {
        (false, format!("Incorrect: the answer is {}", key.join(", ")))
    }
}

/// Draws the headline with an icon and a colour, so it reads without colour too.
pub fn headline_ui(ui: &mut egui::Ui, right: bool, text: &str) {
    let (icon, color) = if right {
        ("✔", egui::Color32::from_rgb(0x2e, 0x9e, 0x4f))
    } else {
        ("✖", ui.visuals().error_fg_color)
    };
    ui.label(
        egui::RichText::new(format!("{icon} {text}"))
            .size(18.0)
            .strong()
            .color(color),
    );
}

/// Draws a question.
pub fn question_ui(
    ui: &mut egui::Ui,
    course: &Course,
    question: &Question,
    response: &Response,
    mode: QuestionMode,
    actions: &mut Requests,
) {
    let reveal = mode.reveal;
    if response.flagged {
        ui.label(
            egui::RichText::new("⚑ Flagged for review")
                .strong()
                .color(ui.visuals().warn_fg_color),
        );
    }
    ui.label(egui::RichText::new(&question.stem).size(16.0));
    if let QuestionKind::Multiple { pick } = question.kind {
        ui.label(
            egui::RichText::new(format!("Choose {pick} · {} chosen", response.chosen.len()))
                .italics()
                .strong(),
        );
    }
    if let Some(pick) = mode.refused_pick {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("This question asks for {pick}: untick one before you choose another."),
        );
    }
    if reveal {
        let (right, text) = verdict_headline(question, &response.chosen);
        headline_ui(ui, right, &text);
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
            let response = if question.kind == QuestionKind::Single {
                ui.add_enabled(!reveal, egui::RadioButton::new(chosen, label.clone()))
            } else {
                let mut checked = chosen;
                ui.add_enabled(!reveal, egui::Checkbox::new(&mut checked, label.clone()))
            };
            if response.clicked() {
                actions.push(QuizRequest::ToggleOption(i));
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
        actions.push(DataRequest::OpenReport(question.id.clone()));
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
pub fn topic_links_ui(ui: &mut egui::Ui, course: &Course, topics: &[String], actions: &mut Requests) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Read the note:");
        for topic in topics {
            let title = course.topic(topic).map_or(topic.as_str(), |t| t.title.as_str());
            if ui.link(title).clicked() {
                actions.push(NotesRequest::OpenTopic {
                    id: topic.clone(),
                    navigation: Navigation::Visit,
                    highlight: None,
                });
            }
        }
    });
}

/// Draws a recall card: the front, then the back once revealed.
pub fn card_ui(ui: &mut egui::Ui, course: &Course, card: &Card, revealed: bool, actions: &mut Requests) {
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
