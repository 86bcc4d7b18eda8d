//! Helpers for the sync tests: a simulated machine (its data folder, store, journal and state,
//! saving as the app does) and a simulated sync tool that copies files between two folders and,
//! when both changed a file, keeps one and leaves the other as a conflict copy named the way
//! Syncthing, Dropbox, `OneDrive` or a person names it.

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use stagecraft::progress::{Clock, Progress, Settings, Store};
use stagecraft::quiz::{History, Schedule};
use stagecraft::sync::{Device, Learner, MergeReport, SyncFolder};

/// 2026-11-30T22:00:00Z: two hours before a new month, so journals roll over in some runs.
pub const START: u64 = 1_796_076_000;

/// A folder on tmpfs when there is one (the property test writes many thousands of files).
pub fn scratch_dir() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() {
        tempfile::Builder::new()
            .prefix("stagecraft-sync")
            .tempdir_in(shm)
            .unwrap()
    } else {
        tempfile::tempdir().unwrap()
    }
}

pub fn device(id: &str) -> Device {
    Device {
        version: 1,
        id: id.to_owned(),
        name: id.to_owned(),
    }
}

/// One machine: what the app holds for a data folder.
pub struct Machine {
    pub dir: PathBuf,
    pub id: String,
    pub clock: Clock,
    pub store: Store,
    pub folder: SyncFolder,
    pub state: Learner,
}

impl Machine {
    /// Starts the app on `dir` as device `id`: loads the files, then the start merge.
    pub fn start(dir: &Path, id: &str, clock: &Clock) -> (Self, MergeReport) {
        let mut store = Store::open(dir).unwrap().with_clock(clock.clone());
        let state = Learner {
            progress: store.load::<Progress>().unwrap(),
            settings: store.load::<Settings>().unwrap(),
            history: store.load::<History>().unwrap(),
            schedule: store.load::<Schedule>().unwrap(),
        };
        let mut machine = Self {
            dir: dir.to_path_buf(),
            id: id.to_owned(),
            clock: clock.clone(),
            store,
            folder: SyncFolder::with_device(dir, device(id)),
            state,
        };
        let report = machine.folder.start(&mut machine.store, &mut machine.state);
        (machine, report)
    }

    /// Saves as the app does after a change: the journal first, then the data files.
    pub fn save(&mut self) {
        let now = self.clock.now_unix_secs();
        self.folder.record(&self.state, now).unwrap();
        self.store.save(&self.state.progress).unwrap();
        self.store.save(&self.state.settings).unwrap();
        self.store.save(&self.state.history).unwrap();
        self.store.save(&self.state.schedule).unwrap();
    }

    /// A live merge (the watcher saw a change).
    pub fn merge(&mut self) -> MergeReport {
        self.folder.merge(&mut self.store, &mut self.state)
    }

    /// Closes the app and starts it again from the files.
    pub fn restart(&mut self) -> MergeReport {
        let (machine, report) = Self::start(&self.dir, &self.id, &self.clock);
        *self = machine;
        report
    }
}

/// How a sync tool names the copy it keeps of the losing side of a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Namer {
    Syncthing,
    Dropbox,
    OneDrive,
    OwnCopy,
}

impl Namer {
    pub const ALL: [Self; 4] = [Self::Syncthing, Self::Dropbox, Self::OneDrive, Self::OwnCopy];

    /// The copy's name for `file` (a path inside the folder), the losing `device`'s change,
    /// the `n`th conflict.
    pub fn copy_name(self, file: &str, device: &str, n: usize) -> String {
        let (folder, name) = file.rsplit_once('/').map_or(("", file), |(f, n)| (f, n));
        let stem = name.strip_suffix(".ron").unwrap();
        let upper = device.to_uppercase();
        let copy = match self {
            Self::Syncthing => format!("{stem}.sync-conflict-20261204-{:06}-{upper}.ron", 101_010 + n),
            Self::Dropbox => format!("{stem} ({device}'s conflicted copy 2026-12-04) ({n}).ron"),
            Self::OneDrive => format!("{stem}-{upper}{n}.ron"),
            Self::OwnCopy => format!("{stem} copy {}.ron", n + 1),
        };
        if folder.is_empty() {
            copy
        } else {
            format!("{folder}/{copy}")
        }
    }
}

/// The files of a folder (not `backups/`), by path inside it.
pub fn files_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "backups" {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else if let Ok(bytes) = std::fs::read(&path) {
                out.insert(rel, bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn put(dir: &Path, rel: &str, bytes: Option<&Vec<u8>>) {
    let path = dir.join(rel);
    match bytes {
        Some(bytes) => {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
        }
        None => {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// A two-folder sync tool: remembers what each file was when last in sync.
#[derive(Default)]
pub struct SyncTool {
    base: BTreeMap<String, Option<Vec<u8>>>,
    pub conflicts: usize,
    pub copies_made: Vec<String>,
}

impl SyncTool {
    /// Syncs the files whose index in the sorted list has its bit set in `mask` (all of them
    /// with `u64::MAX`). A file both sides changed is a conflict: `a_wins` picks the side kept,
    /// and the other is left on both sides as a copy named by `namer`.
    pub fn sync(&mut self, a: (&Path, &str), b: (&Path, &str), mask: u64, namer: Namer, a_wins: bool) {
        let (files_a, files_b) = (files_of(a.0), files_of(b.0));
        let mut paths: Vec<&String> = files_a.keys().chain(files_b.keys()).collect();
        paths.sort();
        paths.dedup();
        for (index, rel) in paths.into_iter().enumerate() {
            if mask & (1 << (index % 64)) == 0 {
                continue;
            }
            let (in_a, in_b) = (files_a.get(rel), files_b.get(rel));
            let base = self.base.get(rel).cloned().flatten();
            if in_a == in_b {
                self.base.insert(rel.clone(), in_a.cloned());
                continue;
            }
            let kept = if in_a == base.as_ref() {
                in_b
            } else if in_b == base.as_ref() {
                in_a
            } else if in_a.is_none() || in_b.is_none() {
                // Changed on one side, deleted on the other: the change wins.
                in_a.or(in_b)
            } else {
                let (winner, loser, loser_device) = if a_wins {
                    (in_a, in_b, b.1)
                } else {
                    (in_b, in_a, a.1)
                };
                let copy = namer.copy_name(rel, loser_device, self.conflicts);
                self.conflicts += 1;
                put(a.0, &copy, loser);
                put(b.0, &copy, loser);
                self.base.insert(copy.clone(), loser.cloned());
                self.copies_made.push(copy);
                winner
            };
            put(a.0, rel, kept);
            put(b.0, rel, kept);
            self.base.insert(rel.clone(), kept.cloned());
        }
    }
}
