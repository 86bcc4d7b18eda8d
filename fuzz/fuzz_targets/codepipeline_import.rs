//! Arbitrary text as CodePipeline JSON (see `checks::import_round_trip`).

#![no_main]

#[path = "../checks.rs"]
mod checks;

use libfuzzer_sys::fuzz_target;
use stagecraft::pipeline::codepipeline;

fuzz_target!(|data: &[u8]| checks::import_round_trip(data, codepipeline::import, codepipeline::export));
