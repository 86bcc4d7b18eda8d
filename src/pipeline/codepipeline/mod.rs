//! CodePipeline's own JSON: import what `aws codepipeline get-pipeline` prints (or a bare
//! pipeline declaration) into a [`Diagram`], and export a diagram in the get-pipeline shape,
//! which `aws codepipeline create-pipeline --cli-input-json` also accepts.
//!
//! Kept: every field of the declaration — name, role, version, artifact store(s) with their
//! types and keys, V2 settings, stages with their conditions, and per action its type, run
//! order, configuration, artifacts, Region, role, namespace and timeout; fields the model does
//! not name are kept as they came. Not kept: `metadata`. Required members that are missing
//! (an action type's `version`, a store's `type` or `location`) are refused with the path.
//!
//! This module holds [`ImportError`] and [`parse_json`]; reading is in `import`, writing in
//! `export`, and the JSON-walking helpers (shared with the CloudFormation format) in `nav`.

use serde_json::Value;

pub mod clipboard;
mod export;
pub(crate) mod import;
mod nav;
mod resolve;

pub use export::declaration;
pub use export::export;
pub use import::{from_value, import};
pub use resolve::resolve;

pub(super) use import::finish_import;
pub(super) use nav::{Owned, action_type_of, config_string, run_order_of};

/// Why a JSON document could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The text is not JSON.
    #[error("{line}:{column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The JSON is not shaped like the format expects; `path` names the place, e.g.
    /// `pipeline.stages[1].actions[0]`.
    #[error("{path}: {message}")]
    Shape { path: String, message: String },
}

impl ImportError {
    /// A syntax error from `serde_json`, with its position.
    #[must_use]
    pub fn from_json(err: &serde_json::Error) -> Self {
        let full = err.to_string();
        // serde_json appends " at line L column C"; the position is kept separately.
        let message = full
            .rfind(" at line ")
            .map_or(full.as_str(), |i| &full[..i])
            .to_owned();
        Self::Syntax {
            line: err.line().max(1),
            column: err.column().max(1),
            message,
        }
    }

    pub(super) fn shape(path: &str, message: impl Into<String>) -> Self {
        Self::Shape {
            path: if path.is_empty() {
                "(top level)".to_owned()
            } else {
                path.to_owned()
            },
            message: message.into(),
        }
    }
}

/// Parses JSON text, turning a syntax error into [`ImportError::Syntax`].
///
/// # Errors
/// When the text is not JSON.
pub fn parse_json(text: &str) -> Result<Value, ImportError> {
    serde_json::from_str(text).map_err(|e| ImportError::from_json(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_keep_line_and_column() {
        let err = import("{\n  \"pipeline\": {,\n}").unwrap_err();
        let ImportError::Syntax { line, column, .. } = err else {
            panic!("expected a syntax error, got {err:?}");
        };
        assert_eq!((line, column), (2, 16));
    }

    #[test]
    fn shape_errors_name_the_path() {
        let text = r#"{"pipeline": {"name": "p", "stages": [
            {"name": "Source", "actions": []},
            {"name": "Build", "actions": [{"name": "B"}]}]}}"#;
        let err = import(text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "pipeline.stages[1].actions[0]: missing \"actionTypeId\""
        );
    }

    #[test]
    fn non_string_configuration_values_become_strings() {
        let text = r#"{"name": "p", "stages": [{"name": "Source", "actions": [{
            "name": "S", "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "CodeCommit", "version": "1"},
            "configuration": {"PollForSourceChanges": false, "Depth": 3}}]}]}"#;
        let diagram = import(text).unwrap();
        let config = &diagram.stages[0].actions[0].configuration;
        assert_eq!(config["PollForSourceChanges"], "false");
        assert_eq!(config["Depth"], "3");
    }
}
