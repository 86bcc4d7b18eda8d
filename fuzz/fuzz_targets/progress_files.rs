//! Arbitrary bytes as every data file of the progress directory, loaded through the store the
//! way the app loads them: the load returns a value or a `path:line:col` error, never panics,
//! never changes the file, and a value that loads saves to text that loads back the same.

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use stagecraft::pipeline::Diagram;
use stagecraft::progress::{self, DataFile, LoadError, Progress, Reports, Settings, Store};
use stagecraft::quiz::{ExamFile, History, Schedule};

/// One scratch data dir for the whole run (a fresh dir per input would cost more than the load).
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("stagecraft-fuzz-progress-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("diagrams")).unwrap();
        dir
    })
}

fn check<T: DataFile + PartialEq + std::fmt::Debug>(name: &str, data: &[u8]) {
    let dir = scratch();
    let path = dir.join(name);
    std::fs::write(&path, data).unwrap();
    let mut store = Store::open(dir).unwrap();
    match store.load_at::<T>(name) {
        Ok(value) => {
            // What loads must save and load back unchanged in text: otherwise the next save
            // would write a file the next start cannot read.
            let text =
                progress::to_ron(&value).unwrap_or_else(|e| panic!("{name}: cannot save what loaded: {e}"));
            let again: T = ron::from_str(&text)
                .unwrap_or_else(|e| panic!("{name}: the saved text does not load: {e}\n{text}"));
            let text_again = progress::to_ron(&again).unwrap();
            assert_eq!(text, text_again, "{name}: saving is not stable");
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
    let inspected = progress::inspect::<T>(&path);
    assert_eq!(
        inspected.is_ok(),
        store.blocked().get(name).is_none(),
        "{name}: inspect disagrees"
    );
    std::fs::remove_file(&path).unwrap();
}

fuzz_target!(|data: &[u8]| {
    check::<Progress>(Progress::NAME, data);
    check::<Settings>(Settings::NAME, data);
    check::<History>(History::NAME, data);
    check::<Schedule>(Schedule::NAME, data);
    check::<ExamFile>(ExamFile::NAME, data);
    check::<Reports>(Reports::NAME, data);
    check::<Diagram>("diagrams/fuzz.ron", data);
});
