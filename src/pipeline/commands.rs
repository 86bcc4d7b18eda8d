//! The editor's commands as lists of [`Op`]s: add, move, delete, connect, copy and paste
//! actions; add, rename, reorder and delete stages. Each returns the operations to perform as
//! one undoable step; nothing here changes the diagram itself.

use std::collections::{BTreeMap, BTreeSet};

use super::edit::Op;

mod artifact_refs;
mod paste_stages;
pub mod stage_conditions;
pub mod triggers;
use super::model::{Action, ActionId, Category, Diagram, Owner, Stage};
use super::text::Text;
pub use paste_stages::paste_stages;

/// What a new action is made from (a palette entry).
#[derive(Debug, Clone, PartialEq)]
pub struct NewAction {
    pub name: String,
    pub category: Category,
    pub owner: Owner,
    pub provider: Text,
    pub version: Text,
    pub configuration: BTreeMap<String, Text>,
    /// How many output artifacts to create (named automatically).
    pub outputs: usize,
}

/// A name not yet used by any of `taken`: `base`, then `base2`, `base3`…
#[must_use]
pub fn unique_name(base: &str, taken: &BTreeSet<String>) -> String {
    let base = if base.is_empty() { "Action" } else { base };
    if !taken.contains(base) {
        return base.to_owned();
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|name| !taken.contains(name))
        .unwrap_or_else(|| base.to_owned())
}

fn action_names(stage: &Stage) -> BTreeSet<String> {
    stage.actions.iter().map(|a| a.name.to_string()).collect()
}

/// Every output artifact name in the pipeline.
#[must_use]
pub fn artifact_names(diagram: &Diagram) -> BTreeSet<String> {
    diagram
        .actions()
        .flat_map(|(_, a)| a.outputs.iter().map(ToString::to_string))
        .collect()
}

/// Adds an action to `stage` at `run_order`, placed at `x` in its row.
#[must_use]
pub fn add_action(diagram: &Diagram, stage: usize, run_order: u32, x: f32, new: &NewAction) -> Vec<Op> {
    let Some(target) = diagram.stages.get(stage) else {
        return Vec::new();
    };
    let name = unique_name(&new.name, &action_names(target));
    let mut artifacts = artifact_names(diagram);
    let mut outputs = Vec::new();
    for _ in 0..new.outputs {
        let artifact = unique_name(&format!("{}Output", sanitize_artifact(&name)), &artifacts);
        outputs.push(Text::from(&artifact));
        artifacts.insert(artifact);
    }
    let action = Action {
        id: diagram.next_id(),
        name: name.into(),
        category: new.category,
        owner: new.owner,
        provider: new.provider.clone(),
        version: new.version.clone(),
        run_order: run_order.max(1),
        configuration: new.configuration.clone(),
        inputs: Vec::new(),
        outputs,
        region: None,
        role_arn: None,
        namespace: None,
        x: x.max(0.0),
        ..Default::default()
    };
    vec![Op::InsertAction {
        stage,
        index: target.actions.len(),
        action,
    }]
}

/// Artifact names allow letters, digits, `_` and `-`.
fn sanitize_artifact(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    if cleaned.is_empty() {
        "Artifact".to_owned()
    } else {
        cleaned
    }
}

/// Moves actions by a drag: each goes to `to_stage` (or stays in its own stage when `None`),
/// its run order shifted by `run_order_delta` and its `x` set by `new_x`.
#[must_use]
pub fn move_actions(diagram: &Diagram, moves: &[(ActionId, Option<usize>, u32, f32)]) -> Vec<Op> {
    let mut ops = Vec::new();
    let mut inserts = Vec::new();
    for &(id, to_stage, run_order, x) in moves {
        let Some((stage, _)) = diagram.locate(id) else {
            continue;
        };
        let Some(action) = diagram.action(id) else {
            continue;
        };
        let mut moved = action.clone();
        moved.run_order = run_order.max(1);
        moved.x = x.max(0.0);
        match to_stage {
            Some(target) if target != stage && target < diagram.stages.len() => {
                ops.push(Op::RemoveAction { id });
                inserts.push((target, moved));
            }
            _ => {
                if moved != *action {
                    ops.push(Op::ReplaceAction { action: moved });
                }
            }
        }
    }
    for (target, mut action) in inserts {
        let taken: BTreeSet<String> = action_names(&diagram.stages[target]);
        action.name = unique_name(&action.name, &taken).into();
        let index = usize::MAX;
        ops.push(Op::InsertAction {
            stage: target,
            index,
            action,
        });
    }
    ops
}

/// Deletes actions, and drops inputs that read artifacts only they produced.
#[must_use]
pub fn delete_actions(diagram: &Diagram, ids: &BTreeSet<ActionId>) -> Vec<Op> {
    let removed: BTreeSet<String> = diagram
        .actions()
        .filter(|(_, a)| ids.contains(&a.id))
        .flat_map(|(_, a)| a.outputs.iter().map(ToString::to_string))
        .collect();
    let mut ops: Vec<Op> = diagram
        .actions()
        .filter(|(_, a)| !ids.contains(&a.id) && a.inputs.iter().any(|i| removed.contains(i.as_str())))
        .map(|(_, a)| {
            let mut changed = a.clone();
            changed.inputs.retain(|i| !removed.contains(i.as_str()));
            Op::ReplaceAction { action: changed }
        })
        .collect();
    ops.extend(
        ids.iter()
            .filter(|id| diagram.locate(**id).is_some())
            .map(|&id| Op::RemoveAction { id }),
    );
    ops
}

/// Passes an artifact from `from` to `to`: `from`'s first output (created when it has none)
/// becomes an input of `to`.
#[must_use]
pub fn connect(diagram: &Diagram, from: ActionId, to: ActionId) -> Vec<Op> {
    let (Some(source), Some(target)) = (diagram.action(from), diagram.action(to)) else {
        return Vec::new();
    };
    if from == to {
        return Vec::new();
    }
    let mut ops = Vec::new();
    let artifact = if let Some(first) = source.outputs.first() {
        first.clone()
    } else {
        let name = unique_name(
            &format!("{}Output", sanitize_artifact(&source.name)),
            &artifact_names(diagram),
        );
        let mut changed = source.clone();
        changed.outputs.push(Text::from(&name));
        ops.push(Op::ReplaceAction { action: changed });
        Text::from(name)
    };
    if target.inputs.contains(&artifact) {
        return ops;
    }
    let mut changed = target.clone();
    changed.inputs.push(artifact);
    ops.push(Op::ReplaceAction { action: changed });
    ops
}

/// Removes artifact `artifact` from the inputs of `to`.
#[must_use]
pub fn disconnect(diagram: &Diagram, artifact: &str, to: ActionId) -> Vec<Op> {
    let Some(target) = diagram.action(to) else {
        return Vec::new();
    };
    if !target.inputs.iter().any(|i| i == artifact) {
        return Vec::new();
    }
    let mut changed = target.clone();
    changed.inputs.retain(|i| i != artifact);
    vec![Op::ReplaceAction { action: changed }]
}

/// Renames an artifact everywhere it is produced or read, and in the configuration values
/// that name it (`TemplatePath: Artifact::file`, `Fn::GetArtifactAtt` in `ParameterOverrides`,
/// …; see `artifact_refs`), as one undoable step. Values given by a CloudFormation intrinsic
/// function are left as they are.
#[must_use]
pub fn rename_artifact(diagram: &Diagram, old: &str, new: &str) -> Vec<Op> {
    if old == new || new.is_empty() {
        return Vec::new();
    }
    diagram
        .actions()
        .filter_map(|(_, a)| {
            let mut changed = a.clone();
            for name in changed.outputs.iter_mut().chain(changed.inputs.iter_mut()) {
                if name.as_str() == old {
                    *name = Text::from_input(new);
                }
            }
            for (key, value) in &mut changed.configuration {
                let Some(literal) = value.literal() else {
                    continue;
                };
                if let Some(renamed) = artifact_refs::renamed(&a.provider, key, literal, old, new) {
                    *value = renamed.into();
                }
            }
            (changed != *a).then_some(Op::ReplaceAction { action: changed })
        })
        .collect()
}

/// Replaces one action's properties (name, provider, configuration, run order, artifacts…).
#[must_use]
pub fn set_action(diagram: &Diagram, action: Action) -> Vec<Op> {
    match diagram.action(action.id) {
        Some(current) if *current != action => vec![Op::ReplaceAction { action }],
        _ => Vec::new(),
    }
}

/// The shell commands of an action (a Commands action's `commands` field), one per item.
#[must_use]
pub fn shell_commands(action: &Action) -> Vec<String> {
    action
        .extra
        .get("commands")
        .and_then(serde_json::Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|c| c.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The action with these shell commands (blank lines dropped; none removes the field).
#[must_use]
pub fn with_shell_commands(action: &Action, lines: &[String]) -> Action {
    let mut changed = action.clone();
    let lines: Vec<serde_json::Value> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::Value::String(l.to_owned()))
        .collect();
    if lines.is_empty() {
        changed.extra.remove("commands");
    } else {
        changed
            .extra
            .insert("commands".to_owned(), serde_json::Value::Array(lines));
    }
    changed
}

/// Replaces the pipeline's settings (type, execution mode, variables, triggers, artifact
/// stores and keys) as one step; nothing when they are unchanged.
#[must_use]
pub fn set_settings(diagram: &Diagram, settings: super::edit::PipelineSettings) -> Vec<Op> {
    if settings == super::edit::PipelineSettings::of(diagram) {
        return Vec::new();
    }
    vec![Op::SetSettings(Box::new(settings))]
}

/// Replaces the API fields of stage `index` the model keeps as they are (its conditions and
/// on-failure result); nothing when they are unchanged or there is no such stage.
#[must_use]
pub fn set_stage_extra(
    diagram: &Diagram,
    index: usize,
    extra: BTreeMap<String, serde_json::Value>,
) -> Vec<Op> {
    match diagram.stages.get(index) {
        Some(stage) if stage.extra != extra => vec![Op::SetStageExtra { index, extra }],
        _ => Vec::new(),
    }
}

/// Pastes copies of `actions` into `stage`: new ids, names made unique in the stage, output
/// artifacts renamed to stay unique, and inputs between pasted actions rewired to the copies.
/// `dx` shifts them sideways (a duplicate sits next to its original).
#[must_use]
pub fn paste(diagram: &Diagram, stage: usize, actions: &[Action], dx: f32) -> Vec<Op> {
    let Some(target) = diagram.stages.get(stage) else {
        return Vec::new();
    };
    let mut names = action_names(target);
    let mut artifacts = artifact_names(diagram);
    let mut renamed: BTreeMap<Text, Text> = BTreeMap::new();
    let mut copies = Vec::new();
    for (next, original) in (diagram.next_id().0..).zip(actions) {
        let mut copy = original.clone();
        copy.id = ActionId(next);
        copy.name = unique_name(&original.name, &names).into();
        names.insert(copy.name.to_string());
        copy.x = (original.x + dx).max(0.0);
        for output in &mut copy.outputs {
            let fresh = Text::from(unique_name(output, &artifacts));
            artifacts.insert(fresh.to_string());
            renamed.insert(output.clone(), fresh.clone());
            *output = fresh;
        }
        copies.push(copy);
    }
    copies
        .into_iter()
        .map(|mut copy| {
            for input in &mut copy.inputs {
                if let Some(fresh) = renamed.get(input) {
                    input.clone_from(fresh);
                }
            }
            Op::InsertAction {
                stage,
                index: usize::MAX,
                action: copy,
            }
        })
        .collect()
}

/// Adds an empty stage at `index` with a unique name.
#[must_use]
pub fn add_stage(diagram: &Diagram, index: usize, name: &str) -> Vec<Op> {
    let taken: BTreeSet<String> = diagram.stages.iter().map(|s| s.name.to_string()).collect();
    vec![Op::InsertStage {
        index,
        stage: Stage {
            name: unique_name(name, &taken).into(),
            actions: Vec::new(),
            ..Default::default()
        },
    }]
}

/// Renames stage `index`.
#[must_use]
pub fn rename_stage(diagram: &Diagram, index: usize, name: &str) -> Vec<Op> {
    match diagram.stages.get(index) {
        Some(stage) if stage.name != name && !name.is_empty() => vec![Op::RenameStage {
            index,
            name: Text::from_input(name),
        }],
        _ => Vec::new(),
    }
}

/// Moves stage `from` to position `to`.
#[must_use]
pub fn move_stage(diagram: &Diagram, from: usize, to: usize) -> Vec<Op> {
    if from == to || from >= diagram.stages.len() || to >= diagram.stages.len() {
        return Vec::new();
    }
    vec![Op::MoveStage { from, to }]
}

/// Deletes stage `index` with its actions (and inputs that read their artifacts).
#[must_use]
pub fn delete_stage(diagram: &Diagram, index: usize) -> Vec<Op> {
    let Some(stage) = diagram.stages.get(index) else {
        return Vec::new();
    };
    let ids: BTreeSet<ActionId> = stage.actions.iter().map(|a| a.id).collect();
    let mut ops = delete_actions(diagram, &ids);
    ops.push(Op::RemoveStage { index });
    ops
}

#[cfg(test)]
mod tests;
