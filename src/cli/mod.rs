//! The command line's work: each subcommand reads what it needs through the core, prints
//! what it found and returns the exit code (0 done, 1 problems found, 2 could not run). The
//! core modules know nothing of exit codes or standard streams.

pub mod anki;
pub mod output;
pub mod pipeline;
pub mod simulate;
