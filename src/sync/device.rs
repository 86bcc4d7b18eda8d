//! This machine's device id: created on first run and kept in `devices/<key>.ron`, where the
//! key is a hash of this machine (its machine id and host name) and the data folder's path.
//! Each machine reads and writes only its own file, so the folder can be synced as it is and
//! no two machines, nor two data folders on one machine, share an id.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::event::fnv1a;
use crate::files::write_atomically;

/// Folder of the data directory holding one file per device.
pub const DEVICE_DIR: &str = "devices";

/// What `devices/<key>.ron` holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Device {
    pub version: u32,
    /// The id its journal folder is named after, e.g. `laptop-3f9a01c2`.
    pub id: String,
    /// The host name, for people.
    pub name: String,
}

/// The device file this machine uses for the data folder `dir`.
#[must_use]
pub fn device_file(dir: &Path) -> String {
    let folder = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let key = format!("{}\0{}\0{}", machine_id(), host_name(), folder.display());
    format!("{DEVICE_DIR}/{:016x}.ron", fnv1a(key.as_bytes()))
}

/// This machine's device for the data folder `dir`, created on first run.
///
/// # Errors
/// When the device file cannot be read or written, with its path.
pub fn this_device(dir: &Path) -> Result<Device, String> {
    let name = device_file(dir);
    let path = dir.join(&name);
    match std::fs::read_to_string(&path) {
        Ok(text) => ron::from_str::<Device>(&text).map_err(|e| {
            format!(
                "{}:{}:{}: {}",
                path.display(),
                e.span.start.line,
                e.span.start.col,
                e.code
            )
        }),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            let host = host_name();
            let device = Device {
                version: 1,
                id: format!("{}-{:08x}", slug(&host), rand::random::<u32>()),
                name: host,
            };
            let text = crate::progress::to_ron(&device).map_err(|e| format!("{}: {e}", path.display()))?;
            write_atomically(&path, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(device)
        }
        Err(err) => Err(format!("{}: {err}", path.display())),
    }
}

/// The host name (`HOSTNAME`, `COMPUTERNAME`, `/etc/hostname`), or "device".
#[must_use]
pub fn host_name() -> String {
    ["HOSTNAME", "COMPUTERNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .chain(std::fs::read_to_string("/etc/hostname").ok())
        .map(|s| s.trim().to_owned())
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "device".to_owned())
}

fn machine_id() -> String {
    ["/etc/machine-id", "/var/lib/dbus/machine-id"]
        .iter()
        .find_map(|p| std::fs::read_to_string(p).ok())
        .map(|s| s.trim().to_owned())
        .unwrap_or_default()
}

/// Lower-case letters, digits and dashes, at most 20 characters: safe in any file system.
fn slug(name: &str) -> String {
    let slug: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(20)
        .collect();
    let slug = slug.trim_matches('-');
    if slug.is_empty() {
        "device".to_owned()
    } else {
        slug.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_folder_keeps_its_device_and_another_folder_gets_another() {
        let one = tempfile::tempdir().unwrap();
        let two = tempfile::tempdir().unwrap();
        let first = this_device(one.path()).unwrap();
        assert_eq!(this_device(one.path()).unwrap(), first);
        assert_ne!(this_device(two.path()).unwrap().id, first.id);
        assert!(first.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        assert_eq!(slug("My Laptop!"), "my-laptop");
    }
}
