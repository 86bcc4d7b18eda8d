//! The Today page's figures as one value, computed from the saved data when it changes (after
//! an answer, a review, a note marked read, a settings change, and once a minute).

use crate::course::Course;
use crate::plan::countdown::{Countdown, parse_exam_date};
use crate::plan::estimate::{Readiness, readiness};
use crate::progress::clock::Zone;
use crate::progress::{Progress, Settings};
use crate::quiz::{History, Schedule};

/// What the Today page shows, ready to draw.
#[derive(Debug, Clone)]
pub struct TodayPage {
    /// Days left to the exam, when the learner set a date.
    pub countdown: Option<Countdown>,
    /// The pass estimate, or how many answers it still needs.
    pub readiness: Readiness,
    /// The blueprint's name, as the estimate is for it ("DOP-C02").
    pub blueprint_title: String,
}

impl Default for TodayPage {
    fn default() -> Self {
        Self {
            countdown: None,
            readiness: Readiness::NotEnough {
                answers_needed: crate::plan::estimate::MIN_ANSWERS,
            },
            blueprint_title: String::new(),
        }
    }
}

/// The saved data the page is computed from.
pub struct TodayInputs<'a> {
    pub course: &'a Course,
    pub blueprint: usize,
    pub progress: &'a Progress,
    pub settings: &'a Settings,
    pub history: &'a History,
    pub schedule: &'a Schedule,
}

impl TodayPage {
    /// Computes the page at `now`, with days as the learner's time zone has them.
    #[must_use]
    pub fn build(inputs: &TodayInputs<'_>, now: u64, zone: &Zone) -> Self {
        let countdown = inputs
            .settings
            .exam_date
            .as_deref()
            .and_then(|text| parse_exam_date(text).ok())
            .map(|date| Countdown::at(date, now, zone));
        Self {
            countdown,
            readiness: readiness(
                inputs.course,
                inputs.blueprint,
                inputs.history,
                inputs.schedule,
                now,
            ),
            blueprint_title: inputs
                .course
                .blueprints
                .get(inputs.blueprint)
                .map(|bp| bp.title.clone())
                .unwrap_or_default(),
        }
    }
}
