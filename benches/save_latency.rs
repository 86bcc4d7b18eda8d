//! Benchmark (not a test): how long a save takes — serialise, write a temporary file, fsync,
//! rename, fsync the folder — for each kind of file at a realistic and at a large size.
//! Run with `cargo bench --bench save_latency`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // A benchmark stops loudly on a broken setup.

mod support;

use std::time::{Duration, Instant};

use stagecraft::progress::{Progress, Store};
use stagecraft::quiz::schedule::{Grade, ItemKey};
use stagecraft::quiz::{AnswerRecord, History, Schedule, SessionKind};

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1000.0
}

fn time(runs: usize, mut save: impl FnMut()) -> f64 {
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            save();
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn history(answers: usize) -> History {
    let mut history = History::default();
    for n in 0..answers {
        history.answers.push(AnswerRecord {
            at_unix_secs: 1_795_729_910 + n as u64,
            session: 1,
            kind: SessionKind::Practice,
            question: format!("question-{}", n % 430),
            chosen: vec![n % 4],
            correct: n % 3 != 0,
            flagged: false,
            elapsed_secs: 42.5,
        });
    }
    history
}

fn schedule(items: usize) -> Schedule {
    let mut schedule = Schedule::default();
    for n in 0..items {
        let _ = schedule.review(
            ItemKey::Question(format!("question-{n}")),
            Grade::Good,
            1_795_729_910 + n as u64,
            0.9,
        );
    }
    schedule
}

fn main() {
    let dir = std::env::temp_dir().join(format!("stagecraft-bench-save-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut store = Store::open(&dir).expect("a temporary data dir");
    let runs = 30;
    let progress = Progress::default();
    println!(
        "progress.ron: {:.2} ms",
        time(runs, || store.save(&progress).unwrap())
    );
    for answers in [1_000, 10_000] {
        let h = history(answers);
        println!(
            "history.ron with {answers} answers: {:.2} ms",
            time(runs, || store.save(&h).unwrap())
        );
    }
    for items in [500, 5_000] {
        let s = schedule(items);
        println!(
            "schedule.ron with {items} items: {:.2} ms",
            time(runs, || store.save(&s).unwrap())
        );
    }
    for actions in [20, 2_000] {
        let d = support::diagram(actions);
        println!(
            "a diagram of {actions} actions: {:.2} ms",
            time(runs, || store.save_at("diagrams/bench.ron", &d).unwrap())
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
