//! CloudFormation YAML: parsed with `saphyr` (which keeps tags and positions) into the same
//! JSON tree a JSON template gives, short-form tags turned into their long form
//! (`!Ref X` → `{"Ref": "X"}`, `!GetAtt A.B` → `{"Fn::GetAtt": ["A", "B"]}`,
//! `!Sub …` → `{"Fn::Sub": …}`), with the source position of every node so that shape errors
//! can name `line:col`.

use std::collections::BTreeMap;

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use serde_json::{Map, Number, Value};

use crate::pipeline::codepipeline::ImportError;

/// A parsed YAML document: its JSON tree, the keys of `Resources` in document order, and the
/// 1-based (line, column) of each node by its path (`Resources.P.Properties.Stages[0]`).
#[derive(Debug, Default)]
pub struct YamlDocument {
    pub value: Value,
    pub resource_order: Vec<String>,
    pub positions: BTreeMap<String, (usize, usize)>,
}

/// Parses YAML text into a JSON tree with CloudFormation's short-form tags expanded.
///
/// # Errors
/// A syntax error with its line and column, or a tag or key CloudFormation cannot have.
pub fn parse_yaml(text: &str) -> Result<YamlDocument, ImportError> {
    let docs = MarkedYaml::load_from_str(text).map_err(|e| ImportError::Syntax {
        line: e.marker().line().max(1),
        column: e.marker().col() + 1,
        message: e.info().to_owned(),
    })?;
    let Some(root) = docs.first() else {
        return Err(ImportError::Syntax {
            line: 1,
            column: 1,
            message: "the file is empty".to_owned(),
        });
    };
    let mut doc = YamlDocument::default();
    if let YamlData::Mapping(map) = &root.data {
        for (key, value) in map {
            if key_text(key).as_deref() == Some("Resources")
                && let YamlData::Mapping(resources) = &value.data
            {
                doc.resource_order = resources.keys().filter_map(key_text).collect();
            }
        }
    }
    doc.value = convert(root, "", &mut doc.positions)?;
    Ok(doc)
}

fn key_text(node: &MarkedYaml<'_>) -> Option<String> {
    match &node.data {
        YamlData::Value(scalar) => Some(scalar_text(scalar)),
        YamlData::Representation(text, _, _) => Some(text.to_string()),
        _ => None,
    }
}

fn scalar_text(scalar: &Scalar<'_>) -> String {
    match scalar {
        Scalar::Null => String::new(),
        Scalar::Boolean(b) => b.to_string(),
        Scalar::Integer(i) => i.to_string(),
        Scalar::FloatingPoint(f) => f.to_string(),
        Scalar::String(s) => s.to_string(),
    }
}

fn position(node: &MarkedYaml<'_>) -> (usize, usize) {
    (node.span.start.line().max(1), node.span.start.col() + 1)
}

fn error_at(node: &MarkedYaml<'_>, message: String) -> ImportError {
    let (line, column) = position(node);
    ImportError::Syntax {
        line,
        column,
        message,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn convert(
    node: &MarkedYaml<'_>,
    path: &str,
    positions: &mut BTreeMap<String, (usize, usize)>,
) -> Result<Value, ImportError> {
    positions.insert(path.to_owned(), position(node));
    Ok(match &node.data {
        YamlData::Value(scalar) => scalar_value(scalar),
        YamlData::Representation(text, _, _) => Value::String(text.to_string()),
        YamlData::Sequence(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| convert(item, &format!("{path}[{i}]"), positions))
                .collect::<Result<_, _>>()?,
        ),
        YamlData::Mapping(map) => {
            let mut out = Map::new();
            for (key, value) in map {
                let key = key_text(key)
                    .ok_or_else(|| error_at(key, "a mapping key must be plain text".to_owned()))?;
                let converted = convert(value, &join(path, &key), positions)?;
                out.insert(key, converted);
            }
            Value::Object(out)
        }
        YamlData::Tagged(tag, inner) => {
            if tag.handle != "!" {
                return Err(error_at(
                    node,
                    format!("unknown tag {}{}", tag.handle, tag.suffix),
                ));
            }
            let argument = convert(inner, path, positions)?;
            positions.insert(path.to_owned(), position(node));
            long_form(&tag.suffix, argument).map_err(|m| error_at(node, m))?
        }
        YamlData::Alias(_) | YamlData::BadValue => Value::Null,
    })
}

fn scalar_value(scalar: &Scalar<'_>) -> Value {
    match scalar {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::Number((*i).into()),
        Scalar::FloatingPoint(f) => Number::from_f64(f.into_inner()).map_or(Value::Null, Value::Number),
        Scalar::String(s) => Value::String(s.to_string()),
    }
}

/// Short-form tags CloudFormation accepts (without the `!`).
const SHORT_FORMS: &[&str] = &[
    "Ref",
    "Condition",
    "GetAtt",
    "Sub",
    "If",
    "Join",
    "Select",
    "Split",
    "FindInMap",
    "ImportValue",
    "Equals",
    "Not",
    "And",
    "Or",
    "Base64",
    "Cidr",
    "GetAZs",
    "Transform",
    "ToJsonString",
    "Length",
];

/// The long form of `!Tag argument`.
fn long_form(tag: &str, argument: Value) -> Result<Value, String> {
    if !SHORT_FORMS.contains(&tag) {
        return Err(format!("unknown tag !{tag}"));
    }
    let scalar_text = |value: Value| match value {
        Value::Null => Value::String(String::new()),
        Value::Bool(b) => Value::String(b.to_string()),
        Value::Number(n) => Value::String(n.to_string()),
        other => other,
    };
    let (key, argument) = match tag {
        "Ref" | "Condition" => (tag.to_owned(), scalar_text(argument)),
        "GetAtt" => {
            let argument = match scalar_text(argument) {
                Value::String(text) => match text.split_once('.') {
                    Some((resource, attribute)) => Value::Array(vec![resource.into(), attribute.into()]),
                    None => return Err(format!("!GetAtt {text}: expected Resource.Attribute")),
                },
                other => other,
            };
            ("Fn::GetAtt".to_owned(), argument)
        }
        "GetAZs" | "Sub" | "ImportValue" | "Base64" => (format!("Fn::{tag}"), scalar_text(argument)),
        _ => (format!("Fn::{tag}"), argument),
    };
    let mut map = Map::new();
    map.insert(key, argument);
    Ok(Value::Object(map))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn short_forms_become_long_forms() {
        let text = "Resources:\n  B: {Type: X}\n  A:\n    Type: T\n    Properties:\n      R: !Ref Role\n      G: !GetAtt Role.Arn\n      S: !Sub '${AWS::StackName}-p'\n      I: !If [IsProd, !Ref A, !Ref 'AWS::NoValue']\n      J: !Join ['-', [a, !Ref B]]\n      Z: !GetAZs ''\n      C: !Condition IsProd\n      N: 3\n      Y: true\n";
        let doc = parse_yaml(text).unwrap();
        assert_eq!(doc.resource_order, ["B", "A"]);
        let props = &doc.value["Resources"]["A"]["Properties"];
        assert_eq!(props["R"], json!({"Ref": "Role"}));
        assert_eq!(props["G"], json!({"Fn::GetAtt": ["Role", "Arn"]}));
        assert_eq!(props["S"], json!({"Fn::Sub": "${AWS::StackName}-p"}));
        assert_eq!(
            props["I"],
            json!({"Fn::If": ["IsProd", {"Ref": "A"}, {"Ref": "AWS::NoValue"}]})
        );
        assert_eq!(props["J"], json!({"Fn::Join": ["-", ["a", {"Ref": "B"}]]}));
        assert_eq!(props["Z"], json!({"Fn::GetAZs": ""}));
        assert_eq!(props["C"], json!({"Condition": "IsProd"}));
        assert_eq!(props["N"], json!(3));
        assert_eq!(props["Y"], json!(true));
        assert_eq!(doc.positions["Resources.A.Properties.N"], (13, 10));
    }

    #[test]
    fn syntax_errors_and_unknown_tags_have_positions() {
        let err = parse_yaml("a: [1,\nb: 2\n").unwrap_err();
        assert!(matches!(err, ImportError::Syntax { .. }), "{err:?}");
        let err = parse_yaml("a:\n  b: !Nope x\n").unwrap_err();
        assert_eq!(err.to_string(), "2:6: unknown tag !Nope");
    }
}
