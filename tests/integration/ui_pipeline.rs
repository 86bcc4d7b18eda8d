//! The pipeline editor on the real app: drag from the palette onto lanes, connect two actions,
//! undo and redo, the diagram saved at every finished edit and unchanged after a restart; box
//! select, delete, copy and paste, duplicate; stages; the library; export and import.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use crate::common;

use crate::common::{app_harness, canvas_point, drag, drop_from_palette};
use egui::{Key, Modifiers, vec2};
use egui_kittest::kittest::Queryable as _;
use stagecraft::pipeline::Diagram;

fn names(harness: &egui_kittest::Harness<'static, stagecraft::StudyApp>) -> Vec<(usize, String)> {
    harness
        .state()
        .current_diagram()
        .unwrap()
        .actions()
        .map(|(stage, a)| (stage, a.name.to_string()))
        .collect()
}

fn saved_diagram(harness: &egui_kittest::Harness<'static, stagecraft::StudyApp>) -> Diagram {
    let file = harness.state().open_diagram_file().unwrap();
    common::saved(harness.state().data_dir(), file)
}

/// Source (CodeCommit) → Build (CodeBuild), connected.
fn source_and_build(harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>) {
    drop_from_palette(harness, "Palette: AWS CodeCommit", "Stage 1: Source", 1);
    drop_from_palette(harness, "Palette: AWS CodeBuild", "Stage 2: Build", 1);
    let from = canvas_point(harness, "Output of CodeCommit", vec2(0.0, 0.0));
    let to = canvas_point(harness, "CodeBuild (CodeBuild)", vec2(0.0, 0.0));
    drag(harness, from, to);
}

#[test]
fn drag_connect_undo_redo_save_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    crate::common::new_pipeline(&mut harness);

    drop_from_palette(&mut harness, "Palette: AWS CodeCommit", "Stage 1: Source", 1);
    assert_eq!(names(&harness), [(0, "CodeCommit".to_owned())]);
    assert_eq!(saved_diagram(&harness).action_count(), 1, "saved after the drop");

    drop_from_palette(&mut harness, "Palette: AWS CodeBuild", "Stage 2: Build", 1);
    assert_eq!(
        names(&harness),
        [(0, "CodeCommit".to_owned()), (1, "CodeBuild".to_owned())]
    );
    let unconnected = harness.state().pipeline_findings().len();
    assert!(unconnected > 0, "a build with no input is a finding");

    let from = canvas_point(&harness, "Output of CodeCommit", vec2(0.0, 0.0));
    let to = canvas_point(&harness, "CodeBuild (CodeBuild)", vec2(0.0, 0.0));
    drag(&mut harness, from, to);
    let connected = harness.state().current_diagram().unwrap().clone();
    assert_eq!(
        connected.stages[1].actions[0].inputs,
        connected.stages[0].actions[0].outputs
    );
    assert!(harness.state().pipeline_findings().len() < unconnected);
    assert_eq!(saved_diagram(&harness), connected);

    // Undo removes the connection, redo brings it back; both are saved at once.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert!(
        harness.state().current_diagram().unwrap().stages[1].actions[0]
            .inputs
            .is_empty()
    );
    assert!(saved_diagram(&harness).stages[1].actions[0].inputs.is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run_steps(2);
    assert_eq!(harness.state().current_diagram().unwrap(), &connected);
    harness.get_by_label("Undo").click();
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run_steps(2);
    assert_eq!(harness.state().current_diagram().unwrap(), &connected);

    // After a restart the same diagram is open, unchanged.
    drop(harness);
    let harness = app_harness(dir.path());
    assert_eq!(harness.state().current_diagram().unwrap(), &connected);
}

#[test]
fn a_whole_drag_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    crate::common::new_pipeline(&mut harness);
    drop_from_palette(&mut harness, "Palette: AWS CodeBuild", "Stage 2: Build", 1);
    let before = harness.state().current_diagram().unwrap().clone();
    // Drag the action past the end of its run order, to the room at the end of the lane: many
    // pointer moves, one change (it now runs later).
    let start = canvas_point(&harness, "CodeBuild (CodeBuild)", vec2(-40.0, 0.0));
    let along = stagecraft::pipeline::layout::NODE_W / 2.0 + 16.0;
    let end = start + vec2(along * screen_scale(&harness), 0.0);
    drag(&mut harness, start, end);
    let moved = harness.state().current_diagram().unwrap().stages[1].actions[0].run_order;
    assert_eq!(moved, 2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(
        harness.state().current_diagram().unwrap(),
        &before,
        "one undo reverts the whole drag"
    );
}

/// Screen points per canvas unit.
fn screen_scale(harness: &egui_kittest::Harness<'static, stagecraft::StudyApp>) -> f32 {
    let a = harness.state().canvas_to_screen(egui::pos2(0.0, 0.0));
    let b = harness.state().canvas_to_screen(egui::pos2(100.0, 0.0));
    (b.x - a.x) / 100.0
}

#[test]
fn box_select_delete_copy_paste_and_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    crate::common::new_pipeline(&mut harness);
    source_and_build(&mut harness);
    drop_from_palette(&mut harness, "Palette: AWS CodeBuild (test)", "Stage 2: Build", 2);
    assert_eq!(names(&harness).len(), 3);

    // A box around the Build lane's two actions selects both.
    let lane = harness.get_by_label("Stage 2: Build").rect();
    let corner = harness
        .state()
        .canvas_to_screen(lane.left_bottom() + vec2(-10.0, 10.0));
    let far = harness
        .state()
        .canvas_to_screen(lane.right_bottom() + vec2(10.0, 3.0 * stagecraft::pipeline::layout::ROW_H));
    drag(&mut harness, corner, far);
    assert_eq!(harness.state().pipeline_selection().len(), 2);

    // Copy, then paste into the same stage: two more actions with new names.
    harness.event(egui::Event::Copy);
    harness.run_steps(2);
    harness.event(egui::Event::Paste(String::new()));
    harness.run_steps(2);
    assert_eq!(names(&harness).len(), 5);
    assert!(names(&harness).iter().any(|(_, n)| n == "CodeBuild2"));

    // Delete the pasted selection with the Delete key; undo brings it back.
    harness.key_press(Key::Delete);
    harness.run_steps(2);
    assert_eq!(names(&harness).len(), 3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(names(&harness).len(), 5);

    // Ctrl+A selects everything; Ctrl+D duplicates the selection next to it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::D);
    harness.run_steps(2);
    assert_eq!(names(&harness).len(), 10);
    assert_eq!(saved_diagram(&harness).action_count(), 10);
}

#[test]
fn stages_can_be_added_renamed_reordered_and_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    crate::common::new_pipeline(&mut harness);
    harness.get_by_label("Add stage").click();
    harness.run_steps(2);
    let stage_names = |h: &egui_kittest::Harness<'static, stagecraft::StudyApp>| -> Vec<String> {
        h.state()
            .current_diagram()
            .unwrap()
            .stages
            .iter()
            .map(|s| s.name.to_string())
            .collect()
    };
    assert_eq!(stage_names(&harness), ["Source", "Build", "Stage"]);

    let header = canvas_point(&harness, "Stage 3: Stage", vec2(0.0, 0.0));
    common::click_at(&mut harness, header, egui::PointerButton::Primary);
    let name_field = harness.get_by_label("Name");
    name_field.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Name").type_text("Deploy");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert_eq!(stage_names(&harness), ["Source", "Build", "Deploy"]);

    harness.get_by_label("Move left").click();
    harness.run_steps(2);
    assert_eq!(stage_names(&harness), ["Source", "Deploy", "Build"]);
    harness.get_by_label("Delete stage").click();
    harness.run_steps(2);
    assert_eq!(stage_names(&harness), ["Source", "Build"]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run_steps(2);
    assert_eq!(stage_names(&harness), ["Source", "Deploy", "Build"]);
}

#[test]
fn export_and_import_codepipeline_json_through_the_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    crate::common::new_pipeline(&mut harness);
    source_and_build(&mut harness);
    let original = harness.state().current_diagram().unwrap().clone();

    let out = dir.path().join("exported.json");
    harness.get_by_label("Export as").click();
    harness.run_steps(2);
    harness.get_by_label("CodePipeline JSON…").click();
    harness.run_steps(2);
    let field = harness.get_by_label("File");
    field.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("File").type_text(&out.display().to_string());
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Export")
        .click();
    harness.run_steps(3);
    let json = std::fs::read_to_string(&out).expect("the export was written");
    assert!(json.contains("\"actionTypeId\""), "{json}");

    harness.get_by_label("Import…").click();
    harness.run_steps(2);
    harness.get_by_label("File").focus();
    harness.get_by_label("File").type_text(&out.display().to_string());
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Import")
        .click();
    harness.run_steps(3);
    let imported = harness.state().current_diagram().unwrap();
    assert_ne!(harness.state().open_diagram_file(), None);
    assert_eq!(imported.stages.len(), original.stages.len());
    assert_eq!(
        imported.stages[1].actions[0].inputs,
        original.stages[1].actions[0].inputs
    );
    assert_eq!(
        imported.stages[0].actions[0].configuration,
        original.stages[0].actions[0].configuration
    );
}

#[test]
fn an_import_that_fails_says_where_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(
        &broken,
        "{\n  \"pipeline\": {\n    \"name\": \"x\",\n    \"stages\": [\n",
    )
    .unwrap();
    let mut harness = app_harness(dir.path());
    harness.get_by_label("Pipelines").click();
    harness.run_steps(3);
    harness.get_by_label("Import…").click();
    harness.run_steps(2);
    harness.get_by_label("File").focus();
    harness
        .get_by_label("File")
        .type_text(&broken.display().to_string());
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, "Import")
        .click();
    harness.run_steps(3);
    assert!(harness.state().current_diagram().is_none());
    let status = harness.state().status_text().to_owned();
    assert!(status.contains("broken.json:5:"), "{status}");
}

#[test]
fn the_library_opens_examples_as_copies_and_renames_duplicates_and_deletes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    harness.get_by_label("Pipelines").click();
    harness.run_steps(3);
    let example = harness.get_all_by_label_contains("Open a copy:").next().unwrap();
    example.click();
    harness.run_steps(3);
    let copy = harness.state().current_diagram().unwrap().clone();
    assert!(copy.name.ends_with("-copy"));
    assert!(copy.action_count() > 0);
    assert!(
        harness.state().pipeline_findings().iter().all(|f| !f.is_error()),
        "examples are valid: {:?}",
        harness.state().pipeline_findings()
    );
    let file = harness.state().open_diagram_file().unwrap().to_owned();
    assert!(dir.path().join(&file).exists());

    // Duplicate, rename and delete through the library's context menu.
    let actions = copy.action_count();
    harness
        .get_by_label(&format!("{} ({actions} actions)", copy.name))
        .click_secondary();
    harness.run_steps(2);
    harness.get_by_label("Duplicate").click();
    harness.run_steps(3);
    let entries =
        stagecraft::progress::diagrams::list(&stagecraft::progress::Store::open(dir.path()).unwrap())
            .unwrap();
    assert_eq!(entries.len(), 2);
    let duplicate = harness.state().open_diagram_file().unwrap().to_owned();
    assert_ne!(duplicate, file);
    let duplicate_name = format!("{}-copy", copy.name);
    assert_eq!(harness.state().current_diagram().unwrap().name, duplicate_name);

    // The open one is renamed as an edit of the open diagram, and saved.
    rename_in_library(
        &mut harness,
        &format!("{duplicate_name} ({actions} actions)"),
        &duplicate_name,
        "Renamed duplicate",
    );
    assert_eq!(
        harness.state().current_diagram().unwrap().name,
        "Renamed duplicate"
    );
    assert_eq!(
        common::saved::<Diagram>(dir.path(), &duplicate).name,
        "Renamed duplicate"
    );
    // One that is not open is renamed in its file; the open one is left alone.
    rename_in_library(
        &mut harness,
        &format!("{} ({actions} actions)", copy.name),
        &copy.name,
        "Renamed original",
    );
    let original: Diagram = common::saved(dir.path(), &file);
    assert_eq!(original.name, "Renamed original");
    assert_eq!(original.action_count(), actions, "only the name changed");
    assert_eq!(
        harness.state().current_diagram().unwrap().name,
        "Renamed duplicate"
    );
    harness.get_by_label(&format!("Renamed original ({actions} actions)"));
    assert!(
        harness
            .query_by_label(&format!("{} ({actions} actions)", copy.name))
            .is_none()
    );

    harness
        .get_by_label(&format!("Renamed duplicate ({actions} actions)"))
        .click_secondary();
    harness.run_steps(2);
    harness.get_by_label("Delete").click();
    harness.run_steps(3);
    assert!(!dir.path().join(&duplicate).exists());
    assert!(harness.state().current_diagram().is_none());
    let entries =
        stagecraft::progress::diagrams::list(&stagecraft::progress::Store::open(dir.path()).unwrap())
            .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].name, "Renamed original");
}

/// Renames a library entry through its context menu: "Rename…", then a new name and Enter.
fn rename_in_library(
    harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>,
    entry_label: &str,
    old_name: &str,
    new_name: &str,
) {
    let entry = harness.get_by_label(entry_label).rect().center();
    harness.get_by_label(entry_label).click_secondary();
    harness.run_steps(2);
    harness.get_by_label("Rename…").click();
    harness.run_steps(2);
    // The entry turned into a field holding its name, in its place (the open pipeline's name
    // is also in the properties panel).
    assert!(harness.query_by_label(entry_label).is_none());
    let distance = |node: &egui_kittest::Node<'_>| node.rect().center().distance(entry);
    harness
        .get_all_by_value(old_name)
        .min_by(|a, b| distance(a).total_cmp(&distance(b)))
        .unwrap()
        .focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_all_by_value(old_name)
        .min_by(|a, b| distance(a).total_cmp(&distance(b)))
        .unwrap()
        .type_text(new_name);
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
}

/// The pipeline settings take a function in the YAML short form: it is kept as the function
/// (and exported as one), while other text stays literal.
#[test]
fn a_function_typed_in_the_short_form_becomes_an_expression() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_harness(dir.path());
    common::new_pipeline(&mut harness);
    let type_into =
        |harness: &mut egui_kittest::Harness<'static, stagecraft::StudyApp>, label: &str, text: &str| {
            harness.get_by_label(label).focus();
            harness.run_steps(1);
            harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
            harness.get_by_label(label).type_text(text);
            harness.key_press(Key::Enter);
            harness.run_steps(3);
        };
    type_into(&mut harness, "Service role ARN", "!GetAtt PipelineRole.Arn");
    type_into(&mut harness, "Artifact bucket", "my-artifacts");
    let diagram = harness.state().current_diagram().unwrap().clone();
    assert_eq!(
        diagram.role_arn.expression(),
        Some(&serde_json::json!({"Fn::GetAtt": ["PipelineRole", "Arn"]}))
    );
    assert_eq!(diagram.artifact_bucket, "my-artifacts");
    // The field shows the function as it was typed.
    harness.run_steps(2);
    assert!(
        harness
            .query_all_by_value("!GetAtt PipelineRole.Arn")
            .next()
            .is_some()
    );
}
