//! Today's plan: the reviews due, the new cards, a practice on the objectives that need it most
//! and the unread notes behind them, fitted to the minutes the learner means to study.
//!
//! The plan is a function of the state: the same course, record, clock and settings always give
//! the same plan. What it chooses (which objectives to practise, which notes to read) rests on
//! the record as it stood at the start of the learner's day, so it does not shift under them;
//! what they do today ticks items off. Time per item ([`StudyTimes`]):
//! - a question, practised or reviewed: the learner's typical answer time (the median of their
//!   last 50 answers) or [`DEFAULT_ANSWER_SECS`] before they have five, plus
//!   [`FEEDBACK_SECS`] to read the explanation;
//! - a card review [`CARD_REVIEW_SECS`], a new card [`NEW_CARD_SECS`];
//! - a note: its words at [`NOTE_WORDS_PER_MINUTE`], at least [`MIN_NOTE_MINUTES`].
//!
//! Reviews come first. Of the minutes left, new cards take at most a quarter, unread notes at
//! most two fifths, and practice the rest. When the due reviews alone need more than the daily
//! minutes, the plan says so and keeps only them ([`PaceWarning`]).

use crate::course::Course;
use crate::progress::Progress;
use crate::progress::clock::{Date, Zone};
use crate::quiz::{History, ItemKey, Schedule, SessionKind};

use super::countdown::Countdown;
use super::exam_model::ExamModel;

/// Seconds to answer a question before the learner's own times are known.
pub const DEFAULT_ANSWER_SECS: f64 = 90.0;
/// Seconds to read a question's feedback after answering.
pub const FEEDBACK_SECS: f64 = 30.0;
/// Seconds to review a recall card.
pub const CARD_REVIEW_SECS: f64 = 15.0;
/// Seconds to learn a new recall card.
pub const NEW_CARD_SECS: f64 = 30.0;
/// Reading speed for notes (technical text, slower than prose).
pub const NOTE_WORDS_PER_MINUTE: f64 = 180.0;
/// The least time a note is given.
pub const MIN_NOTE_MINUTES: f64 = 3.0;
/// Recent answers whose median is the learner's typical answer time.
const TYPICAL_WINDOW: usize = 50;

/// What the learner set: minutes a day, new cards a day, the exam date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanSettings {
    pub daily_minutes: u32,
    pub new_cards_per_day: u32,
    pub exam_date: Option<Date>,
}

impl Default for PlanSettings {
    fn default() -> Self {
        Self {
            daily_minutes: 30,
            new_cards_per_day: 20,
            exam_date: None,
        }
    }
}

/// Seconds per item, from the learner's history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StudyTimes {
    /// A question answered and its feedback read.
    pub question_secs: f64,
    pub card_review_secs: f64,
    pub new_card_secs: f64,
}

impl StudyTimes {
    /// The times for this learner, from their answers before `before` (the start of the day,
    /// so that today's answers do not resize today's plan).
    #[must_use]
    pub fn of(history: &History, before: u64) -> Self {
        let mut recent: Vec<f32> = history
            .answers
            .iter()
            .rev()
            .filter(|a| a.at_unix_secs < before)
            .take(TYPICAL_WINDOW)
            .map(|a| a.elapsed_secs)
            .filter(|t| t.is_finite() && *t > 0.0)
            .collect();
        recent.sort_by(f32::total_cmp);
        // The median, as `History::typical_answer_secs` takes it, once there are five.
        let answer = if recent.len() >= 5 {
            f64::from(recent[recent.len() / 2])
        } else {
            DEFAULT_ANSWER_SECS
        };
        Self {
            question_secs: answer + FEEDBACK_SECS,
            card_review_secs: CARD_REVIEW_SECS,
            new_card_secs: NEW_CARD_SECS,
        }
    }
}

/// What an item of the plan asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanItemKind {
    /// The review session: items due now, and reviews already done today.
    Reviews { due: usize, done: usize },
    /// New recall cards: still to learn today, and learned today.
    NewCards { left: usize, done: usize },
    /// A practice of `questions` questions on these objectives (ids such as `3.2`, for
    /// [`crate::quiz::Scope::Objectives`]), `answered` of them answered today.
    Practice {
        questions: usize,
        answered: usize,
        objectives: Vec<String>,
    },
    /// An unread note behind the practised objectives.
    ReadNote { topic: String, title: String },
}

/// One item of today's plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanItem {
    pub kind: PlanItemKind,
    /// Minutes the whole item takes (what is done and what is left).
    pub minutes: f64,
    /// Minutes still to go.
    pub minutes_left: f64,
    pub done: bool,
    /// For people: "Review 34 due items · about 25 min".
    pub label: String,
}

/// The due reviews alone need more than the daily minutes.
#[derive(Debug, Clone, PartialEq)]
pub struct PaceWarning {
    pub review_minutes: f64,
    pub daily_minutes: u32,
    /// The oldest due reviews that fit in the daily minutes.
    pub reviews_that_fit: usize,
    /// "Due reviews need 48 min, more than your 30: skip new cards today and do the 30 oldest
    /// reviews".
    pub message: String,
}

/// The plan for the learner's day.
#[derive(Debug, Clone, PartialEq)]
pub struct TodayPlan {
    /// The learner's day (day number, as [`Zone::day_of`] counts).
    pub day: u64,
    pub daily_minutes: u32,
    pub items: Vec<PlanItem>,
    pub countdown: Option<Countdown>,
    pub pace_warning: Option<PaceWarning>,
}

impl TodayPlan {
    /// Minutes the plan takes in all.
    #[must_use]
    pub fn minutes(&self) -> f64 {
        self.items.iter().map(|i| i.minutes).sum()
    }

    /// Minutes still to go.
    #[must_use]
    pub fn minutes_left(&self) -> f64 {
        self.items.iter().map(|i| i.minutes_left).sum()
    }

    /// Whether every item is done (true for an empty plan).
    #[must_use]
    pub fn all_done(&self) -> bool {
        self.items.iter().all(|i| i.done)
    }
}

/// The learner's state the plan reads.
#[derive(Debug, Clone, Copy)]
pub struct Learner<'a> {
    pub course: &'a Course,
    pub model: &'a ExamModel,
    pub progress: &'a Progress,
    pub history: &'a History,
    pub schedule: &'a Schedule,
}

/// The first second of the learner's day that holds `now`.
#[must_use]
pub fn day_start(now: u64, zone: &Zone) -> u64 {
    let day = zone.day_of(now);
    // Local midnight is within 26 hours before now, whatever the offset or its change.
    let (mut low, mut high) = (now.saturating_sub(26 * 3600), now);
    while low < high {
        let mid = low + (high - low) / 2;
        if zone.day_of(mid) >= day {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    low
}

/// Today's plan at `now` in `zone`.
#[must_use]
pub fn today_plan(learner: &Learner, settings: &PlanSettings, now: u64, zone: &Zone) -> TodayPlan {
    let start = day_start(now, zone);
    let times = StudyTimes::of(learner.history, start);
    let budget = f64::from(settings.daily_minutes);
    let mut items = Vec::new();

    // Reviews: what is due now, and what the review sessions of today did.
    let due: Vec<&ItemKey> = learner
        .schedule
        .due(now)
        .into_iter()
        .filter(|key| match key {
            ItemKey::Question(id) => learner.course.question(id).is_some(),
            ItemKey::Card(id) => learner.course.card(id).is_some(),
        })
        .collect();
    let review_secs = |key: &ItemKey| match key {
        ItemKey::Question(_) => times.question_secs,
        ItemKey::Card(_) => times.card_review_secs,
    };
    let due_minutes: f64 = due.iter().map(|k| review_secs(k)).sum::<f64>() / 60.0;
    let started_today = learner.schedule.cards_started_on_day_of(now, zone);
    let questions_reviewed = learner
        .history
        .given_answers()
        .filter(|a| a.kind == SessionKind::Review && (start..=now).contains(&a.at_unix_secs))
        .count();
    let cards_reviewed = learner
        .schedule
        .reviews
        .iter()
        .filter(|r| matches!(r.item, ItemKey::Card(_)) && (start..=now).contains(&r.at_unix_secs))
        .count();
    // A new card's reviews today belong to the new cards.
    let new_card_reviews = learner
        .schedule
        .reviews
        .iter()
        .filter(|r| (start..=now).contains(&r.at_unix_secs))
        .filter(|r| match &r.item {
            ItemKey::Card(id) => first_card_review(learner.schedule, id).is_some_and(|t| t >= start),
            ItemKey::Question(_) => false,
        })
        .count();
    let reviews_done = questions_reviewed + cards_reviewed.saturating_sub(new_card_reviews);
    let reviews_done_minutes = (questions_reviewed as f64 * times.question_secs
        + cards_reviewed.saturating_sub(new_card_reviews) as f64 * times.card_review_secs)
        / 60.0;
    let review_minutes = reviews_done_minutes + due_minutes;
    if !due.is_empty() || reviews_done > 0 {
        items.push(PlanItem {
            label: if due.is_empty() {
                format!("Reviews done ({reviews_done} today)")
            } else {
                format!(
                    "Review {} · about {}",
                    count(due.len(), "due item"),
                    minutes_text(due_minutes)
                )
            },
            kind: PlanItemKind::Reviews {
                due: due.len(),
                done: reviews_done,
            },
            minutes: review_minutes,
            minutes_left: due_minutes,
            done: due.is_empty(),
        });
    }

    let pace_warning = (due_minutes > budget).then(|| {
        let average_secs = due_minutes * 60.0 / due.len().max(1) as f64;
        #[expect(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "small and not negative")]
        let fit = ((budget * 60.0) / average_secs).floor().max(0.0) as usize;
        let fit = fit.min(due.len());
        PaceWarning {
            review_minutes: due_minutes,
            daily_minutes: settings.daily_minutes,
            reviews_that_fit: fit,
            message: format!(
                "Due reviews need {}, more than your {}: skip new cards and practice today and do the {} oldest reviews",
                minutes_text(due_minutes),
                settings.daily_minutes,
                fit
            ),
        }
    });

    let mut left = (budget - review_minutes).max(0.0);
    // New cards: up to the day's allowance and a quarter of what is left.
    let unscheduled = learner
        .course
        .cards
        .iter()
        .filter(|c| !learner.schedule.items.contains_key(&ItemKey::Card(c.id.clone())))
        .count();
    let allowance = usize::try_from(settings.new_cards_per_day)
        .unwrap_or(usize::MAX)
        .saturating_sub(started_today)
        .min(unscheduled);
    let affordable = if pace_warning.is_some() {
        0
    } else {
        whole(left * 0.25 * 60.0 / times.new_card_secs)
    };
    let new_left = allowance.min(affordable.saturating_sub(started_today));
    if new_left > 0 || started_today > 0 {
        let minutes = (started_today + new_left) as f64 * times.new_card_secs / 60.0;
        let minutes_left = new_left as f64 * times.new_card_secs / 60.0;
        items.push(PlanItem {
            label: if new_left == 0 {
                format!("New cards done ({started_today} today)")
            } else {
                format!(
                    "Learn {} · about {}",
                    count(new_left, "new card"),
                    minutes_text(minutes_left)
                )
            },
            kind: PlanItemKind::NewCards {
                left: new_left,
                done: started_today,
            },
            minutes,
            minutes_left,
            done: new_left == 0,
        });
        left = (left - minutes).max(0.0);
    }
    if pace_warning.is_none() {
        left = super::practice::practice_and_notes(learner, &times, start, now, left, &mut items);
    }
    let _ = left;
    TodayPlan {
        day: zone.day_of(now),
        daily_minutes: settings.daily_minutes,
        items,
        countdown: settings.exam_date.map(|date| Countdown::at(date, now, zone)),
        pace_warning,
    }
}

/// When a card was first reviewed, from the review log.
fn first_card_review(schedule: &Schedule, id: &str) -> Option<u64> {
    schedule
        .reviews
        .iter()
        .filter(|r| matches!(&r.item, ItemKey::Card(c) if c == id))
        .map(|r| r.at_unix_secs)
        .min()
}

/// Minutes to read a note of this text.
#[must_use]
pub fn note_minutes(text: &str) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "word counts are small")]
    let words = text.split_whitespace().count() as f64;
    (words / NOTE_WORDS_PER_MINUTE).ceil().max(MIN_NOTE_MINUTES)
}

/// The whole number of items that fit (rounding down).
pub(super) fn whole(x: f64) -> usize {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to 0..=10,000"
    )]
    let n = x.floor().clamp(0.0, 10_000.0) as usize;
    n
}

/// "about 25 min"
pub(super) fn minutes_text(minutes: f64) -> String {
    format!("{} min", minutes.ceil().max(1.0))
}

pub(super) fn count(n: usize, noun: &str) -> String {
    crate::words::plural(n, noun)
}

/// "1.2, 3.4 and 5.1"
pub(super) fn list(ids: &[String]) -> String {
    match ids {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
#[path = "today_tests.rs"]
mod tests;
