//! Arbitrary bytes as every data file of the progress directory (see `checks::progress_files`).

#![no_main]

#[path = "../checks.rs"]
mod checks;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// One scratch data dir for the whole run (a fresh dir per input would cost more than the load).
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| std::env::temp_dir().join(format!("stagecraft-fuzz-progress-{}", std::process::id())))
}

fuzz_target!(|data: &[u8]| checks::progress_files(scratch(), data));
