//! Pipeline challenges in the UI: the Challenges tab (the list with each best result, the
//! brief, the requirements, past submissions, "Start this challenge", and the reference
//! solution once it is offered) and the Challenge panel beside the canvas, which grades the
//! open attempt live and submits it for the record.

use egui_commonmark::{CommonMarkCache, CommonMarkViewer};

use crate::course::Course;
use crate::pipeline::challenge::{Challenge, ReferenceOffer, reference_offer};
use crate::progress::clock::display_time;
use crate::quiz::{ChallengeRecord, History};
use crate::words::plural;

use crate::ui::pipeline::reference_solution::{Attempt, reference_solution_ui};
use crate::ui::pipeline::state::{EditorView, OpenDiagram, PipelineTab};
use crate::ui::shell::action::{Navigation, NotesRequest, PipelineRequest, Requests};

/// The Challenges tab's own state.
#[derive(Default)]
pub struct ChallengesState {
    /// The challenge shown (its id); the first one when none is chosen.
    pub selected: Option<String>,
    /// The challenge whose reference solution window is open (its id). While it is open the
    /// window owns the keyboard.
    pub reference_open: Option<String>,
    cache: CommonMarkCache,
}

impl std::fmt::Debug for ChallengesState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChallengesState")
            .field("selected", &self.selected)
            .field("reference_open", &self.reference_open)
            .finish_non_exhaustive()
    }
}

/// A short mark for a challenge's best result: solved, partly met, or not submitted.
fn result_mark(best: Option<&ChallengeRecord>) -> String {
    match best {
        Some(r) if r.solved() => "✔".to_owned(),
        Some(r) => format!("{}/{}", r.passed, r.total),
        None => "○".to_owned(),
    }
}

/// Draws the Challenges tab.
pub fn challenges_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    course: &Course,
    history: &History,
    open: Option<&OpenDiagram>,
    actions: &mut Requests,
) {
    if course.challenges.is_empty() {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("Challenges");
            ui.label("This course pack has no pipeline challenges.");
        });
        return;
    }
    let EditorView {
        tab,
        challenges: state,
        ..
    } = view;
    let best = history.best_challenge_results();
    let shown = state
        .selected
        .as_deref()
        .and_then(|id| course.challenge(id))
        .or_else(|| course.challenges.first());
    let shown_id = shown.map(|c| c.challenge.id.clone());
    egui::Panel::left("challenge_list")
        .resizable(true)
        .default_size(300.0)
        .size_range(220.0..=420.0)
        .show(ui, |ui| {
            let solved = best.values().filter(|r| r.solved()).count();
            ui.strong(format!("{solved} of {} solved", course.challenges.len()));
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("challenge_list")
                .show(ui, |ui| {
                    for loaded in &course.challenges {
                        let c = &loaded.challenge;
                        let mark = result_mark(best.get(c.id.as_str()).copied());
                        let selected = shown_id.as_deref() == Some(c.id.as_str());
                        if ui
                            .selectable_label(selected, format!("{mark}  {}", c.title))
                            .clicked()
                        {
                            state.selected = Some(c.id.clone());
                        }
                    }
                });
        });
    let Some(shown) = shown else { return };
    let challenge = &shown.challenge;
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical()
            .id_salt("challenge_brief")
            .show(ui, |ui| {
                ui.heading(&challenge.title);
                topic_links(ui, challenge, course, actions);
                ui.add_space(6.0);
                CommonMarkViewer::new().show(ui, &mut state.cache, &challenge.brief);
                ui.add_space(6.0);
                ui.strong("Your pipeline must");
                for req in &challenge.requirements {
                    ui.label(format!("•  {}", req.description));
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui
                        .button("Start this challenge")
                        .on_hover_text("Create a new pipeline for your attempt and open it in the editor")
                        .clicked()
                    {
                        actions.push(PipelineRequest::ChallengeStart(challenge.id.clone()));
                    }
                    if let Some(open) =
                        open.filter(|o| o.diagram.challenge.as_deref() == Some(challenge.id.as_str()))
                        && ui
                            .button(format!("Back to my attempt ({})", open.diagram.name))
                            .clicked()
                    {
                        *tab = PipelineTab::Editor;
                    }
                });
                reference_offer_ui(ui, &mut state.reference_open, history, &challenge.id);
                submissions_ui(ui, history, &challenge.id);
            });
    });
    let attempt = open
        .filter(|o| o.diagram.challenge.as_deref() == Some(challenge.id.as_str()))
        .map(|o| Attempt {
            diagram: &o.diagram,
            grade: o.grade.as_ref(),
        });
    reference_solution_ui(
        ui.ctx(),
        &mut state.reference_open,
        &mut state.cache,
        challenge,
        attempt,
    );
}

/// The reference solution's button once it is offered (the challenge solved, or three failed
/// submissions in the history), else how far away it is.
fn reference_offer_ui(ui: &mut egui::Ui, reference_open: &mut Option<String>, history: &History, id: &str) {
    let mine = history.challenges.iter().filter(|r| r.challenge == id);
    let (solved, failed) = mine.fold((false, 0), |(solved, failed), r| {
        (solved || r.solved(), failed + usize::from(!r.solved()))
    });
    ui.add_space(8.0);
    let offer = reference_offer(solved, failed);
    let why = match offer {
        ReferenceOffer::Solved => {
            "You solved this challenge: compare your pipeline with the reference.".to_owned()
        }
        ReferenceOffer::AfterFailedSubmissions => format!(
            "{} fell short: the reference solution and its explanation are open to you.",
            plural(failed, "submission")
        ),
        ReferenceOffer::Locked { submissions_to_go } => format!(
            "The reference solution opens once you solve this challenge, or after {}.",
            plural(submissions_to_go, "more failed submission")
        ),
    };
    ui.label(egui::RichText::new(why).weak());
    if offer.is_offered()
        && ui
            .button("Show the reference solution")
            .on_hover_text("The reference answer beside your attempt, with why it is built that way")
            .clicked()
    {
        *reference_open = Some(id.to_owned());
    }
}

/// Links to the topics a challenge practises.
fn topic_links(ui: &mut egui::Ui, challenge: &Challenge, course: &Course, actions: &mut Requests) {
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Practises:").weak());
        for topic in challenge.topics.iter().filter_map(|id| course.topic(id)) {
            if ui.link(&topic.title).clicked() {
                actions.push(NotesRequest::OpenTopic {
                    id: topic.id.clone(),
                    navigation: Navigation::Visit,
                    highlight: None,
                });
            }
        }
    });
}

/// The learner's past submissions of one challenge, newest first.
fn submissions_ui(ui: &mut egui::Ui, history: &History, id: &str) {
    let mine: Vec<&ChallengeRecord> = history.challenges.iter().filter(|r| r.challenge == id).collect();
    if mine.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.strong("Your submissions");
    for record in mine.iter().rev().take(10) {
        let verdict = if record.solved() { "solved" } else { "not yet" };
        ui.label(format!(
            "{} · {} of {} requirements · {verdict}",
            display_time(record.at_unix_secs),
            record.passed,
            record.total
        ));
    }
}

/// The Challenge panel beside the canvas: live ticks and crosses for the open attempt, hints
/// under the crosses, and "Submit for grading". Draws nothing for a diagram that is no attempt.
pub fn challenge_panel_ui(
    ui: &mut egui::Ui,
    view: &mut EditorView,
    open: &OpenDiagram,
    course: &Course,
    actions: &mut Requests,
) {
    let (Some(id), Some(grade)) = (open.diagram.challenge.as_deref(), open.grade.as_ref()) else {
        return;
    };
    let title = course.challenge(id).map_or(id, |c| c.challenge.title.as_str());
    ui.strong(format!("Challenge: {title}"));
    #[expect(clippy::cast_precision_loss, reason = "requirement counts are small")]
    let fraction = grade.passed_count as f32 / grade.total.max(1) as f32;
    ui.add(egui::ProgressBar::new(fraction).text(format!(
        "{} of {} requirements met",
        grade.passed_count, grade.total
    )));
    for result in &grade.results {
        let (mark, color) = if result.passed {
            ("✔", ui.visuals().widgets.active.text_color())
        } else {
            ("×", ui.visuals().error_fg_color)
        };
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(color, mark);
            ui.label(&result.description).on_hover_text(&result.detail);
        });
        if !result.passed {
            ui.label(egui::RichText::new(&result.hint).weak().small());
        }
    }
    ui.horizontal(|ui| {
        if ui
            .button("Submit for grading")
            .on_hover_text("Record this result in your history")
            .clicked()
        {
            actions.push(PipelineRequest::ChallengeSubmit);
        }
        if ui
            .button("Brief")
            .on_hover_text(
                "Read the challenge again. The reference solution is offered there once you solve it \
                 or after three submissions that fall short.",
            )
            .clicked()
        {
            view.challenges.selected = Some(id.to_owned());
            view.tab = PipelineTab::Challenges;
        }
    });
    if grade.all_passed()
        && ui
            .button("Compare with the reference solution")
            .on_hover_text("Every requirement is met: see the reference answer beside yours")
            .clicked()
    {
        // The window opens over the Challenges tab, where no editor shortcut acts behind it.
        view.challenges.selected = Some(id.to_owned());
        view.challenges.reference_open = Some(id.to_owned());
        view.tab = PipelineTab::Challenges;
    }
}
