//! Ending sessions: the exam clock (saved on time, ended when it runs out), finishing a
//! session and recording it (history first, then clearing the saved exam), abandoning an exam,
//! and retrying the mistakes of a finished one.

use std::collections::BTreeMap;

use crate::progress::DataFile;
use crate::quiz::schedule::ItemKey;
use crate::quiz::{AnswerRecord, ExamFile, Grade, SessionKind, SessionRecord, score};

use crate::ui::shell::app::StudyApp;

/// How often a running exam's clock is saved: a kill refunds at most this much time.
pub(crate) const EXAM_SAVE_EVERY_MS: u64 = 10_000;

impl StudyApp {
    /// Discards the running exam: nothing of it is recorded.
    pub(super) fn abandon_exam(&mut self) {
        self.quiz.confirm_abandon = false;
        if !self.exam_running() {
            return;
        }
        if self.save_value(&ExamFile::default()) {
            self.quiz.session = None;
            self.quiz.exam_resumed_at_ms = None;
            self.quiz.confirm_finish = false;
            self.notify("The exam was abandoned; nothing of it was recorded.".to_owned());
        }
    }

    /// Practises the questions answered wrong or flagged in one past session, or in all history
    /// (each question's latest answer).
    pub(super) fn retry_mistakes(&mut self, session: Option<u64>) {
        if self.refuse_while_exam() {
            return;
        }
        let mut ids: Vec<String> = Vec::new();
        let mut push = |id: &str| {
            if !ids.iter().any(|known| known == id) {
                ids.push(id.to_owned());
            }
        };
        let label = if let Some(id) = session {
            let (items, scope) = if let Some(record) = self.saved.history.sessions.iter().find(|s| s.id == id)
            {
                (
                    self.saved.history.session_items(record),
                    record.scope_label.clone(),
                )
            } else if let Some((finished, _)) = self.quiz.finished.as_ref().filter(|(s, _)| s.id == id) {
                (
                    finished.item_records(&self.saved.course),
                    finished.scope_label.clone(),
                )
            } else {
                return;
            };
            for item in items {
                if let ItemKey::Question(id) = &item.item
                    && (item.correct == Some(false) || item.flagged)
                {
                    push(id);
                }
            }
            format!("Mistakes of {scope}")
        } else {
            let mut latest: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
            for answer in self.saved.history.given_answers() {
                latest.insert(answer.question.as_str(), (answer.correct, answer.flagged));
            }
            for (id, (correct, flagged)) in latest {
                if !correct || flagged {
                    push(id);
                }
            }
            "Mistakes of all sessions".to_owned()
        };
        ids.retain(|id| self.saved.course.question(id).is_some());
        if ids.is_empty() {
            self.notify("No wrong or flagged question to retry.".to_owned());
            return;
        }
        let items = ids.into_iter().map(ItemKey::Question).collect();
        let practice = self.new_session(SessionKind::Practice, label, items);
        self.quiz.reopened = None;
        self.begin(practice);
    }

    /// Folds the running exam clock into the session and saves `exam.ron` (no-op for other
    /// sessions).
    pub(crate) fn save_exam(&mut self) -> bool {
        let now_ms = self.clock().now_millis();
        let Some(session) = self.quiz.session.as_mut() else {
            return true;
        };
        if session.kind != SessionKind::Exam {
            return true;
        }
        if let Some(resumed) = self.quiz.exam_resumed_at_ms {
            let secs = now_ms.saturating_sub(resumed) / 1000;
            // A late frame or a sleeping machine never records more time than the exam had.
            session.elapsed_secs = session.elapsed_secs.saturating_add(secs);
            if let Some(limit) = session.time_limit_secs {
                session.elapsed_secs = session.elapsed_secs.min(limit);
            }
            self.quiz.exam_resumed_at_ms = Some(resumed + secs * 1000);
        }
        let file = ExamFile {
            version: ExamFile::VERSION,
            exam: Some(session.clone()),
        };
        self.quiz.exam_saved_at_ms = now_ms;
        self.save_value(&file)
    }

    /// Ends the session: scores it, records the exam's answers (blanks are not answers) and the
    /// session summary with every item, and only once the history is saved clears a saved exam.
    pub(super) fn finish_session(&mut self) {
        if self.exam_running() {
            self.save_exam();
        }
        let now_ms = self.clock().now_millis();
        let Some(mut session) = self.quiz.session.take() else {
            return;
        };
        self.quiz.confirm_finish = false;
        self.quiz.refused_pick = None;
        session.finish(now_ms / 1000);
        let blueprint = self
            .saved
            .course
            .blueprint_index(&session.blueprint)
            .unwrap_or_else(|| self.blueprint_index());
        let result = score(&self.saved.course, blueprint, &session);
        let is_exam = session.kind == SessionKind::Exam;

        let typical = self.saved.history.typical_answer_secs();
        let items = session.item_records(&self.saved.course);
        for (record, response) in items.iter().zip(&session.responses) {
            if is_exam && let (ItemKey::Question(id), Some(correct)) = (&record.item, record.correct) {
                self.saved.history.answers.push(AnswerRecord {
                    at_unix_secs: now_ms / 1000,
                    session: session.id,
                    kind: SessionKind::Exam,
                    question: id.clone(),
                    chosen: response.chosen.clone(),
                    correct,
                    flagged: response.flagged,
                    elapsed_secs: response.elapsed_secs,
                });
                let grade = Grade::from_answer(correct, response.flagged, response.elapsed_secs, typical);
                if let Err(err) = self.saved.schedule.review(
                    ItemKey::Question(id.clone()),
                    grade,
                    now_ms / 1000,
                    self.saved.settings.desired_retention,
                ) {
                    self.notify_error(format!("Question {id} was not scheduled: {err}"));
                }
            }
        }

        let (cards, grades) = session.graded();
        // A session left before its first answer is not a session.
        let recorded = is_exam || result.answered + cards > 0;
        if recorded {
            let per_domain: BTreeMap<String, (usize, usize)> = self
                .saved
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
            self.saved.history.sessions.push(SessionRecord {
                id: session.id,
                kind: session.kind,
                blueprint: session.blueprint.clone(),
                scope_label: session.scope_label.clone(),
                started_at_unix_secs: session.started_at_unix_secs,
                finished_at_unix_secs: now_ms / 1000,
                questions: result.total,
                correct: result.correct,
                cards,
                scaled_score: is_exam.then_some(result.scaled),
                per_domain,
                answered: Some(result.answered),
                grades,
                open_book: session.open_book,
                items,
            });
        }
        let history_saved = self.save_history();
        if is_exam {
            self.save_schedule();
            if history_saved {
                self.save_value(&ExamFile::default());
            } else {
                // The exam stays in exam.ron, so its answers are not lost with the history.
                self.notify_error(
                    "The exam's answers could not be saved to history.ron; the exam is kept in exam.ron."
                        .to_owned(),
                );
            }
        }
        self.quiz.exam_resumed_at_ms = None;
        self.refresh_stats();
        self.quiz.finished = Some((session, result));
    }

    /// Saves the running exam's clock at least every [`EXAM_SAVE_EVERY_MS`], so that a kill
    /// refunds at most that much time.
    pub(crate) fn save_exam_if_due(&mut self) {
        let now_ms = self.clock().now_millis();
        if self.exam_running() && now_ms.saturating_sub(self.quiz.exam_saved_at_ms) >= EXAM_SAVE_EVERY_MS {
            self.save_exam();
        }
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
