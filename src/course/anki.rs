//! Export of the recall cards and the questions as text files that Anki imports
//! ("File > Import"): one note per line, fields separated by tabs, HTML in the fields, and the
//! `#key:value` file headers of Anki 2.1.55+ that preset the separator, note type, deck, column
//! names and tags column.
//!
//! Anki reads these files with a CSV reader that treats a line starting with `#` as a comment
//! and a field starting with `"` as quoted, and it takes tags as a space-separated list. So
//! every field is escaped here: HTML special characters become entities (which also removes
//! every `"`), a leading `#` becomes `&#35;`, line breaks become `<br>`, tabs become `&#9;`, and
//! whitespace inside a tag becomes `_`. Re-importing a newer export updates the notes in place,
//! because Anki matches notes on their first field.

use super::Course;
use super::check::option_letter;
use super::model::Question;

/// What `stagecraft export-anki` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AnkiExport {
    /// The recall cards: front, back (with its reference), tags.
    Cards,
    /// The questions: stem and options, answer with every explanation and the references, tags.
    Questions,
}

/// The deck Anki preselects, when the learner already has one of this name.
pub const DECK: &str = "Stagecraft";

/// A tag on every exported note, so that they can all be found in Anki's browser.
pub const COMMON_TAG: &str = "stagecraft";

/// The header lines (each ending in a newline) that tell Anki how to read the file.
fn header() -> String {
    [
        "#separator:tab".to_owned(),
        "#html:true".to_owned(),
        "#notetype:Basic".to_owned(),
        format!("#deck:{DECK}"),
        format!("#tags:{COMMON_TAG}"),
        // Names, separated by the separator set above, so Anki maps Front and Back by name.
        "#columns:Front\tBack\tTags".to_owned(),
        "#tags column:3".to_owned(),
    ]
    .iter()
    .map(|line| format!("{line}\n"))
    .collect()
}

/// The recall cards as an Anki import file: Front, Back (with a link to the card's reference)
/// and Tags (the card's topics and its id), for the note type Basic.
#[must_use]
pub fn cards_tsv(course: &Course) -> String {
    let mut out = header();
    for card in &course.cards {
        let mut back = html_text(&card.back);
        if !card.reference.trim().is_empty() {
            back.push_str("<br><br>");
            back.push_str(&link(&card.reference));
        }
        let tags = tags(card.topics.iter().map(String::as_str).chain([card.id.as_str()]));
        push_note(&mut out, &html_text(&card.front), &back, &tags);
    }
    out
}

/// The questions as an Anki import file, for the note type Basic: Front is the stem and the
/// lettered options; Back is the correct letters, every option's explanation and the
/// references as links; Tags are the topics, the objectives as hierarchical tags
/// (`dop-c02::1.4`) and the question id.
#[must_use]
pub fn questions_tsv(course: &Course) -> String {
    let mut out = header();
    for question in &course.questions {
        let raw: Vec<String> = question
            .topics
            .iter()
            .cloned()
            .chain(question.objectives.iter().map(|o| o.replace('/', "::")))
            .chain([question.id.clone()])
            .collect();
        let tags = tags(raw.iter().map(String::as_str));
        push_note(
            &mut out,
            &question_front(question),
            &question_back(question),
            &tags,
        );
    }
    out
}

/// The text for `what`.
#[must_use]
pub fn render(course: &Course, what: AnkiExport) -> String {
    match what {
        AnkiExport::Cards => cards_tsv(course),
        AnkiExport::Questions => questions_tsv(course),
    }
}

fn question_front(question: &Question) -> String {
    let mut front = html_text(&question.stem);
    front.push_str("<br>");
    for (i, option) in question.options.iter().enumerate() {
        front.push_str(&format!("<br>{}. {}", option_letter(i), html_text(&option.text)));
    }
    front
}

fn question_back(question: &Question) -> String {
    let letters: Vec<String> = question
        .correct_indices()
        .into_iter()
        .map(|i| option_letter(i).to_string())
        .collect();
    let label = if letters.len() == 1 { "Answer" } else { "Answers" };
    let mut back = format!("<b>{label}: {}</b><br>", letters.join(", "));
    for (i, option) in question.options.iter().enumerate() {
        let verdict = if option.correct { "correct" } else { "incorrect" };
        back.push_str(&format!(
            "<br>{} ({verdict}): {}",
            option_letter(i),
            html_text(&option.explanation)
        ));
    }
    let references: Vec<&String> = question
        .references
        .iter()
        .filter(|r| !r.trim().is_empty())
        .collect();
    if !references.is_empty() {
        back.push_str("<br><br>References:");
        for reference in references {
            back.push_str("<br>");
            back.push_str(&link(reference));
        }
    }
    back
}

/// Appends one note line. Each field is already HTML without tabs or line breaks.
fn push_note(out: &mut String, front: &str, back: &str, tags: &str) {
    for (i, field) in [front, back, tags].into_iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        // A line that starts with `#` is a comment to Anki, and so is any field's `#` at the
        // start of a line; the entity keeps the character without that meaning.
        match field.strip_prefix('#') {
            Some(rest) => {
                out.push_str("&#35;");
                out.push_str(rest);
            }
            None => out.push_str(field),
        }
    }
    out.push('\n');
}

/// Plain text as one line of HTML: special characters as entities, line breaks as `<br>`,
/// tabs as `&#9;`.
fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("<br>");
            }
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// A link whose text is its address.
fn link(url: &str) -> String {
    let url = html_text(url.trim());
    format!("<a href=\"{url}\">{url}</a>")
}

/// Tags as Anki reads them: separated by spaces, so whitespace inside one becomes `_`; each
/// tag once, in the given order.
fn tags<'a>(raw: impl Iterator<Item = &'a str>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for tag in raw {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join("_");
        // A quote starting the field would open a quoted CSV field.
        let tag = tag.replace('"', "_");
        if !tag.is_empty() && !seen.contains(&tag) {
            seen.push(tag);
        }
    }
    seen.join(" ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::course::{PackFile, PackSource, load};

    const COURSE: &str = r#"Course(
    version: 1,
    title: "Test course",
    blueprints: [
        Blueprint(
            id: "bp1",
            title: "Blueprint one",
            domains: [
                Domain(id: "1", title: "Delivery", weight_percent: 60, objectives: [
                    Objective(id: "1.1", title: "Build pipelines", topics: ["pipes", "builds"]),
                ]),
                Domain(id: "2", title: "Operations", weight_percent: 40, objectives: [
                    Objective(id: "2.1", title: "Watch things", topics: ["watch"]),
                ]),
            ],
        ),
    ],
    topics: [
        Topic(id: "pipes", title: "Pipelines"),
        Topic(id: "builds", title: "Builds"),
        Topic(id: "watch", title: "Watching"),
    ],
)
"#;

    const QUESTIONS: &str = r#"[
    Question(
        id: "q-single",
        objectives: ["bp1/1.1"],
        topics: ["pipes"],
        kind: Single,
        stem: "Which service runs the stages?",
        options: [
            Choice(text: "CodePipeline", correct: true, explanation: "It orchestrates stages."),
            Choice(text: "CodeBuild", correct: false, explanation: "It builds."),
            Choice(text: "S3", correct: false, explanation: "It stores."),
            Choice(text: "SNS", correct: false, explanation: "It notifies."),
        ],
        references: ["https://docs.aws.amazon.com/codepipeline/latest/userguide/welcome.html"],
    ),
    Question(
        id: "q-multi",
        objectives: ["bp1/2.1", "bp1/1.1"],
        topics: ["watch", "pipes"],
        kind: Multiple(pick: 2),
        stem: "Which two\twatch <metrics>?\n(Choose two.)",
        options: [
            Choice(text: "CloudWatch", correct: true, explanation: "Metrics."),
            Choice(text: "X-Ray", correct: true, explanation: "Traces & \"service map\"."),
            Choice(text: "S3", correct: false, explanation: "Storage."),
            Choice(text: "IAM", correct: false, explanation: "Identity."),
            Choice(text: "KMS", correct: false, explanation: "Keys.\r\nNot metrics."),
        ],
        references: ["https://docs.aws.amazon.com/cloudwatch/", "https://example.com/?a=1&b=2"],
    ),
]
"#;

    const CARDS: &str = r##"[
    Card(id: "c1", topics: ["builds"], front: "Build spec file?", back: "buildspec.yml", reference: "https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html"),
    Card(id: "c2", topics: ["pipes", "watch"], front: "# of stages?", back: "At least\ttwo\nper pipeline", reference: ""),
]
"##;

    fn course() -> Course {
        let file = |path: &str, text: &str| PackFile {
            path: path.to_owned(),
            text: text.to_owned(),
        };
        let pack = PackSource {
            label: "pack".to_owned(),
            files: vec![
                file("course.ron", COURSE),
                file("notes/pipes.md", "# Pipelines\n"),
                file("notes/builds.md", "# Builds\n"),
                file("notes/watch.md", "# Watching\n"),
                file("questions/main.ron", QUESTIONS),
                file("cards/main.ron", CARDS),
            ],
        };
        let report = load(&pack);
        assert!(report.problems.is_empty(), "{:#?}", report.problems);
        report.course.unwrap()
    }

    const HEADER: &str = "#separator:tab\n#html:true\n#notetype:Basic\n#deck:Stagecraft\n#tags:stagecraft\n#columns:Front\tBack\tTags\n#tags column:3\n";

    /// The note lines (after the header), each split into its fields.
    fn notes(text: &str) -> Vec<Vec<&str>> {
        let body = text
            .strip_prefix(HEADER)
            .expect("the file starts with the header");
        assert!(body.ends_with('\n'));
        body.lines().map(|line| line.split('\t').collect()).collect()
    }

    #[test]
    fn cards_exact_output() {
        let expected = format!(
            "{HEADER}\
Build spec file?\tbuildspec.yml<br><br><a href=\"https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html\">https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html</a>\tbuilds c1\n\
&#35; of stages?\tAt least&#9;two<br>per pipeline\tpipes watch c2\n"
        );
        assert_eq!(cards_tsv(&course()), expected);
    }

    #[test]
    fn questions_exact_output() {
        let expected = format!(
            "{HEADER}\
Which service runs the stages?<br><br>A. CodePipeline<br>B. CodeBuild<br>C. S3<br>D. SNS\t\
<b>Answer: A</b><br>\
<br>A (correct): It orchestrates stages.\
<br>B (incorrect): It builds.\
<br>C (incorrect): It stores.\
<br>D (incorrect): It notifies.\
<br><br>References:<br><a href=\"https://docs.aws.amazon.com/codepipeline/latest/userguide/welcome.html\">https://docs.aws.amazon.com/codepipeline/latest/userguide/welcome.html</a>\t\
pipes bp1::1.1 q-single\n\
Which two&#9;watch &lt;metrics&gt;?<br>(Choose two.)<br><br>A. CloudWatch<br>B. X-Ray<br>C. S3<br>D. IAM<br>E. KMS\t\
<b>Answers: A, B</b><br>\
<br>A (correct): Metrics.\
<br>B (correct): Traces &amp; &quot;service map&quot;.\
<br>C (incorrect): Storage.\
<br>D (incorrect): Identity.\
<br>E (incorrect): Keys.<br>Not metrics.\
<br><br>References:<br><a href=\"https://docs.aws.amazon.com/cloudwatch/\">https://docs.aws.amazon.com/cloudwatch/</a>\
<br><a href=\"https://example.com/?a=1&amp;b=2\">https://example.com/?a=1&amp;b=2</a>\t\
watch pipes bp1::2.1 bp1::1.1 q-multi\n"
        );
        assert_eq!(questions_tsv(&course()), expected);
    }

    #[test]
    fn every_note_is_one_line_of_three_fields_without_raw_tabs_or_newlines() {
        let course = course();
        for (text, count) in [
            (cards_tsv(&course), course.cards.len()),
            (questions_tsv(&course), course.questions.len()),
        ] {
            let notes = notes(&text);
            assert_eq!(notes.len(), count);
            for fields in notes {
                assert_eq!(fields.len(), 3, "{fields:?}");
                for field in &fields {
                    assert!(!field.contains(['\t', '\n', '\r']), "{field:?}");
                    assert!(!field.starts_with(['#', '"']), "{field:?}");
                }
                assert!(!fields[2].is_empty());
            }
        }
    }

    #[test]
    fn embedded_pack_exports_every_card_and_question() {
        let course = load(&PackSource::embedded()).course.unwrap();
        let cards = cards_tsv(&course);
        let questions = questions_tsv(&course);
        assert_eq!(notes(&cards).len(), course.cards.len());
        assert_eq!(notes(&questions).len(), course.questions.len());
        for line in notes(&cards).iter().chain(notes(&questions).iter()) {
            assert_eq!(line.len(), 3);
        }
    }

    #[test]
    fn tags_have_no_whitespace_and_no_repeats() {
        assert_eq!(
            tags(["a b", "a_b", "c\td", "", "\"q\""].into_iter()),
            "a_b c_d _q_"
        );
    }
}
