//! Merging a synced data folder, case by case: the first start on version 1 files, conflict
//! copies of each sync tool, a diagram changed on two machines, a damaged journal line, the
//! command-line report on a folder with copies, and (in the window) the device id in Settings
//! and a live merge of what another machine's journal brings.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use stagecraft::progress::{Clock, DataFile, Progress, Store};
use stagecraft::quiz::{AnswerRecord, History, SessionKind};
use stagecraft::sync::event::{Entry, Event, answer_id};
use stagecraft::sync::journal;

use crate::common;
use crate::sync_support::{Machine, START};
use egui_kittest::kittest::Queryable as _;

fn answer(n: u64) -> AnswerRecord {
    AnswerRecord {
        at_unix_secs: START + n * 60,
        session: 42,
        kind: SessionKind::Practice,
        question: format!("q{n}"),
        chosen: vec![0],
        correct: n.is_multiple_of(2),
        flagged: false,
        elapsed_secs: 8.0,
    }
}

fn history(ns: &[u64]) -> History {
    History {
        answers: ns.iter().copied().map(answer).collect(),
        ..History::default()
    }
}

fn write<T: DataFile>(dir: &Path, name: &str, value: &T) {
    std::fs::create_dir_all(dir.join(name).parent().unwrap()).unwrap();
    std::fs::write(dir.join(name), stagecraft::progress::to_ron(value).unwrap()).unwrap();
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn journal_lines(dir: &Path) -> usize {
    journal::read_all(dir).entries.len()
}

#[test]
fn version_1_files_migrate_once_into_this_devices_journal_and_stay_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/progress/v1"),
        dir.path(),
    );
    let before = std::fs::read(dir.path().join(History::NAME)).unwrap();
    let clock = Clock::manual(START);
    let (machine, report) = Machine::start(dir.path(), "alpha", &clock);
    assert!(report.migrated, "{report:?}");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let lines = journal_lines(dir.path());
    let h = &machine.state.history;
    let events =
        h.answers.len() + h.sessions.len() + h.challenges.len() + machine.state.schedule.reviews.len();
    assert!(
        lines >= events && events > 0,
        "{lines} journal lines for {events} records"
    );
    assert_eq!(
        std::fs::read(dir.path().join(History::NAME)).unwrap(),
        before,
        "the file is left as it was"
    );
    // Again: nothing more to migrate, nothing written twice.
    let (again, report) = Machine::start(dir.path(), "alpha", &clock);
    assert!(!report.migrated);
    assert_eq!(journal_lines(dir.path()), lines);
    assert_eq!(again.state, machine.state);
}

#[test]
fn a_migration_that_changes_a_file_backs_it_up_first() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), History::NAME, &history(&[1, 2]));
    let original = std::fs::read(dir.path().join(History::NAME)).unwrap();
    write(
        dir.path(),
        "history.sync-conflict-20261204-101010-ABCDEFG.ron",
        &history(&[3]),
    );
    let (machine, report) = Machine::start(dir.path(), "alpha", &Clock::manual(START));
    assert!(report.migrated);
    assert_eq!(machine.state.history.answers.len(), 3);
    let backups = machine.store.backups_of(History::NAME);
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(std::fs::read(&backups[0]).unwrap(), original);
}

#[test]
fn conflict_copies_of_every_tool_are_folded_in_then_removed_and_the_status_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, History::NAME, &history(&[1, 2]));
    let copies = [
        ("history.sync-conflict-20261204-101010-ABCDEFG.ron", 3),
        ("history (Laptop's conflicted copy 2026-12-04).ron", 4),
        ("history-LAPTOP.ron", 5),
        ("history copy.ron", 6),
        ("history (1).ron", 7),
    ];
    for (name, n) in copies {
        // Each copy also holds the answers both machines already share.
        write(d, name, &history(&[1, n]));
    }
    // A copy of another device's journal, with an answer its journal lacks.
    journal::append(
        d,
        "beta",
        &[Entry::new("beta", 0, Event::Answer(answer(8)))],
        START,
    )
    .unwrap();
    let month = journal::month_file("beta", START);
    let scratch = d.join("scratch");
    journal::append(
        &scratch,
        "beta",
        &[Entry::new("beta", 0, Event::Answer(answer(9)))],
        START,
    )
    .unwrap();
    let copy = month.replace(".ron", ".sync-conflict-20261204-101010-BETABBB.ron");
    std::fs::rename(scratch.join(&month), d.join(&copy)).unwrap();
    std::fs::remove_dir_all(&scratch).unwrap();

    let (machine, report) = Machine::start(d, "alpha", &Clock::manual(START));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let mut ids: Vec<String> = machine.state.history.answers.iter().map(answer_id).collect();
    ids.sort();
    let mut want: Vec<String> = (1..=9).map(|n| answer_id(&answer(n))).collect();
    want.sort();
    assert_eq!(ids, want, "every answer once");
    assert!(stagecraft::sync::fold::find(d).is_empty(), "no copy left");
    let summary = report.summary().unwrap();
    for (name, _) in copies {
        assert!(summary.contains(name), "{summary}");
    }
    assert!(summary.contains(&copy), "{summary}");
    assert!(summary.contains("from ABCDEFG: 1 answer"), "{summary}");
    assert!(summary.contains("from Laptop: 1 answer"), "{summary}");
    // The merged file holds them all, and a second start changes nothing.
    let saved: History = stagecraft::progress::read_only(&d.join(History::NAME)).unwrap();
    assert_eq!(saved.answers.len(), 9);
    let (_, again) = Machine::start(d, "alpha", &Clock::manual(START));
    assert_eq!(again.summary(), None);
}

#[test]
fn a_copy_that_cannot_be_read_is_named_and_left_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, History::NAME, &history(&[1]));
    let name = "history.sync-conflict-20261204-101010-ABCDEFG.ron";
    std::fs::write(d.join(name), "(version: 1, answers: [(at_unix_secs: ").unwrap();
    let (machine, report) = Machine::start(d, "alpha", &Clock::manual(START));
    assert_eq!(machine.state.history.answers.len(), 1);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains(name) && p.contains(":1:")),
        "{:?}",
        report.problems
    );
    assert!(d.join(name).exists(), "the copy is kept");
}

#[test]
fn a_damaged_journal_line_is_named_and_the_other_lines_still_count() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let entries: Vec<Entry> = (1..=3)
        .map(|n| Entry::new("beta", 0, Event::Answer(answer(n))))
        .collect();
    let path = journal::append(d, "beta", &entries, START).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(
        2,
        "(id: \"0\", at: 1, device: \"beta\", event: Answer((at_unix_secs: ",
    );
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let damaged = std::fs::read(&path).unwrap();
    let (machine, report) = Machine::start(d, "alpha", &Clock::manual(START));
    assert_eq!(machine.state.history.answers.len(), 3);
    let place = format!("{}:3:", journal::month_file("beta", START));
    assert!(
        report.problems.iter().any(|p| p.contains(&place)),
        "{:?}",
        report.problems
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        damaged,
        "the journal is left as it was"
    );
    // `progress check` names it too.
    let errors = stagecraft::data_files::check_dir(d);
    assert!(
        errors.iter().any(|e| e.to_string().contains(&place)),
        "{errors:?}"
    );
}

#[test]
fn a_diagram_changed_on_two_machines_keeps_both_versions() {
    use stagecraft::pipeline::Diagram;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut store = Store::open(d).unwrap();
    store
        .save_at("diagrams/deploy.ron", &Diagram::new("Deploy"))
        .unwrap();
    let mut theirs = Diagram::new("Deploy");
    theirs.description = "edited on the laptop".to_owned();
    store
        .save_at(
            "diagrams/deploy.sync-conflict-20261204-101010-LAPTOPX.ron",
            &theirs,
        )
        .unwrap();
    // A copy identical to its original simply goes.
    std::fs::copy(d.join("diagrams/deploy.ron"), d.join("diagrams/deploy copy.ron")).unwrap();
    let (machine, report) = Machine::start(d, "alpha", &Clock::manual(START));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let names: Vec<String> = stagecraft::progress::diagrams::list(&machine.store)
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, ["Deploy", "Deploy (from LAPTOPX)"]);
    assert!(stagecraft::sync::fold::find(d).is_empty());
    assert!(report.summary().unwrap().contains("Deploy (from LAPTOPX)") || report.diagrams_kept.len() == 1);
}

#[test]
fn progress_report_json_counts_every_devices_answers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, History::NAME, &history(&[1, 2, 3]));
    write(
        d,
        "history (Laptop's conflicted copy 2026-12-04).ron",
        &history(&[1, 4, 5]),
    );
    write(
        d,
        "history.sync-conflict-20261204-101010-ABCDEFG.ron",
        &history(&[6]),
    );
    let beta: Vec<Entry> = [7, 8]
        .iter()
        .map(|&n| Entry::new("beta", 0, Event::Answer(answer(n))))
        .collect();
    journal::append(d, "beta", &beta, START).unwrap();
    let listing = |d: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing(d);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stagecraft"))
        .args(["progress", "report", "--json", "--data-dir"])
        .arg(d)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["answers"], 8, "{value}");
    assert_eq!(listing(d), before, "a report changes nothing");
}

#[test]
fn settings_name_this_device() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::app_harness(dir.path());
    harness.get_by_label("Settings…").click();
    harness.run_steps(3);
    let device = stagecraft::sync::device::this_device(dir.path()).unwrap();
    let label = format!("This device: {}", device.id);
    assert!(
        harness.query_all_by_label_contains(&label).next().is_some(),
        "Settings shows {label}"
    );
}

#[test]
fn what_another_machine_brings_is_merged_while_the_window_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut harness = common::app_harness(d);
    harness.run_steps(2);
    assert_eq!(harness.state().history().answers.len(), 0);
    // The sync tool brings the laptop's journal.
    let beta: Vec<Entry> = [1, 2]
        .iter()
        .map(|&n| Entry::new("laptop-1", 0, Event::Answer(answer(n))))
        .collect();
    journal::append(d, "laptop-1", &beta, START).unwrap();
    let mut merged = false;
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        harness.run_steps(1);
        if harness.state().history().answers.len() == 2 {
            merged = true;
            break;
        }
    }
    assert!(
        merged,
        "the answers arrived; status: {}",
        harness.state().status_text()
    );
    assert!(
        harness.state().status_text().contains("from laptop-1: 2 answers"),
        "{}",
        harness.state().status_text()
    );
    // And what this machine had in memory is still there: the merged file holds both sides'.
    let saved: History = stagecraft::progress::read_only(&d.join(History::NAME)).unwrap();
    assert_eq!(saved.answers.len(), 2);
    let progress: Progress = stagecraft::progress::read_only(&d.join(Progress::NAME)).unwrap();
    let _ = progress;
}
