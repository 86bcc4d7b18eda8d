//! The source providers: CodeCommit, S3, ECR and the three CodeConnections sources (GitHub,
//! Bitbucket, GitLab), which share one action type and differ only in their preset.

use super::keys::{CONNECTION_KEYS, NONE, ONE, OUTPUT_FORMAT, POLL, opt, req};
use crate::pipeline::catalog::ProviderSpec;
use crate::pipeline::model::{Category, Owner};

pub(super) const CODECOMMIT: ProviderSpec = ProviderSpec {
    key: "codecommit",
    label: "AWS CodeCommit",
    category: Category::Source,
    owner: Owner::AWS,
    provider: "CodeCommit",
    version: "1",
    inputs: NONE,
    outputs: ONE,
    config: &[
        req("RepositoryName", "name of the CodeCommit repository"),
        req("BranchName", "the branch whose commits start the pipeline"),
        POLL,
        OUTPUT_FORMAT,
    ],
    preset: &[
        ("RepositoryName", "my-repo"),
        ("BranchName", "main"),
        ("PollForSourceChanges", "false"),
    ],
    topic: "codecommit",
};

pub(super) const S3_SOURCE: ProviderSpec = ProviderSpec {
    key: "s3-source",
    label: "Amazon S3 (source)",
    category: Category::Source,
    owner: Owner::AWS,
    provider: "S3",
    version: "1",
    inputs: NONE,
    outputs: ONE,
    config: &[
        req("S3Bucket", "versioned bucket that receives the source bundle"),
        req("S3ObjectKey", "object key of the bundle, e.g. app.zip"),
        POLL,
    ],
    preset: &[
        ("S3Bucket", "my-source-bucket"),
        ("S3ObjectKey", "source.zip"),
        ("PollForSourceChanges", "false"),
    ],
    topic: "s3",
};

pub(super) const ECR: ProviderSpec = ProviderSpec {
    key: "ecr",
    label: "Amazon ECR",
    category: Category::Source,
    owner: Owner::AWS,
    provider: "ECR",
    version: "1",
    inputs: NONE,
    outputs: ONE,
    config: &[
        req("RepositoryName", "name of the ECR repository"),
        opt("ImageTag", "tag to watch (default: latest)"),
    ],
    preset: &[("RepositoryName", "my-image"), ("ImageTag", "latest")],
    topic: "ecr",
};

pub(super) const GITHUB: ProviderSpec = ProviderSpec {
    key: "github",
    label: "GitHub (via connection)",
    category: Category::Source,
    owner: Owner::AWS,
    provider: "CodeStarSourceConnection",
    version: "1",
    inputs: NONE,
    outputs: ONE,
    config: CONNECTION_KEYS,
    preset: &[
        (
            "ConnectionArn",
            "arn:aws:codeconnections:us-east-1:111122223333:connection/github-example",
        ),
        ("FullRepositoryId", "my-github-org/my-app"),
        ("BranchName", "main"),
    ],
    topic: "codestar-connections",
};

pub(super) const BITBUCKET: ProviderSpec = ProviderSpec {
    key: "bitbucket",
    label: "Bitbucket Cloud (via connection)",
    category: Category::Source,
    owner: Owner::AWS,
    provider: "CodeStarSourceConnection",
    version: "1",
    inputs: NONE,
    outputs: ONE,
    config: CONNECTION_KEYS,
    preset: &[
        (
            "ConnectionArn",
            "arn:aws:codeconnections:us-east-1:111122223333:connection/bitbucket-example",
        ),
        ("FullRepositoryId", "my-bitbucket-workspace/my-app"),
        ("BranchName", "main"),
    ],
    topic: "codestar-connections",
};

pub(super) const GITLAB: ProviderSpec = ProviderSpec {
    key: "gitlab",
    label: "GitLab (via connection)",
    category: Category::Source,
    owner: Owner::AWS,
    provider: "CodeStarSourceConnection",
    version: "1",
    inputs: NONE,
    outputs: ONE,
    config: CONNECTION_KEYS,
    preset: &[
        (
            "ConnectionArn",
            "arn:aws:codeconnections:us-east-1:111122223333:connection/gitlab-example",
        ),
        ("FullRepositoryId", "my-gitlab-group/my-app"),
        ("BranchName", "main"),
    ],
    topic: "codestar-connections",
};
