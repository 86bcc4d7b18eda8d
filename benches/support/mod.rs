//! Shared by the benchmarks: a large generated course pack and learner data, written to disk.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use stagecraft::pipeline::{Action, ActionId, Category, Diagram, Owner, Stage};

/// Writes a pack of `topics` notes (about 600 words each) and `questions` questions over six
/// domains into `dir`.
pub fn write_large_pack(dir: &Path, topics: usize, questions: usize) {
    let weights = [22, 19, 15, 10, 18, 16];
    let mut course = String::from(
        "Course(version: 1, title: \"Large\", blueprints: [Blueprint(id: \"big\", title: \"Big\", domains: [\n",
    );
    for (d, weight) in weights.iter().enumerate() {
        let list: Vec<String> = (0..topics)
            .filter(|t| t % weights.len() == d)
            .map(|t| format!("\"t{t}\""))
            .collect();
        let _ = writeln!(
            course,
            "Domain(id: \"{n}\", title: \"Domain {n}\", weight_percent: {weight}, objectives: [Objective(id: \"{n}.1\", title: \"Objective {n}.1\", topics: [{}])]),",
            list.join(", "),
            n = d + 1
        );
    }
    course.push_str("])],\ntopics: [\n");
    for t in 0..topics {
        let _ = writeln!(course, "Topic(id: \"t{t}\", title: \"Topic number {t}\"),");
    }
    course.push_str("])\n");
    std::fs::create_dir_all(dir.join("notes")).expect("pack folder");
    std::fs::create_dir_all(dir.join("questions")).expect("pack folder");
    std::fs::write(dir.join("course.ron"), course).expect("course.ron");
    let paragraph = "CodePipeline orchestrates stages and actions; CodeBuild compiles and tests; CodeDeploy shifts traffic with canary or linear configurations and rolls back on alarms. ";
    for t in 0..topics {
        let mut note = format!("# Topic number {t}\n\n## What it is\n\n");
        for _ in 0..20 {
            note.push_str(paragraph);
            note.push('\n');
        }
        let _ = write!(
            note,
            "\n| Setting | Value |\n|---|---|\n| a | b |\n\nSee [another](topic:t{}).\n",
            (t + 1) % topics
        );
        std::fs::write(dir.join(format!("notes/t{t}.md")), note).expect("note");
    }
    let mut text = String::from("[\n");
    for q in 0..questions {
        let d = q % weights.len() + 1;
        let t = q % topics;
        let _ = writeln!(
            text,
            "Question(id: \"q{q}\", objectives: [\"big/{d}.1\"], topics: [\"t{t}\"], kind: Single, difficulty: 2, revised: \"2026-11-26\", stem: \"Generated scenario {q}: which service fits the constraint best?\", options: [Choice(text: \"Right\", correct: true, explanation: \"Because it fits.\"), Choice(text: \"Wrong one\", correct: false, explanation: \"No.\"), Choice(text: \"Wrong two\", correct: false, explanation: \"No.\"), Choice(text: \"Wrong three\", correct: false, explanation: \"No.\")], references: [\"https://docs.aws.amazon.com/\"]),"
        );
    }
    text.push_str("]\n");
    std::fs::write(dir.join("questions/all.ron"), text).expect("questions");
}

/// A diagram of `total` actions over ten stages, two side by side per run order, each build
/// reading an artifact of the stage before.
#[must_use]
pub fn diagram(total: usize) -> Diagram {
    let stages = 10;
    let per_stage = total / stages;
    let mut next = 1;
    let mut d = Diagram::new("bench");
    d.stages = (0..stages)
        .map(|s| Stage {
            name: format!("Stage{s}").into(),
            actions: (0..per_stage)
                .map(|i| {
                    let id = next;
                    next += 1;
                    Action {
                        id: ActionId(id),
                        name: format!("A{s}-{i}").into(),
                        category: if s == 0 { Category::Source } else { Category::Build },
                        owner: Owner::AWS,
                        provider: if s == 0 {
                            "S3".to_owned().into()
                        } else {
                            "CodeBuild".to_owned().into()
                        },
                        version: "1".to_owned().into(),
                        run_order: u32::try_from(i / 2 + 1).unwrap_or(1),
                        configuration: BTreeMap::from([("ProjectName".to_owned(), "p".into())]),
                        inputs: if s == 0 {
                            Vec::new()
                        } else {
                            vec![format!("out-{}-{i}", s - 1).into()]
                        },
                        outputs: vec![format!("out-{s}-{i}").into()],
                        region: None,
                        role_arn: None,
                        namespace: None,
                        x: if i % 2 == 0 { 0.0 } else { 200.0 },
                        ..Default::default()
                    }
                })
                .collect(),
            ..Default::default()
        })
        .collect();
    d
}
