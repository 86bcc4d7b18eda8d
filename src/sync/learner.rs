//! The learner's state that the journals describe, and what a merge added to it.

use std::collections::BTreeMap;

use crate::progress::{Progress, Settings};
use crate::quiz::{History, Schedule};
use crate::words::plural;

/// The four files the journals rebuild: `progress.ron`, `settings.ron`, `history.ron` and
/// `schedule.ron` are this state saved, a cache of the union of the journals.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Learner {
    pub progress: Progress,
    pub settings: Settings,
    pub history: History,
    pub schedule: Schedule,
}

/// What a merge brought from one device.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub answers: usize,
    pub reviews: usize,
    pub sessions: usize,
    pub challenges: usize,
    /// Notes newly marked read (or unmarked).
    pub marks: usize,
    pub annotations: usize,
    /// Whether the blueprint, open topic or open diagram changed.
    pub place: bool,
    pub settings: bool,
}

impl Counts {
    /// Whether anything was brought.
    #[must_use]
    pub fn any(&self) -> bool {
        *self != Self::default()
    }

    /// "3 answers, 2 reviews, 1 note read".
    #[must_use]
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (n, noun) in [
            (self.answers, "answer"),
            (self.reviews, "review"),
            (self.sessions, "session"),
            (self.challenges, "challenge result"),
            (self.annotations, "annotation"),
        ] {
            if n > 0 {
                parts.push(plural(n, noun));
            }
        }
        if self.marks > 0 {
            parts.push(format!("{} read", plural(self.marks, "note")));
        }
        if self.settings {
            parts.push("settings".to_owned());
        }
        if self.place {
            parts.push("the open topic".to_owned());
        }
        parts.join(", ")
    }
}

/// What a merge added to the state in memory, by the device it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Added {
    pub by_device: BTreeMap<String, Counts>,
}

impl Added {
    pub(super) fn of(&mut self, device: &str) -> &mut Counts {
        self.by_device.entry(device.to_owned()).or_default()
    }

    /// Whether anything was added.
    #[must_use]
    pub fn any(&self) -> bool {
        self.by_device.values().any(Counts::any)
    }

    /// Answers added, from every device.
    #[must_use]
    pub fn answers(&self) -> usize {
        self.by_device.values().map(|c| c.answers).sum()
    }

    /// "from laptop-3f9a01c2: 3 answers, 2 reviews; from ABCDEFG: 1 note read".
    #[must_use]
    pub fn describe(&self) -> String {
        self.by_device
            .iter()
            .filter(|(_, c)| c.any())
            .map(|(device, c)| format!("from {device}: {}", c.describe()))
            .collect::<Vec<_>>()
            .join("; ")
    }
}
