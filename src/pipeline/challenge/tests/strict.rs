//! Unit tests of the checks that grade the values a brief states: exact and patterned
//! configuration values, the same artifact promoted, configuration that names an artifact,
//! several facts in one requirement, and details that say what is wrong.

use std::collections::BTreeMap;

use super::*;

fn config(pairs: &[(&str, Expect)]) -> BTreeMap<String, Expect> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()
}

fn source_from(repository: &str) -> Matcher {
    Matcher {
        category: Some(Category::Source),
        provider: Some("CodeCommit".into()),
        config: config(&[
            ("RepositoryName", Expect::Is(repository.into())),
            ("BranchName", Expect::Is("main".into())),
        ]),
        ..Matcher::default()
    }
}

fn codebuild() -> Matcher {
    Matcher {
        provider: Some("CodeBuild".into()),
        ..category(Category::Build)
    }
}

fn topic_arn() -> Expect {
    Expect::Arn(ArnPattern {
        kind: ArnKind::SnsTopic,
        region: Some("us-east-1".into()),
        account: Some("111122223333".into()),
        name: Some("release-managers".into()),
    })
}

#[test]
fn the_wrong_repository_fails_and_says_so() {
    let check = Check::ConsumesOutputOf {
        consumer: codebuild(),
        producer: source_from("app"),
    };
    let mut d = release();
    assert!(passed(&check, &d));
    d.stages[0].actions[0]
        .configuration
        .insert("RepositoryName".into(), "app-old".into());
    let outcome = check.evaluate(&d);
    assert!(!outcome.passed);
    assert!(
        outcome
            .detail
            .contains("RepositoryName is \"app-old\", not \"app\""),
        "{}",
        outcome.detail
    );
}

#[test]
fn jenkins_is_not_codebuild() {
    let check = Check::Has {
        action: codebuild(),
        at_least: 1,
    };
    let mut d = release();
    assert!(passed(&check, &d));
    d.stages[1].actions[0].provider = "Jenkins".into();
    let outcome = check.evaluate(&d);
    assert!(!outcome.passed);
    assert!(
        outcome
            .detail
            .contains("\"Build\" in stage \"Build\" is from Jenkins, not CodeBuild"),
        "{}",
        outcome.detail
    );
}

#[test]
fn a_notification_arn_must_be_the_topic_the_brief_names() {
    let check = Check::Has {
        action: Matcher {
            config: config(&[("NotificationArn", topic_arn())]),
            ..category(Category::Approval)
        },
        at_least: 1,
    };
    let mut d = release();
    let approval = &mut d.stages[3].actions[0];
    approval.configuration.insert(
        "NotificationArn".into(),
        "arn:aws:sns:us-east-1:111122223333:release-managers".into(),
    );
    assert!(passed(&check, &d));
    for (value, says) in [
        ("not-an-arn", "is not an SNS topic ARN"),
        (
            "arn:aws:sns:us-east-1:111122223333:developers",
            "names topic \"developers\"",
        ),
        ("", "NotificationArn is not set"),
    ] {
        d.stages[3].actions[0]
            .configuration
            .insert("NotificationArn".into(), value.into());
        let outcome = check.evaluate(&d);
        assert!(!outcome.passed, "{value}");
        assert!(outcome.detail.contains(says), "{value}: {}", outcome.detail);
    }
}

#[test]
fn every_checks_all_matching_actions() {
    let check = Check::Every {
        action: Matcher {
            provider: Some("CodeDeploy".into()),
            ..Matcher::default()
        },
        satisfies: Matcher {
            config: config(&[("ApplicationName", Expect::Is("a".into()))]),
            ..Matcher::default()
        },
    };
    let mut d = release();
    assert!(passed(&check, &d));
    d.stages[4].actions[0]
        .configuration
        .insert("ApplicationName".into(), "b".into());
    let outcome = check.evaluate(&d);
    assert!(!outcome.passed);
    assert!(outcome.detail.contains("\"Prod\""), "{}", outcome.detail);
    let none = Check::Every {
        action: category(Category::Invoke),
        satisfies: Matcher::default(),
    };
    assert!(!passed(&none, &d), "nothing to check is no pass");
}

#[test]
fn the_same_artifact_must_reach_every_stage() {
    let check = Check::SameArtifact {
        actions: vec![
            in_stage(Category::Deploy, "staging"),
            in_stage(Category::Deploy, "prod"),
        ],
    };
    let mut d = release();
    let outcome = check.evaluate(&d);
    assert!(outcome.passed, "{}", outcome.detail);
    assert!(outcome.detail.contains("Out"), "{}", outcome.detail);

    // A rebuild before production: the deploys read different artifacts.
    let rebuild = io(
        with_config(
            action("Rebuild", Category::Build, "CodeBuild"),
            &[("ProjectName", "p")],
        ),
        &["Src"],
        &["ProdOut"],
    );
    d.stages[3].actions.push(rebuild);
    d.stages[4].actions[0].inputs = vec!["ProdOut".into()];
    let outcome = check.evaluate(&d);
    assert!(!outcome.passed);
    assert!(
        outcome
            .detail
            .contains("\"Staging\" in stage \"Deploy-Staging\" reads Out")
            && outcome.detail.contains("reads ProdOut"),
        "{}",
        outcome.detail
    );

    let missing = Check::SameArtifact {
        actions: vec![
            in_stage(Category::Deploy, "staging"),
            in_stage(Category::Deploy, "dev"),
        ],
    };
    assert!(!passed(&missing, &release()), "each matcher must pick an action");
    assert!(!passed(&Check::SameArtifact { actions: Vec::new() }, &release()));
}

#[test]
fn a_configuration_value_must_name_the_producers_artifact() {
    let mut d = release();
    let mut replace = with_config(
        action("Create", Category::Deploy, "CloudFormation"),
        &[
            ("ActionMode", "CHANGE_SET_REPLACE"),
            ("StackName", "net"),
            ("ChangeSetName", "release"),
            ("TemplatePath", "Out::packaged.yaml"),
        ],
    );
    replace.inputs = vec!["Out".into(), "Src".into()];
    d.stages[4].actions = vec![replace];
    let check = Check::ConfigNamesOutputOf {
        action: Matcher {
            provider: Some("CloudFormation".into()),
            ..Matcher::default()
        },
        key: "TemplatePath".into(),
        producer: codebuild(),
    };
    assert!(passed(&check, &d));
    d.stages[4].actions[0]
        .configuration
        .insert("TemplatePath".into(), "Src::template.yaml".into());
    let outcome = check.evaluate(&d);
    assert!(!outcome.passed);
    assert!(
        outcome.detail.contains("TemplatePath names Src"),
        "{}",
        outcome.detail
    );
    d.stages[4].actions[0]
        .configuration
        .insert("TemplatePath".into(), "Elsewhere::t.yaml".into());
    let outcome = check.evaluate(&d);
    assert!(
        outcome.detail.contains("not one of its input artifacts"),
        "{}",
        outcome.detail
    );
}

#[test]
fn all_of_fails_with_the_first_failure() {
    let d = release();
    let both = Check::AllOf(vec![
        Check::Passes,
        Check::Has {
            action: category(Category::Invoke),
            at_least: 1,
        },
    ]);
    let outcome = both.evaluate(&d);
    assert!(!outcome.passed);
    assert_eq!(outcome.detail, "no action is an Invoke action");
    assert!(passed(&Check::AllOf(vec![Check::Passes]), &d));
    assert!(!passed(&Check::AllOf(Vec::new()), &d));
}

#[test]
fn matchers_are_listed_through_nested_checks() {
    let check = Check::Not(Box::new(Check::AllOf(vec![
        Check::Passes,
        Check::ConfigNamesOutputOf {
            action: codebuild(),
            key: "PrimarySource".into(),
            producer: source_from("app"),
        },
    ])));
    let found = check.matchers();
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].1, Some("PrimarySource"));
    assert_eq!(found[1].1, None);
}

#[test]
fn strict_values_read_from_ron() {
    let text = r#"Has(action: (
        category: Some(Approval),
        provider: Some("Manual"),
        config: {"NotificationArn": Arn((kind: SnsTopic, name: Some("release-managers")))},
        role_arn: Some(Arn((kind: IamRole, account: Some("222233334444")))),
    ))"#;
    let check: Check = ron::from_str(text).unwrap();
    let Check::Has { action, at_least } = &check else {
        panic!("{check:?}");
    };
    assert_eq!(*at_least, 1);
    assert!(matches!(action.config["NotificationArn"], Expect::Arn(_)));
    let back: Check = ron::from_str(&ron::to_string(&check).unwrap()).unwrap();
    assert_eq!(back, check);
}

#[test]
fn an_absence_names_a_near_action_only() {
    let d = release();
    let invoke = Matcher {
        provider: Some("StepFunctions".into()),
        ..Matcher::default()
    };
    assert_eq!(invoke.absence(&d), "no action is an action from StepFunctions");
    let staging_app = Matcher {
        provider: Some("CodeDeploy".into()),
        config: config(&[("ApplicationName", Expect::Is("storefront".into()))]),
        ..Matcher::default()
    };
    assert!(
        staging_app.absence(&d).contains(
            "(\"Staging\" in stage \"Deploy-Staging\" ApplicationName is \"a\", not \"storefront\")"
        ),
        "{}",
        staging_app.absence(&d)
    );
}
