//! Full-text search over topic titles and notes: ranked hits, each with the line that matched
//! and the text to highlight when the note opens.

use super::Course;

/// One topic's searchable text.
#[derive(Debug, Clone)]
struct Entry {
    topic: String,
    title: String,
    title_lower: String,
    /// (line number from 1, plain text, lower-cased plain text) of every non-empty note line.
    lines: Vec<(usize, String, String)>,
    note_lower: String,
}

/// A search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub topic: String,
    pub title: String,
    /// The best matching line of the note, as plain text (empty when only the title matched).
    pub line: String,
    /// Its line number in the note file (0 when only the title matched).
    pub line_number: usize,
    /// What to highlight in the note: the whole query when it appears as a phrase, else the
    /// longest query word found.
    pub highlight: String,
    pub score: u32,
}

/// An index of a course's titles and notes.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    /// Indexes every topic of a course.
    #[must_use]
    pub fn new(course: &Course) -> Self {
        let entries = course
            .topics
            .iter()
            .map(|topic| {
                let lines: Vec<(usize, String, String)> = topic
                    .note
                    .lines()
                    .enumerate()
                    // The note's own `# Title` line repeats the title; it is matched as the title.
                    .filter(|(_, raw)| !raw.starts_with("# "))
                    .filter_map(|(i, raw)| {
                        let plain = plain_text(raw);
                        (!plain.is_empty()).then(|| {
                            let lower = plain.to_lowercase();
                            (i + 1, plain, lower)
                        })
                    })
                    .collect();
                let note_lower = lines.iter().map(|l| l.2.as_str()).collect::<Vec<_>>().join("\n");
                Entry {
                    topic: topic.id.clone(),
                    title: topic.title.clone(),
                    title_lower: topic.title.to_lowercase(),
                    lines,
                    note_lower,
                }
            })
            .collect();
        Self { entries }
    }

    /// Topics containing every word of `query` (in the title or the note), best first.
    #[must_use]
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        let phrase = query.trim().to_lowercase();
        let words: Vec<String> = phrase
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<SearchHit> = self
            .entries
            .iter()
            .filter_map(|entry| score_entry(entry, &phrase, &words))
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.title.cmp(&b.title)));
        hits.truncate(limit);
        hits
    }
}

fn score_entry(entry: &Entry, phrase: &str, words: &[String]) -> Option<SearchHit> {
    let everywhere =
        |w: &String| entry.title_lower.contains(w.as_str()) || entry.note_lower.contains(w.as_str());
    if !words.iter().all(everywhere) {
        return None;
    }
    let mut score = 0;
    let title_words = words
        .iter()
        .filter(|w| entry.title_lower.contains(w.as_str()))
        .count();
    score += 20 * u32::try_from(title_words).unwrap_or(0);
    if entry.title_lower.contains(phrase) {
        score += 40;
    }
    if entry.title_lower == phrase {
        score += 40;
    }

    let mut best: Option<(u32, &(usize, String, String))> = None;
    let mut matching_lines = 0u32;
    for line in &entry.lines {
        let found = words.iter().filter(|w| line.2.contains(w.as_str())).count();
        if found == 0 {
            continue;
        }
        matching_lines += 1;
        let mut line_score = 5 * u32::try_from(found).unwrap_or(0);
        if line.2.contains(phrase) {
            line_score += 15;
        }
        if best.is_none_or(|(s, _)| line_score > s) {
            best = Some((line_score, line));
        }
    }
    score += best.map_or(0, |(s, _)| s) + matching_lines.min(10);

    let highlight = if entry.note_lower.contains(phrase) {
        phrase.to_owned()
    } else {
        words
            .iter()
            .filter(|w| entry.note_lower.contains(w.as_str()))
            .max_by_key(|w| w.len())
            .cloned()
            .unwrap_or_default()
    };
    let (line_number, line) = best.map_or((0, String::new()), |(_, l)| (l.0, snippet(&l.1, &l.2, words)));
    Some(SearchHit {
        topic: entry.topic.clone(),
        title: entry.title.clone(),
        line,
        line_number,
        highlight,
        score,
    })
}

/// Longest snippet shown for a matching line, in characters.
const SNIPPET_CHARS: usize = 140;

/// The part of a long line around its first match, with "…" where it was cut.
fn snippet(line: &str, lower: &str, words: &[String]) -> String {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= SNIPPET_CHARS {
        return line.to_owned();
    }
    let first_byte = words
        .iter()
        .filter_map(|w| lower.find(w.as_str()))
        .min()
        .unwrap_or(0);
    // Lower-casing can change byte lengths; count characters in the lower-cased prefix instead.
    let first_char = lower
        .get(..first_byte)
        .map_or(0, |p| p.chars().count())
        .min(chars.len());
    let start = first_char.saturating_sub(SNIPPET_CHARS / 3);
    let end = (start + SNIPPET_CHARS).min(chars.len());
    let start = end.saturating_sub(SNIPPET_CHARS);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

/// A Markdown line as a reader sees it: no heading marks, emphasis, code ticks or link targets.
#[must_use]
pub fn plain_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let trimmed = line
        .trim()
        .trim_start_matches('#')
        .trim_start_matches(['>', '-', '*', '|', ' ']);
    let mut chars = trimmed.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' | '`' | '_' if out.is_empty() || !out.ends_with(char::is_alphanumeric) || c != '_' => {}
            ']' if chars.peek() == Some(&'(') => {
                // Skip the link target.
                for t in chars.by_ref() {
                    if t == ')' {
                        break;
                    }
                }
            }
            '[' => {}
            '|' => out.push_str(" · "),
            _ => out.push(c),
        }
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(" ·")
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_match() {
        let line = format!("{} needle {}", "a".repeat(300), "b".repeat(300));
        let cut = snippet(&line, &line.to_lowercase(), &["needle".to_owned()]);
        assert!(cut.contains("needle"));
        assert!(cut.starts_with('…') && cut.ends_with('…'));
        assert!(cut.chars().count() <= SNIPPET_CHARS + 2);
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(
            plain_text("## The `buildspec.yml` file"),
            "The buildspec.yml file"
        );
        assert_eq!(
            plain_text("See [CodeBuild](topic:codebuild) **now**."),
            "See CodeBuild now."
        );
        assert_eq!(plain_text("| a | b |"), "a · b");
        assert_eq!(plain_text("snake_case_name"), "snake_case_name");
    }
}
