//! What the learner's record says about each objective: a Beta posterior over the chance of
//! answering one of its questions right, from their answers (recent ones count more) and from
//! FSRS's retrievability of the items they studied there.
//!
//! The model, per objective:
//! - prior Beta(m·n, (1−m)·n) with mean m = [`Params::prior_mean`] and strength
//!   n = [`Params::prior_strength`]: a weak belief near what candidates score on material they
//!   have not practised, wide enough that it does not pretend to know;
//! - every answer adds its weight to the right or wrong side, the weight halving every
//!   [`Params::answer_half_life_days`] days of age (and split over the objectives of a question
//!   mapped to several), because ability drifts: what was known a month ago says less about now;
//! - every scheduled item (question or recall card) adds a pseudo-answer of weight
//!   [`Params::question_item_weight`] or [`Params::card_item_weight`], right with its current
//!   FSRS retrievability: this is how forgetting since the last answer enters;
//! - the total strength is capped at [`Params::max_strength`], so a long history cannot make
//!   the estimate more certain than a drifting ability allows.

use crate::progress::clock::DAY_SECS;
use crate::quiz::{History, ItemKey, Schedule};

use super::exam_model::ExamModel;

/// The estimator's settings. [`Params::default`] holds the values the calibration benchmark
/// (`cargo bench --bench readiness_calibration`) was run with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    /// Chance of a right answer on an objective never practised.
    pub prior_mean: f64,
    /// How many answers the prior is worth.
    pub prior_strength: f64,
    /// Days after which an answer counts half.
    pub answer_half_life_days: f64,
    /// Pseudo-answers one scheduled question adds, right with its retrievability.
    pub question_item_weight: f64,
    /// Pseudo-answers one scheduled recall card adds.
    pub card_item_weight: f64,
    /// The most answers' worth of evidence an objective's posterior holds.
    pub max_strength: f64,
    /// Correlation between the estimation errors of the objectives practised (a learner who is
    /// over- or underrated on one tends to be on others too).
    pub seen_correlation: f64,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            prior_mean: 0.55,
            prior_strength: 3.0,
            answer_half_life_days: 14.0,
            question_item_weight: 0.5,
            card_item_weight: 0.25,
            max_strength: 40.0,
            seen_correlation: 0.1,
        }
    }
}

/// What the record holds for one objective.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ObjectiveEvidence {
    /// Answers given to its questions up to now.
    pub answers: usize,
    /// Of those, right.
    pub right: usize,
    /// The answers' weight after decay by age (and splitting).
    pub weighted_answers: f64,
    /// The right answers' weight.
    pub weighted_right: f64,
    /// Scheduled items (questions and cards) under it.
    pub items: usize,
    /// Mean FSRS retrievability of those items now (0 without items).
    pub mean_retrievability: f64,
    /// When its latest answer was given.
    pub last_answer_at: Option<u64>,
}

/// The Beta posterior over one objective's chance of a right answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ObjectivePosterior {
    pub alpha: f64,
    pub beta: f64,
    pub evidence: ObjectiveEvidence,
}

impl ObjectivePosterior {
    /// Whether the learner has answered or studied anything of it.
    #[must_use]
    pub fn seen(&self) -> bool {
        self.evidence.answers > 0 || self.evidence.items > 0
    }

    /// The expected chance of a right answer, 0–1.
    #[must_use]
    pub fn mean(&self) -> f64 {
        self.alpha / (self.alpha + self.beta)
    }

    /// The posterior variance of that chance.
    #[must_use]
    pub fn variance(&self) -> f64 {
        let n = self.alpha + self.beta;
        self.alpha * self.beta / (n * n * (n + 1.0))
    }
}

/// The posterior of every objective of `model` at `now` (answers and reviews after `now` are
/// left out, so a plan can look at the record as it stood at the start of the day).
#[must_use]
pub fn objective_posteriors(
    model: &ExamModel,
    history: &History,
    schedule: &Schedule,
    now: u64,
    params: &Params,
) -> Vec<ObjectivePosterior> {
    let n = model.objectives.len();
    let mut evidence = vec![ObjectiveEvidence::default(); n];
    let mut item_right = vec![0.0_f64; n];
    let mut item_weight = vec![0.0_f64; n];
    let mut retrievability_sum = vec![0.0_f64; n];
    let decay = std::f64::consts::LN_2 / params.answer_half_life_days.max(1e-6);

    for answer in history.given_answers() {
        if answer.at_unix_secs > now {
            continue;
        }
        let objectives = model.objectives_of_question(&answer.question);
        if objectives.is_empty() {
            continue;
        }
        let weight = (-decay * days_between(answer.at_unix_secs, now)).exp() / len_f64(objectives);
        for &i in objectives {
            let e = &mut evidence[i];
            e.answers += 1;
            e.right += usize::from(answer.correct);
            e.weighted_answers += weight;
            if answer.correct {
                e.weighted_right += weight;
            }
            e.last_answer_at = Some(
                e.last_answer_at
                    .map_or(answer.at_unix_secs, |t| t.max(answer.at_unix_secs)),
            );
        }
    }

    for (key, state) in &schedule.items {
        let (objectives, weight) = match key {
            ItemKey::Question(id) => (model.objectives_of_question(id), params.question_item_weight),
            ItemKey::Card(id) => (model.objectives_of_card(id), params.card_item_weight),
        };
        if objectives.is_empty() || state.last_review_unix_secs > now {
            continue;
        }
        let r = retrievability(state.stability, days_between(state.last_review_unix_secs, now));
        let share = weight / len_f64(objectives);
        for &i in objectives {
            evidence[i].items += 1;
            retrievability_sum[i] += r;
            item_right[i] += share * r;
            item_weight[i] += share;
        }
    }

    (0..n)
        .map(|i| {
            let mut e = evidence[i];
            if e.items > 0 {
                #[expect(clippy::cast_precision_loss, reason = "item counts are small")]
                let items = e.items as f64;
                e.mean_retrievability = retrievability_sum[i] / items;
            }
            let mut alpha = params.prior_mean * params.prior_strength + e.weighted_right + item_right[i];
            let mut beta = (1.0 - params.prior_mean) * params.prior_strength
                + (e.weighted_answers - e.weighted_right)
                + (item_weight[i] - item_right[i]);
            let strength = alpha + beta;
            if strength > params.max_strength {
                let scale = params.max_strength / strength;
                alpha *= scale;
                beta *= scale;
            }
            ObjectivePosterior {
                alpha,
                beta,
                evidence: e,
            }
        })
        .collect()
}

/// FSRS's retrievability of an item with this stability after `days` (the default FSRS-6 decay,
/// the one the scheduler uses).
#[must_use]
pub fn retrievability(stability: f32, days: f64) -> f64 {
    if !(stability.is_finite() && stability > 0.0) {
        return 0.0;
    }
    #[expect(clippy::cast_possible_truncation, reason = "days fit an f32 well enough")]
    let days = days.max(0.0) as f32;
    let state = fsrs::MemoryState {
        stability,
        difficulty: 5.0,
    };
    f64::from(fsrs::current_retrievability(
        state,
        days,
        fsrs::FSRS6_DEFAULT_DECAY,
    ))
}

/// Days from `earlier` to `later` (0 when `later` is not after it).
#[must_use]
pub(crate) fn days_between(earlier: u64, later: u64) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "seconds since 1970 fit an f64 exactly")]
    let secs = later.saturating_sub(earlier) as f64;
    #[expect(clippy::cast_precision_loss, reason = "a constant")]
    let day = DAY_SECS as f64;
    secs / day
}

fn len_f64<T>(items: &[T]) -> f64 {
    #[expect(clippy::cast_precision_loss, reason = "a handful of objectives")]
    let n = items.len().max(1) as f64;
    n
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::plan::exam_model::tests::embedded;
    use crate::plan::tests::{answer, question_in, state};

    const NOW: u64 = 1_800_000_000;

    fn model() -> (crate::course::Course, ExamModel) {
        let course = embedded();
        let model = ExamModel::new(&course, 0);
        (course, model)
    }

    #[test]
    fn an_unseen_objective_keeps_the_prior() {
        let (_, model) = model();
        let params = Params::default();
        let posteriors =
            objective_posteriors(&model, &History::default(), &Schedule::default(), NOW, &params);
        assert_eq!(posteriors.len(), model.objectives.len());
        for p in &posteriors {
            assert!(!p.seen());
            assert!((p.mean() - params.prior_mean).abs() < 1e-12);
            assert!((p.alpha + p.beta - params.prior_strength).abs() < 1e-12);
        }
    }

    #[test]
    fn right_answers_raise_wrong_ones_lower_and_old_ones_count_less() {
        let (course, model) = model();
        let params = Params::default();
        let q = question_in(&course, &model, 0);
        let history = |days_ago: u64, correct: bool| History {
            answers: (0..10)
                .map(|_| answer(NOW - days_ago * DAY_SECS, &q, correct))
                .collect(),
            ..History::default()
        };
        let fresh_right = objective_posteriors(&model, &history(0, true), &Schedule::default(), NOW, &params);
        let old_right = objective_posteriors(&model, &history(30, true), &Schedule::default(), NOW, &params);
        let fresh_wrong =
            objective_posteriors(&model, &history(0, false), &Schedule::default(), NOW, &params);
        assert!(fresh_right[0].mean() > old_right[0].mean());
        assert!(old_right[0].mean() > params.prior_mean);
        assert!(fresh_wrong[0].mean() < params.prior_mean);
        assert!(fresh_right[0].variance() < old_right[0].variance());
        assert_eq!(fresh_right[0].evidence.answers, 10);
        assert_eq!(fresh_right[0].evidence.right, 10);
        assert_eq!(fresh_right[0].evidence.last_answer_at, Some(NOW));
        // Other objectives are untouched.
        assert!(!fresh_right[1].seen());
    }

    #[test]
    fn answers_after_now_and_blanks_are_left_out() {
        let (course, model) = model();
        let q = question_in(&course, &model, 0);
        let mut blank = answer(NOW, &q, false);
        blank.chosen.clear();
        let history = History {
            answers: vec![answer(NOW + 10, &q, true), blank],
            ..History::default()
        };
        let p = objective_posteriors(&model, &history, &Schedule::default(), NOW, &Params::default());
        assert!(!p[0].seen());
    }

    #[test]
    fn forgetting_lowers_an_objective_through_retrievability() {
        let (course, model) = model();
        let q = question_in(&course, &model, 0);
        let mut schedule = Schedule::default();
        schedule
            .items
            .insert(ItemKey::Question(q), state(3.0, NOW - 2 * DAY_SECS));
        let params = Params::default();
        let soon = objective_posteriors(&model, &History::default(), &schedule, NOW, &params);
        let later = objective_posteriors(
            &model,
            &History::default(),
            &schedule,
            NOW + 30 * DAY_SECS,
            &params,
        );
        assert!(soon[0].seen());
        assert_eq!(soon[0].evidence.items, 1);
        assert!(soon[0].evidence.mean_retrievability > later[0].evidence.mean_retrievability);
        assert!(soon[0].mean() > later[0].mean());
    }

    #[test]
    fn evidence_is_capped() {
        let (course, model) = model();
        let q = question_in(&course, &model, 0);
        let history = History {
            answers: (0..500).map(|_| answer(NOW, &q, true)).collect(),
            ..History::default()
        };
        let params = Params::default();
        let p = objective_posteriors(&model, &history, &Schedule::default(), NOW, &params);
        assert!((p[0].alpha + p[0].beta - params.max_strength).abs() < 1e-9);
        assert!(p[0].mean() > 0.9);
    }

    #[test]
    fn retrievability_falls_with_time_and_is_0_9_after_one_stability() {
        assert!((retrievability(10.0, 0.0) - 1.0).abs() < 1e-6);
        assert!((retrievability(10.0, 10.0) - 0.9).abs() < 1e-3);
        assert!(retrievability(10.0, 30.0) < retrievability(10.0, 20.0));
        assert!((retrievability(f32::NAN, 1.0)).abs() < f64::EPSILON);
    }
}
