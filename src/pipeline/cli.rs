//! The work behind `stagecraft pipeline check FILE` and `stagecraft pipeline export FILE --to
//! FORMAT [-o OUT]`: read a saved diagram (`.ron`), CodePipeline JSON or a CloudFormation
//! template (JSON with `Resources`), then check it against the rules or write it out.
//!
//! Exit codes: 0 success (warnings are printed), 1 rule errors found by `check`, 2 the file
//! could not be read, parsed or written.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

use super::codepipeline::{self, ImportError};
use super::model::Diagram;
use super::{cloudformation, layout, rules, svg};

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// CodePipeline JSON in the shape `aws codepipeline get-pipeline` prints.
    Codepipeline,
    /// A CloudFormation template (JSON) with the pipeline resource.
    Cloudformation,
    /// An SVG picture of the diagram.
    Svg,
}

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: the pipeline breaks at least one rule.
pub const EXIT_RULE_ERRORS: u8 = 1;
/// Exit code: the file could not be read, parsed or written.
pub const EXIT_FAILURE: u8 = 2;

/// Why a pipeline file could not be loaded; displayed as `path:line:col: message` when the
/// position is known.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
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

impl LoadError {
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
pub fn read_diagram(path: &Path) -> Result<Diagram, LoadError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
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
pub fn load_text(shown: &str, extension: &str, text: &str) -> Result<Diagram, LoadError> {
    if matches!(extension, "yaml" | "yml") {
        return Err(LoadError::Unsupported {
            path: shown.to_owned(),
            message: "YAML templates are not supported; convert the template to JSON first".to_owned(),
        });
    }
    let looks_like_json = text.trim_start().starts_with('{');
    let mut diagram = if extension != "ron" && (looks_like_json || extension == "json") {
        let value = codepipeline::parse_json(text).map_err(|e| LoadError::from_import(shown, e))?;
        let imported = if is_template(&value) {
            cloudformation::import(text)
        } else {
            codepipeline::from_value(&value)
        };
        imported.map_err(|e| LoadError::from_import(shown, e))?
    } else {
        let mut diagram: Diagram = ron::from_str(text).map_err(|e| LoadError::Parse {
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

/// `pipeline check`: prints one line per finding to `out` and returns the exit code.
///
/// Failures to write to `out` or `err` (a closed pipe) are ignored: there is nowhere left to
/// report them, and the exit code still tells the outcome.
pub fn run_check(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let diagram = match read_diagram(path) {
        Ok(diagram) => diagram,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_FAILURE;
        }
    };
    let findings = rules::check(&diagram);
    let shown = path.display();
    for finding in &findings {
        let _ = writeln!(
            out,
            "{shown}: {}: {finding} [{}]",
            finding.severity.as_str(),
            finding.rule
        );
    }
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let warnings = findings.len() - errors;
    if errors > 0 {
        let _ = writeln!(
            err,
            "{shown}: {}, {}",
            count(errors, "error"),
            count(warnings, "warning")
        );
        EXIT_RULE_ERRORS
    } else {
        let _ = writeln!(
            out,
            "{shown}: pipeline \"{}\" is valid ({}, {}, {})",
            diagram.name,
            count(diagram.stages.len(), "stage"),
            count(diagram.action_count(), "action"),
            count(warnings, "warning")
        );
        EXIT_OK
    }
}

/// "1 stage", "3 stages".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
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

/// `pipeline export`: writes the file to `out_file`, or to `stdout` when there is none, and
/// returns the exit code. Rule errors do not stop the export; they are mentioned on `err`.
pub fn run_export(
    path: &Path,
    to: ExportFormat,
    out_file: Option<&Path>,
    stdout: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let diagram = match read_diagram(path) {
        Ok(diagram) => diagram,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_FAILURE;
        }
    };
    let errors = rules::check(&diagram).iter().filter(|f| f.is_error()).count();
    if errors > 0 {
        let _ = writeln!(
            err,
            "{}: note: the pipeline breaks {errors} rules; run `stagecraft pipeline check` to see them",
            path.display()
        );
    }
    let text = render(&diagram, to);
    let written = match out_file {
        Some(out) => {
            std::fs::write(out, text.as_bytes()).map_err(|e| format!("{}: cannot write: {e}", out.display()))
        }
        None => stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|e| format!("cannot write to standard output: {e}")),
    };
    match written {
        Ok(()) => EXIT_OK,
        Err(message) => {
            let _ = writeln!(err, "{message}");
            EXIT_FAILURE
        }
    }
}

/// `stagecraft pipeline check FILE`.
#[must_use]
pub fn check_file(path: &Path) -> ExitCode {
    ExitCode::from(run_check(
        path,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    ))
}

/// `stagecraft pipeline export FILE --to FORMAT [-o OUT]`.
#[must_use]
pub fn export_file(path: &Path, to: ExportFormat, out: Option<&Path>) -> ExitCode {
    ExitCode::from(run_export(
        path,
        to,
        out,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    ))
}
