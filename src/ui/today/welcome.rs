//! The first-run welcome: it asks for the exam (DOP-C02 unless the learner picks another), an
//! optional exam date and the minutes a day the learner means to study, then shows in three
//! steps where Notes, Quiz and Pipelines are. Every step can be skipped; finishing or skipping
//! records it, and the welcome never shows again.

use crate::course::Course;
use crate::plan::countdown::parse_exam_date;
use crate::progress::{DAILY_MINUTES_RANGE, Settings};
use crate::ui::Mode;
use crate::ui::shell::action::{AppRequest, NotesRequest, Requests, SettingsRequest};

/// The tour after the first questions: the mode it shows, its title and its text.
const TOUR: [(Mode, &str, &str); 3] = [
    (
        Mode::Notes,
        "Notes (Ctrl+2)",
        "The tree on the left is the exam blueprint: domains with their weights, task \
         statements and topics, each with your progress. Open a topic to read its note; Ctrl+K \
         searches every note.",
    ),
    (
        Mode::Quiz,
        "Quiz (Ctrl+4)",
        "Practise by domain or topic with an explanation for every option, sit a timed \
         75-question exam weighted like the real one, and review recall cards when they fall due.",
    ),
    (
        Mode::Pipelines,
        "Pipelines (Ctrl+3)",
        "Drag services onto the canvas, wire their artifacts, and the checker gives the verdict \
         AWS would. Import and export real CodePipeline JSON and CloudFormation, and try the \
         challenges.",
    ),
];

/// The welcome's progress while it is open.
#[derive(Debug, Clone)]
pub struct Welcome {
    /// 0: the questions; 1 to 3: the tour.
    pub step: usize,
    pub blueprint: String,
    pub exam_date: String,
    pub daily_minutes: u32,
}

impl Welcome {
    /// A welcome that starts from the current settings.
    #[must_use]
    pub fn new(settings: &Settings, blueprint: &str) -> Self {
        Self {
            step: 0,
            blueprint: blueprint.to_owned(),
            exam_date: settings.exam_date.clone().unwrap_or_default(),
            daily_minutes: settings.daily_minutes,
        }
    }

    /// Why the typed exam date cannot be used, if it cannot.
    fn date_problem(&self) -> Option<String> {
        let text = self.exam_date.trim();
        if text.is_empty() {
            return None;
        }
        parse_exam_date(text).err().map(|e| e.to_string())
    }
}

/// Draws the welcome; returns `false` once it is done (finished or skipped).
pub fn welcome_ui(
    ctx: &egui::Context,
    welcome: &mut Welcome,
    course: &Course,
    actions: &mut Requests,
) -> bool {
    let mut open = true;
    let finish = |actions: &mut Requests| {
        actions.push(SettingsRequest::FinishWelcome);
        actions.push(AppRequest::SetMode(Mode::Today));
        false
    };
    let modal = egui::Modal::new(egui::Id::unique("welcome")).show(ctx, |ui| {
        ui.set_width(520.0);
        if welcome.step == 0 {
            ui.heading("Welcome to Stagecraft");
            ui.label("Three questions, and the Today page plans your study to the exam.");
            ui.add_space(8.0);
            questions_ui(ui, welcome, course);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let valid = welcome.date_problem().is_none();
                if ui.add_enabled(valid, egui::Button::new("Next")).clicked() {
                    actions.push(NotesRequest::SetBlueprint(welcome.blueprint.clone()));
                    let date = welcome.exam_date.trim();
                    actions.push(SettingsRequest::SetExamDate(
                        (!date.is_empty()).then(|| date.to_owned()),
                    ));
                    actions.push(SettingsRequest::SetDailyMinutes(welcome.daily_minutes));
                    welcome.step = 1;
                    actions.push(AppRequest::SetMode(TOUR[0].0));
                }
                if ui.button("Skip the welcome").clicked() {
                    open = finish(actions);
                }
            });
        } else {
            let (_, title, text) = TOUR[welcome.step - 1];
            ui.heading(title);
            ui.label(format!("Step {} of {}", welcome.step, TOUR.len()));
            ui.add_space(6.0);
            ui.label(text);
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let last = welcome.step == TOUR.len();
                if ui.button(if last { "Start studying" } else { "Next" }).clicked() {
                    if last {
                        open = finish(actions);
                    } else {
                        welcome.step += 1;
                        actions.push(AppRequest::SetMode(TOUR[welcome.step - 1].0));
                    }
                }
                if !last && ui.button("Skip the tour").clicked() {
                    open = finish(actions);
                }
            });
        }
    });
    if modal.should_close() && open {
        open = finish(actions);
    }
    open
}

/// The exam, its date and the daily minutes.
fn questions_ui(ui: &mut egui::Ui, welcome: &mut Welcome, course: &Course) {
    egui::Grid::new("welcome_questions")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            ui.label("Exam");
            ui.vertical(|ui| {
                for blueprint in &course.blueprints {
                    ui.radio_value(&mut welcome.blueprint, blueprint.id.clone(), &blueprint.title);
                }
            });
            ui.end_row();
            let label = ui.label("Exam date (optional)");
            ui.vertical(|ui| {
                ui.add(egui::TextEdit::singleline(&mut welcome.exam_date).hint_text("YYYY-MM-DD"))
                    .labelled_by(label.id);
                if let Some(problem) = welcome.date_problem() {
                    ui.colored_label(ui.visuals().error_fg_color, problem);
                }
            });
            ui.end_row();
            let label = ui.label("Minutes a day");
            ui.add(
                egui::DragValue::new(&mut welcome.daily_minutes)
                    .range(DAILY_MINUTES_RANGE)
                    .suffix(" min"),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
}
