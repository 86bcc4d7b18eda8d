//! Fuzz regressions: every input under `tests/fuzz_regressions/<target>/` goes through the checks
//! of the fuzz target of that name (`fuzz/checks.rs`, shared with the targets), so that an input
//! the fuzzer found keeps passing once fixed, without the nightly-only fuzz build.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::path::{Path, PathBuf};

use stagecraft::pipeline::{Diagram, cloudformation, codepipeline};

#[path = "../../fuzz/checks.rs"]
mod checks;

use checks::{diagram_ron, import_round_trip, pack_loader};

/// `progress_files` in a fresh data dir.
fn progress_files(data: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    checks::progress_files(dir.path(), data);
}

/// The folder of one target's committed inputs.
fn folder(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target)
}

/// The inputs committed for one target, in name order. The folder must exist: a misspelt or
/// moved folder would otherwise replay nothing and pass.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = folder(target);
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let mut found: Vec<(PathBuf, Vec<u8>)> = entries
        .map(|e| e.unwrap().path())
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
// One test per target
// ---------------------------------------------------------------------------------------------

/// The targets, each with the number of inputs committed for it.
const TARGETS: [(&str, usize); 5] = [
    ("pack_loader", 3),
    ("progress_files", 4),
    ("diagram_ron", 2),
    ("codepipeline_import", 3),
    ("cloudformation_import", 1),
];

/// Runs every input of `target` through `check`, after checking that exactly the committed
/// number of inputs is there (an input lost or a folder emptied fails here, not in silence).
fn replay(target: &str, check: impl Fn(&[u8])) {
    let expected = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, count)| *count)
        .unwrap();
    let found = inputs(target);
    let names: Vec<String> = found
        .iter()
        .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(found.len(), expected, "inputs of {target}: {names:?}");
    let mut replayed = 0;
    for (path, bytes) in &found {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(bytes)));
        assert!(outcome.is_ok(), "{} fails its target's checks", path.display());
        replayed += 1;
    }
    assert_eq!(
        replayed, expected,
        "{target}: every input went through the checks"
    );
}

#[test]
fn every_folder_is_a_target_and_every_target_has_a_folder() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut folders: Vec<String> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    folders.sort();
    let mut targets: Vec<String> = TARGETS.iter().map(|(t, _)| (*t).to_owned()).collect();
    targets.sort();
    assert_eq!(folders, targets);
    // The same names as the fuzz crate's targets.
    for target in &targets {
        let source = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz/fuzz_targets")
            .join(format!("{target}.rs"));
        assert!(source.is_file(), "{} is missing", source.display());
        assert!(folder(target).is_dir());
    }
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
    replay("diagram_ron", |d| {
        // The check skips what does not parse, so an input that stopped parsing would test
        // nothing.
        ron::from_str::<Diagram>(std::str::from_utf8(d).unwrap()).unwrap();
        diagram_ron(d);
    });
}

#[test]
fn codepipeline_import_regressions_pass() {
    replay("codepipeline_import", |d| {
        import_round_trip(d, codepipeline::import, codepipeline::export);
    });
}

#[test]
fn cloudformation_import_regressions_pass() {
    replay("cloudformation_import", |d| {
        import_round_trip(d, cloudformation::import, cloudformation::export);
    });
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
