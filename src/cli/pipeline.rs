//! `stagecraft pipeline check FILE` and `stagecraft pipeline export FILE --to FORMAT [-o OUT]`:
//! read a pipeline in any supported format, then check it against the rules or write it out.
//!
//! Exit codes: 0 success (warnings are printed), 1 rule errors found by `check`, 2 the file
//! could not be read, parsed or written.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use std::collections::BTreeMap;

use crate::pipeline::codepipeline;
use crate::pipeline::formats::{ExportFormat, read_all, render_all};
use crate::pipeline::rules;
use crate::words::plural;

/// What `export` writes, as the command line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportTo {
    /// CodePipeline JSON in the shape `aws codepipeline get-pipeline` prints.
    Codepipeline,
    /// A CloudFormation template (JSON) with the pipeline resource.
    Cloudformation,
    /// An SVG picture of the diagram.
    Svg,
}

impl From<ExportTo> for ExportFormat {
    fn from(to: ExportTo) -> Self {
        match to {
            ExportTo::Codepipeline => Self::Codepipeline,
            ExportTo::Cloudformation => Self::Cloudformation,
            ExportTo::Svg => Self::Svg,
        }
    }
}

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: the pipeline breaks at least one rule.
pub const EXIT_RULE_ERRORS: u8 = 1;
/// Exit code: the file could not be read, parsed or written.
pub const EXIT_FAILURE: u8 = 2;

/// `pipeline check`: prints one line per finding to `out` and returns the exit code.
///
/// Failures to write to `out` or `err` (a closed pipe) are ignored: there is nowhere left to
/// report them, and the exit code still tells the outcome.
pub fn run_check(path: &Path, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let diagrams = match read_all(path) {
        Ok(diagrams) => diagrams,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_FAILURE;
        }
    };
    let several = diagrams.len() > 1;
    let mut code = EXIT_OK;
    for diagram in &diagrams {
        // A template's pipelines are told apart by logical ID.
        let shown = match (&diagram.logical_id, several) {
            (Some(id), true) => format!("{}: {id}", path.display()),
            _ => path.display().to_string(),
        };
        let findings = rules::check(diagram);
        for finding in &findings {
            let _ = writeln!(
                out,
                "{shown}: {}: {finding} [{}]",
                finding.severity.as_str(),
                finding.rule
            );
        }
        let rules::Tally { errors, warnings, .. } = rules::Tally::of(&findings);
        if errors > 0 {
            let _ = writeln!(
                err,
                "{shown}: {}, {}",
                plural(errors, "error"),
                plural(warnings, "warning")
            );
            code = EXIT_RULE_ERRORS;
        } else {
            let _ = writeln!(
                out,
                "{shown}: pipeline \"{}\" is valid ({}, {}, {})",
                diagram.name,
                plural(diagram.stages.len(), "stage"),
                plural(diagram.action_count(), "action"),
                plural(warnings, "warning")
            );
        }
    }
    code
}

/// What `export` writes besides the format.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// The pipeline to write, by logical ID (all when `None`).
    pub pipeline: Option<String>,
    /// `Name=Value` pairs resolving intrinsics for CodePipeline JSON.
    pub parameters: Vec<String>,
}

/// `pipeline export`: writes the file to `out_file`, or to `stdout` when there is none, and
/// returns the exit code. Rule errors do not stop the export; they are mentioned on `err`.
pub fn run_export(
    path: &Path,
    to: ExportTo,
    out_file: Option<&Path>,
    stdout: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    run_export_with(path, to, &ExportOptions::default(), out_file, stdout, err)
}

/// [`run_export`] with a choice of pipeline and parameter values.
pub fn run_export_with(
    path: &Path,
    to: ExportTo,
    options: &ExportOptions,
    out_file: Option<&Path>,
    stdout: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let mut diagrams = match read_all(path) {
        Ok(diagrams) => diagrams,
        Err(e) => {
            let _ = writeln!(err, "{e}");
            return EXIT_FAILURE;
        }
    };
    if let Some(wanted) = &options.pipeline {
        diagrams.retain(|d| d.logical_id.as_deref() == Some(wanted.as_str()));
        if diagrams.is_empty() {
            let _ = writeln!(err, "{}: no pipeline with logical ID {wanted}", path.display());
            return EXIT_FAILURE;
        }
    }
    let mut values = BTreeMap::new();
    for pair in &options.parameters {
        let Some((name, value)) = pair.split_once('=') else {
            let _ = writeln!(err, "--parameter {pair}: expected Name=Value");
            return EXIT_FAILURE;
        };
        values.insert(name.to_owned(), value.to_owned());
    }
    for diagram in &diagrams {
        let errors = rules::check(diagram).iter().filter(|f| f.is_error()).count();
        if errors > 0 {
            let _ = writeln!(
                err,
                "{}: note: the pipeline breaks {errors} rules; run `stagecraft pipeline check` to see them",
                path.display()
            );
        }
    }
    let format = ExportFormat::from(to);
    if format == ExportFormat::Codepipeline {
        if diagrams.len() > 1 {
            let ids: Vec<&str> = diagrams.iter().filter_map(|d| d.logical_id.as_deref()).collect();
            let _ = writeln!(
                err,
                "{}: {} pipelines ({}); CodePipeline JSON holds one: choose it with --pipeline",
                path.display(),
                diagrams.len(),
                ids.join(", ")
            );
            return EXIT_FAILURE;
        }
        match diagrams.first().map(|d| codepipeline::resolve(d, &values)) {
            Some(Ok(resolved)) => diagrams = vec![resolved],
            Some(Err(problems)) => {
                for problem in problems {
                    let _ = writeln!(err, "{}: {problem}", path.display());
                }
                return EXIT_FAILURE;
            }
            None => {}
        }
    }
    let text = render_all(&diagrams, format);
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

/// `stagecraft pipeline export FILE --to FORMAT [--pipeline ID] [--parameter N=V] [-o OUT]`.
#[must_use]
pub fn export_file_with(path: &Path, to: ExportTo, options: &ExportOptions, out: Option<&Path>) -> ExitCode {
    ExitCode::from(run_export_with(
        path,
        to,
        options,
        out,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    ))
}

/// `stagecraft pipeline export FILE --to FORMAT [-o OUT]`.
#[must_use]
pub fn export_file(path: &Path, to: ExportTo, out: Option<&Path>) -> ExitCode {
    ExitCode::from(run_export(
        path,
        to,
        out,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    ))
}
