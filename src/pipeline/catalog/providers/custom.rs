//! Custom actions: an action type the learner registered with `CreateCustomActionType` (a job
//! worker such as the plugins for Jenkins, `CloudBees`, `TeamCity`, `BlazeMeter` or `XebiaLabs`),
//! under the provider name and version they chose. The palette offers Jenkins for builds and
//! tests and one custom deploy entry; the inspector lets the learner type any name and version,
//! and an action of a name the catalog does not list finds its category's entry here (see
//! `spec_for_action`).
//!
//! The artifact table of the user guide gives custom actions of any category 0 to 5 input and
//! 0 to 5 output artifacts; their configuration keys are the ones the learner registered.

use crate::pipeline::catalog::{Bounds, ProviderSpec};
use crate::pipeline::model::{Category, Owner};

const ANY: Bounds = Bounds::range(0, 5);

const fn custom(
    key: &'static str,
    label: &'static str,
    category: Category,
    provider: &'static str,
) -> ProviderSpec {
    ProviderSpec {
        key,
        label,
        category,
        owner: Owner::Custom,
        provider,
        version: "1",
        inputs: ANY,
        outputs: ANY,
        config: &[],
        preset: &[],
        topic: "ci-cd",
    }
}

/// The entries that stand for any custom action of a category; only the deploy one is in the
/// palette (builds and tests start from Jenkins there).
pub(in crate::pipeline::catalog) const REGISTERED: &[ProviderSpec] = &[
    CUSTOM_SOURCE,
    CUSTOM_BUILD,
    CUSTOM_TEST,
    CUSTOM_DEPLOY,
    CUSTOM_INVOKE,
    CUSTOM_APPROVAL,
];

const CUSTOM_SOURCE: ProviderSpec = custom(
    "custom-source",
    "Custom source action",
    Category::Source,
    "MySourceProvider",
);

const CUSTOM_BUILD: ProviderSpec = custom(
    "custom-build",
    "Custom build action",
    Category::Build,
    "MyBuildProvider",
);

const CUSTOM_TEST: ProviderSpec = custom(
    "custom-test",
    "Custom test action",
    Category::Test,
    "MyTestProvider",
);

pub(super) const CUSTOM_DEPLOY: ProviderSpec = custom(
    "custom-deploy",
    "Custom deploy action (XebiaLabs, …)",
    Category::Deploy,
    "MyDeployProvider",
);

const CUSTOM_INVOKE: ProviderSpec = custom(
    "custom-invoke",
    "Custom invoke action",
    Category::Invoke,
    "MyInvokeProvider",
);

const CUSTOM_APPROVAL: ProviderSpec = custom(
    "custom-approval",
    "Custom approval action",
    Category::Approval,
    "MyApprovalProvider",
);
