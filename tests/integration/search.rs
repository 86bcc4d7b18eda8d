//! Full-text search over the built-in notes: ranking, matching lines, highlights.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use stagecraft::course::search::SearchIndex;
use stagecraft::course::{self, PackSource};

fn index() -> SearchIndex {
    SearchIndex::new(&course::load(&PackSource::embedded()).course.unwrap())
}

#[test]
fn a_title_match_ranks_first() {
    let hits = index().search("lifecycle hooks", 10);
    assert_eq!(hits[0].topic, "auto-scaling-lifecycle-hooks", "{hits:#?}");
}

#[test]
fn every_word_must_appear_in_a_hit() {
    let index = index();
    for hit in index.search("canary lambda", 50) {
        let course = course::load(&PackSource::embedded()).course.unwrap();
        let topic = course.topic(&hit.topic).unwrap();
        let text = format!("{} {}", topic.title, topic.note).to_lowercase();
        assert!(
            text.contains("canary") && text.contains("lambda"),
            "{}",
            hit.topic
        );
    }
}

#[test]
fn a_hit_shows_the_line_that_matched_and_what_to_highlight() {
    let hits = index().search("Pending:Wait", 5);
    let hit = hits
        .iter()
        .find(|h| h.topic == "auto-scaling-lifecycle-hooks")
        .expect("found");
    assert!(hit.line.to_lowercase().contains("pending:wait"), "{}", hit.line);
    assert!(hit.line_number > 1);
    assert_eq!(hit.highlight, "pending:wait");
}

#[test]
fn an_empty_query_or_unknown_word_finds_nothing() {
    let index = index();
    assert!(index.search("   ", 10).is_empty());
    assert!(index.search("zzqxnotaword", 10).is_empty());
}
