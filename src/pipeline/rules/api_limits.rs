//! The limits `CreatePipeline` enforces, as our own data (sources in `api.rs`), and the checks
//! of a single value against them: lengths, patterns, enums.

use std::ops::RangeInclusive;

/// Stages in one pipeline (user guide, quotas).
pub const STAGES_PER_PIPELINE: RangeInclusive<usize> = 2..=50;
/// Actions in one stage (user guide, quotas).
pub const ACTIONS_PER_STAGE: RangeInclusive<usize> = 1..=50;
/// Longest role ARN (`RoleArn`, pipeline and action).
pub const ROLE_ARN_MAX_LEN: usize = 1024;
/// Length of an artifact store's bucket name (`ArtifactStoreLocation`).
pub const ARTIFACT_STORE_LOCATION_LEN: RangeInclusive<usize> = 3..=63;
/// Length of a Region name (`AWSRegionName`: action `region`, `artifactStores` keys).
pub const REGION_NAME_LEN: RangeInclusive<usize> = 4..=30;
/// Length of `actionTypeId.provider` (`ActionProvider`).
pub const PROVIDER_LEN: RangeInclusive<usize> = 1..=35;
/// Length of `actionTypeId.version` (`Version`).
pub const VERSION_LEN: RangeInclusive<usize> = 1..=9;
/// Length of a configuration key (`ActionConfigurationKey`).
pub const CONFIG_KEY_LEN: RangeInclusive<usize> = 1..=50;
/// Length of a configuration value (`ActionConfigurationValue`).
pub const CONFIG_VALUE_LEN: RangeInclusive<usize> = 1..=1000;
/// Length of an action namespace (`ActionNamespace`).
pub const NAMESPACE_LEN: RangeInclusive<usize> = 1..=100;
/// An action's `timeoutInMinutes` (`ActionTimeout`).
pub const ACTION_TIMEOUT_MINUTES: RangeInclusive<u32> = 5..=86_400;
/// `pipelineType` values (`PipelineType`).
pub const PIPELINE_TYPES: [&str; 2] = ["V1", "V2"];
/// `executionMode` values (`ExecutionMode`).
pub const EXECUTION_MODES: [&str; 3] = ["QUEUED", "SUPERSEDED", "PARALLEL"];
/// Pipeline variables and triggers in one pipeline (`PipelineVariableDeclarationList`,
/// `PipelineTriggerDeclarationList`).
pub const MAX_VARIABLES: usize = 50;
/// See [`MAX_VARIABLES`].
pub const MAX_TRIGGERS: usize = 50;
/// Length of a pipeline variable's name (`PipelineVariableName`, pattern `[A-Za-z0-9@\-_]+`).
pub const VARIABLE_NAME_LEN: RangeInclusive<usize> = 1..=128;
/// Length of a pipeline variable's default value (`PipelineVariableValue`).
pub const VARIABLE_VALUE_LEN: RangeInclusive<usize> = 1..=1000;
/// Length of a pipeline variable's description (`PipelineVariableDescription`).
pub const VARIABLE_DESCRIPTION_LEN: RangeInclusive<usize> = 0..=200;
/// Length of an artifact store's KMS key id (`EncryptionKeyId`).
pub const ENCRYPTION_KEY_ID_LEN: RangeInclusive<usize> = 1..=400;

/// Java's `\w` without Unicode classes, which the service's patterns use.
pub(super) fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Characters Java's `.` does not match.
pub(super) fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Whether `arn` matches the `RoleArn` pattern `arn:aws(-[\w]+)*:iam::[0-9]{12}:role/.*` and
/// length.
#[must_use]
pub fn is_valid_role_arn(arn: &str) -> bool {
    fn matches(arn: &str) -> Option<()> {
        let mut rest = arn.strip_prefix("arn:aws")?;
        // Partition suffixes such as `-cn` and `-us-gov`: each a `-` and one or more word
        // characters.
        while let Some(after) = rest.strip_prefix('-') {
            let word = after.find(|c: char| !is_word(c)).unwrap_or(after.len());
            if word == 0 {
                return None;
            }
            rest = &after[word..];
        }
        let rest = rest.strip_prefix(":iam::")?;
        let (account, rest) = rest.split_at_checked(12)?;
        if !account.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let path = rest.strip_prefix(":role/")?;
        (!path.chars().any(is_line_break)).then_some(())
    }
    arn.chars().count() <= ROLE_ARN_MAX_LEN && matches(arn).is_some()
}

/// Whether `bucket` is a valid artifact store location: 3 to 63 of `a-z A-Z 0-9 - .`.
#[must_use]
pub fn is_valid_store_location(bucket: &str) -> bool {
    ARTIFACT_STORE_LOCATION_LEN.contains(&bucket.chars().count())
        && bucket
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'))
}

/// Whether `text` is a valid action provider or action type version: `[0-9A-Za-z_-]+` within
/// `len`.
pub(super) fn is_type_token(text: &str, len: &RangeInclusive<usize>) -> bool {
    len.contains(&text.chars().count())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}

/// Whether `namespace` is a valid action namespace: 1 to 100 of `A-Z a-z 0-9 @ - _`.
#[must_use]
pub fn is_valid_namespace(namespace: &str) -> bool {
    NAMESPACE_LEN.contains(&namespace.chars().count())
        && namespace
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '@' | '-' | '_'))
}

pub(super) fn length_problem(what: &str, value: &str, len: &RangeInclusive<usize>) -> Option<String> {
    let n = value.chars().count();
    if len.contains(&n) {
        None
    } else if n == 0 {
        Some(format!("{what} is empty"))
    } else {
        Some(format!(
            "{what} has {n} characters; CodePipeline takes {} to {}",
            len.start(),
            len.end()
        ))
    }
}
