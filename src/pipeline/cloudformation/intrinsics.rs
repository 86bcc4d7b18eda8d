//! CloudFormation intrinsic functions as diagram text: `{"Ref": "Role"}` reads as `!Ref Role`
//! and such text is written back as the function (see the parent module's docs).

use serde_json::{Map, Value, json};

/// Short names of the intrinsic functions recognised in imported text (`!Name argument`).
const INTRINSICS: &[&str] = &[
    "Ref",
    "Base64",
    "Cidr",
    "FindInMap",
    "GetAtt",
    "GetAZs",
    "ImportValue",
    "Join",
    "Select",
    "Split",
    "Sub",
    "Transform",
    "If",
    "Equals",
    "And",
    "Or",
    "Not",
    "ToJsonString",
    "Length",
];

/// An intrinsic function call as readable text, or `None` when `value` is not one.
#[must_use]
pub fn intrinsic_to_text(value: &Value) -> Option<String> {
    let map = value.as_object()?;
    if map.len() != 1 {
        return None;
    }
    let (key, arg) = map.iter().next()?;
    let tag = if key == "Ref" {
        "Ref"
    } else {
        key.strip_prefix("Fn::")?
    };
    if !INTRINSICS.contains(&tag) {
        return None;
    }
    let text = match (tag, arg) {
        ("GetAtt", Value::Array(parts)) if parts.len() == 2 && parts.iter().all(Value::is_string) => {
            format!("{}.{}", parts[0].as_str()?, parts[1].as_str()?)
        }
        (_, Value::String(s)) if !starts_like_json(s) && !s.is_empty() => s.clone(),
        (_, other) => other.to_string(),
    };
    Some(format!("!{tag} {text}"))
}

fn starts_like_json(s: &str) -> bool {
    s.starts_with(['[', '{', '"'])
}

/// The template value for diagram text: an intrinsic function for `!Name argument` text (see
/// the `cloudformation` module docs), a plain string otherwise.
#[must_use]
pub fn text_to_value(text: &str) -> Value {
    let plain = || Value::String(text.to_owned());
    let Some(rest) = text.strip_prefix('!') else {
        return plain();
    };
    let Some((tag, arg)) = rest.split_once(' ') else {
        return plain();
    };
    if !INTRINSICS.contains(&tag) || arg.is_empty() {
        return plain();
    }
    let key = if tag == "Ref" {
        "Ref".to_owned()
    } else {
        format!("Fn::{tag}")
    };
    let arg = if starts_like_json(arg) {
        match serde_json::from_str::<Value>(arg) {
            Ok(value) => value,
            Err(_) => return plain(),
        }
    } else if tag == "GetAtt" {
        match arg.split_once('.') {
            Some((resource, attribute)) => json!([resource, attribute]),
            None => return plain(),
        }
    } else {
        Value::String(arg.to_owned())
    };
    let mut map = Map::new();
    map.insert(key, arg);
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intrinsics_read_as_short_form_and_come_back() {
        for value in [
            json!({"Ref": "PipelineRole"}),
            json!({"Fn::GetAtt": ["PipelineRole", "Arn"]}),
            json!({"Fn::Sub": "${AWS::StackName}-pipeline"}),
            json!({"Fn::Sub": "[not json"}),
            json!({"Fn::Join": ["-", ["a", {"Ref": "B"}]]}),
            json!({"Fn::ImportValue": {"Fn::Sub": "${Env}-bucket"}}),
        ] {
            let text = intrinsic_to_text(&value).unwrap();
            assert!(text.starts_with('!'), "{text}");
            assert_eq!(text_to_value(&text), value, "{text}");
        }
        assert_eq!(
            intrinsic_to_text(&json!({"Fn::GetAtt": ["Role", "Arn"]})).unwrap(),
            "!GetAtt Role.Arn"
        );
        assert_eq!(text_to_value("!Unknown x"), json!("!Unknown x"));
        assert_eq!(text_to_value("plain"), json!("plain"));
        assert!(intrinsic_to_text(&json!({"Ref": "A", "Other": 1})).is_none());
    }
}
