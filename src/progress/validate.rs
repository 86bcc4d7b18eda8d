//! Rules for the values a data file holds (ranges, finite numbers, times, counts that must
//! agree), checked whenever a file is read or written, and the place in a file's text that a
//! broken rule points at.
//!
//! A value that breaks a rule is never clamped or replaced by a default: the file is reported
//! like one that does not parse, with its line and column, and kept as it is.

use std::fmt::Display;
use std::ops::RangeInclusive;

/// The latest time a data file may hold: 9999-12-31 23:59:59 UTC. Anything later is not a time
/// the app wrote (a millisecond count in a seconds field lands around the year 58000).
pub const MAX_UNIX_SECS: u64 = 253_402_300_799;

/// One step from a value to a part of it, as the file's text spells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A struct field, by name (`desired_retention`).
    Field(&'static str),
    /// The element of a list at this index (from 0).
    Element(usize),
    /// A map entry, by its key as RON writes it (`"codebuild"`, `Question("q1")`).
    Entry(String),
}

impl Step {
    /// The map entry whose key is `key`, spelt as [`super::to_ron`] spells it.
    #[must_use]
    pub fn entry<K: serde::Serialize>(key: &K) -> Self {
        Self::Entry(ron::to_string(key).unwrap_or_default())
    }
}

/// A value that breaks a rule: what is wrong, and the path to it from the file's root.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Invalid {
    /// From the root of the file to the value.
    pub place: Vec<Step>,
    pub message: String,
}

impl Invalid {
    /// A broken rule at the root of the value checked.
    #[must_use]
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            place: Vec::new(),
            message: message.into(),
        }
    }

    /// A broken rule about one field.
    #[must_use]
    pub fn field(name: &'static str, message: impl Into<String>) -> Self {
        Self::new(message).within(Step::Field(name))
    }

    /// The same problem seen from the value that holds this one (`step` leads from there to
    /// here).
    #[must_use]
    pub fn within(mut self, step: Step) -> Self {
        self.place.insert(0, step);
        self
    }
}

/// `Ok` when `ok`, else the problem with `field`.
///
/// # Errors
/// When `ok` is false.
pub fn ensure(ok: bool, field: &'static str, message: impl FnOnce() -> String) -> Result<(), Invalid> {
    if ok {
        Ok(())
    } else {
        Err(Invalid::field(field, message()))
    }
}

/// `value` lies within `range` (a NaN never does).
///
/// # Errors
/// When it does not.
pub fn in_range<T: PartialOrd + Display + Copy>(
    field: &'static str,
    value: T,
    range: &RangeInclusive<T>,
) -> Result<(), Invalid> {
    ensure(range.contains(&value), field, || {
        format!(
            "{field} is {value}; it must be from {} to {}",
            range.start(),
            range.end()
        )
    })
}

/// `value` is at most `max`.
///
/// # Errors
/// When it is more.
pub fn at_most<T: PartialOrd + Display + Copy>(field: &'static str, value: T, max: T) -> Result<(), Invalid> {
    ensure(value <= max, field, || {
        format!("{field} is {value}; it must be at most {max}")
    })
}

/// `value` is a finite number above zero.
///
/// # Errors
/// When it is zero, negative, infinite or NaN.
pub fn finite_positive(field: &'static str, value: f32) -> Result<(), Invalid> {
    ensure(value.is_finite() && value > 0.0, field, || {
        format!("{field} is {value}; it must be a finite number above 0")
    })
}

/// `value` is a finite number, zero or more.
///
/// # Errors
/// When it is negative, infinite or NaN.
pub fn finite_not_negative(field: &'static str, value: f32) -> Result<(), Invalid> {
    ensure(value.is_finite() && value >= 0.0, field, || {
        format!("{field} is {value}; it must be a finite number, 0 or more")
    })
}

/// `value` is a time in Unix seconds no later than [`MAX_UNIX_SECS`].
///
/// # Errors
/// When it is later.
pub fn unix_time(field: &'static str, value: u64) -> Result<(), Invalid> {
    ensure(value <= MAX_UNIX_SECS, field, || {
        format!("{field} is {value}, which is not a time in Unix seconds (it is after the year 9999)")
    })
}

/// Checks every element of a list, naming the first that breaks a rule.
///
/// # Errors
/// The first element's problem, placed at the list field and the element's index.
pub fn each<T>(
    field: &'static str,
    items: &[T],
    check: impl Fn(&T) -> Result<(), Invalid>,
) -> Result<(), Invalid> {
    for (index, item) in items.iter().enumerate() {
        check(item).map_err(|e| e.within(Step::Element(index)).within(Step::Field(field)))?;
    }
    Ok(())
}

/// Checks every entry of a map, naming the first that breaks a rule.
///
/// # Errors
/// The first entry's problem, placed at the map field and the entry's key.
pub fn each_entry<'a, K: serde::Serialize + 'a, V: 'a>(
    field: &'static str,
    entries: impl IntoIterator<Item = (&'a K, &'a V)>,
    check: impl Fn(&V) -> Result<(), Invalid>,
) -> Result<(), Invalid> {
    for (key, value) in entries {
        check(value).map_err(|e| e.within(Step::entry(key)).within(Step::Field(field)))?;
    }
    Ok(())
}

/// The byte offset in `text` that `place` leads to: the deepest step found (a field's name, an
/// entry's key, an element's first character), or `None` when not even the first is found.
///
/// The search skips strings and comments and follows the nesting of brackets, so a field of the
/// same name inside another value, a string or a comment is not mistaken for it.
#[must_use]
pub fn locate(text: &str, place: &[Step]) -> Option<usize> {
    let code = code_mask(text);
    let scan = Scan {
        bytes: text.as_bytes(),
        code: &code,
    };
    let mut span = (0, text.len());
    let mut found = None;
    for step in place {
        let Some((at, value)) = scan.step(span, step) else {
            break;
        };
        found = Some(at);
        span = value;
    }
    found
}

/// The text and which of its bytes are RON syntax (not inside a string or a comment).
struct Scan<'a> {
    bytes: &'a [u8],
    code: &'a [bool],
}

impl Scan<'_> {
    /// Takes one step inside the value spanning `span`: where the step's name or element starts,
    /// and the span of the value it leads to.
    fn step(&self, span: (usize, usize), step: &Step) -> Option<(usize, (usize, usize))> {
        match step {
            Step::Field(name) => self.key(span, name.as_bytes(), true),
            Step::Entry(key) => self.key(span, key.as_bytes(), false),
            Step::Element(index) => self.element(span, *index),
        }
    }

    /// The shallowest, then first, `needle` in `span` that is followed by `:`, and its value.
    /// An identifier must not be part of a longer one.
    fn key(
        &self,
        (start, end): (usize, usize),
        needle: &[u8],
        ident: bool,
    ) -> Option<(usize, (usize, usize))> {
        let mut best: Option<(usize, usize)> = None;
        let mut depth = 0usize;
        for i in start..end {
            if !self.code[i] {
                continue;
            }
            match self.bytes[i] {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth == 0 || best.is_some_and(|(d, _)| d <= depth) {
                continue;
            }
            if !self.bytes[i..end].starts_with(needle) {
                continue;
            }
            if ident && i > 0 && is_ident(self.bytes[i - 1]) {
                continue;
            }
            let after = i + needle.len();
            if ident && self.bytes.get(after).is_some_and(|&b| is_ident(b)) {
                continue;
            }
            let colon = self.skip_blank(after, end);
            if colon < end && self.code[colon] && self.bytes[colon] == b':' {
                best = Some((depth, i));
            }
        }
        let (_, at) = best?;
        let colon = self.skip_blank(at + needle.len(), end);
        let value = self.skip_blank(colon + 1, end);
        Some((at, (value, self.value_end(value, end))))
    }

    /// The `index`-th element of the first list in `span`.
    fn element(&self, (start, end): (usize, usize), index: usize) -> Option<(usize, (usize, usize))> {
        let open = (start..end).find(|&i| self.code[i] && self.bytes[i] == b'[')?;
        let mut at = self.skip_blank(open + 1, end);
        for _ in 0..index {
            let next = self.value_end(at, end);
            if next >= end || self.bytes[next] != b',' {
                return None;
            }
            at = self.skip_blank(next + 1, end);
        }
        if at >= end || self.bytes[at] == b']' {
            return None;
        }
        Some((at, (at, self.value_end(at, end))))
    }

    /// The first byte at or after `from` that is neither white space nor in a comment.
    fn skip_blank(&self, from: usize, end: usize) -> usize {
        (from..end)
            .find(|&i| self.code[i] && !self.bytes[i].is_ascii_whitespace())
            .unwrap_or(end)
    }

    /// Where the value starting at `from` ends: at the `,` or closing bracket that follows it at
    /// its own depth.
    fn value_end(&self, from: usize, end: usize) -> usize {
        let mut depth = 0usize;
        for i in from..end {
            if !self.code[i] {
                continue;
            }
            match self.bytes[i] {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => {
                    if depth == 0 {
                        return i;
                    }
                    depth -= 1;
                }
                b',' if depth == 0 => return i,
                _ => {}
            }
        }
        end
    }
}

fn is_ident(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// For each byte of `text`, whether it is RON syntax: `false` inside strings (after the opening
/// quote), characters and comments.
fn code_mask(text: &str) -> Vec<bool> {
    let bytes = text.as_bytes();
    let mut code = vec![true; bytes.len()];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let stop = (j + 1).min(bytes.len());
                code[i + 1..stop].fill(false);
                i = stop;
            }
            b'r' if (i == 0 || !is_ident(bytes[i - 1])) && raw_string_opener(&bytes[i + 1..]).is_some() => {
                let hashes = raw_string_opener(&bytes[i + 1..]).unwrap_or(0);
                let body = i + 2 + hashes;
                let mut closing = vec![b'"'];
                closing.extend(std::iter::repeat_n(b'#', hashes));
                let stop = bytes[body..]
                    .windows(closing.len())
                    .position(|w| w == closing.as_slice())
                    .map_or(bytes.len(), |p| body + p + closing.len());
                code[body..stop].fill(false);
                i = stop;
            }
            b'\'' => {
                // A character: `'a'`, `'\''`, `'"'`.
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'\'' {
                    j += if bytes[j] == b'\\' { 2 } else { 1 };
                }
                let stop = (j + 1).min(bytes.len());
                code[i + 1..stop].fill(false);
                i = stop;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                let stop = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| i + p);
                code[i..stop].fill(false);
                i = stop;
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                // Block comments nest in RON.
                let mut depth = 0usize;
                let mut j = i;
                while j < bytes.len() {
                    if bytes[j..].starts_with(b"/*") {
                        depth += 1;
                        j += 2;
                    } else if bytes[j..].starts_with(b"*/") {
                        depth -= 1;
                        j += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        j += 1;
                    }
                }
                let stop = j.min(bytes.len());
                code[i..stop].fill(false);
                i = stop;
            }
            _ => i += 1,
        }
    }
    code
}

/// The number of `#` of a raw string opener (`"`, `#"`, `##"` …) at the start of `rest`.
fn raw_string_opener(rest: &[u8]) -> Option<usize> {
    let hashes = rest.iter().take_while(|&&b| b == b'#').count();
    (rest.get(hashes) == Some(&b'"')).then_some(hashes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(text: &str, steps: &[Step]) -> Option<(usize, usize)> {
        locate(text, steps).map(|at| crate::files::line_col(text, at))
    }

    #[test]
    fn a_field_is_found_at_its_own_depth_not_in_a_nested_value() {
        let text = "(\n  version: 1,\n  exam: Some((\n    responses: [(elapsed_secs: 2.0)],\n    elapsed_secs: 9,\n  )),\n)\n";
        assert_eq!(
            place(text, &[Step::Field("exam"), Step::Field("elapsed_secs")]),
            Some((5, 5))
        );
        assert_eq!(
            place(
                text,
                &[
                    Step::Field("exam"),
                    Step::Field("responses"),
                    Step::Element(0),
                    Step::Field("elapsed_secs")
                ]
            ),
            Some((4, 18))
        );
    }

    #[test]
    fn strings_and_comments_that_look_like_fields_are_skipped() {
        let text = "(\n  // text_scale: 9\n  note: \"text_scale: 9\",\n  /* text_scale: /* 9 */ */\n  text_scale: 9.0,\n)";
        assert_eq!(place(text, &[Step::Field("text_scale")]), Some((5, 3)));
    }

    #[test]
    fn a_longer_name_is_not_the_field() {
        let text = "(exam_timed: true, timed: false)";
        assert_eq!(locate(text, &[Step::Field("timed")]), Some(19));
    }

    #[test]
    fn map_entries_and_list_elements_are_found() {
        #[derive(serde::Serialize)]
        enum Key {
            Card(String),
        }
        let text = "(items: {\n  Question(\"a\"): (stability: 1.0),\n  Card(\"b\"): (stability: -1.0),\n}, list: [1, (x: [2, 3]), 4])";
        let key = Step::entry(&Key::Card("b".to_owned()));
        assert_eq!(key, Step::Entry("Card(\"b\")".to_owned()));
        assert_eq!(
            place(text, &[Step::Field("items"), key, Step::Field("stability")]),
            Some((3, 15))
        );
        let third = locate(text, &[Step::Field("list"), Step::Element(2)]).unwrap();
        assert_eq!(&text[third..=third], "4");
        // No fourth element: the list itself is the nearest place.
        assert_eq!(
            locate(text, &[Step::Field("list"), Step::Element(3)]),
            locate(text, &[Step::Field("list")])
        );
    }

    #[test]
    fn a_missing_step_points_at_the_deepest_one_found() {
        let text = "(version: 1, sessions: [])";
        assert_eq!(
            locate(text, &[Step::Field("sessions"), Step::Element(0)]),
            Some(13)
        );
        assert_eq!(locate(text, &[Step::Field("answers")]), None);
    }

    #[test]
    fn rules_name_the_field_and_the_bounds() {
        let err = in_range("desired_retention", f32::NAN, &(0.7..=0.97)).unwrap_err();
        assert_eq!(err.place, [Step::Field("desired_retention")]);
        assert_eq!(
            err.message,
            "desired_retention is NaN; it must be from 0.7 to 0.97"
        );
        assert!(finite_positive("stability", 0.0).is_err());
        assert!(finite_positive("stability", f32::INFINITY).is_err());
        assert!(finite_positive("stability", 1e-3).is_ok());
        assert!(finite_not_negative("elapsed_secs", -0.5).is_err());
        assert!(unix_time("at_unix_secs", MAX_UNIX_SECS).is_ok());
        assert!(unix_time("at_unix_secs", MAX_UNIX_SECS + 1).is_err());
        let nested = each("answers", &[1, 2, 3], |&n| {
            ensure(n < 3, "n", || "too big".to_owned())
        })
        .unwrap_err();
        assert_eq!(
            nested.place,
            [Step::Field("answers"), Step::Element(2), Step::Field("n")]
        );
    }
}
