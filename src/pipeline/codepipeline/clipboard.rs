//! The editor's clipboard as CodePipeline JSON, the text the AWS console's JSON view shows and
//! takes: copying writes the selected actions (one action declaration, or a list of them), a
//! stage declaration, or the whole pipeline in the get-pipeline shape; pasting reads any of
//! these, and also a list of stage declarations.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::export::{action_out, stage_out};
use super::import::{finish_import, import_action, import_stage};
use super::nav::Owned;
use super::{ImportError, export, from_value, parse_json};
use crate::pipeline::model::{Action, ActionId, Diagram, Stage};

/// What pasted text holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Clip {
    Actions(Vec<Action>),
    Stages(Vec<Stage>),
    Pipeline(Box<Diagram>),
}

/// The CodePipeline JSON for what is selected: the selected actions (a single declaration for
/// one, a list for several), else the selected stage, else the whole pipeline.
#[must_use]
pub fn copy_text(diagram: &Diagram, selection: &BTreeSet<ActionId>, stage: Option<usize>) -> String {
    let actions: Vec<Value> = diagram
        .actions()
        .filter(|(_, a)| selection.contains(&a.id))
        .map(|(_, a)| action_out(a))
        .collect();
    let value = match (actions.len(), stage.and_then(|s| diagram.stages.get(s))) {
        (1, _) => actions.into_iter().next().unwrap_or_default(),
        (0, Some(stage)) => stage_out(stage),
        (0, None) => return export(diagram),
        _ => Value::Array(actions),
    };
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| json!(null).to_string());
    text.push('\n');
    text
}

/// Reads pasted CodePipeline JSON: an action declaration or a list of them, a stage
/// declaration or a list of them, or a pipeline (get-pipeline output or a bare declaration).
///
/// # Errors
/// Text that is not JSON (with its line and column), or JSON shaped like none of these (with
/// the path of what is wrong).
pub fn paste_text(text: &str) -> Result<Clip, ImportError> {
    let value = parse_json(text)?;
    let root = Owned::root(&value, "");
    let kind = |item: &Value| {
        if item.get("actionTypeId").is_some() {
            Some(true)
        } else if item.get("actions").is_some() {
            Some(false)
        } else {
            None
        }
    };
    match &value {
        Value::Object(map) if map.contains_key("pipeline") || map.contains_key("stages") => {
            from_value(&value).map(|d| Clip::Pipeline(Box::new(d)))
        }
        Value::Object(_) => match kind(&value) {
            Some(true) => Ok(Clip::Actions(vec![finished_action(import_action(&root)?)])),
            Some(false) => Ok(Clip::Stages(vec![finished_stage(import_stage(&root)?)])),
            None => Err(not_pipeline_json("")),
        },
        Value::Array(items) => match items.first().map(kind) {
            Some(Some(true)) => root
                .items()?
                .iter()
                .map(|item| import_action(item).map(finished_action))
                .collect::<Result<_, _>>()
                .map(Clip::Actions),
            Some(Some(false)) => root
                .items()?
                .iter()
                .map(|item| import_stage(item).map(finished_stage))
                .collect::<Result<_, _>>()
                .map(Clip::Stages),
            _ => Err(not_pipeline_json("[0]")),
        },
        _ => Err(not_pipeline_json("")),
    }
}

fn not_pipeline_json(path: &str) -> ImportError {
    ImportError::Shape {
        path: path.to_owned(),
        message: "expected a CodePipeline action, stage or pipeline declaration".to_owned(),
    }
}

/// An action read on its own, laid out as an imported pipeline's actions are.
fn finished_action(action: Action) -> Action {
    let mut stages = finished_stage(Stage {
        name: "Pasted".into(),
        actions: vec![action],
        ..Stage::default()
    });
    stages.actions.remove(0)
}

/// A stage read on its own, with ids and places as an import gives them.
fn finished_stage(stage: Stage) -> Stage {
    let mut diagram = Diagram::new("pasted");
    diagram.stages = vec![stage];
    finish_import(&mut diagram);
    diagram.stages.remove(0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::pipeline::codepipeline::import;

    fn example() -> Diagram {
        let text = include_str!("../../../tests/fixtures/pipelines/get-pipeline.json");
        import(text).unwrap()
    }

    #[test]
    fn what_is_copied_pastes_back_as_the_same_thing() {
        let diagram = example();
        let first = diagram.stages[0].actions[0].clone();
        let one = copy_text(&diagram, &BTreeSet::from([first.id]), None);
        assert!(one.trim_start().starts_with('{') && one.contains("\"actionTypeId\""));
        let Clip::Actions(actions) = paste_text(&one).unwrap() else {
            panic!("an action")
        };
        assert_eq!(actions.len(), 1);
        assert_eq!(actions[0].name, first.name);
        assert_eq!(actions[0].configuration, first.configuration);
        assert_eq!(actions[0].outputs, first.outputs);

        let ids: BTreeSet<ActionId> = diagram.actions().map(|(_, a)| a.id).take(3).collect();
        let several = copy_text(&diagram, &ids, None);
        assert!(matches!(paste_text(&several).unwrap(), Clip::Actions(a) if a.len() == 3));

        let stage = copy_text(&diagram, &BTreeSet::new(), Some(1));
        let Clip::Stages(stages) = paste_text(&stage).unwrap() else {
            panic!("a stage")
        };
        assert_eq!(stages[0].name, diagram.stages[1].name);
        assert_eq!(stages[0].actions.len(), diagram.stages[1].actions.len());

        let whole = copy_text(&diagram, &BTreeSet::new(), None);
        assert!(
            matches!(paste_text(&whole).unwrap(), Clip::Pipeline(d) if d.stages.len() == diagram.stages.len())
        );
    }

    #[test]
    fn text_that_is_not_pipeline_json_is_refused_with_its_place() {
        assert!(matches!(
            paste_text("not json"),
            Err(ImportError::Syntax { line: 1, .. })
        ));
        let err = paste_text(r#"{"hello": 1}"#).unwrap_err();
        assert!(
            err.to_string().contains("expected a CodePipeline action"),
            "{err}"
        );
        let err = paste_text(r#"[{"name": "A", "actionTypeId": {"category": "Build"}}]"#).unwrap_err();
        assert!(err.to_string().starts_with("[0].actionTypeId"), "{err}");
    }
}
