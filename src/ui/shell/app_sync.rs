//! The app's side of a synced data folder: the merge at start, recording each change in this
//! device's journal before its file is saved, and merging what arrives from other machines
//! while the window is open (the folder is watched; the merge runs between frames).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::progress::Store;
use crate::sync::{Learner, MergeReport, SyncFolder};

use crate::ui::shell::app::StudyApp;

impl StudyApp {
    /// Runs `f` with the learner's state taken out of the app as one [`Learner`], then puts it
    /// back (nothing is copied). `None` when the folder is not synced (its device file could
    /// not be made).
    fn with_learner<R>(
        &mut self,
        f: impl FnOnce(&mut SyncFolder, &mut Store, &mut Learner) -> R,
    ) -> Option<R> {
        let saved = &mut self.saved;
        let sync = saved.sync.as_mut()?;
        let mut learner = Learner {
            progress: std::mem::take(&mut saved.progress),
            settings: std::mem::take(&mut saved.settings),
            history: std::mem::take(&mut saved.history),
            schedule: std::mem::take(&mut saved.schedule),
        };
        let result = f(sync, &mut saved.store, &mut learner);
        saved.progress = learner.progress;
        saved.settings = learner.settings;
        saved.history = learner.history;
        saved.schedule = learner.schedule;
        Some(result)
    }

    /// At start: this machine's device, the first-run migration into its journal, the merge
    /// of every journal and conflict copy, and the watcher.
    pub(crate) fn start_sync(&mut self) {
        match SyncFolder::open(self.saved.store.dir()) {
            Ok(folder) => self.saved.sync = Some(folder),
            Err(message) => {
                self.notify_error(format!(
                    "This machine has no device id, so changes from other machines are not merged: {message}"
                ));
                return;
            }
        }
        if let Some(report) = self.with_learner(SyncFolder::start) {
            self.show_merge(&report);
        }
        let flag = Arc::clone(&self.folder_changed);
        let ctx = self.ctx.clone();
        let device = self
            .saved
            .sync
            .as_ref()
            .map(|s| s.device().id.clone())
            .unwrap_or_default();
        match crate::sync::watch::watch(self.saved.store.dir(), &device, move || {
            flag.store(true, Ordering::SeqCst);
            ctx.request_repaint();
        }) {
            Ok(watcher) => self.watcher = Some(watcher),
            Err(message) => self.notify_error(format!(
                "The data folder is not watched, so changes from other machines merge when Stagecraft next starts: {message}"
            )),
        }
    }

    /// Writes what changed in memory into this device's journal; called before each data
    /// file is saved, so the journal is never behind the file. Returns whether it worked.
    pub(crate) fn record_events(&mut self) -> bool {
        let now = self.clock().now_unix_secs();
        match self.with_learner(|sync, _, learner| sync.record(learner, now)) {
            Some(Err(message)) => {
                self.notify_error(format!("Your journal was not written: {message}"));
                false
            }
            Some(Ok(_)) | None => true,
        }
    }

    /// Merges what another machine's changes brought, when the watcher saw a change and the
    /// journals, copies or diagrams really differ (this app's own saves do not count).
    pub(crate) fn merge_if_changed(&mut self) {
        if !self.folder_changed.swap(false, Ordering::SeqCst) {
            return;
        }
        if !self.saved.sync.as_ref().is_some_and(SyncFolder::changed_on_disk) {
            return;
        }
        self.merge_now();
    }

    /// Merges every journal and conflict copy into what is in memory now.
    pub(crate) fn merge_now(&mut self) {
        let settings_before = self.saved.settings.clone();
        let Some(report) = self.with_learner(SyncFolder::merge) else {
            return;
        };
        if self.saved.settings != settings_before {
            crate::ui::shell::theme::apply_appearance(&self.ctx, &self.saved.settings);
        }
        self.ensure_blueprint();
        if report.added.any() {
            self.refresh_stats();
        }
        if report.diagrams_changed() || !report.added.any() {
            self.refresh_library();
        }
        self.show_merge(&report);
    }

    fn show_merge(&mut self, report: &MergeReport) {
        if !report.problems.is_empty() {
            self.notify_error(report.problems.join("\n"));
        }
        if let Some(summary) = report.summary() {
            if report.problems.is_empty() {
                self.notify(summary);
            } else {
                self.notifications.push(summary);
            }
        }
    }

    /// This machine's device id, for Settings.
    pub(crate) fn device_label(&self) -> Option<String> {
        self.saved
            .sync
            .as_ref()
            .map(|s| format!("{} ({})", s.device().id, s.device().name))
    }
}
