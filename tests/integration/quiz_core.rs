//! Quiz logic on the built-in course and on generated packs: exam draws follow the blueprint's
//! weights, scoring counts right, blank and per-domain answers.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common;

use std::ops::RangeInclusive;

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

/// What 75 questions come to under the published domain weights, within one question: DOP-C02
/// weighs its six domains 22, 17, 15, 15, 14 and 17 percent, DOP-C01 22, 19, 15, 10, 18 and 16
/// (the exam guides). 22% of 75 is 16.5, so 16 or 17; 16% of 75 is exactly 12.
const DOP_C02_COUNTS: [RangeInclusive<usize>; 6] = [16..=17, 12..=13, 11..=12, 11..=12, 10..=11, 12..=13];
const DOP_C01_COUNTS: [RangeInclusive<usize>; 6] = [16..=17, 14..=15, 11..=12, 7..=8, 13..=14, 12..=12];

fn assert_counts(
    course: &Course,
    blueprint: usize,
    ids: &[String],
    expected: &[RangeInclusive<usize>],
    seed: u64,
) {
    let counts = domain_counts(course, blueprint, ids);
    assert_eq!(counts.len(), expected.len());
    for (domain, (n, range)) in counts.iter().zip(expected).enumerate() {
        assert!(
            range.contains(n),
            "seed {seed}: domain {} got {n}, expected {range:?} ({counts:?})",
            domain + 1
        );
    }
}

#[test]
fn exam_draws_follow_both_blueprints_weights_over_many_seeds() {
    let course = embedded();
    let blueprints: Vec<&str> = course.blueprints.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(blueprints, ["dop-c02", "dop-c01"]);
    for (blueprint, expected) in [DOP_C02_COUNTS, DOP_C01_COUNTS].iter().enumerate() {
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
            assert_counts(&course, blueprint, &ids, expected, seed);
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
        // 37.5, 22.5, 11.25 and 3.75 of 75.
        assert_counts(&course, 0, &ids, &[37..=38, 22..=23, 11..=12, 3..=4], seed);
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
    // 50% correct, below the 72% that maps to 750: 100 + 650 × 0.5 / 0.72 = 551.4.
    assert_eq!(result.scaled, 551);
    assert!(!result.passed);
}

#[test]
fn a_multiple_response_answer_is_right_only_with_exactly_the_correct_set() {
    // "Which two watch metrics?": CloudWatch (A) and X-Ray (B) are right, S3, IAM and KMS not.
    let course = course::load(&common::valid_pack()).course.unwrap();
    let question = course.question("q-multi").unwrap();
    assert!(stagecraft::quiz::is_correct(question, &[0, 1]));
    assert!(
        stagecraft::quiz::is_correct(question, &[1, 0]),
        "order does not matter"
    );
    assert!(!stagecraft::quiz::is_correct(question, &[0]));
    assert!(!stagecraft::quiz::is_correct(question, &[1]));
    assert!(!stagecraft::quiz::is_correct(question, &[0, 2]));
    assert!(!stagecraft::quiz::is_correct(question, &[0, 1, 2]));
    assert!(!stagecraft::quiz::is_correct(question, &[]));
}
