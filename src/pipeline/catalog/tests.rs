//! The catalog checked against the CodePipeline user guide's action reference: unique keys,
//! presets that use known keys, the documented action types and artifact counts of every
//! provider, the values drop-downs offer, and how an action finds its entry.

use super::*;

#[test]
fn keys_are_unique_and_every_category_has_a_provider() {
    // The custom deploy entry is in both lists: count each entry once.
    let hidden = REGISTERED_CUSTOM.iter().filter(|p| !PROVIDERS.contains(p));
    let mut keys: Vec<&str> = PROVIDERS.iter().chain(hidden).map(|p| p.key).collect();
    keys.sort_unstable();
    let before = keys.len();
    keys.dedup();
    assert_eq!(before, keys.len());
    for category in Category::ALL {
        assert!(in_category(category).next().is_some(), "{category:?}");
    }
}

#[test]
fn presets_use_known_keys_and_bounds_are_ordered() {
    for spec in PROVIDERS {
        assert!(spec.inputs.min <= spec.inputs.max, "{}", spec.key);
        assert!(spec.outputs.min <= spec.outputs.max, "{}", spec.key);
        for (key, _) in spec.preset {
            assert!(spec.config_key(key).is_some(), "{}: {key}", spec.key);
        }
        for key in spec.config {
            if let Need::When { key: other, .. } = key.need {
                assert!(spec.config_key(other).is_some(), "{}: {other}", spec.key);
            }
        }
    }
}

#[test]
fn finds_by_type_and_tells_connections_apart() {
    let deploy = find(Category::Deploy, Owner::AWS, "S3").map(|p| p.key);
    assert_eq!(deploy, Some("s3-deploy"));
    let source = find(Category::Source, Owner::AWS, "S3").map(|p| p.key);
    assert_eq!(source, Some("s3-source"));
    for key in ["github", "bitbucket", "gitlab"] {
        let spec = by_key(key).unwrap();
        let action = spec.new_action("Source");
        assert_eq!(spec_for_action(&action).map(|p| p.key), Some(key));
    }
    assert!(find(Category::Build, Owner::AWS, "Nope").is_none());
}

/// (key, category, owner, provider, inputs, outputs) as each provider's action reference page
/// and the table of valid artifacts give them.
const DOCUMENTED: &[(&str, Category, Owner, &str, Bounds, Bounds)] = &[
    (
        "commands",
        Category::Compute,
        Owner::AWS,
        "Commands",
        Bounds::range(1, 10),
        Bounds::range(0, 1),
    ),
    (
        "ec2",
        Category::Deploy,
        Owner::AWS,
        "EC2",
        Bounds::exactly(1),
        Bounds::exactly(0),
    ),
    (
        "eks",
        Category::Deploy,
        Owner::AWS,
        "EKS",
        Bounds::exactly(1),
        Bounds::exactly(0),
    ),
    (
        "inspector-scan",
        Category::Invoke,
        Owner::AWS,
        "InspectorScan",
        Bounds::range(0, 1),
        Bounds::exactly(1),
    ),
    (
        "codebuild-batch",
        Category::Build,
        Owner::AWS,
        "CodeBuild",
        Bounds::range(1, 5),
        Bounds::range(0, 5),
    ),
    (
        "lambda",
        Category::Invoke,
        Owner::AWS,
        "Lambda",
        Bounds::range(0, 5),
        Bounds::range(0, 5),
    ),
    (
        "lambda-deploy",
        Category::Deploy,
        Owner::AWS,
        "Lambda",
        Bounds::range(0, 1),
        Bounds::exactly(0),
    ),
    (
        "ecr-build-publish",
        Category::Build,
        Owner::AWS,
        "ECRBuildAndPublish",
        Bounds::exactly(1),
        Bounds::exactly(0),
    ),
    (
        "pipeline-invoke",
        Category::Invoke,
        Owner::AWS,
        "CodePipeline",
        Bounds::exactly(0),
        Bounds::exactly(0),
    ),
    (
        "cloudformation-stack-instances",
        Category::Deploy,
        Owner::AWS,
        "CloudFormationStackInstances",
        Bounds::range(0, 2),
        Bounds::exactly(0),
    ),
    (
        "alexa-skills-kit",
        Category::Deploy,
        Owner::ThirdParty,
        "AlexaSkillsKit",
        Bounds::range(1, 2),
        Bounds::exactly(0),
    ),
    (
        "devicefarm",
        Category::Test,
        Owner::AWS,
        "DeviceFarm",
        Bounds::exactly(1),
        Bounds::exactly(0),
    ),
    (
        "cloudformation",
        Category::Deploy,
        Owner::AWS,
        "CloudFormation",
        Bounds::range(0, 10),
        Bounds::range(0, 1),
    ),
    (
        "jenkins",
        Category::Build,
        Owner::Custom,
        "Jenkins",
        Bounds::range(0, 5),
        Bounds::range(0, 5),
    ),
];

#[test]
fn documented_providers_have_their_action_types_and_artifact_counts() {
    for (key, category, owner, provider, inputs, outputs) in DOCUMENTED {
        let spec = by_key(key).unwrap_or_else(|| panic!("no palette entry {key}"));
        assert_eq!(
            (
                spec.category,
                spec.owner,
                spec.provider,
                spec.version,
                spec.inputs,
                spec.outputs
            ),
            (*category, *owner, *provider, "1", *inputs, *outputs),
            "{key}"
        );
    }
    for key in [
        "commands",
        "ec2",
        "eks",
        "lambda-deploy",
        "ecr-build-publish",
        "pipeline-invoke",
    ] {
        assert!(
            by_key(key).unwrap().is_v2_only(),
            "{key} runs in V2 pipelines only"
        );
    }
    assert!(!by_key("codebuild").unwrap().is_v2_only());
}

#[test]
fn a_new_action_offers_only_the_ports_its_provider_takes() {
    let approval = by_key("manual-approval").unwrap();
    assert!(!approval.takes_inputs() && !approval.gives_outputs());
    let source = by_key("codecommit").unwrap();
    assert!(!source.takes_inputs() && source.gives_outputs());
    let deploy = by_key("eks").unwrap();
    assert!(deploy.takes_inputs() && !deploy.gives_outputs());
}

#[test]
fn listed_values_allow_one_or_several_and_nothing_else() {
    let cfn = by_key("cloudformation").unwrap();
    let mode = cfn.config_key("ActionMode").unwrap().values;
    assert!(mode.allows("CHANGE_SET_REPLACE"));
    assert!(!mode.allows("CREATE"));
    let capabilities = cfn.config_key("Capabilities").unwrap().values;
    assert!(capabilities.allows("CAPABILITY_IAM, CAPABILITY_AUTO_EXPAND"));
    assert!(!capabilities.allows("CAPABILITY_IAM,CAPABILITY_IAM"), "each once");
    assert!(!capabilities.allows("CAPABILITY_ROOT"));
    assert!(Values::Any.allows("anything"));
    for spec in PROVIDERS {
        for key in spec.config {
            if let Values::OneOf(values) | Values::SeveralOf(values) = key.values {
                assert!(!values.is_empty(), "{}: {}", spec.key, key.name);
            }
        }
        for (key, value) in spec.preset {
            let listed = spec.config_key(key).unwrap().values;
            assert!(listed.allows(value), "{}: preset {key}={value}", spec.key);
        }
    }
}

#[test]
fn custom_actions_keep_the_name_and_version_the_learner_registered() {
    let mut action = by_key("custom-build").unwrap().new_action("Build");
    action.provider = "MyTeamCity".into();
    action.version = "3".into();
    let spec = spec_for_action(&action).unwrap();
    assert!(spec.is_registered_custom());
    assert_eq!(
        (spec.inputs, spec.outputs),
        (Bounds::range(0, 5), Bounds::range(0, 5))
    );
    action.owner = Owner::AWS;
    assert!(
        spec_for_action(&action).is_none(),
        "an AWS action of that name is unknown"
    );
    let mut jenkins = by_key("jenkins").unwrap().new_action("Build");
    assert_eq!(spec_for_action(&jenkins).map(|p| p.key), Some("jenkins"));
    jenkins.provider = "CloudBeesCore".into();
    assert_eq!(
        spec_for_action(&jenkins).map(|p| p.key),
        Some("custom-build"),
        "renamed"
    );
    for category in Category::ALL.into_iter().filter(|c| *c != Category::Compute) {
        let spec = registered_custom(category).unwrap_or_else(|| panic!("{category:?}"));
        assert_eq!((spec.category, spec.owner), (category, Owner::Custom));
    }
    assert!(by_key("custom-deploy").is_some_and(|p| in_category(Category::Deploy).any(|q| q == p)));
}

#[test]
fn a_codebuild_build_with_batch_enabled_is_a_batch_build() {
    let mut action = by_key("codebuild").unwrap().new_action("Build");
    assert_eq!(spec_for_action(&action).map(|p| p.key), Some("codebuild"));
    action
        .configuration
        .insert("BatchEnabled".to_owned(), "true".into());
    assert_eq!(spec_for_action(&action).map(|p| p.key), Some("codebuild-batch"));
    let batch = by_key("codebuild-batch").unwrap().new_action("Batch");
    assert_eq!(spec_for_action(&batch).map(|p| p.key), Some("codebuild-batch"));
}
