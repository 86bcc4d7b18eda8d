//! [`ArnPattern`]: what a challenge expects of an ARN a brief names, such as the SNS topic an
//! approval notifies or the role a cross-account action assumes. A value must have the shape
//! of its kind (`arn:aws:sns:<Region>:<12-digit account>:<topic name>`), and the Region,
//! account and name the brief states.
//!
//! The shapes follow the AWS documentation of each resource type: SNS topic names are 1 to 256
//! ASCII letters, digits, `_` and `-` (a FIFO topic ends in `.fifo`); IAM role names are 1 to 64
//! of letters, digits and `+=,.@_-` after an optional path; a state machine ARN may end in a
//! version or alias qualifier; connections live under `codeconnections` or, for those made
//! before the rename, `codestar-connections`.

use serde::{Deserialize, Serialize};

/// The kinds of ARN a challenge can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArnKind {
    /// `arn:aws:sns:<Region>:<account>:<topic name>`.
    SnsTopic,
    /// `arn:aws:iam::<account>:role/<optional path/><role name>`.
    IamRole,
    /// `arn:aws:states:<Region>:<account>:stateMachine:<name>[:<version or alias>]`.
    StateMachine,
    /// `arn:aws:codeconnections:<Region>:<account>:connection/<connection id>`.
    Connection,
}

impl ArnKind {
    /// The kind in words, e.g. `an SNS topic ARN`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::SnsTopic => "an SNS topic ARN",
            Self::IamRole => "an IAM role ARN",
            Self::StateMachine => "a Step Functions state machine ARN",
            Self::Connection => "a CodeConnections connection ARN",
        }
    }

    /// The shape of this kind of ARN, for hints.
    #[must_use]
    pub fn shape(self) -> &'static str {
        match self {
            Self::SnsTopic => "arn:aws:sns:<Region>:<12-digit account>:<topic name>",
            Self::IamRole => "arn:aws:iam::<12-digit account>:role/<role name>",
            Self::StateMachine => "arn:aws:states:<Region>:<12-digit account>:stateMachine:<name>",
            Self::Connection => "arn:aws:codeconnections:<Region>:<12-digit account>:connection/<id>",
        }
    }

    /// The word for the resource's name in details (`topic`, `role`…).
    fn name_word(self) -> &'static str {
        match self {
            Self::SnsTopic => "topic",
            Self::IamRole => "role",
            Self::StateMachine => "state machine",
            Self::Connection => "connection",
        }
    }
}

/// An ARN of one kind, with the parts the brief states. Unset parts may be anything valid.
///
/// In RON: `(kind: SnsTopic, region: Some("us-east-1"), account: Some("111122223333"),
/// name: Some("release-managers"))`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArnPattern {
    pub kind: ArnKind,
    /// The Region in the ARN (IAM role ARNs have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The 12-digit account ID in the ARN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The resource's name: topic, role (without its path), state machine, or connection ID.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The parts of an ARN that has the shape of its kind.
struct ArnParts<'a> {
    region: &'a str,
    account: &'a str,
    name: &'a str,
}

impl ArnPattern {
    /// Checks `value`; on a mismatch, says what is wrong, e.g. `"not-an-arn" is not an SNS
    /// topic ARN (arn:aws:sns:<Region>:<12-digit account>:<topic name>)`.
    ///
    /// # Errors
    /// The reason the value does not match, for people.
    pub fn check(&self, value: &str) -> Result<(), String> {
        let parts = parse(self.kind, value)
            .ok_or_else(|| format!("{value:?} is not {} ({})", self.kind.label(), self.kind.shape()))?;
        if let Some(region) = &self.region
            && parts.region != region
        {
            return Err(format!("{value:?} is in Region {:?}, not {region}", parts.region));
        }
        if let Some(account) = &self.account
            && parts.account != account
        {
            return Err(format!(
                "{value:?} is in account {}, not {account}",
                parts.account
            ));
        }
        if let Some(name) = &self.name
            && parts.name != name
        {
            return Err(format!(
                "{value:?} names {} {:?}, not {name:?}",
                self.kind.name_word(),
                parts.name
            ));
        }
        Ok(())
    }

    /// The pattern in words, e.g. `an SNS topic ARN (in us-east-1, account 111122223333, topic
    /// "release-managers")`.
    #[must_use]
    pub fn describe(&self) -> String {
        let mut text = self.kind.label().to_owned();
        let mut parts = Vec::new();
        if let Some(region) = &self.region {
            parts.push(format!("in {region}"));
        }
        if let Some(account) = &self.account {
            parts.push(format!("account {account}"));
        }
        if let Some(name) = &self.name {
            parts.push(format!("{} {name:?}", self.kind.name_word()));
        }
        if !parts.is_empty() {
            text.push_str(&format!(" ({})", parts.join(", ")));
        }
        text
    }
}

/// Splits `value` if it has the shape of `kind`.
fn parse(kind: ArnKind, value: &str) -> Option<ArnParts<'_>> {
    let mut fields = value.splitn(6, ':');
    let (prefix, partition, service, region, account, resource) = (
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
        fields.next()?,
    );
    if prefix != "arn" || !is_partition(partition) || !is_account(account) {
        return None;
    }
    let name = match kind {
        ArnKind::SnsTopic => {
            (service == "sns" && is_region(region) && is_topic_name(resource)).then_some(resource)?
        }
        ArnKind::IamRole => {
            let path_and_name = resource.strip_prefix("role/")?;
            let name = path_and_name.rsplit('/').next()?;
            (service == "iam" && region.is_empty() && is_role_name(name)).then_some(name)?
        }
        ArnKind::StateMachine => {
            let rest = resource.strip_prefix("stateMachine:")?;
            let name = rest.split(':').next()?;
            (service == "states" && is_region(region) && is_state_machine_name(name)).then_some(name)?
        }
        ArnKind::Connection => {
            let id = resource.strip_prefix("connection/")?;
            let known = service == "codeconnections" || service == "codestar-connections";
            let id_ok = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
            (known && is_region(region) && id_ok).then_some(id)?
        }
    };
    Some(ArnParts {
        region,
        account,
        name,
    })
}

/// `aws`, `aws-cn`, `aws-us-gov`, …
fn is_partition(partition: &str) -> bool {
    partition == "aws"
        || partition.strip_prefix("aws-").is_some_and(|rest| {
            rest.split('-')
                .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
        })
}

/// Twelve digits.
fn is_account(account: &str) -> bool {
    account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit())
}

/// A Region code such as `us-east-1` or `us-gov-west-1`: lowercase words joined by `-`, the
/// last one a number.
fn is_region(region: &str) -> bool {
    let words: Vec<&str> = region.split('-').collect();
    words.len() >= 3
        && words
            .last()
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        && words[..words.len() - 1]
            .iter()
            .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
}

fn is_topic_name(name: &str) -> bool {
    let base = name.strip_suffix(".fifo").unwrap_or(name);
    (1..=256).contains(&name.len())
        && !base.is_empty()
        && base
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn is_role_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-".contains(c))
}

/// 1 to 80 characters, none of them blank, a bracket, a wildcard or one of the special
/// characters Step Functions refuses.
fn is_state_machine_name(name: &str) -> bool {
    (1..=80).contains(&name.chars().count())
        && !name
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(kind: ArnKind) -> ArnPattern {
        ArnPattern {
            kind,
            region: None,
            account: None,
            name: None,
        }
    }

    #[test]
    fn an_sns_topic_arn_has_region_account_and_topic() {
        let topic = pattern(ArnKind::SnsTopic);
        assert_eq!(
            topic.check("arn:aws:sns:us-east-1:111122223333:release-managers"),
            Ok(())
        );
        assert_eq!(
            topic.check("arn:aws:sns:us-east-1:111122223333:orders.fifo"),
            Ok(())
        );
        assert_eq!(topic.check("arn:aws-cn:sns:cn-north-1:111122223333:t"), Ok(()));
        for bad in [
            "not-an-arn",
            "arn:aws:sns:us-east-1:1111:release-managers",
            "arn:aws:sns::111122223333:release-managers",
            "arn:aws:sqs:us-east-1:111122223333:release-managers",
            "arn:aws:sns:us-east-1:111122223333:release managers",
            "arn:aws:sns:us-east-1:111122223333:",
            "arn:aws:sns:US-EAST-1:111122223333:t",
        ] {
            let err = topic.check(bad).unwrap_err();
            assert!(err.contains("is not an SNS topic ARN"), "{bad}: {err}");
        }
    }

    #[test]
    fn stated_parts_must_agree() {
        let topic = ArnPattern {
            kind: ArnKind::SnsTopic,
            region: Some("us-east-1".into()),
            account: Some("111122223333".into()),
            name: Some("release-managers".into()),
        };
        assert_eq!(
            topic.check("arn:aws:sns:us-east-1:111122223333:release-managers"),
            Ok(())
        );
        let err = topic
            .check("arn:aws:sns:us-west-2:111122223333:release-managers")
            .unwrap_err();
        assert!(err.contains("Region \"us-west-2\", not us-east-1"), "{err}");
        let err = topic
            .check("arn:aws:sns:us-east-1:222233334444:release-managers")
            .unwrap_err();
        assert!(err.contains("account 222233334444, not 111122223333"), "{err}");
        let err = topic
            .check("arn:aws:sns:us-east-1:111122223333:devs")
            .unwrap_err();
        assert!(
            err.contains("names topic \"devs\", not \"release-managers\""),
            "{err}"
        );
        assert!(topic.describe().contains("topic \"release-managers\""));
    }

    #[test]
    fn an_iam_role_arn_has_no_region_and_may_have_a_path() {
        let role = ArnPattern {
            account: Some("222233334444".into()),
            name: Some("CloudFormationDeployRole".into()),
            ..pattern(ArnKind::IamRole)
        };
        assert_eq!(
            role.check("arn:aws:iam::222233334444:role/CloudFormationDeployRole"),
            Ok(())
        );
        assert_eq!(
            role.check("arn:aws:iam::222233334444:role/deploy/CloudFormationDeployRole"),
            Ok(())
        );
        assert!(
            role.check("arn:aws:iam:us-east-1:222233334444:role/CloudFormationDeployRole")
                .is_err()
        );
        assert!(
            role.check("arn:aws:iam::222233334444:user/CloudFormationDeployRole")
                .is_err()
        );
        assert!(role.check("not-an-arn:x:y:z:222233334444").is_err());
        let err = role
            .check("arn:aws:iam::333344445555:role/CloudFormationDeployRole")
            .unwrap_err();
        assert!(err.contains("account 333344445555, not 222233334444"), "{err}");
    }

    #[test]
    fn state_machine_and_connection_arns() {
        let machine = ArnPattern {
            name: Some("reports-post-deploy".into()),
            ..pattern(ArnKind::StateMachine)
        };
        let arn = "arn:aws:states:us-east-1:111122223333:stateMachine:reports-post-deploy";
        assert_eq!(machine.check(arn), Ok(()));
        assert_eq!(machine.check(&format!("{arn}:PROD")), Ok(()));
        assert!(
            machine
                .check("arn:aws:states:us-east-1:111122223333:activity:reports-post-deploy")
                .is_err()
        );
        assert!(machine.check("reports-post-deploy").is_err());

        let connection = pattern(ArnKind::Connection);
        assert_eq!(
            connection.check("arn:aws:codeconnections:us-east-1:111122223333:connection/0a1b2c3d-example"),
            Ok(())
        );
        assert_eq!(
            connection.check("arn:aws:codestar-connections:us-east-1:111122223333:connection/0a1b2c3d"),
            Ok(())
        );
        assert!(
            connection
                .check("arn:aws:codecommit:us-east-1:111122223333:connection/x")
                .is_err()
        );
    }
}
