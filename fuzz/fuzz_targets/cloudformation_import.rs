//! Arbitrary text as a CloudFormation template (see `checks::import_round_trip`).

#![no_main]

#[path = "../checks.rs"]
mod checks;

use libfuzzer_sys::fuzz_target;
use stagecraft::pipeline::cloudformation;

fuzz_target!(|data: &[u8]| checks::import_round_trip(data, cloudformation::import, cloudformation::export));
