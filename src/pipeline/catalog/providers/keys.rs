//! The building blocks of the provider table: constructors for configuration keys, the
//! common artifact bounds, and the key lists several providers share (connection sources,
//! CodeBuild, Jenkins, CloudFormation and its stack sets).

use crate::pipeline::catalog::{Bounds, ConfigKey, Need, Values};

pub(in crate::pipeline::catalog) const fn req(name: &'static str, hint: &'static str) -> ConfigKey {
    ConfigKey {
        name,
        need: Need::Required,
        hint,
        values: Values::Any,
    }
}

pub(in crate::pipeline::catalog) const fn opt(name: &'static str, hint: &'static str) -> ConfigKey {
    ConfigKey {
        name,
        need: Need::Optional,
        hint,
        values: Values::Any,
    }
}

pub(super) const fn when(
    name: &'static str,
    key: &'static str,
    values: &'static [&'static str],
    hint: &'static str,
) -> ConfigKey {
    ConfigKey {
        name,
        need: Need::When { key, values },
        hint,
        values: Values::Any,
    }
}

/// A flag written as text.
pub(super) const TRUE_FALSE: &[&str] = &["true", "false"];

/// CloudFormation's capabilities (the CloudFormation and StackSets action references).
pub(super) const CAPABILITIES: &[&str] =
    &["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"];

pub(super) const NONE: Bounds = Bounds::exactly(0);
pub(super) const ONE: Bounds = Bounds::exactly(1);

pub(super) const POLL: ConfigKey = opt(
    "PollForSourceChanges",
    "\"true\" or \"false\"; set \"false\" when an EventBridge rule starts the pipeline",
)
.one_of(TRUE_FALSE);
pub(super) const OUTPUT_FORMAT: ConfigKey = opt(
    "OutputArtifactFormat",
    "CODE_ZIP (default) or CODEBUILD_CLONE_REF (a git clone, for CodeBuild only)",
)
.one_of(&["CODE_ZIP", "CODEBUILD_CLONE_REF"]);

pub(super) const CONNECTION_KEYS: &[ConfigKey] = &[
    req(
        "ConnectionArn",
        "ARN of the CodeConnections (CodeStar) connection, authorised in the console",
    ),
    req("FullRepositoryId", "owner/repository, e.g. my-org/my-app"),
    req("BranchName", "the branch whose commits start the pipeline"),
    OUTPUT_FORMAT,
    opt(
        "DetectChanges",
        "\"true\" (default) starts the pipeline on each new commit",
    )
    .one_of(TRUE_FALSE),
];

pub(super) const CODEBUILD_KEYS: &[ConfigKey] = &[
    req("ProjectName", "name of an existing CodeBuild project"),
    ConfigKey {
        name: "PrimarySource",
        need: Need::WithSeveralInputs,
        hint: "input artifact whose buildspec runs, when there are several inputs",
        values: Values::Any,
    },
    opt(
        "BatchEnabled",
        "\"true\" runs a batch build (build graph, list or matrix)",
    )
    .one_of(TRUE_FALSE),
    opt(
        "CombineArtifacts",
        "\"true\" merges the artifacts of a batch build into one",
    )
    .one_of(TRUE_FALSE),
    opt(
        "EnvironmentVariables",
        "JSON list of {name, value, type} (PLAINTEXT, PARAMETER_STORE or SECRETS_MANAGER)",
    ),
];

pub(super) const JENKINS_KEYS: &[ConfigKey] = &[req(
    "ProjectName",
    "the Jenkins project (job) the custom action runs",
)];

const CFN_ROLE_MODES: &[&str] = &[
    "CREATE_UPDATE",
    "REPLACE_ON_FAILURE",
    "DELETE_ONLY",
    "CHANGE_SET_REPLACE",
];
const CFN_TEMPLATE_MODES: &[&str] = &["CREATE_UPDATE", "REPLACE_ON_FAILURE", "CHANGE_SET_REPLACE"];
const CFN_CHANGE_SET_MODES: &[&str] = &["CHANGE_SET_REPLACE", "CHANGE_SET_EXECUTE"];

/// The action modes of the CloudFormation deploy action.
pub const CLOUDFORMATION_ACTION_MODES: [&str; 5] = [
    "CREATE_UPDATE",
    "DELETE_ONLY",
    "REPLACE_ON_FAILURE",
    "CHANGE_SET_REPLACE",
    "CHANGE_SET_EXECUTE",
];

pub(super) const CLOUDFORMATION_KEYS: &[ConfigKey] = &[
    req(
        "ActionMode",
        "CREATE_UPDATE, DELETE_ONLY, REPLACE_ON_FAILURE, CHANGE_SET_REPLACE or CHANGE_SET_EXECUTE",
    )
    .one_of(&CLOUDFORMATION_ACTION_MODES),
    req("StackName", "the stack to create, update, delete or change"),
    when(
        "ChangeSetName",
        "ActionMode",
        CFN_CHANGE_SET_MODES,
        "change set to create (CHANGE_SET_REPLACE) or execute (CHANGE_SET_EXECUTE)",
    ),
    when(
        "TemplatePath",
        "ActionMode",
        CFN_TEMPLATE_MODES,
        "InputArtifactName::path/to/template.yaml",
    ),
    opt(
        "Capabilities",
        "CAPABILITY_IAM, CAPABILITY_NAMED_IAM, CAPABILITY_AUTO_EXPAND (comma-separated); needed for IAM resources or macros",
    )
    .several_of(CAPABILITIES),
    when(
        "RoleArn",
        "ActionMode",
        CFN_ROLE_MODES,
        "service role CloudFormation assumes to change the stack",
    ),
    opt(
        "ParameterOverrides",
        "JSON object of parameter values, may use Fn::GetParam",
    ),
    opt(
        "TemplateConfiguration",
        "InputArtifactName::config.json with parameters, tags and stack policy",
    ),
    opt(
        "OutputFileName",
        "file in the output artifact that receives the stack outputs",
    ),
];

pub(super) const STACKSET_KEYS: &[ConfigKey] = &[
    req(
        "StackSetName",
        "name of the stack set (letters, digits and hyphens)",
    ),
    req("TemplatePath", "InputArtifactName::path/to/template.yaml"),
    opt("Description", "what the stack set is for"),
    opt(
        "Parameters",
        "template parameters as a list or InputArtifactName::file.json",
    ),
    opt(
        "Capabilities",
        "CAPABILITY_IAM, CAPABILITY_NAMED_IAM or CAPABILITY_AUTO_EXPAND",
    )
    .several_of(CAPABILITIES),
    opt(
        "PermissionModel",
        "SELF_MANAGED (default) or SERVICE_MANAGED (Organizations)",
    )
    .one_of(&["SELF_MANAGED", "SERVICE_MANAGED"]),
    opt(
        "AdministrationRoleArn",
        "administrator role for SELF_MANAGED stack sets",
    ),
    opt(
        "ExecutionRoleName",
        "role in each target account for SELF_MANAGED stack sets",
    ),
    opt(
        "OrganizationsAutoDeployment",
        "Enabled, Disabled or EnabledWithStackRetention (SERVICE_MANAGED only)",
    )
    .one_of(&["Enabled", "Disabled", "EnabledWithStackRetention"]),
    opt(
        "DeploymentTargets",
        "account IDs (SELF_MANAGED) or OU IDs (SERVICE_MANAGED)",
    ),
    opt("Regions", "Regions to deploy stack instances to"),
    opt(
        "FailureTolerancePercentage",
        "share of accounts per Region that may fail before the operation stops",
    ),
    opt("MaxConcurrentPercentage", "share of accounts deployed to at once"),
];
