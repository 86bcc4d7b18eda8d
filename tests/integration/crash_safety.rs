//! Kills a saving process at random moments and proves that every file left behind parses and
//! holds either the last acknowledged save or the one in flight.
//!
//! The test runs itself as the child: `saver_child` (ignored in normal runs) saves in a loop and
//! prints `acked N` after each save returns.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Duration;

use rand::{Rng, SeedableRng};
use stagecraft::progress::{Progress, Store};

const CHILD_DIR_ENV: &str = "STAGECRAFT_CRASH_TEST_DIR";
const COUNTER: &str = "counter";
/// Kills land up to this long after a save starts (a save of the padded file takes about this).
const SAVE_WINDOW_MICROS: u64 = 15_000;

/// The counter saved in progress.ron (0 when there is none yet).
fn saved_counter(dir: &Path) -> u64 {
    let text = std::fs::read_to_string(dir.join("progress.ron")).unwrap_or_default();
    if text.is_empty() {
        return 0;
    }
    let progress: Progress = ron::from_str(&text)
        .unwrap_or_else(|e| panic!("progress.ron does not parse after a kill: {e}\n{text}"));
    progress.read.get(COUNTER).copied().unwrap_or(0)
}

/// The child: continues the counter from the file and saves forever, acknowledging each save.
#[test]
#[ignore = "run by kill_during_saves_never_leaves_a_torn_file as its child process"]
fn saver_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR_ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    let mut store = Store::open(dir).unwrap();
    let mut progress: Progress = store.load().unwrap();
    // A large annotation makes each write take long enough for kills to land inside it.
    progress
        .annotations
        .insert("padding".to_owned(), "x".repeat(200_000));
    let mut counter = progress.read.get(COUNTER).copied().unwrap_or(0);
    loop {
        counter += 1;
        progress.read.insert(COUNTER.to_owned(), counter);
        println!("saving {counter}");
        store.save(&progress).unwrap();
        println!("acked {counter}");
    }
}

#[test]
fn kill_during_saves_never_leaves_a_torn_file() {
    let dir = tempfile::tempdir().unwrap();
    let seed: u64 = rand::rng().random();
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let exe = std::env::current_exe().unwrap();
    let mut total_acked = 0;
    let mut rounds = 0;
    while total_acked < 200 {
        rounds += 1;
        let before = saved_counter(dir.path());
        let mut child = common::child_test(&exe, "crash_safety::saver_child")
            .env(CHILD_DIR_ENV, dir.path())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let kill_after = rng.random_range(1..=4);
        let mut last_acked = before;
        let mut acks = 0;
        while acks < kill_after {
            let Some(Ok(line)) = lines.next() else { break };
            // The test harness may print "test saver_child ... " on the same line first.
            if let Some((_, n)) = line.split_once("acked ") {
                last_acked = n.trim().parse().unwrap();
                total_acked += 1;
                acks += 1;
            }
        }
        // The next line announces the next save; the kill lands at a random point inside it.
        let _ = lines.next();
        std::thread::sleep(Duration::from_micros(rng.random_range(0..SAVE_WINDOW_MICROS)));
        child.kill().unwrap();
        child.wait().unwrap();

        let after = saved_counter(dir.path());
        assert!(
            after == last_acked || after == last_acked + 1,
            "seed {seed}, round {rounds}: file holds {after}, last acknowledged save was {last_acked}"
        );
        // No temporary file is left looking like a data file.
        for entry in std::fs::read_dir(dir.path()).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                name == "progress.ron" || name == "backups" || name.starts_with('.'),
                "unexpected file {name}"
            );
        }
    }
    assert!(total_acked >= 200);
}
