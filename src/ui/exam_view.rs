//! The exam simulation: the question, a grid to jump to any question (answered, flagged or
//! blank), the countdown, a warning about blank answers at "Finish", and the result page.

use crate::course::Course;
use crate::course::check::option_letter;
use crate::quiz::scoring::{PASS_FRACTION, PASS_SCALED};
use crate::quiz::{ItemKey, Session, SessionKind, SessionResult};

use super::action::{Action, Actions};
use super::keys::{QuizKey, quiz_keys};
use super::question::question_ui;
use super::quiz_setup::clock_text;

/// Draws a running exam. `remaining_secs` is `None` when untimed.
pub fn exam_ui(
    ui: &mut egui::Ui,
    course: &Course,
    session: &Session,
    remaining_secs: Option<u64>,
    confirm_finish: bool,
    actions: &mut Actions,
) {
    ui.horizontal(|ui| {
        ui.strong("Exam simulation");
        ui.label(format!(
            "· question {} of {} · {} answered · {} flagged",
            session.position + 1,
            session.items.len(),
            session.answered_count(),
            session.flagged_count()
        ));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Finish exam…").clicked() {
                actions.push(Action::AskFinish);
            }
            match remaining_secs {
                Some(left) => {
                    let text = egui::RichText::new(format!("{} left", clock_text(left))).monospace();
                    let text = if left < 300 {
                        text.color(ui.visuals().warn_fg_color)
                    } else {
                        text
                    };
                    ui.label(text);
                }
                None => {
                    ui.label(egui::RichText::new("Untimed").weak());
                }
            }
        });
    });
    ui.separator();

    egui::Panel::right("exam_grid")
        .resizable(false)
        .exact_size(230.0)
        .show(ui, |ui| {
            grid_ui(ui, session, actions);
        });

    let keys = quiz_keys(ui.ctx());
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let (Some(ItemKey::Question(id)), Some(response)) =
                    (session.current(), session.current_response())
                else {
                    return;
                };
                let Some(question) = course.question(id) else {
                    ui.label(format!("Question {id:?} is not in this course."));
                    return;
                };
                question_ui(ui, course, question, response, false, actions);
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(session.position > 0, egui::Button::new("Previous"))
                        .clicked()
                    {
                        actions.push(Action::PreviousItem);
                    }
                    if ui
                        .add_enabled(!session.at_last(), egui::Button::new("Next"))
                        .on_hover_text("Enter")
                        .clicked()
                    {
                        actions.push(Action::NextItem);
                    }
                    let mut flagged = response.flagged;
                    if ui
                        .checkbox(&mut flagged, "Flag for review")
                        .on_hover_text("F")
                        .changed()
                    {
                        actions.push(Action::ToggleFlag);
                    }
                });
            });
    });
    for key in keys {
        match key {
            QuizKey::Option(i) => actions.push(Action::ToggleOption(i)),
            QuizKey::Enter if !session.at_last() => actions.push(Action::NextItem),
            QuizKey::Flag => actions.push(Action::ToggleFlag),
            _ => {}
        }
    }

    if confirm_finish {
        let modal = egui::Modal::new(egui::Id::unique("confirm_finish")).show(ui.ctx(), |ui| {
            ui.set_width(380.0);
            ui.heading("Finish the exam?");
            let blank = session.blank_count();
            if blank > 0 {
                ui.label(format!(
                    "{} no answer. Blank answers count as wrong.",
                    have(blank)
                ));
            }
            let flagged = session.flagged_count();
            if flagged > 0 {
                ui.label(format!("{} flagged for review.", are(flagged)));
            }
            ui.horizontal(|ui| {
                if ui.button("Finish exam").clicked() {
                    actions.push(Action::FinishSession);
                }
                if ui.button("Keep going").clicked() {
                    actions.push(Action::CancelFinish);
                }
            });
        });
        if modal.should_close() {
            actions.push(Action::CancelFinish);
        }
    }
}

/// Buttons for every question, showing answered, flagged and blank.
fn grid_ui(ui: &mut egui::Ui, session: &Session, actions: &mut Actions) {
    ui.strong("Questions");
    ui.label(
        egui::RichText::new("Filled: answered · ⚑ flagged · outline: blank")
            .weak()
            .small(),
    );
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = egui::vec2(4.0, 4.0);
        for (i, response) in session.responses.iter().enumerate() {
            let answered = !response.chosen.is_empty();
            let state = match (answered, response.flagged) {
                (true, true) => "answered, flagged",
                (true, false) => "answered",
                (false, true) => "blank, flagged",
                (false, false) => "blank",
            };
            let text = if response.flagged {
                format!("{}⚑", i + 1)
            } else {
                (i + 1).to_string()
            };
            let mut button =
                egui::Button::new(egui::RichText::new(text).monospace()).min_size(egui::vec2(38.0, 24.0));
            if answered {
                button = button.fill(ui.visuals().selection.bg_fill);
            }
            if i == session.position {
                button = button.stroke(egui::Stroke::new(2.0, ui.visuals().strong_text_color()));
            }
            let response = ui.add(button);
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Question {} ({state})", i + 1))
            });
            if response.clicked() {
                actions.push(Action::GoToItem(i));
            }
        }
    });
}

/// The result page of a finished session: score, estimate, per-domain table, and every
/// question with its explanations.
pub fn result_ui(
    ui: &mut egui::Ui,
    course: &Course,
    blueprint: usize,
    session: &Session,
    result: &SessionResult,
    actions: &mut Actions,
) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!("{} result", session.kind.label()));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Back to quiz").clicked() {
                    actions.push(Action::CloseResult);
                }
            });
        });
        ui.label(format!("{}: {}", session.scope_label, crate::progress::clock::display_time(session.started_at_unix_secs)));
        ui.add_space(6.0);
        ui.label(
            egui::RichText::new(format!("{} of {} correct ({:.0}%)", result.correct, result.total, result.percent())).size(20.0).strong(),
        );
        if session.kind == SessionKind::Exam {
            let verdict = if result.passed { "at or above" } else { "below" };
            ui.label(egui::RichText::new(format!("Estimated scaled score: {} — {verdict} the {PASS_SCALED} pass mark", result.scaled)).size(16.0));
            ui.label(
                egui::RichText::new(format!(
                    "An estimate only: AWS does not publish how answers map to its 100–1000 scale. Stagecraft maps {:.0}% correct to {PASS_SCALED}, linearly on each side.",
                    PASS_FRACTION * 100.0
                ))
                .weak(),
            );
            if result.blank > 0 {
                ui.label(format!("{} left blank.", if result.blank == 1 { "1 question was".to_owned() } else { format!("{} questions were", result.blank) }));
            }
        }
        ui.add_space(8.0);
        if let Some(bp) = course.blueprints.get(blueprint) {
            egui::Grid::new("per_domain").striped(true).num_columns(4).show(ui, |ui| {
                ui.strong("Domain");
                ui.strong("Weight");
                ui.strong("Correct");
                ui.strong("Share");
                ui.end_row();
                for score in result.per_domain.iter().filter(|s| s.total > 0) {
                    let domain = &bp.domains[score.domain];
                    ui.label(format!("{} {}", domain.id, domain.title));
                    ui.label(format!("{}%", domain.weight_percent));
                    ui.label(format!("{} of {}", score.correct, score.total));
                    ui.label(format!("{:.0}%", crate::course::check::percent_of(score.correct, score.total)));
                    ui.end_row();
                }
            });
        }
        ui.add_space(10.0);
        ui.heading("Questions");
        for (i, (item, response)) in session.items.iter().zip(&session.responses).enumerate() {
            let ItemKey::Question(id) = item else { continue };
            let Some(question) = course.question(id) else { continue };
            let right = crate::quiz::is_correct(question, &response.chosen);
            let mark = if response.chosen.is_empty() {
                "–"
            } else if right {
                "✔"
            } else {
                "×"
            };
            let chosen: Vec<String> = response.chosen.iter().map(|&c| option_letter(c).to_string()).collect();
            let chosen = if chosen.is_empty() { "no answer".to_owned() } else { format!("you chose {}", chosen.join(", ")) };
            let stem: String = question.stem.chars().take(90).collect();
            egui::CollapsingHeader::new(format!("{mark} {}. {stem}… ({chosen})", i + 1))
                .id_salt(("result_question", i))
                .show(ui, |ui| {
                    question_ui(ui, course, question, response, true, actions);
                });
        }
    });
}

/// "1 question has" / "3 questions have".
fn have(n: usize) -> String {
    if n == 1 {
        "1 question has".to_owned()
    } else {
        format!("{n} questions have")
    }
}

/// "1 question is" / "3 questions are".
fn are(n: usize) -> String {
    if n == 1 {
        "1 question is".to_owned()
    } else {
        format!("{n} questions are")
    }
}
