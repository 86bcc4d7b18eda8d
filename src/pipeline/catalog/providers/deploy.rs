//! The deploy providers: CodeDeploy (EC2 and ECS blue/green), CloudFormation with its stack
//! sets and stack instances, Elastic Beanstalk, ECS, S3, OpsWorks, Service Catalog, AppConfig
//! and the Alexa Skills Kit. The V2-only ones are in `deploy_v2`.

use super::keys::{CLOUDFORMATION_KEYS, NONE, ONE, STACKSET_KEYS, TRUE_FALSE, opt, req, when};
use crate::pipeline::catalog::{Bounds, ProviderSpec};
use crate::pipeline::model::{Category, Owner};

pub(super) const CODEDEPLOY: ProviderSpec = ProviderSpec {
    key: "codedeploy",
    label: "AWS CodeDeploy",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "CodeDeploy",
    version: "1",
    inputs: ONE,
    outputs: NONE,
    config: &[
        req("ApplicationName", "CodeDeploy application"),
        req(
            "DeploymentGroupName",
            "deployment group (targets, config, rollback)",
        ),
    ],
    preset: &[
        ("ApplicationName", "my-app"),
        ("DeploymentGroupName", "my-deployment-group"),
    ],
    topic: "codedeploy",
};

pub(super) const CODEDEPLOY_ECS: ProviderSpec = ProviderSpec {
    key: "codedeploy-ecs",
    label: "Amazon ECS blue/green (CodeDeploy)",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "CodeDeployToECS",
    version: "1",
    inputs: Bounds::range(1, 5),
    outputs: NONE,
    config: &[
        req("ApplicationName", "CodeDeploy application for the ECS service"),
        req(
            "DeploymentGroupName",
            "ECS deployment group (listeners, target groups)",
        ),
        req(
            "TaskDefinitionTemplateArtifact",
            "input artifact holding taskdef.json",
        ),
        req("AppSpecTemplateArtifact", "input artifact holding appspec.yaml"),
        opt(
            "TaskDefinitionTemplatePath",
            "task definition file (default taskdef.json)",
        ),
        opt("AppSpecTemplatePath", "AppSpec file (default appspec.yaml)"),
        opt(
            "Image1ArtifactName",
            "input artifact with imageDetail.json (e.g. the ECR source output)",
        ),
        opt(
            "Image1ContainerName",
            "placeholder in taskdef.json replaced by the image URI, e.g. IMAGE1_NAME",
        ),
    ],
    preset: &[
        ("ApplicationName", "my-ecs-app"),
        ("DeploymentGroupName", "my-ecs-deployment-group"),
        ("TaskDefinitionTemplateArtifact", "SourceArtifact"),
        ("AppSpecTemplateArtifact", "SourceArtifact"),
    ],
    topic: "codedeploy",
};

pub(super) const CLOUDFORMATION: ProviderSpec = ProviderSpec {
    key: "cloudformation",
    label: "AWS CloudFormation",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "CloudFormation",
    version: "1",
    inputs: Bounds::range(0, 10),
    outputs: Bounds::range(0, 1),
    config: CLOUDFORMATION_KEYS,
    preset: &[
        ("ActionMode", "CREATE_UPDATE"),
        ("StackName", "my-stack"),
        ("TemplatePath", "SourceArtifact::template.yaml"),
        (
            "RoleArn",
            "arn:aws:iam::111122223333:role/CloudFormationDeployRole",
        ),
    ],
    topic: "cloudformation",
};

pub(super) const CLOUDFORMATION_STACKSET: ProviderSpec = ProviderSpec {
    key: "cloudformation-stackset",
    label: "AWS CloudFormation StackSets",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "CloudFormationStackSet",
    version: "1",
    inputs: Bounds::range(1, 3),
    outputs: NONE,
    config: STACKSET_KEYS,
    preset: &[
        ("StackSetName", "my-stack-set"),
        ("TemplatePath", "SourceArtifact::template.yaml"),
    ],
    topic: "cfn-stacksets",
};

pub(super) const ELASTICBEANSTALK: ProviderSpec = ProviderSpec {
    key: "elasticbeanstalk",
    label: "AWS Elastic Beanstalk",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "ElasticBeanstalk",
    version: "1",
    inputs: ONE,
    outputs: NONE,
    config: &[
        req("ApplicationName", "Elastic Beanstalk application"),
        req("EnvironmentName", "environment to deploy the new version to"),
    ],
    preset: &[("ApplicationName", "my-app"), ("EnvironmentName", "my-app-env")],
    topic: "elastic-beanstalk",
};

pub(super) const ECS: ProviderSpec = ProviderSpec {
    key: "ecs",
    label: "Amazon ECS (rolling)",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "ECS",
    version: "1",
    inputs: ONE,
    outputs: NONE,
    config: &[
        req("ClusterName", "ECS cluster"),
        req("ServiceName", "ECS service to update"),
        opt(
            "FileName",
            "image definitions file in the input artifact (default imagedefinitions.json)",
        ),
        opt(
            "DeploymentTimeout",
            "minutes to wait for the deployment (1 to 60)",
        ),
    ],
    preset: &[
        ("ClusterName", "my-cluster"),
        ("ServiceName", "my-service"),
        ("FileName", "imagedefinitions.json"),
    ],
    topic: "ecs",
};

pub(super) const S3_DEPLOY: ProviderSpec = ProviderSpec {
    key: "s3-deploy",
    label: "Amazon S3 (deploy)",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "S3",
    version: "1",
    inputs: ONE,
    outputs: NONE,
    config: &[
        req("BucketName", "bucket to deploy into"),
        req("Extract", "\"true\" unzips the artifact into the bucket").one_of(TRUE_FALSE),
        when(
            "ObjectKey",
            "Extract",
            &["false"],
            "object key for the zipped artifact when Extract is false",
        ),
        opt(
            "KMSEncryptionKeyARN",
            "customer managed key for the deployed objects",
        ),
        opt("CannedACL", "canned ACL for the deployed objects").one_of(&[
            "private",
            "public-read",
            "public-read-write",
            "authenticated-read",
            "aws-exec-read",
            "bucket-owner-read",
            "bucket-owner-full-control",
        ]),
        opt("CacheControl", "Cache-Control header for the deployed objects"),
    ],
    preset: &[("BucketName", "my-website-bucket"), ("Extract", "true")],
    topic: "s3",
};

pub(super) const OPSWORKS: ProviderSpec = ProviderSpec {
    key: "opsworks",
    label: "AWS OpsWorks Stacks",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "OpsWorks",
    version: "1",
    inputs: ONE,
    outputs: NONE,
    config: &[
        req("Stack", "OpsWorks stack (ID)"),
        req("App", "OpsWorks app (ID) to deploy"),
        opt("Layer", "layer to limit the deployment to"),
    ],
    preset: &[],
    topic: "opsworks",
};

pub(super) const SERVICECATALOG: ProviderSpec = ProviderSpec {
    key: "servicecatalog",
    label: "AWS Service Catalog",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "ServiceCatalog",
    version: "1",
    inputs: ONE,
    outputs: NONE,
    config: &[
        req("ProductId", "Service Catalog product that receives a new version"),
        opt(
            "ConfigurationFilePath",
            "configuration file in the input artifact (instead of the keys below)",
        ),
        opt(
            "TemplateFilePath",
            "CloudFormation template in the input artifact",
        ),
        opt("ProductVersionName", "name of the new product version"),
        opt("ProductType", "CLOUD_FORMATION_TEMPLATE").one_of(&["CLOUD_FORMATION_TEMPLATE"]),
        opt(
            "ProductVersionDescription",
            "description of the new product version",
        ),
    ],
    preset: &[
        ("ProductId", "prod-example123456"),
        ("TemplateFilePath", "template.json"),
        ("ProductType", "CLOUD_FORMATION_TEMPLATE"),
    ],
    topic: "service-catalog",
};

pub(super) const APPCONFIG: ProviderSpec = ProviderSpec {
    key: "appconfig",
    label: "AWS AppConfig",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "AppConfig",
    version: "1",
    inputs: ONE,
    outputs: NONE,
    config: &[
        req("Application", "AppConfig application ID"),
        req("Environment", "AppConfig environment ID"),
        req("ConfigurationProfile", "configuration profile ID"),
        req(
            "InputArtifactConfigurationPath",
            "path of the configuration data in the input artifact",
        ),
        opt(
            "DeploymentStrategy",
            "deployment strategy ID, e.g. AppConfig.Linear50PercentEvery30Seconds",
        ),
    ],
    preset: &[],
    topic: "appconfig",
};

/// Creates or updates the stack instances of an existing stack set (after a
/// `CloudFormationStackSet` action), in the accounts or OUs and Regions given.
pub(super) const CLOUDFORMATION_STACK_INSTANCES: ProviderSpec = ProviderSpec {
    key: "cloudformation-stack-instances",
    label: "AWS CloudFormation stack instances",
    category: Category::Deploy,
    owner: Owner::AWS,
    provider: "CloudFormationStackInstances",
    version: "1",
    inputs: Bounds::range(0, 2),
    outputs: NONE,
    config: &[
        req(
            "StackSetName",
            "the stack set whose instances to create or update",
        ),
        req("Regions", "comma-separated Regions, deployed in the order given"),
        opt(
            "DeploymentTargets",
            "account IDs or OU IDs, or InputArtifactName::file listing them",
        ),
        opt(
            "ParameterOverrides",
            "parameters to override, or InputArtifactName::file",
        ),
        opt(
            "FailureTolerancePercentage",
            "share of accounts per Region that may fail before the operation stops",
        ),
        opt("MaxConcurrentPercentage", "share of accounts deployed to at once"),
    ],
    preset: &[
        ("StackSetName", "my-stack-set"),
        ("Regions", "us-east-1,us-west-2"),
        ("DeploymentTargets", "111122223333"),
    ],
    topic: "cfn-stacksets",
};

/// Deploys an Alexa skill (a third-party action owned by the Alexa Skills Kit).
pub(super) const ALEXA_SKILLS_KIT: ProviderSpec = ProviderSpec {
    key: "alexa-skills-kit",
    label: "Alexa Skills Kit",
    category: Category::Deploy,
    owner: Owner::ThirdParty,
    provider: "AlexaSkillsKit",
    version: "1",
    inputs: Bounds::range(1, 2),
    outputs: NONE,
    config: &[
        req("ClientId", "client ID of the developer console token"),
        req("ClientSecret", "client secret of the developer console token"),
        req("RefreshToken", "refresh token of the developer console token"),
        req("SkillId", "the skill's ID, amzn1.ask.skill.…"),
    ],
    preset: &[],
    topic: "codepipeline",
};
