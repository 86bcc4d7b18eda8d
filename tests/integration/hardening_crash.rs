//! kill -9 at random moments during saves of each kind the app makes, at least 1,000
//! acknowledged saves per kind (200 of the large progress file):
//! - an answer: an `AnswerRecord` pushed and `history.ron` saved, then the question reviewed in
//!   the schedule and `schedule.ron` saved (the order the quiz saves them in);
//! - a review: a recall card reviewed and `schedule.ron` saved;
//! - a diagram edit: an `edit::UndoHistory::perform` on the diagram, then `diagrams/x.ron` saved;
//! - a progress save: a counter in `progress.ron` padded to 200 KB, so that each write takes
//!   long enough for kills to land inside it.
//!
//! The test runs itself as the child (`crash_child`, ignored in normal runs): it resumes from the
//! files, then saves in a loop, printing `saving N` before and `acked N` after each save. The
//! parent kills it at a random moment inside a save, reads every line the child managed to
//! print, and checks that every file left parses through the store and holds exactly the state
//! of the last acknowledged save or of the next one (the states are deterministic, so the parent
//! replays them). Kill moments are drawn over the time a save takes, measured as the test runs;
//! how many land inside a save depends on the machine, so it is printed, not asserted. A child
//! that says nothing for [`WATCHDOG`] fails the test instead of hanging it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common;
use std::collections::BTreeMap;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Child;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};
use stagecraft::pipeline::Text;
use stagecraft::pipeline::edit::{self, Op};
use stagecraft::pipeline::{Action, Category, Diagram, Owner};
use stagecraft::progress::{DataFile, Progress, Store, inspect};
use stagecraft::quiz::{AnswerRecord, Grade, History, ItemKey, Schedule, SessionKind};

const CHILD_DIR_ENV: &str = "STAGECRAFT_HARDENING_CRASH_DIR";
const CHILD_KIND_ENV: &str = "STAGECRAFT_HARDENING_CRASH_KIND";
/// Acknowledged saves each kind must reach (the padded progress file: [`PROGRESS_ACKED_SAVES`]).
const ACKED_SAVES: u64 = 1_000;
/// Each save of the padded `progress.ron` writes 200 KB and takes several milliseconds.
const PROGRESS_ACKED_SAVES: u64 = 200;
/// The child has said nothing for this long: it hangs.
const WATCHDOG: Duration = Duration::from_secs(30);
/// 2026-11-26T21:51:50Z.
const START: u64 = 1_795_729_910;
const DIAGRAM_FILE: &str = "diagrams/x.ron";
/// The key of `progress.ron`'s `read` map that counts the saves.
const COUNTER: &str = "counter";

// ---------------------------------------------------------------------------------------------
// The saves, deterministic in their number so the parent can replay them
// ---------------------------------------------------------------------------------------------

fn question(n: u64) -> ItemKey {
    ItemKey::Question(format!("q-{:02}", n % 40))
}

/// Answer `n` (1-based), as the quiz records it.
fn answer_record(n: u64) -> AnswerRecord {
    AnswerRecord {
        at_unix_secs: START + n * 60,
        session: START * 1000,
        kind: SessionKind::Practice,
        question: format!("q-{:02}", n % 40),
        chosen: vec![usize::try_from(n % 4).unwrap()],
        correct: !n.is_multiple_of(3),
        flagged: n.is_multiple_of(7),
        elapsed_secs: 5.0 + (n % 90) as f32 * 0.75,
    }
}

/// Applies answer `n` to the history (the first save).
fn answer_history(history: &mut History, n: u64) {
    history.answers.push(answer_record(n));
}

/// Applies answer `n` to the schedule (the second save).
fn answer_schedule(schedule: &mut Schedule, n: u64) {
    let record = answer_record(n);
    let grade = Grade::from_answer(record.correct, record.flagged, record.elapsed_secs, Some(30.0));
    schedule
        .review(question(n), grade, record.at_unix_secs, 0.9)
        .unwrap();
}

/// Review `n` of a recall card.
fn review(schedule: &mut Schedule, n: u64) {
    let card = ItemKey::Card(format!("card-{:02}", n % 25));
    let grade = Grade::ALL[usize::try_from(n % 4).unwrap()];
    schedule.review(card, grade, START + n * 600, 0.9).unwrap();
}

/// Actions the diagram grows to; from then on each edit also deletes the oldest action, so the
/// file stays the size of a large real pipeline (about 80 KB) and the test stays quick.
const MAX_ACTIONS: usize = 250;

/// Edit `n` of the diagram: add an action to a lane (deleting the oldest once the diagram is
/// large) and retitle the pipeline, as one undoable step (the editor's "finished edit").
fn diagram_edit(diagram: &mut Diagram, undo: &mut edit::UndoHistory, n: u64) {
    let action = Action {
        id: diagram.next_id(),
        name: format!("Action{n}").into(),
        category: if n.is_multiple_of(2) {
            Category::Build
        } else {
            Category::Test
        },
        owner: Owner::AWS,
        provider: Text::from("CodeBuild"),
        version: Text::from("1"),
        run_order: u32::try_from(n % 3).unwrap() + 1,
        configuration: BTreeMap::from([("ProjectName".to_owned(), format!("project-{n}").into())]),
        inputs: vec![Text::from("SourceOutput")],
        outputs: vec![format!("Out{n}").into()],
        region: None,
        role_arn: None,
        namespace: None,
        x: (n % 5) as f32 * 37.5,
        ..Default::default()
    };
    let mut ops = vec![Op::InsertAction {
        stage: 1,
        index: 0,
        action,
    }];
    if diagram.action_count() >= MAX_ACTIONS {
        let oldest = diagram.actions().map(|(_, a)| a.id).min().unwrap();
        ops.push(Op::RemoveAction { id: oldest });
    }
    ops.push(Op::SetMeta {
        name: Text::from("Crash-tested pipeline"),
        description: format!("edit {n}"),
        role_arn: Text::from(String::new()),
        artifact_bucket: Text::from("bucket"),
    });
    undo.perform(diagram, "Add action", ops).unwrap();
}

/// Save `n` of `progress.ron`: the counter set to `n`, with a large annotation.
fn progress_save(progress: &mut Progress, n: u64) {
    progress
        .annotations
        .insert("padding".to_owned(), "x".repeat(200_000));
    progress.read.insert(COUNTER.to_owned(), n);
}

/// The diagram's edit number (0 before the first edit).
fn edits_in(diagram: &Diagram) -> u64 {
    diagram
        .description
        .strip_prefix("edit ")
        .map_or(0, |n| n.parse().unwrap())
}

// ---------------------------------------------------------------------------------------------
// The child
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Answer,
    Review,
    DiagramEdit,
    Progress,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Self::Answer => "answer",
            Self::Review => "review",
            Self::DiagramEdit => "diagram-edit",
            Self::Progress => "progress",
        }
    }

    fn acked_saves(self) -> u64 {
        match self {
            Self::Progress => PROGRESS_ACKED_SAVES,
            Self::Answer | Self::Review | Self::DiagramEdit => ACKED_SAVES,
        }
    }

    fn parse(name: &str) -> Self {
        [Self::Answer, Self::Review, Self::DiagramEdit, Self::Progress]
            .into_iter()
            .find(|k| k.name() == name)
            .unwrap()
    }
}

/// The child: resumes from the files and saves forever, acknowledging each save.
#[test]
#[ignore = "run by the kill_9_during_* tests as their child process"]
fn crash_child() {
    let (Some(dir), Some(kind)) = (
        std::env::var_os(CHILD_DIR_ENV),
        std::env::var(CHILD_KIND_ENV).ok(),
    ) else {
        return;
    };
    let mut store = Store::open(Path::new(&dir)).unwrap();
    match Kind::parse(&kind) {
        Kind::Answer => {
            let mut history: History = store.load().unwrap();
            let mut schedule: Schedule = store.load().unwrap();
            // Killed between the two saves: the schedule lacks the last answer's review. The
            // answer was never acknowledged, so it is made again from the start.
            let mut n = schedule.reviews.len() as u64;
            history.answers.truncate(schedule.reviews.len());
            loop {
                n += 1;
                println!("saving {n}");
                answer_history(&mut history, n);
                store.save(&history).unwrap();
                answer_schedule(&mut schedule, n);
                store.save(&schedule).unwrap();
                println!("acked {n}");
            }
        }
        Kind::Review => {
            let mut schedule: Schedule = store.load().unwrap();
            let mut n = schedule.reviews.len() as u64;
            loop {
                n += 1;
                println!("saving {n}");
                review(&mut schedule, n);
                store.save(&schedule).unwrap();
                println!("acked {n}");
            }
        }
        Kind::DiagramEdit => {
            let mut diagram: Diagram = store.load_at(DIAGRAM_FILE).unwrap();
            let mut undo = edit::UndoHistory::default();
            let mut n = edits_in(&diagram);
            loop {
                n += 1;
                println!("saving {n}");
                diagram_edit(&mut diagram, &mut undo, n);
                store.save_at(DIAGRAM_FILE, &diagram).unwrap();
                println!("acked {n}");
            }
        }
        Kind::Progress => {
            let mut progress: Progress = store.load().unwrap();
            let mut n = progress.read.get(COUNTER).copied().unwrap_or(0);
            loop {
                n += 1;
                println!("saving {n}");
                progress_save(&mut progress, n);
                store.save(&progress).unwrap();
                println!("acked {n}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The parent
// ---------------------------------------------------------------------------------------------

/// What the child said.
enum Said {
    Saving(u64),
    Acked(u64),
}

fn spawn_child(exe: &Path, dir: &Path, kind: Kind) -> (Child, Receiver<Said>) {
    let mut child = common::child_test(exe, "hardening_crash::crash_child")
        .env(CHILD_DIR_ENV, dir)
        .env(CHILD_KIND_ENV, kind.name())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            // The test harness may print "test crash_child ... " on the same line first.
            let said = if let Some((_, n)) = line.split_once("saving ") {
                Said::Saving(n.trim().parse().unwrap())
            } else if let Some((_, n)) = line.split_once("acked ") {
                Said::Acked(n.trim().parse().unwrap())
            } else {
                continue;
            };
            if sender.send(said).is_err() {
                return;
            }
        }
    });
    (child, receiver)
}

/// The states the files may hold, replayed from nothing: `at(n)` is the state after save `n`.
struct Replay {
    kind: Kind,
    n: u64,
    history: History,
    schedule: Schedule,
    diagram: Diagram,
    undo: edit::UndoHistory,
    progress: Progress,
}

impl Replay {
    fn new(kind: Kind) -> Self {
        Self {
            kind,
            n: 0,
            history: History::default(),
            schedule: Schedule::default(),
            diagram: Diagram::default(),
            undo: edit::UndoHistory::default(),
            progress: Progress::default(),
        }
    }

    fn step(&mut self) {
        self.n += 1;
        match self.kind {
            Kind::Answer => {
                answer_history(&mut self.history, self.n);
                answer_schedule(&mut self.schedule, self.n);
            }
            Kind::Review => review(&mut self.schedule, self.n),
            Kind::DiagramEdit => diagram_edit(&mut self.diagram, &mut self.undo, self.n),
            Kind::Progress => progress_save(&mut self.progress, self.n),
        }
    }

    /// Moves forward to the state after save `n` (saves only go forward).
    fn advance_to(&mut self, n: u64) {
        assert!(n >= self.n, "replay cannot go back from {} to {n}", self.n);
        while self.n < n {
            self.step();
        }
    }

    /// The state after the next save, leaving `self` where it is.
    fn peek_next(&self) -> Self {
        let mut next = Self {
            kind: self.kind,
            n: self.n,
            history: self.history.clone(),
            schedule: self.schedule.clone(),
            diagram: self.diagram.clone(),
            undo: edit::UndoHistory::default(),
            progress: self.progress.clone(),
        };
        next.step();
        next
    }
}

/// Loads a file through a fresh store, as the app starts; it must load.
fn load<T: DataFile>(dir: &Path, name: &str, context: &str) -> T {
    Store::open(dir)
        .unwrap()
        .load_at(name)
        .unwrap_or_else(|e| panic!("{context}: {name} does not load after a kill: {e}"))
}

/// Checks the files against the last acknowledged save `acked`; returns the save number they
/// hold, which the next child resumes from.
fn check_files(dir: &Path, kind: Kind, acked: u64, replay: &mut Replay, context: &str) -> u64 {
    replay.advance_to(acked);
    let next = replay.peek_next();
    let held = match kind {
        Kind::Answer => {
            let history: History = load(dir, History::NAME, context);
            let schedule: Schedule = load(dir, Schedule::NAME, context);
            let h = which_state(
                &history,
                &replay.history,
                &next.history,
                acked,
                context,
                "history.ron",
            );
            let s = which_state(
                &schedule,
                &replay.schedule,
                &next.schedule,
                acked,
                context,
                "schedule.ron",
            );
            assert!(
                s <= h,
                "{context}: schedule.ron is ahead of history.ron, which is saved first"
            );
            s
        }
        Kind::Review => {
            let schedule: Schedule = load(dir, Schedule::NAME, context);
            which_state(
                &schedule,
                &replay.schedule,
                &next.schedule,
                acked,
                context,
                "schedule.ron",
            )
        }
        Kind::DiagramEdit => {
            if acked == 0 && !dir.join(DIAGRAM_FILE).exists() {
                return 0;
            }
            let diagram: Diagram = load(dir, DIAGRAM_FILE, context);
            which_state(
                &diagram,
                &replay.diagram,
                &next.diagram,
                acked,
                context,
                DIAGRAM_FILE,
            )
        }
        Kind::Progress => {
            if acked == 0 && !dir.join(Progress::NAME).exists() {
                return 0;
            }
            let progress: Progress = load(dir, Progress::NAME, context);
            which_state(
                &progress,
                &replay.progress,
                &next.progress,
                acked,
                context,
                Progress::NAME,
            )
        }
    };
    // Backups taken by each child's first save parse too.
    for entry in std::fs::read_dir(dir.join("backups"))
        .into_iter()
        .flatten()
        .flatten()
    {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let parsed = if name.starts_with("history.ron.") {
            inspect::<History>(&path).map(drop)
        } else if name.starts_with("schedule.ron.") {
            inspect::<Schedule>(&path).map(drop)
        } else if name.starts_with("progress.ron.") {
            inspect::<Progress>(&path).map(drop)
        } else {
            inspect::<Diagram>(&path).map(drop)
        };
        parsed.unwrap_or_else(|e| panic!("{context}: a backup does not load: {e}"));
    }
    held
}

/// Whether `found` is the state after save `acked` (`before`) or after the next (`after`).
fn which_state<T: PartialEq + std::fmt::Debug>(
    found: &T,
    before: &T,
    after: &T,
    acked: u64,
    context: &str,
    name: &str,
) -> u64 {
    if found == before {
        acked
    } else if found == after {
        acked + 1
    } else {
        panic!("{context}: {name} holds neither the last acknowledged save ({acked}) nor the next one")
    }
}

/// Files in the data dir that are neither data files nor the store's folders: temporary files a
/// killed write left behind (named `.<file>.<random>`, which nothing reads).
fn leftovers(dir: &Path) -> usize {
    let mut count = 0;
    for folder in [dir.to_path_buf(), dir.join("diagrams"), dir.join("backups")] {
        for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                count += 1;
            } else {
                assert!(
                    [
                        "history.ron",
                        "schedule.ron",
                        "progress.ron",
                        "x.ron",
                        "backups",
                        "diagrams"
                    ]
                    .contains(&name.as_str())
                        || entry.path().starts_with(dir.join("backups")),
                    "unexpected file {name}"
                );
            }
        }
    }
    count
}

/// Kills the child of `kind` at random moments until `kind.acked_saves()` saves were
/// acknowledged.
fn kill_9_during_saves(kind: Kind) {
    let scratch = tempfile::tempdir().unwrap();
    // The child runs from a copy of this test binary: a build running beside the test may
    // replace the original while hundreds of children are still to start.
    let exe = scratch.path().join("crash-child");
    std::fs::copy(std::env::current_exe().unwrap(), &exe).unwrap();
    let dir = scratch.path().join("data");
    let dir = dir.as_path();
    let seed: u64 = std::env::var("STAGECRAFT_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| rand::rng().random());
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let started = Instant::now();
    let mut replay = Replay::new(kind);
    // The save number the files hold; the child resumes from it.
    let mut held = 0;
    let mut total_acked = 0_u64;
    let mut rounds = 0_u64;
    let mut killed_mid_save = 0_u64;
    // How long a save takes (exponentially weighted), measured from the child's lines.
    let mut save_micros = 5_000.0_f64;
    while total_acked < kind.acked_saves() {
        rounds += 1;
        let context = format!("{} seed {seed}, round {rounds}", kind.name());
        let (mut child, said) = spawn_child(&exe, dir, kind);
        let kill_after = rng.random_range(0..=6);
        let mut acked = held;
        let mut acks_this_round = 0;
        let mut saving_since: Option<Instant> = None;
        let watchdog = |child: &mut Child, said: &Receiver<Said>| match said.recv_timeout(WATCHDOG) {
            Ok(line) => line,
            Err(RecvTimeoutError::Timeout) => {
                let _ = child.kill();
                panic!("{context}: the child said nothing for {WATCHDOG:?}");
            }
            Err(RecvTimeoutError::Disconnected) => {
                let _ = child.kill();
                panic!("{context}: the child stopped early");
            }
        };
        // Let it acknowledge `kill_after` saves, then kill it at a random moment of the next.
        loop {
            match watchdog(&mut child, &said) {
                Said::Saving(n) => {
                    assert_eq!(n, acked + 1, "{context}: the child resumed from the files");
                    if acks_this_round == kill_after {
                        break;
                    }
                    saving_since = Some(Instant::now());
                }
                Said::Acked(n) => {
                    assert_eq!(n, acked + 1, "{context}");
                    acked = n;
                    acks_this_round += 1;
                    if let Some(since) = saving_since.take() {
                        let micros = since.elapsed().as_secs_f64() * 1e6;
                        save_micros = 0.8 * save_micros + 0.2 * micros;
                    }
                }
            }
        }
        // Truncation to whole microseconds is fine for a sleep.
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "positive and small"
        )]
        let window = (save_micros * 1.2) as u64 + 1;
        std::thread::sleep(Duration::from_micros(rng.random_range(0..window)));
        child.kill().unwrap();
        child.wait().unwrap();
        // Every line the child printed before it died counts: it may have got further.
        let mut last_line_was_saving = true;
        loop {
            match said.recv_timeout(WATCHDOG) {
                Ok(Said::Acked(n)) => {
                    assert_eq!(n, acked + 1, "{context}");
                    acked = n;
                    last_line_was_saving = false;
                }
                Ok(Said::Saving(n)) => {
                    assert_eq!(n, acked + 1, "{context}");
                    last_line_was_saving = true;
                }
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => panic!("{context}: the killed child's output never ended"),
            }
        }
        if last_line_was_saving {
            killed_mid_save += 1;
        }
        total_acked += acked - held;
        held = check_files(dir, kind, acked, &mut replay, &context);
    }
    let temporaries = leftovers(dir);
    // Where the kills land depends on the machine's speed and load: reported, not asserted.
    #[expect(clippy::cast_precision_loss, reason = "counts far below 2^52")]
    let inside_percent = 100.0 * killed_mid_save as f64 / rounds as f64;
    println!(
        "{}: {total_acked} acknowledged saves, {rounds} kills, {killed_mid_save} inside a save \
         ({inside_percent:.0}%), {temporaries} temporary files left by killed writes, save ≈ {:.1} ms, \
         {:.1?} (seed {seed})",
        kind.name(),
        save_micros / 1000.0,
        started.elapsed()
    );
    assert!(total_acked >= kind.acked_saves());
}

#[test]
fn kill_9_during_answers_leaves_the_last_acknowledged_or_the_next_state() {
    kill_9_during_saves(Kind::Answer);
}

#[test]
fn kill_9_during_reviews_leaves_the_last_acknowledged_or_the_next_state() {
    kill_9_during_saves(Kind::Review);
}

#[test]
fn kill_9_during_diagram_edits_leaves_the_last_acknowledged_or_the_next_state() {
    kill_9_during_saves(Kind::DiagramEdit);
}

#[test]
fn kill_9_during_progress_saves_leaves_the_last_acknowledged_or_the_next_state() {
    kill_9_during_saves(Kind::Progress);
}
