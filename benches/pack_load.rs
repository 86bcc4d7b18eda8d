//! Benchmark (not a test): time to load and check the embedded course pack.
//! Run with `cargo bench --bench pack_load`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // A benchmark stops loudly on a broken setup.

use std::time::{Duration, Instant};

use stagecraft::course::{self, PackSource};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let runs = 30;
    let mut load = Vec::new();
    let mut check = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let source = PackSource::embedded();
        let report = course::load(&source);
        load.push(start.elapsed());
        let Some(loaded) = report.course else {
            eprintln!("the embedded pack does not load");
            std::process::exit(1);
        };
        let start = Instant::now();
        let problems = course::check::check(&loaded, &source);
        check.push(start.elapsed());
        assert!(problems.is_empty(), "the embedded pack has problems");
    }
    println!(
        "embedded pack: load median {:?}, check median {:?} ({runs} runs)",
        median(load),
        median(check)
    );
}
