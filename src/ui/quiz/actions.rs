//! Applying quiz actions: starting sessions, recording answers and reviews the moment they are
//! given (history and schedule are saved at once), the exam clock, and finishing.

use crate::quiz::draw::{draw_exam, draw_practice};
use crate::quiz::schedule::ItemKey;
use crate::quiz::scope::{Scope, TypeFilter, questions_in_scope};
use crate::quiz::session::{EXAM_QUESTIONS, EXAM_TIME_SECS, Toggle};
use crate::quiz::{AnswerRecord, Grade, Session, SessionKind};

use crate::ui::Mode;
use crate::ui::shell::action::QuizRequest;
use crate::ui::shell::app::StudyApp;

/// Exams whose questions a new exam avoids while the bank allows.
const RECENT_EXAMS: usize = 3;

impl StudyApp {
    /// Applies one quiz request.
    pub(crate) fn apply_quiz(&mut self, request: QuizRequest) {
        match request {
            QuizRequest::StartPractice => {
                let scope = self.quiz.setup.scope();
                let (count, types) = (self.quiz.setup.count, self.quiz.setup.types);
                self.start_practice(&scope, count, types);
            }
            QuizRequest::QuizTopic(topic) => {
                self.start_practice(&Scope::Topics(vec![topic]), 10, TypeFilter::Both);
            }
            QuizRequest::PracticeScope { scope, count } => {
                self.start_practice(&scope, count, TypeFilter::Both);
            }
            QuizRequest::AskStartExam => {
                if self.exam_running() {
                    self.mode = Mode::Quiz;
                } else if !self.refuse_while_exam() {
                    self.quiz.confirm_start_exam = true;
                    self.mode = Mode::Quiz;
                }
            }
            QuizRequest::CancelStartExam => self.quiz.confirm_start_exam = false,
            QuizRequest::StartExam => {
                self.quiz.confirm_start_exam = false;
                self.start_exam();
            }
            QuizRequest::AskAbandonExam => self.quiz.confirm_abandon = self.exam_running(),
            QuizRequest::CancelAbandonExam => self.quiz.confirm_abandon = false,
            QuizRequest::AbandonExam => self.abandon_exam(),
            QuizRequest::OpenPastSession(index) => {
                if index < self.saved.history.sessions.len() {
                    self.quiz.reopened = Some(crate::ui::quiz::state::ReopenedSession {
                        index,
                        wrong_only: false,
                        flagged_only: false,
                    });
                }
            }
            QuizRequest::ClosePastSession => self.quiz.reopened = None,
            QuizRequest::SetPastSessionFilter {
                wrong_only,
                flagged_only,
            } => {
                if let Some(open) = self.quiz.reopened.as_mut() {
                    open.wrong_only = wrong_only;
                    open.flagged_only = flagged_only;
                }
            }
            QuizRequest::RetryMistakes(session) => self.retry_mistakes(session),
            QuizRequest::StartReview => self.start_review(),
            QuizRequest::ToggleOption(index) => self.toggle_option(index),
            QuizRequest::Submit => self.submit(),
            QuizRequest::NextItem => self.next_item(),
            QuizRequest::PreviousItem => self.move_to(|s| s.position.saturating_sub(1)),
            QuizRequest::GoToItem(index) => self.move_to(|_| index),
            QuizRequest::ToggleFlag => {
                if let Some(session) = self.quiz.session.as_mut() {
                    session.toggle_flag();
                    self.save_exam();
                }
            }
            QuizRequest::RevealCard => {
                if let Some(session) = self.quiz.session.as_mut() {
                    session.reveal();
                }
            }
            QuizRequest::GradeCard(grade) => self.grade_card(grade),
            QuizRequest::AskFinish => {
                self.quiz.confirm_finish = true;
            }
            QuizRequest::CancelFinish => self.quiz.confirm_finish = false,
            QuizRequest::FinishSession => self.finish_session(),
            QuizRequest::CloseResult => self.quiz.finished = None,
        }
    }

    /// Whether an exam simulation is running.
    pub(crate) fn exam_running(&self) -> bool {
        self.quiz
            .session
            .as_ref()
            .is_some_and(|s| s.kind == SessionKind::Exam)
    }

    /// Whether a running exam keeps notes, search and the other modes closed.
    pub(crate) fn closed_book_exam(&self) -> bool {
        self.quiz
            .session
            .as_ref()
            .is_some_and(|s| s.kind == SessionKind::Exam && !s.open_book)
    }

    pub(super) fn begin(&mut self, session: Session) {
        self.quiz.session = Some(session);
        self.quiz.finished = None;
        self.quiz.confirm_finish = false;
        self.quiz.refused_pick = None;
        self.quiz.requeued.clear();
        self.quiz.item_shown_at_ms = self.clock().now_millis();
        self.mode = Mode::Quiz;
    }

    pub(super) fn new_session(&self, kind: SessionKind, scope_label: String, items: Vec<ItemKey>) -> Session {
        Session::new(
            kind,
            &self.saved.progress.blueprint,
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
        let pool = questions_in_scope(&self.saved.course, blueprint, scope, types);
        let ids = draw_practice(&pool, count, &mut rand::rng());
        if ids.is_empty() {
            self.notify_error("No question matches that scope and type.".to_owned());
            return;
        }
        let label = scope.label(&self.saved.course);
        let items = ids.into_iter().map(ItemKey::Question).collect();
        let session = self.new_session(SessionKind::Practice, label, items);
        self.begin(session);
    }

    /// Practice and review wait while an exam is running: one session at a time.
    pub(super) fn refuse_while_exam(&mut self) -> bool {
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
        if self.exam_running() {
            self.mode = Mode::Quiz;
            return;
        }
        if self.refuse_while_exam() {
            return;
        }
        let blueprint = self.blueprint_index();
        let recent = self.saved.history.recent_exam_questions(RECENT_EXAMS);
        let ids = draw_exam(
            &self.saved.course,
            blueprint,
            EXAM_QUESTIONS,
            &recent,
            &mut rand::rng(),
        );
        if ids.is_empty() {
            self.notify_error("This course has no questions for an exam.".to_owned());
            return;
        }
        let title = self
            .saved
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
        session.time_limit_secs = self.saved.settings.exam_timed.then_some(EXAM_TIME_SECS);
        session.open_book = self.saved.settings.exam_open_book;
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
            .saved
            .schedule
            .due(now)
            .into_iter()
            .filter(|key| match key {
                ItemKey::Question(id) => self.saved.course.question(id).is_some(),
                ItemKey::Card(id) => self.saved.course.card(id).is_some(),
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
        let allowance = usize::try_from(self.saved.settings.new_cards_per_day)
            .unwrap_or(0)
            .saturating_sub(
                self.saved
                    .schedule
                    .cards_started_on_day_of(now, &self.clock().zone()),
            );
        self.saved
            .course
            .cards
            .iter()
            .filter(|c| {
                !self
                    .saved
                    .schedule
                    .items
                    .contains_key(&ItemKey::Card(c.id.clone()))
            })
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
        let Some(question) = self.saved.course.question(id) else {
            return;
        };
        let position = session.position;
        let outcome = session.toggle_option(index, question.kind, question.options.len());
        self.quiz.refused_pick = match outcome {
            Toggle::Refused { pick } => Some((position, pick)),
            _ => None,
        };
        if session.kind == SessionKind::Exam && matches!(outcome, Toggle::Chosen | Toggle::Unchosen) {
            self.save_exam();
        }
    }

    /// Records a practice or review answer: history and schedule are saved at once.
    fn submit(&mut self) {
        let now_ms = self.clock().now_millis();
        let elapsed = self.quiz.item_secs(now_ms);
        let course = std::sync::Arc::clone(&self.saved.course);
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
        let typical = self.saved.history.typical_answer_secs();
        self.saved.history.answers.push(record);
        self.save_history();
        let grade = Grade::from_answer(correct, response.flagged, response.elapsed_secs, typical);
        if let Some(response) = self.quiz.session.as_mut().and_then(Session::current_response_mut) {
            response.grade = Some(grade);
        }
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
            .saved
            .schedule
            .review(key, grade, now, self.saved.settings.desired_retention)
        {
            Ok(_) => {
                self.save_schedule();
            }
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
}
