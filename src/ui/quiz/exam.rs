//! The exam simulation: the question, a grid to jump to any question (answered, flagged or
//! blank), the countdown, a warning about blank answers at "Finish", and the result page.

use crate::course::Course;
use crate::quiz::scoring::{PASS_FRACTION, PASS_SCALED};
use crate::quiz::session::{EXAM_QUESTIONS, EXAM_TIME_SECS};
use crate::quiz::{ItemKey, Session, SessionKind, SessionResult};

use crate::ui::quiz::keys::{QuizKey, quiz_keys};
use crate::ui::quiz::question::{QuestionMode, question_ui};
use crate::ui::quiz::session_review::{ItemFilter, filter_ui, items_review_ui};
use crate::ui::quiz::setup::clock_text;
use crate::ui::shell::action::{QuizRequest, Requests};
use crate::words::plural;

/// What the running exam's page shows besides the session.
#[derive(Debug, Clone, Copy)]
pub struct ExamFacts {
    /// `None` when untimed.
    pub remaining_secs: Option<u64>,
    pub confirm_finish: bool,
    pub confirm_abandon: bool,
    /// No window or dialog is open over the exam, so its keys work.
    pub keys_enabled: bool,
    pub refused_pick: Option<u8>,
}

/// Draws a running exam.
pub fn exam_ui(
    ui: &mut egui::Ui,
    course: &Course,
    session: &Session,
    facts: &ExamFacts,
    actions: &mut Requests,
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
                actions.push(QuizRequest::AskFinish);
            }
            if ui
                .button("Abandon exam…")
                .on_hover_text("Discard this exam without recording it")
                .clicked()
            {
                actions.push(QuizRequest::AskAbandonExam);
            }
            match facts.remaining_secs {
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
    let book = if session.open_book {
        "Open book: notes, search and the other modes stay open (set in Settings)."
    } else {
        crate::ui::shell::top_bar::CLOSED_BOOK_REASON
    };
    ui.label(egui::RichText::new(book).weak());
    ui.separator();

    egui::Panel::right("exam_grid")
        .resizable(false)
        .exact_size(230.0)
        .show(ui, |ui| {
            grid_ui(ui, session, actions);
        });

    let keys = if facts.keys_enabled {
        quiz_keys(ui.ctx())
    } else {
        Vec::new()
    };
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
                let mode = QuestionMode {
                    reveal: false,
                    refused_pick: facts.refused_pick,
                };
                question_ui(ui, course, question, response, mode, actions);
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(session.position > 0, egui::Button::new("Previous"))
                        .clicked()
                    {
                        actions.push(QuizRequest::PreviousItem);
                    }
                    if ui
                        .add_enabled(!session.at_last(), egui::Button::new("Next"))
                        .on_hover_text("Enter")
                        .clicked()
                    {
                        actions.push(QuizRequest::NextItem);
                    }
                    let mut flagged = response.flagged;
                    if ui
                        .checkbox(&mut flagged, "Flag for review")
                        .on_hover_text("F")
                        .changed()
                    {
                        actions.push(QuizRequest::ToggleFlag);
                    }
                });
            });
    });
    for key in keys {
        match key {
            QuizKey::Option(i) => actions.push(QuizRequest::ToggleOption(i)),
            QuizKey::Enter if !session.at_last() => actions.push(QuizRequest::NextItem),
            QuizKey::Flag => actions.push(QuizRequest::ToggleFlag),
            _ => {}
        }
    }

    if facts.confirm_finish {
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
                    actions.push(QuizRequest::FinishSession);
                }
                if ui.button("Keep going").on_hover_text("Esc").clicked() {
                    actions.push(QuizRequest::CancelFinish);
                }
            });
        });
        if modal.should_close() {
            actions.push(QuizRequest::CancelFinish);
        }
    }
    if facts.confirm_abandon {
        let modal = egui::Modal::new(egui::Id::unique("confirm_abandon")).show(ui.ctx(), |ui| {
            ui.set_width(380.0);
            ui.heading("Abandon the exam?");
            ui.label(format!(
                "The exam is discarded: its {} not recorded and count nowhere.",
                match session.answered_count() {
                    1 => "1 answer is".to_owned(),
                    n => format!("{n} answers are"),
                }
            ));
            ui.horizontal(|ui| {
                if ui.button("Abandon exam").clicked() {
                    actions.push(QuizRequest::AbandonExam);
                }
                if ui.button("Keep going").on_hover_text("Esc").clicked() {
                    actions.push(QuizRequest::CancelAbandonExam);
                }
            });
        });
        if modal.should_close() {
            actions.push(QuizRequest::CancelAbandonExam);
        }
    }
}

/// Asks before an exam starts: its length, its time and whether it is closed book.
pub fn confirm_start_exam_ui(
    ctx: &egui::Context,
    blueprint_title: &str,
    settings: &crate::progress::Settings,
    actions: &mut Requests,
) {
    let modal = egui::Modal::new(egui::Id::unique("confirm_start_exam")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Start the exam?");
        let time = if settings.exam_timed {
            format!("{} minutes", EXAM_TIME_SECS / 60)
        } else {
            "no time limit".to_owned()
        };
        let book = if settings.exam_open_book {
            "open book"
        } else {
            "closed book"
        };
        ui.label(format!(
            "{EXAM_QUESTIONS} questions drawn by the {blueprint_title} weights, {time}, {book}."
        ));
        if !settings.exam_open_book {
            ui.label("Notes, search, Pipelines and Progress are locked until you finish or abandon it.");
        }
        ui.label("No feedback until you finish. Closing the app pauses the clock and keeps your answers.");
        ui.horizontal(|ui| {
            if ui.button("Start exam now").clicked() {
                actions.push(QuizRequest::StartExam);
            }
            if ui.button("Cancel").on_hover_text("Esc").clicked() {
                actions.push(QuizRequest::CancelStartExam);
            }
        });
    });
    if modal.should_close() {
        actions.push(QuizRequest::CancelStartExam);
    }
}

/// Buttons for every question, showing answered, flagged and blank.
fn grid_ui(ui: &mut egui::Ui, session: &Session, actions: &mut Requests) {
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
                actions.push(QuizRequest::GoToItem(i));
            }
        }
    });
}

/// The result page of a finished session: score, estimate, per-domain table, and every item
/// with its explanations.
pub fn result_ui(
    ui: &mut egui::Ui,
    course: &Course,
    blueprint: usize,
    finished: &(Session, SessionResult),
    filter: &mut ItemFilter,
    actions: &mut Requests,
) {
    let (session, result) = finished;
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(format!("{} result", session.kind.label()));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Back to quiz").clicked() {
                    actions.push(QuizRequest::CloseResult);
                }
            });
        });
        ui.label(format!("{}: {}", session.scope_label, crate::progress::clock::display_time(session.started_at_unix_secs)));
        ui.add_space(6.0);
        let big = |text: String| egui::RichText::new(text).size(20.0).strong();
        match session.kind {
            SessionKind::Exam => {
                ui.label(big(format!("{} of {} correct ({:.0}%)", result.correct, result.total, result.percent())));
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
                    ui.label(format!(
                        "{} left blank: they count against this score, but not as answers in your statistics.",
                        if result.blank == 1 { "1 question was".to_owned() } else { format!("{} questions were", result.blank) }
                    ));
                }
                let book = if session.open_book { "Open book." } else { "Closed book." };
                ui.label(book);
            }
            SessionKind::Practice => {
                ui.label(big(format!("{} of {} answered", result.answered, result.questions)));
                ui.label(egui::RichText::new(format!(
                    "{} of {} answered right ({:.0}%)",
                    result.correct,
                    result.answered,
                    result.percent()
                )).size(16.0));
            }
            SessionKind::Review => {
                let (cards, grades) = session.graded();
                ui.label(big(format!(
                    "{} and {} reviewed",
                    plural(cards, "card"),
                    plural(result.answered, "question")
                )));
                ui.label(egui::RichText::new(grades.summary()).size(16.0));
                if result.answered > 0 {
                    ui.label(format!("{} of {} questions right ({:.0}%)", result.correct, result.answered, result.percent()));
                }
            }
        }
        let flagged = session.flagged_count();
        if flagged > 0 {
            ui.label(format!("⚑ {flagged} flagged"));
        }
        ui.add_space(8.0);
        if let Some(bp) = course.blueprints.get(blueprint)
            && result.per_domain.iter().any(|s| s.total > 0)
        {
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
        ui.horizontal(|ui| {
            ui.heading("Items");
            filter_ui(ui, filter);
            if ui.button("Retry my mistakes").on_hover_text("Practise the wrong and flagged questions of this session").clicked() {
                actions.push(QuizRequest::RetryMistakes(Some(session.id)));
            }
        });
        items_review_ui(ui, course, &session.item_records(course), *filter, session.id, actions);
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
