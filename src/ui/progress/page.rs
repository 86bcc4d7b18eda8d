//! The Progress page's figures as one value, computed from the saved data when it changes
//! (after an answer, a review, a note marked read, a blueprint change, and once a minute), so
//! drawing the page never scans the history.

use crate::course::Course;
use crate::progress::Progress;
use crate::progress::clock::Zone;
use crate::quiz::report::{ProgressReport, progress_report};
use crate::quiz::stats::{domain_accuracy_by_day, reviews_per_day};
use crate::quiz::{History, Schedule};

/// How many days the review and forecast plots cover.
pub const PLOT_DAYS: u64 = 30;

/// What the Progress page shows, ready to draw.
#[derive(Debug, Clone, Default)]
pub struct ProgressPage {
    /// The same report `stagecraft progress report` prints.
    pub report: ProgressReport,
    /// Per domain of the blueprint: its label and (day number, percent correct) points.
    pub accuracy: Vec<(String, Vec<[f64; 2]>)>,
    /// Reviews on each of the last [`PLOT_DAYS`] days, the last one today.
    pub reviews_per_day: Vec<usize>,
    /// Items falling due on each of the next [`PLOT_DAYS`] days.
    pub forecast: Vec<usize>,
    /// Today's day number, where the accuracy plot's time axis ends.
    pub today: f64,
}

impl ProgressPage {
    /// Computes the page for blueprint `blueprint` at `now`, with days as the learner's time
    /// zone has them.
    #[must_use]
    pub fn build(
        course: &Course,
        blueprint: usize,
        saved: (&Progress, &History, &Schedule),
        now: u64,
        zone: &Zone,
    ) -> Self {
        let (progress, history, schedule) = saved;
        let report =
            progress_report(course, blueprint, history, schedule, now).count_notes_read(course, progress);
        let accuracy = course
            .blueprints
            .get(blueprint)
            .map(|bp| {
                bp.domains
                    .iter()
                    .enumerate()
                    .map(|(d, domain)| {
                        #[expect(clippy::cast_precision_loss, reason = "day numbers are small")]
                        let points = domain_accuracy_by_day(course, blueprint, history, d, zone)
                            .into_iter()
                            .map(|(day, accuracy)| [day as f64, accuracy])
                            .collect();
                        (format!("{} {}", domain.id, domain.title), points)
                    })
                    .collect()
            })
            .unwrap_or_default();
        #[expect(clippy::cast_precision_loss, reason = "day numbers are small")]
        let today = zone.day_of(now) as f64;
        Self {
            report,
            accuracy,
            reviews_per_day: reviews_per_day(schedule, now, PLOT_DAYS, zone),
            forecast: schedule.forecast(now, usize::try_from(PLOT_DAYS).unwrap_or(30), zone),
            today,
        }
    }
}
