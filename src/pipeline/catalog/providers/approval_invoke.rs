//! The approval and invoke providers: manual approval, Lambda and Step Functions.

use super::keys::{NONE, opt, req, when};
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
        opt("InputType", "Literal (default) or FilePath"),
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
/// `commands` field (not in its configuration).
pub(super) const COMMANDS: ProviderSpec = ProviderSpec {
    key: "commands",
    label: "Commands",
    category: Category::Compute,
    owner: Owner::AWS,
    provider: "Commands",
    version: "1",
    inputs: Bounds::range(1, 10),
    outputs: Bounds::range(0, 1),
    config: &[],
    preset: &[],
    topic: "codebuild",
};
