//! Embeds the default course pack (`content/`) in the binary: writes a list of
//! `(relative path, include_str!(...))` pairs to `$OUT_DIR/embedded_pack.rs`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let content = manifest_dir.join("content");
    println!("cargo:rerun-if-changed=content");

    let mut files = Vec::new();
    collect(&content, &content, &mut files);
    files.sort();

    let mut code = String::from("/// Files of the embedded course pack: (pack-relative path, text).\n");
    code.push_str("pub static FILES: &[(&str, &str)] = &[\n");
    for (relative, absolute) in &files {
        println!("cargo:rerun-if-changed={}", absolute.display());
        let _ = writeln!(
            code,
            "    ({relative:?}, include_str!({:?})),",
            absolute.display().to_string()
        );
    }
    code.push_str("];\n");

    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("embedded_pack.rs");
    if let Err(err) = std::fs::write(&out, code) {
        panic!("cannot write {}: {err}", out.display());
    }
}

/// Every pack file below `dir`, skipping the pack's own README.
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(root, &path, files);
            continue;
        }
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        let is_pack_file = relative.ends_with(".ron") || relative.ends_with(".md");
        if is_pack_file && relative != "README.md" {
            files.push((relative, path));
        }
    }
}
