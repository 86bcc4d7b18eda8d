//! The deploy providers that run on CodePipeline-managed compute and only in V2 pipelines:
//! Amazon EC2 (instances or SSM-managed nodes), Amazon EKS (kubectl or Helm) and AWS Lambda
//! (a new function version behind an alias, with traffic shifting).

use super::keys::{NONE, ONE, opt, req};
use crate::pipeline::catalog::{Bounds, ProviderSpec};
use crate::pipeline::model::{Category, Owner};

/// The EC2 deploy action: scripts or a deploy spec run through the SSM agent on tagged
/// instances, at most `MaxBatch` at once.
pub(super) const EC2: ProviderSpec = ProviderSpec {
    key: "ec2",
    label: "Amazon EC2",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "EC2",
    version: "1",
    inputs: ONE,
    outputs: NONE,
    config: &[
        req("InstanceTagKey", "tag key of the target instances, e.g. Name"),
        opt(
            "InstanceTagValue",
            "tag value of the target instances (default: every instance with the key)",
        ),
        req(
            "InstanceType",
            "EC2 instances or SSM-managed nodes (the SSM agent must run on them)",
        )
        .one_of(&["EC2", "SSM_MANAGED_NODE"]),
        opt(
            "TargetDirectory",
            "directory on the instance the scripts run in (needed with scripts)",
        ),
        opt(
            "DeploySpec",
            "deploy spec file in the input artifact, instead of the script keys",
        ),
        opt("MaxBatch", "most instances deployed to at once"),
        opt("MaxError", "most instance failures allowed"),
        opt(
            "TargetGroupNameList",
            "target groups to take each instance out of while it deploys",
        ),
        opt("PreScript", "script run before the deploy phase"),
        opt("PostScript", "script run after the deploy phase"),
    ],
    preset: &[
        ("InstanceTagKey", "Name"),
        ("InstanceTagValue", "my-instances"),
        ("InstanceType", "EC2"),
        ("TargetDirectory", "/home/ec2-user/deploy"),
        ("PostScript", "scripts/start.sh"),
    ],
    topic: "codepipeline",
};

/// The EKS deploy action: a Kubernetes manifest (kubectl) or a Helm chart from the input
/// artifact, applied to the cluster.
pub(super) const EKS: ProviderSpec = ProviderSpec {
    key: "eks",
    label: "Amazon EKS",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "EKS",
    version: "1",
    inputs: ONE,
    outputs: NONE,
    config: &[
        req("ClusterName", "the EKS cluster to deploy to"),
        opt(
            "ManifestFiles",
            "Kubernetes manifest file in the input artifact (kubectl deployments)",
        ),
        opt("HelmReleaseName", "release name (Helm deployments)"),
        opt(
            "HelmChartLocation",
            "chart location in the input artifact (Helm deployments)",
        ),
        opt(
            "HelmValuesFiles",
            "comma-separated values files in the chart location (Helm)",
        ),
        opt("Namespace", "Kubernetes namespace for kubectl or helm"),
        opt("Subnets", "subnets of the cluster's VPC, for a private cluster"),
        opt(
            "SecurityGroupIds",
            "security groups of the cluster's VPC, for a private cluster",
        ),
    ],
    preset: &[
        ("ClusterName", "my-eks-cluster"),
        ("ManifestFiles", "manifest.yaml"),
    ],
    topic: "eks",
};

/// The Lambda deploy action: publishes a function version and moves an alias to it, all at
/// once or by a canary or linear strategy, watching alarms.
pub(super) const LAMBDA_DEPLOY: ProviderSpec = ProviderSpec {
    key: "lambda-deploy",
    label: "AWS Lambda (deploy)",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "Lambda",
    version: "1",
    // The reference gives one input artifact, and `PublishedTargetVersion` for deploying
    // without one: none or one.
    inputs: Bounds::range(0, 1),
    outputs: NONE,
    config: &[
        req("FunctionName", "the function to deploy"),
        opt(
            "FunctionAlias",
            "alias to move to the new version (without it: $LATEST and a new version)",
        ),
        opt(
            "PublishedTargetVersion",
            "published version to deploy when there is no input artifact",
        ),
        opt(
            "DeployStrategy",
            "AllAtOnce (default), e.g. Canary10Percent5Minutes or Linear10PercentEvery1Minute",
        ),
        opt(
            "Alarms",
            "comma-separated CloudWatch alarms (at most 10) that fail the deployment",
        ),
    ],
    preset: &[
        ("FunctionName", "my-function"),
        ("FunctionAlias", "live"),
        ("DeployStrategy", "Canary10Percent5Minutes"),
    ],
    topic: "lambda",
};
