//! `stagecraft export-anki --what cards|questions [-o FILE]`: the course as a file Anki
//! imports.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::course::Course;
use crate::course::anki::{AnkiExport, render};

/// `stagecraft export-anki --what cards|questions [-o FILE]`: writes the file to `out` (atomically)
/// or to standard output. Exit 0 when written, 2 (with a message) when it cannot be.
#[must_use]
pub fn export_cli(course: &Course, what: AnkiExport, out: Option<&Path>) -> ExitCode {
    ExitCode::from(run_export(
        course,
        what,
        out,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    ))
}

/// [`export_cli`] with its output streams passed in; returns the exit code.
pub fn run_export(
    course: &Course,
    what: AnkiExport,
    out: Option<&Path>,
    stdout: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let text = render(course, what);
    let written = match out {
        Some(path) => crate::progress::write_atomically(path, text.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", path.display())),
        None => stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|e| format!("cannot write to standard output: {e}")),
    };
    match written {
        Ok(()) => {
            if let Some(path) = out {
                let notes = match what {
                    AnkiExport::Cards => course.cards.len(),
                    AnkiExport::Questions => course.questions.len(),
                };
                let _ = writeln!(
                    err,
                    "wrote {notes} notes to {}; import it in Anki with File > Import",
                    path.display()
                );
            }
            0
        }
        Err(message) => {
            let _ = writeln!(err, "stagecraft export-anki: {message}");
            2
        }
    }
}
