//! The palette's provider table, assembled in palette order from one file per category.

mod approval_invoke;
mod build_test;
mod custom;
mod deploy;
mod deploy_v2;
pub(super) mod keys;
mod source;

pub(in crate::pipeline::catalog) use custom::REGISTERED as REGISTERED_CUSTOM;
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
    build_test::CODEBUILD_BATCH,
    build_test::ECR_BUILD_AND_PUBLISH,
    build_test::JENKINS,
    // Test
    build_test::CODEBUILD_TEST,
    build_test::DEVICEFARM,
    build_test::JENKINS_TEST,
    // Deploy
    deploy::CODEDEPLOY,
    deploy::CODEDEPLOY_ECS,
    deploy::CLOUDFORMATION,
    deploy::CLOUDFORMATION_STACKSET,
    deploy::CLOUDFORMATION_STACK_INSTANCES,
    deploy::ELASTICBEANSTALK,
    deploy::ECS,
    deploy_v2::EKS,
    deploy_v2::EC2,
    deploy_v2::LAMBDA_DEPLOY,
    deploy::S3_DEPLOY,
    deploy::OPSWORKS,
    deploy::SERVICECATALOG,
    deploy::APPCONFIG,
    deploy::ALEXA_SKILLS_KIT,
    custom::CUSTOM_DEPLOY,
    // Approval
    approval_invoke::MANUAL_APPROVAL,
    // Invoke
    approval_invoke::LAMBDA,
    approval_invoke::STEPFUNCTIONS,
    approval_invoke::PIPELINE_INVOKE,
    approval_invoke::INSPECTOR_SCAN,
    // Compute
    approval_invoke::COMMANDS,
];
