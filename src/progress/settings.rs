//! The learner's preferences (`settings.ron`).

use serde::{Deserialize, Serialize};

use super::store::DataFile;
use super::validate::{self, Invalid};

/// `settings.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub version: u32,
    /// The recall probability FSRS schedules for (Anki's default is 0.9).
    #[serde(default = "default_retention")]
    pub desired_retention: f32,
    /// New recall cards a review session introduces per day.
    #[serde(default = "default_new_cards")]
    pub new_cards_per_day: u32,
    /// Whether exam simulations run against the 180-minute clock.
    #[serde(default = "default_true")]
    pub exam_timed: bool,
    /// Dark, light, or whatever the system uses.
    #[serde(default)]
    pub theme: ThemeChoice,
    /// Text size relative to the default (1.0).
    #[serde(default = "default_text_scale")]
    pub text_scale: f32,
    /// Whether notes, search and the other modes stay open during an exam simulation (closed
    /// book, as on the real exam, by default).
    #[serde(default)]
    pub exam_open_book: bool,
    /// The day the learner sits the exam (`2027-01-15`), for the countdown and the pace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exam_date: Option<String>,
    /// The minutes a day the learner means to study; the Today plan fits in them.
    #[serde(default = "default_daily_minutes")]
    pub daily_minutes: u32,
    /// Whether the first-run welcome has been shown (a settings file from before the welcome
    /// existed counts as shown: only a new learner sees it).
    #[serde(default = "default_true")]
    pub welcome_done: bool,
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThemeChoice {
    #[default]
    FollowSystem,
    Dark,
    Light,
}

impl ThemeChoice {
    /// Every choice, in menu order.
    pub const ALL: [Self; 3] = [Self::FollowSystem, Self::Dark, Self::Light];

    /// A label for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::FollowSystem => "Follow the system",
            Self::Dark => "Dark",
            Self::Light => "Light",
        }
    }
}

/// The range the text size setting allows.
pub const TEXT_SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.8..=1.6;

fn default_text_scale() -> f32 {
    1.0
}

fn default_retention() -> f32 {
    0.9
}

fn default_new_cards() -> u32 {
    20
}

fn default_daily_minutes() -> u32 {
    30
}

/// The minutes a day the setting allows.
pub const DAILY_MINUTES_RANGE: std::ops::RangeInclusive<u32> = 5..=600;

fn default_true() -> bool {
    true
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            version: Self::VERSION,
            desired_retention: default_retention(),
            new_cards_per_day: default_new_cards(),
            exam_timed: true,
            theme: ThemeChoice::FollowSystem,
            text_scale: 1.0,
            exam_open_book: false,
            exam_date: None,
            daily_minutes: default_daily_minutes(),
            welcome_done: false,
        }
    }
}

impl DataFile for Settings {
    const NAME: &'static str = "settings.ron";
    const VERSION: u32 = 1;

    fn validate(&self) -> Result<(), Invalid> {
        validate::in_range("desired_retention", self.desired_retention, &RETENTION_RANGE)?;
        validate::at_most("new_cards_per_day", self.new_cards_per_day, MAX_NEW_CARDS_PER_DAY)?;
        validate::in_range("text_scale", self.text_scale, &TEXT_SCALE_RANGE)?;
        validate::in_range("daily_minutes", self.daily_minutes, &DAILY_MINUTES_RANGE)?;
        let date = self.exam_date.as_deref().unwrap_or("2027-01-15");
        validate::ensure(
            super::exam_date::parse_exam_date(date).is_ok(),
            "exam_date",
            || format!("exam_date \"{date}\" is not a date such as 2027-01-15"),
        )
    }
}

/// The range the retention setting allows.
pub const RETENTION_RANGE: std::ops::RangeInclusive<f32> = 0.70..=0.97;

/// The most new recall cards a day the setting allows.
pub const MAX_NEW_CARDS_PER_DAY: u32 = 200;
