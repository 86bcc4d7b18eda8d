//! Applying quiz actions: starting sessions, recording answers and reviews the moment they are
//! given (history and schedule are saved at once), the exam clock, and finishing.

use std::collections::BTreeMap;

use crate::progress::{DataFile, RETENTION_RANGE};
use crate::quiz::draw::{draw_exam, draw_practice};
use crate::quiz::schedule::ItemKey;
use crate::quiz::scope::{Scope, TypeFilter, questions_in_scope};
use crate::quiz::session::{EXAM_QUESTIONS, EXAM_TIME_SECS};
use crate::quiz::{AnswerRecord, ExamFile, Grade, Session, SessionKind, SessionRecord, score};

use super::Mode;
use super::action::Action;
use super::app::StudyApp;

impl StudyApp {
    /// Applies one quiz action. Returns the action back when it is not a quiz action.
    pub(crate) fn apply_quiz(&mut self, action: Action) -> Option<Action> {
        match action {
            Action::StartPractice => {
                let scope = self.quiz.setup.scope();
                let (count, types) = (self.quiz.setup.count, self.quiz.setup.types);
                self.start_practice(&scope, count, types);
            }
            Action::QuizTopic(topic) => {
                self.start_practice(&Scope::Topics(vec![topic]), 10, TypeFilter::Both);
            }
            Action::StartExam => self.start_exam(),
            Action::StartReview => self.start_review(),
            Action::ToggleOption(index) => self.toggle_option(index),
            Action::Submit => self.submit(),
            Action::NextItem => self.next_item(),
            Action::PreviousItem => self.move_to(|s| s.position.saturating_sub(1)),
            Action::GoToItem(index) => self.move_to(|_| index),
            Action::ToggleFlag => {
                if let Some(session) = self.quiz.session.as_mut() {
                    session.toggle_flag();
                    self.save_exam();
                }
            }
            Action::RevealCard => {
                if let Some(session) = self.quiz.session.as_mut() {
                    session.reveal();
                }
            }
            Action::GradeCard(grade) => self.grade_card(grade),
            Action::AskFinish => {
                self.quiz.confirm_finish = true;
            }
            Action::CancelFinish => self.quiz.confirm_finish = false,
            Action::FinishSession => self.finish_session(),
            Action::CloseResult => self.quiz.finished = None,
            Action::SetRetention(value) => {
                self.settings.desired_retention =
                    value.clamp(*RETENTION_RANGE.start(), *RETENTION_RANGE.end());
                self.save_settings();
            }
            Action::SetNewCardsPerDay(n) => {
                self.settings.new_cards_per_day = n.min(500);
                self.save_settings();
            }
            Action::SetExamTimed(timed) => {
                self.settings.exam_timed = timed;
                self.save_settings();
            }
            other => return Some(other),
        }
        None
    }

    fn begin(&mut self, session: Session) {
        self.quiz.session = Some(session);
        self.quiz.finished = None;
        self.quiz.confirm_finish = false;
        self.quiz.requeued.clear();
        self.quiz.item_shown_at_ms = self.clock().now_millis();
        self.mode = Mode::Quiz;
    }

    fn new_session(&self, kind: SessionKind, scope_label: String, items: Vec<ItemKey>) -> Session {
        Session::new(
            kind,
            &self.progress.blueprint,
            scope_label,
            items,
            self.clock().now_unix_secs(),
            self.clock().now_millis(),
        )
    }

    fn start_practice(&mut self, scope: &Scope, count: usize, types: TypeFilter) {
        if self.refuse_while_exam() {
            return;
        }
        let blueprint = self.blueprint_index();
        let pool = questions_in_scope(&self.course, blueprint, scope, types);
        let ids = draw_practice(&pool, count, &mut rand::rng());
        if ids.is_empty() {
            self.notify_error("No question matches that scope and type.".to_owned());
            return;
        }
        let label = scope.label(&self.course);
        let items = ids.into_iter().map(ItemKey::Question).collect();
        let session = self.new_session(SessionKind::Practice, label, items);
        self.begin(session);
    }

    /// Practice and review wait while an exam is running: one session at a time.
    fn refuse_while_exam(&mut self) -> bool {
        let exam_running = self
            .quiz
            .session
            .as_ref()
            .is_some_and(|s| s.kind == SessionKind::Exam);
        if exam_running {
            self.mode = Mode::Quiz;
            self.notify_error("Finish the exam in progress first.".to_owned());
        }
        exam_running
    }

    fn start_exam(&mut self) {
        if let Some(session) = &self.quiz.session
            && session.kind == SessionKind::Exam
        {
            self.mode = Mode::Quiz;
            return;
        }
        let blueprint = self.blueprint_index();
        let ids = draw_exam(&self.course, blueprint, EXAM_QUESTIONS, &mut rand::rng());
        if ids.is_empty() {
            self.notify_error("This course has no questions for an exam.".to_owned());
            return;
        }
        let title = self
            .course
            .blueprints
            .get(blueprint)
            .map_or("", |b| b.title.as_str())
            .to_owned();
        let mut session = self.new_session(
            SessionKind::Exam,
            format!("{title} exam"),
            ids.into_iter().map(ItemKey::Question).collect(),
        );
        session.time_limit_secs = self.settings.exam_timed.then_some(EXAM_TIME_SECS);
        self.begin(session);
        self.quiz.exam_resumed_at_ms = Some(self.clock().now_millis());
        self.save_exam();
    }

    fn start_review(&mut self) {
        if self.refuse_while_exam() {
            return;
        }
        let now = self.clock().now_unix_secs();
        let mut items: Vec<ItemKey> = self
            .schedule
            .due(now)
            .into_iter()
            .filter(|key| match key {
                ItemKey::Question(id) => self.course.question(id).is_some(),
                ItemKey::Card(id) => self.course.card(id).is_some(),
            })
            .cloned()
            .collect();
        items.extend(self.new_cards_for_today().into_iter().map(ItemKey::Card));
        if items.is_empty() {
            self.notify("Nothing is due. Come back later, or practise.".to_owned());
            return;
        }
        let session = self.new_session(SessionKind::Review, "Due items".to_owned(), items);
        self.begin(session);
    }

    /// Recall cards never studied, up to today's allowance.
    pub(crate) fn new_cards_for_today(&self) -> Vec<String> {
        let now = self.clock().now_unix_secs();
        let allowance = usize::try_from(self.settings.new_cards_per_day)
            .unwrap_or(0)
            .saturating_sub(self.schedule.cards_started_on_day_of(now));
        self.course
            .cards
            .iter()
            .filter(|c| !self.schedule.items.contains_key(&ItemKey::Card(c.id.clone())))
            .take(allowance)
            .map(|c| c.id.clone())
            .collect()
    }

    fn toggle_option(&mut self, index: usize) {
        let Some(session) = self.quiz.session.as_mut() else {
            return;
        };
        let Some(ItemKey::Question(id)) = session.current() else {
            return;
        };
        let Some(question) = self.course.question(id) else {
            return;
        };
        session.toggle_option(index, question.kind, question.options.len());
        if session.kind == SessionKind::Exam {
            self.save_exam();
        }
    }

    /// Records a practice or review answer: history and schedule are saved at once.
    fn submit(&mut self) {
        let now_ms = self.clock().now_millis();
        let elapsed = self.quiz.item_secs(now_ms);
        let course = std::sync::Arc::clone(&self.course);
        let Some(session) = self.quiz.session.as_mut() else {
            return;
        };
        if session.kind == SessionKind::Exam {
            return;
        }
        let Some(correct) = session.submit(&course, elapsed) else {
            return;
        };
        let (Some(ItemKey::Question(id)), Some(response)) =
            (session.current().cloned(), session.current_response().cloned())
        else {
            return;
        };
        let record = AnswerRecord {
            at_unix_secs: now_ms / 1000,
            session: session.id,
            kind: session.kind,
            question: id.clone(),
            chosen: response.chosen.clone(),
            correct,
            flagged: response.flagged,
            elapsed_secs: response.elapsed_secs,
        };
        let typical = self.history.typical_answer_secs();
        self.history.answers.push(record);
        self.save_history();
        let grade = Grade::from_answer(correct, response.flagged, response.elapsed_secs, typical);
        self.review_item(ItemKey::Question(id), grade);
        if grade == Grade::Again {
            self.requeue_current();
        }
    }

    fn grade_card(&mut self, grade: Grade) {
        let now_ms = self.clock().now_millis();
        let elapsed = self.quiz.item_secs(now_ms);
        let Some(session) = self.quiz.session.as_mut() else {
            return;
        };
        let Some(ItemKey::Card(id)) = session.current().cloned() else {
            return;
        };
        if session.current_response().is_some_and(|r| r.grade.is_some()) {
            return;
        }
        session.grade_card(grade, elapsed);
        self.review_item(ItemKey::Card(id), grade);
        if grade == Grade::Again {
            self.requeue_current();
        }
        self.next_item();
    }

    /// A review item forgotten ("Again") comes back once more at the end of the session.
    fn requeue_current(&mut self) {
        let Some(session) = self.quiz.session.as_mut() else {
            return;
        };
        if session.kind != SessionKind::Review || !self.quiz.requeued.insert(session.position) {
            return;
        }
        if let Some(item) = session.current().cloned() {
            session.items.push(item);
            session.responses.push(crate::quiz::session::Response::default());
        }
    }

    fn review_item(&mut self, key: ItemKey, grade: Grade) {
        let now = self.clock().now_unix_secs();
        match self
            .schedule
            .review(key, grade, now, self.settings.desired_retention)
        {
            Ok(_) => self.save_schedule(),
            Err(err) => self.notify_error(err.to_string()),
        }
        self.refresh_stats();
    }

    fn next_item(&mut self) {
        let Some(session) = self.quiz.session.as_ref() else {
            return;
        };
        if session.at_last() {
            if session.kind == SessionKind::Exam {
                self.quiz.confirm_finish = true;
            } else {
                self.finish_session();
            }
            return;
        }
        self.move_to(|s| s.position + 1);
    }

    fn move_to(&mut self, target: impl FnOnce(&Session) -> usize) {
        let now_ms = self.clock().now_millis();
        let elapsed = self.quiz.item_secs(now_ms);
        let Some(session) = self.quiz.session.as_mut() else {
            return;
        };
        if session.kind == SessionKind::Exam {
            session.add_time_on_current(elapsed);
        }
        let index = target(session);
        session.go_to(index);
        self.quiz.item_shown_at_ms = now_ms;
        self.save_exam();
    }

    /// Folds the running exam clock into the session and saves `exam.ron` (no-op for other
    /// sessions).
    pub(crate) fn save_exam(&mut self) {
        let now_ms = self.clock().now_millis();
        let Some(session) = self.quiz.session.as_mut() else {
            return;
        };
        if session.kind != SessionKind::Exam {
            return;
        }
        if let Some(resumed) = self.quiz.exam_resumed_at_ms {
            let secs = now_ms.saturating_sub(resumed) / 1000;
            session.elapsed_secs += secs;
            self.quiz.exam_resumed_at_ms = Some(resumed + secs * 1000);
        }
        let file = ExamFile {
            version: ExamFile::VERSION,
            exam: Some(session.clone()),
        };
        self.save_value(&file);
    }

    /// Ends the session: scores it, records every exam answer, the session summary, and clears
    /// a saved exam.
    fn finish_session(&mut self) {
        if self
            .quiz
            .session
            .as_ref()
            .is_some_and(|s| s.kind == SessionKind::Exam)
        {
            self.save_exam();
        }
        let now_ms = self.clock().now_millis();
        let Some(mut session) = self.quiz.session.take() else {
            return;
        };
        self.quiz.confirm_finish = false;
        self.quiz.exam_resumed_at_ms = None;
        session.finish(now_ms / 1000);
        let blueprint = self
            .course
            .blueprint_index(&session.blueprint)
            .unwrap_or_else(|| self.blueprint_index());
        let result = score(&self.course, blueprint, &session);

        if session.kind == SessionKind::Exam {
            let typical = self.history.typical_answer_secs();
            for (item, response) in session.items.iter().zip(&session.responses) {
                let ItemKey::Question(id) = item else { continue };
                let Some(question) = self.course.question(id) else {
                    continue;
                };
                let correct = crate::quiz::is_correct(question, &response.chosen);
                self.history.answers.push(AnswerRecord {
                    at_unix_secs: now_ms / 1000,
                    session: session.id,
                    kind: SessionKind::Exam,
                    question: id.clone(),
                    chosen: response.chosen.clone(),
                    correct,
                    flagged: response.flagged,
                    elapsed_secs: response.elapsed_secs,
                });
                if !response.chosen.is_empty() {
                    let grade = Grade::from_answer(correct, response.flagged, response.elapsed_secs, typical);
                    // Reviews are saved once below, after the loop.
                    let _ = self.schedule.review(
                        ItemKey::Question(id.clone()),
                        grade,
                        now_ms / 1000,
                        self.settings.desired_retention,
                    );
                }
            }
            self.save_schedule();
            self.save_value(&ExamFile::default());
        }

        let answered_questions = session
            .items
            .iter()
            .zip(&session.responses)
            .filter(|(i, r)| {
                matches!(i, ItemKey::Question(_)) && (r.submitted || session.kind == SessionKind::Exam)
            })
            .count();
        let cards = session.responses.iter().filter(|r| r.grade.is_some()).count();
        if answered_questions + cards > 0 {
            let per_domain: BTreeMap<String, (usize, usize)> = self
                .course
                .blueprints
                .get(blueprint)
                .map(|bp| {
                    result
                        .per_domain
                        .iter()
                        .filter(|d| d.total > 0)
                        .map(|d| (bp.domains[d.domain].id.clone(), (d.correct, d.total)))
                        .collect()
                })
                .unwrap_or_default();
            self.history.sessions.push(SessionRecord {
                id: session.id,
                kind: session.kind,
                blueprint: session.blueprint.clone(),
                scope_label: session.scope_label.clone(),
                started_at_unix_secs: session.started_at_unix_secs,
                finished_at_unix_secs: now_ms / 1000,
                questions: result.total,
                correct: result.correct,
                cards,
                scaled_score: (session.kind == SessionKind::Exam).then_some(result.scaled),
                per_domain,
            });
        }
        self.save_history();
        self.refresh_stats();
        self.quiz.finished = Some((session, result));
    }

    /// Ends an exam whose time ran out.
    pub(crate) fn check_exam_clock(&mut self) {
        let now_ms = self.clock().now_millis();
        let running = self.quiz.running_exam_secs(now_ms);
        let expired = self
            .quiz
            .session
            .as_ref()
            .filter(|s| s.kind == SessionKind::Exam)
            .and_then(|s| s.remaining_secs(running))
            .is_some_and(|left| left == 0);
        if expired {
            self.notify("Time is up: the exam was finished for you.".to_owned());
            self.finish_session();
        }
    }
}
