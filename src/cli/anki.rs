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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::course::anki::{cards_tsv, questions_tsv};

    #[test]
    fn export_writes_the_file_or_exits_2() {
        let course = crate::course::load(&crate::course::PackSource::embedded())
            .course
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cards.txt");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(
            run_export(&course, AnkiExport::Cards, Some(&path), &mut out, &mut err),
            0
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), cards_tsv(&course));
        assert!(out.is_empty());
        assert!(
            String::from_utf8(err)
                .unwrap()
                .contains(&format!("wrote {} notes", course.cards.len()))
        );

        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(
            run_export(&course, AnkiExport::Questions, None, &mut out, &mut err),
            0
        );
        assert_eq!(String::from_utf8(out).unwrap(), questions_tsv(&course));
        assert!(err.is_empty());

        // A path under a regular file cannot be created.
        let bad = path.join("questions.txt");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(
            run_export(&course, AnkiExport::Questions, Some(&bad), &mut out, &mut err),
            2
        );
        let message = String::from_utf8(err).unwrap();
        assert!(message.starts_with("stagecraft export-anki: "), "{message}");
        assert!(message.contains("cannot write"), "{message}");
    }
}
