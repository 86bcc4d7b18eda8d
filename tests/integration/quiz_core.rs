//! Quiz logic on the built-in course and on generated packs: exam draws follow the blueprint's
//! weights, scoring counts right, blank and per-domain answers.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common;

use rand::SeedableRng;
use rand::rngs::StdRng;
use stagecraft::course::{self, Course, PackSource};
use stagecraft::quiz::draw::draw_exam;
use stagecraft::quiz::{ItemKey, Session, SessionKind, score};

fn embedded() -> Course {
    course::load(&PackSource::embedded()).course.unwrap()
}

fn domain_counts(course: &Course, blueprint: usize, ids: &[String]) -> Vec<usize> {
    let mut counts = vec![0; course.blueprints[blueprint].domains.len()];
    for id in ids {
        let question = course.question(id).unwrap();
        counts[course.question_domain(question, blueprint).unwrap()] += 1;
    }
    counts
}

fn assert_within_one_of_weights(course: &Course, blueprint: usize, ids: &[String], seed: u64) {
    let total = ids.len() as f64;
    for (domain, n) in course.blueprints[blueprint]
        .domains
        .iter()
        .zip(domain_counts(course, blueprint, ids))
    {
        let expected = total * f64::from(domain.weight_percent) / 100.0;
        assert!(
            (n as f64 - expected).abs() < 1.0,
            "seed {seed}: domain {} got {n}, weight says {expected:.2}",
            domain.id
        );
    }
}

#[test]
fn exam_draws_follow_both_blueprints_weights_over_many_seeds() {
    let course = embedded();
    for blueprint in 0..course.blueprints.len() {
        for seed in 0..200 {
            let ids = draw_exam(
                &course,
                blueprint,
                75,
                &std::collections::BTreeSet::new(),
                &mut StdRng::seed_from_u64(seed),
            );
            assert_eq!(ids.len(), 75);
            let mut unique = ids.clone();
            unique.sort();
            unique.dedup();
            assert_eq!(unique.len(), 75, "no question twice");
            assert_within_one_of_weights(&course, blueprint, &ids, seed);
        }
    }
}

#[test]
fn exam_draws_differ_between_seeds() {
    let course = embedded();
    let a = draw_exam(
        &course,
        0,
        75,
        &std::collections::BTreeSet::new(),
        &mut StdRng::seed_from_u64(1),
    );
    let b = draw_exam(
        &course,
        0,
        75,
        &std::collections::BTreeSet::new(),
        &mut StdRng::seed_from_u64(2),
    );
    assert_ne!(a, b);
}

#[test]
fn a_generated_pack_with_uneven_weights_is_drawn_by_weight() {
    let pack = common::generated_pack(&[(50, 120), (30, 120), (15, 120), (5, 120)], 0);
    let course = course::load(&pack).course.unwrap();
    for seed in 0..100 {
        let ids = draw_exam(
            &course,
            0,
            75,
            &std::collections::BTreeSet::new(),
            &mut StdRng::seed_from_u64(seed),
        );
        assert_within_one_of_weights(&course, 0, &ids, seed);
    }
}

#[test]
fn a_thin_domain_gives_all_it_has_and_the_rest_fill_the_exam() {
    let pack = common::generated_pack(&[(50, 6), (50, 200)], 0);
    let course = course::load(&pack).course.unwrap();
    let ids = draw_exam(
        &course,
        0,
        75,
        &std::collections::BTreeSet::new(),
        &mut StdRng::seed_from_u64(7),
    );
    assert_eq!(ids.len(), 75);
    assert_eq!(domain_counts(&course, 0, &ids), [6, 69]);
}

#[test]
fn a_pack_smaller_than_an_exam_gives_every_question() {
    let pack = common::generated_pack(&[(60, 10), (40, 5)], 0);
    let course = course::load(&pack).course.unwrap();
    assert_eq!(
        draw_exam(
            &course,
            0,
            75,
            &std::collections::BTreeSet::new(),
            &mut StdRng::seed_from_u64(1)
        )
        .len(),
        15
    );
}

#[test]
fn scoring_counts_right_wrong_blank_and_domains() {
    let pack = common::generated_pack(&[(60, 5), (40, 5)], 0);
    let course = course::load(&pack).course.unwrap();
    let items: Vec<ItemKey> = ["g0-0", "g0-1", "g1-0", "g1-1"]
        .iter()
        .map(|id| ItemKey::Question((*id).to_owned()))
        .collect();
    let mut session = Session::new(SessionKind::Exam, "gen", "test".to_owned(), items, 0, 0);
    session.responses[0].chosen = vec![0]; // right
    session.responses[1].chosen = vec![2]; // wrong
    session.responses[2].chosen = vec![0]; // right
    // item 3 blank
    let result = score(&course, 0, &session);
    assert_eq!((result.correct, result.total, result.blank), (2, 4, 1));
    assert_eq!((result.per_domain[0].correct, result.per_domain[0].total), (1, 2));
    assert_eq!((result.per_domain[1].correct, result.per_domain[1].total), (1, 2));
    assert_eq!(
        result.scaled,
        stagecraft::quiz::scoring::estimated_scaled_score(0.5)
    );
    assert!(!result.passed);
}

#[test]
fn a_multiple_response_answer_is_right_only_with_exactly_the_correct_set() {
    let course = embedded();
    let question = course
        .questions
        .iter()
        .find(|q| matches!(q.kind, course::QuestionKind::Multiple { .. }))
        .unwrap();
    let correct = question.correct_indices();
    assert!(stagecraft::quiz::is_correct(question, &correct));
    let mut reversed = correct.clone();
    reversed.reverse();
    assert!(
        stagecraft::quiz::is_correct(question, &reversed),
        "order does not matter"
    );
    assert!(!stagecraft::quiz::is_correct(question, &correct[..1]));
    let wrong = (0..question.options.len())
        .find(|i| !correct.contains(i))
        .unwrap();
    let mut with_extra = correct.clone();
    with_extra.push(wrong);
    assert!(!stagecraft::quiz::is_correct(question, &with_extra));
}
