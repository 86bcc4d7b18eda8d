//! kill -9 during a merge loses nothing. A data folder holds this device's version 1 files (to
//! migrate), another device's journal, and conflict copies of `history.ron`, `schedule.ron`,
//! `progress.ron` and of the other device's journal, each holding events found nowhere else.
//! The test runs itself as the child (`merge_child`), which starts the app's merge on a fresh
//! copy of that folder and is killed at a random moment of it, 300 times. After each kill:
//! a read-only look at the folder (files, journals and the copies still there) finds every
//! event, and every file and journal line still reads; a merge started afterwards ends with
//! every answer, review and mark exactly once and no copy left.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

use rand::{Rng, SeedableRng};
use stagecraft::progress::{Clock, DataFile, Progress, Store};
use stagecraft::quiz::schedule::ReviewRecord;
use stagecraft::quiz::{AnswerRecord, Grade, History, ItemKey, Schedule, SessionKind};
use stagecraft::sync::event::{Entry, Event, answer_id, review_id};
use stagecraft::sync::{Learner, journal, merged_view};

use crate::common;
use crate::sync_support::{Machine, START};

const CHILD_DIR_ENV: &str = "STAGECRAFT_SYNC_CRASH_DIR";
const ROUNDS: usize = 300;

fn answer(n: u64) -> AnswerRecord {
    AnswerRecord {
        at_unix_secs: START + n * 30,
        session: 1,
        kind: SessionKind::Practice,
        question: format!("q{}", n % 9),
        chosen: vec![usize::try_from(n % 4).unwrap()],
        correct: !n.is_multiple_of(3),
        flagged: false,
        elapsed_secs: 9.0,
    }
}

fn review(n: u64) -> ReviewRecord {
    ReviewRecord {
        at_unix_secs: START + n * 30 + 1,
        item: ItemKey::Card(format!("c{}", n % 7)),
        grade: Grade::ALL[usize::try_from(n % 4).unwrap()],
    }
}

fn history(range: std::ops::Range<u64>) -> History {
    History {
        answers: range.map(answer).collect(),
        ..History::default()
    }
}

fn schedule(range: std::ops::Range<u64>) -> Schedule {
    let mut schedule = Schedule::default();
    for n in range {
        let r = review(n);
        schedule.review(r.item, r.grade, r.at_unix_secs, 0.9).unwrap();
    }
    schedule
}

fn save_as<T: DataFile>(dir: &Path, name: &str, value: &T) {
    std::fs::write(dir.join(name), stagecraft::progress::to_ron(value).unwrap()).unwrap();
}

/// The folder before the merge, and the union it holds.
fn fixture(dir: &Path) -> (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>) {
    // This device's version 1 files: answers 0..40, reviews 0..20, two notes read.
    save_as(dir, History::NAME, &history(0..40));
    save_as(dir, Schedule::NAME, &schedule(0..20));
    let mut progress = Progress::default();
    progress.read.insert("pipes".to_owned(), START);
    save_as(dir, Progress::NAME, &progress);
    // The other device's journal: answers 40..70, reviews 20..35, a note read.
    let mut entries: Vec<Entry> = (40..70)
        .map(|n| Entry::new("beta", 0, Event::Answer(answer(n))))
        .collect();
    entries.extend((20..35).map(|n| {
        Entry::new(
            "beta",
            0,
            Event::Review {
                review: review(n),
                desired_retention: Some(0.9),
            },
        )
    }));
    entries.push(Entry::new(
        "beta",
        START + 5,
        Event::Read {
            topic: "watch".to_owned(),
            read: true,
        },
    ));
    journal::append(dir, "beta", &entries, START).unwrap();
    // Conflict copies, each with events found nowhere else.
    save_as(
        dir,
        "history.sync-conflict-20261204-101010-BETABBB.ron",
        &history(70..85),
    );
    let mut copied = schedule(0..20);
    copied.reviews.extend((35..45).map(review));
    save_as(dir, "schedule (beta's conflicted copy 2026-12-04).ron", &copied);
    let mut marks = Progress::default();
    marks.read.insert("builds".to_owned(), START + 9);
    save_as(dir, "progress-BETA.ron", &marks);
    let journal_copy: Vec<Entry> = (85..95)
        .map(|n| Entry::new("beta", 0, Event::Answer(answer(n))))
        .collect();
    let scratch = dir.join("scratch");
    journal::append(&scratch, "beta", &journal_copy, START).unwrap();
    let month = journal::month_file("beta", START);
    std::fs::rename(scratch.join(&month), dir.join(month.replace(".ron", " copy.ron"))).unwrap();
    std::fs::remove_dir_all(scratch).unwrap();
    let answers = (0..95).map(|n| answer_id(&answer(n))).collect();
    let reviews = (0..45).map(|n| review_id(&review(n))).collect();
    let read = ["pipes", "watch", "builds"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    (answers, reviews, read)
}

/// Every answer and review once, and the notes read.
fn assert_union(
    state: &Learner,
    expected: &(BTreeSet<String>, BTreeSet<String>, BTreeSet<String>),
    context: &str,
) {
    let answers: Vec<String> = state.history.answers.iter().map(answer_id).collect();
    let reviews: Vec<String> = state.schedule.reviews.iter().map(review_id).collect();
    assert_eq!(
        answers.len(),
        expected.0.len(),
        "{context}: answers counted twice or lost"
    );
    assert_eq!(
        answers.into_iter().collect::<BTreeSet<_>>(),
        expected.0,
        "{context}: answers"
    );
    assert_eq!(
        reviews.len(),
        expected.1.len(),
        "{context}: reviews counted twice or lost"
    );
    assert_eq!(
        reviews.into_iter().collect::<BTreeSet<_>>(),
        expected.1,
        "{context}: reviews"
    );
    let read: BTreeSet<String> = state.progress.read.keys().cloned().collect();
    assert_eq!(read, expected.2, "{context}: notes read");
}

/// The child: the app's start merge on the folder, then a line saying it ended.
#[test]
#[ignore = "run by kill_9_during_a_merge_loses_nothing as its child process"]
fn merge_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR_ENV) else {
        return;
    };
    println!("merging");
    let (_, report) = Machine::start(Path::new(&dir), "alpha", &Clock::manual(START + 3600));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    println!("merged");
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn kill_9_during_a_merge_loses_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let exe = scratch.path().join("merge-child");
    std::fs::copy(std::env::current_exe().unwrap(), &exe).unwrap();
    let template = scratch.path().join("template");
    std::fs::create_dir_all(&template).unwrap();
    let expected = fixture(&template);
    // The merge without a kill: the union, and how long it takes.
    let reference = scratch.path().join("reference");
    copy_tree(&template, &reference);
    let began = Instant::now();
    let (machine, report) = Machine::start(&reference, "alpha", &Clock::manual(START + 3600));
    let merge_time = began.elapsed();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_union(&machine.state, &expected, "uninterrupted");
    assert_eq!(report.copies_removed.len(), 4, "{:?}", report.copies_removed);
    let seed: u64 = rand::rng().random();
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut finished_before_kill = 0;
    for round in 0..ROUNDS {
        let context = format!("seed {seed}, round {round}");
        let dir = scratch.path().join(format!("round-{round}"));
        copy_tree(&template, &dir);
        let mut child = common::child_test(&exe, "sync_crash::merge_child")
            .env(CHILD_DIR_ENV, &dir)
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Wait for the merge to begin, then kill at a random moment of it.
        let began = loop {
            let line = lines.next().expect("the child says it is merging").unwrap();
            if line.contains("merging") {
                break Instant::now();
            }
        };
        let kill_at = merge_time.mul_f64(rng.random_range(0.0..0.9));
        std::thread::sleep(kill_at.saturating_sub(began.elapsed()));
        child.kill().unwrap();
        child.wait().unwrap();
        if lines.any(|l| l.is_ok_and(|l| l.contains("merged"))) {
            finished_before_kill += 1;
        }
        // Nothing lost: the folder as it is still holds every event, and every file reads.
        let (view, problems) = merged_view(&dir).unwrap_or_else(|e| panic!("{context}: {e}"));
        assert!(problems.is_empty(), "{context}: {problems:?}");
        assert_union(&view, &expected, &format!("{context}, after the kill"));
        let mut store = Store::open(&dir).unwrap();
        store
            .load::<History>()
            .unwrap_or_else(|e| panic!("{context}: {e}"));
        store
            .load::<Schedule>()
            .unwrap_or_else(|e| panic!("{context}: {e}"));
        store
            .load::<Progress>()
            .unwrap_or_else(|e| panic!("{context}: {e}"));
        // The next start finishes the merge: every event once, no copy left.
        let (machine, report) = Machine::start(&dir, "alpha", &Clock::manual(START + 7200));
        assert!(report.problems.is_empty(), "{context}: {:?}", report.problems);
        assert_union(&machine.state, &expected, &format!("{context}, merged again"));
        assert!(
            stagecraft::sync::fold::find(&dir).is_empty(),
            "{context}: copies left"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
    println!(
        "{ROUNDS} kills (seed {seed}); {finished_before_kill} merges had finished before their kill; a merge takes {merge_time:?}"
    );
    assert!(finished_before_kill < ROUNDS, "no kill landed inside a merge");
}
