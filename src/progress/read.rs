//! Reading a data file: bytes to text, the version first (from any RON shape), then the typed
//! value, validated; and the read-only paths commands use, which never change a file.

use std::path::Path;

use serde::Serialize;

use super::store::{DataFile, LoadError};

/// What a file's text turned out to be.
pub(super) enum Parsed<T> {
    Current(T),
    /// An older schema version, to migrate.
    Old(u32),
}

/// Reads the version first (from any RON shape), then the typed value.
pub(super) fn parse_versioned<T: DataFile>(path: &Path, text: &str) -> Result<Parsed<T>, LoadError> {
    let damaged = |err: &ron::error::SpannedError| LoadError::Damaged {
        path: path.to_path_buf(),
        line: err.span.start.line.max(1),
        col: err.span.start.col.max(1),
        message: err.code.to_string(),
    };
    let value: ron::Value = ron::from_str(text).map_err(|e| damaged(&e))?;
    let version = read_version(&value).ok_or_else(|| LoadError::Damaged {
        path: path.to_path_buf(),
        line: 1,
        col: 1,
        message: "the file has no `version` number".to_owned(),
    })?;
    if version > T::VERSION {
        return Err(LoadError::TooNew {
            path: path.to_path_buf(),
            version,
            supported: T::VERSION,
        });
    }
    if version < T::VERSION {
        return Ok(Parsed::Old(version));
    }
    let value = ron::from_str::<T>(text).map_err(|e| damaged(&e))?;
    checked(path, text, value).map(Parsed::Current)
}

/// The value if it keeps the rules of [`DataFile::validate`], else the problem at its place in
/// `text` (the start of the file when the place cannot be found).
pub(super) fn checked<T: DataFile>(path: &Path, text: &str, value: T) -> Result<T, LoadError> {
    match value.validate() {
        Ok(()) => Ok(value),
        Err(invalid) => {
            let (line, col) = super::validate::locate(text, &invalid.place)
                .map_or((1, 1), |at| crate::files::line_col(text, at));
            Err(LoadError::Damaged {
                path: path.to_path_buf(),
                line,
                col,
                message: invalid.message,
            })
        }
    }
}

fn read_version(value: &ron::Value) -> Option<u32> {
    let ron::Value::Map(map) = value else {
        return None;
    };
    let version = map.get(&ron::Value::String("version".to_owned()))?;
    match version {
        ron::Value::Number(n) => {
            let v = n.into_f64();
            // Versions are small whole numbers; anything else is not a version.
            (v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v)).then(|| {
                #[expect(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    reason = "range checked above"
                )]
                let version = v as u32;
                version
            })
        }
        _ => None,
    }
}

/// Pretty RON with sorted maps (callers use `BTreeMap`) so files diff cleanly.
///
/// # Errors
/// When the value cannot be represented in RON.
pub fn to_ron<T: Serialize>(value: &T) -> Result<String, String> {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(8)
        .indentor("  ")
        .new_line("\n");
    ron::ser::to_string_pretty(value, config)
        .map(|mut text| {
            text.push('\n');
            text
        })
        .map_err(|e| e.to_string())
}

/// Reads a file the way [`Store::load_at`] does, but only to report: nothing is written, no
/// backup is taken, and an older version is upgraded in memory only. A missing file is fine.
///
/// # Errors
/// The reason the file cannot be loaded.
pub fn inspect<T: DataFile>(path: &Path) -> Result<(), LoadError> {
    read_only::<T>(path).map(|_| ())
}

/// Reads a file without changing anything (no backup, an older version upgraded in memory
/// only); a missing file gives the defaults. For commands that only report.
///
/// # Errors
/// The reason the file cannot be loaded.
pub fn read_only<T: DataFile>(path: &Path) -> Result<T, LoadError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(T::default()),
        Err(err) => {
            return Err(LoadError::Io {
                path: path.to_path_buf(),
                message: err.to_string(),
            });
        }
    };
    let text = utf8(path, bytes)?;
    match parse_versioned::<T>(path, &text)? {
        Parsed::Current(value) => Ok(value),
        Parsed::Old(version) => {
            let value = T::migrate(version, &text).map_err(|message| LoadError::Migration {
                path: path.to_path_buf(),
                version,
                message,
            })?;
            checked(path, &text, value)
        }
    }
}

/// The file's text, or where its bytes stop being UTF-8.
pub(super) fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, LoadError> {
    String::from_utf8(bytes).map_err(|err| {
        let offset = err.utf8_error().valid_up_to();
        let (line, col) = crate::files::line_col(&String::from_utf8_lossy(err.as_bytes()), offset);
        LoadError::Damaged {
            path: path.to_path_buf(),
            line,
            col,
            message: "the file is not valid UTF-8 text".to_owned(),
        }
    })
}
