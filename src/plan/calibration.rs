//! Checks the pass estimate against synthetic learners ([`simulate_learners`](super::simulate_learners)):
//! each learner studies, the estimate is taken the moment before their exam, and they sit it.
//! Reports how far the expected percentage is from the result and how often the result falls
//! inside the 80% interval. `cargo bench --bench readiness_calibration` prints the figures;
//! a test on a fixed seed keeps the coverage between 70% and 90%.

use rand::SeedableRng;
use rand::rngs::StdRng;

use crate::course::Course;

use super::estimate::{Readiness, readiness_with};
use super::evidence::Params;
use super::exam_model::ExamModel;
use super::simulate_learners::{Bank, simulate_learner, sit_exam, true_expected_percent};

/// The day the synthetic learners start (2026-11-26, midnight UTC).
const START: u64 = 1_795_651_200;

/// What a calibration run found.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CalibrationReport {
    /// Learners simulated.
    pub learners: usize,
    /// Of those, how many had enough answers for an estimate (the figures below are theirs).
    pub estimated: usize,
    /// Mean |expected − actual exam percentage|, in points.
    pub mean_absolute_error: f64,
    /// Mean |expected − the learner's true expected percentage| (the error without the luck of
    /// the draw), in points.
    pub mean_absolute_error_to_truth: f64,
    /// Share of exams whose percentage fell inside the 80% interval, 0–1.
    pub coverage: f64,
    /// Share below the interval (the rest of the misses are above it).
    pub below: f64,
    /// Mean width of the interval, in points.
    pub mean_interval_width: f64,
    /// Mean expected and mean actual percentage.
    pub mean_expected: f64,
    pub mean_actual: f64,
    /// Exams passed, and the sum of the predicted pass chances.
    pub passed: usize,
    pub expected_passes: f64,
    /// Brier score of the pass chance (0 is perfect; 0.25 is a coin).
    pub pass_brier: f64,
    /// Mean answers per estimated learner.
    pub mean_answers: f64,
    /// Coverage and count of learners whose exam is at least a quarter objectives they never
    /// practised.
    pub coverage_patchy: f64,
    pub patchy: usize,
    /// Coverage and count of learners who sat the exam a week or more after their last study.
    pub coverage_late: f64,
    pub late: usize,
    /// Coverage and count of learners with fewer than 200 answers.
    pub coverage_early: f64,
    pub early: usize,
}

/// Simulates `learners` learners from `seed` on blueprint `blueprint` and scores the estimate
/// made with `params`. Each learner draws from a generator seeded with `seed` and their number,
/// so a run is the same on every machine.
#[must_use]
pub fn calibrate(
    course: &Course,
    blueprint: usize,
    learners: usize,
    seed: u64,
    params: &Params,
) -> CalibrationReport {
    let model = ExamModel::new(course, blueprint);
    let bank = Bank::new(course, &model);
    let mut report = CalibrationReport {
        learners,
        ..CalibrationReport::default()
    };
    let (mut abs, mut abs_truth, mut inside, mut below, mut width) = (0.0, 0.0, 0, 0, 0.0);
    let (mut expected_sum, mut actual_sum, mut brier, mut answers) = (0.0, 0.0, 0.0, 0);
    let (mut patchy_inside, mut late_inside, mut early_inside) = (0, 0, 0);
    let pass_mark = 100.0 * crate::quiz::scoring::PASS_FRACTION;
    for n in 0..learners {
        let mut rng = StdRng::seed_from_u64(seed.wrapping_mul(1_000_003).wrapping_add(n as u64));
        let learner = simulate_learner(&model, &bank, &mut rng, START);
        let readiness = readiness_with(
            &model,
            &learner.history,
            &learner.schedule,
            learner.exam_at,
            params,
        );
        let actual = sit_exam(course, &model, &learner, &mut rng);
        let Readiness::Estimate(estimate) = readiness else {
            continue;
        };
        report.estimated += 1;
        let hit = estimate.low <= actual && actual <= estimate.high;
        if estimate.unseen_percent >= 25.0 {
            report.patchy += 1;
            patchy_inside += usize::from(hit);
        }
        if estimate.answers < 200 {
            report.early += 1;
            early_inside += usize::from(hit);
        }
        if learner.habits.exam_gap_days >= 7 {
            report.late += 1;
            late_inside += usize::from(hit);
        }
        abs += (estimate.expected_percent - actual).abs();
        abs_truth += (estimate.expected_percent - true_expected_percent(&model, &learner)).abs();
        if hit {
            inside += 1;
        } else if actual < estimate.low {
            below += 1;
        }
        width += estimate.high - estimate.low;
        expected_sum += estimate.expected_percent;
        actual_sum += actual;
        let passed = actual >= pass_mark - 1e-9;
        report.passed += usize::from(passed);
        report.expected_passes += estimate.pass_probability;
        brier += (estimate.pass_probability - f64::from(u8::from(passed))).powi(2);
        answers += estimate.answers;
    }
    if report.estimated > 0 {
        #[expect(clippy::cast_precision_loss, reason = "learner counts are small")]
        let n = report.estimated as f64;
        report.mean_absolute_error = abs / n;
        report.mean_absolute_error_to_truth = abs_truth / n;
        #[expect(clippy::cast_precision_loss, reason = "learner counts are small")]
        let (inside, below, answers) = (inside as f64, below as f64, answers as f64);
        report.coverage = inside / n;
        report.below = below / n;
        report.mean_interval_width = width / n;
        report.mean_expected = expected_sum / n;
        report.mean_actual = actual_sum / n;
        report.pass_brier = brier / n;
        report.mean_answers = answers / n;
        report.coverage_patchy = share(patchy_inside, report.patchy);
        report.coverage_late = share(late_inside, report.late);
        report.coverage_early = share(early_inside, report.early);
    }
    report
}

fn share(part: usize, whole: usize) -> f64 {
    crate::course::check::percent_of(part, whole) / 100.0
}

impl std::fmt::Display for CalibrationReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} learners, {} with an estimate (mean {:.0} answers): MAE {:.2} points (to the true mean {:.2}), \
             80% interval coverage {:.1}% ({:.1}% below, {:.1}% above), mean width {:.1} points; \
             mean expected {:.1}%, mean actual {:.1}%; passed {} vs {:.1} expected, Brier {:.3}; \
             coverage {:.1}% for the {} with a quarter of the exam unpractised, {:.1}% for the {} \
             who sat it a week or more after studying, {:.1}% for the {} with fewer than 200 answers",
            self.learners,
            self.estimated,
            self.mean_answers,
            self.mean_absolute_error,
            self.mean_absolute_error_to_truth,
            self.coverage * 100.0,
            self.below * 100.0,
            (1.0 - self.coverage - self.below) * 100.0,
            self.mean_interval_width,
            self.mean_expected,
            self.mean_actual,
            self.passed,
            self.expected_passes,
            self.pass_brier,
            self.coverage_patchy * 100.0,
            self.patchy,
            self.coverage_late * 100.0,
            self.late,
            self.coverage_early * 100.0,
            self.early
        )
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::plan::exam_model::tests::embedded;

    #[test]
    fn a_run_is_the_same_for_the_same_seed_and_its_figures_are_sane() {
        let course = embedded();
        let params = Params::default();
        let first = calibrate(&course, 0, 12, 3, &params);
        assert_eq!(first, calibrate(&course, 0, 12, 3, &params));
        assert_ne!(first, calibrate(&course, 0, 12, 4, &params));
        assert_eq!(first.learners, 12);
        assert!(first.estimated > 0 && first.estimated <= 12);
        assert!((0.0..=1.0).contains(&first.coverage));
        assert!(first.coverage + first.below <= 1.0 + 1e-12);
        assert!(first.mean_absolute_error > 0.0 && first.mean_interval_width > 0.0);
        assert!(first.passed <= first.estimated);
        assert!(first.to_string().starts_with("12 learners"));
    }
}
