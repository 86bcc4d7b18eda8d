//! The rule check stays in view: a badge with the counts pinned to the inspector opens the
//! findings, each links to the note that teaches it, and Back from that note returns to the
//! editor with the pipeline as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use stagecraft::pipeline::rules::{RuleId, Tally};
use stagecraft::ui::Mode;

use crate::ui_inspector_steps::{AppHarness, diagram, press};

fn badge_label(harness: &AppHarness) -> String {
    let tally = Tally::of(harness.state().pipeline_findings());
    format!(
        "Rule check: {} error{}, {} warning{}",
        tally.errors,
        if tally.errors == 1 { "" } else { "s" },
        tally.warnings,
        if tally.warnings == 1 { "" } else { "s" }
    )
}

#[test]
fn the_pinned_badge_opens_the_findings_and_a_note_leads_back_to_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = crate::common::app_harness(dir.path());
    crate::common::new_pipeline(&mut harness);
    let before = diagram(&harness);
    // An empty pipeline breaks rules: the badge counts them and the list stays closed.
    let badge = badge_label(&harness);
    assert!(
        badge.starts_with("Rule check: ") && !badge.contains(" 0 errors"),
        "{badge}"
    );
    assert!(harness.query_by_role_and_label(Role::Button, &badge).is_some());
    assert!(harness.query_by_label_contains("Read: ").is_none());

    press(&mut harness, &badge);
    let finding = harness.state().pipeline_findings()[0].clone();
    assert!(
        harness.query_by_label_contains(&finding.to_string()).is_some(),
        "the drawer lists {finding}"
    );
    let course = stagecraft::course::load(&stagecraft::course::PackSource::embedded())
        .course
        .unwrap();
    let topic = course.topic(finding.topic).unwrap();
    harness
        .get_all_by_label(&format!("Read: {}", topic.title))
        .next()
        .unwrap()
        .click_accesskit();
    harness.run_steps(3);
    assert_eq!(harness.state().mode(), Mode::Notes);
    assert_eq!(harness.state().open_topic(), Some(topic.id.as_str()));

    press(&mut harness, "⬅ Back to the pipeline editor");
    assert_eq!(harness.state().mode(), Mode::Pipelines);
    // Alt+Left does the same as the button.
    harness
        .get_all_by_label(&format!("Read: {}", topic.title))
        .next()
        .unwrap()
        .click_accesskit();
    harness.run_steps(3);
    assert_eq!(harness.state().mode(), Mode::Notes);
    harness.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft);
    harness.run_steps(3);
    assert_eq!(
        harness.state().mode(),
        Mode::Pipelines,
        "Alt+Left returns to the editor"
    );
    assert_eq!(diagram(&harness), before, "the pipeline is as it was");
    assert!(
        harness.query_by_role_and_label(Role::Button, &badge).is_some(),
        "the rule check is still pinned"
    );
}

#[test]
fn every_rule_names_a_topic_of_the_course() {
    let course = stagecraft::course::load(&stagecraft::course::PackSource::embedded())
        .course
        .unwrap();
    for rule in RuleId::ALL {
        assert!(course.topic(rule.topic()).is_some(), "{rule}: {}", rule.topic());
    }
    assert_eq!(RuleId::RoleArn.topic(), "iam");
    assert_eq!(RuleId::ServiceQuotas.topic(), "service-quotas");
    for spec in stagecraft::pipeline::catalog::all() {
        assert!(course.topic(spec.topic).is_some(), "{}: {}", spec.key, spec.topic);
    }
}
