//! Fuzz regressions: every input under `tests/fuzz_regressions/<target>/` goes through the checks
//! of the fuzz target of that name (`fuzz/checks.rs`, shared with the targets), so that an input
//! the fuzzer found keeps passing once fixed, without the nightly-only fuzz build.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::path::{Path, PathBuf};

use stagecraft::pipeline::{cloudformation, codepipeline};

#[path = "../../fuzz/checks.rs"]
mod checks;

use checks::{diagram_ron, import_round_trip, pack_loader};

/// `progress_files` in a fresh data dir.
fn progress_files(data: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    checks::progress_files(dir.path(), data);
}

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
