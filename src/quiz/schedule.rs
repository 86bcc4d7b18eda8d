//! Spaced repetition with FSRS (the `fsrs` crate, the scheduler Anki uses): every answered
//! question and every studied recall card is an item with a memory state and a due time
//! (`schedule.ron`), plus the log of reviews.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::progress::clock::{DAY_SECS, Zone};
use crate::progress::validate::{self, Invalid};
use crate::progress::{DataFile, RETENTION_RANGE};

/// How well an item was recalled (Anki's four buttons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Grade {
    Again,
    Hard,
    Good,
    Easy,
}

impl Grade {
    /// Every grade, in button order.
    pub const ALL: [Self; 4] = [Self::Again, Self::Hard, Self::Good, Self::Easy];

    /// The button label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Again => "Again",
            Self::Hard => "Hard",
            Self::Good => "Good",
            Self::Easy => "Easy",
        }
    }

    /// The grade a question answer earns: wrong → Again; right → Good, or Hard when the
    /// learner flagged it or took much longer than usual (over twice their typical time).
    #[must_use]
    pub fn from_answer(correct: bool, flagged: bool, elapsed_secs: f32, typical_secs: Option<f32>) -> Self {
        if !correct {
            return Self::Again;
        }
        let slow = typical_secs.is_some_and(|typical| typical > 0.0 && elapsed_secs > 2.0 * typical);
        if flagged || slow { Self::Hard } else { Self::Good }
    }
}

/// The key of a schedulable item: `q:<question id>` or `c:<card id>`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ItemKey {
    Question(String),
    Card(String),
}

/// An item's memory and timing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemState {
    pub stability: f32,
    pub difficulty: f32,
    pub due_unix_secs: u64,
    pub last_review_unix_secs: u64,
    pub reps: u32,
    pub lapses: u32,
}

/// One review, for the history plots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRecord {
    pub at_unix_secs: u64,
    pub item: ItemKey,
    pub grade: Grade,
}

/// `schedule.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    pub version: u32,
    #[serde(default)]
    pub items: BTreeMap<ItemKey, ItemState>,
    #[serde(default)]
    pub reviews: Vec<ReviewRecord>,
}

impl Default for Schedule {
    fn default() -> Self {
        Self {
            version: Self::VERSION,
            items: BTreeMap::new(),
            reviews: Vec::new(),
        }
    }
}

impl DataFile for Schedule {
    const NAME: &'static str = "schedule.ron";
    const VERSION: u32 = 1;

    /// FSRS memory states finite and above zero (FSRS rejects others), sane times, an item due
    /// no earlier than its last review.
    fn validate(&self) -> Result<(), Invalid> {
        validate::each_entry("items", &self.items, |s| {
            validate::finite_positive("stability", s.stability)?;
            validate::finite_positive("difficulty", s.difficulty)?;
            validate::unix_time("last_review_unix_secs", s.last_review_unix_secs)?;
            validate::unix_time("due_unix_secs", s.due_unix_secs)?;
            validate::ensure(
                s.due_unix_secs >= s.last_review_unix_secs,
                "due_unix_secs",
                || {
                    format!(
                        "due_unix_secs is {}, before the last review at {}",
                        s.due_unix_secs, s.last_review_unix_secs
                    )
                },
            )
        })?;
        validate::each("reviews", &self.reviews, |r| {
            validate::unix_time("at_unix_secs", r.at_unix_secs)
        })
    }
}

/// The shortest wait before an item forgotten ("Again") comes back, so a review session can show
/// it once more later the same day.
pub const AGAIN_MIN_SECS: u64 = 10 * 60;

/// Why a review could not be scheduled.
#[derive(Debug, thiserror::Error)]
#[error("the scheduler rejected the review: {0}")]
pub struct ScheduleError(String);

impl Schedule {
    /// Records a review at `now`: FSRS computes the new memory state and the next due time for
    /// the desired retention (e.g. 0.9).
    ///
    /// # Errors
    /// When FSRS rejects the input (a corrupted memory state).
    pub fn review(
        &mut self,
        key: ItemKey,
        grade: Grade,
        now: u64,
        desired_retention: f32,
    ) -> Result<ItemState, ScheduleError> {
        let previous = self.items.get(&key).copied();
        let next = next_state(previous, grade, now, desired_retention)?;
        self.items.insert(key.clone(), next);
        self.reviews.push(ReviewRecord {
            at_unix_secs: now,
            item: key,
            grade,
        });
        Ok(next)
    }

    /// Items due at `now`, earliest first.
    #[must_use]
    pub fn due(&self, now: u64) -> Vec<&ItemKey> {
        let mut due: Vec<(&ItemKey, u64)> = self
            .items
            .iter()
            .filter(|(_, s)| s.due_unix_secs <= now)
            .map(|(k, s)| (k, s.due_unix_secs))
            .collect();
        due.sort_by_key(|(_, at)| *at);
        due.into_iter().map(|(k, _)| k).collect()
    }

    /// How many items fall due on each of the next `days` days of the learner's calendar in
    /// `zone` (day 0 is today, and includes everything already overdue).
    #[must_use]
    pub fn forecast(&self, now: u64, days: usize, zone: &Zone) -> Vec<usize> {
        let mut counts = vec![0; days];
        let today = zone.day_of(now);
        for state in self.items.values() {
            let day = zone.day_of(state.due_unix_secs).saturating_sub(today);
            if let Some(slot) = usize::try_from(day).ok().and_then(|d| counts.get_mut(d)) {
                *slot += 1;
            }
        }
        counts
    }

    /// The wait each grade would give `key` if it were reviewed at `now`, in button order
    /// (Again, Hard, Good, Easy): what Anki shows on its buttons.
    ///
    /// # Errors
    /// When FSRS rejects the item's memory state.
    pub fn preview_intervals(
        &self,
        key: &ItemKey,
        now: u64,
        desired_retention: f32,
    ) -> Result<[u64; 4], ScheduleError> {
        let previous = self.items.get(key).copied();
        let mut waits = [0; 4];
        for (wait, grade) in waits.iter_mut().zip(Grade::ALL) {
            *wait = next_state(previous, grade, now, desired_retention)?
                .due_unix_secs
                .saturating_sub(now);
        }
        Ok(waits)
    }

    /// Recall cards started on the learner's day of `now` in `zone` (to cap new cards per
    /// day): cards whose first review in the log falls on that day. A new card failed and
    /// graded again the same day still takes one place, not none.
    #[must_use]
    pub fn cards_started_on_day_of(&self, now: u64, zone: &Zone) -> usize {
        let mut first_review: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
        for review in &self.reviews {
            if let ItemKey::Card(id) = &review.item {
                let first = first_review.entry(id).or_insert(review.at_unix_secs);
                *first = (*first).min(review.at_unix_secs);
            }
        }
        let today = zone.day_of(now);
        first_review
            .values()
            .filter(|&&at| zone.day_of(at) == today)
            .count()
    }
}

impl Schedule {
    /// Recomputes the memory state of each of `keys` from the review log, oldest review first,
    /// each with the retention it was scheduled for: how a merge of two machines' logs gets
    /// the states both would have reached. A review FSRS rejects leaves the state as it was.
    pub fn recompute_items(
        &mut self,
        keys: &std::collections::BTreeSet<ItemKey>,
        retention: impl Fn(&ReviewRecord) -> f32,
    ) {
        let mut logs: BTreeMap<&ItemKey, Vec<&ReviewRecord>> = BTreeMap::new();
        for review in self.reviews.iter().filter(|r| keys.contains(&r.item)) {
            logs.entry(&review.item).or_default().push(review);
        }
        let mut states = BTreeMap::new();
        for (key, mut log) in logs {
            log.sort_by_key(|r| r.at_unix_secs);
            let mut state = None;
            for review in log {
                if let Ok(next) = next_state(state, review.grade, review.at_unix_secs, retention(review)) {
                    state = Some(next);
                }
            }
            if let Some(state) = state {
                states.insert(key.clone(), state);
            }
        }
        self.items.extend(states);
    }
}

/// The FSRS step for one review.
fn next_state(
    previous: Option<ItemState>,
    grade: Grade,
    now: u64,
    desired_retention: f32,
) -> Result<ItemState, ScheduleError> {
    let fsrs = fsrs::FSRS::default();
    let memory = previous.map(|p| fsrs::MemoryState {
        stability: p.stability,
        difficulty: p.difficulty,
    });
    let days_elapsed = previous.map_or(0, |p| {
        u32::try_from(now.saturating_sub(p.last_review_unix_secs) / DAY_SECS).unwrap_or(u32::MAX)
    });
    let states = fsrs
        .next_states(
            memory,
            desired_retention.clamp(*RETENTION_RANGE.start(), *RETENTION_RANGE.end()),
            days_elapsed,
        )
        .map_err(|e| ScheduleError(e.to_string()))?;
    let chosen = match grade {
        Grade::Again => states.again,
        Grade::Hard => states.hard,
        Grade::Good => states.good,
        Grade::Easy => states.easy,
    };
    let interval_secs = interval_secs(chosen.interval, grade);
    Ok(ItemState {
        stability: chosen.memory.stability,
        difficulty: chosen.memory.difficulty,
        due_unix_secs: now + interval_secs,
        last_review_unix_secs: now,
        reps: previous.map_or(0, |p| p.reps) + 1,
        lapses: previous.map_or(0, |p| p.lapses) + u32::from(grade == Grade::Again),
    })
}

/// A wait as Anki labels its buttons: "10m", "5h", "3d", "2mo", "1.5y".
#[must_use]
pub fn interval_label(secs: u64) -> String {
    const HOUR: u64 = 3600;
    if secs < HOUR {
        format!("{}m", (secs / 60).max(1))
    } else if secs < DAY_SECS {
        format!("{}h", secs / HOUR)
    } else if secs < 30 * DAY_SECS {
        format!("{}d", secs / DAY_SECS)
    } else if secs < 365 * DAY_SECS {
        format!("{}mo", secs / (30 * DAY_SECS))
    } else {
        #[expect(
            clippy::cast_precision_loss,
            reason = "years of seconds fit an f64 exactly enough"
        )]
        let years = secs as f64 / (365.0 * DAY_SECS as f64);
        format!("{years:.1}y")
    }
}

/// FSRS gives intervals in days; whole days for remembered items (at least one), and a short
/// wait for forgotten ones so they come back in the same session.
fn interval_secs(interval_days: f32, grade: Grade) -> u64 {
    let days = f64::from(interval_days.max(0.0));
    if grade == Grade::Again {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "non-negative and far below u64::MAX"
        )]
        let secs = (days * 86_400.0).round().min(86_400.0) as u64;
        return secs.max(AGAIN_MIN_SECS);
    }
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "non-negative and far below u64::MAX"
    )]
    let whole_days = days.round().clamp(1.0, 36_500.0) as u64;
    whole_days * DAY_SECS
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_795_729_910;

    fn q(id: &str) -> ItemKey {
        ItemKey::Question(id.to_owned())
    }

    #[test]
    fn answers_map_to_grades() {
        assert_eq!(Grade::from_answer(false, false, 10.0, None), Grade::Again);
        assert_eq!(Grade::from_answer(true, false, 10.0, Some(20.0)), Grade::Good);
        assert_eq!(Grade::from_answer(true, true, 10.0, Some(20.0)), Grade::Hard);
        assert_eq!(Grade::from_answer(true, false, 50.0, Some(20.0)), Grade::Hard);
        assert_eq!(Grade::from_answer(true, false, 50.0, None), Grade::Good);
    }

    #[test]
    fn a_wrong_answer_comes_back_soon_and_a_right_one_later() {
        let mut schedule = Schedule::default();
        let again = schedule.review(q("a"), Grade::Again, NOW, 0.9).unwrap();
        let good = schedule.review(q("b"), Grade::Good, NOW, 0.9).unwrap();
        assert!(again.due_unix_secs >= NOW + AGAIN_MIN_SECS);
        assert!(again.due_unix_secs <= NOW + DAY_SECS);
        assert!(good.due_unix_secs >= NOW + DAY_SECS);
        assert!(good.due_unix_secs > again.due_unix_secs);
        assert_eq!(again.lapses, 1);
        assert_eq!(schedule.reviews.len(), 2);
    }

    #[test]
    fn easier_grades_wait_longer() {
        let intervals: Vec<u64> = Grade::ALL
            .iter()
            .map(|&g| {
                let mut s = Schedule::default();
                s.review(q("x"), Grade::Good, NOW, 0.9).unwrap();
                let later = NOW + 3 * DAY_SECS;
                s.review(q("x"), g, later, 0.9).unwrap().due_unix_secs - later
            })
            .collect();
        assert!(intervals.windows(2).all(|w| w[0] <= w[1]), "{intervals:?}");
        assert!(intervals[3] > intervals[0]);
    }

    #[test]
    fn higher_retention_means_shorter_intervals() {
        let interval = |retention: f32| {
            let mut s = Schedule::default();
            s.review(q("x"), Grade::Good, NOW, retention).unwrap();
            let later = NOW + 4 * DAY_SECS;
            s.review(q("x"), Grade::Good, later, retention)
                .unwrap()
                .due_unix_secs
                - later
        };
        assert!(interval(0.95) < interval(0.8));
    }

    #[test]
    fn successive_good_reviews_grow_the_interval() {
        let mut s = Schedule::default();
        let mut now = NOW;
        let mut last = 0;
        for _ in 0..5 {
            let state = s.review(q("x"), Grade::Good, now, 0.9).unwrap();
            let interval = state.due_unix_secs - now;
            assert!(interval >= last, "{interval} after {last}");
            last = interval;
            now = state.due_unix_secs;
        }
        assert!(last > 10 * DAY_SECS);
    }

    #[test]
    fn previews_match_what_each_grade_then_gives() {
        let mut s = Schedule::default();
        s.review(q("x"), Grade::Good, NOW, 0.9).unwrap();
        let later = NOW + 3 * DAY_SECS;
        let preview = s.preview_intervals(&q("x"), later, 0.9).unwrap();
        for (grade, wait) in Grade::ALL.into_iter().zip(preview) {
            let mut copy = s.clone();
            let state = copy.review(q("x"), grade, later, 0.9).unwrap();
            assert_eq!(state.due_unix_secs - later, wait, "{grade:?}");
        }
        assert!(preview.windows(2).all(|w| w[0] <= w[1]), "{preview:?}");
        // A new item: Again comes back the same day, Good after at least a day.
        let fresh = s.preview_intervals(&q("new"), NOW, 0.9).unwrap();
        assert!((AGAIN_MIN_SECS..DAY_SECS).contains(&fresh[0]), "{fresh:?}");
        assert!(fresh[2] >= DAY_SECS);
    }

    #[test]
    fn interval_labels_read_like_anki() {
        assert_eq!(interval_label(600), "10m");
        assert_eq!(interval_label(5 * 3600), "5h");
        assert_eq!(interval_label(3 * DAY_SECS), "3d");
        assert_eq!(interval_label(60 * DAY_SECS), "2mo");
        assert_eq!(interval_label(548 * DAY_SECS), "1.5y");
    }

    #[test]
    fn due_and_forecast_count_items_by_day() {
        let mut s = Schedule::default();
        s.review(q("soon"), Grade::Again, NOW, 0.9).unwrap();
        s.review(q("later"), Grade::Good, NOW, 0.9).unwrap();
        assert!(s.due(NOW).is_empty());
        assert_eq!(s.due(NOW + DAY_SECS).len(), 1);
        let forecast = s.forecast(NOW, 30, &Zone::UTC);
        assert_eq!(forecast.iter().sum::<usize>(), 2);
    }
}
