//! Backups and migrations: rotation over 400 simulated days stays within the policy and every
//! backup left restores; a backup of the old bytes exists before a migration runs and before the
//! migrated value is saved; every released (version 1) fixture loads through the store; and a
//! file written by a newer version is refused clearly and never touched, for every data file.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rand::{Rng, SeedableRng};
use serde::{Deserialize, Serialize};
use stagecraft::data_files::check_dir;
use stagecraft::pipeline::{Category, Diagram, Owner};
use stagecraft::progress::clock::{DAY_SECS, file_stamp};
use stagecraft::progress::{
    self, BackupPolicy, Clock, DataFile, LoadError, Progress, Reports, SaveError, Settings, Store,
};
use stagecraft::quiz::{ExamFile, Grade, History, ItemKey, Schedule, SessionKind};

/// 2026-11-26T21:51:50Z.
const START: u64 = 1_795_729_910;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/progress/v1")
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(fixture_dir().join(name)).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Rotation over 400 days
// ---------------------------------------------------------------------------------------------

/// The counter a saved progress file holds.
fn counter_in(text: &str) -> u64 {
    let progress: Progress = ron::from_str(text).unwrap();
    progress.read["counter"]
}

/// Runs 400 days of two to four sessions a day (each a new `Store`, as each app start is), each
/// session saving progress and a diagram a few times, and checks the backups after every
/// session against the policy.
fn rotate_for_400_days(policy: BackupPolicy, seed: u64) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let mut progress = Progress::default();
    let mut diagram = Diagram::new("rotated");
    let mut counter = 0_u64;
    let mut sessions = 0;
    for day in 0..400_u64 {
        let day_start = START - START % DAY_SECS + day * DAY_SECS;
        let mut hours: Vec<u64> = (0..rng.random_range(2..=4))
            .map(|_| rng.random_range(0..24))
            .collect();
        hours.sort_unstable();
        for hour in hours {
            let at = (day_start + hour * 3600 + rng.random_range(0..3600)).max(clock.now_unix_secs());
            clock.advance_secs(at - clock.now_unix_secs());
            let mut store = Store::open(dir.path())
                .unwrap()
                .with_clock(clock.clone())
                .with_policy(policy);
            let loaded: Progress = store.load().unwrap();
            assert_eq!(
                loaded, progress,
                "day {day}: the session starts from the last save"
            );
            sessions += 1;
            for _ in 0..rng.random_range(1..=5) {
                counter += 1;
                progress.read.insert("counter".to_owned(), counter);
                store.save(&progress).unwrap();
                diagram.description = format!("save {counter}");
                store.save_at("diagrams/rotated.ron", &diagram).unwrap();
                clock.advance_secs(rng.random_range(1..600));
            }
            check_backups(&store, &policy, counter, day);
        }
    }
    assert!(sessions >= 800);
    let store = Store::open(dir.path()).unwrap().with_policy(policy);
    let backups = store.backups_of(Progress::NAME);
    assert_eq!(
        backups.len(),
        policy.max_kept(),
        "after {sessions} sessions the policy's limit is reached exactly"
    );
    every_backup_restores::<Progress>(&store, Progress::NAME);
    every_backup_restores::<Diagram>(&store, "diagrams/rotated.ron");
}

/// The backups of both files: at most `max_kept`; the newest `keep_recent` whatever their day,
/// then one a day, newest first; each one a state that was saved before, newer backups holding
/// newer states.
fn check_backups(store: &Store, policy: &BackupPolicy, counter: u64, day: u64) {
    for name in [Progress::NAME, "diagrams/rotated.ron"] {
        let backups = store.backups_of(name);
        assert!(
            backups.len() <= policy.max_kept(),
            "day {day}: {} backups of {name}, the policy keeps {}",
            backups.len(),
            policy.max_kept()
        );
        let days: Vec<String> = backups
            .iter()
            .skip(policy.keep_recent)
            .map(|b| stamp_of(b)[..8].to_owned())
            .collect();
        let distinct: BTreeSet<&String> = days.iter().collect();
        assert_eq!(
            distinct.len(),
            days.len(),
            "day {day}: one older backup a day: {days:?}"
        );
        assert!(days.windows(2).all(|w| w[0] > w[1]), "newest first: {days:?}");
    }
    let held: Vec<u64> = store
        .backups_of(Progress::NAME)
        .iter()
        .map(|b| counter_in(&std::fs::read_to_string(b).unwrap()))
        .collect();
    assert!(
        held.windows(2).all(|w| w[0] >= w[1]) && held.first().is_none_or(|&c| c < counter),
        "day {day}: backups (newest first) hold {held:?}; the file holds {counter}"
    );
}

/// `YYYYMMDD-HHMMSS[-n]` of a backup path.
fn stamp_of(backup: &Path) -> String {
    let file = backup.file_name().unwrap().to_string_lossy().into_owned();
    let without_ext = file.strip_suffix(".ron").unwrap();
    let (_, stamp) = without_ext.rsplit_once(".ron.").unwrap();
    stamp.to_owned()
}

/// Each backup, put in place of a damaged file, is restored by the store and loads.
fn every_backup_restores<T: DataFile + std::fmt::Debug + PartialEq>(store: &Store, name: &str) {
    let backups = store.backups_of(name);
    assert!(!backups.is_empty());
    for backup in &backups {
        let bytes = std::fs::read(backup).unwrap();
        // A data dir holding only this backup and a damaged file: restore must bring it back.
        let scratch = tempfile::tempdir().unwrap();
        let flat = backup.file_name().unwrap();
        std::fs::create_dir_all(scratch.path().join("backups")).unwrap();
        std::fs::write(scratch.path().join("backups").join(flat), &bytes).unwrap();
        let target = scratch.path().join(name);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, b"(version: 1, damaged").unwrap();
        let mut restoring = Store::open(scratch.path()).unwrap();
        assert!(restoring.load_at::<T>(name).is_err());
        let (restored, from) = restoring.restore_newest_backup::<T>(name).unwrap();
        assert_eq!(from.file_name(), Some(flat));
        assert_eq!(
            std::fs::read(&target).unwrap(),
            bytes,
            "{} restored byte for byte",
            backup.display()
        );
        assert_eq!(
            restored,
            ron::from_str::<T>(&String::from_utf8(bytes).unwrap()).unwrap()
        );
        assert!(progress::inspect::<T>(backup).is_ok());
    }
}

#[test]
fn rotation_over_400_days_stays_within_the_default_policy() {
    rotate_for_400_days(BackupPolicy::default(), 400);
}

#[test]
fn rotation_over_400_days_stays_within_a_small_policy() {
    rotate_for_400_days(
        BackupPolicy {
            keep_recent: 2,
            keep_daily: 3,
        },
        7,
    );
}

#[test]
fn rotation_keeps_nothing_more_when_the_policy_keeps_only_recent_ones() {
    rotate_for_400_days(
        BackupPolicy {
            keep_recent: 4,
            keep_daily: 0,
        },
        11,
    );
}

#[test]
fn backups_of_one_second_do_not_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    let clock = Clock::manual(START);
    for n in 0..4_u64 {
        let mut store = Store::open(dir.path()).unwrap().with_clock(clock.clone());
        let mut progress = Progress::default();
        progress.read.insert("counter".to_owned(), n);
        store.save(&progress).unwrap();
    }
    let store = Store::open(dir.path()).unwrap();
    let held: Vec<u64> = store
        .backups_of(Progress::NAME)
        .iter()
        .map(|b| counter_in(&std::fs::read_to_string(b).unwrap()))
        .collect();
    assert_eq!(held, [2, 1, 0], "newest first, all three kept");
    assert!(stamp_of(&store.backups_of(Progress::NAME)[0]).starts_with(&file_stamp(START)));
}

// ---------------------------------------------------------------------------------------------
// Migrations
// ---------------------------------------------------------------------------------------------

/// Version 1 of a made-up file: one note as a string.
#[derive(Debug, Deserialize)]
struct NotesV1 {
    version: u32,
    note: String,
}

/// Version 2 of it: a list of notes and a count.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Notes {
    version: u32,
    notes: Vec<String>,
    #[serde(default)]
    edits: u32,
}

impl Default for Notes {
    fn default() -> Self {
        Self {
            version: Self::VERSION,
            notes: Vec::new(),
            edits: 0,
        }
    }
}

thread_local! {
    /// The data dir the migration runs in, so it can see what is on disk when it starts.
    static MIGRATING_IN: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
    /// What `migrate` found in `backups/` when it ran.
    static BACKUPS_SEEN: RefCell<Vec<Vec<u8>>> = const { RefCell::new(Vec::new()) };
    /// How many times `migrate` ran on this thread.
    static MIGRATIONS_RUN: Cell<u32> = const { Cell::new(0) };
}

impl DataFile for Notes {
    const NAME: &'static str = "notes.ron";
    const VERSION: u32 = 2;

    fn migrate(version: u32, text: &str) -> Result<Self, String> {
        MIGRATIONS_RUN.with(|n| n.set(n.get() + 1));
        if let Some(dir) = MIGRATING_IN.with(|d| d.borrow().clone()) {
            let seen: Vec<Vec<u8>> = std::fs::read_dir(dir.join("backups"))
                .map(|entries| {
                    entries
                        .flatten()
                        .map(|e| std::fs::read(e.path()).unwrap())
                        .collect()
                })
                .unwrap_or_default();
            BACKUPS_SEEN.with(|b| *b.borrow_mut() = seen);
        }
        match version {
            1 => {
                let old: NotesV1 = ron::from_str(text).map_err(|e| e.to_string())?;
                assert_eq!(old.version, 1);
                Ok(Self {
                    version: Self::VERSION,
                    notes: vec![old.note],
                    edits: 0,
                })
            }
            other => Err(format!("no migration from version {other}")),
        }
    }
}

const NOTES_V1: &str = "(\n  version: 1,\n  note: \"Blue/green swaps the target group.\",\n)\n";

#[test]
fn a_backup_of_the_old_bytes_exists_before_a_migration_and_before_its_result_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(Notes::NAME), NOTES_V1).unwrap();
    MIGRATING_IN.with(|d| *d.borrow_mut() = Some(dir.path().to_path_buf()));
    let mut store = Store::open(dir.path()).unwrap().with_clock(Clock::manual(START));

    let mut notes: Notes = store.load().unwrap();
    assert_eq!(notes.notes, ["Blue/green swaps the target group."]);
    let seen = BACKUPS_SEEN.with(|b| b.borrow().clone());
    assert_eq!(
        seen,
        [NOTES_V1.as_bytes()],
        "migrate ran with the v1 backup already on disk"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(Notes::NAME)).unwrap(),
        NOTES_V1,
        "loading migrates in memory only"
    );
    let backups = store.backups_of(Notes::NAME);
    assert_eq!(backups.len(), 1);
    assert_eq!(std::fs::read_to_string(&backups[0]).unwrap(), NOTES_V1);

    // Saving the migrated value replaces the file; the v1 bytes stay in the backup.
    notes.edits += 1;
    store.save(&notes).unwrap();
    let saved = std::fs::read_to_string(dir.path().join(Notes::NAME)).unwrap();
    assert!(saved.contains("version: 2"), "{saved}");
    let backups = store.backups_of(Notes::NAME);
    assert_eq!(
        backups.len(),
        1,
        "the session's one backup is the pre-migration one"
    );
    assert_eq!(std::fs::read_to_string(&backups[0]).unwrap(), NOTES_V1);
    assert_eq!(store.load::<Notes>().unwrap(), notes);

    // The backup is a real way back: it restores, and migrates again.
    std::fs::write(dir.path().join(Notes::NAME), b"(version: 2, notes: [").unwrap();
    let mut store = Store::open(dir.path())
        .unwrap()
        .with_clock(Clock::manual(START + 60));
    assert!(store.load::<Notes>().is_err());
    let (restored, _) = store.restore_newest_backup::<Notes>(Notes::NAME).unwrap();
    assert_eq!(restored.notes, ["Blue/green swaps the target group."]);
    MIGRATING_IN.with(|d| *d.borrow_mut() = None);
}

#[test]
fn a_migration_that_cannot_back_up_first_does_not_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(Notes::NAME), NOTES_V1).unwrap();
    // A file where the backup folder should be: no backup can be written.
    std::fs::write(dir.path().join("backups"), b"in the way").unwrap();
    MIGRATING_IN.with(|d| *d.borrow_mut() = None);
    let runs_before = MIGRATIONS_RUN.with(Cell::get);
    let mut store = Store::open(dir.path()).unwrap();
    let err = store.load::<Notes>().unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }), "{err}");
    assert!(
        err.to_string().contains("cannot back up before upgrading"),
        "{err}"
    );
    assert_eq!(
        MIGRATIONS_RUN.with(Cell::get),
        runs_before,
        "the migration did not run"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(Notes::NAME)).unwrap(),
        NOTES_V1
    );
    assert!(matches!(
        store.save(&Notes::default()),
        Err(SaveError::Blocked { .. })
    ));
    assert_eq!(
        std::fs::read_to_string(dir.path().join(Notes::NAME)).unwrap(),
        NOTES_V1
    );
}

#[test]
fn a_failed_migration_keeps_the_file_and_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let v0 = "(version: 0, scribbles: [])";
    std::fs::write(dir.path().join(Notes::NAME), v0).unwrap();
    let mut store = Store::open(dir.path()).unwrap().with_clock(Clock::manual(START));
    let err = store.load::<Notes>().unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!(
            "{}:1:1: cannot upgrade from version 0",
            dir.path().join(Notes::NAME).display()
        )),
        "{shown}"
    );
    assert_eq!(std::fs::read_to_string(dir.path().join(Notes::NAME)).unwrap(), v0);
    let backups = store.backups_of(Notes::NAME);
    assert_eq!(backups.len(), 1);
    assert_eq!(std::fs::read_to_string(&backups[0]).unwrap(), v0);
    assert!(store.save(&Notes::default()).is_err());
}

// ---------------------------------------------------------------------------------------------
// Released fixtures
// ---------------------------------------------------------------------------------------------

/// Loads a fixture through the store in a copy of the fixture dir; it must load, change nothing,
/// take no backup and be exactly what this build would write for it (so every field is in it).
fn load_fixture<T: DataFile + std::fmt::Debug>(dir: &Path, name: &str) -> T {
    let before = std::fs::read(dir.join(name)).unwrap();
    let mut store = Store::open(dir).unwrap();
    let value: T = store
        .load_at(name)
        .unwrap_or_else(|e| panic!("the released fixture {name} does not load: {e}"));
    assert_eq!(std::fs::read(dir.join(name)).unwrap(), before, "{name} unchanged");
    assert!(
        store.backups_of(name).is_empty(),
        "no migration, so no backup of {name}"
    );
    // Saving what loaded keeps every field of the released file (new fields may be added).
    let released: ron::Value = ron::from_str(&fixture(name)).unwrap();
    let resaved: ron::Value = ron::from_str(&progress::to_ron(&value).unwrap()).unwrap();
    assert_kept(&released, &resaved, name);
    value
}

/// Every part of `released` is in `resaved` with the same value: a load and a save lose nothing.
fn assert_kept(released: &ron::Value, resaved: &ron::Value, at: &str) {
    match (released, resaved) {
        (ron::Value::Map(old), ron::Value::Map(new)) => {
            for (key, old_value) in old.iter() {
                let new_value = new
                    .get(key)
                    .unwrap_or_else(|| panic!("{at}: {key:?} is dropped when the file is saved again"));
                assert_kept(old_value, new_value, &format!("{at}.{key:?}"));
            }
        }
        (ron::Value::Seq(old), ron::Value::Seq(new)) => {
            assert_eq!(
                old.len(),
                new.len(),
                "{at}: a list changes length when saved again"
            );
            for (i, (old_value, new_value)) in old.iter().zip(new).enumerate() {
                assert_kept(old_value, new_value, &format!("{at}[{i}]"));
            }
        }
        (ron::Value::Option(Some(old)), ron::Value::Option(Some(new))) => assert_kept(old, new, at),
        (old, new) => assert_eq!(old, new, "{at} changes when saved again"),
    }
}

fn copy_fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in FIXTURES {
        let target = dir.path().join(name);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(fixture_dir().join(name), target).unwrap();
    }
    dir
}

/// Every released data file, at version 1 (the only released version of each).
const FIXTURES: [&str; 7] = [
    "progress.ron",
    "settings.ron",
    "history.ron",
    "schedule.ron",
    "exam.ron",
    "reports.ron",
    "diagrams/example.ron",
];

#[test]
fn the_fixture_dir_holds_every_data_file_and_nothing_else() {
    let mut found = Vec::new();
    for entry in walk(&fixture_dir()) {
        found.push(
            entry
                .strip_prefix(fixture_dir())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/"),
        );
    }
    found.sort();
    let mut expected: Vec<String> = FIXTURES.iter().map(|s| (*s).to_owned()).collect();
    expected.sort();
    assert_eq!(found, expected);
    assert!(
        check_dir(&fixture_dir()).is_empty(),
        "{:?}",
        check_dir(&fixture_dir())
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.path().is_dir() {
            out.extend(walk(&entry.path()));
        } else {
            out.push(entry.path());
        }
    }
    out
}

#[test]
fn every_v1_fixture_loads_through_the_store_with_every_field_set() {
    let dir = copy_fixtures();
    let dir = dir.path();

    let progress: Progress = load_fixture(dir, Progress::NAME);
    assert_eq!(progress.version, 1);
    assert!(!progress.blueprint.is_empty() && progress.selected_topic.is_some());
    assert!(!progress.read.is_empty() && !progress.annotations.is_empty());
    assert_eq!(progress.open_diagram.as_deref(), Some("diagrams/example.ron"));

    let settings: Settings = load_fixture(dir, Settings::NAME);
    let defaults = Settings::default();
    assert_eq!(settings.version, 1);
    assert_ne!(
        settings.desired_retention.to_bits(),
        defaults.desired_retention.to_bits()
    );
    assert!(progress::RETENTION_RANGE.contains(&settings.desired_retention));
    assert_ne!(settings.new_cards_per_day, defaults.new_cards_per_day);
    assert_ne!(settings.exam_timed, defaults.exam_timed);
    assert_ne!(settings.theme, defaults.theme);
    assert_ne!(settings.text_scale.to_bits(), defaults.text_scale.to_bits());
    assert!(progress::TEXT_SCALE_RANGE.contains(&settings.text_scale));

    let history: History = load_fixture(dir, History::NAME);
    assert_eq!(history.version, 1);
    let kinds: BTreeSet<&str> = history.answers.iter().map(|a| a.kind.label()).collect();
    assert_eq!(kinds.len(), 3, "answers from every kind of session");
    assert!(history.answers.iter().any(|a| a.flagged && !a.correct));
    assert!(history.answers.iter().any(|a| a.chosen.len() > 1));
    assert!(history.answers.iter().all(|a| a.elapsed_secs > 0.0));
    assert!(
        history
            .sessions
            .iter()
            .any(|s| s.scaled_score.is_some() && s.kind == SessionKind::Exam)
    );
    assert!(history.sessions.iter().any(|s| s.cards > 0));
    assert!(history.sessions.iter().any(|s| !s.per_domain.is_empty()));

    let schedule: Schedule = load_fixture(dir, Schedule::NAME);
    assert_eq!(schedule.version, 1);
    assert!(schedule.items.keys().any(|k| matches!(k, ItemKey::Question(_))));
    assert!(schedule.items.keys().any(|k| matches!(k, ItemKey::Card(_))));
    assert!(schedule.items.values().any(|s| s.lapses > 0 && s.reps > 0));
    let grades: BTreeSet<&str> = schedule.reviews.iter().map(|r| r.grade.label()).collect();
    assert_eq!(grades.len(), Grade::ALL.len(), "every grade appears");
    // The fixture's memory states are ones FSRS accepts: reviewing continues from them.
    let mut next = schedule.clone();
    let key = next.items.keys().next().unwrap().clone();
    next.review(
        key,
        Grade::Good,
        START + 10 * DAY_SECS,
        settings.desired_retention,
    )
    .unwrap();

    let exam: ExamFile = load_fixture(dir, ExamFile::NAME);
    assert_eq!(exam.version, 1);
    let session = exam.exam.expect("an exam in progress");
    assert_eq!(session.kind, SessionKind::Exam);
    assert!(!session.is_finished(), "in progress");
    assert_eq!(session.items.len(), session.responses.len());
    assert!(session.time_limit_secs.is_some() && session.elapsed_secs > 0 && session.position > 0);
    assert!(session.responses.iter().any(|r| r.submitted));
    assert!(session.responses.iter().any(|r| r.flagged));
    assert!(session.responses.iter().any(|r| r.revealed && r.grade.is_some()));
    assert!(session.remaining_secs(0).is_some_and(|left| left > 0));

    let reports: Reports = load_fixture(dir, Reports::NAME);
    assert_eq!(reports.version, 1);
    assert!(reports.reports.len() >= 2);
    assert!(reports.reports.iter().any(|r| r.remark.contains('"')));

    let diagram: Diagram = load_fixture(dir, "diagrams/example.ron");
    assert_eq!(diagram.version, 1);
    assert!(!diagram.description.is_empty() && !diagram.role_arn.is_empty());
    assert!(!diagram.artifact_bucket.is_empty() && diagram.artifact_stores.len() >= 2);
    let actions: Vec<_> = diagram.actions().map(|(_, a)| a).collect();
    let categories: BTreeSet<Category> = actions.iter().map(|a| a.category).collect();
    // Compute (the Commands action) came after version 1 of the diagram file.
    let v1_categories: BTreeSet<Category> = Category::ALL
        .into_iter()
        .filter(|c| *c != Category::Compute)
        .collect();
    assert_eq!(categories, v1_categories, "every category of version 1 appears");
    assert!(actions.iter().any(|a| a.owner == Owner::Custom));
    assert!(actions.iter().any(|a| a.version != "1"));
    assert!(actions.iter().any(|a| a.run_order > 1));
    assert!(actions.iter().any(|a| a.region.is_some()));
    assert!(actions.iter().any(|a| a.role_arn.is_some()));
    assert!(actions.iter().any(|a| a.namespace.is_some()));
    assert!(actions.iter().any(|a| a.x > 0.0));
    assert!(
        actions
            .iter()
            .any(|a| !a.inputs.is_empty() && !a.outputs.is_empty())
    );
    assert!(actions.iter().all(|a| a.id.0 > 0));
    let mut tidied = diagram.clone();
    stagecraft::pipeline::layout::tidy(&mut tidied);
    assert_eq!(tidied, diagram, "the fixture is laid out as the editor leaves it");
}

// ---------------------------------------------------------------------------------------------
// Files from a newer version
// ---------------------------------------------------------------------------------------------

/// The fixture as a later Stagecraft might write it: version 99 and a field this build lacks.
fn from_version_99(name: &str) -> String {
    let text = fixture(name);
    assert!(text.starts_with("(\n  version: 1,\n"), "{name}");
    let body = text.strip_suffix(")\n").unwrap();
    format!(
        "(\n  version: 99,\n{}  hologram: (depth: 3),\n)\n",
        &body["(\n  version: 1,\n".len()..]
    )
}

fn newer_file_is_refused<T: DataFile + std::fmt::Debug>(name: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let newer = from_version_99(name);
    std::fs::write(&path, &newer).unwrap();

    let mut store = Store::open(dir.path()).unwrap().with_clock(Clock::manual(START));
    let err = store.load_at::<T>(name).unwrap_err();
    assert!(
        matches!(
            err,
            LoadError::TooNew {
                version: 99,
                supported: 1,
                ..
            }
        ),
        "{name}: {err:?}"
    );
    let shown = err.to_string();
    assert_eq!(
        shown,
        format!(
            "{}:1:1: written by a newer Stagecraft (file version 99, this build reads up to 1); it is left untouched",
            path.display()
        )
    );
    // Not overwritten by a save, not replaced by a restore, not reported differently by a check.
    let refused = store.save_at(name, &T::default()).unwrap_err();
    assert!(matches!(refused, SaveError::Blocked { .. }), "{name}: {refused}");
    assert!(store.restore_newest_backup::<T>(name).is_err());
    assert_eq!(check_dir(dir.path()), [err]);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        newer,
        "{name} left byte for byte"
    );
    assert!(
        !dir.path().join("backups").exists(),
        "no backup or migration was attempted"
    );
}

#[test]
fn a_newer_progress_file_is_refused_and_left_untouched() {
    newer_file_is_refused::<Progress>(Progress::NAME);
}

#[test]
fn a_newer_settings_file_is_refused_and_left_untouched() {
    newer_file_is_refused::<Settings>(Settings::NAME);
}

#[test]
fn a_newer_history_file_is_refused_and_left_untouched() {
    newer_file_is_refused::<History>(History::NAME);
}

#[test]
fn a_newer_schedule_file_is_refused_and_left_untouched() {
    newer_file_is_refused::<Schedule>(Schedule::NAME);
}

#[test]
fn a_newer_exam_file_is_refused_and_left_untouched() {
    newer_file_is_refused::<ExamFile>(ExamFile::NAME);
}

#[test]
fn a_newer_reports_file_is_refused_and_left_untouched() {
    newer_file_is_refused::<Reports>(Reports::NAME);
}

#[test]
fn a_newer_diagram_is_refused_and_left_untouched() {
    newer_file_is_refused::<Diagram>("diagrams/example.ron");
}
