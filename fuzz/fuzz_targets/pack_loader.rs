//! Arbitrary bytes as a course pack: course, questions, note, pipeline and challenge separated
//! by NUL bytes (see `checks::pack_loader`).

#![no_main]

#[path = "../checks.rs"]
mod checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| checks::pack_loader(data));
