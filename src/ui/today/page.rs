//! The Today page's figures as one value, computed from the saved data when it changes (after
//! an answer, a review, a note marked read, a settings change, and once a minute).

use crate::course::Course;
use crate::plan::{
    ExamModel, Learner, Params, PlanSettings, Projection, Readiness, TodayPlan, parse_exam_date, project,
    readiness_with, today_plan,
};
use crate::progress::clock::Zone;
use crate::progress::{Progress, Settings};
use crate::quiz::{History, Schedule};

/// What the Today page shows, ready to draw.
#[derive(Debug, Clone)]
pub struct TodayPage {
    /// Today's plan, with the countdown and any pace warning.
    pub plan: Option<TodayPlan>,
    /// The pass estimate, or how many answers it still needs.
    pub readiness: Readiness,
    /// The estimate on the exam date at the current pace, when there is a date and an estimate.
    pub projection: Option<Projection>,
    /// The blueprint's name, as the estimate is for it.
    pub blueprint_title: String,
}

impl Default for TodayPage {
    fn default() -> Self {
        Self {
            plan: None,
            readiness: Readiness::NotEnough {
                answers_needed: crate::plan::MIN_ANSWERS,
            },
            projection: None,
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
        let model = ExamModel::new(inputs.course, inputs.blueprint);
        let params = Params::default();
        let exam_date = inputs
            .settings
            .exam_date
            .as_deref()
            .and_then(|text| parse_exam_date(text).ok());
        let learner = Learner {
            course: inputs.course,
            model: &model,
            progress: inputs.progress,
            history: inputs.history,
            schedule: inputs.schedule,
        };
        let settings = PlanSettings {
            daily_minutes: inputs.settings.daily_minutes,
            new_cards_per_day: inputs.settings.new_cards_per_day,
            exam_date,
        };
        Self {
            plan: Some(today_plan(&learner, &settings, now, zone)),
            readiness: readiness_with(&model, inputs.history, inputs.schedule, now, &params),
            projection: exam_date
                .and_then(|date| project(&model, inputs.history, inputs.schedule, now, zone, date, &params)),
            blueprint_title: inputs
                .course
                .blueprints
                .get(inputs.blueprint)
                .map(|bp| bp.title.clone())
                .unwrap_or_default(),
        }
    }
}
