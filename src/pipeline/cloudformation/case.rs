//! CloudFormation spells the pipeline declaration's keys in Pascal case (`BeforeEntry`), the
//! CodePipeline API in camel case (`beforeEntry`). The model keeps the API's spelling; these
//! convert whole trees. Keys of a `Configuration` object are the action's own and keep their
//! case, and intrinsic functions (`Ref`, `Fn::…`, `Condition`) are left as they are.

use serde_json::{Map, Value};

/// A template tree in the API's spelling.
#[must_use]
pub fn to_api(value: &Value) -> Value {
    recase(value, false)
}

/// An API tree in the template's spelling.
#[must_use]
pub fn to_template(value: &Value) -> Value {
    recase(value, true)
}

/// Whether `map` is an intrinsic function call, which is copied as it is.
pub fn is_intrinsic(map: &Map<String, Value>) -> bool {
    map.len() == 1
        && map
            .keys()
            .all(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::"))
}

fn recase(value: &Value, upper: bool) -> Value {
    match value {
        Value::Object(map) if is_intrinsic(map) => value.clone(),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, v)| {
                    let inner = if key.eq_ignore_ascii_case("configuration") {
                        v.clone()
                    } else {
                        recase(v, upper)
                    };
                    (first_letter(key, upper), inner)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| recase(v, upper)).collect()),
        other => other.clone(),
    }
}

/// `key` with its first letter in upper or lower case.
#[must_use]
pub fn first_letter(key: &str, upper: bool) -> String {
    let mut chars = key.chars();
    match chars.next() {
        Some(c) if upper => c.to_ascii_uppercase().to_string() + chars.as_str(),
        Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn keys_change_case_but_configurations_and_intrinsics_do_not() {
        let template = json!({"BeforeEntry": {"Conditions": [{"Result": "FAIL", "Rules": [
            {"Name": "R", "Configuration": {"AlarmName": {"Ref": "Alarm"}}, "Region": {"Fn::Sub": "${AWS::Region}"}}]}]}});
        let api = to_api(&template);
        assert_eq!(
            api,
            json!({"beforeEntry": {"conditions": [{"result": "FAIL", "rules": [
                {"name": "R", "configuration": {"AlarmName": {"Ref": "Alarm"}}, "region": {"Fn::Sub": "${AWS::Region}"}}]}]}})
        );
        assert_eq!(to_template(&api), template);
    }
}
