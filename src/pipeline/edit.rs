//! Editing a diagram: every change is a list of primitive operations that each know their
//! inverse, so undo and redo replay exact opposites. A whole drag is one transaction. The
//! history lives in memory only; it is never saved.

use std::collections::BTreeMap;

use serde_json::Value;

use super::direction::LayoutDirection;
use super::layout::tidy;
use super::model::{Action, ActionId, Diagram, Stage};
use super::text::Text;

mod settings;
pub use settings::{PipelineSettings, Variable};

/// One invertible change.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Puts `action` at `index` of stage `stage`.
    InsertAction {
        stage: usize,
        index: usize,
        action: Action,
    },
    /// Removes the action with this id.
    RemoveAction {
        id: ActionId,
    },
    /// Replaces the action that has `action.id`.
    ReplaceAction {
        action: Action,
    },
    /// Puts `stage` at `index`.
    InsertStage {
        index: usize,
        stage: Stage,
    },
    RemoveStage {
        index: usize,
    },
    RenameStage {
        index: usize,
        name: Text,
    },
    MoveStage {
        from: usize,
        to: usize,
    },
    /// Sets the pipeline's name, description, role and artifact bucket.
    SetMeta {
        name: Text,
        description: String,
        role_arn: Text,
        artifact_bucket: Text,
    },
    /// Sets the pipeline's other settings (type, mode, variables, triggers, stores and keys).
    SetSettings(Box<PipelineSettings>),
    /// Replaces the API fields of stage `index` that the model keeps as they are (its
    /// `beforeEntry`, `onSuccess` and `onFailure` conditions, …).
    SetStageExtra {
        index: usize,
        extra: BTreeMap<String, Value>,
    },
    /// Sets which way the canvas lays the diagram out.
    SetLayout(LayoutDirection),
}

/// Why an operation could not be applied (the diagram is unchanged).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no action {0:?}")]
    NoAction(ActionId),
    #[error("there is no stage {0}")]
    NoStage(usize),
    #[error("an action with id {0:?} already exists")]
    DuplicateId(ActionId),
}

/// Applies one operation and returns its inverse.
///
/// # Errors
/// When the operation names something that does not exist; nothing changes then.
pub fn apply(diagram: &mut Diagram, op: Op) -> Result<Op, EditError> {
    match op {
        Op::InsertAction { stage, index, action } => {
            if diagram.locate(action.id).is_some() {
                return Err(EditError::DuplicateId(action.id));
            }
            let target = diagram.stages.get_mut(stage).ok_or(EditError::NoStage(stage))?;
            let id = action.id;
            target.actions.insert(index.min(target.actions.len()), action);
            Ok(Op::RemoveAction { id })
        }
        Op::RemoveAction { id } => {
            let (stage, index) = diagram.locate(id).ok_or(EditError::NoAction(id))?;
            let action = diagram.stages[stage].actions.remove(index);
            Ok(Op::InsertAction { stage, index, action })
        }
        Op::ReplaceAction { action } => {
            let slot = diagram
                .action_mut(action.id)
                .ok_or(EditError::NoAction(action.id))?;
            let before = std::mem::replace(slot, action);
            Ok(Op::ReplaceAction { action: before })
        }
        Op::InsertStage { index, stage } => {
            let index = index.min(diagram.stages.len());
            if let Some(id) = stage
                .actions
                .iter()
                .map(|a| a.id)
                .find(|id| diagram.locate(*id).is_some())
            {
                return Err(EditError::DuplicateId(id));
            }
            diagram.stages.insert(index, stage);
            Ok(Op::RemoveStage { index })
        }
        Op::RemoveStage { index } => {
            if index >= diagram.stages.len() {
                return Err(EditError::NoStage(index));
            }
            let stage = diagram.stages.remove(index);
            Ok(Op::InsertStage { index, stage })
        }
        Op::RenameStage { index, name } => {
            let stage = diagram.stages.get_mut(index).ok_or(EditError::NoStage(index))?;
            let before = std::mem::replace(&mut stage.name, name);
            Ok(Op::RenameStage { index, name: before })
        }
        Op::MoveStage { from, to } => {
            let len = diagram.stages.len();
            if from >= len || to >= len {
                return Err(EditError::NoStage(from.max(to)));
            }
            let stage = diagram.stages.remove(from);
            diagram.stages.insert(to, stage);
            Ok(Op::MoveStage { from: to, to: from })
        }
        Op::SetMeta {
            name,
            description,
            role_arn,
            artifact_bucket,
        } => {
            let before = Op::SetMeta {
                name: std::mem::replace(&mut diagram.name, name),
                description: std::mem::replace(&mut diagram.description, description),
                role_arn: std::mem::replace(&mut diagram.role_arn, role_arn),
                artifact_bucket: std::mem::replace(&mut diagram.artifact_bucket, artifact_bucket),
            };
            Ok(before)
        }
        Op::SetSettings(settings) => Ok(Op::SetSettings(Box::new(settings.swap_into(diagram)))),
        Op::SetStageExtra { index, extra } => {
            let stage = diagram.stages.get_mut(index).ok_or(EditError::NoStage(index))?;
            let before = std::mem::replace(&mut stage.extra, extra);
            Ok(Op::SetStageExtra { index, extra: before })
        }
        Op::SetLayout(direction) => Ok(Op::SetLayout(std::mem::replace(&mut diagram.layout, direction))),
    }
}

/// Applies operations in order, then tidies positions (as more operations, so undo restores
/// them too). Returns the inverse operations, to be applied in order to undo everything.
///
/// # Errors
/// When an operation fails; the operations already applied are undone first.
pub fn apply_all(diagram: &mut Diagram, ops: Vec<Op>) -> Result<Vec<Op>, EditError> {
    let mut inverses = Vec::with_capacity(ops.len());
    for op in ops {
        match apply(diagram, op) {
            Ok(inverse) => inverses.push(inverse),
            Err(err) => {
                for inverse in inverses.into_iter().rev() {
                    // Undoing what was just done cannot fail: each inverse names what exists.
                    let _ = apply(diagram, inverse);
                }
                return Err(err);
            }
        }
    }
    let mut tidied = diagram.clone();
    tidy(&mut tidied);
    for (stage, tidied_stage) in tidied.stages.iter().enumerate() {
        for (index, action) in tidied_stage.actions.iter().enumerate() {
            if diagram.stages[stage].actions[index] != *action {
                let inverse = apply(
                    diagram,
                    Op::ReplaceAction {
                        action: action.clone(),
                    },
                )?;
                inverses.push(inverse);
            }
        }
    }
    inverses.reverse();
    Ok(inverses)
}

/// A named change that can be undone.
#[derive(Debug, Clone, PartialEq)]
struct Transaction {
    label: String,
    /// Operations that redo the change.
    redo: Vec<Op>,
    /// Operations that undo it.
    undo: Vec<Op>,
}

/// Undo and redo for one open diagram.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UndoHistory {
    done: Vec<Transaction>,
    undone: Vec<Transaction>,
}

/// How many changes undo remembers.
pub const UNDO_LIMIT: usize = 500;

impl UndoHistory {
    /// Applies a change as one undoable step. An empty change records nothing.
    ///
    /// # Errors
    /// When an operation fails; the diagram is then unchanged.
    pub fn perform(&mut self, diagram: &mut Diagram, label: &str, ops: Vec<Op>) -> Result<(), EditError> {
        if ops.is_empty() {
            return Ok(());
        }
        let before = diagram.clone();
        let undo = apply_all(diagram, ops)?;
        // Record what redo needs: the inverse of the undo, computed by undoing on a copy.
        let mut scratch = diagram.clone();
        let redo = apply_all_raw(&mut scratch, undo.clone())?;
        debug_assert_eq!(scratch, before, "undo restores the state before");
        self.done.push(Transaction {
            label: label.to_owned(),
            redo,
            undo,
        });
        if self.done.len() > UNDO_LIMIT {
            self.done.remove(0);
        }
        self.undone.clear();
        Ok(())
    }

    /// Undoes the last change; returns its label (`None` when there is nothing to undo).
    ///
    /// # Errors
    /// When the change cannot be reverted (the diagram no longer matches it). The diagram and
    /// the history are then left exactly as they were.
    pub fn undo(&mut self, diagram: &mut Diagram) -> Result<Option<String>, EditError> {
        let Some(transaction) = self.done.last() else {
            return Ok(None);
        };
        step(diagram, transaction.undo.clone())?;
        let transaction = self.done.pop().map(|t| {
            let label = t.label.clone();
            self.undone.push(t);
            label
        });
        Ok(transaction)
    }

    /// Redoes the last undone change; returns its label (`None` when there is nothing to
    /// redo).
    ///
    /// # Errors
    /// When the change cannot be applied again; nothing changes then.
    pub fn redo(&mut self, diagram: &mut Diagram) -> Result<Option<String>, EditError> {
        let Some(transaction) = self.undone.last() else {
            return Ok(None);
        };
        step(diagram, transaction.redo.clone())?;
        let transaction = self.undone.pop().map(|t| {
            let label = t.label.clone();
            self.done.push(t);
            label
        });
        Ok(transaction)
    }

    /// Whether there is something to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    /// Whether there is something to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// The label of the change undo would revert.
    #[must_use]
    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|t| t.label.as_str())
    }

    /// The label of the change redo would apply.
    #[must_use]
    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|t| t.label.as_str())
    }
}

/// Applies a recorded step all or nothing: on a failure the diagram is restored.
fn step(diagram: &mut Diagram, ops: Vec<Op>) -> Result<(), EditError> {
    let before = diagram.clone();
    if let Err(err) = apply_all_raw(diagram, ops) {
        *diagram = before;
        return Err(err);
    }
    Ok(())
}

/// Applies operations in order without tidying; returns their inverses in undo order.
fn apply_all_raw(diagram: &mut Diagram, ops: Vec<Op>) -> Result<Vec<Op>, EditError> {
    let mut inverses = Vec::with_capacity(ops.len());
    for op in ops {
        inverses.push(apply(diagram, op)?);
    }
    inverses.reverse();
    Ok(inverses)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::{Category, Owner};

    fn action(id: u32, name: &str) -> Action {
        Action {
            id: ActionId(id),
            name: name.to_owned().into(),
            category: Category::Build,
            owner: Owner::AWS,
            provider: "CodeBuild".to_owned().into(),
            version: "1".to_owned().into(),
            run_order: 1,
            configuration: std::collections::BTreeMap::new(),
            inputs: Vec::new(),
            outputs: Vec::new(),
            region: None,
            role_arn: None,
            namespace: None,
            x: 0.0,
            ..Default::default()
        }
    }

    #[test]
    fn each_op_is_undone_by_its_inverse() {
        let mut diagram = Diagram::new("t");
        let start = diagram.clone();
        let ops = vec![
            Op::InsertAction {
                stage: 1,
                index: 0,
                action: action(1, "Build"),
            },
            Op::InsertStage {
                index: 2,
                stage: Stage {
                    name: "Deploy".to_owned().into(),
                    actions: vec![action(2, "Go")],
                    ..Default::default()
                },
            },
            Op::RenameStage {
                index: 0,
                name: "Src".to_owned().into(),
            },
            Op::MoveStage { from: 2, to: 1 },
            Op::SetMeta {
                name: "n".to_owned().into(),
                description: "d".to_owned(),
                role_arn: "r".to_owned().into(),
                artifact_bucket: "b".to_owned().into(),
            },
            Op::SetSettings(Box::new(PipelineSettings {
                pipeline_type: Some("V2".into()),
                execution_mode: Some("QUEUED".into()),
                variables: vec![Variable {
                    name: "env".into(),
                    ..Variable::default()
                }],
                triggers: vec![serde_json::json!({"providerType": "CodeStarSourceConnection"})],
                encryption_key: Some(serde_json::json!({"id": "alias/k", "type": "KMS"})),
                artifact_stores: BTreeMap::from([("eu-west-1".into(), "bucket-eu".into())]),
                artifact_store_keys: BTreeMap::new(),
            })),
            Op::SetStageExtra {
                index: 1,
                extra: BTreeMap::from([("onFailure".to_owned(), serde_json::json!({"result": "ROLLBACK"}))]),
            },
            Op::SetLayout(LayoutDirection::TopToBottom),
        ];
        let inverses = apply_all(&mut diagram, ops).unwrap();
        assert_ne!(diagram, start);
        apply_all_raw(&mut diagram, inverses).unwrap();
        assert_eq!(diagram, start);
    }

    #[test]
    fn a_failing_op_leaves_the_diagram_as_it_was() {
        let mut diagram = Diagram::new("t");
        let start = diagram.clone();
        let err = apply_all(
            &mut diagram,
            vec![
                Op::InsertAction {
                    stage: 1,
                    index: 0,
                    action: action(1, "Build"),
                },
                Op::RemoveAction { id: ActionId(9) },
            ],
        )
        .unwrap_err();
        assert_eq!(err, EditError::NoAction(ActionId(9)));
        assert_eq!(diagram, start);
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let mut diagram = Diagram::new("t");
        let mut history = UndoHistory::default();
        history
            .perform(
                &mut diagram,
                "Add Build",
                vec![Op::InsertAction {
                    stage: 1,
                    index: 0,
                    action: action(1, "Build"),
                }],
            )
            .unwrap();
        history
            .perform(
                &mut diagram,
                "Add Test",
                vec![Op::InsertAction {
                    stage: 1,
                    index: 1,
                    action: action(2, "Test"),
                }],
            )
            .unwrap();
        let end = diagram.clone();
        assert_eq!(
            diagram.stages[1].actions[1].x,
            crate::pipeline::layout::NODE_W + crate::pipeline::layout::NODE_GAP,
            "tidied side by side"
        );
        assert_eq!(history.undo(&mut diagram).unwrap().as_deref(), Some("Add Test"));
        assert_eq!(history.undo(&mut diagram).unwrap().as_deref(), Some("Add Build"));
        assert_eq!(diagram, Diagram::new("t"));
        assert!(history.undo(&mut diagram).unwrap().is_none());
        history.redo(&mut diagram).unwrap();
        history.redo(&mut diagram).unwrap();
        assert_eq!(diagram, end);
    }

    #[test]
    fn an_undo_that_cannot_apply_changes_nothing_and_says_so() {
        let mut diagram = Diagram::new("t");
        let mut history = UndoHistory::default();
        let ops = vec![Op::InsertAction {
            stage: 0,
            index: 0,
            action: action(7, "Source"),
        }];
        history.perform(&mut diagram, "Add Source", ops).unwrap();
        // The diagram changes behind the history's back (as a bad reload would).
        diagram.stages[0].actions.clear();
        let before = diagram.clone();
        assert!(history.undo(&mut diagram).is_err());
        assert_eq!(diagram, before, "a failed undo leaves the diagram alone");
        assert!(history.can_undo(), "and keeps the step to undo");
    }
}
