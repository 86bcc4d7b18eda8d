//! Bad data is never loaded as defaults in silence: a misspelt or unknown key at the root of any
//! data file, a NaN, a value outside its range, a time no clock gives, or counts that disagree
//! make the file a load error at `path:line:col` of the bad key, the file keeps its exact bytes,
//! it is blocked from being written over, `progress check` reports the same error, and the real
//! app shows it in the damaged-file banner.
//!
//! Every case starts from a released fixture (`tests/fixtures/progress/v1`) with one edit.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::path::{Path, PathBuf};

use crate::common::app_harness_with_clock;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use stagecraft::data_files::check_dir;
use stagecraft::pipeline::Diagram;
use stagecraft::progress::{
    Clock, DataFile, LoadError, MAX_NEW_CARDS_PER_DAY, Progress, RETENTION_RANGE, Reports, Settings, Store,
    TEXT_SCALE_RANGE,
};
use stagecraft::quiz::{ExamFile, History, Schedule};

const START: u64 = 1_795_729_910;

/// Loads the file named `name` as one data file type.
type Load = fn(&mut Store, &str) -> Result<(), LoadError>;

fn load<T: DataFile>(store: &mut Store, name: &str) -> Result<(), LoadError> {
    store.load_at::<T>(name).map(|_| ())
}

/// The data files, each with its fixture name and loader.
const FILES: [(&str, Load); 7] = [
    ("progress.ron", load::<Progress>),
    ("settings.ron", load::<Settings>),
    ("history.ron", load::<History>),
    ("schedule.ron", load::<Schedule>),
    ("exam.ron", load::<ExamFile>),
    ("reports.ron", load::<Reports>),
    ("diagrams/example.ron", load::<Diagram>),
];

fn loader(name: &str) -> Load {
    FILES.iter().find(|(n, _)| *n == name).unwrap().1
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/progress/v1")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

/// The fixture `name` with the `nth` (from 0) `from` replaced by `to`, and the 1-based line and
/// column where `to` starts.
fn edited(name: &str, from: &str, nth: usize, to: &str) -> (String, (usize, usize)) {
    let text = fixture(name);
    let at = text
        .match_indices(from)
        .nth(nth)
        .unwrap_or_else(|| panic!("{name} has no {nth}th {from:?}"))
        .0;
    let edited = format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rfind('\n').map_or(at, |nl| at - nl - 1) + 1;
    (edited, (line, col))
}

/// Writes `text` as `name` in a data dir of its own and loads it, expecting a refusal: returns
/// the error after checking that the file kept its bytes, is blocked from writes, and that
/// `progress check` reports the same.
fn refused(name: &str, text: &str) -> (tempfile::TempDir, PathBuf, LoadError) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().to_path_buf();
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    let mut store = Store::open(&dir).unwrap().with_clock(Clock::manual(START));
    let err =
        loader(name)(&mut store, name).expect_err(&format!("{name} loaded although it should not:\n{text}"));
    assert!(store.blocked().contains_key(name), "{name} is not blocked: {err}");
    assert_eq!(
        check_dir(&dir),
        std::slice::from_ref(&err),
        "progress check disagrees"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "{name} was changed"
    );
    assert_eq!(walk(&dir), std::slice::from_ref(&path), "nothing else is written");
    (temp, path, err)
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

/// Asserts the error is `path:line:col: message` with the message containing `part`.
fn assert_place(path: &Path, err: &LoadError, (line, col): (usize, usize), part: &str) {
    let shown = err.to_string();
    let prefix = format!("{}:{line}:{col}: ", path.display());
    assert!(
        matches!(err, LoadError::Damaged { .. }) && shown.starts_with(&prefix),
        "expected {prefix}…, got {shown}"
    );
    assert!(shown.contains(part), "{shown} should say {part:?}");
}

/// A key a released file never had, misspelt from one it has (each of them a field the store
/// used to fill with its default in silence), is refused at its place in every data file.
#[test]
fn a_misspelt_key_is_refused_at_its_place() {
    let cases = [
        ("progress.ron", "blueprint:", "bluepront:"),
        ("settings.ron", "desired_retention:", "desired_retenton:"),
        ("history.ron", "answers:", "answer:"),
        ("schedule.ron", "items:", "itens:"),
        ("exam.ron", "exam:", "exams:"),
        ("reports.ron", "reports:", "report:"),
        ("diagrams/example.ron", "description:", "descripton:"),
    ];
    for (name, from, to) in cases {
        let (text, place) = edited(name, from, 0, to);
        let (_dir, path, err) = refused(name, &text);
        let key = to.trim_end_matches(':');
        assert_place(&path, &err, place, &format!("`{key}`"));
    }
}

/// A key added at the root of each file (or of the exam inside exam.ron) is refused, not
/// dropped by the next save.
#[test]
fn an_unknown_key_is_refused_at_its_place() {
    for (name, _) in FILES {
        let (text, place) = edited(name, "version: 1,\n", 0, "hologram: true,\n  version: 1,\n");
        let (_dir, path, err) = refused(name, &text);
        assert_place(&path, &err, place, "`hologram`");
    }
    // The exam's own fields (the second `version: 1,` of exam.ron).
    let (text, place) = edited(
        "exam.ron",
        "version: 1,\n",
        1,
        "hologram: true,\n    version: 1,\n",
    );
    let (_dir, path, err) = refused("exam.ron", &text);
    assert_place(&path, &err, place, "`hologram`");
}

/// A NaN desired retention is refused, naming the range; so is a NaN anywhere a number is
/// kept.
#[test]
fn a_nan_is_refused_at_its_place() {
    let low = RETENTION_RANGE.start();
    let high = RETENTION_RANGE.end();
    let cases = [
        (
            "settings.ron",
            "desired_retention: 0.85",
            0,
            "desired_retention: NaN",
            format!("desired_retention is NaN; it must be from {low} to {high}"),
        ),
        (
            "settings.ron",
            "text_scale: 1.25",
            0,
            "text_scale: NaN",
            "text_scale is NaN".to_owned(),
        ),
        (
            "schedule.ron",
            "stability: 0.40255",
            0,
            "stability: NaN",
            "stability is NaN".to_owned(),
        ),
        (
            "history.ron",
            "elapsed_secs: 95.25",
            0,
            "elapsed_secs: NaN",
            "elapsed_secs is NaN".to_owned(),
        ),
        (
            "exam.ron",
            "elapsed_secs: 12.25",
            0,
            "elapsed_secs: NaN",
            "elapsed_secs is NaN".to_owned(),
        ),
    ];
    for (name, from, nth, to, message) in cases {
        let (text, place) = edited(name, from, nth, to);
        let (_dir, path, err) = refused(name, &text);
        assert_place(&path, &err, place, &message);
    }
}

/// Values outside their range, times no clock gives and counts that disagree are refused at
/// the key that holds them; the ends of each settings range still load, to exactly that value.
#[test]
fn an_out_of_range_value_is_refused_at_its_place() {
    let over_max = format!("new_cards_per_day: {}", MAX_NEW_CARDS_PER_DAY + 1);
    let cases: Vec<(&str, &str, usize, &str, &str)> = vec![
        (
            "settings.ron",
            "desired_retention: 0.85",
            0,
            "desired_retention: 0.5",
            "desired_retention is 0.5",
        ),
        (
            "settings.ron",
            "desired_retention: 0.85",
            0,
            "desired_retention: 1.0",
            "desired_retention is 1",
        ),
        (
            "settings.ron",
            "desired_retention: 0.85",
            0,
            "desired_retention: inf",
            "desired_retention is inf",
        ),
        (
            "settings.ron",
            "text_scale: 1.25",
            0,
            "text_scale: 3.0",
            "text_scale is 3",
        ),
        (
            "settings.ron",
            "text_scale: 1.25",
            0,
            "text_scale: 0.0",
            "text_scale is 0",
        ),
        (
            "settings.ron",
            "new_cards_per_day: 12",
            0,
            &over_max,
            "new_cards_per_day is 201",
        ),
        (
            "schedule.ron",
            "stability: 3.173",
            0,
            "stability: -3.173",
            "stability is -3.173",
        ),
        (
            "schedule.ron",
            "difficulty: 4.9013",
            0,
            "difficulty: 0.0",
            "difficulty is 0",
        ),
        (
            "schedule.ron",
            "stability: 8.2956",
            0,
            "stability: inf",
            "stability is inf",
        ),
        (
            "schedule.ron",
            "due_unix_secs: 1796009110",
            0,
            "due_unix_secs: 1795000000",
            "before the last review",
        ),
        (
            "schedule.ron",
            "at_unix_secs: 1795730000",
            0,
            "at_unix_secs: 1795730000000000",
            "after the year 9999",
        ),
        (
            "history.ron",
            "elapsed_secs: 41.5",
            0,
            "elapsed_secs: -41.5",
            "elapsed_secs is -41.5",
        ),
        (
            "history.ron",
            "at_unix_secs: 1795740000",
            0,
            "at_unix_secs: 1795740000000",
            "after the year 9999",
        ),
        (
            "history.ron",
            "correct: 58",
            0,
            "correct: 76",
            "correct is 76, more than the 75 questions",
        ),
        (
            "history.ron",
            "scaled_score: Some(812)",
            0,
            "scaled_score: Some(1200)",
            "scaled_score is 1200",
        ),
        (
            "history.ron",
            "\"2\": (10, 13)",
            0,
            "\"2\": (14, 13)",
            "14 right of 13",
        ),
        (
            "exam.ron",
            "position: 1",
            0,
            "position: 4",
            "position is 4, past the last of 4 items",
        ),
        (
            "exam.ron",
            "elapsed_secs: 9.0",
            0,
            "elapsed_secs: -9.0",
            "elapsed_secs is -9",
        ),
        (
            "exam.ron",
            "started_at_unix_secs: 1795760000",
            0,
            "started_at_unix_secs: 18446744073709551615",
            "after the year 9999",
        ),
        (
            "progress.ron",
            "\"codebuild\": 1795700000",
            0,
            "\"codebuild\": 1795700000000000",
            "after the year 9999",
        ),
        (
            "reports.ron",
            "at_unix_secs: 1795733510",
            0,
            "at_unix_secs: 99999999999999",
            "after the year 9999",
        ),
    ];
    for (name, from, nth, to, message) in cases {
        let (text, place) = edited(name, from, nth, to);
        let (_dir, path, err) = refused(name, &text);
        assert_place(&path, &err, place, message);
    }

    // One item fewer than responses: the exam could be neither shown nor scored.
    let text = fixture("exam.ron").replacen("      Card(\"iac-cfn-deletion-policy\"),\n", "", 1);
    let at = text.find("responses:").unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').unwrap();
    let (_dir, path, err) = refused("exam.ron", &text);
    assert_place(&path, &err, (line, col), "4 responses for 3 items");

    // The ends of every range load, to exactly that value.
    let ends = [
        (
            "desired_retention: 0.85",
            format!("desired_retention: {low}", low = RETENTION_RANGE.start()),
        ),
        (
            "desired_retention: 0.85",
            format!("desired_retention: {high}", high = RETENTION_RANGE.end()),
        ),
        (
            "text_scale: 1.25",
            format!("text_scale: {low}", low = TEXT_SCALE_RANGE.start()),
        ),
        (
            "text_scale: 1.25",
            format!("text_scale: {high}", high = TEXT_SCALE_RANGE.end()),
        ),
        ("new_cards_per_day: 12", "new_cards_per_day: 0".to_owned()),
        (
            "new_cards_per_day: 12",
            format!("new_cards_per_day: {MAX_NEW_CARDS_PER_DAY}"),
        ),
    ];
    for (from, to) in ends {
        let (text, _) = edited("settings.ron", from, 0, &to);
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("settings.ron"), &text).unwrap();
        let loaded = Store::open(dir.path()).unwrap().load::<Settings>().unwrap();
        let expected: Settings = ron::from_str(&text).unwrap();
        assert_eq!(loaded, expected, "{to}");
    }
}

/// The store never writes a value it would refuse to read back: the save fails, the file on
/// disk stays as it was, and nothing is clamped.
#[test]
fn a_value_that_would_be_refused_is_never_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap().with_clock(Clock::manual(START));
    let good = Settings {
        desired_retention: 0.85,
        ..Settings::default()
    };
    store.save(&good).unwrap();
    let before = std::fs::read(dir.path().join("settings.ron")).unwrap();
    for bad in [
        Settings {
            desired_retention: f32::NAN,
            ..good.clone()
        },
        Settings {
            text_scale: 2.5,
            ..good.clone()
        },
        Settings {
            new_cards_per_day: MAX_NEW_CARDS_PER_DAY + 1,
            ..good.clone()
        },
    ] {
        let err = store.save(&bad).expect_err("an invalid value was saved");
        assert!(err.to_string().contains("settings.ron is not saved: "), "{err}");
        assert_eq!(std::fs::read(dir.path().join("settings.ron")).unwrap(), before);
    }
    assert_eq!(store.load::<Settings>().unwrap(), good);
}

/// The real app: a NaN retention in settings.ron and a misspelt key in progress.ron each get a
/// row in the damaged-file banner naming file, line and column, and neither file is written
/// while the app runs.
#[test]
fn the_app_shows_bad_values_in_the_damaged_file_banner() {
    let dir = tempfile::tempdir().unwrap();
    let (settings, settings_place) = edited(
        "settings.ron",
        "desired_retention: 0.85",
        0,
        "desired_retention: NaN",
    );
    let (progress, progress_place) = edited("progress.ron", "blueprint:", 0, "bluepront:");
    std::fs::write(dir.path().join("settings.ron"), &settings).unwrap();
    std::fs::write(dir.path().join("progress.ron"), &progress).unwrap();

    let mut harness = app_harness_with_clock(dir.path(), Clock::manual(START));
    harness.run_steps(3);
    assert_eq!(harness.state().damaged_files().len(), 2);
    for (name, (line, col), part) in [
        ("settings.ron", settings_place, "desired_retention is NaN"),
        ("progress.ron", progress_place, "`bluepront`"),
    ] {
        let wanted = format!("{name} could not be read: ");
        let row = harness
            .query_by_label_contains(&wanted)
            .unwrap_or_else(|| panic!("no banner row for {name}"));
        let node = row.accesskit_node();
        let label = node.label().or_else(|| node.value()).unwrap_or_default();
        let place = format!("{}:{line}:{col}: ", dir.path().join(name).display());
        assert!(label.contains(&place) && label.contains(part), "{label}");
    }
    harness.run_steps(5);
    drop(harness);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("settings.ron")).unwrap(),
        settings
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("progress.ron")).unwrap(),
        progress
    );
}
