//! Unit tests: each check passing and failing on small diagrams, and grading. Compiled only
//! for tests (`#[cfg(test)] mod tests;` in `mod.rs`).

use std::collections::BTreeMap;

use super::*;
use crate::pipeline::model::{Action, Category, Stage};

mod strict;

pub(super) fn action(name: &str, category: Category, provider: &str) -> Action {
    Action {
        id: crate::pipeline::ActionId::default(),
        name: name.into(),
        category,
        owner: crate::pipeline::Owner::AWS,
        provider: provider.into(),
        version: "1".into(),
        run_order: 1,
        configuration: BTreeMap::new(),
        inputs: Vec::new(),
        outputs: Vec::new(),
        region: None,
        role_arn: None,
        namespace: None,
        x: 0.0,
        ..Default::default()
    }
}

pub(super) fn with_config(mut a: Action, pairs: &[(&str, &str)]) -> Action {
    for (k, v) in pairs {
        a.configuration.insert((*k).into(), (*v).into());
    }
    a
}

pub(super) fn io(mut a: Action, inputs: &[&str], outputs: &[&str]) -> Action {
    a.inputs = inputs.iter().map(|s| (*s).into()).collect();
    a.outputs = outputs.iter().map(|s| (*s).into()).collect();
    a
}

pub(super) fn stage(name: &str, actions: Vec<Action>) -> Stage {
    Stage {
        name: name.into(),
        actions,
        ..Default::default()
    }
}

/// Source → Build → Deploy-Staging → Approve → Deploy-Prod, valid for the rule checker.
pub(super) fn release() -> Diagram {
    let mut d = Diagram::new("release");
    d.role_arn = "arn:aws:iam::111122223333:role/ReleasePipeline".into();
    d.artifact_bucket = "release-artifacts".into();
    d.stages = vec![
        stage(
            "Source",
            vec![io(
                with_config(
                    action("Source", Category::Source, "CodeCommit"),
                    &[("RepositoryName", "app"), ("BranchName", "main")],
                ),
                &[],
                &["Src"],
            )],
        ),
        stage(
            "Build",
            vec![io(
                with_config(
                    action("Build", Category::Build, "CodeBuild"),
                    &[("ProjectName", "p")],
                ),
                &["Src"],
                &["Out"],
            )],
        ),
        stage(
            "Deploy-Staging",
            vec![io(
                with_config(
                    action("Staging", Category::Deploy, "CodeDeploy"),
                    &[("ApplicationName", "a"), ("DeploymentGroupName", "staging")],
                ),
                &["Out"],
                &[],
            )],
        ),
        stage("Approve", vec![action("Approve", Category::Approval, "Manual")]),
        stage(
            "Deploy-Prod",
            vec![io(
                with_config(
                    action("Prod", Category::Deploy, "CodeDeploy"),
                    &[("ApplicationName", "a"), ("DeploymentGroupName", "prod")],
                ),
                &["Out"],
                &[],
            )],
        ),
    ];
    d.assign_missing_ids();
    d
}

pub(super) fn category(c: Category) -> Matcher {
    Matcher {
        category: Some(c),
        ..Matcher::default()
    }
}

pub(super) fn in_stage(c: Category, part: &str) -> Matcher {
    Matcher {
        stage_contains: Some(part.into()),
        ..category(c)
    }
}

pub(super) fn passed(check: &Check, diagram: &Diagram) -> bool {
    check.evaluate(diagram).passed
}

#[test]
fn passes_means_no_rule_errors() {
    let good = release();
    assert!(passed(&Check::Passes, &good));
    let mut bad = good;
    bad.stages.push(stage("Empty", Vec::new()));
    let outcome = Check::Passes.evaluate(&bad);
    assert!(!outcome.passed);
    assert!(outcome.detail.contains("Empty"), "{}", outcome.detail);
}

#[test]
fn has_counts_matching_actions() {
    let d = release();
    let deploys = Check::Has {
        action: category(Category::Deploy),
        at_least: 2,
    };
    assert!(passed(&deploys, &d));
    let three = Check::Has {
        action: category(Category::Deploy),
        at_least: 3,
    };
    assert!(!passed(&three, &d));
    let invoke = Check::Has {
        action: category(Category::Invoke),
        at_least: 1,
    };
    let outcome = invoke.evaluate(&d);
    assert!(!outcome.passed);
    assert_eq!(outcome.detail, "no action is an Invoke action");
}

#[test]
fn matcher_fields_narrow_the_match() {
    let mut d = release();
    let (s, i) = d.locate(crate::pipeline::ActionId(5)).unwrap();
    let prod = &mut d.stages[s].actions[i];
    prod.region = Some("eu-west-1".into());
    prod.role_arn = Some("arn:aws:iam::333344445555:role/Deployer".into());
    prod.configuration.insert(
        "Capabilities".into(),
        "CAPABILITY_IAM,CAPABILITY_AUTO_EXPAND".into(),
    );
    let matching = |m: Matcher| m.select(&d).map(|(_, a)| a.name.clone()).collect::<Vec<_>>();
    assert_eq!(matching(in_stage(Category::Deploy, "PROD")), ["Prod"]);
    let by_provider = Matcher {
        provider: Some("CodeDeploy".into()),
        ..Matcher::default()
    };
    assert_eq!(matching(by_provider), ["Staging", "Prod"]);
    let by_region = Matcher {
        region: Some("eu-west-1".into()),
        ..Matcher::default()
    };
    assert_eq!(matching(by_region), ["Prod"]);
    for (account, expected) in [(Some("333344445555"), 1), (None, 1), (Some("111122223333"), 0)] {
        let m = Matcher {
            role_arn: Some(Expect::Arn(ArnPattern {
                kind: ArnKind::IamRole,
                region: None,
                account: account.map(str::to_owned),
                name: None,
            })),
            ..Matcher::default()
        };
        assert_eq!(matching(m).len(), expected, "{account:?}");
    }
    let exact = Matcher {
        config: BTreeMap::from([("DeploymentGroupName".into(), Expect::Is("staging".into()))]),
        ..Matcher::default()
    };
    assert_eq!(matching(exact), ["Staging"]);
    let any_value = Matcher {
        config: BTreeMap::from([("Capabilities".into(), Expect::Set)]),
        ..Matcher::default()
    };
    assert_eq!(matching(any_value), ["Prod"]);
    let listing = Matcher {
        config: BTreeMap::from([(
            "Capabilities".into(),
            Expect::ListIncludes(vec!["CAPABILITY_AUTO_EXPAND".into()]),
        )]),
        ..Matcher::default()
    };
    assert_eq!(matching(listing.clone()), ["Prod"]);
    assert!(
        listing
            .describe()
            .contains("Capabilities listing CAPABILITY_AUTO_EXPAND")
    );
}

#[test]
fn runs_before_needs_a_first_before_every_then() {
    let d = release();
    let approval_then_prod = Check::RunsBefore {
        first: category(Category::Approval),
        then: in_stage(Category::Deploy, "prod"),
    };
    assert!(passed(&approval_then_prod, &d));
    let approval_then_all_deploys = Check::RunsBefore {
        first: category(Category::Approval),
        then: category(Category::Deploy),
    };
    let outcome = approval_then_all_deploys.evaluate(&d);
    assert!(!outcome.passed);
    assert!(outcome.detail.contains("\"Staging\""), "{}", outcome.detail);
    let nothing_to_follow = Check::RunsBefore {
        first: category(Category::Approval),
        then: category(Category::Invoke),
    };
    assert!(!passed(&nothing_to_follow, &d));
}

#[test]
fn runs_before_counts_run_order_within_a_stage() {
    let mut d = release();
    // Move the approval into the production stage, before the deploy.
    let approval = d.stages.remove(3).actions.remove(0);
    d.stages[3].actions[0].run_order = 2;
    d.stages[3].actions.insert(0, approval);
    let check = Check::RunsBefore {
        first: category(Category::Approval),
        then: in_stage(Category::Deploy, "prod"),
    };
    assert!(passed(&check, &d));
    d.stages[3].actions[1].run_order = 1;
    assert!(!passed(&check, &d), "same run order means parallel, not before");
}

#[test]
fn parallel_needs_a_shared_stage_and_run_order() {
    let mut d = release();
    let unit = with_config(
        action("Unit", Category::Test, "CodeBuild"),
        &[("ProjectName", "u")],
    );
    let integration = with_config(
        action("Integ", Category::Test, "CodeBuild"),
        &[("ProjectName", "i")],
    );
    d.stages.insert(
        2,
        stage(
            "Test",
            vec![io(unit, &["Out"], &[]), io(integration, &["Out"], &[])],
        ),
    );
    let check = Check::Parallel {
        action: category(Category::Test),
        at_least: 2,
    };
    assert!(passed(&check, &d));
    d.stages[2].actions[1].run_order = 2;
    assert!(!passed(&check, &d));
}

fn change_set_pipeline(execute_name: &str, execute_order: u32) -> Diagram {
    let mut d = release();
    let replace = with_config(
        action("Create", Category::Deploy, "CloudFormation"),
        &[
            ("ActionMode", "CHANGE_SET_REPLACE"),
            ("StackName", "net"),
            ("ChangeSetName", "release"),
            ("TemplatePath", "Out::t.yaml"),
        ],
    );
    let mut execute = with_config(
        action("Execute", Category::Deploy, "CloudFormation"),
        &[
            ("ActionMode", "CHANGE_SET_EXECUTE"),
            ("StackName", "net"),
            ("ChangeSetName", execute_name),
        ],
    );
    execute.run_order = execute_order;
    d.stages[4] = stage("Deploy-Prod", vec![io(replace, &["Out"], &[]), execute]);
    d
}

#[test]
fn change_set_flow_pairs_create_and_execute() {
    assert!(passed(&Check::ChangeSetFlow, &change_set_pipeline("release", 2)));
    assert!(!passed(&Check::ChangeSetFlow, &change_set_pipeline("other", 2)));
    assert!(!passed(&Check::ChangeSetFlow, &change_set_pipeline("release", 1)));
    assert!(!passed(&Check::ChangeSetFlow, &release()));
}

#[test]
fn regions_count_named_regions_and_the_home_region() {
    let mut d = release();
    let deploys = Check::Regions {
        action: category(Category::Deploy),
        at_least: 2,
    };
    assert!(!passed(&deploys, &d));
    d.stages[4].actions[0].region = Some("eu-west-1".into());
    assert!(passed(&deploys, &d), "the home Region and eu-west-1");
    d.stages[0].actions[0].region = Some("eu-west-1".into());
    assert!(!passed(&deploys, &d), "eu-west-1 is now the home Region");
}

#[test]
fn artifact_stores_cover_every_named_region() {
    let mut d = release();
    assert!(!passed(&Check::ArtifactStores, &d), "no Region is named");
    d.stages[4].actions[0].region = Some("eu-west-1".into());
    assert!(!passed(&Check::ArtifactStores, &d));
    d.artifact_stores.insert("eu-west-1".into(), "bucket-eu".into());
    assert!(passed(&Check::ArtifactStores, &d));
}

#[test]
fn consumes_output_of_follows_artifacts() {
    let mut d = release();
    let check = Check::ConsumesOutputOf {
        consumer: category(Category::Deploy),
        producer: category(Category::Build),
    };
    assert!(passed(&check, &d));
    d.stages[4].actions[0].inputs = vec!["Src".into()];
    let outcome = check.evaluate(&d);
    assert!(!outcome.passed);
    assert!(outcome.detail.contains("\"Prod\""), "{}", outcome.detail);
    let no_consumer = Check::ConsumesOutputOf {
        consumer: category(Category::Invoke),
        producer: category(Category::Build),
    };
    assert!(!passed(&no_consumer, &d));
}

#[test]
fn stage_count_has_bounds() {
    let d = release();
    let check = |at_least, at_most| Check::StageCount { at_least, at_most };
    assert!(passed(&check(5, Some(5)), &d));
    assert!(passed(&check(3, None), &d));
    assert!(!passed(&check(6, None), &d));
    assert!(!passed(&check(0, Some(4)), &d));
}

#[test]
fn not_inverts_and_keeps_the_detail() {
    let d = release();
    let no_invoke = Check::Not(Box::new(Check::Has {
        action: category(Category::Invoke),
        at_least: 1,
    }));
    assert!(passed(&no_invoke, &d));
    let no_approval = Check::Not(Box::new(Check::Has {
        action: category(Category::Approval),
        at_least: 1,
    }));
    let outcome = no_approval.evaluate(&d);
    assert!(!outcome.passed);
    assert!(outcome.detail.contains("\"Approve\""), "{}", outcome.detail);
}

const CHALLENGE: &str = r#"Challenge(
    id: "approval",
    title: "Approve first",
    brief: "Deploy to staging, approve, then production.",
    topics: ["codepipeline"],
    objectives: ["dop-c01/1.1"],
    requirements: [
        Requirement(
            description: "The pipeline is valid",
            hint: "Fix the rule errors.",
            check: Passes,
        ),
        Requirement(
            description: "An approval runs before the production deploy",
            hint: "Add a Manual approval stage.",
            check: RunsBefore(
                first: (category: Some(Approval)),
                then: (category: Some(Deploy), stage_contains: Some("prod")),
            ),
        ),
        Requirement(
            description: "Two deploys",
            hint: "Deploy twice.",
            check: Has(action: (category: Some(Deploy)), at_least: 2),
        ),
        Requirement(
            description: "No Lambda",
            hint: "Remove it.",
            check: Not(Has(action: (provider: Some("Lambda")))),
        ),
    ],
    solution: Diagram(version: 1, name: "x", stages: []),
)"#;

#[test]
fn challenges_read_from_ron_and_grade_per_requirement() {
    let mut challenge: Challenge = ron::from_str(CHALLENGE).unwrap();
    challenge.solution = release();
    assert!(matches!(
        challenge.requirements[2].check,
        Check::Has { at_least: 2, .. }
    ));
    let grade_solution = grade(&challenge, &challenge.solution);
    assert!(grade_solution.all_passed(), "{grade_solution:#?}");
    assert_eq!((grade_solution.passed_count, grade_solution.total), (4, 4));

    let start = challenge.start_diagram();
    assert_eq!(start.stages.len(), 2);
    let graded = grade(&challenge, &start);
    assert!(!graded.all_passed());
    let passed: Vec<bool> = graded.results.iter().map(|r| r.passed).collect();
    assert_eq!(passed, [false, false, false, true]);
    assert_eq!(graded.results[1].hint, "Add a Manual approval stage.");
    assert_eq!(graded.passed_count, 1);
}

#[test]
fn unknown_fields_are_rejected() {
    let typo = CHALLENGE.replace("stage_contains", "stage_contain");
    assert!(ron::from_str::<Challenge>(&typo).is_err());
    let typo = CHALLENGE.replace("hint: \"Deploy twice.\"", "hnt: \"Deploy twice.\"");
    assert!(ron::from_str::<Challenge>(&typo).is_err());
}

#[test]
fn a_challenge_without_requirements_is_never_passed() {
    let mut challenge: Challenge = ron::from_str(CHALLENGE).unwrap();
    challenge.requirements.clear();
    assert!(!grade(&challenge, &release()).all_passed());
}
