//! Local days: "today", reviews per day, the due forecast, accuracy per day and the new-card cap
//! follow the learner's time zone, not UTC. The learner here is in Los Angeles, eight hours
//! behind UTC in November, so their evening is the next day in UTC. The zone is set on the
//! clock (`Clock::with_time_zone`), never through the process's `TZ`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use stagecraft::progress::Clock;
use stagecraft::progress::clock::{DAY_SECS, Date, Zone};
use stagecraft::quiz::schedule::{ItemState, ReviewRecord};
use stagecraft::quiz::stats::{domain_accuracy_by_day, reviews_per_day};
use stagecraft::quiz::{AnswerRecord, Grade, History, ItemKey, Schedule, SessionKind};

use crate::common::{app_harness_with_clock, saved, valid_pack};

const LOS_ANGELES: &str = "America/Los_Angeles";

/// 2026-11-26 00:00 in Los Angeles: 08:00 UTC.
const LA_MIDNIGHT: u64 = 1_795_651_200 + 8 * 3600;

/// Unix time of `hour:minute` on 2026-11-26 in Los Angeles; hours past 23 run into the next day.
fn la(hour: u64, minute: u64) -> u64 {
    LA_MIDNIGHT + hour * 3600 + minute * 60
}

fn los_angeles() -> Zone {
    Zone::named(LOS_ANGELES).expect("the system time zone database (tzdata) knows America/Los_Angeles")
}

fn card(id: &str) -> ItemKey {
    ItemKey::Card(id.to_owned())
}

fn review(at_unix_secs: u64, item: ItemKey) -> ReviewRecord {
    ReviewRecord {
        at_unix_secs,
        item,
        grade: Grade::Good,
    }
}

fn due_at(due_unix_secs: u64) -> ItemState {
    ItemState {
        stability: 3.0,
        difficulty: 5.0,
        due_unix_secs,
        last_review_unix_secs: la(8, 0),
        reps: 1,
        lapses: 0,
    }
}

#[test]
fn at_five_pm_in_los_angeles_today_is_still_their_date() {
    let now = la(17, 0);
    assert_eq!(
        Date::from_unix_secs(now).to_string(),
        "2026-11-27",
        "UTC has moved on"
    );
    let clock = Clock::manual(now).with_time_zone(LOS_ANGELES).unwrap();
    assert_eq!(clock.today().to_string(), "2026-11-26");
    assert_eq!(clock.display_time(now), "2026-11-26 17:00");
    let zone = clock.zone();

    // This morning's review is today's, not yesterday's.
    let schedule = Schedule {
        items: [
            // Due tonight, and tomorrow morning.
            (card("tonight"), due_at(la(20, 0))),
            (card("tomorrow"), due_at(la(24 + 10, 0))),
        ]
        .into_iter()
        .collect(),
        reviews: vec![review(la(9, 0), card("tonight"))],
        ..Schedule::default()
    };
    assert_eq!(reviews_per_day(&schedule, now, 2, &zone), [0, 1]);
    assert_eq!(schedule.forecast(now, 3, &zone), [1, 1, 0]);
    // The card started this morning still counts against today's new cards.
    assert_eq!(schedule.cards_started_on_day_of(now, &zone), 1);
}

#[test]
fn reviews_at_half_past_eleven_and_half_past_midnight_fall_on_two_days() {
    let zone = los_angeles();
    let (late, early) = (la(23, 30), la(24, 30));
    let now = la(24 + 12, 0);
    let schedule = Schedule {
        reviews: vec![review(late, card("c1")), review(early, card("c2"))],
        ..Schedule::default()
    };
    assert_eq!(reviews_per_day(&schedule, now, 2, &zone), [1, 1]);
    assert_eq!(
        reviews_per_day(&schedule, now, 2, &Zone::UTC),
        [0, 2],
        "one UTC day"
    );

    // The accuracy plot has a point for each of the two days.
    let course = stagecraft::course::load(&valid_pack()).course.unwrap();
    let answer = |at_unix_secs: u64, correct: bool| AnswerRecord {
        at_unix_secs,
        session: 1,
        kind: SessionKind::Practice,
        question: "q-single".to_owned(),
        chosen: vec![usize::from(!correct)],
        correct,
        flagged: false,
        elapsed_secs: 20.0,
    };
    let history = History {
        answers: vec![answer(late, true), answer(early, false)],
        ..History::default()
    };
    let day = zone.day_of(late);
    assert_eq!(Date::from_day(day).to_string(), "2026-11-26");
    assert_eq!(
        domain_accuracy_by_day(&course, 0, &history, 0, &zone),
        [(day, 100.0), (day + 1, 0.0)]
    );
}

#[test]
fn a_new_card_failed_and_regraded_today_takes_one_place() {
    let zone = los_angeles();
    let mut schedule = Schedule::default();
    // c1: new this morning, forgotten, then graded again.
    schedule.review(card("c1"), Grade::Again, la(9, 0), 0.9).unwrap();
    schedule.review(card("c1"), Grade::Good, la(9, 15), 0.9).unwrap();
    // c2: started yesterday, reviewed again today: not new today.
    schedule
        .review(card("c2"), Grade::Good, la(9, 0) - DAY_SECS, 0.9)
        .unwrap();
    schedule.review(card("c2"), Grade::Good, la(10, 0), 0.9).unwrap();
    // c3: new this afternoon. A question is never a new card.
    schedule.review(card("c3"), Grade::Good, la(15, 0), 0.9).unwrap();
    schedule
        .review(ItemKey::Question("q1".to_owned()), Grade::Good, la(15, 5), 0.9)
        .unwrap();
    assert_eq!(schedule.cards_started_on_day_of(la(17, 0), &zone), 2);
    assert_eq!(
        schedule.cards_started_on_day_of(la(24 + 9, 0), &zone),
        0,
        "a new day"
    );
}

/// The "Review: …" button of the top bar.
fn review_button(harness: &egui_kittest::Harness<'static, stagecraft::StudyApp>) -> String {
    let node = harness.get_by_label_contains("Review: ");
    node.accesskit_node().label().unwrap_or_default()
}

/// Shows the answer of the card on screen and grades it.
fn grade_shown_card(harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>, button: &str) {
    harness.get_by_label("Show answer").click();
    harness.run_steps(2);
    harness.get_by_label_contains(button).click();
    harness.run_steps(2);
}

#[test]
fn the_real_app_keeps_todays_new_card_cap_past_a_failed_card_and_utc_midnight() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::write_settings(
        dir.path(),
        stagecraft::progress::Settings {
            new_cards_per_day: 2,
            ..stagecraft::progress::Settings::default()
        },
    );
    let clock = Clock::manual(la(9, 0)).with_time_zone(LOS_ANGELES).unwrap();
    let mut harness = app_harness_with_clock(dir.path(), clock.clone());
    assert_eq!(review_button(&harness), "Review: 2 new");

    // The first new card is forgotten, comes back at the end of the session, and is passed.
    harness.get_by_label("Quiz").click();
    harness.run_steps(2);
    harness.get_by_label("Review now").click();
    harness.run_steps(2);
    grade_shown_card(&mut harness, "1 Again · ");
    grade_shown_card(&mut harness, "3 Good · ");
    grade_shown_card(&mut harness, "3 Good · ");
    let schedule: Schedule = saved(dir.path(), "schedule.ron");
    assert_eq!(schedule.reviews.len(), 3);
    assert_eq!(schedule.items.values().map(|s| s.reps).max(), Some(2));

    // Both of today's places are taken, in the morning and at 17:00 (01:00 UTC tomorrow).
    for later in [la(9, 30), la(17, 0)] {
        clock.advance_secs(later - clock.now_unix_secs());
        harness.run_steps(2);
        let label = review_button(&harness);
        assert!(
            !label.contains("new"),
            "at {}: {label}",
            clock.display_time(later)
        );
    }
    // The learner's next morning brings new cards again.
    clock.advance_secs(la(24 + 8, 0) - clock.now_unix_secs());
    harness.run_steps(2);
    assert!(
        review_button(&harness).ends_with("2 new"),
        "{}",
        review_button(&harness)
    );
}
