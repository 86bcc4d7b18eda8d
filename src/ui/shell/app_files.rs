//! The app's data files: saving each one at once (reporting failures in the status line),
//! the two ways out of a damaged file, and problem reports.

use crate::progress::{DataFile, Progress, Settings};
use crate::quiz::{ExamFile, History, Schedule};

use crate::ui::shell::app::{Status, StudyApp};

impl StudyApp {
    pub(crate) fn restore_backup(&mut self, name: &str) {
        let result = match name {
            Progress::NAME => self
                .saved
                .store
                .restore_newest_backup::<Progress>(name)
                .map(|(v, from)| {
                    self.saved.progress = v;
                    self.ensure_blueprint();
                    from
                }),
            Settings::NAME => self
                .saved
                .store
                .restore_newest_backup::<Settings>(name)
                .map(|(v, from)| {
                    self.saved.settings = v;
                    from
                }),
            History::NAME => self
                .saved
                .store
                .restore_newest_backup::<History>(name)
                .map(|(v, from)| {
                    self.saved.history = v;
                    from
                }),
            Schedule::NAME => self
                .saved
                .store
                .restore_newest_backup::<Schedule>(name)
                .map(|(v, from)| {
                    self.saved.schedule = v;
                    from
                }),
            ExamFile::NAME => self
                .saved
                .store
                .restore_newest_backup::<ExamFile>(name)
                .map(|(v, from)| {
                    if let Some(exam) = v.exam.filter(|e| !e.is_finished()) {
                        self.quiz.session = Some(exam);
                        self.quiz.exam_resumed_at_ms = Some(self.clock().now_millis());
                    }
                    from
                }),
            other => Err(format!("{other} has no restore action")),
        };
        match result {
            Ok(from) => {
                self.damaged.retain(|d| d.name != name);
                self.refresh_stats();
                self.notify(format!(
                    "Restored {name} from {}; the damaged file was kept beside it.",
                    from.display()
                ));
            }
            Err(message) => self.notify_error(message),
        }
    }

    pub(crate) fn start_fresh(&mut self, name: &str) {
        match self.saved.store.start_fresh(name) {
            Ok(kept) => {
                self.damaged.retain(|d| d.name != name);
                let kept = kept.map_or_else(String::new, |p| {
                    format!(" The damaged file was kept as {}.", p.display())
                });
                // Whatever the learner did since the app started is written now.
                let _written = match name {
                    Progress::NAME => self.save_progress(),
                    Settings::NAME => self.save_settings(),
                    History::NAME => self.save_history(),
                    Schedule::NAME => self.save_schedule(),
                    _ => self.save_exam(),
                };
                self.notify(format!("Started {name} afresh.{kept}"));
            }
            Err(err) => self.notify_error(format!("Cannot set {name} aside: {err}")),
        }
    }

    /// Saves any data file value, reporting failure in the status line. Returns whether the
    /// file was written.
    pub(crate) fn save_value<T: DataFile>(&mut self, value: &T) -> bool {
        let result = self.saved.store.save(value);
        self.report_save(result)
    }

    /// A save that worked says nothing: a message such as "Progress saved." would cover an
    /// earlier failure (another file not written) that the learner still needs to see.
    pub(crate) fn report_save(&mut self, result: Result<(), crate::progress::SaveError>) -> bool {
        match result {
            Ok(()) => true,
            Err(err) => {
                self.notify_error(err.to_string());
                false
            }
        }
    }

    pub(crate) fn save_progress(&mut self) -> bool {
        // The journal first: a crash between the two leaves the file behind, never ahead.
        self.record_events();
        let result = self.saved.store.save(&self.saved.progress);
        self.report_save(result)
    }

    pub(crate) fn save_settings(&mut self) -> bool {
        // The journal first: a crash between the two leaves the file behind, never ahead.
        self.record_events();
        let result = self.saved.store.save(&self.saved.settings);
        self.report_save(result)
    }

    pub(crate) fn save_history(&mut self) -> bool {
        // The journal first: a crash between the two leaves the file behind, never ahead.
        self.record_events();
        let result = self.saved.store.save(&self.saved.history);
        self.report_save(result)
    }

    pub(crate) fn save_schedule(&mut self) -> bool {
        // The journal first: a crash between the two leaves the file behind, never ahead.
        self.record_events();
        let result = self.saved.store.save(&self.saved.schedule);
        self.report_save(result)
    }

    pub(crate) fn notify(&mut self, text: String) {
        self.status = Status {
            text,
            is_error: false,
        };
    }

    /// Shows an error: in the status line, and in the corner until the learner dismisses it.
    pub(crate) fn notify_error(&mut self, text: String) {
        self.notifications.push(text.clone());
        self.status = Status { text, is_error: true };
    }
    /// Appends a report to `reports.ron` (read fresh, so nothing earlier is lost) and saves it.
    pub(crate) fn save_report(&mut self, question: String, remark: String) {
        let mut reports = match self.saved.store.load::<crate::progress::Reports>() {
            Ok(reports) => reports,
            Err(err) => {
                self.notify_error(format!("The report was not saved: {err}"));
                return;
            }
        };
        let at_unix_secs = self.clock().now_unix_secs();
        reports.reports.push(crate::progress::Report {
            at_unix_secs,
            question,
            remark,
        });
        match self.saved.store.save(&reports) {
            Ok(()) => {
                if let Some(draft) = self.dialogs.report.as_mut() {
                    draft.saved = true;
                }
                let path = self.saved.store.path_of(crate::progress::Reports::NAME);
                self.notify(format!("Report saved in {}.", path.display()));
            }
            Err(err) => self.notify_error(format!("The report was not saved: {err}")),
        }
    }
}
