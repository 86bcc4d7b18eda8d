//! The quiz start page: practice with a chosen scope, the timed exam simulation, and review of
//! due items.

use crate::course::{Course, summary};
use crate::progress::Settings;
use crate::quiz::TypeFilter;
use crate::quiz::scope::questions_in_scope;
use crate::quiz::session::{EXAM_QUESTIONS, EXAM_TIME_SECS};

use crate::ui::quiz::state::{PracticeSetup, QuizState, ScopeKind};
use crate::ui::shell::action::{QuizRequest, Requests, SettingsRequest};

/// What the start page shows besides the form.
pub struct SetupFacts<'a> {
    pub course: &'a Course,
    pub blueprint: usize,
    pub settings: &'a Settings,
    /// Scheduled items due now.
    pub due: usize,
    /// New recall cards a review would introduce today.
    pub new_cards: usize,
}

/// Draws the start page.
pub fn quiz_setup_ui(
    ui: &mut egui::Ui,
    state: &mut QuizState,
    facts: &SetupFacts<'_>,
    actions: &mut Requests,
) {
    let Some(bp) = facts.course.blueprints.get(facts.blueprint) else {
        return;
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading("Quiz");
            ui.label(format!(
                "{} questions and {} recall cards, drawn for {}.",
                facts.course.questions.len(),
                facts.course.cards.len(),
                bp.title
            ));
            ui.add_space(8.0);

            ui.group(|ui| {
                ui.set_width(ui.available_width());
                ui.strong("Review");
                ui.label(format!(
                    "{} items due now; {} new recall cards for today (desired retention {:.0}%).",
                    facts.due,
                    facts.new_cards,
                    facts.settings.desired_retention * 100.0
                ));
                let any = facts.due + facts.new_cards > 0;
                if ui.add_enabled(any, egui::Button::new("Review now")).clicked() {
                    actions.push(QuizRequest::StartReview);
                }
            });
            ui.add_space(8.0);

            ui.group(|ui| {
                ui.set_width(ui.available_width());
                ui.strong("Exam simulation");
                ui.label(format!(
                "{EXAM_QUESTIONS} questions drawn by the {} domain weights; no feedback until you finish. \
                 An exam in progress is kept when you close the app, with the time it had left.",
                bp.title
            ));
                let mut timed = facts.settings.exam_timed;
                if ui
                    .checkbox(&mut timed, format!("Timed ({} minutes)", EXAM_TIME_SECS / 60))
                    .changed()
                {
                    actions.push(SettingsRequest::SetExamTimed(timed));
                }
                let mut open_book = facts.settings.exam_open_book;
                if ui
                    .checkbox(&mut open_book, "Open book (notes and search stay open)")
                    .on_hover_text("The real exam is closed book.")
                    .changed()
                {
                    actions.push(SettingsRequest::SetExamOpenBook(open_book));
                }
                if ui.button("Start exam…").clicked() {
                    actions.push(QuizRequest::AskStartExam);
                }
            });
            ui.add_space(8.0);

            ui.group(|ui| {
                ui.set_width(ui.available_width());
                ui.strong("Practice");
                practice_form_ui(ui, &mut state.setup, facts, actions);
            });
            ui.add_space(8.0);

            ui.collapsing("Question bank by domain", |ui| {
                let counts = summary::domain_counts(facts.course, facts.blueprint);
                egui::Grid::new("bank_counts")
                    .striped(true)
                    .num_columns(3)
                    .show(ui, |ui| {
                        ui.strong("Domain");
                        ui.strong("Weight");
                        ui.strong("Questions");
                        ui.end_row();
                        for (domain, n) in bp.domains.iter().zip(counts) {
                            ui.label(format!("{} {}", domain.id, domain.title));
                            ui.label(format!("{}%", domain.weight_percent));
                            ui.label(n.to_string());
                            ui.end_row();
                        }
                    });
            });
        });
}

fn practice_form_ui(
    ui: &mut egui::Ui,
    setup: &mut PracticeSetup,
    facts: &SetupFacts<'_>,
    actions: &mut Requests,
) {
    let Some(bp) = facts.course.blueprints.get(facts.blueprint) else {
        return;
    };
    ui.horizontal(|ui| {
        ui.label("Scope:");
        ui.radio_value(&mut setup.scope_kind, ScopeKind::Blueprint, "Whole blueprint");
        ui.radio_value(&mut setup.scope_kind, ScopeKind::Domains, "Domains");
        ui.radio_value(&mut setup.scope_kind, ScopeKind::Objectives, "Objectives");
        ui.radio_value(&mut setup.scope_kind, ScopeKind::Topics, "Topics");
    });
    match setup.scope_kind {
        ScopeKind::Blueprint => {}
        ScopeKind::Domains => {
            for domain in &bp.domains {
                let mut on = setup.domains.contains(&domain.id);
                if ui
                    .checkbox(
                        &mut on,
                        format!("{} {} ({}%)", domain.id, domain.title, domain.weight_percent),
                    )
                    .changed()
                {
                    toggle(&mut setup.domains, &domain.id, on);
                }
            }
        }
        ScopeKind::Objectives => {
            egui::ScrollArea::vertical()
                .id_salt("objective_choice")
                .max_height(220.0)
                .show(ui, |ui| {
                    for objective in bp.domains.iter().flat_map(|d| d.objectives.iter()) {
                        let mut on = setup.objectives.contains(&objective.id);
                        if ui
                            .checkbox(&mut on, format!("{} {}", objective.id, objective.title))
                            .changed()
                        {
                            toggle(&mut setup.objectives, &objective.id, on);
                        }
                    }
                });
        }
        ScopeKind::Topics => {
            ui.horizontal(|ui| {
                let label = ui.label("Find topic");
                ui.add(egui::TextEdit::singleline(&mut setup.topic_filter).desired_width(240.0))
                    .labelled_by(label.id);
            });
            let needle = setup.topic_filter.to_lowercase();
            egui::ScrollArea::vertical()
                .id_salt("topic_choice")
                .max_height(220.0)
                .show(ui, |ui| {
                    for topic in facts
                        .course
                        .topics
                        .iter()
                        .filter(|t| t.title.to_lowercase().contains(&needle))
                    {
                        let mut on = setup.topics.contains(&topic.id);
                        if ui.checkbox(&mut on, &topic.title).changed() {
                            toggle(&mut setup.topics, &topic.id, on);
                        }
                    }
                });
        }
    }
    ui.horizontal(|ui| {
        let label = ui.label("Questions");
        ui.add(egui::DragValue::new(&mut setup.count).range(1..=100))
            .labelled_by(label.id);
        ui.separator();
        let types_label = ui.label("Types");
        egui::ComboBox::from_id_salt("question_types")
            .selected_text(setup.types.label())
            .show_ui(ui, |ui| {
                for types in [TypeFilter::Both, TypeFilter::SingleOnly, TypeFilter::MultipleOnly] {
                    ui.selectable_value(&mut setup.types, types, types.label());
                }
            })
            .response
            .labelled_by(types_label.id);
    });
    let available = questions_in_scope(facts.course, facts.blueprint, &setup.scope(), setup.types).len();
    ui.label(format!("{available} questions match."));
    if ui
        .add_enabled(available > 0, egui::Button::new("Start practice"))
        .clicked()
    {
        actions.push(QuizRequest::StartPractice);
    }
    ui.label(egui::RichText::new("Keys: 1–6 or A–E choose, Enter submits and moves on, F flags.").weak());
}

fn toggle(set: &mut std::collections::BTreeSet<String>, id: &str, on: bool) {
    if on {
        set.insert(id.to_owned());
    } else {
        set.remove(id);
    }
}

/// `h:mm:ss` for a number of seconds.
#[must_use]
pub fn clock_text(secs: u64) -> String {
    format!("{}:{:02}:{:02}", secs / 3600, (secs % 3600) / 60, secs % 60)
}
