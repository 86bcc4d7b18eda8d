//! Where a course pack's files come from: the pack embedded in the binary, or a folder on disk.

use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_pack.rs"));
}

/// One text file of a pack.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// Path inside the pack with `/` separators, e.g. `notes/codebuild.md`.
    pub path: String,
    pub text: String,
}

/// All the text files of a pack, and how to name them in messages.
#[derive(Debug, Clone)]
pub struct PackSource {
    /// Prefix for messages: `content` for the embedded pack, the folder otherwise.
    pub label: String,
    pub files: Vec<PackFile>,
}

/// A pack folder that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct ReadPackError {
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

impl PackSource {
    /// The default pack, compiled into the binary from `content/`.
    #[must_use]
    pub fn embedded() -> Self {
        let files = embedded::FILES
            .iter()
            .map(|(path, text)| PackFile {
                path: (*path).to_owned(),
                text: (*text).to_owned(),
            })
            .collect();
        Self {
            label: "content".to_owned(),
            files,
        }
    }

    /// Reads every `.ron` and `.md` file below `dir` (except a top-level `README.md`).
    ///
    /// # Errors
    /// When the folder or one of its files cannot be read; a file that is not UTF-8 is an error
    /// naming that file.
    pub fn from_dir(dir: &Path) -> Result<Self, ReadPackError> {
        let mut files = Vec::new();
        read_dir_into(dir, dir, &mut files)?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(Self {
            label: dir.display().to_string(),
            files,
        })
    }

    /// The file at `path` inside the pack.
    #[must_use]
    pub fn file(&self, path: &str) -> Option<&PackFile> {
        self.files.iter().find(|f| f.path == path)
    }

    /// Files in a pack folder such as `questions/`, in path order.
    pub fn files_in<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = &'a PackFile> + 'a {
        self.files.iter().filter(move |f| {
            f.path
                .strip_prefix(folder)
                .and_then(|rest| rest.strip_prefix('/'))
                .is_some_and(|rest| !rest.contains('/'))
        })
    }

    /// How a pack file is named in messages, e.g. `content/notes/codebuild.md`.
    #[must_use]
    pub fn display_path(&self, path: &str) -> String {
        format!("{}/{path}", self.label.trim_end_matches('/'))
    }
}

fn read_dir_into(root: &Path, dir: &Path, files: &mut Vec<PackFile>) -> Result<(), ReadPackError> {
    let entries = std::fs::read_dir(dir).map_err(|source| ReadPackError {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| ReadPackError {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        if path.is_dir() {
            read_dir_into(root, &path, files)?;
            continue;
        }
        let Ok(relative) = path.strip_prefix(root) else {
            continue;
        };
        let relative = relative.to_string_lossy().replace('\\', "/");
        let is_pack_file = relative.ends_with(".ron") || relative.ends_with(".md");
        if !is_pack_file || relative == "README.md" {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|source| ReadPackError {
            path: path.clone(),
            source,
        })?;
        files.push(PackFile { path: relative, text });
    }
    Ok(())
}
