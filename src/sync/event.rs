//! The events the journals hold: what the learner did, one line each, with an id computed from
//! the event itself, so the same answer has the same id whichever machine, journal or conflict
//! copy it is read from, and a union of journals never counts it twice.

use serde::{Deserialize, Serialize};

use crate::progress::Settings;
use crate::quiz::schedule::ReviewRecord;
use crate::quiz::{AnswerRecord, ChallengeRecord, SessionRecord};

/// One thing the learner did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Event {
    Answer(AnswerRecord),
    /// A review in the spaced-repetition log, with the retention it was scheduled for (so the
    /// memory state can be recomputed exactly from the log).
    Review {
        review: ReviewRecord,
        #[serde(default)]
        desired_retention: Option<f32>,
    },
    Session(SessionRecord),
    Challenge(ChallengeRecord),
    /// A note marked read, or (`read: false`) unmarked.
    Read {
        topic: String,
        read: bool,
    },
    /// The learner's annotation of a topic (empty: removed).
    Annotation {
        topic: String,
        text: String,
    },
    /// Where the learner is: single values, last writer wins.
    Place(Place),
    /// Every setting at once, last writer wins.
    Settings(Settings),
}

/// The single values of `progress.ron`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub blueprint: String,
    #[serde(default)]
    pub selected_topic: Option<String>,
    #[serde(default)]
    pub open_diagram: Option<String>,
}

/// One line of a journal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// [`event_id`] of the event: the same on every machine.
    pub id: String,
    /// When it happened (Unix seconds).
    pub at: u64,
    /// The device it happened on, or the conflict copy it was found in.
    pub device: String,
    pub event: Event,
}

impl Entry {
    /// An entry for `event` at `at` (records that carry their own time use it instead).
    #[must_use]
    pub fn new(device: &str, at: u64, event: Event) -> Self {
        let at = event.own_time().unwrap_or(at);
        Self {
            id: event_id(at, &event),
            at,
            device: device.to_owned(),
            event,
        }
    }
}

impl Event {
    /// The time a record carries itself (answers, reviews, sessions, challenges).
    #[must_use]
    pub fn own_time(&self) -> Option<u64> {
        match self {
            Self::Answer(a) => Some(a.at_unix_secs),
            Self::Review { review, .. } => Some(review.at_unix_secs),
            Self::Session(s) => Some(s.finished_at_unix_secs),
            Self::Challenge(c) => Some(c.at_unix_secs),
            Self::Read { .. } | Self::Annotation { .. } | Self::Place(_) | Self::Settings(_) => None,
        }
    }
}

/// The id of an event: a hash of its kind, time and content (for a review, not the retention,
/// which a review found in an old `schedule.ron` does not know).
#[must_use]
pub fn event_id(at: u64, event: &Event) -> String {
    match event {
        Event::Answer(a) => id_of("answer", at, a),
        Event::Review { review, .. } => id_of("review", at, review),
        Event::Session(s) => id_of("session", at, s),
        Event::Challenge(c) => id_of("challenge", at, c),
        Event::Read { topic, read } => id_of("read", at, &(topic, read)),
        Event::Annotation { topic, text } => id_of("annotation", at, &(topic, text)),
        Event::Place(p) => id_of("place", at, p),
        Event::Settings(s) => id_of("settings", at, s),
    }
}

/// The id an answer has in the journals.
#[must_use]
pub fn answer_id(a: &AnswerRecord) -> String {
    id_of("answer", a.at_unix_secs, a)
}

/// The id a review has in the journals.
#[must_use]
pub fn review_id(r: &ReviewRecord) -> String {
    id_of("review", r.at_unix_secs, r)
}

/// The id a finished session has in the journals.
#[must_use]
pub fn session_id(s: &SessionRecord) -> String {
    id_of("session", s.finished_at_unix_secs, s)
}

/// The id a challenge result has in the journals.
#[must_use]
pub fn challenge_id(c: &ChallengeRecord) -> String {
    id_of("challenge", c.at_unix_secs, c)
}

fn id_of<T: Serialize>(kind: &str, at: u64, value: &T) -> String {
    // RON of our own plain records cannot fail; Debug-free fallback keeps the id total anyway.
    let text = ron::to_string(&(kind, at, value)).unwrap_or_else(|e| format!("{kind}:{at}:{e}"));
    format!("{:016x}", fnv1a(text.as_bytes()))
}

/// FNV-1a, 64 bits: stable across Rust versions and machines (std's hasher is not).
#[must_use]
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::quiz::{Grade, ItemKey, SessionKind};

    fn answer(at: u64) -> AnswerRecord {
        AnswerRecord {
            at_unix_secs: at,
            session: 7,
            kind: SessionKind::Practice,
            question: "q".to_owned(),
            chosen: vec![1],
            correct: true,
            flagged: false,
            elapsed_secs: 3.5,
        }
    }

    #[test]
    fn ids_depend_on_content_not_on_the_device() {
        let a = Entry::new("laptop", 0, Event::Answer(answer(100)));
        let b = Entry::new("desktop", 999, Event::Answer(answer(100)));
        assert_eq!(a.id, b.id);
        assert_eq!(a.at, 100);
        assert_eq!(a.id, answer_id(&answer(100)));
        assert_ne!(a.id, Entry::new("laptop", 0, Event::Answer(answer(101))).id);
        let review = ReviewRecord {
            at_unix_secs: 5,
            item: ItemKey::Question("q".to_owned()),
            grade: Grade::Good,
        };
        let with = Event::Review {
            review: review.clone(),
            desired_retention: Some(0.9),
        };
        let without = Event::Review {
            review: review.clone(),
            desired_retention: None,
        };
        assert_eq!(event_id(5, &with), event_id(5, &without));
        assert_eq!(event_id(5, &with), review_id(&review));
    }

    #[test]
    fn a_line_round_trips() {
        let entry = Entry::new(
            "d",
            42,
            Event::Annotation {
                topic: "t".to_owned(),
                text: "two\nlines".to_owned(),
            },
        );
        let line = ron::to_string(&entry).unwrap();
        assert!(!line.contains('\n'));
        assert_eq!(ron::from_str::<Entry>(&line).unwrap(), entry);
    }
}
