//! The palette's provider table, assembled in palette order from one file per category.

mod approval_invoke;
mod build_test;
mod deploy;
mod keys;
mod source;

pub use keys::CLOUDFORMATION_ACTION_MODES;

use super::ProviderSpec;

/// Every provider in the palette, in palette order (by category).
pub const PROVIDERS: &[ProviderSpec] = &[
    // Source
    source::CODECOMMIT,
    source::S3_SOURCE,
    source::ECR,
    source::GITHUB,
    source::BITBUCKET,
    source::GITLAB,
    // Build
    build_test::CODEBUILD,
    build_test::JENKINS,
    // Test
    build_test::CODEBUILD_TEST,
    build_test::JENKINS_TEST,
    build_test::DEVICEFARM,
    // Deploy
    deploy::CODEDEPLOY,
    deploy::CODEDEPLOY_ECS,
    deploy::CLOUDFORMATION,
    deploy::CLOUDFORMATION_STACKSET,
    deploy::ELASTICBEANSTALK,
    deploy::ECS,
    deploy::S3_DEPLOY,
    deploy::OPSWORKS,
    deploy::SERVICECATALOG,
    deploy::APPCONFIG,
    // Approval
    approval_invoke::MANUAL_APPROVAL,
    // Invoke
    approval_invoke::LAMBDA,
    approval_invoke::STEPFUNCTIONS,
    approval_invoke::COMMANDS,
];
