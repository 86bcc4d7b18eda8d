//! The build and test providers: CodeBuild and Jenkins in both categories, and Device Farm.

use super::keys::{CODEBUILD_KEYS, JENKINS_KEYS, NONE, ONE, opt, req};
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
    label: "Jenkins (custom action)",
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
    label: "Jenkins (custom test action)",
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
        req("AppType", "iOS, Android or Web"),
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
        opt("RecordVideo", "\"true\" records a video of the run"),
    ],
    preset: &[("AppType", "Android"), ("TestType", "BUILTIN_FUZZ")],
    topic: "device-farm",
};
