//! Conflict copies in a data folder: found by name (see [`super::copies`]) beside the data
//! files, in the journal folders and in `diagrams/`, and read into events. A copy that cannot
//! be read is reported with its file and place and left where it is.

use std::path::Path;

use super::copies::{ConflictCopy, is_month, recognise};
use super::event::Entry;
use super::journal::{self, JOURNAL_DIR};
use super::learner::Learner;
use super::rebuild::{FileTimes, Known, import};
use crate::progress::diagrams::DIAGRAM_DIR;
use crate::progress::{Progress, Settings, read_only};
use crate::quiz::{History, Schedule};

/// The data files beside which copies are looked for, without `.ron`.
pub const ROOT_FILES: [&str; 6] = ["progress", "settings", "history", "schedule", "exam", "reports"];

/// Where a copy lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Folder {
    /// Beside `history.ron` and the other data files.
    Root,
    /// In `journal/<device>/`.
    Journal,
    /// In `diagrams/`.
    Diagrams,
}

/// A conflict copy found in the data folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundCopy {
    /// Its path inside the data folder.
    pub name: String,
    /// The path inside the data folder of the file it is a copy of.
    pub original: String,
    pub copy: ConflictCopy,
    pub folder: Folder,
}

/// Every conflict copy in the data folder, sorted by name.
#[must_use]
pub fn find(dir: &Path) -> Vec<FoundCopy> {
    let mut found = Vec::new();
    let root = |base: &str| ROOT_FILES.contains(&base);
    scan(dir, "", &root, true, Folder::Root, &mut found);
    if let Ok(devices) = std::fs::read_dir(dir.join(JOURNAL_DIR)) {
        for device in devices.flatten().filter(|d| d.path().is_dir()) {
            let sub = format!("{JOURNAL_DIR}/{}", device.file_name().to_string_lossy());
            scan(
                dir,
                &sub,
                &|b: &str| is_month(b),
                true,
                Folder::Journal,
                &mut found,
            );
        }
    }
    let diagrams = dir.join(DIAGRAM_DIR);
    let exists = |base: &str| diagrams.join(format!("{base}.ron")).is_file();
    scan(dir, DIAGRAM_DIR, &exists, false, Folder::Diagrams, &mut found);
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

fn scan(
    dir: &Path,
    sub: &str,
    is_original: &dyn Fn(&str) -> bool,
    machine_suffix: bool,
    folder: Folder,
    found: &mut Vec<FoundCopy>,
) {
    let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
        return;
    };
    for entry in entries.flatten().filter(|e| e.path().is_file()) {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if let Some(copy) = recognise(&file_name, is_original, machine_suffix) {
            let join = |name: &str| {
                if sub.is_empty() {
                    name.to_owned()
                } else {
                    format!("{sub}/{name}")
                }
            };
            found.push(FoundCopy {
                name: join(&file_name),
                original: join(&copy.original),
                copy,
                folder,
            });
        }
    }
}

/// The file's modification time (Unix seconds), or `fallback`.
#[must_use]
pub fn modified_secs(path: &Path, fallback: u64) -> u64 {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(fallback, |d| d.as_secs())
}

/// What a copy of a data file or a journal holds that is not known yet, as events recorded
/// under the copy's device label. `current` is the state in memory: an annotation the copy
/// holds that differs from the current one is kept beside it, both texts in one.
///
/// # Errors
/// When the copy cannot be read (the message names the file, line and column).
pub fn events_of(
    dir: &Path,
    found: &FoundCopy,
    known: &Known,
    current: &Learner,
) -> Result<Vec<Entry>, String> {
    let path = dir.join(&found.name);
    let label = found.copy.label.as_str();
    if found.folder == Folder::Journal {
        let (entries, problems) = journal::read(&path)?;
        if let Some(problem) = problems.first() {
            return Err(problem.clone());
        }
        return Ok(entries
            .into_iter()
            .filter(|e| !known.contains_key(&e.id))
            .collect());
    }
    let mut part = Learner::default();
    match found.copy.original.as_str() {
        "history.ron" => part.history = read_only::<History>(&path).map_err(|e| e.to_string())?,
        "schedule.ron" => part.schedule = read_only::<Schedule>(&path).map_err(|e| e.to_string())?,
        "settings.ron" => part.settings = read_only::<Settings>(&path).map_err(|e| e.to_string())?,
        "progress.ron" => {
            let copy = read_only::<Progress>(&path).map_err(|e| e.to_string())?;
            // Marks only: the open topic is last writer wins through the journals, and
            // annotations are kept side by side below.
            part.progress.read.clone_from(&copy.read);
            let mut entries = import(&part, known, label, FileTimes::IMPORTED);
            entries.extend(annotations_side_by_side(&copy, known, current, label));
            return Ok(entries);
        }
        other => {
            return Err(format!(
                "{}: a copy of {other} is not merged; it is left as it is",
                path.display()
            ));
        }
    }
    Ok(import(&part, known, label, FileTimes::IMPORTED))
}

/// The copy's annotations that no journal has (a copy written before journals, or by a
/// machine that crashed before its journal), each joined to the current text of its topic
/// under a line naming where it came from. A text some journal has is an older or newer
/// version of the same annotation, and last writer wins.
fn annotations_side_by_side(copy: &Progress, known: &Known, current: &Learner, label: &str) -> Vec<Entry> {
    let mut entries = Vec::new();
    for (topic, theirs) in &copy.annotations {
        let ours = current.progress.annotations.get(topic).map_or("", String::as_str);
        let journaled = known.values().any(|e| {
            matches!(&e.event, super::event::Event::Annotation { topic: t, text } if t == topic && text == theirs)
        });
        if theirs.is_empty() || journaled || ours.contains(theirs.as_str()) {
            continue;
        }
        let text = if ours.is_empty() {
            theirs.clone()
        } else {
            format!("{ours}\n\n— from {label}:\n{theirs}")
        };
        // Just after the imported values: it wins over the version-1 text it joins, and any
        // change made on a machine since wins over it.
        entries.push(Entry::new(
            label,
            1,
            super::event::Event::Annotation {
                topic: topic.clone(),
                text,
            },
        ));
    }
    entries
}
