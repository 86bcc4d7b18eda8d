//! The learner's diagrams: RON files in `diagrams/` of the data directory, listed, created,
//! renamed, duplicated and deleted through the crash-safe store.

use super::{DataFile, LoadError, Store};

use crate::pipeline::{DIAGRAM_VERSION, Diagram};

/// Folder of the data directory holding diagrams.
pub const DIAGRAM_DIR: &str = "diagrams";

impl Default for Diagram {
    fn default() -> Self {
        Self::new("Untitled pipeline")
    }
}

impl DataFile for Diagram {
    /// Diagrams are saved under their own names in `diagrams/`; this name is not used.
    const NAME: &'static str = "diagrams/untitled.ron";
    const VERSION: u32 = DIAGRAM_VERSION;
}

/// One diagram in the library.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Path inside the data dir, e.g. `diagrams/my-pipeline.ron`.
    pub file: String,
    pub name: String,
    pub actions: usize,
    /// Why the file cannot be opened, when it cannot.
    pub error: Option<String>,
}

/// Every diagram file, by name. Files that do not load are listed with their error.
///
/// # Errors
/// When `diagrams/` exists but cannot be read (a file in its place, no permission): the
/// library is then unknown, not empty.
pub fn list(store: &Store) -> Result<Vec<Entry>, String> {
    let folder = store.dir().join(DIAGRAM_DIR);
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(format!("{}: {err}", folder.display())),
    };
    let mut found: Vec<Entry> = entries
        .flatten()
        .filter_map(|entry| {
            let file_name = entry.file_name().to_string_lossy().into_owned();
            let stem = file_name.strip_suffix(".ron")?;
            let file = format!("{DIAGRAM_DIR}/{file_name}");
            Some(match read(&entry.path()) {
                Ok(diagram) => Entry {
                    file,
                    name: diagram.name.to_string(),
                    actions: diagram.action_count(),
                    error: None,
                },
                Err(err) => Entry {
                    file,
                    name: stem.to_owned(),
                    actions: 0,
                    error: Some(err.to_string()),
                },
            })
        })
        .collect();
    sort_entries(&mut found);
    Ok(found)
}

/// Library order: by name, ignoring case, then by file.
fn sort_entries(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then(a.file.cmp(&b.file))
    });
}

/// Puts `entry` in place of the listed entry for its file, keeping the library's order, after
/// that file was saved. Returns `false` when the file is not listed (the library must then be
/// read again).
pub fn update_entry(entries: &mut [Entry], entry: Entry) -> bool {
    let Some(slot) = entries.iter_mut().find(|e| e.file == entry.file) else {
        return false;
    };
    *slot = entry;
    sort_entries(entries);
    true
}

/// Reads a diagram file without the store (listing must not block a damaged file).
fn read(path: &std::path::Path) -> Result<Diagram, LoadError> {
    super::inspect::<Diagram>(path)?;
    let text = std::fs::read_to_string(path).map_err(|e| LoadError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let mut diagram: Diagram = ron::from_str(&text).map_err(|e| LoadError::Damaged {
        path: path.to_path_buf(),
        line: e.span.start.line,
        col: e.span.start.col,
        message: e.code.to_string(),
    })?;
    diagram.finish_loading();
    Ok(diagram)
}

/// A file name for a new diagram called `name` that no file uses yet.
#[must_use]
pub fn new_file_name(store: &Store, name: &str) -> String {
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug = if slug.is_empty() {
        "pipeline".to_owned()
    } else {
        slug.chars().take(60).collect()
    };
    let taken = |file: &str| store.dir().join(file).exists();
    let first = format!("{DIAGRAM_DIR}/{slug}.ron");
    if !taken(&first) {
        return first;
    }
    (2..)
        .map(|n| format!("{DIAGRAM_DIR}/{slug}-{n}.ron"))
        .find(|file| !taken(file))
        .unwrap_or(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_listed_by_name_with_errors_for_damaged_ones() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let file = new_file_name(&store, "My first pipeline!");
        assert_eq!(file, "diagrams/my-first-pipeline.ron");
        store.save_at(&file, &Diagram::new("My first pipeline!")).unwrap();
        assert_eq!(
            new_file_name(&store, "My first pipeline!"),
            "diagrams/my-first-pipeline-2.ron"
        );
        std::fs::write(dir.path().join("diagrams/broken.ron"), "(version: 1, name: ").unwrap();
        let entries = list(&store).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[1].name, "My first pipeline!");
        assert!(
            entries[0]
                .error
                .as_deref()
                .is_some_and(|e| e.contains("broken.ron:1:"))
        );
    }
}
