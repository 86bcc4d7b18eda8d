//! Every challenge of the built-in pack grades strictly: its reference solution passes, and the
//! reference with one value the brief states changed (the wrong repository, a Jenkins build
//! where the brief asks for CodeBuild, a malformed ARN, another deployment group…) fails the
//! requirement about that value.
//!
//! The expected values are written here, not taken from the requirements under test.

#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests may panic on failure.

use stagecraft::course::{self, PackSource};
use stagecraft::pipeline::challenge::{Challenge, grade};
use stagecraft::pipeline::{Action, Diagram, Owner, Text};

/// One change to an action of a reference solution, found by the action's name.
enum Edit {
    /// Sets a configuration value.
    Config(&'static str, &'static str, &'static str),
    /// Turns the action into a Jenkins one, as the palette's Jenkins entry would.
    Jenkins(&'static str),
    /// Sets the Region the action runs in.
    Region(&'static str, &'static str),
    /// Sets the role the action assumes.
    Role(&'static str, &'static str),
    /// Makes the action read only this artifact.
    Reads(&'static str, &'static str),
}

use Edit::{Config, Jenkins, Reads, Region, Role};

/// A reference solution changed so that a strict grader must refuse it: (challenge id, what
/// is wrong, a part of the description of the requirement that must fail, the changes).
type NearMiss = (&'static str, &'static str, &'static str, &'static [Edit]);

#[rustfmt::skip]
const NEAR_MISSES: &[NearMiss] = &[
    ("approval-before-production", "the wrong repository", "storefront repository",
        &[Config("Source", "RepositoryName", "storefront-legacy")]),
    ("approval-before-production", "a Jenkins build where the brief asks for CodeBuild", "storefront repository",
        &[Jenkins("Package")]),
    ("approval-before-production", "NotificationArn: not-an-arn", "release managers' SNS topic",
        &[Config("ApproveRelease", "NotificationArn", "not-an-arn")]),
    ("approval-before-production", "another team's topic", "release managers' SNS topic",
        &[Config("ApproveRelease", "NotificationArn", "arn:aws:sns:us-east-1:111122223333:developers")]),
    ("approval-before-production", "production installs the sources", "same package",
        &[Reads("DeployToProduction", "SourceOutput")]),
    ("change-set-review", "the wrong repository", "network-infrastructure",
        &[Config("Template", "RepositoryName", "network")]),
    ("change-set-review", "another template file", "network.yaml",
        &[Config("CreateChangeSet", "TemplatePath", "TemplateSource::vpc.yaml")]),
    ("change-set-review", "another change set name", "network-release",
        &[Config("CreateChangeSet", "ChangeSetName", "release"), Config("ExecuteChangeSet", "ChangeSetName", "release")]),
    ("parallel-tests", "another deployment group", "orders-api-prod",
        &[Config("Deploy", "DeploymentGroupName", "orders-api-staging")]),
    ("parallel-tests", "another branch", "main branch of orders-api",
        &[Config("Source", "BranchName", "develop")]),
    ("parallel-tests", "Jenkins runs the integration tests", "Two CodeBuild test actions",
        &[Jenkins("IntegrationTests")]),
    ("ecs-blue-green", "another ECR repository", "ECR repository orders",
        &[Config("Image", "RepositoryName", "orders-images")]),
    ("ecs-blue-green", "another image tag", "ECR repository orders",
        &[Config("Image", "ImageTag", "release")]),
    ("ecs-blue-green", "another deployment group", "orders-prod",
        &[Config("BlueGreen", "DeploymentGroupName", "orders-test")]),
    ("ecs-blue-green", "the container name instead of the placeholder", "image URI",
        &[Config("BlueGreen", "Image1ContainerName", "orders")]),
    ("ecs-blue-green", "the task definition from the image artifact", "orders-deploy",
        &[Config("BlueGreen", "TaskDefinitionTemplateArtifact", "ImageArtifact")]),
    ("lambda-canary-sam", "CAPABILITY_AUTO_EXPAND left out", "CAPABILITY_AUTO_EXPAND",
        &[Config("CreateChangeSet", "Capabilities", "CAPABILITY_IAM")]),
    ("lambda-canary-sam", "the unpackaged template", "packaged.yaml",
        &[Config("CreateChangeSet", "TemplatePath", "PackagedTemplate::template.yaml")]),
    ("lambda-canary-sam", "another stack", "payments-api is made",
        &[Config("CreateChangeSet", "StackName", "payments"), Config("ExecuteChangeSet", "StackName", "payments")]),
    ("cross-region-deploy", "Europe in eu-central-1", "in us-east-1 and in eu-west-1",
        &[Region("Deploy-eu-west-1", "eu-central-1")]),
    ("cross-region-deploy", "another stack in Europe", "in us-east-1 and in eu-west-1",
        &[Config("Deploy-eu-west-1", "StackName", "catalog")]),
    ("cross-region-deploy", "Europe deploys the sources", "same packaged template",
        &[Reads("Deploy-eu-west-1", "SourceOutput")]),
    ("cross-account-deploy", "production assumes a role of the test account", "production account",
        &[Role("DeployProduction", "arn:aws:iam::222233334444:role/CodePipelineCrossAccountRole")]),
    ("cross-account-deploy", "CloudFormation in production uses a tools-account role", "production account",
        &[Config("DeployProduction", "RoleArn", "arn:aws:iam::111122223333:role/CloudFormationDeployRole")]),
    ("cross-account-deploy", "RoleArn: not-an-arn", "test account",
        &[Config("DeployTest", "RoleArn", "not-an-arn")]),
    ("build-once-promote", "dev installs on the staging group", "ledger-dev",
        &[Config("DeployDev", "DeploymentGroupName", "ledger-staging")]),
    ("build-once-promote", "production in another application", "ledger-prod",
        &[Config("DeployProd", "ApplicationName", "ledger-app")]),
    ("build-once-promote", "a Jenkins build", "main branch of ledger",
        &[Jenkins("Build")]),
    ("beanstalk-after-tests", "another test project", "survey-tests",
        &[Config("RunTests", "ProjectName", "survey-unit")]),
    ("beanstalk-after-tests", "another environment", "survey-prod",
        &[Config("DeployToBeanstalk", "EnvironmentName", "survey-staging")]),
    ("s3-static-site", "another bucket", "www-example-site",
        &[Config("UploadSite", "BucketName", "www-example-site-staging")]),
    ("s3-static-site", "another function", "invalidate-site-cache",
        &[Config("InvalidateCache", "FunctionName", "invalidate-cache")]),
    ("stacksets-rollout", "another OU", "targets the OU",
        &[Config("DeployStackSet", "DeploymentTargets", "ou-ab12-sandbox1")]),
    ("stacksets-rollout", "one Region only", "targets the OU",
        &[Config("DeployStackSet", "Regions", "us-east-1")]),
    ("stacksets-rollout", "self-managed permissions", "service-managed",
        &[Config("DeployStackSet", "PermissionModel", "SELF_MANAGED")]),
    ("stacksets-rollout", "a 20% tolerance", "10%",
        &[Config("DeployStackSet", "FailureTolerancePercentage", "20")]),
    ("stacksets-rollout", "another lint project", "cfn-lint",
        &[Config("LintTemplate", "ProjectName", "cfn-nag")]),
    ("device-farm-before-release", "another Device Farm project", "Appium tests",
        &[Config("TestOnDevices", "ProjectId", "00000000-0000-4a5b-9c8d-example00002")]),
    ("device-farm-before-release", "the built-in fuzz test", "Appium tests",
        &[Config("TestOnDevices", "TestType", "BUILTIN_FUZZ")]),
    ("device-farm-before-release", "another object key", "field-notes-releases",
        &[Config("PublishRelease", "ObjectKey", "field-notes/release.zip")]),
    ("github-connection-source", "another connection", "connection to acme-labs",
        &[Config("Source", "ConnectionArn", "arn:aws:codeconnections:us-east-1:111122223333:connection/other")]),
    ("github-connection-source", "ConnectionArn: not-an-arn", "connection to acme-labs",
        &[Config("Source", "ConnectionArn", "not-an-arn")]),
    ("github-connection-source", "another repository", "connection to acme-labs",
        &[Config("Source", "FullRepositoryId", "acme-labs/ledger")]),
    ("ecr-to-ecs-rolling", "the latest tag", "release image",
        &[Config("Image", "ImageTag", "latest")]),
    ("ecr-to-ecs-rolling", "another cluster", "cluster warehouse",
        &[Config("RollingUpdate", "ClusterName", "warehouse-staging")]),
    ("ecr-to-ecs-rolling", "another build project", "inventory-imagedefinitions",
        &[Config("WriteImageDefinitions", "ProjectName", "inventory-build")]),
    ("appconfig-rollout", "production all at once", "Production (p4m8r1t)",
        &[Config("DeployProd", "DeploymentStrategy", "AppConfig.AllAtOnce")]),
    ("appconfig-rollout", "beta deploys to the production environment", "Beta (b7x2q9d)",
        &[Config("DeployBeta", "Environment", "p4m8r1t")]),
    ("appconfig-rollout", "another application in beta", "profile c9f3h6w",
        &[Config("DeployBeta", "Application", "a1b2c3d")]),
    ("step-functions-after-deploy", "a state machine name, not its ARN", "starts reports-post-deploy",
        &[Config("RunPostDeploy", "StateMachineArn", "reports-post-deploy")]),
    ("step-functions-after-deploy", "another state machine", "starts reports-post-deploy",
        &[Config("RunPostDeploy", "StateMachineArn", "arn:aws:states:us-east-1:111122223333:stateMachine:reports-nightly")]),
    ("step-functions-after-deploy", "another input file", "stack-outputs.json",
        &[Config("RunPostDeploy", "Input", "outputs.json")]),
    ("step-functions-after-deploy", "another stack", "stack reports",
        &[Config("DeployStack", "StackName", "reports-staging")]),
];

fn action<'d>(diagram: &'d mut Diagram, name: &str) -> &'d mut Action {
    diagram
        .stages
        .iter_mut()
        .flat_map(|s| s.actions.iter_mut())
        .find(|a| a.name.as_str() == name)
        .unwrap_or_else(|| panic!("no action {name:?} in the reference solution"))
}

fn apply(diagram: &mut Diagram, edit: &Edit) {
    match *edit {
        Config(name, key, value) => {
            action(diagram, name)
                .configuration
                .insert(key.to_owned(), Text::from(value));
        }
        Jenkins(name) => {
            let build = action(diagram, name);
            build.owner = Owner::Custom;
            build.provider = Text::from("Jenkins");
        }
        Region(name, region) => action(diagram, name).region = Some(Text::from(region)),
        Role(name, arn) => action(diagram, name).role_arn = Some(Text::from(arn)),
        Reads(name, artifact) => action(diagram, name).inputs = vec![Text::from(artifact)],
    }
}

fn pack_challenges() -> Vec<Challenge> {
    let report = course::load(&PackSource::embedded());
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    report
        .course
        .unwrap()
        .challenges
        .into_iter()
        .map(|c| c.challenge)
        .collect()
}

#[test]
fn every_challenge_refuses_its_near_misses_and_passes_its_reference() {
    let challenges = pack_challenges();
    for challenge in &challenges {
        let graded = grade(challenge, &challenge.solution);
        assert!(
            graded.all_passed(),
            "{}: the reference fails: {graded:#?}",
            challenge.id
        );
        assert!(
            NEAR_MISSES.iter().any(|(id, ..)| *id == challenge.id),
            "{}: no near miss shows that it grades the values its brief states",
            challenge.id
        );
    }
    for (id, what, fails, edits) in NEAR_MISSES {
        let challenge = challenges
            .iter()
            .find(|c| c.id == *id)
            .unwrap_or_else(|| panic!("no challenge {id:?}"));
        let mut attempt = challenge.solution.clone();
        for edit in *edits {
            apply(&mut attempt, edit);
        }
        assert_ne!(attempt, challenge.solution, "{id}: {what} changes nothing");
        let graded = grade(challenge, &attempt);
        let failing: Vec<&str> = graded
            .results
            .iter()
            .filter(|r| !r.passed)
            .map(|r| r.description.as_str())
            .collect();
        assert!(
            failing.iter().any(|d| d.contains(fails)),
            "{id}: {what} should fail the requirement about {fails:?}, but these fail: {failing:#?}"
        );
        let result = graded
            .results
            .iter()
            .find(|r| r.description.contains(fails))
            .unwrap();
        assert!(
            !result.detail.is_empty() && !result.hint.is_empty(),
            "{id}: {what}: {result:#?}"
        );
    }
}

#[test]
fn a_failed_value_says_what_is_wrong() {
    let challenges = pack_challenges();
    let challenge = challenges
        .iter()
        .find(|c| c.id == "approval-before-production")
        .unwrap();
    let mut attempt = challenge.solution.clone();
    apply(
        &mut attempt,
        &Config("ApproveRelease", "NotificationArn", "not-an-arn"),
    );
    apply(&mut attempt, &Jenkins("Package"));
    let graded = grade(challenge, &attempt);
    let details: Vec<&str> = graded.results.iter().map(|r| r.detail.as_str()).collect();
    assert!(
        details
            .iter()
            .any(|d| d.contains("\"not-an-arn\" is not an SNS topic ARN")),
        "{details:#?}"
    );
    assert!(
        details
            .iter()
            .any(|d| d.contains("is from Jenkins, not CodeBuild")),
        "{details:#?}"
    );
}
