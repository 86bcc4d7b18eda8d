//! Native file dialogs (rfd), run on a helper thread so the window keeps drawing. When no dialog
//! can open — or the learner closes it — the typed path field stays the way to go on.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// A dialog waiting for the learner.
#[derive(Debug)]
pub struct PendingDialog {
    receiver: Receiver<Option<PathBuf>>,
}

/// What a pending dialog says this frame.
#[derive(Debug, PartialEq, Eq)]
pub enum DialogOutcome {
    Waiting,
    Chosen(PathBuf),
    /// Closed without a choice, or no dialog could open.
    NoChoice,
}

impl PendingDialog {
    /// Opens a dialog to pick an existing file.
    #[must_use]
    pub fn open_file(title: &str, filters: &[(&str, &[&str])]) -> Self {
        let dialog = dialog(title, filters);
        Self::spawn(move || dialog.pick_file())
    }

    /// Opens a dialog to choose where to save, suggesting `file_name`.
    #[must_use]
    pub fn save_file(title: &str, filters: &[(&str, &[&str])], file_name: &str) -> Self {
        let dialog = dialog(title, filters).set_file_name(file_name);
        Self::spawn(move || dialog.save_file())
    }

    fn spawn(run: impl FnOnce() -> Option<PathBuf> + Send + 'static) -> Self {
        let (sender, receiver) = channel();
        std::thread::spawn(move || {
            // rfd returns None both when the learner cancels and when no dialog is available.
            let _ = sender.send(run());
        });
        Self { receiver }
    }

    /// Checks whether the dialog has finished.
    #[must_use]
    pub fn poll(&self) -> DialogOutcome {
        match self.receiver.try_recv() {
            Ok(Some(path)) => DialogOutcome::Chosen(path),
            Ok(None) | Err(TryRecvError::Disconnected) => DialogOutcome::NoChoice,
            Err(TryRecvError::Empty) => DialogOutcome::Waiting,
        }
    }
}

fn dialog(title: &str, filters: &[(&str, &[&str])]) -> rfd::FileDialog {
    filters.iter().fold(
        rfd::FileDialog::new().set_title(title),
        |d, (name, extensions)| d.add_filter(*name, extensions),
    )
}
