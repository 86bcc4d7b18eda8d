//! The value of a pipeline field that CloudFormation lets a template compute: literal text, or
//! an intrinsic function kept as its expression (`{"Ref": "Role"}`), never as text that looks
//! like one. A literal `"!Ref Role"` stays a literal; only [`Text::from_input`], which reads
//! what a learner types in the editor, takes the YAML short form `!Ref Role` as a function.
//!
//! A `Text` reads as a `&str` (through `Deref`): the literal, or the function in its YAML short
//! form (`!Ref Role`, `!GetAtt Role.Arn`) for showing. Rules that need a literal ask
//! [`Text::literal`] or [`Text::is_intrinsic`] first.
//!
//! Saved diagrams write a literal as a string and a function as its JSON expression.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use super::cloudformation::{intrinsic_to_text, text_to_value};

/// A field's value: literal text or an intrinsic function.
#[derive(Clone, PartialEq, Eq)]
pub enum Text {
    Literal(String),
    Intrinsic(Intrinsic),
}

/// An intrinsic function call, with the short form it shows as.
#[derive(Clone, PartialEq, Eq)]
pub struct Intrinsic {
    expression: Value,
    shown: String,
}

impl Intrinsic {
    /// The function as a template holds it (`{"Fn::Sub": "${Env}-app"}`).
    #[must_use]
    pub fn expression(&self) -> &Value {
        &self.expression
    }
}

impl Default for Text {
    fn default() -> Self {
        Self::Literal(String::new())
    }
}

impl Text {
    /// The value a template gives: a string, number or boolean is literal text; an object
    /// with one intrinsic function is that function. `None` for anything else.
    #[must_use]
    pub fn from_value(value: &Value) -> Option<Self> {
        match value {
            Value::String(s) => Some(Self::Literal(s.clone())),
            Value::Number(_) | Value::Bool(_) => Some(Self::Literal(value.to_string())),
            other => Self::intrinsic(other),
        }
    }

    /// The function `expression` is, or `None` when it is not a single intrinsic function.
    #[must_use]
    pub fn intrinsic(expression: &Value) -> Option<Self> {
        let shown = intrinsic_to_text(expression)?;
        Some(Self::Intrinsic(Intrinsic {
            expression: expression.clone(),
            shown,
        }))
    }

    /// What a learner typed: a function in the YAML short form (`!Ref Role`,
    /// `!GetAtt Role.Arn`, `!Sub ${Env}-app`) becomes that function; anything else is literal.
    #[must_use]
    pub fn from_input(input: &str) -> Self {
        match text_to_value(input) {
            Value::String(_) => Self::Literal(input.to_owned()),
            expression => Self::intrinsic(&expression).unwrap_or_else(|| Self::Literal(input.to_owned())),
        }
    }

    /// The value as a template writes it: a string, or the function.
    #[must_use]
    pub fn to_value(&self) -> Value {
        match self {
            Self::Literal(s) => Value::String(s.clone()),
            Self::Intrinsic(f) => f.expression.clone(),
        }
    }

    /// The literal text, or `None` for a function.
    #[must_use]
    pub fn literal(&self) -> Option<&str> {
        match self {
            Self::Literal(s) => Some(s),
            Self::Intrinsic(_) => None,
        }
    }

    /// The function's expression, or `None` for a literal.
    #[must_use]
    pub fn expression(&self) -> Option<&Value> {
        match self {
            Self::Literal(_) => None,
            Self::Intrinsic(f) => Some(&f.expression),
        }
    }

    /// Whether the value is known only when the stack is deployed.
    #[must_use]
    pub fn is_intrinsic(&self) -> bool {
        matches!(self, Self::Intrinsic(_))
    }

    /// The name a `Ref` points at (`!Ref Role` → `Role`), for "comes from parameter Role".
    #[must_use]
    pub fn reference(&self) -> Option<&str> {
        self.expression()?.get("Ref")?.as_str()
    }

    /// The text shown for the value: the literal, or the function's short form.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Literal(s) => s,
            Self::Intrinsic(f) => &f.shown,
        }
    }

    /// The literal to edit in place; a function is first replaced by an empty literal.
    pub fn literal_mut(&mut self) -> &mut String {
        if self.is_intrinsic() {
            *self = Self::default();
        }
        match self {
            Self::Literal(s) => s,
            Self::Intrinsic(_) => unreachable!("replaced by a literal above"),
        }
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Literal(s) => fmt::Debug::fmt(s, f),
            Self::Intrinsic(i) => write!(f, "Intrinsic({})", i.expression),
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Self::Literal(s.to_owned())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Self::Literal(s)
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Self::Literal(s.clone())
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.literal() == Some(other)
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.literal() == Some(*other)
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        self.literal() == Some(other.as_str())
    }
}

impl PartialEq<Text> for str {
    fn eq(&self, other: &Text) -> bool {
        other == self
    }
}

impl PartialEq<Text> for &str {
    fn eq(&self, other: &Text) -> bool {
        other == *self
    }
}

impl PartialEq<Text> for String {
    fn eq(&self, other: &Text) -> bool {
        other == self
    }
}

/// Ordered and hashed by the text shown, so a literal and the function that shows the same
/// text sort together (with the literal first); the `Borrow<str>` lookups agree with this.
impl Ord for Text {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str()
            .cmp(other.as_str())
            .then_with(|| self.is_intrinsic().cmp(&other.is_intrinsic()))
    }
}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Literal(s) => serializer.serialize_str(s),
            Self::Intrinsic(f) => f.expression.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or an intrinsic function such as {\"Ref\": \"Name\"}")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text, E> {
                Ok(Text::Literal(s.to_owned()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text, E> {
                Ok(Text::Literal(s))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
                let value = Value::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Text::intrinsic(&value)
                    .ok_or_else(|| de::Error::custom(format!("{value} is not an intrinsic function")))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_function_is_kept_as_its_expression_and_shows_in_short_form() {
        let text = Text::from_value(&json!({"Fn::GetAtt": ["Role", "Arn"]})).unwrap();
        assert!(text.is_intrinsic());
        assert_eq!(text.as_str(), "!GetAtt Role.Arn");
        assert_eq!(text.to_value(), json!({"Fn::GetAtt": ["Role", "Arn"]}));
        assert_eq!(text.literal(), None);
        assert_ne!(text, "!GetAtt Role.Arn", "a function never equals a literal");
        let reference = Text::from_value(&json!({"Ref": "Bucket"})).unwrap();
        assert_eq!(reference.reference(), Some("Bucket"));
    }

    #[test]
    fn literal_text_that_looks_like_a_function_stays_literal() {
        let text = Text::from_value(&json!("!Ref Role")).unwrap();
        assert!(!text.is_intrinsic());
        assert_eq!(text.to_value(), json!("!Ref Role"));
        assert_eq!(Text::from_value(&json!(5)).unwrap(), "5");
        assert!(Text::from_value(&json!({"NotAFunction": 1})).is_none());
    }

    #[test]
    fn typed_short_forms_become_functions() {
        assert_eq!(Text::from_input("!Ref Role").to_value(), json!({"Ref": "Role"}));
        assert_eq!(
            Text::from_input("!Sub ${Env}-app").to_value(),
            json!({"Fn::Sub": "${Env}-app"})
        );
        assert_eq!(Text::from_input("!Nope x"), Text::from("!Nope x"));
        assert_eq!(Text::from_input("plain"), "plain");
    }

    #[test]
    fn saved_as_a_string_or_an_expression_and_read_back() {
        let values = vec![Text::from("Build"), Text::from_input("!GetAtt Role.Arn")];
        let ron_text = ron::to_string(&values).unwrap();
        assert!(ron_text.contains("Fn::GetAtt"), "{ron_text}");
        let back: Vec<Text> = ron::from_str(&ron_text).unwrap();
        assert_eq!(back, values);
        let json_text = serde_json::to_string(&values).unwrap();
        assert_eq!(json_text, r#"["Build",{"Fn::GetAtt":["Role","Arn"]}]"#);
        assert_eq!(serde_json::from_str::<Vec<Text>>(&json_text).unwrap(), values);
        assert!(ron::from_str::<Text>(r#"{"Other": 1}"#).is_err());
    }

    #[test]
    fn editing_a_function_replaces_it_with_a_literal() {
        let mut text = Text::from_input("!Ref Role");
        text.literal_mut().push_str("arn:aws:iam::123456789012:role/x");
        assert_eq!(text, "arn:aws:iam::123456789012:role/x");
    }
}
