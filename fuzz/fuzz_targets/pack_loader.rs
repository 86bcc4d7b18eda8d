//! Arbitrary bytes as a course pack: `course.ron`, a question file, a note and (when present) an
//! example pipeline and a challenge, separated by NUL bytes, loaded into an in-memory `PackSource` and then
//! loaded and checked. Nothing may panic, and every problem must point at a real place.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stagecraft::course::{self, PackFile, PackSource};

const PATHS: [&str; 5] = [
    "course.ron",
    "questions/fuzz.ron",
    "notes/pipes.md",
    "pipelines/fuzz.ron",
    "challenges/fuzz.ron",
];

fuzz_target!(|data: &[u8]| {
    let files: Vec<PackFile> = data
        .splitn(PATHS.len(), |&b| b == 0)
        .zip(PATHS)
        .map(|(bytes, path)| PackFile {
            path: path.to_owned(),
            text: String::from_utf8_lossy(bytes).into_owned(),
        })
        .collect();
    let pack = PackSource {
        label: "pack".to_owned(),
        files,
    };
    let report = course::load(&pack);
    let mut problems = report.problems;
    if let Some(loaded) = &report.course {
        problems.extend(course::check::check(loaded, &pack));
    }
    for problem in &problems {
        assert!(problem.line >= 1 && problem.col >= 1, "{problem}");
        let file = pack
            .files
            .iter()
            .find(|f| problem.path == pack.display_path(&f.path));
        if let Some(file) = file {
            // A position may sit just past the last line (an unexpected end of file).
            let lines = file.text.split('\n').count();
            assert!(
                problem.line <= lines,
                "{problem} is past the end of {} lines",
                lines
            );
        }
        let shown = problem.to_string();
        assert!(shown.starts_with(&format!("{}:{}:{}: ", problem.path, problem.line, problem.col)));
    }
});
