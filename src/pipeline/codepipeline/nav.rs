//! Walking parsed JSON with the path to each value, so that import errors can name the place
//! (`pipeline.stages[1].actions[0]`), and small readers shared by both import formats.

use serde_json::Value;

use super::ImportError;
use crate::pipeline::model::{Category, Owner};

/// A JSON value with the path that leads to it, for messages.
#[derive(Clone, Copy)]
pub(in crate::pipeline) struct Node<'a> {
    pub value: &'a Value,
    path: &'a str,
}

/// A node whose path is owned (paths grow as the walk goes deeper).
pub(in crate::pipeline) struct Owned<'a> {
    pub value: &'a Value,
    pub path: String,
}

impl<'a> Owned<'a> {
    pub fn root(value: &'a Value, path: &str) -> Self {
        Self {
            value,
            path: path.to_owned(),
        }
    }

    pub fn node(&self) -> Node<'_> {
        Node {
            value: self.value,
            path: &self.path,
        }
    }

    pub fn get(&self, key: &str) -> Option<Owned<'a>> {
        let value = self.value.as_object()?.get(key)?;
        Some(Owned {
            value,
            path: join(&self.path, key),
        })
    }

    pub fn require(&self, key: &str) -> Result<Owned<'a>, ImportError> {
        self.node().expect_object()?;
        self.get(key)
            .ok_or_else(|| ImportError::shape(&self.path, format!("missing \"{key}\"")))
    }

    pub fn items(&self) -> Result<Vec<Owned<'a>>, ImportError> {
        let list = self.value.as_array().ok_or_else(|| self.node().wrong("a list"))?;
        Ok(list
            .iter()
            .enumerate()
            .map(|(i, value)| Owned {
                value,
                path: format!("{}[{i}]", self.path),
            })
            .collect())
    }

    pub fn str(&self) -> Result<&'a str, ImportError> {
        self.value.as_str().ok_or_else(|| self.node().wrong("a string"))
    }
}

impl Node<'_> {
    pub fn expect_object(&self) -> Result<(), ImportError> {
        if self.value.is_object() {
            Ok(())
        } else {
            Err(self.wrong("an object"))
        }
    }

    pub fn wrong(&self, expected: &str) -> ImportError {
        ImportError::shape(
            self.path,
            format!("expected {expected}, found {}", kind_of(self.value)),
        )
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// "a string", "a number", … for messages.
fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A configuration value as CodePipeline keeps it: always a string. Booleans and numbers
/// become their JSON text ("false", "3"); objects and lists their compact JSON.
pub(in crate::pipeline) fn config_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A run order: a whole number that fits in `u32`.
pub(in crate::pipeline) fn run_order_of(node: &Owned<'_>) -> Result<u32, ImportError> {
    node.value
        .as_u64()
        .or_else(|| node.value.as_str().and_then(|s| s.trim().parse().ok()))
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| node.node().wrong("a whole number from 1 to 999"))
}

/// The names in a list of `{"name": …}` artifacts.
pub(in crate::pipeline) fn artifact_names(
    node: &Owned<'_>,
    key: &str,
    name_key: &str,
) -> Result<Vec<crate::pipeline::text::Text>, ImportError> {
    let Some(list) = node.get(key).filter(|l| !l.value.is_null()) else {
        return Ok(Vec::new());
    };
    list.items()?
        .iter()
        .map(|item| item.require(name_key).and_then(|n| n.str().map(Into::into)))
        .collect()
}

/// The category, owner and provider of an `actionTypeId` object, with its keys spelled as the
/// format spells them (`["category", "owner", "provider"]` or `["Category", "Owner", "Provider"]`).
pub(in crate::pipeline) fn action_type_of(
    type_id: &Owned<'_>,
    [category_key, owner_key, provider_key]: [&str; 3],
) -> Result<(Category, Owner, String), ImportError> {
    let category_node = type_id.require(category_key)?;
    let category = Category::parse(category_node.str()?).ok_or_else(|| {
        ImportError::shape(
            &category_node.path,
            "expected one of Source, Build, Test, Deploy, Approval, Invoke, Compute",
        )
    })?;
    let owner_node = type_id.require(owner_key)?;
    let owner = Owner::parse(owner_node.str()?)
        .ok_or_else(|| ImportError::shape(&owner_node.path, "expected one of AWS, ThirdParty, Custom"))?;
    let provider = type_id.require(provider_key)?.str()?.to_owned();
    Ok((category, owner, provider))
}
