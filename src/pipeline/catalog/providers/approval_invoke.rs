//! The approval, invoke and compute providers: manual approval, Lambda, Step Functions, the
//! CodePipeline invoke action, Amazon Inspector scans, and the Commands action.

use super::keys::{NONE, ONE, opt, req, when};
use crate::pipeline::catalog::{Bounds, ProviderSpec};
use crate::pipeline::model::{Category, Owner};

pub(super) const MANUAL_APPROVAL: ProviderSpec = ProviderSpec {
    key: "manual-approval",
    label: "Manual approval",
    category: Category::Approval,
    owner: Owner::AWS,
    provider: "Manual",
    version: "1",
    inputs: NONE,
    outputs: NONE,
    config: &[
        opt("NotificationArn", "SNS topic that tells approvers"),
        opt("ExternalEntityLink", "URL for approvers to review"),
        opt("CustomData", "comment shown to approvers"),
    ],
    preset: &[],
    topic: "codepipeline",
};

pub(super) const LAMBDA: ProviderSpec = ProviderSpec {
    key: "lambda",
    label: "AWS Lambda",
    category: Category::Invoke,
    owner: Owner::AWS,
    provider: "Lambda",
    version: "1",
    inputs: Bounds::range(0, 5),
    outputs: Bounds::range(0, 5),
    config: &[
        req(
            "FunctionName",
            "function that must call PutJobSuccessResult or PutJobFailureResult",
        ),
        opt("UserParameters", "string passed to the function in the job data"),
    ],
    preset: &[("FunctionName", "my-function")],
    topic: "lambda",
};

pub(super) const STEPFUNCTIONS: ProviderSpec = ProviderSpec {
    key: "stepfunctions",
    label: "AWS Step Functions",
    category: Category::Invoke,
    owner: Owner::AWS,
    provider: "StepFunctions",
    version: "1",
    inputs: Bounds::range(0, 1),
    outputs: Bounds::range(0, 1),
    config: &[
        req("StateMachineArn", "state machine to start"),
        opt(
            "ExecutionNamePrefix",
            "prefix for the execution name (default: the action execution ID)",
        ),
        opt("InputType", "Literal (default) or FilePath").one_of(&["Literal", "FilePath"]),
        when(
            "Input",
            "InputType",
            &["FilePath"],
            "literal JSON input, or a file in the input artifact when InputType is FilePath",
        ),
    ],
    preset: &[(
        "StateMachineArn",
        "arn:aws:states:us-east-1:111122223333:stateMachine:my-state-machine",
    )],
    topic: "step-functions",
};

/// The Commands action: shell commands run on CodeBuild-managed compute, given in the action's
/// `commands` field (not in its configuration); the configuration picks the build environment.
pub(super) const COMMANDS: ProviderSpec = ProviderSpec {
    key: "commands",
    label: "Commands",
    category: Category::Compute,
    owner: Owner::AWS,
    provider: "Commands",
    version: "1",
    inputs: Bounds::range(1, 10),
    outputs: Bounds::range(0, 1),
    config: &[
        opt(
            "EnvironmentType",
            "operating system image (default LINUX_CONTAINER)",
        )
        .one_of(&["LINUX_CONTAINER", "WINDOWS_SERVER_2022_CONTAINER"]),
        opt("ComputeType", "build compute size (default BUILD_GENERAL1_SMALL)").one_of(&[
            "BUILD_GENERAL1_SMALL",
            "BUILD_GENERAL1_MEDIUM",
            "BUILD_GENERAL1_LARGE",
        ]),
        opt("VpcId", "VPC to run in, to reach private resources"),
        opt("Subnets", "subnets of that VPC"),
        opt("SecurityGroupIds", "security groups in that VPC"),
    ],
    preset: &[],
    topic: "codebuild",
};

/// Starts another pipeline (V2 only), passing it source revisions and variables.
pub(super) const PIPELINE_INVOKE: ProviderSpec = ProviderSpec {
    key: "pipeline-invoke",
    label: "AWS CodePipeline (start a pipeline)",
    category: Category::Invoke,
    owner: Owner::AWS,
    provider: "CodePipeline",
    version: "1",
    inputs: NONE,
    outputs: NONE,
    config: &[
        req("PipelineName", "the pipeline to start"),
        opt(
            "SourceRevisions",
            "JSON list of {actionName, revisionType, revisionValue} overrides",
        ),
        opt("Variables", "JSON list of {name, value} for the started pipeline"),
    ],
    preset: &[("PipelineName", "my-downstream-pipeline")],
    topic: "codepipeline",
};

/// Scans source code or an ECR image with Amazon Inspector and fails above the thresholds;
/// the output artifact is a software bill of materials.
pub(super) const INSPECTOR_SCAN: ProviderSpec = ProviderSpec {
    key: "inspector-scan",
    label: "Amazon Inspector scan",
    category: Category::Invoke,
    owner: Owner::AWS,
    provider: "InspectorScan",
    version: "1",
    // Source code in an input artifact, or an ECR image (then no input artifact).
    inputs: Bounds::range(0, 1),
    outputs: ONE,
    config: &[
        req("InspectorRunMode", "scan source code or an ECR image")
            .one_of(&["SourceCodeScan", "ECRImageScan"]),
        opt("ECRRepositoryName", "repository of the image (ECRImageScan)"),
        opt("ImageTag", "tag of the image (ECRImageScan)"),
        opt(
            "CriticalThreshold",
            "critical findings above which the action fails",
        ),
        opt("HighThreshold", "high findings above which the action fails"),
        opt("MediumThreshold", "medium findings above which the action fails"),
        opt("LowThreshold", "low findings above which the action fails"),
    ],
    preset: &[("InspectorRunMode", "SourceCodeScan")],
    topic: "inspector",
};
