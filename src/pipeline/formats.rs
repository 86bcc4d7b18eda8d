//! Reading and writing pipelines in the formats people use: a saved diagram (`.ron`),
//! CodePipeline JSON and CloudFormation templates. The command line and the window's import
//! and export share these, so they cannot disagree.

use std::path::Path;

use serde_json::Value;

use super::codepipeline::{self, ImportError};
use super::model::Diagram;
use super::{cloudformation, layout, svg};

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// CodePipeline JSON in the shape `aws codepipeline get-pipeline` prints.
    Codepipeline,
    /// A CloudFormation template (JSON) with the pipeline resource.
    Cloudformation,
    /// An SVG picture of the diagram.
    Svg,
}

/// Why a pipeline file could not be loaded; displayed as `path:line:col: message` when the
/// position is known.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read { path: String, source: std::io::Error },
    /// The text is not valid JSON or RON (1-based line and column).
    #[error("{path}:{line}:{col}: {message}")]
    Parse {
        path: String,
        line: usize,
        col: usize,
        message: String,
    },
    /// Parsed, but not shaped like a pipeline; `at` names the place inside the file.
    #[error("{path}: {at}: {message}")]
    Shape {
        path: String,
        at: String,
        message: String,
    },
    /// A kind of file this command does not read.
    #[error("{path}: {message}")]
    Unsupported { path: String, message: String },
}

impl ReadError {
    fn from_import(path: &str, err: ImportError) -> Self {
        match err {
            ImportError::Syntax {
                line,
                column,
                message,
            } => Self::Parse {
                path: path.to_owned(),
                line,
                col: column,
                message,
            },
            ImportError::Shape { path: at, message } => Self::Shape {
                path: path.to_owned(),
                at,
                message,
            },
        }
    }
}

/// Reads a pipeline file of any supported kind (see [`load_text`]).
///
/// # Errors
/// When the file cannot be read or parsed.
pub fn read_diagram(path: &Path) -> Result<Diagram, ReadError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ReadError::Read {
        path: shown.clone(),
        source,
    })?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    load_text(&shown, &extension, &text)
}

/// Parses a pipeline: RON for a `.ron` file, else JSON when the text starts with `{` (a
/// CloudFormation template when it has `Resources`, CodePipeline JSON otherwise), else RON.
/// Actions get ids and same-row actions are put side by side.
///
/// # Errors
/// When the text does not parse as the kind it looks like; `shown` names the file in messages.
pub fn load_text(shown: &str, extension: &str, text: &str) -> Result<Diagram, ReadError> {
    if matches!(extension, "yaml" | "yml") {
        return Err(ReadError::Unsupported {
            path: shown.to_owned(),
            message: "YAML templates are not supported; convert the template to JSON first".to_owned(),
        });
    }
    let looks_like_json = text.trim_start().starts_with('{');
    let mut diagram = if extension != "ron" && (looks_like_json || extension == "json") {
        let value = codepipeline::parse_json(text).map_err(|e| ReadError::from_import(shown, e))?;
        let imported = if is_template(&value) {
            cloudformation::import(text)
        } else {
            codepipeline::from_value(&value)
        };
        imported.map_err(|e| ReadError::from_import(shown, e))?
    } else {
        let mut diagram: Diagram = ron::from_str(text).map_err(|e| ReadError::Parse {
            path: shown.to_owned(),
            line: e.span.start.line.max(1),
            col: e.span.start.col.max(1),
            message: e.code.to_string(),
        })?;
        diagram.assign_missing_ids();
        diagram
    };
    layout::tidy(&mut diagram);
    Ok(diagram)
}

/// Whether a JSON value looks like a CloudFormation template.
#[must_use]
pub fn is_template(value: &Value) -> bool {
    value.as_object().is_some_and(|o| o.contains_key("Resources"))
}

/// The diagram in a format, as text.
#[must_use]
pub fn render(diagram: &Diagram, to: ExportFormat) -> String {
    match to {
        ExportFormat::Codepipeline => codepipeline::export(diagram),
        ExportFormat::Cloudformation => cloudformation::export(diagram),
        ExportFormat::Svg => svg::export(diagram),
    }
}
