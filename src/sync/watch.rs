//! Watching the data folder (the `notify` crate), so that what a sync tool brings from another
//! machine is merged while the window is open. The watcher only says that something changed;
//! the merge runs on the app's own thread, between frames.

use std::path::Path;

/// Keeps the data folder watched while it lives.
pub struct FolderWatcher {
    _watcher: notify::RecommendedWatcher,
}

impl std::fmt::Debug for FolderWatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FolderWatcher")
    }
}

/// Calls `on_change` (on the watcher's thread) when a file another machine may have brought
/// changes: another device's journal, or a conflict copy anywhere. This app's own saves (its
/// journal, the data files, diagrams, backups, temporary files) do not wake it.
///
/// # Errors
/// When the folder cannot be watched (the message says why).
pub fn watch(
    dir: &Path,
    own_device: &str,
    on_change: impl Fn() + Send + 'static,
) -> Result<FolderWatcher, String> {
    use notify::Watcher as _;
    let root = dir.to_path_buf();
    let own = own_device.to_owned();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let relevant = event.is_ok_and(|e| {
            e.paths
                .iter()
                .filter_map(|p| p.strip_prefix(&root).ok())
                .any(|p| from_elsewhere(p, &own))
        });
        if relevant {
            on_change();
        }
    })
    .map_err(|e| e.to_string())?;
    watcher
        .watch(dir, notify::RecursiveMode::Recursive)
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(FolderWatcher { _watcher: watcher })
}

/// Whether a changed path (inside the data folder) may be another machine's doing.
fn from_elsewhere(path: &Path, own_device: &str) -> bool {
    let parts: Vec<&str> = path.iter().filter_map(|p| p.to_str()).collect();
    let Some(name) = parts.last() else {
        return false;
    };
    // A new device's journal folder: its first file may be written before the watch on the
    // new folder is in place, so the folder itself wakes the app.
    if let [super::journal::JOURNAL_DIR, device] = parts.as_slice() {
        return *device != own_device && !device.starts_with('.');
    }
    if name.starts_with('.') || !name.ends_with(".ron") {
        return false;
    }
    let copy =
        |is_original: &dyn Fn(&str) -> bool| super::copies::recognise(name, is_original, true).is_some();
    match parts.as_slice() {
        [super::journal::JOURNAL_DIR, device, _] if *device != own_device => true,
        [super::journal::JOURNAL_DIR, _, _] => copy(&super::copies::is_month),
        [_] => copy(&|b: &str| super::fold::ROOT_FILES.contains(&b)),
        [crate::progress::diagrams::DIAGRAM_DIR, _] => {
            super::copies::recognise(name, &|_: &str| true, false).is_some()
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_another_machine_brings_wakes_the_app() {
        let elsewhere = |p: &str| from_elsewhere(Path::new(p), "alpha");
        assert!(elsewhere("journal/beta/2026-12.ron"));
        assert!(elsewhere("journal/beta"), "a new device's folder");
        assert!(elsewhere("history.sync-conflict-20261204-101010-ABCDEFG.ron"));
        assert!(elsewhere("journal/alpha/2026-12 copy.ron"));
        assert!(elsewhere(
            "diagrams/pipe (Laptop's conflicted copy 2026-12-04).ron"
        ));
        for own in [
            "journal/alpha/2026-12.ron",
            "journal/alpha",
            "history.ron",
            ".history.ron.a1b2c3",
            "diagrams/pipe.ron",
            "backups/history.ron.20261204-101010.ron",
            "devices/0123.ron",
        ] {
            assert!(!elsewhere(own), "{own}");
        }
    }
}
