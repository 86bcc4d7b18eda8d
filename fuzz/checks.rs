//! The checks of every fuzz target, in one place: the targets in `fuzz_targets/` call them on
//! the fuzzer's input, and `tests/integration/hardening_fuzz.rs` (which includes this file) calls them on the
//! committed reproducers and the repository's own files, so both always check the same thing.

#![allow(dead_code)] // Each includer uses only some of the checks.

use std::path::Path;

use stagecraft::course::{self, PackFile, PackSource};
use stagecraft::pipeline::codepipeline::ImportError;
use stagecraft::pipeline::{Diagram, cloudformation, codepipeline, layout, rules, svg};
use stagecraft::progress::{self, DataFile, LoadError, Progress, Reports, Settings, Store};
use stagecraft::quiz::{ExamFile, History, Schedule};

/// The files of a `pack_loader` input, separated by NUL bytes.
const PACK_PATHS: [&str; 5] = [
    "course.ron",
    "questions/fuzz.ron",
    "notes/pipes.md",
    "pipelines/fuzz.ron",
    "challenges/fuzz.ron",
];

/// `pack_loader`: the bytes as a course pack, loaded and checked. Nothing may panic, and every
/// problem must point at a real place and print as `path:line:col: `.
pub fn pack_loader(data: &[u8]) {
    let files: Vec<PackFile> = data
        .splitn(PACK_PATHS.len(), |&b| b == 0)
        .zip(PACK_PATHS)
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
        if let Some(file) = pack
            .files
            .iter()
            .find(|f| problem.path == pack.display_path(&f.path))
        {
            // A position may sit just past the last line (an unexpected end of file).
            let lines = file.text.split('\n').count();
            assert!(
                problem.line <= lines,
                "{problem} is past the end of {lines} lines"
            );
        }
        let shown = problem.to_string();
        assert!(shown.starts_with(&format!("{}:{}:{}: ", problem.path, problem.line, problem.col)));
    }
}

/// `progress_files`: the bytes as every data file in the data dir `dir`, loaded through the
/// store as the app loads them.
pub fn progress_files(dir: &Path, data: &[u8]) {
    progress_file::<Progress>(dir, Progress::NAME, data);
    progress_file::<Settings>(dir, Settings::NAME, data);
    progress_file::<History>(dir, History::NAME, data);
    progress_file::<Schedule>(dir, Schedule::NAME, data);
    progress_file::<ExamFile>(dir, ExamFile::NAME, data);
    progress_file::<Reports>(dir, Reports::NAME, data);
    progress_file::<Diagram>(dir, "diagrams/fuzz.ron", data);
}

/// One data file: a value or a `path:line:col` error (never an I/O error), the file unchanged,
/// a failed file blocked, `inspect` agreeing, and what loads saving to text that loads back and
/// saves the same.
fn progress_file<T: DataFile>(dir: &Path, name: &str, data: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, data).unwrap();
    let mut store = Store::open(dir).unwrap();
    match store.load_at::<T>(name) {
        Ok(value) => {
            // Otherwise the next save would write a file the next start cannot read.
            let text =
                progress::to_ron(&value).unwrap_or_else(|e| panic!("{name}: cannot save what loaded: {e}"));
            let again: T = ron::from_str(&text)
                .unwrap_or_else(|e| panic!("{name}: the saved text does not load: {e}\n{text}"));
            assert_eq!(
                progress::to_ron(&again).unwrap(),
                text,
                "{name}: saving is not stable"
            );
        }
        Err(err) => {
            let shown = err.to_string();
            let prefix = format!("{}:", path.display());
            assert!(shown.starts_with(&prefix), "{shown}");
            match &err {
                LoadError::Damaged { line, col, .. } => {
                    assert!(*line >= 1 && *col >= 1, "{shown}");
                    let lines = data.split(|&b| b == b'\n').count();
                    assert!(*line <= lines, "{shown}: past the end of {lines} lines");
                }
                LoadError::TooNew { .. } | LoadError::Migration { .. } => {
                    assert!(shown.starts_with(&format!("{prefix}1:1: ")), "{shown}");
                }
                LoadError::Io { .. } => panic!("unexpected I/O error: {shown}"),
            }
            assert!(store.blocked().contains_key(name));
        }
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        data,
        "{name} was changed by loading"
    );
    // The report-only path must agree with the store on whether the file loads.
    assert_eq!(
        progress::inspect::<T>(&path).is_ok(),
        !store.blocked().contains_key(name),
        "{name}: inspect disagrees"
    );
    std::fs::remove_file(&path).unwrap();
}

/// `diagram_ron`: a diagram file, then everything the editor runs on an opened diagram; both
/// exports must import again.
pub fn diagram_ron(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(mut diagram) = ron::from_str::<Diagram>(text) else {
        return;
    };
    diagram.assign_missing_ids();
    let _ = rules::check(&diagram);
    let _ = layout::layout(&diagram);
    let _ = svg::export(&diagram);
    layout::tidy(&mut diagram);
    let _ = layout::layout(&diagram);
    let json = codepipeline::export(&diagram);
    if let Err(err) = codepipeline::import(&json) {
        panic!("exported CodePipeline JSON does not import: {err}\n{json}");
    }
    let template = cloudformation::export(&diagram);
    if let Err(err) = cloudformation::import(&template) {
        panic!("exported CloudFormation template does not import: {err}\n{template}");
    }
}

/// `codepipeline_import` and `cloudformation_import`: import returns a diagram or a positioned
/// error; export, import, export, import: from the first re-import on, the diagram is a fixed
/// point (the first import may still gain what export adds, such as a role parameter).
pub fn import_round_trip(
    data: &[u8],
    import: fn(&str) -> Result<Diagram, ImportError>,
    export: fn(&Diagram) -> String,
) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let diagram = match import(text) {
        Ok(diagram) => diagram,
        Err(ImportError::Syntax { line, column, .. }) => {
            assert!(line >= 1 && column >= 1);
            return;
        }
        Err(ImportError::Shape { path, .. }) => {
            assert!(!path.is_empty());
            return;
        }
    };
    let _ = rules::check(&diagram);
    let first = export(&diagram);
    let again = import(&first).unwrap_or_else(|err| panic!("the export does not import: {err}\n{first}"));
    let second = export(&again);
    let third =
        import(&second).unwrap_or_else(|err| panic!("the re-export does not import: {err}\n{second}"));
    assert_eq!(third, again, "a second round trip changed the pipeline\n{second}");
}
