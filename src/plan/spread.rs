//! The arithmetic of the estimate: the mean and spread of a weighted mix of objectives, the
//! 80% interval, and the normal distribution function.

use super::evidence::{ObjectivePosterior, Params};

/// z of the normal distribution's 90th percentile: an 80% interval is mean ± z·sd.
const Z_80: f64 = 1.281_551_565_544_600_4;

/// Mean and spread of a mix of objectives, as fractions (0–1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub mean: f64,
    /// Standard deviation from what is unknown about the learner.
    pub knowledge_sd: f64,
}

/// The mean and knowledge spread of a weighted mix of objectives: practised objectives' errors
/// correlate by [`Params::seen_correlation`]; unseen ones all share the prior's error.
#[must_use]
pub fn mix_spread(posteriors: &[ObjectivePosterior], weights: &[(usize, f64)], params: &Params) -> Spread {
    let total: f64 = weights.iter().map(|(_, w)| w).sum();
    if total <= 0.0 {
        return Spread {
            mean: params.prior_mean,
            knowledge_sd: 0.0,
        };
    }
    let (mut mean, mut seen_sq, mut seen_lin, mut unseen_lin) = (0.0, 0.0, 0.0, 0.0);
    for &(i, w) in weights {
        let w = w / total;
        let p = &posteriors[i];
        let sd = p.variance().sqrt();
        mean += w * p.mean();
        if p.seen() {
            seen_sq += w * w * sd * sd;
            seen_lin += w * sd;
        } else {
            unseen_lin += w * sd;
        }
    }
    let rho = params.seen_correlation.clamp(0.0, 1.0);
    let variance = (1.0 - rho) * seen_sq + rho * seen_lin * seen_lin + unseen_lin * unseen_lin;
    Spread {
        mean,
        knowledge_sd: variance.max(0.0).sqrt(),
    }
}

/// The 80% interval of a fraction with this mean and spread, in percent, within 0–100.
pub(crate) fn interval(mean: f64, sd: f64) -> (f64, f64) {
    (
        ((mean - Z_80 * sd) * 100.0).clamp(0.0, 100.0),
        ((mean + Z_80 * sd) * 100.0).clamp(0.0, 100.0),
    )
}

/// The standard normal distribution function (Abramowitz and Stegun 7.1.26; error below 2e-7).
#[must_use]
pub fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.327_591_1 * x.abs() / std::f64::consts::SQRT_2);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-(x * x) / 2.0).exp();
    if x >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::evidence::ObjectiveEvidence;

    fn posterior(alpha: f64, beta: f64, answers: usize) -> ObjectivePosterior {
        ObjectivePosterior {
            alpha,
            beta,
            evidence: ObjectiveEvidence {
                answers,
                ..ObjectiveEvidence::default()
            },
        }
    }

    #[test]
    fn unseen_objectives_add_up_their_spread_and_seen_ones_mostly_cancel() {
        let params = Params {
            seen_correlation: 0.0,
            ..Params::default()
        };
        let seen = [posterior(6.0, 4.0, 10), posterior(6.0, 4.0, 10)];
        let unseen = [posterior(6.0, 4.0, 0), posterior(6.0, 4.0, 0)];
        let halves = [(0, 1.0), (1, 1.0)];
        let one = mix_spread(&seen, &[(0, 1.0)], &params);
        let both_seen = mix_spread(&seen, &halves, &params);
        let both_unseen = mix_spread(&unseen, &halves, &params);
        assert!((one.mean - 0.6).abs() < 1e-12 && (both_seen.mean - 0.6).abs() < 1e-12);
        // Independent errors: the spread of the mean of two is the spread of one over √2.
        assert!((both_seen.knowledge_sd - one.knowledge_sd / 2.0_f64.sqrt()).abs() < 1e-12);
        // One shared unknown: no cancelling.
        assert!((both_unseen.knowledge_sd - one.knowledge_sd).abs() < 1e-12);
        // Correlation among the practised objectives sits in between.
        let correlated = mix_spread(
            &seen,
            &halves,
            &Params {
                seen_correlation: 0.5,
                ..params
            },
        );
        assert!(
            correlated.knowledge_sd > both_seen.knowledge_sd && correlated.knowledge_sd < one.knowledge_sd
        );
        // No weight: the prior, with no spread.
        let none = mix_spread(&seen, &[], &params);
        assert!((none.mean - params.prior_mean).abs() < 1e-12 && none.knowledge_sd == 0.0);
    }

    #[test]
    fn intervals_stay_within_0_and_100() {
        let (low, high) = interval(0.5, 0.1);
        assert!((low - (50.0 - 100.0 * Z_80 * 0.1)).abs() < 1e-9 && (high + low - 100.0).abs() < 1e-9);
        assert_eq!(interval(0.99, 0.2), (interval(0.99, 0.2).0, 100.0));
        assert_eq!(interval(0.01, 0.2).0, 0.0);
    }

    #[test]
    fn normal_cdf_matches_known_values() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(Z_80) - 0.9).abs() < 1e-6);
        assert!((normal_cdf(-1.959_964) - 0.025).abs() < 1e-6);
        assert!(normal_cdf(8.0) > 0.999_999);
    }
}
