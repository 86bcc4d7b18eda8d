//! Synthetic learners, to check the pass estimate against exams whose outcome we know.
//!
//! Each learner has a true chance of answering each objective's questions right, which the
//! estimate never sees. It is `GUESS + (1 − GUESS)·mastery`, where mastery is a durable base
//! (what they knew before studying, differing per learner and per objective) plus what they
//! learned, which fades with a power-law forgetting curve whose stability grows with spaced
//! study. The learner studies for one to eight weeks, on some days and not others, practising
//! a random subset of the objectives (the rest never touched) with favourites among them, doing
//! the reviews FSRS schedules and, for some, recall cards. Their answers and reviews go into a
//! real [`History`] and [`Schedule`], the way the app records them. Then they sit a 75-question
//! exam drawn by the blueprint's weights, a few days after their last study day or at once.
//!
//! The forgetting curve and the learning rule here are deliberately not FSRS's: the estimate
//! must cope with a memory it does not model exactly.

use std::collections::BTreeSet;

use rand::Rng;
use rand::seq::{IndexedRandom, SliceRandom};

use crate::course::Course;
use crate::progress::clock::DAY_SECS;
use crate::quiz::draw::draw_exam;
use crate::quiz::{AnswerRecord, Grade, History, ItemKey, Schedule, SessionKind};

use super::evidence::days_between;
use super::exam_model::ExamModel;

/// The chance of guessing right on an objective one knows nothing of (single-response
/// questions have four options, multiple-response ones far worse odds).
pub const GUESS: f64 = 0.2;

/// One objective's true mastery.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mastery {
    /// Durable knowledge, 0–1, that does not fade over the weeks simulated.
    pub base: f64,
    /// The most mastery study can reach (some task statements stay hard for a learner).
    pub ceiling: f64,
    /// Knowledge learned above the base, as it stood at the last study.
    pub learned: f64,
    /// Days until the learned part has faded to 90%.
    pub stability_days: f64,
    /// Last study (Unix seconds).
    pub last_study: u64,
}

impl Mastery {
    fn retention(&self, at: u64) -> f64 {
        1.0 / (1.0 + days_between(self.last_study, at) / (9.0 * self.stability_days))
    }

    /// Mastery at `at`, 0–1.
    #[must_use]
    pub fn at(&self, at: u64) -> f64 {
        (self.base + self.learned * self.retention(at)).min(1.0)
    }

    /// The true chance of a right answer at `at`.
    #[must_use]
    pub fn p_correct(&self, at: u64) -> f64 {
        GUESS + (1.0 - GUESS) * self.at(at)
    }

    /// One study event (an answer with its feedback, or a card): learns a share `rate` of what
    /// is left to learn; the first study after a gap strengthens memory, more so the more was
    /// forgotten (the spacing effect).
    fn study(&mut self, at: u64, rate: f64) {
        let r = self.retention(at);
        if days_between(self.last_study, at) >= 0.5 {
            self.stability_days *= 1.0 + 2.5 * (1.0 - r);
        }
        let current = self.learned * r;
        self.learned = current + rate * (self.ceiling - self.base - current).max(0.0);
        self.last_study = at;
    }
}

/// How one learner studies.
#[derive(Debug, Clone, PartialEq)]
pub struct Habits {
    /// Days from the first study day to the last.
    pub study_days: u64,
    /// Chance of studying on a given day.
    pub study_probability: f64,
    /// Practice questions on a study day (on average).
    pub questions_per_day: f64,
    /// Share of what is left to learn that one answer teaches.
    pub learning_rate: f64,
    /// Objectives practised, with a preference weight each; the others are never touched.
    pub focus: Vec<(usize, f64)>,
    /// Reviews a day at most.
    pub review_cap: usize,
    /// New recall cards a day (0: no cards).
    pub new_cards_per_day: usize,
    /// Days between the last study day and the exam.
    pub exam_gap_days: u64,
}

/// A learner after their weeks of study, just before the exam.
#[derive(Debug, Clone)]
pub struct SimulatedLearner {
    pub habits: Habits,
    /// The truth, per objective of the model.
    pub mastery: Vec<Mastery>,
    pub history: History,
    pub schedule: Schedule,
    /// When the exam is sat.
    pub exam_at: u64,
}

/// Questions and cards per objective, to pick practice from.
#[derive(Debug, Clone)]
pub struct Bank {
    questions: Vec<Vec<String>>,
    cards: Vec<Vec<String>>,
}

impl Bank {
    /// The questions and cards of `model`'s blueprint, by objective.
    #[must_use]
    pub fn new(course: &Course, model: &ExamModel) -> Self {
        let n = model.objectives.len();
        let mut questions = vec![Vec::new(); n];
        let mut cards = vec![Vec::new(); n];
        for q in &course.questions {
            for &i in model.objectives_of_question(&q.id) {
                questions[i].push(q.id.clone());
            }
        }
        for c in &course.cards {
            for &i in model.objectives_of_card(&c.id) {
                cards[i].push(c.id.clone());
            }
        }
        Self { questions, cards }
    }
}

/// A normal sample (Box–Muller).
pub(crate) fn normal(rng: &mut impl Rng, mean: f64, sd: f64) -> f64 {
    let u1: f64 = rng.random::<f64>().max(1e-12);
    let u2: f64 = rng.random();
    mean + sd * (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

fn logistic(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// Draws a learner's starting mastery and habits.
fn draw_learner(model: &ExamModel, rng: &mut impl Rng, start: u64) -> (Vec<Mastery>, Habits) {
    let general = normal(rng, -0.3, 0.8);
    let memory = rng.random_range(1.0..3.0);
    let mastery = model
        .objectives
        .iter()
        .map(|_| Mastery {
            base: 0.85 * logistic(general + normal(rng, 0.0, 0.7)),
            ceiling: rng.random_range(0.7..1.0),
            learned: 0.0,
            stability_days: memory,
            last_study: start,
        })
        .collect();
    let n = model.objectives.len();
    let coverage: f64 = rng.random_range(0.2..1.0);
    #[expect(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "small counts"
    )]
    let practised = ((coverage * n as f64).round() as usize).clamp(1, n);
    let mut objectives: Vec<usize> = (0..n).collect();
    let focus = objectives
        .partial_shuffle(rng, practised)
        .0
        .iter()
        .map(|&i| (i, normal(rng, 0.0, 0.7).exp()))
        .collect();
    let habits = Habits {
        study_days: 7 * rng.random_range(1..=8),
        study_probability: rng.random_range(0.3..0.95),
        questions_per_day: rng.random_range(3.0..40.0),
        learning_rate: rng.random_range(0.005..0.03),
        focus,
        review_cap: rng.random_range(20..=80),
        new_cards_per_day: if rng.random_bool(0.5) {
            rng.random_range(5..=20)
        } else {
            0
        },
        exam_gap_days: if rng.random_bool(0.4) {
            0
        } else {
            rng.random_range(1..=14)
        },
    };
    (mastery, habits)
}

/// The chance of answering question `id` right at `at`: the mean over its objectives.
fn p_question(model: &ExamModel, mastery: &[Mastery], id: &str, at: u64) -> f64 {
    let objectives = model.objectives_of_question(id);
    if objectives.is_empty() {
        return GUESS;
    }
    #[expect(clippy::cast_precision_loss, reason = "a handful of objectives")]
    let n = objectives.len() as f64;
    objectives.iter().map(|&i| mastery[i].p_correct(at)).sum::<f64>() / n
}

struct Day<'a> {
    model: &'a ExamModel,
    at: u64,
    session: u64,
}

impl SimulatedLearner {
    fn answer(&mut self, day: &mut Day, id: &str, kind: SessionKind, rng: &mut impl Rng) {
        let correct = rng.random_bool(p_question(day.model, &self.mastery, id, day.at).clamp(0.0, 1.0));
        let elapsed_secs: f32 = rng.random_range(25.0..140.0);
        let typical = self.history.typical_answer_secs();
        self.history.answers.push(AnswerRecord {
            at_unix_secs: day.at,
            session: day.session,
            kind,
            question: id.to_owned(),
            chosen: vec![0],
            correct,
            flagged: false,
            elapsed_secs,
        });
        let grade = Grade::from_answer(correct, false, elapsed_secs, typical);
        // FSRS accepts every state it made itself; a rejection would only drop this review.
        let _ = self
            .schedule
            .review(ItemKey::Question(id.to_owned()), grade, day.at, 0.9);
        for &i in day.model.objectives_of_question(id) {
            self.mastery[i].study(day.at, self.habits.learning_rate);
        }
        day.at += u64::from(elapsed_secs.max(1.0).round() as u32) + 20;
    }

    fn card(&mut self, day: &mut Day, id: &str, rng: &mut impl Rng) {
        let objectives = day.model.objectives_of_card(id);
        #[expect(clippy::cast_precision_loss, reason = "a handful of objectives")]
        let n = objectives.len().max(1) as f64;
        let mastery = objectives
            .iter()
            .map(|&i| self.mastery[i].at(day.at))
            .sum::<f64>()
            / n;
        let recalled = rng.random_bool((0.15 + 0.85 * mastery).clamp(0.0, 1.0));
        let grade = if recalled { Grade::Good } else { Grade::Again };
        let _ = self
            .schedule
            .review(ItemKey::Card(id.to_owned()), grade, day.at, 0.9);
        for &i in objectives {
            self.mastery[i].study(day.at, self.habits.learning_rate * 0.4);
        }
        day.at += rng.random_range(8..30);
    }
}

/// Simulates one learner's weeks of study from `start` (Unix seconds, a midnight UTC).
pub fn simulate_learner(model: &ExamModel, bank: &Bank, rng: &mut impl Rng, start: u64) -> SimulatedLearner {
    let (mastery, habits) = draw_learner(model, rng, start);
    let mut learner = SimulatedLearner {
        exam_at: start + (habits.study_days + habits.exam_gap_days) * DAY_SECS + 9 * 3600,
        habits,
        mastery,
        history: History::default(),
        schedule: Schedule::default(),
    };
    let total_preference: f64 = learner.habits.focus.iter().map(|(_, w)| w).sum();
    for d in 0..learner.habits.study_days {
        if !rng.random_bool(learner.habits.study_probability) {
            continue;
        }
        let mut day = Day {
            model,
            at: start + d * DAY_SECS + 17 * 3600 + rng.random_range(0..3 * 3600),
            session: d + 1,
        };
        let due: Vec<ItemKey> = learner
            .schedule
            .due(day.at)
            .into_iter()
            .take(learner.habits.review_cap)
            .cloned()
            .collect();
        for key in due {
            match key {
                ItemKey::Question(id) => learner.answer(&mut day, &id, SessionKind::Review, rng),
                ItemKey::Card(id) => learner.card(&mut day, &id, rng),
            }
        }
        let mut new_cards = learner.habits.new_cards_per_day;
        let focus = learner.habits.focus.clone();
        for &(i, _) in &focus {
            for id in &bank.cards[i] {
                if new_cards == 0 {
                    break;
                }
                if !learner.schedule.items.contains_key(&ItemKey::Card(id.clone())) {
                    learner.card(&mut day, id, rng);
                    new_cards -= 1;
                }
            }
        }
        let questions = (learner.habits.questions_per_day * rng.random_range(0.5..1.5)).round();
        for _ in 0..questions as u32 {
            let mut pick = rng.random_range(0.0..total_preference);
            let objective = focus
                .iter()
                .find(|(_, w)| {
                    pick -= w;
                    pick < 0.0
                })
                .map_or(focus[0].0, |(i, _)| *i);
            if let Some(id) = bank.questions[objective].choose(rng) {
                learner.answer(&mut day, id, SessionKind::Practice, rng);
            }
        }
    }
    learner
}

/// The learner sits a 75-question exam drawn by the blueprint's weights at `exam_at`: the
/// percentage they got right.
pub fn sit_exam(course: &Course, model: &ExamModel, learner: &SimulatedLearner, rng: &mut impl Rng) -> f64 {
    let questions = draw_exam(
        course,
        model.blueprint,
        super::EXAM_QUESTIONS,
        &BTreeSet::new(),
        rng,
    );
    let right = questions
        .iter()
        .filter(|id| {
            let p = p_question(model, &learner.mastery, id, learner.exam_at);
            rng.random_bool(p.clamp(0.0, 1.0))
        })
        .count();
    crate::course::check::percent_of(right, questions.len())
}

/// The learner's true expected exam percentage at `exam_at` (what an infinitely long exam drawn
/// the same way would give).
#[must_use]
pub fn true_expected_percent(model: &ExamModel, learner: &SimulatedLearner) -> f64 {
    100.0
        * model
            .objectives
            .iter()
            .zip(&learner.mastery)
            .map(|(o, m)| o.exam_weight * m.p_correct(learner.exam_at))
            .sum::<f64>()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;
    use crate::plan::exam_model::tests::embedded;

    const START: u64 = 1_795_651_200;

    #[test]
    fn study_raises_mastery_and_it_fades_without() {
        let mut m = Mastery {
            base: 0.3,
            ceiling: 0.9,
            learned: 0.0,
            stability_days: 2.0,
            last_study: START,
        };
        let before = m.p_correct(START);
        assert!((before - (GUESS + (1.0 - GUESS) * 0.3)).abs() < 1e-12);
        for k in 0..20 {
            m.study(START + k * 60, 0.05);
        }
        let after = m.p_correct(START + 20 * 60);
        assert!(after > before + 0.1, "{before} {after}");
        let month_later = m.p_correct(START + 30 * DAY_SECS);
        assert!(month_later < after && month_later > before);
        // Spaced study strengthens memory.
        let stability = m.stability_days;
        m.study(START + 5 * DAY_SECS, 0.05);
        assert!(m.stability_days > stability);
    }

    #[test]
    fn a_learner_leaves_a_history_and_a_schedule_and_untouched_objectives() {
        let course = embedded();
        let model = ExamModel::new(&course, 0);
        let bank = Bank::new(&course, &model);
        let mut rng = StdRng::seed_from_u64(7);
        let learners: Vec<SimulatedLearner> = (0..5)
            .map(|_| simulate_learner(&model, &bank, &mut rng, START))
            .collect();
        let mut untouched = 0;
        for learner in &learners {
            let focus: BTreeSet<usize> = learner.habits.focus.iter().map(|(i, _)| *i).collect();
            let touched: BTreeSet<usize> = learner
                .history
                .answers
                .iter()
                .flat_map(|a| {
                    let objectives = model.objectives_of_question(&a.question);
                    // Every answer is to a question of an objective the learner practises.
                    assert!(objectives.iter().any(|i| focus.contains(i)), "{}", a.question);
                    objectives.iter().copied()
                })
                .collect();
            untouched += model.objectives.len() - touched.len();
            assert!(!learner.history.answers.is_empty());
            assert!(learner.exam_at > learner.history.answers.last().map_or(0, |a| a.at_unix_secs));
            assert!(!learner.schedule.items.is_empty());
            let expected = true_expected_percent(&model, learner);
            assert!((20.0..=100.0).contains(&expected), "{expected}");
        }
        assert!(untouched > 0, "some objectives are never practised");
        // Same seed, same learners.
        let mut again = StdRng::seed_from_u64(7);
        let first = simulate_learner(&model, &bank, &mut again, START);
        assert_eq!(first.history, learners[0].history);
        let percent = sit_exam(&course, &model, &first, &mut again);
        assert!((0.0..=100.0).contains(&percent));
    }
}
