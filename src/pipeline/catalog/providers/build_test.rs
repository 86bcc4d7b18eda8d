//! The build and test providers: CodeBuild and Jenkins in both categories, and Device Farm.

use super::keys::{CODEBUILD_KEYS, JENKINS_KEYS, NONE, ONE, TRUE_FALSE, opt, req};
use crate::pipeline::catalog::{Bounds, ProviderSpec};
use crate::pipeline::model::{Category, Owner};

pub(super) const CODEBUILD: ProviderSpec = ProviderSpec {
    key: "codebuild",
    label: "AWS CodeBuild",
    category: Category::Build,
    owner: Owner::AWS,
    provider: "CodeBuild",
    version: "1",
    inputs: Bounds::range(1, 5),
    outputs: Bounds::range(0, 5),
    config: CODEBUILD_KEYS,
    preset: &[("ProjectName", "my-build-project")],
    topic: "codebuild",
};

pub(super) const JENKINS: ProviderSpec = ProviderSpec {
    key: "jenkins",
    label: "Jenkins or another custom build action",
    category: Category::Build,
    owner: Owner::Custom,
    provider: "Jenkins",
    version: "1",
    inputs: Bounds::range(0, 5),
    outputs: Bounds::range(0, 5),
    config: JENKINS_KEYS,
    preset: &[("ProjectName", "my-jenkins-job")],
    topic: "ci-cd",
};

pub(super) const CODEBUILD_TEST: ProviderSpec = ProviderSpec {
    key: "codebuild-test",
    label: "AWS CodeBuild (test)",
    category: Category::Test,
    owner: Owner::AWS,
    provider: "CodeBuild",
    version: "1",
    inputs: Bounds::range(1, 5),
    outputs: Bounds::range(0, 5),
    config: CODEBUILD_KEYS,
    preset: &[("ProjectName", "my-test-project")],
    topic: "automated-testing",
};

pub(super) const JENKINS_TEST: ProviderSpec = ProviderSpec {
    key: "jenkins-test",
    label: "Jenkins or another custom test action",
    category: Category::Test,
    owner: Owner::Custom,
    provider: "Jenkins",
    version: "1",
    inputs: Bounds::range(0, 5),
    outputs: Bounds::range(0, 5),
    config: JENKINS_KEYS,
    preset: &[("ProjectName", "my-jenkins-test-job")],
    topic: "ci-cd",
};

pub(super) const DEVICEFARM: ProviderSpec = ProviderSpec {
    key: "devicefarm",
    label: "AWS Device Farm",
    category: Category::Test,
    owner: Owner::AWS,
    provider: "DeviceFarm",
    version: "1",
    inputs: ONE,
    outputs: NONE,
    config: &[
        req("ProjectId", "Device Farm project ID"),
        req("DevicePoolArn", "ARN of the device pool to test on"),
        req("AppType", "iOS, Android or Web").one_of(&["iOS", "Android", "Web"]),
        req("App", "name and location of the app file in the input artifact"),
        req(
            "TestType",
            "e.g. APPIUM_PYTHON, BUILTIN_FUZZ, INSTRUMENTATION, XCTEST",
        ),
        // The reference lists it as required, yet says the value is ignored and its own
        // example declaration leaves it out; treating it as optional matches what runs.
        opt(
            "AppiumVersion",
            "Appium version (ignored: Device Farm uses its default)",
        ),
        opt(
            "Test",
            "location of the test definition file in the input artifact",
        ),
        opt("JobTimeoutMinutes", "stop the test run after this many minutes"),
        opt("RecordVideo", "\"true\" records a video of the run").one_of(TRUE_FALSE),
    ],
    preset: &[("AppType", "Android"), ("TestType", "BUILTIN_FUZZ")],
    topic: "device-farm",
};

/// A CodeBuild build with `BatchEnabled: true`: several builds (a build graph, list or matrix)
/// in one action; `CombineArtifacts` merges their artifacts.
pub(super) const CODEBUILD_BATCH: ProviderSpec = ProviderSpec {
    key: "codebuild-batch",
    label: "AWS CodeBuild (batch build)",
    category: Category::Build,
    owner: Owner::AWS,
    provider: "CodeBuild",
    version: "1",
    inputs: Bounds::range(1, 5),
    outputs: Bounds::range(0, 5),
    config: CODEBUILD_KEYS,
    preset: &[
        ("ProjectName", "my-batch-project"),
        ("BatchEnabled", "true"),
        ("CombineArtifacts", "true"),
    ],
    topic: "codebuild",
};

/// Builds a Docker image from the source's Dockerfile and pushes it to an ECR repository
/// (V2 pipelines only; not the ECR source action).
pub(super) const ECR_BUILD_AND_PUBLISH: ProviderSpec = ProviderSpec {
    key: "ecr-build-publish",
    label: "Amazon ECR (build and publish)",
    category: Category::Build,
    owner: Owner::AWS,
    provider: "ECRBuildAndPublish",
    version: "1",
    inputs: ONE,
    outputs: NONE,
    config: &[
        req("ECRRepositoryName", "repository the image is pushed to"),
        opt(
            "DockerFilePath",
            "folder of the Dockerfile (default: the repository root)",
        ),
        opt("ImageTags", "comma-separated tags (default: latest)"),
        opt("RegistryType", "private (default) or public").one_of(&["private", "public"]),
    ],
    preset: &[("ECRRepositoryName", "my-image")],
    topic: "ecr",
};
