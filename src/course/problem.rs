//! A problem found in a pack, with the file and position it points at, and the text search that
//! finds positions for problems that are not parse errors.

use crate::files::line_col;
use std::fmt;

/// One problem, printed as `path:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as shown to the learner, e.g. `content/questions/sdlc.ron`.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.col, self.message)
    }
}

impl Problem {
    /// A problem at a byte offset of `text`.
    #[must_use]
    pub fn at_offset(path: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, col) = line_col(text, offset);
        Self {
            path: path.to_owned(),
            line,
            col,
            message: message.into(),
        }
    }

    /// A problem from a RON parse error.
    #[must_use]
    pub fn from_ron(path: &str, err: &ron::error::SpannedError) -> Self {
        Self {
            path: path.to_owned(),
            line: err.span.start.line.max(1),
            col: err.span.start.col.max(1),
            message: err.code.to_string(),
        }
    }
}

/// Byte offset of `needle` in `text` at or after `from`, or `from` itself when it is absent.
///
/// Used to point a semantic problem at the place that causes it; when the text cannot be found
/// the problem still names the nearest enclosing place.
#[must_use]
pub fn find_from(text: &str, from: usize, needle: &str) -> usize {
    let from = from.min(text.len());
    text.get(from..)
        .and_then(|rest| rest.find(needle))
        .map_or(from, |i| from + i)
}

/// Byte offset of the `id: "<id>"` field that declares an item, searching from `from`.
#[must_use]
pub fn find_id(text: &str, from: usize, id: &str) -> usize {
    let quoted = format!("{id:?}");
    let from = from.min(text.len());
    let mut start = from;
    while let Some(i) = text.get(start..).and_then(|rest| rest.find(&quoted)) {
        let at = start + i;
        let before = text[..at].trim_end();
        if before.ends_with("id:") {
            return at;
        }
        start = at + quoted.len();
    }
    find_from(text, from, &quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one_in_characters() {
        let text = "ab\ncé d\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        let d = text.find('d').unwrap();
        assert_eq!(line_col(text, d), (2, 4));
    }

    #[test]
    fn find_id_skips_references_to_the_same_string() {
        let text = "topics: [\"a\"],\nTopic(id: \"a\")";
        let at = find_id(text, 0, "a");
        assert_eq!(line_col(text, at), (2, 11));
    }

    #[test]
    fn display_is_path_line_col_message() {
        let p = Problem::at_offset("x.ron", "a\nb", 2, "bad");
        assert_eq!(p.to_string(), "x.ron:2:1: bad");
    }
}
