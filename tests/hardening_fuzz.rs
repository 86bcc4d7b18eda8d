//! Fuzz regressions: every input under `tests/fuzz_regressions/<target>/` goes through the checks
//! of the fuzz target of that name in `fuzz/fuzz_targets/` (kept the same here, so that an input
//! the fuzzer found keeps passing once fixed, without the nightly-only fuzz build).

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::path::{Path, PathBuf};

use stagecraft::course::{self, PackFile, PackSource};
use stagecraft::pipeline::codepipeline::ImportError;
use stagecraft::pipeline::{Diagram, cloudformation, codepipeline, layout, rules, svg};
use stagecraft::progress::{self, DataFile, LoadError, Progress, Reports, Settings, Store};
use stagecraft::quiz::{ExamFile, History, Schedule};

/// The inputs committed for one target, in name order.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<(PathBuf, Vec<u8>)> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    found.sort();
    found
}

// ---------------------------------------------------------------------------------------------
// The targets' checks
// ---------------------------------------------------------------------------------------------

/// `pack_loader`: NUL-separated course, questions, note, pipeline and challenge.
fn pack_loader(data: &[u8]) {
    const PATHS: [&str; 5] = [
        "course.ron",
        "questions/fuzz.ron",
        "notes/pipes.md",
        "pipelines/fuzz.ron",
        "challenges/fuzz.ron",
    ];
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
        if let Some(file) = pack
            .files
            .iter()
            .find(|f| problem.path == pack.display_path(&f.path))
        {
            let lines = file.text.split('\n').count();
            assert!(
                problem.line <= lines,
                "{problem} is past the end of {lines} lines"
            );
        }
    }
}

/// `progress_files`: the bytes as every data file, through the store.
fn progress_files(data: &[u8]) {
    fn check<T: DataFile + std::fmt::Debug>(dir: &Path, name: &str, data: &[u8]) {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, data).unwrap();
        let mut store = Store::open(dir).unwrap();
        match store.load_at::<T>(name) {
            Ok(value) => {
                let text = progress::to_ron(&value).unwrap();
                let again: T = ron::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
                assert_eq!(
                    progress::to_ron(&again).unwrap(),
                    text,
                    "{name}: saving is not stable"
                );
            }
            Err(err) => {
                let shown = err.to_string();
                assert!(shown.starts_with(&format!("{}:", path.display())), "{shown}");
                if let LoadError::Damaged { line, col, .. } = &err {
                    assert!(*line >= 1 && *col >= 1, "{shown}");
                    assert!(*line <= data.split(|&b| b == b'\n').count(), "{shown}");
                }
                assert!(!matches!(err, LoadError::Io { .. }), "{shown}");
            }
        }
        assert_eq!(
            std::fs::read(&path).unwrap(),
            data,
            "{name} was changed by loading"
        );
        std::fs::remove_file(&path).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let dir = dir.path();
    check::<Progress>(dir, Progress::NAME, data);
    check::<Settings>(dir, Settings::NAME, data);
    check::<History>(dir, History::NAME, data);
    check::<Schedule>(dir, Schedule::NAME, data);
    check::<ExamFile>(dir, ExamFile::NAME, data);
    check::<Reports>(dir, Reports::NAME, data);
    check::<Diagram>(dir, "diagrams/fuzz.ron", data);
}

/// `diagram_ron`: a diagram file, then what the editor runs on it.
fn diagram_ron(data: &[u8]) {
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
    let json = codepipeline::export(&diagram);
    codepipeline::import(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
    let template = cloudformation::export(&diagram);
    cloudformation::import(&template).unwrap_or_else(|e| panic!("{e}\n{template}"));
}

/// `codepipeline_import` and `cloudformation_import`: import, then two export-import rounds.
fn import_round_trip(
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
    let again = import(&first).unwrap_or_else(|e| panic!("{e}\n{first}"));
    let second = export(&again);
    let third = import(&second).unwrap_or_else(|e| panic!("{e}\n{second}"));
    assert_eq!(third, again, "a second round trip changed the pipeline\n{second}");
}

// ---------------------------------------------------------------------------------------------
// One test per target
// ---------------------------------------------------------------------------------------------

fn replay(target: &str, check: impl Fn(&[u8])) -> usize {
    let found = inputs(target);
    for (path, bytes) in &found {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(bytes)));
        assert!(outcome.is_ok(), "{} fails its target's checks", path.display());
    }
    found.len()
}

#[test]
fn pack_loader_regressions_pass() {
    replay("pack_loader", pack_loader);
}

#[test]
fn progress_files_regressions_pass() {
    replay("progress_files", progress_files);
}

#[test]
fn diagram_ron_regressions_pass() {
    replay("diagram_ron", diagram_ron);
}

#[test]
fn codepipeline_import_regressions_pass() {
    replay("codepipeline_import", |d| {
        import_round_trip(d, codepipeline::import, codepipeline::export);
    });
}

#[test]
fn cloudformation_import_regressions_pass() {
    let count = replay("cloudformation_import", |d| {
        import_round_trip(d, cloudformation::import, cloudformation::export);
    });
    assert!(count >= 1, "the committed reproducer is there");
}

/// The checks themselves run on the repository's own files, so a target whose checks are wrong
/// fails here rather than only in a fuzz run.
#[test]
fn the_targets_checks_pass_on_the_seed_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixtures = root.join("tests/fixtures/progress/v1");
    for name in [
        "progress.ron",
        "settings.ron",
        "history.ron",
        "schedule.ron",
        "exam.ron",
        "reports.ron",
    ] {
        progress_files(&std::fs::read(fixtures.join(name)).unwrap());
    }
    let diagram = std::fs::read(fixtures.join("diagrams/example.ron")).unwrap();
    progress_files(&diagram);
    diagram_ron(&diagram);
    let pipelines = root.join("tests/fixtures/pipelines");
    import_round_trip(
        &std::fs::read(pipelines.join("get-pipeline.json")).unwrap(),
        codepipeline::import,
        codepipeline::export,
    );
    import_round_trip(
        &std::fs::read(pipelines.join("template.json")).unwrap(),
        cloudformation::import,
        cloudformation::export,
    );
    pack_loader(b"");
    pack_loader(b"Course(version: 1, title: \"t\", blueprints: [], topics: [])\0[]\0# Note\n");
}

/// Found by `cloudformation_import`: a template without `RoleArn` exported a template whose text
/// changed on the next round trip (the `PipelineRoleArn` and `ArtifactBucket` parameters first
/// got their own descriptions, then the generic "Value for …" one).
#[test]
fn a_template_without_a_role_exports_the_same_text_every_round() {
    let (_, bytes) = inputs("cloudformation_import")
        .into_iter()
        .find(|(p, _)| p.ends_with("no-role-arn.json"))
        .unwrap();
    let diagram = cloudformation::import(std::str::from_utf8(&bytes).unwrap()).unwrap();
    let first = cloudformation::export(&diagram);
    let second = cloudformation::export(&cloudformation::import(&first).unwrap());
    assert_eq!(second, first);
}
