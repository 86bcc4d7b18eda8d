//! The progress store: round trips, damaged and foreign files kept and reported with their
//! place, blocked writes, the two ways out of a damaged file, and backups.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::path::Path;

use stagecraft::progress::{self, BackupPolicy, Clock, DataFile, LoadError, Progress, SaveError, Store};

const START: u64 = 1_795_729_910;

fn store(dir: &Path) -> Store {
    Store::open(dir).unwrap().with_clock(Clock::manual(START))
}

fn sample() -> Progress {
    let mut progress = Progress {
        blueprint: "dop-c01".to_owned(),
        selected_topic: Some("codebuild".to_owned()),
        ..Progress::default()
    };
    progress.read.insert("zeta".to_owned(), 2);
    progress.read.insert("alpha".to_owned(), 1);
    progress
        .annotations
        .insert("codebuild".to_owned(), "buildspec \"phases\"".to_owned());
    progress
}

#[test]
fn a_missing_file_loads_as_defaults_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    assert_eq!(store.load::<Progress>().unwrap(), Progress::default());
    assert!(!dir.path().join("progress.ron").exists());
}

#[test]
fn saved_progress_loads_back_with_a_version_and_sorted_maps() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(dir.path());
    store.save(&sample()).unwrap();
    let text = std::fs::read_to_string(dir.path().join("progress.ron")).unwrap();
    assert!(text.contains("version: 1"), "{text}");
    assert!(
        text.find("\"alpha\"").unwrap() < text.find("\"zeta\"").unwrap(),
        "maps are sorted: {text}"
    );
    assert_eq!(store.load::<Progress>().unwrap(), sample());
}

#[test]
fn the_v1_fixture_loads_with_every_field_set() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/progress/v1");
    assert!(stagecraft::data_files::check_dir(&dir).is_empty());
    let loaded: Progress =
        ron::from_str(&std::fs::read_to_string(dir.join("progress.ron")).unwrap()).unwrap();
    assert_eq!(loaded.version, Progress::VERSION);
    assert_eq!(loaded.blueprint, "dop-c02");
    assert_eq!(loaded.selected_topic.as_deref(), Some("codedeploy"));
    assert_eq!(loaded.read.len(), 2);
    assert_eq!(loaded.annotations.len(), 1);
}

/// Writes `text` as progress.ron and returns the store and the load error.
fn load_damaged(dir: &Path, bytes: &[u8]) -> (Store, LoadError) {
    std::fs::write(dir.join("progress.ron"), bytes).unwrap();
    let mut store = store(dir);
    let err = store.load::<Progress>().unwrap_err();
    (store, err)
}

#[test]
fn a_syntax_error_names_the_file_line_and_column_and_blocks_writes() {
    let dir = tempfile::tempdir().unwrap();
    let damaged = b"(\n  version: 1,\n  blueprint: \"dop-c01\"\n  read: {},\n)\n";
    let (mut store, err) = load_damaged(dir.path(), damaged);
    let message = err.to_string();
    let expected_prefix = format!("{}:4:3: ", dir.path().join("progress.ron").display());
    assert!(message.starts_with(&expected_prefix), "{message}");
    let refused = store.save(&sample()).unwrap_err();
    assert!(matches!(refused, SaveError::Blocked { .. }), "{refused}");
    assert_eq!(
        std::fs::read(dir.path().join("progress.ron")).unwrap(),
        damaged,
        "the damaged file is untouched"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_reported_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let (_, err) = load_damaged(dir.path(), b"(\n  version: 1,\n  blue\xff\n)");
    let message = err.to_string();
    assert!(
        message.ends_with(":3:7: the file is not valid UTF-8 text"),
        "{message}"
    );
}

#[test]
fn a_file_without_a_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_, err) = load_damaged(dir.path(), b"(blueprint: \"x\")");
    assert!(
        err.to_string()
            .ends_with(":1:1: the file has no `version` number"),
        "{err}"
    );
}

#[test]
fn a_wrongly_typed_field_is_reported_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let (_, err) = load_damaged(dir.path(), b"(\n  version: 1,\n  read: [1, 2],\n)");
    let LoadError::Damaged { line, .. } = &err else {
        panic!("{err}");
    };
    assert_eq!(*line, 3, "{err}");
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let newer = b"(version: 99, blueprint: \"dop-c09\", hologram: true)";
    let (mut store, err) = load_damaged(dir.path(), newer);
    assert!(matches!(err, LoadError::TooNew { version: 99, .. }), "{err}");
    assert!(err.to_string().contains("newer Stagecraft"), "{err}");
    assert!(store.save(&sample()).is_err());
    assert_eq!(std::fs::read(dir.path().join("progress.ron")).unwrap(), newer);
}

#[test]
fn start_fresh_keeps_the_damaged_file_beside_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = load_damaged(dir.path(), b"(version: 1, read: {");
    let kept = store
        .start_fresh("progress.ron")
        .unwrap()
        .expect("a file was set aside");
    assert_eq!(std::fs::read(&kept).unwrap(), b"(version: 1, read: {");
    assert!(
        kept.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("progress.ron.damaged-")
    );
    store.save(&sample()).unwrap();
    assert_eq!(store.load::<Progress>().unwrap(), sample());
}

#[test]
fn restore_takes_the_newest_backup_that_loads() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    {
        let mut store = Store::open(dir.path()).unwrap().with_clock(clock.clone());
        store.save(&sample()).unwrap();
    }
    // A new session: its first save backs up the file it replaces.
    clock.advance_secs(3600);
    {
        let mut store = Store::open(dir.path()).unwrap().with_clock(clock.clone());
        store.save(&Progress::default()).unwrap();
        assert_eq!(store.backups_of("progress.ron").len(), 1);
    }
    std::fs::write(dir.path().join("progress.ron"), b"(version: 1, read: ").unwrap();
    clock.advance_secs(60);
    let mut store = Store::open(dir.path()).unwrap().with_clock(clock);
    assert!(store.load::<Progress>().is_err());
    let (restored, from) = store.restore_newest_backup::<Progress>("progress.ron").unwrap();
    assert_eq!(restored, sample(), "the backup held the first session's state");
    assert!(from.starts_with(dir.path().join("backups")));
    let damaged_kept = std::fs::read_dir(dir.path()).unwrap().flatten().any(|e| {
        e.file_name()
            .to_string_lossy()
            .starts_with("progress.ron.damaged-")
    });
    assert!(damaged_kept);
    store.save(&sample()).unwrap();
}

#[test]
fn restore_without_any_backup_says_so_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = load_damaged(dir.path(), b"(");
    let err = store
        .restore_newest_backup::<Progress>("progress.ron")
        .unwrap_err();
    assert_eq!(err, "no backup of progress.ron could be read");
    assert_eq!(std::fs::read(dir.path().join("progress.ron")).unwrap(), b"(");
}

#[test]
fn backups_stay_within_the_policy_over_many_sessions() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    let policy = BackupPolicy {
        keep_recent: 3,
        keep_daily: 5,
    };
    for day in 0..40 {
        let mut store = Store::open(dir.path())
            .unwrap()
            .with_clock(clock.clone())
            .with_policy(policy);
        let mut progress = sample();
        progress.read.insert(format!("day-{day}"), day);
        store.save(&progress).unwrap();
        clock.advance_secs(progress::clock::DAY_SECS);
    }
    let store = Store::open(dir.path()).unwrap();
    let backups = store.backups_of("progress.ron");
    assert_eq!(backups.len(), policy.max_kept());
    for backup in backups {
        let text = std::fs::read_to_string(&backup).unwrap();
        assert!(
            ron::from_str::<Progress>(&text).is_ok(),
            "{} restores",
            backup.display()
        );
    }
}

#[test]
fn progress_check_reports_damage_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("progress.ron"),
        b"(version: 1,\n read: {\"a\": }\n)",
    )
    .unwrap();
    let before = std::fs::read(dir.path().join("progress.ron")).unwrap();
    let errors = stagecraft::data_files::check_dir(dir.path());
    assert_eq!(errors.len(), 1);
    assert!(errors[0].to_string().contains("progress.ron:2:"), "{}", errors[0]);
    assert_eq!(std::fs::read(dir.path().join("progress.ron")).unwrap(), before);
    assert!(!dir.path().join("backups").exists());
}
