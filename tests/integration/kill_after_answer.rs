//! A learner's answer survives a kill -9 straight after it is given: the child process runs the
//! real app, answers one question, says so, and is killed at once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common;

use std::io::{BufRead, BufReader, Write as _};
use std::path::Path;

use egui_kittest::kittest::Queryable as _;
use stagecraft::quiz::{History, ItemKey, Schedule};

const CHILD_DIR_ENV: &str = "STAGECRAFT_KILL_TEST_DIR";

#[test]
#[ignore = "run by an_answer_survives_kill_9_straight_after_it_is_given as its child process"]
fn answering_child() {
    let Some(dir) = std::env::var_os(CHILD_DIR_ENV) else {
        return;
    };
    let mut harness = common::app_harness(Path::new(&dir));
    harness.get_by_label("Quiz").click();
    harness.run_steps(2);
    harness.get_by_label("Start practice").click();
    harness.run_steps(2);
    let question = common::answer(&mut harness, false);
    harness.get_by_label("Submit").click();
    harness.run_steps(1);
    println!("answered {}", question.id);
    std::io::stdout().flush().unwrap();
    loop {
        std::thread::sleep(std::time::Duration::from_secs(1));
    }
}

#[test]
fn an_answer_survives_kill_9_straight_after_it_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = common::child_test(
        &std::env::current_exe().unwrap(),
        "kill_after_answer::answering_child",
    )
    .env(CHILD_DIR_ENV, dir.path())
    .spawn()
    .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let answered = BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find_map(|line| {
                // The test harness may print "test answering_child ... " on the same line first.
                line.split_once("answered ").map(|(_, id)| id.trim().to_owned())
            });
        let _ = sender.send(answered);
    });
    let answered = receiver.recv_timeout(std::time::Duration::from_secs(120));
    child.kill().unwrap();
    let question = answered
        .ok()
        .flatten()
        .expect("the child answered a question within two minutes");
    child.wait().unwrap();

    let history: History = common::saved(dir.path(), "history.ron");
    assert_eq!(history.answers.len(), 1);
    assert_eq!(history.answers[0].question, question);
    assert!(!history.answers[0].correct);
    let schedule: Schedule = common::saved(dir.path(), "schedule.ron");
    assert!(schedule.items.contains_key(&ItemKey::Question(question)));
}
