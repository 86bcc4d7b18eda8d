//! The data directory: versioned RON files written atomically, damaged files kept and blocked
//! from being overwritten, and backups taken before risky writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::files::write_atomically;

use super::backup::{self, BackupPolicy};
use super::clock::{self, Clock};
use super::read::{Parsed, checked, parse_versioned, read_only, to_ron, utf8};
use super::validate::Invalid;

/// A file the store keeps: its name, its schema version, and how to read older versions.
pub trait DataFile: Serialize + DeserializeOwned + Default {
    /// Path inside the data dir, e.g. `progress.ron`.
    const NAME: &'static str;
    /// The schema version this build writes.
    const VERSION: u32;

    /// Reads the text of an older schema `version` (always below [`Self::VERSION`]).
    ///
    /// # Errors
    /// When the old text cannot be understood.
    fn migrate(version: u32, text: &str) -> Result<Self, String> {
        let _ = text;
        Err(format!("no migration from version {version}"))
    }

    /// Checks the rules the values must keep (ranges, finite numbers, sane times; see
    /// [`super::validate`]). A file whose values break one is not loaded, and a value that
    /// breaks one is not saved: it is never clamped or replaced by a default in silence.
    ///
    /// # Errors
    /// The first value that breaks a rule, with the path to it.
    fn validate(&self) -> Result<(), Invalid> {
        Ok(())
    }
}

/// Why a file could not be loaded. The file is left exactly as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("{}:{line}:{col}: {message}", path.display())]
    Damaged {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error("{}:1:1: written by a newer Stagecraft (file version {version}, this build reads up to {supported}); it is left untouched", path.display())]
    TooNew {
        path: PathBuf,
        version: u32,
        supported: u32,
    },
    #[error("{}:1:1: cannot upgrade from version {version}: {message}", path.display())]
    Migration {
        path: PathBuf,
        version: u32,
        message: String,
    },
    #[error("{}: {message}", path.display())]
    Io { path: PathBuf, message: String },
}

impl LoadError {
    /// The file the error is about.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Damaged { path, .. }
            | Self::TooNew { path, .. }
            | Self::Migration { path, .. }
            | Self::Io { path, .. } => path,
        }
    }
}

/// Why a file could not be saved. Nothing on disk has changed.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{} is not saved: it could not be read when the app started, and it is kept until you choose what to do with it", path.display())]
    Blocked { path: PathBuf },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {}: {message}", path.display())]
    Serialize { path: PathBuf, message: String },
    /// The value breaks a rule it would be refused for when read back.
    #[error("{} is not saved: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

/// The learner's data directory.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    clock: Clock,
    policy: BackupPolicy,
    /// Files that failed to load, by name inside the dir; they are never written.
    blocked: BTreeMap<String, LoadError>,
    /// Files already backed up by this process (the first write of a run backs the file up).
    backed_up: std::collections::BTreeSet<String>,
    /// When each file was last backed up by this process (Unix seconds).
    last_backup_secs: BTreeMap<String, u64>,
    /// Files written since their last backup, with when the first of those writes happened.
    changed_since_backup: BTreeMap<String, u64>,
}

impl Store {
    /// Opens (and creates) a data directory, removing temporary files that saves killed by a
    /// crash left behind (see [`super::leftovers`]).
    ///
    /// # Errors
    /// When the directory cannot be created.
    pub fn open(dir: &Path) -> std::io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        super::leftovers::remove_leftovers(dir, std::time::SystemTime::now(), super::leftovers::LEFTOVER_AGE);
        Ok(Self {
            dir: dir.to_path_buf(),
            clock: Clock::System,
            policy: BackupPolicy::default(),
            blocked: BTreeMap::new(),
            backed_up: std::collections::BTreeSet::new(),
            last_backup_secs: BTreeMap::new(),
            changed_since_backup: BTreeMap::new(),
        })
    }

    /// Uses another clock (tests simulate days with it).
    #[must_use]
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// Uses another backup policy.
    #[must_use]
    pub fn with_policy(mut self, policy: BackupPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// The directory.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The clock the store stamps backups with.
    #[must_use]
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// Absolute path of a file in the dir.
    #[must_use]
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Files that failed to load and are blocked from writes.
    #[must_use]
    pub fn blocked(&self) -> &BTreeMap<String, LoadError> {
        &self.blocked
    }

    /// Loads `T` from its usual name. A missing file gives the default value.
    ///
    /// # Errors
    /// When the file exists but cannot be read; it is then blocked from writes.
    pub fn load<T: DataFile>(&mut self) -> Result<T, LoadError> {
        self.load_at(T::NAME)
    }

    /// Loads `T` from `name` inside the dir (for files of which there are many, like diagrams).
    ///
    /// # Errors
    /// When the file exists but cannot be read; it is then blocked from writes.
    pub fn load_at<T: DataFile>(&mut self, name: &str) -> Result<T, LoadError> {
        let path = self.path_of(name);
        let text = match std::fs::read(&path) {
            Ok(bytes) => match utf8(&path, bytes) {
                Ok(text) => text,
                Err(err) => return Err(self.block(name, err)),
            },
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                self.blocked.remove(name);
                return Ok(T::default());
            }
            Err(err) => {
                return Err(self.block(
                    name,
                    LoadError::Io {
                        path,
                        message: err.to_string(),
                    },
                ));
            }
        };
        match parse_versioned::<T>(&path, &text) {
            Ok(Parsed::Current(value)) => {
                self.blocked.remove(name);
                Ok(value)
            }
            Ok(Parsed::Old(version)) => {
                // A backup of the old file comes first: a migration must never lose the original.
                if let Err(err) = self.backup_now(name) {
                    return Err(self.block(
                        name,
                        LoadError::Io {
                            path,
                            message: format!("cannot back up before upgrading: {err}"),
                        },
                    ));
                }
                match T::migrate(version, &text) {
                    Ok(value) => match checked(&path, &text, value) {
                        Ok(value) => {
                            self.blocked.remove(name);
                            Ok(value)
                        }
                        Err(err) => Err(self.block(name, err)),
                    },
                    Err(message) => Err(self.block(
                        name,
                        LoadError::Migration {
                            path,
                            version,
                            message,
                        },
                    )),
                }
            }
            Err(err) => Err(self.block(name, err)),
        }
    }

    fn block(&mut self, name: &str, err: LoadError) -> LoadError {
        self.blocked.insert(name.to_owned(), err.clone());
        err
    }

    /// Saves `T` under its usual name.
    ///
    /// # Errors
    /// When the file is blocked or cannot be written; the old file is then unchanged.
    pub fn save<T: DataFile>(&mut self, value: &T) -> Result<(), SaveError> {
        self.save_at(T::NAME, value)
    }

    /// Saves `T` as `name`: check its values, serialise, back up the old file once a session,
    /// then write atomically (temporary file, fsync, rename, fsync of the folder).
    ///
    /// # Errors
    /// When the file is blocked, a value breaks a rule of [`DataFile::validate`] (a file the
    /// app would refuse to read back is never written), or the file cannot be written; the old
    /// file is then unchanged.
    pub fn save_at<T: DataFile>(&mut self, name: &str, value: &T) -> Result<(), SaveError> {
        let path = self.path_of(name);
        if self.blocked.contains_key(name) {
            return Err(SaveError::Blocked { path });
        }
        if let Err(invalid) = value.validate() {
            return Err(SaveError::Invalid {
                path,
                message: invalid.message,
            });
        }
        let text = to_ron(value).map_err(|message| SaveError::Serialize {
            path: path.clone(),
            message,
        })?;
        if !self.backed_up.contains(name) && path.exists() {
            self.backup_now(name).map_err(|source| SaveError::Io {
                path: path.clone(),
                source,
            })?;
        }
        write_atomically(&path, text.as_bytes()).map_err(|source| SaveError::Io { path, source })?;
        let now = self.clock.now_unix_secs();
        self.changed_since_backup.entry(name.to_owned()).or_insert(now);
        Ok(())
    }

    /// Backs up every file that changed since its last backup once that backup is
    /// [`backup::BACKUP_INTERVAL_SECS`] old (or, for a file first written this run, once its
    /// first write is). Cheap when nothing is due, so the app calls it every frame; a file that
    /// did not change is not copied again. Returns the backups made.
    ///
    /// # Errors
    /// When a copy cannot be written; that file is tried again an interval later.
    pub fn backup_if_due(&mut self) -> Result<Vec<PathBuf>, SaveError> {
        if self.changed_since_backup.is_empty() {
            return Ok(Vec::new());
        }
        let now = self.clock.now_unix_secs();
        let due: Vec<String> = self
            .changed_since_backup
            .iter()
            .filter(|(name, first_change)| {
                let since = self
                    .last_backup_secs
                    .get(*name)
                    .copied()
                    .unwrap_or(**first_change);
                now.saturating_sub(since) >= backup::BACKUP_INTERVAL_SECS
            })
            .map(|(name, _)| name.clone())
            .collect();
        let mut made = Vec::new();
        for name in due {
            if self.blocked.contains_key(&name) {
                self.changed_since_backup.remove(&name);
                continue;
            }
            match self.backup_now(&name) {
                Ok(path) => made.extend(path),
                Err(source) => {
                    // Not every frame: the next try is an interval away.
                    self.last_backup_secs.insert(name.clone(), now);
                    return Err(SaveError::Io {
                        path: self.path_of(&name),
                        source,
                    });
                }
            }
        }
        Ok(made)
    }

    /// Deletes a file of the dir (a diagram the learner removed), keeping a backup of it.
    ///
    /// # Errors
    /// When the backup or the removal fails; the file then stays.
    pub fn remove(&mut self, name: &str) -> std::io::Result<()> {
        let path = self.path_of(name);
        if path.exists() {
            self.backup_now(name)?;
            std::fs::remove_file(&path)?;
        }
        self.blocked.remove(name);
        self.changed_since_backup.remove(name);
        Ok(())
    }

    /// Copies the current file into `backups/` and prunes old backups by the policy.
    ///
    /// # Errors
    /// When the copy cannot be written.
    pub fn backup_now(&mut self, name: &str) -> std::io::Result<Option<PathBuf>> {
        let path = self.path_of(name);
        if !path.exists() {
            self.changed_since_backup.remove(name);
            return Ok(None);
        }
        let bytes = std::fs::read(&path)?;
        let now = self.clock.now_unix_secs();
        let made = backup::write_backup(&self.dir, name, &bytes, now)?;
        backup::prune(&self.dir, name, &self.policy, now)?;
        self.backed_up.insert(name.to_owned());
        self.last_backup_secs.insert(name.to_owned(), now);
        self.changed_since_backup.remove(name);
        Ok(Some(made))
    }

    /// Backups of a file, newest first.
    #[must_use]
    pub fn backups_of(&self, name: &str) -> Vec<PathBuf> {
        backup::list(&self.dir, name)
            .into_iter()
            .map(|b| b.path)
            .collect()
    }

    /// "Start fresh": moves the damaged file aside (it is kept, renamed) and unblocks the name.
    ///
    /// # Errors
    /// When the file cannot be renamed; it then stays blocked.
    pub fn start_fresh(&mut self, name: &str) -> std::io::Result<Option<PathBuf>> {
        let kept = self.set_aside(name, "damaged")?;
        self.blocked.remove(name);
        Ok(kept)
    }

    /// Backups of a file with their stamps and sizes, newest first.
    #[must_use]
    pub fn backup_list(&self, name: &str) -> Vec<backup::Backup> {
        backup::list(&self.dir, name)
    }

    /// "Restore newest backup": moves the damaged file aside, then puts the newest backup that
    /// loads in its place and returns its content.
    ///
    /// # Errors
    /// When no backup loads or a file cannot be moved; the damaged file then stays in place.
    pub fn restore_newest_backup<T: DataFile>(&mut self, name: &str) -> Result<(T, PathBuf), String> {
        let candidates = backup::list(&self.dir, name);
        let chosen = candidates
            .iter()
            .find(|b| read_only::<T>(&b.path).is_ok())
            .map(|b| b.path.clone());
        let Some(backup_path) = chosen else {
            return Err(format!("no backup of {name} could be read"));
        };
        let (value, _) = self.restore_backup::<T>(name, &backup_path)?;
        Ok((value, backup_path))
    }

    /// Puts the chosen backup of `name` in its place and returns its content. The current file
    /// is never deleted: it is set aside beside it as `<name>.damaged-<stamp>` when it could not
    /// be read, else `<name>.replaced-<stamp>` (returned). Newer backups stay in `backups/`.
    ///
    /// # Errors
    /// When the backup cannot be read or a file cannot be moved; nothing has changed then.
    pub fn restore_backup<T: DataFile>(
        &mut self,
        name: &str,
        backup_path: &Path,
    ) -> Result<(T, Option<PathBuf>), String> {
        read_only::<T>(backup_path).map_err(|e| format!("this backup cannot be read: {e}"))?;
        let bytes = std::fs::read(backup_path).map_err(|e| format!("{}: {e}", backup_path.display()))?;
        let label = if self.blocked.contains_key(name) {
            "damaged"
        } else {
            "replaced"
        };
        let kept = self
            .set_aside(name, label)
            .map_err(|e| format!("cannot move {name} aside: {e}"))?;
        let path = self.path_of(name);
        write_atomically(&path, &bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        self.blocked.remove(name);
        self.changed_since_backup.remove(name);
        let value = self.load_at::<T>(name).map_err(|e| e.to_string())?;
        Ok((value, kept))
    }

    /// Renames a file to `<name>.<label>-<stamp>` next to it.
    fn set_aside(&self, name: &str, label: &str) -> std::io::Result<Option<PathBuf>> {
        let path = self.path_of(name);
        if !path.exists() {
            return Ok(None);
        }
        let stamp = clock::file_stamp(self.clock.now_unix_secs());
        let mut kept = PathBuf::from(format!("{}.{label}-{stamp}", path.display()));
        let mut n = 1;
        while kept.exists() {
            kept = PathBuf::from(format!("{}.{label}-{stamp}-{n}", path.display()));
            n += 1;
        }
        std::fs::rename(&path, &kept)?;
        Ok(Some(kept))
    }
}
