//! [`Expect`]: what a challenge requires of one configuration value (or of an action's role
//! ARN): that it is set, equals the value the brief states, is one of a few, ends in a file
//! name, lists certain items, or is an ARN of the right shape.
//!
//! Values are compared after trimming and case-sensitively, as CodePipeline passes them on. An
//! intrinsic function (`!Ref Repo`) is never equal to a literal.

use serde::{Deserialize, Serialize};

use super::arn::ArnPattern;

/// A requirement on one value.
///
/// In RON: `Set`, `Is("storefront")`, `IsOrUnset("latest")`, `OneOf(["A", "B"])`,
/// `EndsWith("::network.yaml")`, `ListIncludes(["CAPABILITY_IAM"])`,
/// `ListIs(["us-east-1", "eu-west-1"])`, `Arn((kind: SnsTopic, name: Some("alerts")))`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Expect {
    /// Present and not empty.
    Set,
    /// Equal to this.
    Is(String),
    /// Equal to this, or absent because this is the service's default (ECR's `ImageTag`
    /// `latest`, the ECS action's `imagedefinitions.json`).
    IsOrUnset(String),
    /// Equal to one of these.
    OneOf(Vec<String>),
    /// Ends with this, e.g. `::network.yaml` for a `TemplatePath` (`Artifact::file`).
    EndsWith(String),
    /// A comma-separated list that includes each of these (in any order, among others).
    ListIncludes(Vec<String>),
    /// A comma-separated list of exactly these (in any order).
    ListIs(Vec<String>),
    /// An ARN of this shape and with these parts.
    Arn(ArnPattern),
}

/// The items of a comma-separated list, trimmed, without empty ones.
fn list_items(value: &str) -> Vec<&str> {
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect()
}

impl Expect {
    /// Checks a value (`None` when the key is absent).
    ///
    /// # Errors
    /// Why the value falls short, e.g. `is "storefront-old", not "storefront"`.
    pub fn check(&self, value: Option<&str>) -> Result<(), String> {
        let value = value.map(str::trim).filter(|v| !v.is_empty());
        match (self, value) {
            (Self::IsOrUnset(_), None) | (Self::Set, Some(_)) => Ok(()),
            (_, None) => Err("is not set".to_owned()),
            (Self::Is(want) | Self::IsOrUnset(want), Some(have)) => {
                if have == want.trim() {
                    Ok(())
                } else {
                    Err(format!("is {have:?}, not {want:?}"))
                }
            }
            (Self::OneOf(choices), Some(have)) => {
                if choices.iter().any(|c| c.trim() == have) {
                    Ok(())
                } else {
                    Err(format!("is {have:?}, not one of {}", choices.join(", ")))
                }
            }
            (Self::EndsWith(end), Some(have)) => {
                if have.ends_with(end.trim()) {
                    Ok(())
                } else {
                    Err(format!("is {have:?}, which does not end in {end:?}"))
                }
            }
            (Self::ListIncludes(items), Some(have)) => {
                let listed = list_items(have);
                let missing: Vec<&str> = items
                    .iter()
                    .map(|i| i.trim())
                    .filter(|i| !listed.contains(i))
                    .collect();
                if missing.is_empty() {
                    Ok(())
                } else {
                    Err(format!("is {have:?}, without {}", missing.join(", ")))
                }
            }
            (Self::ListIs(items), Some(have)) => {
                let mut listed = list_items(have);
                let mut wanted: Vec<&str> = items.iter().map(|i| i.trim()).collect();
                listed.sort_unstable();
                listed.dedup();
                wanted.sort_unstable();
                wanted.dedup();
                if listed == wanted {
                    Ok(())
                } else {
                    Err(format!("is {have:?}, not exactly {}", items.join(", ")))
                }
            }
            (Self::Arn(pattern), Some(have)) => pattern.check(have),
        }
    }

    /// The requirement in words, after the key: `set`, `= storefront`, `an SNS topic ARN…`.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::Set => "set".to_owned(),
            Self::Is(want) => format!("= {want}"),
            Self::IsOrUnset(want) => format!("= {want} (or unset, the default)"),
            Self::OneOf(choices) => format!("one of {}", choices.join(", ")),
            Self::EndsWith(end) => format!("ending in {end}"),
            Self::ListIncludes(items) => format!("listing {}", items.join(", ")),
            Self::ListIs(items) => format!("listing exactly {}", items.join(", ")),
            Self::Arn(pattern) => pattern.describe(),
        }
    }

    /// A value that meets the requirement, where one can be made up (for tests and examples);
    /// `None` for an ARN whose parts are not all stated.
    #[must_use]
    pub fn example(&self) -> Option<String> {
        match self {
            Self::Set => Some("x".to_owned()),
            Self::Is(v) | Self::IsOrUnset(v) => Some(v.clone()),
            Self::OneOf(choices) => choices.first().cloned(),
            Self::EndsWith(end) => Some(format!("Artifact{end}")),
            Self::ListIncludes(items) | Self::ListIs(items) => Some(items.join(",")),
            Self::Arn(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::arn::ArnKind;
    use super::*;

    #[test]
    fn set_and_equal_values() {
        assert_eq!(Expect::Set.check(Some("x")), Ok(()));
        assert_eq!(Expect::Set.check(Some("  ")), Err("is not set".to_owned()));
        assert_eq!(Expect::Set.check(None), Err("is not set".to_owned()));
        let repo = Expect::Is("storefront".into());
        assert_eq!(repo.check(Some(" storefront ")), Ok(()));
        assert_eq!(
            repo.check(Some("storefront-old")),
            Err("is \"storefront-old\", not \"storefront\"".to_owned())
        );
        assert!(repo.check(Some("Storefront")).is_err(), "case matters");
        let tag = Expect::IsOrUnset("latest".into());
        assert_eq!(tag.check(None), Ok(()));
        assert_eq!(tag.check(Some("latest")), Ok(()));
        assert!(tag.check(Some("release")).is_err());
    }

    #[test]
    fn choices_endings_and_lists() {
        let auto = Expect::OneOf(vec!["Enabled".into(), "EnabledWithStackRetention".into()]);
        assert_eq!(auto.check(Some("EnabledWithStackRetention")), Ok(()));
        assert!(auto.check(Some("Disabled")).is_err());
        let template = Expect::EndsWith("::network.yaml".into());
        assert_eq!(template.check(Some("TemplateSource::network.yaml")), Ok(()));
        assert!(template.check(Some("TemplateSource::network.yml")).is_err());
        let caps = Expect::ListIncludes(vec!["CAPABILITY_IAM".into(), "CAPABILITY_AUTO_EXPAND".into()]);
        assert_eq!(caps.check(Some("CAPABILITY_AUTO_EXPAND, CAPABILITY_IAM")), Ok(()));
        assert_eq!(
            caps.check(Some("CAPABILITY_IAM")),
            Err("is \"CAPABILITY_IAM\", without CAPABILITY_AUTO_EXPAND".to_owned())
        );
        let regions = Expect::ListIs(vec!["us-east-1".into(), "eu-west-1".into()]);
        assert_eq!(regions.check(Some("eu-west-1,us-east-1")), Ok(()));
        assert!(regions.check(Some("us-east-1")).is_err());
        assert!(regions.check(Some("us-east-1,eu-west-1,ap-south-1")).is_err());
    }

    #[test]
    fn arns_are_checked_by_their_pattern_and_described() {
        let topic = Expect::Arn(ArnPattern {
            kind: ArnKind::SnsTopic,
            region: None,
            account: None,
            name: Some("alerts".into()),
        });
        assert_eq!(
            topic.check(Some("arn:aws:sns:us-east-1:111122223333:alerts")),
            Ok(())
        );
        assert!(
            topic
                .check(Some("not-an-arn"))
                .unwrap_err()
                .contains("SNS topic ARN")
        );
        assert_eq!(topic.describe(), "an SNS topic ARN (topic \"alerts\")");
        assert_eq!(topic.example(), None);
        assert_eq!(Expect::Is("a".into()).example().as_deref(), Some("a"));
    }
}
