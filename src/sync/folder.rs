//! A synced data folder: this device's journal, everyone's journals, and the merge that brings
//! the state in memory up to their union, folds conflict copies in, saves the data files and
//! only then deletes the copies. Every step is idempotent (events have content ids), so a merge
//! killed at any moment is simply done again at the next start.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::device::{Device, this_device};
use super::event::Entry;
use super::fold::{self, Folder, FoundCopy};
use super::journal::{self, JOURNAL_DIR};
use super::learner::{Added, Learner};
use super::rebuild::{FileTimes, Known, Recorded, add_known, diff, import, rebuild};
use crate::progress::{DataFile, Progress, Reports, Settings, Store, read_only};
use crate::quiz::{History, Schedule};

/// What a merge did, for the status line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MergeReport {
    /// What came into the state in memory, by device.
    pub added: Added,
    /// Copies whose content was merged and saved, then deleted.
    pub copies_removed: Vec<String>,
    /// Diagram copies kept as diagrams of their own: the copy and the new file.
    pub diagrams_kept: Vec<(String, String)>,
    /// Copies left where they are, with why.
    pub copies_left: Vec<String>,
    /// Journal lines, copies and files that could not be read or written (file and place).
    pub problems: Vec<String>,
    /// Whether this was the device's first start on this folder (its files were backed up
    /// and imported into its journal).
    pub migrated: bool,
}

impl MergeReport {
    /// One line for the status bar, or `None` when nothing happened worth saying.
    #[must_use]
    pub fn summary(&self) -> Option<String> {
        let mut parts = Vec::new();
        if self.added.any() {
            parts.push(format!("Merged {}.", self.added.describe()));
        }
        if !self.copies_removed.is_empty() {
            parts.push(format!(
                "Folded in and removed {}: {}.",
                crate::words::plural(self.copies_removed.len(), "conflict copy").replace("copys", "copies"),
                self.copies_removed.join(", ")
            ));
        }
        for (copy, kept) in &self.diagrams_kept {
            parts.push(format!(
                "The diagram {copy} is kept beside the other version as {kept}."
            ));
        }
        if !self.copies_left.is_empty() {
            parts.push(format!("Left as they are: {}.", self.copies_left.join("; ")));
        }
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// Whether the diagrams folder changed.
    #[must_use]
    pub fn diagrams_changed(&self) -> bool {
        !self.diagrams_kept.is_empty() || self.copies_removed.iter().any(|c| c.starts_with("diagrams/"))
    }
}

/// This device's view of a synced data folder.
#[derive(Debug)]
pub struct SyncFolder {
    dir: PathBuf,
    device: Device,
    known: Known,
    recorded: Recorded,
    /// Problems already reported, so each is said once.
    reported: BTreeSet<String>,
    fingerprint: u64,
}

impl SyncFolder {
    /// Opens the folder as this machine's device (created on first run).
    ///
    /// # Errors
    /// When the device file cannot be read or written.
    pub fn open(dir: &Path) -> Result<Self, String> {
        Ok(Self::with_device(dir, this_device(dir)?))
    }

    /// Opens the folder as `device` (tests simulate several machines with it).
    #[must_use]
    pub fn with_device(dir: &Path, device: Device) -> Self {
        Self {
            dir: dir.to_path_buf(),
            device,
            known: Known::new(),
            recorded: Recorded::default(),
            reported: BTreeSet::new(),
            fingerprint: 0,
        }
    }

    /// This device.
    #[must_use]
    pub fn device(&self) -> &Device {
        &self.device
    }

    /// Every event known, by id.
    #[must_use]
    pub fn known(&self) -> &Known {
        &self.known
    }

    /// At start, with `state` as loaded from the data files: what they hold that no journal
    /// has goes into this device's journal (the migration from the files of version 1, which
    /// it leaves as they are; a merge that then changes one is preceded by the store's backup
    /// of it), then everything is merged (see [`Self::merge`]).
    pub fn start(&mut self, store: &mut Store, state: &mut Learner) -> MergeReport {
        let mut report = MergeReport::default();
        let now = store.clock().now_unix_secs();
        let first_start = !self.dir.join(JOURNAL_DIR).join(&self.device.id).exists();
        self.read_journals(&mut report);
        // The migration writes only this device's new journal; a data file a merge then
        // changes is backed up by the store before its first write of the run, as always.
        let entries = import(state, &self.known, &self.device.id, FileTimes::IMPORTED);
        report.migrated = first_start && !entries.is_empty();
        if !self.append(entries, now, &mut report) {
            return report;
        }
        self.merge_known(store, state, now, report, true)
    }

    /// Writes what changed in memory since the last merge or record into this device's
    /// journal (before the data files are saved). Returns how many events were written.
    ///
    /// # Errors
    /// When the journal cannot be written; the change is then tried again at the next record.
    pub fn record(&mut self, state: &Learner, now: u64) -> Result<usize, String> {
        let entries = diff(state, &self.recorded, &self.known, &self.device.id, now);
        let written = entries.len();
        if written > 0 {
            journal::append(&self.dir, &self.device.id, &entries, now)?;
            self.known.extend(entries.into_iter().map(|e| (e.id.clone(), e)));
        }
        self.recorded = Recorded::of(state);
        Ok(written)
    }

    /// Brings `state` up to every journal and conflict copy in the folder: records what is in
    /// memory first (so nothing there is lost), reads the journals, folds the copies in,
    /// saves the data files, and deletes each copy once its content is in this device's
    /// journal and the files are saved.
    pub fn merge(&mut self, store: &mut Store, state: &mut Learner) -> MergeReport {
        let mut report = MergeReport::default();
        let now = store.clock().now_unix_secs();
        if let Err(problem) = self.record(state, now) {
            report.problems.push(problem);
            return report;
        }
        self.read_journals(&mut report);
        self.merge_known(store, state, now, report, false)
    }

    /// Whether the journals, copies or diagrams may have changed since the last merge (a
    /// cheap look at names, sizes and times; this device's own data files do not count).
    #[must_use]
    pub fn changed_on_disk(&self) -> bool {
        fingerprint(&self.dir, &self.device.id) != self.fingerprint
    }

    fn read_journals(&mut self, report: &mut MergeReport) {
        let all = journal::read_all(&self.dir);
        for entry in all.entries {
            add_known(&mut self.known, entry);
        }
        self.note_problems(all.problems, report);
    }

    fn note_problems(&mut self, problems: Vec<String>, report: &mut MergeReport) {
        for problem in problems {
            if self.reported.insert(problem.clone()) {
                report.problems.push(problem);
            }
        }
    }

    /// Writes entries to this device's journal; false (with the problem) when it cannot.
    fn append(&mut self, entries: Vec<Entry>, now: u64, report: &mut MergeReport) -> bool {
        let mut unique = Known::new();
        for entry in entries.into_iter().filter(|e| !self.known.contains_key(&e.id)) {
            unique.entry(entry.id.clone()).or_insert(entry);
        }
        let entries: Vec<Entry> = unique.into_values().collect();
        match journal::append(&self.dir, &self.device.id, &entries, now) {
            Ok(_) => {
                self.known.extend(entries.into_iter().map(|e| (e.id.clone(), e)));
                true
            }
            Err(problem) => {
                report.problems.push(problem);
                false
            }
        }
    }

    fn merge_known(
        &mut self,
        store: &mut Store,
        state: &mut Learner,
        now: u64,
        mut report: MergeReport,
        from_files: bool,
    ) -> MergeReport {
        let before = state.clone();
        report.added = rebuild(state, &self.known, &self.device.id, from_files);
        let copies = fold::find(&self.dir);
        let mut folded: Vec<&FoundCopy> = Vec::new();
        let mut entries = Vec::new();
        for found in &copies {
            match (found.folder, found.copy.original.as_str()) {
                (Folder::Diagrams, _) | (Folder::Root, "reports.ron") => {}
                (Folder::Root, "exam.ron") => report
                    .copies_left
                    .push(format!("{} (an exam in progress is never merged)", found.name)),
                _ => match fold::events_of(&self.dir, found, &self.known, state) {
                    Ok(more) => {
                        entries.extend(more);
                        folded.push(found);
                    }
                    Err(problem) => {
                        self.note_problems(vec![problem], &mut report);
                        report
                            .copies_left
                            .push(format!("{} (it cannot be read)", found.name));
                    }
                },
            }
        }
        if !self.append(entries, now, &mut report) {
            return report;
        }
        let from_copies = rebuild(state, &self.known, &self.device.id, false);
        for (device, counts) in from_copies.by_device {
            let total = report.added.of(&device);
            total.answers += counts.answers;
            total.reviews += counts.reviews;
            total.sessions += counts.sessions;
            total.challenges += counts.challenges;
            total.marks += counts.marks;
            total.annotations += counts.annotations;
            total.place |= counts.place;
            total.settings |= counts.settings;
        }
        // This device's own events come back only into a data file another machine's version
        // replaced: nothing new to tell the learner about.
        report.added.by_device.remove(&self.device.id);
        let saved = *state == before || save_all(store, state, &mut report);
        self.recorded = Recorded::of(state);
        if saved {
            for found in folded {
                remove_copy(&self.dir, &found.name, &mut report);
            }
            for found in copies.iter().filter(|c| c.folder == Folder::Diagrams) {
                keep_diagram_copy(store, found, &mut report);
            }
            for found in copies
                .iter()
                .filter(|c| c.copy.original == "reports.ron" && c.folder == Folder::Root)
            {
                merge_reports(store, found, &mut report);
            }
        }
        self.fingerprint = fingerprint(&self.dir, &self.device.id);
        report
    }
}

fn save_all(store: &mut Store, state: &Learner, report: &mut MergeReport) -> bool {
    let results = [
        store.save(&state.progress),
        store.save(&state.settings),
        store.save(&state.history),
        store.save(&state.schedule),
    ];
    let mut saved = true;
    for err in results.into_iter().filter_map(Result::err) {
        report.problems.push(err.to_string());
        saved = false;
    }
    saved
}

fn remove_copy(dir: &Path, name: &str, report: &mut MergeReport) {
    match std::fs::remove_file(dir.join(name)) {
        Ok(()) => report.copies_removed.push(name.to_owned()),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {}
        Err(err) => report.problems.push(format!(
            "{}: merged, but cannot be removed: {err}",
            dir.join(name).display()
        )),
    }
}

/// A diagram edited on two machines: both versions stay, the copy as "name (from DEVICE)";
/// a copy identical to its original goes.
fn keep_diagram_copy(store: &mut Store, found: &FoundCopy, report: &mut MergeReport) {
    let dir = store.dir().to_path_buf();
    let (copy_path, original_path) = (dir.join(&found.name), dir.join(&found.original));
    if std::fs::read(&copy_path).ok() == std::fs::read(&original_path).ok() {
        remove_copy(&dir, &found.name, report);
        return;
    }
    let mut diagram = match read_only::<crate::pipeline::Diagram>(&copy_path) {
        Ok(diagram) => diagram,
        Err(err) => {
            report.problems.push(err.to_string());
            report
                .copies_left
                .push(format!("{} (it cannot be read)", found.name));
            return;
        }
    };
    diagram.finish_loading();
    let name = format!("{} (from {})", diagram.name, found.copy.label);
    diagram.name = name.as_str().into();
    let file = crate::progress::diagrams::new_file_name(store, &name);
    match store.save_at(&file, &diagram) {
        Ok(()) => {
            report.diagrams_kept.push((found.name.clone(), file));
            remove_copy(&dir, &found.name, report);
        }
        Err(err) => report.problems.push(err.to_string()),
    }
}

/// Problem reports in a copy of `reports.ron`: every report of both, once.
fn merge_reports(store: &mut Store, found: &FoundCopy, report: &mut MergeReport) {
    let dir = store.dir().to_path_buf();
    let copy = match read_only::<Reports>(&dir.join(&found.name)) {
        Ok(copy) => copy,
        Err(err) => {
            report.problems.push(err.to_string());
            return;
        }
    };
    let mut reports = match store.load::<Reports>() {
        Ok(reports) => reports,
        Err(err) => {
            report.problems.push(err.to_string());
            return;
        }
    };
    for r in copy.reports {
        if !reports.reports.contains(&r) {
            reports.reports.push(r);
        }
    }
    reports.reports.sort_by_key(|r| r.at_unix_secs);
    match store.save(&reports) {
        Ok(()) => remove_copy(&dir, &found.name, report),
        Err(err) => report.problems.push(err.to_string()),
    }
}

/// Names, sizes and times of other devices' journals, of every conflict copy and of the
/// diagrams: what a change synced in from another machine touches.
fn fingerprint(dir: &Path, own_device: &str) -> u64 {
    let mut text = String::new();
    let mut add = |path: &Path| {
        if let Ok(meta) = std::fs::metadata(path) {
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            text.push_str(&format!("{}|{}|{modified}\n", path.display(), meta.len()));
        }
    };
    let own = dir.join(JOURNAL_DIR).join(own_device);
    for path in journal::journal_files(dir)
        .iter()
        .filter(|p| !p.starts_with(&own))
    {
        add(path);
    }
    for found in fold::find(dir) {
        add(&dir.join(found.name));
    }
    if let Ok(entries) = std::fs::read_dir(dir.join(crate::progress::diagrams::DIAGRAM_DIR)) {
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in &paths {
            add(path);
        }
    }
    super::event::fnv1a(text.as_bytes())
}

/// The merged state of a data folder without changing anything in it: the data files, every
/// journal and every conflict copy, for commands that only report. Returns the problems met.
///
/// # Errors
/// When a data file cannot be read.
pub fn merged_view(dir: &Path) -> Result<(Learner, Vec<String>), crate::progress::LoadError> {
    let mut state = Learner {
        progress: read_only::<Progress>(&dir.join(Progress::NAME))?,
        settings: read_only::<Settings>(&dir.join(Settings::NAME))?,
        history: read_only::<History>(&dir.join(History::NAME))?,
        schedule: read_only::<Schedule>(&dir.join(Schedule::NAME))?,
    };
    let all = journal::read_all(dir);
    let mut problems = all.problems;
    let mut known = Known::new();
    for entry in all.entries {
        add_known(&mut known, entry);
    }
    for entry in import(&state, &known, "this folder", FileTimes::IMPORTED) {
        add_known(&mut known, entry);
    }
    rebuild(&mut state, &known, "this folder", true);
    for found in fold::find(dir).iter().filter(|f| f.folder != Folder::Diagrams) {
        if ["exam.ron", "reports.ron"].contains(&found.copy.original.as_str()) {
            continue;
        }
        match fold::events_of(dir, found, &known, &state) {
            Ok(entries) => {
                for entry in entries {
                    add_known(&mut known, entry);
                }
            }
            Err(problem) => problems.push(problem),
        }
    }
    rebuild(&mut state, &known, "this folder", false);
    Ok((state, problems))
}
