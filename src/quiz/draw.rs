//! Drawing questions: a shuffled sample for practice, and for the exam simulation a sample whose
//! domain counts follow the blueprint's weights (largest-remainder rounding).

use std::collections::BTreeSet;

use rand::Rng;
use rand::seq::SliceRandom;

use crate::course::Course;

/// How many questions each domain gets out of `total`, proportional to the weights and each
/// within one question of `total × weight / sum` (largest remainder; ties go to the earlier
/// domain).
#[must_use]
pub fn weighted_counts(weights: &[u32], total: usize) -> Vec<usize> {
    let sum: u64 = weights.iter().map(|&w| u64::from(w)).sum();
    if sum == 0 || weights.is_empty() {
        return vec![0; weights.len()];
    }
    let total_u64 = total as u64;
    let mut counts: Vec<usize> = Vec::with_capacity(weights.len());
    let mut remainders: Vec<(u64, usize)> = Vec::with_capacity(weights.len());
    for (i, &w) in weights.iter().enumerate() {
        let exact = total_u64 * u64::from(w);
        counts.push(usize::try_from(exact / sum).unwrap_or(0));
        remainders.push((exact % sum, i));
    }
    let assigned: usize = counts.iter().sum();
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().take(total.saturating_sub(assigned)) {
        counts[i] += 1;
    }
    counts
}

/// Draws `total` question ids for an exam on blueprint `blueprint`, per domain by weight.
/// Within each domain, questions not in `recent` (those of the learner's recent exams) come
/// first, while the bank allows. A domain with too few questions gives all it has, and the
/// shortfall is drawn from the rest.
pub fn draw_exam(
    course: &Course,
    blueprint: usize,
    total: usize,
    recent: &BTreeSet<String>,
    rng: &mut impl Rng,
) -> Vec<String> {
    let Some(bp) = course.blueprints.get(blueprint) else {
        return Vec::new();
    };
    let weights: Vec<u32> = bp.domains.iter().map(|d| d.weight_percent).collect();
    let targets = weighted_counts(&weights, total);
    let mut pools: Vec<Vec<&str>> = vec![Vec::new(); bp.domains.len()];
    for question in &course.questions {
        if let Some(d) = course.question_domain(question, blueprint) {
            pools[d].push(question.id.as_str());
        }
    }
    let mut chosen: Vec<String> = Vec::with_capacity(total);
    let mut leftovers: Vec<&str> = Vec::new();
    let unseen_first = |pool: &mut Vec<&str>, rng: &mut _| {
        pool.shuffle(rng);
        // A stable sort keeps the shuffle's order within the unseen and the seen.
        pool.sort_by_key(|id| recent.contains(*id));
    };
    for (pool, target) in pools.iter_mut().zip(targets) {
        unseen_first(pool, rng);
        let take = target.min(pool.len());
        chosen.extend(pool[..take].iter().map(|s| (*s).to_owned()));
        leftovers.extend_from_slice(&pool[take..]);
    }
    unseen_first(&mut leftovers, rng);
    let missing = total.saturating_sub(chosen.len());
    chosen.extend(leftovers.into_iter().take(missing).map(str::to_owned));
    chosen.shuffle(rng);
    chosen
}

/// Draws up to `count` ids from `pool` in random order.
pub fn draw_practice(pool: &[String], count: usize, rng: &mut impl Rng) -> Vec<String> {
    let mut ids = pool.to_vec();
    ids.shuffle(rng);
    ids.truncate(count);
    ids
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_weights_within_one() {
        let weights = [22, 19, 15, 10, 18, 16];
        let counts = weighted_counts(&weights, 75);
        assert_eq!(counts.iter().sum::<usize>(), 75);
        for (w, c) in weights.iter().zip(&counts) {
            let exact = 75.0 * f64::from(*w) / 100.0;
            assert!((exact - *c as f64).abs() < 1.0, "{w}% gave {c}");
        }
    }

    #[test]
    fn exams_draw_questions_not_seen_recently_first() {
        let course = crate::course::load(&crate::course::PackSource::embedded())
            .course
            .unwrap();
        let mut rng = rand::rng();
        let first: BTreeSet<String> = draw_exam(&course, 0, 75, &BTreeSet::new(), &mut rng)
            .into_iter()
            .collect();
        assert_eq!(first.len(), 75);
        let second = draw_exam(&course, 0, 75, &first, &mut rng);
        let repeats = second.iter().filter(|id| first.contains(*id)).count();
        // Each domain has more than twice its share of questions, so nothing repeats.
        assert_eq!(repeats, 0, "{repeats} questions of the last exam drawn again");
    }

    #[test]
    fn counts_handle_zero_and_uneven_totals() {
        assert_eq!(weighted_counts(&[50, 50], 0), [0, 0]);
        assert_eq!(weighted_counts(&[1, 1, 1], 2).iter().sum::<usize>(), 2);
        assert!(weighted_counts(&[], 5).is_empty());
    }
}
