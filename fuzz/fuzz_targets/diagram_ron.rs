//! Arbitrary text as a diagram file, `diagrams/*.ron` (see `checks::diagram_ron`).

#![no_main]

#[path = "../checks.rs"]
mod checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| checks::diagram_ron(data));
