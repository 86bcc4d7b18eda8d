//! The estimate on the exam date at the learner's current pace.
//!
//! A deliberately simple model, so the learner can follow it:
//! - **pace:** the answers given over the last [`PACE_DAYS`] local days (today included),
//!   per day; that many answers a day until the exam, spread over the objectives the way
//!   today's plan spreads practice ([`practice_priority`]: weight × what is left to learn);
//! - **forgetting:** on each objective, what the learner knows above the prior fades as FSRS
//!   expects their items there to fade by the exam date (the mean retrievability then over the
//!   mean now);
//! - **learning:** the answers an objective gets close part of its gap to
//!   [`LEARNED_CEILING`]: the gap shrinks by a factor e^(−answers / [`ANSWERS_TO_LEARN`]).
//!
//! The projection's interval keeps today's uncertainty: it says where the trend leads, not
//! that the future is known.

use crate::progress::clock::{DAY_SECS, Date, Zone};
use crate::quiz::{History, ItemKey, Schedule};

use super::countdown::Countdown;
use super::estimate::{ExamEstimate, Readiness, readiness_with};
use super::evidence::{ObjectivePosterior, Params, objective_posteriors, retrievability};
use super::exam_model::ExamModel;

/// Days over which the pace is measured.
pub const PACE_DAYS: u64 = 14;
/// The accuracy practice approaches on an objective.
pub const LEARNED_CEILING: f64 = 0.95;
/// Answers on an objective that close about two thirds (1 − 1/e) of its gap to the ceiling.
pub const ANSWERS_TO_LEARN: f64 = 60.0;

/// The projected estimate on the exam date.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    pub countdown: Countdown,
    /// Answers a day over the last [`PACE_DAYS`] days.
    pub answers_per_day: f64,
    /// The estimate on the exam date at that pace.
    pub estimate: ExamEstimate,
}

impl Projection {
    /// "At 25 answers a day, 74% expected on 2027-03-15 (80% range 66–82%), 58% chance to pass".
    #[must_use]
    pub fn summary(&self) -> String {
        format!(
            "At {:.0} answers a day, {:.0}% expected on {} (80% range {:.0}–{:.0}%), {} chance to pass",
            self.answers_per_day,
            self.estimate.expected_percent,
            self.countdown.exam_date,
            self.estimate.low,
            self.estimate.high,
            super::estimate::chance(self.estimate.pass_probability)
        )
    }
}

/// Answers given per day over the last [`PACE_DAYS`] local days, today included.
#[must_use]
pub fn answers_per_day(history: &History, now: u64, zone: &Zone) -> f64 {
    let today = zone.day_of(now);
    let first = today.saturating_sub(PACE_DAYS - 1);
    let answers = history
        .given_answers()
        .filter(|a| a.at_unix_secs <= now && (first..=today).contains(&zone.day_of(a.at_unix_secs)))
        .count();
    #[expect(clippy::cast_precision_loss, reason = "answer counts are small")]
    let per_day = answers as f64 / PACE_DAYS as f64;
    per_day
}

/// How much today's practice wants objective `i`: its exam weight times what is left to learn
/// (one minus the expected accuracy, plus the uncertainty, so unknown objectives come early).
#[must_use]
pub fn practice_priority(model: &ExamModel, posteriors: &[ObjectivePosterior], i: usize) -> f64 {
    let p = &posteriors[i];
    model.objectives[i].exam_weight * (1.0 - p.mean() + p.variance().sqrt())
}

/// The estimate on `exam_date` if the learner keeps their pace; `None` while there is not
/// enough data for an estimate, or once the exam date has passed.
#[must_use]
pub fn project(
    model: &ExamModel,
    history: &History,
    schedule: &Schedule,
    now: u64,
    zone: &Zone,
    exam_date: Date,
    params: &Params,
) -> Option<Projection> {
    let countdown = Countdown::at(exam_date, now, zone);
    let days_left = u64::try_from(countdown.days_left).ok()?;
    let Readiness::Estimate(current) = readiness_with(model, history, schedule, now, params) else {
        return None;
    };
    let pace = answers_per_day(history, now, zone);
    let exam_at = now + days_left * DAY_SECS;
    let posteriors = objective_posteriors(model, history, schedule, now, params);

    let fading = fading_by_objective(model, schedule, now, exam_at);
    let priorities: Vec<f64> = (0..model.objectives.len())
        .map(|i| practice_priority(model, &posteriors, i))
        .collect();
    let total_priority: f64 = priorities.iter().sum();
    #[expect(clippy::cast_precision_loss, reason = "days are few")]
    let future_answers = pace * days_left as f64;

    let projected: Vec<ObjectivePosterior> = posteriors
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let floor = params.prior_mean.min(p.mean());
            let kept = floor + (p.mean() - floor) * fading[i];
            let answers = if total_priority > 0.0 {
                future_answers * priorities[i] / total_priority
            } else {
                0.0
            };
            let mean = kept + (LEARNED_CEILING - kept).max(0.0) * (1.0 - (-answers / ANSWERS_TO_LEARN).exp());
            let strength = p.alpha + p.beta;
            let mut evidence = p.evidence;
            if !p.seen() && answers >= 1.0 {
                // Practised by then: no longer an unknown sharing the prior's error.
                evidence.answers = 1;
            }
            ObjectivePosterior {
                alpha: mean * strength,
                beta: (1.0 - mean) * strength,
                evidence,
            }
        })
        .collect();
    let estimate = ExamEstimate::from_posteriors(model, &projected, current.answers, params);
    Some(Projection {
        countdown,
        answers_per_day: pace,
        estimate,
    })
}

/// Per objective: the mean retrievability of its scheduled items at `later` over the mean now
/// (1 for an objective without items).
fn fading_by_objective(model: &ExamModel, schedule: &Schedule, now: u64, later: u64) -> Vec<f64> {
    let n = model.objectives.len();
    let (mut now_sum, mut later_sum) = (vec![0.0; n], vec![0.0; n]);
    for (key, state) in &schedule.items {
        let objectives = match key {
            ItemKey::Question(id) => model.objectives_of_question(id),
            ItemKey::Card(id) => model.objectives_of_card(id),
        };
        let since = |t: u64| super::evidence::days_between(state.last_review_unix_secs, t);
        let (r_now, r_later) = (
            retrievability(state.stability, since(now)),
            retrievability(state.stability, since(later)),
        );
        for &i in objectives {
            now_sum[i] += r_now;
            later_sum[i] += r_later;
        }
    }
    (0..n)
        .map(|i| {
            if now_sum[i] > 0.0 {
                (later_sum[i] / now_sum[i]).clamp(0.0, 1.0)
            } else {
                1.0
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::plan::countdown::parse_exam_date;
    use crate::plan::exam_model::tests::embedded;
    use crate::plan::tests::{answer, question_in, state};

    /// 2026-11-27 01:00 UTC.
    const NOW: u64 = 1_795_741_200;

    /// Ten answers a day for the last 14 days on every objective's first question, 70% right,
    /// each question scheduled with a week's stability.
    fn learner(model: &ExamModel, course: &crate::course::Course) -> (History, Schedule) {
        let mut history = History::default();
        let mut schedule = Schedule::default();
        for day in 0..14 {
            for k in 0..10 {
                let o = (day * 10 + k) % model.objectives.len();
                let q = question_in(course, model, o);
                history
                    .answers
                    .push(answer(NOW - day as u64 * DAY_SECS - 3600, &q, k % 10 < 7));
                schedule
                    .items
                    .insert(ItemKey::Question(q), state(7.0, NOW - 3600));
            }
        }
        (history, schedule)
    }

    #[test]
    fn pace_counts_the_last_fourteen_local_days() {
        let course = embedded();
        let model = ExamModel::new(&course, 0);
        let (mut history, _) = learner(&model, &course);
        assert!((answers_per_day(&history, NOW, &Zone::UTC) - 10.0).abs() < 1e-9);
        // An answer from three weeks ago is outside the window.
        history.answers.push(answer(
            NOW - 21 * DAY_SECS,
            &question_in(&course, &model, 0),
            true,
        ));
        assert!((answers_per_day(&history, NOW, &Zone::UTC) - 10.0).abs() < 1e-9);
        assert!(answers_per_day(&History::default(), NOW, &Zone::UTC).abs() < 1e-12);
    }

    #[test]
    fn keeping_the_pace_beats_stopping_and_a_passed_date_projects_nothing() {
        let course = embedded();
        let model = ExamModel::new(&course, 0);
        let params = Params::default();
        let (history, schedule) = learner(&model, &course);
        let exam = parse_exam_date("2027-01-15").unwrap();
        let going = project(&model, &history, &schedule, NOW, &Zone::UTC, exam, &params).unwrap();
        assert_eq!(going.countdown.days_left, 49);
        assert!((going.answers_per_day - 10.0).abs() < 1e-9);
        // The same record, but nothing answered in the last two weeks: only forgetting.
        let mut idle = history.clone();
        for a in &mut idle.answers {
            a.at_unix_secs -= 15 * DAY_SECS;
        }
        let stopped = project(&model, &idle, &schedule, NOW, &Zone::UTC, exam, &params).unwrap();
        assert!(stopped.answers_per_day.abs() < 1e-12);
        let now = readiness_with(&model, &idle, &schedule, NOW, &params);
        assert!(stopped.estimate.expected_percent < now.estimate().unwrap().expected_percent);
        assert!(going.estimate.expected_percent > stopped.estimate.expected_percent);
        assert!(going.summary().starts_with("At 10 answers a day"));

        let passed = parse_exam_date("2026-11-01").unwrap();
        assert!(project(&model, &history, &schedule, NOW, &Zone::UTC, passed, &params).is_none());
        assert!(
            project(
                &model,
                &History::default(),
                &schedule,
                NOW,
                &Zone::UTC,
                exam,
                &params
            )
            .is_none()
        );
    }

    #[test]
    fn on_the_exam_day_the_projection_is_the_estimate() {
        let course = embedded();
        let model = ExamModel::new(&course, 0);
        let params = Params::default();
        let (history, schedule) = learner(&model, &course);
        let today = Zone::UTC.date_of(NOW);
        let projection = project(&model, &history, &schedule, NOW, &Zone::UTC, today, &params).unwrap();
        let estimate = readiness_with(&model, &history, &schedule, NOW, &params);
        let estimate = estimate.estimate().unwrap();
        assert!((projection.estimate.expected_percent - estimate.expected_percent).abs() < 1e-9);
        assert!((projection.estimate.pass_probability - estimate.pass_probability).abs() < 1e-9);
    }
}
