//! A practice or review session: one item at a time, feedback after each answer, recall cards
//! graded Again / Hard / Good / Easy.

use crate::course::Course;
use crate::quiz::{Grade, ItemKey, Session};

use crate::quiz::schedule::interval_label;
use crate::ui::quiz::keys::{QuizKey, quiz_keys};
use crate::ui::quiz::question::{QuestionMode, card_ui, question_ui};
use crate::ui::shell::action::{QuizRequest, Requests};

/// What the session page shows besides the session.
#[derive(Debug, Clone, Copy, Default)]
pub struct SessionFacts {
    /// No window or dialog is open over the session, so its keys work.
    pub keys_enabled: bool,
    pub refused_pick: Option<u8>,
    /// The wait each grade would give the card shown (Again, Hard, Good, Easy), in seconds.
    pub intervals: Option<[u64; 4]>,
}

/// Draws the session and reads its shortcuts.
pub fn session_ui(
    ui: &mut egui::Ui,
    course: &Course,
    session: &Session,
    facts: &SessionFacts,
    actions: &mut Requests,
) {
    let Some(item) = session.current() else {
        return;
    };
    let Some(response) = session.current_response() else {
        return;
    };
    let right_so_far = session
        .items
        .iter()
        .zip(&session.responses)
        .filter(|(item, r)| match item {
            ItemKey::Question(id) => {
                r.submitted
                    && course
                        .question(id)
                        .is_some_and(|q| crate::quiz::is_correct(q, &r.chosen))
            }
            ItemKey::Card(_) => r.grade.is_some_and(|g| g != Grade::Again),
        })
        .count();
    ui.horizontal(|ui| {
        ui.strong(session.kind.label());
        ui.label(format!(
            "· {} · item {} of {} · {} answered · {right_so_far} right so far",
            session.scope_label,
            session.position + 1,
            session.items.len(),
            session.submitted_count()
        ));
        let flagged = session.flagged_count();
        if flagged > 0 {
            ui.label(format!("· ⚑ {flagged} flagged"));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("End session").clicked() {
                actions.push(QuizRequest::FinishSession);
            }
        });
    });
    ui.separator();

    let keys = if facts.keys_enabled {
        quiz_keys(ui.ctx())
    } else {
        Vec::new()
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| match item {
            ItemKey::Question(id) => {
                let Some(question) = course.question(id) else {
                    ui.label(format!("Question {id:?} is not in this course."));
                    return;
                };
                let mode = QuestionMode {
                    reveal: response.submitted,
                    refused_pick: facts.refused_pick,
                };
                question_ui(ui, course, question, response, mode, actions);
                let ready = session.ready_to_submit(question.kind);
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    let mut flagged = response.flagged;
                    if ui.checkbox(&mut flagged, "Flag").on_hover_text("F").changed() {
                        actions.push(QuizRequest::ToggleFlag);
                    }
                    if response.submitted {
                        let next = if session.at_last() { "Finish" } else { "Next" };
                        if ui.button(next).on_hover_text("Enter").clicked() {
                            actions.push(QuizRequest::NextItem);
                        }
                    } else {
                        let submit = ui.add_enabled(ready, egui::Button::new("Submit"));
                        let submit = if ready {
                            submit.on_hover_text("Enter")
                        } else {
                            submit.on_disabled_hover_text(format!("Choose {} first", question.kind.picks()))
                        };
                        if submit.clicked() {
                            actions.push(QuizRequest::Submit);
                        }
                    }
                });
                for key in keys {
                    match key {
                        QuizKey::Option(i) if !response.submitted => {
                            actions.push(QuizRequest::ToggleOption(i));
                        }
                        QuizKey::Enter if response.submitted => actions.push(QuizRequest::NextItem),
                        QuizKey::Enter if ready => actions.push(QuizRequest::Submit),
                        QuizKey::Flag => actions.push(QuizRequest::ToggleFlag),
                        _ => {}
                    }
                }
            }
            ItemKey::Card(id) => {
                let Some(card) = course.card(id) else {
                    ui.label(format!("Card {id:?} is not in this course."));
                    return;
                };
                card_ui(ui, course, card, response.revealed, actions);
                ui.add_space(10.0);
                if response.revealed {
                    ui.horizontal(|ui| {
                        for (i, grade) in Grade::ALL.into_iter().enumerate() {
                            let wait = facts
                                .intervals
                                .map(|waits| format!(" · {}", interval_label(waits[i])))
                                .unwrap_or_default();
                            let text = format!("{} {}{wait}", i + 1, grade.label());
                            if ui
                                .button(text)
                                .on_hover_text(format!("Key {}: the card comes back after this wait", i + 1))
                                .clicked()
                            {
                                actions.push(QuizRequest::GradeCard(grade));
                            }
                        }
                    });
                    for key in keys {
                        if let QuizKey::Option(i) = key
                            && let Some(grade) = Grade::ALL.get(i)
                        {
                            actions.push(QuizRequest::GradeCard(*grade));
                        }
                    }
                } else {
                    if ui.button("Show answer").on_hover_text("Space or Enter").clicked() {
                        actions.push(QuizRequest::RevealCard);
                    }
                    if keys.iter().any(|k| matches!(k, QuizKey::Space | QuizKey::Enter)) {
                        actions.push(QuizRequest::RevealCard);
                    }
                }
            }
        });
}
