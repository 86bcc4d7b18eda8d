//! Property: any sequence of editor commands can be undone back to the start and redone to the
//! end, exactly.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use stagecraft::pipeline::Text;
use stagecraft::pipeline::commands::{self, NewAction};
use stagecraft::pipeline::edit::UndoHistory;
use stagecraft::pipeline::{ActionId, Category, Diagram, Owner};

/// An editor command with its targets chosen by index (taken modulo what exists).
#[derive(Debug, Clone)]
enum Intent {
    Add {
        stage: u8,
        run_order: u8,
        x: u16,
        outputs: u8,
    },
    Move {
        action: u8,
        stage: u8,
        run_order: u8,
        x: u16,
    },
    Delete {
        action: u8,
    },
    Connect {
        from: u8,
        to: u8,
    },
    Disconnect {
        action: u8,
    },
    RenameArtifact {
        action: u8,
        suffix: u8,
    },
    Paste {
        action: u8,
        stage: u8,
    },
    AddStage {
        index: u8,
    },
    RenameStage {
        index: u8,
        suffix: u8,
    },
    MoveStage {
        from: u8,
        to: u8,
    },
    DeleteStage {
        index: u8,
    },
    SetRunOrder {
        action: u8,
        run_order: u8,
    },
}

fn intent() -> impl Strategy<Value = Intent> {
    prop_oneof![
        (any::<u8>(), 1..5u8, any::<u16>(), 0..3u8).prop_map(|(stage, run_order, x, outputs)| Intent::Add {
            stage,
            run_order,
            x,
            outputs
        }),
        (any::<u8>(), any::<u8>(), 1..5u8, any::<u16>()).prop_map(|(action, stage, run_order, x)| {
            Intent::Move {
                action,
                stage,
                run_order,
                x,
            }
        }),
        any::<u8>().prop_map(|action| Intent::Delete { action }),
        (any::<u8>(), any::<u8>()).prop_map(|(from, to)| Intent::Connect { from, to }),
        any::<u8>().prop_map(|action| Intent::Disconnect { action }),
        (any::<u8>(), any::<u8>()).prop_map(|(action, suffix)| Intent::RenameArtifact { action, suffix }),
        (any::<u8>(), any::<u8>()).prop_map(|(action, stage)| Intent::Paste { action, stage }),
        any::<u8>().prop_map(|index| Intent::AddStage { index }),
        (any::<u8>(), any::<u8>()).prop_map(|(index, suffix)| Intent::RenameStage { index, suffix }),
        (any::<u8>(), any::<u8>()).prop_map(|(from, to)| Intent::MoveStage { from, to }),
        any::<u8>().prop_map(|index| Intent::DeleteStage { index }),
        (any::<u8>(), 1..6u8).prop_map(|(action, run_order)| Intent::SetRunOrder { action, run_order }),
    ]
}

fn pick<T: Copy>(items: &[T], n: u8) -> Option<T> {
    (!items.is_empty()).then(|| items[usize::from(n) % items.len()])
}

fn ids(diagram: &Diagram) -> Vec<ActionId> {
    diagram.actions().map(|(_, a)| a.id).collect()
}

fn stage_index(diagram: &Diagram, n: u8) -> Option<usize> {
    (!diagram.stages.is_empty()).then(|| usize::from(n) % diagram.stages.len())
}

fn ops_for(diagram: &Diagram, intent: &Intent) -> Vec<stagecraft::pipeline::edit::Op> {
    match *intent {
        Intent::Add {
            stage,
            run_order,
            x,
            outputs,
        } => stage_index(diagram, stage).map_or_else(Vec::new, |s| {
            let new = NewAction {
                name: "Step".to_owned(),
                category: Category::Build,
                owner: Owner::AWS,
                provider: Text::from("CodeBuild"),
                version: Text::from("1"),
                configuration: BTreeMap::from([("ProjectName".to_owned(), "p".into())]),
                outputs: usize::from(outputs),
            };
            commands::add_action(diagram, s, u32::from(run_order), f32::from(x % 800), &new)
        }),
        Intent::Move {
            action,
            stage,
            run_order,
            x,
        } => match (pick(&ids(diagram), action), stage_index(diagram, stage)) {
            (Some(id), Some(s)) => commands::move_actions(
                diagram,
                &[(id, Some(s), u32::from(run_order), f32::from(x % 800))],
            ),
            _ => Vec::new(),
        },
        Intent::Delete { action } => pick(&ids(diagram), action).map_or_else(Vec::new, |id| {
            commands::delete_actions(diagram, &BTreeSet::from([id]))
        }),
        Intent::Connect { from, to } => match (pick(&ids(diagram), from), pick(&ids(diagram), to)) {
            (Some(a), Some(b)) => commands::connect(diagram, a, b),
            _ => Vec::new(),
        },
        Intent::Disconnect { action } => pick(&ids(diagram), action)
            .and_then(|id| {
                diagram
                    .action(id)
                    .and_then(|a| a.inputs.first().cloned().map(|i| (id, i)))
            })
            .map_or_else(Vec::new, |(id, input)| commands::disconnect(diagram, &input, id)),
        Intent::RenameArtifact { action, suffix } => pick(&ids(diagram), action)
            .and_then(|id| diagram.action(id).and_then(|a| a.outputs.first().cloned()))
            .map_or_else(Vec::new, |old| {
                commands::rename_artifact(diagram, &old, &format!("{old}x{suffix}"))
            }),
        Intent::Paste { action, stage } => match (pick(&ids(diagram), action), stage_index(diagram, stage)) {
            (Some(id), Some(s)) => commands::paste(diagram, s, &[diagram.action(id).unwrap().clone()], 40.0),
            _ => Vec::new(),
        },
        Intent::AddStage { index } => {
            commands::add_stage(diagram, usize::from(index) % (diagram.stages.len() + 1), "Stage")
        }
        Intent::RenameStage { index, suffix } => stage_index(diagram, index).map_or_else(Vec::new, |i| {
            commands::rename_stage(diagram, i, &format!("S{suffix}"))
        }),
        Intent::MoveStage { from, to } => match (stage_index(diagram, from), stage_index(diagram, to)) {
            (Some(a), Some(b)) => commands::move_stage(diagram, a, b),
            _ => Vec::new(),
        },
        Intent::DeleteStage { index } => {
            stage_index(diagram, index).map_or_else(Vec::new, |i| commands::delete_stage(diagram, i))
        }
        Intent::SetRunOrder { action, run_order } => {
            pick(&ids(diagram), action).map_or_else(Vec::new, |id| {
                let mut changed = diagram.action(id).unwrap().clone();
                changed.run_order = u32::from(run_order);
                commands::set_action(diagram, changed)
            })
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn undo_all_restores_the_start_and_redo_all_the_end(intents in prop::collection::vec(intent(), 1..40)) {
        let start = Diagram::new("Property");
        let mut diagram = start.clone();
        let mut history = UndoHistory::default();
        let mut steps = 0;
        for intent in &intents {
            let ops = ops_for(&diagram, intent);
            if ops.is_empty() {
                continue;
            }
            history.perform(&mut diagram, "edit", ops).unwrap();
            steps += 1;
        }
        let end = diagram.clone();
        let mut undone = 0;
        while history.undo(&mut diagram).unwrap().is_some() {
            undone += 1;
        }
        prop_assert_eq!(undone, steps);
        prop_assert_eq!(&diagram, &start);
        while history.redo(&mut diagram).unwrap().is_some() {}
        prop_assert_eq!(&diagram, &end);
    }
}

/// Renaming an artifact in an imported pipeline follows every configuration value that names
/// it, shows in the export, and one undo brings the whole pipeline back.
#[test]
fn an_artifact_rename_follows_configuration_and_undoes_in_one_step() {
    use stagecraft::pipeline::codepipeline;
    let text = r#"{"pipeline": {"name": "infra", "roleArn": "arn:aws:iam::111122223333:role/P",
      "artifactStore": {"type": "S3", "location": "artifacts-bucket"}, "version": 2,
      "stages": [
        {"name": "Source", "actions": [{"name": "Repo",
          "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "CodeCommit", "version": "1"},
          "runOrder": 1, "configuration": {"RepositoryName": "infra", "BranchName": "main"},
          "outputArtifacts": [{"name": "InfraSource"}], "inputArtifacts": []}]},
        {"name": "Deploy", "actions": [{"name": "Stack",
          "actionTypeId": {"category": "Deploy", "owner": "AWS", "provider": "CloudFormation", "version": "1"},
          "runOrder": 1,
          "configuration": {"ActionMode": "CREATE_UPDATE", "StackName": "app",
            "RoleArn": "arn:aws:iam::111122223333:role/Cfn",
            "TemplatePath": "InfraSource::stack.yaml",
            "TemplateConfiguration": "InfraSource::config/prod.json",
            "ParameterOverrides": "{\"CodeKey\": {\"Fn::GetArtifactAtt\": [\"InfraSource\", \"ObjectKey\"]}}"},
          "outputArtifacts": [], "inputArtifacts": [{"name": "InfraSource"}]}]}]}}"#;
    let mut diagram = codepipeline::import(text).unwrap();
    let original = codepipeline::export(&diagram);
    let mut history = UndoHistory::default();
    let ops = commands::rename_artifact(&diagram, "InfraSource", "Templates");
    history.perform(&mut diagram, "Rename artifact", ops).unwrap();

    let exported: serde_json::Value = serde_json::from_str(&codepipeline::export(&diagram)).unwrap();
    let deploy = &exported["pipeline"]["stages"][1]["actions"][0];
    assert_eq!(deploy["inputArtifacts"][0]["name"], "Templates");
    assert_eq!(deploy["configuration"]["TemplatePath"], "Templates::stack.yaml");
    assert_eq!(
        deploy["configuration"]["TemplateConfiguration"],
        "Templates::config/prod.json"
    );
    assert_eq!(
        deploy["configuration"]["ParameterOverrides"],
        "{\"CodeKey\": {\"Fn::GetArtifactAtt\": [\"Templates\", \"ObjectKey\"]}}"
    );
    let errors: Vec<String> = stagecraft::pipeline::rules::check(&diagram)
        .iter()
        .filter(|f| f.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(
        errors.is_empty(),
        "the renamed pipeline still checks clean: {errors:?}"
    );

    assert_eq!(
        history.undo(&mut diagram).unwrap().as_deref(),
        Some("Rename artifact")
    );
    assert!(!history.can_undo(), "the rename was one step");
    assert_eq!(codepipeline::export(&diagram), original);
}
