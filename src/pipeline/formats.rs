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
    /// A CloudFormation template (JSON) with the pipeline resources.
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

/// Reads a pipeline file of any supported kind (see [`load_text`]); for a template with
/// several pipelines, the first.
///
/// # Errors
/// When the file cannot be read or parsed.
pub fn read_diagram(path: &Path) -> Result<Diagram, ReadError> {
    let mut all = read_all(path)?;
    Ok(all.remove(0))
}

/// Reads every pipeline in a file: one for a diagram or CodePipeline JSON, each pipeline
/// resource (in document order) for a CloudFormation template.
///
/// # Errors
/// When the file cannot be read or parsed.
pub fn read_all(path: &Path) -> Result<Vec<Diagram>, ReadError> {
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
    load_all(&shown, &extension, &text)
}

/// Parses a pipeline; see [`load_all`] (for a template with several pipelines, the first).
///
/// # Errors
/// When the text does not parse as the kind it looks like; `shown` names the file in messages.
pub fn load_text(shown: &str, extension: &str, text: &str) -> Result<Diagram, ReadError> {
    let mut all = load_all(shown, extension, text)?;
    Ok(all.remove(0))
}

/// Whether text is a saved diagram (RON): it opens with `(` or `Diagram(` after comments.
fn looks_like_ron(text: &str) -> bool {
    let mut rest = text.trim_start();
    while let Some(after) = rest.strip_prefix("//") {
        rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
    }
    rest.starts_with('(') || rest.starts_with("Diagram")
}

/// Parses every pipeline in a text, telling the kind from the content (the extension only
/// breaks a tie): JSON when it starts with `{` (a CloudFormation template when it has
/// `Resources`, CodePipeline JSON otherwise), RON for a saved diagram, YAML otherwise (a
/// template, or a CodePipeline declaration). Actions get ids and same-row actions are put
/// side by side.
///
/// # Errors
/// When the text does not parse as the kind it looks like; `shown` names the file in messages,
/// with `line:col` where the place is known.
pub fn load_all(shown: &str, extension: &str, text: &str) -> Result<Vec<Diagram>, ReadError> {
    let looks_like_json = text.trim_start().starts_with('{');
    let mut diagrams = if looks_like_json {
        let value = codepipeline::parse_json(text).map_err(|e| ReadError::from_import(shown, e))?;
        if is_template(&value) {
            cloudformation::import_all(text).map_err(|e| ReadError::from_import(shown, e))?
        } else {
            vec![codepipeline::from_value(&value).map_err(|e| ReadError::from_import(shown, e))?]
        }
    } else if extension == "ron" || looks_like_ron(text) {
        let mut diagram: Diagram = ron::from_str(text).map_err(|e| ReadError::Parse {
            path: shown.to_owned(),
            line: e.span.start.line.max(1),
            col: e.span.start.col.max(1),
            message: e.code.to_string(),
        })?;
        diagram.finish_loading();
        vec![diagram]
    } else {
        let (value, order, positions) =
            cloudformation::parse_template(text).map_err(|e| ReadError::from_import(shown, e))?;
        let imported = if is_template(&value) {
            cloudformation::from_template(&value, &order)
        } else {
            codepipeline::from_value(&value).map(|d| vec![d])
        };
        imported.map_err(|e| match e {
            ImportError::Shape { path, message } => match positions.get(&path) {
                Some(&(line, col)) => ReadError::Parse {
                    path: shown.to_owned(),
                    line,
                    col,
                    message: format!("{path}: {message}"),
                },
                None => ReadError::from_import(shown, ImportError::Shape { path, message }),
            },
            other => ReadError::from_import(shown, other),
        })?
    };
    for diagram in &mut diagrams {
        layout::tidy(diagram);
    }
    Ok(diagrams)
}

/// Whether a JSON value looks like a CloudFormation template.
#[must_use]
pub fn is_template(value: &Value) -> bool {
    value.as_object().is_some_and(|o| o.contains_key("Resources"))
}

/// Several diagrams in a format, as text: one template holding every pipeline for
/// CloudFormation; for the other formats, the first.
#[must_use]
pub fn render_all(diagrams: &[Diagram], to: ExportFormat) -> String {
    match (to, diagrams.first()) {
        (ExportFormat::Cloudformation, _) => cloudformation::export_all(diagrams),
        (_, Some(first)) => render(first, to),
        (_, None) => String::new(),
    }
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
