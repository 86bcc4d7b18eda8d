//! Benchmark (not a test): how well the pass estimate is calibrated. Simulates synthetic
//! learners who study DOP-C02 for one to eight weeks and then sit a 75-question exam drawn by the
//! blueprint's weights, and compares the estimate made just before the exam with the result.
//! Run with `cargo bench --bench readiness_calibration [-- LEARNERS [SEED]]`.

#![allow(clippy::expect_used, clippy::unwrap_used)] // A benchmark stops loudly on a broken setup.

use std::time::Instant;

use stagecraft::course::{self, PackSource};
use stagecraft::plan::Params;
use stagecraft::plan::calibration::calibrate;

fn main() {
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with('-'));
    let learners: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(15);
    let course = course::load(&PackSource::embedded())
        .course
        .expect("the embedded pack loads");
    let blueprint = course.blueprint_index("dop-c02").expect("the pack has DOP-C02");
    let start = Instant::now();
    let report = calibrate(&course, blueprint, learners, seed, &Params::default());
    println!("readiness calibration, seed {seed}: {report}");
    println!("({:.1} s)", start.elapsed().as_secs_f64());
}
