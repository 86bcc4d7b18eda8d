//! Applying pipeline actions: edits with undo (each finished edit saved at once), the library
//! (new, open, example copies, rename, duplicate, delete), clipboard, import and export.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::pipeline::codepipeline::clipboard::{self, Clip};
use crate::pipeline::edit::{self, Op};
use crate::pipeline::layout::{NODE_GAP, NODE_W};
use crate::pipeline::{Action as PipelineAction, ActionId, Diagram, cloudformation, codepipeline, commands};
use crate::progress::diagrams::new_file_name;

use crate::ui::pipeline::import_choice::ImportChoice;
use crate::ui::pipeline::state::{ExportKind, OpenDiagram};
use crate::ui::shell::action::PipelineRequest;
use crate::ui::shell::app::StudyApp;

impl StudyApp {
    /// Applies one pipeline request.
    pub(crate) fn apply_pipeline(&mut self, request: PipelineRequest) {
        match request {
            PipelineRequest::Edit { label, ops } => self.edit_diagram(&label, ops),
            PipelineRequest::Undo => self.undo_redo(true),
            PipelineRequest::Redo => self.undo_redo(false),
            PipelineRequest::New => self.create_diagram(Diagram::new("new-pipeline")),
            PipelineRequest::Open(file) => self.open_diagram(&file),
            PipelineRequest::OpenExample(index) => {
                if let Some(example) = self.saved.course.pipelines.get(index) {
                    let mut copy = example.diagram.clone();
                    copy.name = format!("{}-copy", copy.name).into();
                    self.create_diagram(copy);
                }
            }
            PipelineRequest::Rename { file, name } => self.rename_diagram(&file, &name),
            PipelineRequest::Duplicate(file) => {
                if let Some(mut copy) = self.read_diagram(&file) {
                    copy.name = format!("{}-copy", copy.name).into();
                    self.create_diagram(copy);
                }
            }
            PipelineRequest::Delete(file) => self.delete_diagram(&file),
            PipelineRequest::DeleteSelection => {
                let Some(open) = &self.diagram else { return };
                let ops = commands::delete_actions(&open.diagram, &self.editor.selection);
                self.editor.selection.clear();
                self.edit_diagram("Delete", ops);
            }
            PipelineRequest::DuplicateSelection => self.duplicate_selection(),
            PipelineRequest::SelectAll => {
                if let Some(open) = &self.diagram {
                    self.editor.selection = open.diagram.actions().map(|(_, a)| a.id).collect();
                }
            }
            PipelineRequest::ClearSelection => {
                self.editor.selection.clear();
                self.editor.selected_stage = None;
            }
            PipelineRequest::Copy => {
                if let Some(open) = &self.diagram {
                    self.editor.clipboard = selected_actions(&open.diagram, &self.editor.selection);
                    // The system clipboard gets CodePipeline JSON, as the console's JSON view.
                    let text = clipboard::copy_text(
                        &open.diagram,
                        &self.editor.selection,
                        self.editor.selected_stage,
                    );
                    self.ctx.copy_text(text);
                }
            }
            PipelineRequest::Paste(text) => self.paste(text.as_deref()),
            PipelineRequest::Import(path) => self.import_diagram(&path),
            PipelineRequest::ImportChosen(index) => self.import_chosen(index),
            PipelineRequest::CancelImport => self.editor.import_choice = None,
            PipelineRequest::Export { kind, path } => self.export_diagram(kind, &path),
            PipelineRequest::ChallengeStart(id) => self.start_challenge(&id),
            PipelineRequest::ChallengeSubmit => self.submit_challenge(),
        }
    }

    /// Performs an edit as one undo step, then checks and saves the diagram.
    fn edit_diagram(&mut self, label: &str, ops: Vec<Op>) {
        let Some(open) = self.diagram.as_mut() else { return };
        if ops.is_empty() {
            return;
        }
        match open.history.perform(&mut open.diagram, label, ops) {
            Ok(()) => self.after_diagram_change(label),
            Err(err) => self.notify_error(format!("{label}: {err}")),
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let Some(open) = self.diagram.as_mut() else { return };
        let label = if undo {
            open.history.undo(&mut open.diagram)
        } else {
            open.history.redo(&mut open.diagram)
        };
        match label {
            Ok(Some(label)) => {
                let verb = if undo { "Undid" } else { "Redid" };
                self.after_diagram_change(&format!("{verb} {label}"));
            }
            Err(err) => {
                let verb = if undo { "Undo" } else { "Redo" };
                self.notify_error(format!("{verb} failed, nothing changed: {err}"));
            }
            Ok(None) => self.notify(
                if undo {
                    "Nothing to undo."
                } else {
                    "Nothing to redo."
                }
                .to_owned(),
            ),
        }
    }

    /// Re-checks, saves at once, and keeps the selection to what still exists.
    fn after_diagram_change(&mut self, what: &str) {
        let Some(open) = self.diagram.as_mut() else { return };
        open.recheck();
        open.regrade(&self.saved.course);
        self.editor
            .selection
            .retain(|id| open.diagram.locate(*id).is_some());
        if self
            .editor
            .selected_stage
            .is_some_and(|s| s >= open.diagram.stages.len())
        {
            self.editor.selected_stage = None;
        }
        let result = self.saved.store.save_at(&open.file, &open.diagram);
        // Only this file changed: its library entry is updated in memory rather than the
        // whole folder read again (which took longer than a frame with large diagrams).
        let entry = crate::progress::diagrams::Entry {
            file: open.file.clone(),
            name: open.diagram.name.to_string(),
            actions: open.diagram.action_count(),
            error: None,
        };
        let updated = match &mut self.editor.library {
            Ok(list) => result.is_ok() && crate::progress::diagrams::update_entry(list, entry),
            Err(_) => false,
        };
        if !updated {
            self.editor.library_stale = true;
        }
        match result {
            Ok(()) => self.notify(format!("{what}.")),
            Err(err) => self.notify_error(format!("{what}, but not saved: {err}")),
        }
    }

    /// Saves a new diagram under a fresh file name and opens it.
    fn create_diagram(&mut self, mut diagram: Diagram) {
        diagram.assign_missing_ids();
        crate::pipeline::layout::tidy(&mut diagram);
        let file = new_file_name(&self.saved.store, &diagram.name);
        if let Err(err) = self.saved.store.save_at(&file, &diagram) {
            self.notify_error(err.to_string());
            return;
        }
        let name = diagram.name.clone();
        self.show_diagram(OpenDiagram::new(file, diagram, &self.saved.course));
        self.notify(format!("Created {name}."));
    }

    fn show_diagram(&mut self, open: OpenDiagram) {
        self.saved.progress.open_diagram = Some(open.file.clone());
        self.diagram = Some(open);
        self.editor.selection.clear();
        self.editor.selected_stage = None;
        self.editor.fit_next = true;
        self.editor.tab = crate::ui::pipeline::state::PipelineTab::Editor;
        self.editor.drafts.fields.clear();
        self.editor.library_stale = true;
        self.mode = crate::ui::Mode::Pipelines;
        self.save_progress();
    }

    /// Creates the learner's attempt at a challenge from its start diagram and opens it.
    fn start_challenge(&mut self, id: &str) {
        let Some(loaded) = self.saved.course.challenge(id) else {
            self.notify_error(format!("The course has no challenge \"{id}\"."));
            return;
        };
        let mut diagram = loaded.challenge.start_diagram();
        diagram.name = id.into();
        diagram.challenge = Some(id.to_owned());
        self.create_diagram(diagram);
    }

    /// Grades the open diagram against its challenge and appends the result to the history.
    fn submit_challenge(&mut self) {
        let Some(open) = &self.diagram else { return };
        let (Some(id), Some(grade)) = (open.diagram.challenge.clone(), open.grade.clone()) else {
            self.notify_error("This pipeline is not an attempt at a challenge.".to_owned());
            return;
        };
        self.saved.history.challenges.push(crate::quiz::ChallengeRecord {
            at_unix_secs: self.clock().now_unix_secs(),
            challenge: id,
            passed: grade.passed_count,
            total: grade.total,
            diagram_file: open.file.clone(),
        });
        let result = self.saved.store.save(&self.saved.history);
        match result {
            Ok(()) if grade.all_passed() => {
                self.notify(format!(
                    "Challenge solved: all {} requirements met — recorded.",
                    grade.total
                ));
            }
            Ok(()) => self.notify(format!(
                "{} of {} requirements met — recorded. The crosses in the Challenge panel carry hints.",
                grade.passed_count, grade.total
            )),
            Err(err) => self.notify_error(err.to_string()),
        }
    }

    fn read_diagram(&mut self, file: &str) -> Option<Diagram> {
        if let Some(open) = self.diagram.as_ref().filter(|o| o.file == file) {
            return Some(open.diagram.clone());
        }
        match self.saved.store.load_at::<Diagram>(file) {
            Ok(mut diagram) => {
                diagram.assign_missing_ids();
                Some(diagram)
            }
            Err(err) => {
                self.notify_error(err.to_string());
                None
            }
        }
    }

    pub(crate) fn open_diagram(&mut self, file: &str) {
        if let Some(diagram) = self.read_diagram(file) {
            self.show_diagram(OpenDiagram::new(file.to_owned(), diagram, &self.saved.course));
        }
    }

    fn rename_diagram(&mut self, file: &str, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            self.notify_error("A pipeline needs a name.".to_owned());
            return;
        }
        if self.diagram.as_ref().is_some_and(|o| o.file == file) {
            let Some(open) = &self.diagram else { return };
            let d = &open.diagram;
            let ops = vec![Op::SetMeta {
                name: name.into(),
                description: d.description.clone(),
                role_arn: d.role_arn.clone(),
                artifact_bucket: d.artifact_bucket.clone(),
            }];
            self.edit_diagram("Rename pipeline", ops);
            return;
        }
        if let Some(mut diagram) = self.read_diagram(file) {
            diagram.name = name.into();
            match self.saved.store.save_at(file, &diagram) {
                Ok(()) => self.notify(format!("Renamed to {name}.")),
                Err(err) => self.notify_error(err.to_string()),
            }
            self.editor.library_stale = true;
        }
    }

    fn delete_diagram(&mut self, file: &str) {
        match self.saved.store.remove(file) {
            Ok(()) => {
                if self.diagram.as_ref().is_some_and(|o| o.file == file) {
                    self.diagram = None;
                    self.saved.progress.open_diagram = None;
                    self.save_progress();
                }
                self.editor.library_stale = true;
                self.notify(format!("Deleted {file}; a copy is kept in backups/."));
            }
            Err(err) => self.notify_error(format!("Cannot delete {file}: {err}")),
        }
    }

    fn duplicate_selection(&mut self) {
        let Some(open) = &self.diagram else { return };
        let diagram = &open.diagram;
        let mut by_stage: BTreeMap<usize, Vec<PipelineAction>> = BTreeMap::new();
        for (stage, action) in diagram.actions() {
            if self.editor.selection.contains(&action.id) {
                by_stage.entry(stage).or_default().push(action.clone());
            }
        }
        let ops = paste_groups(diagram, by_stage, NODE_W + NODE_GAP);
        let before = diagram.next_id();
        self.edit_diagram("Duplicate", ops);
        self.select_new_since(before);
    }

    /// Pastes CodePipeline JSON from the system clipboard (actions into the selected stage,
    /// stages after it, a whole pipeline as a new diagram), or else the actions last copied.
    fn paste(&mut self, text: Option<&str>) {
        let Some(open) = &self.diagram else { return };
        let pasted = text.map(clipboard::paste_text);
        let actions = match pasted {
            Some(Ok(Clip::Actions(actions))) => actions,
            Some(Ok(Clip::Stages(stages))) => {
                let at = self
                    .editor
                    .selected_stage
                    .map_or(open.diagram.stages.len(), |s| s + 1);
                let ops = commands::paste_stages(&open.diagram, at, &stages);
                self.edit_diagram("Paste stages", ops);
                return;
            }
            Some(Ok(Clip::Pipeline(diagram))) => {
                self.notify(format!(
                    "Pasted pipeline {} opened as a new diagram.",
                    diagram.name
                ));
                self.create_diagram(*diagram);
                return;
            }
            Some(Err(err)) if text.is_some_and(|t| t.trim_start().starts_with(['{', '['])) => {
                self.notify_error(format!(
                    "The clipboard holds JSON that is not a CodePipeline action, stage or pipeline: {err}"
                ));
                return;
            }
            _ => self.editor.clipboard.clone(),
        };
        if actions.is_empty() {
            return;
        }
        let stage = self
            .editor
            .selected_stage
            .or_else(|| {
                self.editor
                    .selection
                    .iter()
                    .find_map(|id| open.diagram.locate(*id).map(|(s, _)| s))
            })
            .unwrap_or(0);
        let before = open.diagram.next_id();
        let ops = paste_groups(
            &open.diagram,
            BTreeMap::from([(stage, actions)]),
            NODE_W + NODE_GAP,
        );
        self.edit_diagram("Paste", ops);
        self.select_new_since(before);
    }

    fn select_new_since(&mut self, first_new: ActionId) {
        if let Some(open) = &self.diagram {
            self.editor.selection = open
                .diagram
                .actions()
                .map(|(_, a)| a.id)
                .filter(|id| *id >= first_new)
                .collect();
        }
    }

    /// Imports a file: one pipeline opens at once; a template with several asks which.
    fn import_diagram(&mut self, path: &Path) {
        match crate::pipeline::formats::read_all(path) {
            Ok(mut diagrams) if diagrams.len() == 1 => {
                let diagram = diagrams.remove(0);
                self.open_imported(path, diagram);
            }
            Ok(diagrams) => {
                self.editor.import_choice = Some(ImportChoice {
                    path: path.to_path_buf(),
                    diagrams,
                });
            }
            Err(err) => self.notify_error(err.to_string()),
        }
    }

    fn import_chosen(&mut self, index: usize) {
        let Some(choice) = self.editor.import_choice.take() else {
            return;
        };
        if let Some(diagram) = choice.diagrams.into_iter().nth(index) {
            self.open_imported(&choice.path, diagram);
        }
    }

    fn open_imported(&mut self, path: &Path, diagram: crate::pipeline::Diagram) {
        let count = diagram.action_count();
        let id = diagram
            .logical_id
            .as_ref()
            .map_or_else(String::new, |id| format!(" {id}"));
        self.create_diagram(diagram);
        self.notify(format!("Imported{id} from {} ({count} actions).", path.display()));
    }

    fn export_diagram(&mut self, kind: ExportKind, path: &Path) {
        let Some(open) = &self.diagram else { return };
        let bytes = match kind {
            ExportKind::CodePipeline => Ok(codepipeline::export(&open.diagram).into_bytes()),
            ExportKind::CloudFormation => Ok(cloudformation::export(&open.diagram).into_bytes()),
            ExportKind::Svg => Ok(crate::pipeline::svg::export(&open.diagram).into_bytes()),
            ExportKind::Png => {
                crate::ui::pipeline::png::render_png(&crate::pipeline::svg::export(&open.diagram))
            }
        };
        let result = bytes
            .and_then(|bytes| crate::progress::write_atomically(path, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => self.notify(format!("Exported to {}.", path.display())),
            Err(message) => self.notify_error(format!("Cannot export to {}: {message}", path.display())),
        }
    }
}

/// Copies of the selected actions, in diagram order.
fn selected_actions(diagram: &Diagram, selection: &BTreeSet<ActionId>) -> Vec<PipelineAction> {
    diagram
        .actions()
        .filter(|(_, a)| selection.contains(&a.id))
        .map(|(_, a)| a.clone())
        .collect()
}

/// Paste operations for several stages at once: each group is pasted into a scratch copy first
/// so that the ids handed out never collide.
fn paste_groups(diagram: &Diagram, groups: BTreeMap<usize, Vec<PipelineAction>>, dx: f32) -> Vec<Op> {
    let mut scratch = diagram.clone();
    let mut all = Vec::new();
    for (stage, actions) in groups {
        let ops = commands::paste(&scratch, stage, &actions, dx);
        for op in &ops {
            // Paste operations only insert actions with fresh ids, so they apply.
            let _ = edit::apply(&mut scratch, op.clone());
        }
        all.extend(ops);
    }
    all
}
