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
    let course = course::load(&PackSource::embedded()).course.unwrap();
    let index = SearchIndex::new(&course);
    let hits = index.search("canary lambda", 50);
    // Several notes teach Lambda canaries (CodeDeploy's Lambda configurations, SAM's
    // DeploymentPreference); with no hit the loop below would check nothing.
    assert!(hits.len() >= 2, "{hits:#?}");
    for hit in &hits {
        let topic = course.topic(&hit.topic).unwrap();
        let text = format!("{} {}", topic.title, topic.note).to_lowercase();
        assert!(
            text.contains("canary") && text.contains("lambda"),
            "{}",
            hit.topic
        );
    }
    // A note with only one of the words is not a hit.
    let canary_only = course
        .topics
        .iter()
        .find(|t| {
            let text = format!("{} {}", t.title, t.note).to_lowercase();
            text.contains("canary") && !text.contains("lambda")
        })
        .expect("a note about canaries that never names Lambda");
    assert!(hits.iter().all(|h| h.topic != canary_only.id));
    assert!(
        index
            .search("canary", 200)
            .iter()
            .any(|h| h.topic == canary_only.id),
        "{} is found by one of the words",
        canary_only.id
    );
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
