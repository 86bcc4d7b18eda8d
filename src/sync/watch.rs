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

/// Calls `on_change` (on the watcher's thread) whenever a file in `dir` or below changes,
/// except in `backups/`.
///
/// # Errors
/// When the folder cannot be watched (the message says why).
pub fn watch(dir: &Path, on_change: impl Fn() + Send + 'static) -> Result<FolderWatcher, String> {
    use notify::Watcher as _;
    let backups = dir.join(crate::progress::backup::BACKUP_DIR);
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let relevant = event.is_ok_and(|e| e.paths.iter().any(|p| !p.starts_with(&backups)));
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
