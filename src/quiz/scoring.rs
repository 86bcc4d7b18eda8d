//! Scoring: whether an answer is right, and an exam's result — raw score, an estimated scaled
//! score and a per-domain table.
//!
//! AWS reports results on a scaled score of 100–1000 with 750 to pass, and does not publish how
//! raw answers map to it (the mapping is equated per exam form). Stagecraft's estimate is a
//! piecewise-linear map that puts 72% correct at 750: 0% → 100, 72% → 750, 100% → 1000. It is
//! only a rough guide, and the result screen says so.

use crate::course::{Course, Question};

use super::schedule::ItemKey;
use super::session::{Session, SessionKind};

/// The pass mark on the scaled score.
pub const PASS_SCALED: u32 = 750;
/// The share of correct answers the estimate maps to the pass mark.
pub const PASS_FRACTION: f64 = 0.72;

/// Whether the chosen options are exactly the correct ones.
#[must_use]
pub fn is_correct(question: &Question, chosen: &[usize]) -> bool {
    let mut chosen: Vec<usize> = chosen.to_vec();
    chosen.sort_unstable();
    chosen.dedup();
    chosen == question.correct_indices()
}

/// The estimated scaled score (100–1000) for a fraction of correct answers.
#[must_use]
pub fn estimated_scaled_score(fraction_correct: f64) -> u32 {
    let f = fraction_correct.clamp(0.0, 1.0);
    let scaled = if f <= PASS_FRACTION {
        100.0 + (f64::from(PASS_SCALED) - 100.0) * f / PASS_FRACTION
    } else {
        f64::from(PASS_SCALED)
            + (1000.0 - f64::from(PASS_SCALED)) * (f - PASS_FRACTION) / (1.0 - PASS_FRACTION)
    };
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to 100..=1000"
    )]
    let rounded = scaled.round().clamp(100.0, 1000.0) as u32;
    rounded
}

/// Right and total answers for one domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainScore {
    /// Domain index in the blueprint.
    pub domain: usize,
    pub correct: usize,
    pub total: usize,
}

/// A session's result. An exam scores every question it drew, a blank counting as wrong (as on
/// the real exam); a practice or review scores only the questions answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionResult {
    pub correct: usize,
    /// Questions scored: all of an exam's, the answered ones of a practice or review.
    pub total: usize,
    /// Questions answered.
    pub answered: usize,
    /// Questions in the session.
    pub questions: usize,
    pub blank: usize,
    pub scaled: u32,
    pub passed: bool,
    pub per_domain: Vec<DomainScore>,
}

impl SessionResult {
    /// Share of the scored questions answered correctly, 0–100.
    #[must_use]
    pub fn percent(&self) -> f64 {
        crate::course::check::percent_of(self.correct, self.total)
    }
}

/// Scores a session's questions (recall cards are not scored) against blueprint `blueprint`.
#[must_use]
pub fn score(course: &Course, blueprint: usize, session: &Session) -> SessionResult {
    let is_exam = session.kind == SessionKind::Exam;
    let domains = course.blueprints.get(blueprint).map_or(0, |b| b.domains.len());
    let mut per_domain: Vec<DomainScore> = (0..domains)
        .map(|domain| DomainScore {
            domain,
            correct: 0,
            total: 0,
        })
        .collect();
    let (mut correct, mut total, mut answered, mut questions, mut blank) = (0, 0, 0, 0, 0);
    for (item, response) in session.items.iter().zip(&session.responses) {
        let ItemKey::Question(id) = item else { continue };
        let Some(question) = course.question(id) else {
            continue;
        };
        questions += 1;
        let given = if is_exam {
            !response.chosen.is_empty()
        } else {
            response.submitted
        };
        if given {
            answered += 1;
        } else {
            blank += 1;
            if !is_exam {
                continue;
            }
        }
        total += 1;
        let right = given && is_correct(question, &response.chosen);
        if right {
            correct += 1;
        }
        if let Some(d) = course.question_domain(question, blueprint) {
            per_domain[d].total += 1;
            per_domain[d].correct += usize::from(right);
        }
    }
    let fraction = if total == 0 {
        0.0
    } else {
        crate::course::check::percent_of(correct, total) / 100.0
    };
    let scaled = estimated_scaled_score(fraction);
    SessionResult {
        correct,
        total,
        answered,
        questions,
        blank,
        scaled,
        passed: scaled >= PASS_SCALED,
        per_domain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_is_anchored_at_both_ends_and_the_pass_mark() {
        assert_eq!(estimated_scaled_score(0.0), 100);
        assert_eq!(estimated_scaled_score(PASS_FRACTION), 750);
        assert_eq!(estimated_scaled_score(1.0), 1000);
        assert!(estimated_scaled_score(0.71) < 750);
        assert!(estimated_scaled_score(0.73) > 750);
        let mut last = 0;
        for i in 0..=100 {
            let s = estimated_scaled_score(f64::from(i) / 100.0);
            assert!(s >= last);
            last = s;
        }
    }
}
