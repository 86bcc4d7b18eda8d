//! The domain tree, note viewer and search on the real app: links and history, search, read
//! marks reflected in domain progress, blueprint switching, and keyboard navigation.

use crate::common::{
    PIPELINE_OBJECTIVE, SDLC_DOMAIN, app_harness, click_link, open_codebuild_via_tree, saved_progress,
};
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

#[test]
fn a_topic_link_opens_that_topic_and_back_returns() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    open_codebuild_via_tree(&mut harness);
    assert_eq!(harness.state().open_topic(), Some("codebuild"));

    // "Troubleshooting CodeBuild" is a topic: link in the CodeBuild note.
    click_link(&mut harness, "Troubleshooting CodeBuild");
    harness.run_steps(3);
    assert_eq!(harness.state().open_topic(), Some("codebuild-troubleshooting"));

    harness.get_by_label("⬅ Back").click();
    harness.run_steps(2);
    assert_eq!(harness.state().open_topic(), Some("codebuild"));

    // Alt+Right goes forward again.
    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    harness.run_steps(2);
    assert_eq!(harness.state().open_topic(), Some("codebuild-troubleshooting"));
}

#[test]
fn web_links_open_the_browser_only_when_clicked() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    open_codebuild_via_tree(&mut harness);
    let opens_url = |h: &egui_kittest::Harness<'_, stagecraft::StudyApp>| {
        h.output()
            .platform_output
            .commands
            .iter()
            .any(|c| matches!(c, egui::OutputCommand::OpenUrl(_)))
    };
    assert!(!opens_url(&harness), "showing a note opens nothing");
    let url = "https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html";
    click_link(&mut harness, url);
    harness.step();
    assert!(
        opens_url(&harness),
        "clicking the link asks the platform to open it"
    );
}

#[test]
fn search_finds_a_note_and_opens_it_at_the_match() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run_steps(2);
    assert!(harness.state().is_search_open());
    harness
        .get_by_label("Search notes and titles")
        .type_text("lifecycle hook");
    harness.run_steps(3);
    // The best result is the lifecycle-hooks note, shown with the line that matched.
    let first = harness
        .get_all_by_label_contains("Auto Scaling lifecycle hooks —")
        .next()
        .expect("the lifecycle hooks note is listed with its matching line");
    first.click();
    harness.run_steps(3);
    assert!(!harness.state().is_search_open());
    assert_eq!(harness.state().open_topic(), Some("auto-scaling-lifecycle-hooks"));
    assert_eq!(harness.state().note_highlight(), Some("lifecycle hook"));
}

#[test]
fn search_results_can_be_chosen_with_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.get_by_label("Search…").click();
    harness.run();
    harness
        .get_by_label("Search notes and titles")
        .type_text("buildspec");
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let opened = harness.state().open_topic().unwrap().to_owned();
    assert!(
        opened.starts_with("codebuild"),
        "a CodeBuild note ranks first for buildspec, got {opened}"
    );
}

#[test]
fn marking_a_note_read_moves_its_domain_progress() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    open_codebuild_via_tree(&mut harness);
    let before = harness
        .get_by_label_contains(SDLC_DOMAIN)
        .accesskit_node()
        .label()
        .unwrap_or_default();
    assert!(before.contains("— 0 of"), "{before}");
    harness.get_by_label("Mark as read").click();
    harness.run_steps(2);
    let after = harness
        .get_by_label_contains(SDLC_DOMAIN)
        .accesskit_node()
        .label()
        .unwrap_or_default();
    assert!(after.contains("— 1 of"), "{after}");
    assert!(saved_progress(dir.path()).read.contains_key("codebuild"));
}

#[test]
fn switching_blueprint_changes_the_tree_and_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    // A new learner starts on the current exam.
    assert!(
        harness
            .query_by_label_contains("Domain 3: Resilient cloud solutions")
            .is_some()
    );
    harness.get_by_label("Blueprint").click();
    harness.run_steps(2);
    harness.get_by_label("DOP-C01").click();
    harness.run_steps(2);
    assert!(
        harness
            .query_by_label_contains("Domain 3: Monitoring and logging")
            .is_some()
    );
    assert!(
        harness
            .query_by_label_contains("Domain 3: Resilient cloud solutions")
            .is_none()
    );
    assert_eq!(saved_progress(dir.path()).blueprint, "dop-c01");

    drop(harness);
    let harness = app_harness(dir.path());
    assert!(
        harness
            .query_by_label_contains("Domain 4: Policies and standards automation")
            .is_some()
    );
}

#[test]
fn the_tree_filter_matches_note_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.get_by_label("Filter").focus();
    harness.get_by_label("Filter").type_text("Pending:Wait");
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_label("Auto Scaling lifecycle hooks")
            .next()
            .is_some()
    );
    assert!(
        harness.query_by_label("AWS CodeBuild").is_none(),
        "non-matching topics are hidden"
    );
}

#[test]
fn the_tree_is_usable_with_arrows_and_enter() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    // Clicking the domain expands it and gives it focus.
    harness.get_by_label_contains(SDLC_DOMAIN).click();
    harness.run_steps(2);
    harness.key_press(Key::ArrowDown); // 1.1
    harness.run_steps(2);
    harness.key_press(Key::ArrowRight); // expand 1.1
    harness.run_steps(2);
    harness.key_press(Key::ArrowDown); // its first topic
    harness.run_steps(2);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert_eq!(harness.state().open_topic(), Some("ci-cd"));
    // Left from a topic goes to its objective; Left again collapses it.
    harness.key_press(Key::ArrowLeft);
    harness.run_steps(2);
    harness.key_press(Key::ArrowLeft);
    harness.run_steps(2);
    let tree_rows = |h: &egui_kittest::Harness<'_, stagecraft::StudyApp>, label: &str| {
        h.query_all_by_role_and_label(egui::accesskit::Role::TreeItem, label)
            .count()
    };
    assert_eq!(
        tree_rows(&harness, "AWS CodeCommit"),
        0,
        "the objective collapsed"
    );
    assert_eq!(tree_rows(&harness, PIPELINE_OBJECTIVE), 1);
}
