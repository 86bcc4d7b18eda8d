//! Pasting whole stages (CodePipeline stage declarations from the clipboard) as one undoable
//! step: each becomes a new stage with a unique name, its actions pasted into it as
//! [`super::paste`] pastes actions (new ids, unique names and output artifacts).

use std::collections::BTreeSet;

use super::{Op, paste, unique_name};
use crate::pipeline::edit;
use crate::pipeline::model::{Diagram, Stage};

/// Inserts `stages` at `index` (clamped to the end), in order.
#[must_use]
pub fn paste_stages(diagram: &Diagram, index: usize, stages: &[Stage]) -> Vec<Op> {
    let mut scratch = diagram.clone();
    let mut ops = Vec::new();
    for (offset, stage) in stages.iter().enumerate() {
        let at = (index + offset).min(scratch.stages.len());
        let taken: BTreeSet<String> = scratch.stages.iter().map(|s| s.name.to_string()).collect();
        let mut empty = Stage {
            actions: Vec::new(),
            ..stage.clone()
        };
        empty.name = unique_name(&stage.name, &taken).into();
        let mut step = vec![Op::InsertStage {
            index: at,
            stage: empty,
        }];
        for op in &step {
            // Inserting a stage at or before the end always applies.
            let _ = edit::apply(&mut scratch, op.clone());
        }
        let actions = paste(&scratch, at, &stage.actions, 0.0);
        for op in &actions {
            // Paste operations only insert actions with fresh ids, so they apply.
            let _ = edit::apply(&mut scratch, op.clone());
        }
        step.extend(actions);
        ops.extend(step);
    }
    ops
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::pipeline::catalog;

    #[test]
    fn pasted_stages_get_unique_names_fresh_ids_and_their_actions() {
        let mut diagram = Diagram::new("p");
        let spec = catalog::by_key("codebuild").unwrap();
        let mut build = spec.new_action("Build");
        build.id = crate::pipeline::ActionId(1);
        build.outputs = vec!["BuildOutput".into()];
        diagram.stages[1].actions.push(build);
        let copied = diagram.stages[1].clone();
        let ops = paste_stages(&diagram, 2, &[copied]);
        edit::apply_all(&mut diagram, ops).unwrap();
        let names: Vec<&str> = diagram.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Source", "Build", "Build2"]);
        let pasted = &diagram.stages[2].actions[0];
        assert_ne!(pasted.id, diagram.stages[1].actions[0].id);
        assert_eq!(pasted.outputs[0], "BuildOutput2");
    }
}
