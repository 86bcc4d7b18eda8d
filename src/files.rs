//! Two small things every part of Stagecraft needs and that need nothing of Stagecraft:
//! writing a file so that a crash leaves the old or the new content, never a torn one, and
//! turning a byte offset into the line and column a person looks for.

use std::io::Write as _;
use std::path::Path;

/// Writes a file so that it holds either its old or its new content, whatever happens:
/// a temporary file in the same folder, fsync, rename over the target, fsync of the folder.
///
/// # Errors
/// When any step fails; the old file is then unchanged.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut file = atomic_write_file::AtomicWriteFile::options().open(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// 1-based line and column (in characters) of a byte offset.
#[must_use]
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}
