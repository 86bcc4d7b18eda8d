//! The `stagecraft` command: with no subcommand it opens the window; `check`, `progress` and
//! the other subcommands work on the course pack and the data without a window.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use stagecraft::course::{self, PackSource};
use stagecraft::progress;
use stagecraft::{AppConfig, StudyApp};

/// Stagecraft: study for the AWS Certified DevOps Engineer – Professional exam.
#[derive(Debug, Parser)]
#[command(name = "stagecraft", version, about)]
struct Cli {
    /// Load the course from this folder instead of the embedded pack.
    #[arg(long, value_name = "DIR", global = true)]
    content: Option<PathBuf>,
    /// Keep progress in this folder (default: `$STAGECRAFT_DATA_DIR`, else the platform's data dir).
    #[arg(long, value_name = "DIR", global = true)]
    data_dir: Option<PathBuf>,
    /// Print the time to the first frame and the resident memory, then close (for benchmarks).
    #[arg(long, hide = true)]
    report_first_frame: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate a course pack (the embedded one when DIR is absent).
    Check {
        /// The pack folder.
        dir: Option<PathBuf>,
        /// Print the summary as one JSON object.
        #[arg(long)]
        json: bool,
    },
    /// Work with the learner's progress files.
    Progress {
        #[command(subcommand)]
        command: ProgressCommand,
    },
    /// Check or convert a pipeline: a saved diagram (.ron), CodePipeline JSON or a
    /// CloudFormation template (JSON).
    Pipeline {
        #[command(subcommand)]
        command: PipelineCommand,
    },
    /// Play a deployment strategy as a timeline.
    Simulate(stagecraft::cli::simulate::SimulateArgs),
    /// Write the recall cards or the questions as a tab-separated file that Anki imports.
    ExportAnki {
        /// What to export.
        #[arg(long, value_enum, default_value = "cards")]
        what: course::anki::AnkiExport,
        /// Where to write (standard output when absent).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum PipelineCommand {
    /// Check the pipeline's structure as CodePipeline would: exit 0 without errors, 1 with one
    /// line per finding, 2 when the file cannot be read.
    Check {
        /// The pipeline file.
        file: PathBuf,
    },
    /// Write the pipeline as CodePipeline JSON, a CloudFormation template or an SVG image.
    Export {
        /// The pipeline file.
        file: PathBuf,
        /// The format to write.
        #[arg(long, value_enum)]
        to: stagecraft::cli::pipeline::ExportTo,
        /// Where to write (standard output when absent).
        #[arg(short = 'o', long = "output", value_name = "OUT")]
        out: Option<PathBuf>,
        /// The pipeline to write, by its logical ID in a template (all when absent).
        #[arg(long, value_name = "LOGICAL_ID")]
        pipeline: Option<String>,
        /// A value for a template parameter or condition (`Name=Value`), for CodePipeline JSON.
        #[arg(long = "parameter", value_name = "NAME=VALUE")]
        parameters: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
enum ProgressCommand {
    /// Report every unreadable progress file as path:line:col: message (changes nothing).
    Check,
    /// Print what the Progress page shows for the data folder (changes nothing).
    Report {
        /// Print one JSON object.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let cli = Cli::parse();
    let content = cli.content.as_deref();
    let data_dir = cli.data_dir.as_deref();
    match &cli.command {
        None => run_window(content, data_dir, cli.report_first_frame.then_some(started)),
        Some(Command::Check { dir, json }) => check_pack(dir.as_deref().or(content), *json),
        Some(Command::Progress {
            command: ProgressCommand::Check,
        }) => check_progress(data_dir),
        Some(Command::Progress {
            command: ProgressCommand::Report { json },
        }) => report_progress(content, data_dir, *json),
        Some(Command::Pipeline {
            command: PipelineCommand::Check { file },
        }) => stagecraft::cli::pipeline::check_file(file),
        Some(Command::Pipeline {
            command:
                PipelineCommand::Export {
                    file,
                    to,
                    out,
                    pipeline,
                    parameters,
                },
        }) => stagecraft::cli::pipeline::export_file_with(
            file,
            *to,
            &stagecraft::cli::pipeline::ExportOptions {
                pipeline: pipeline.clone(),
                parameters: parameters.clone(),
            },
            out.as_deref(),
        ),
        Some(Command::Simulate(args)) => stagecraft::cli::simulate::run_cli(args),
        Some(Command::ExportAnki { what, out }) => export_anki(content, *what, out.as_deref()),
    }
}

/// Reads the pack named on the command line, or the embedded one.
fn pack_source(dir: Option<&Path>) -> Result<PackSource, String> {
    match dir {
        None => Ok(PackSource::embedded()),
        Some(dir) if !dir.is_dir() => Err(format!("{}: not a folder with a course pack", dir.display())),
        Some(dir) => PackSource::from_dir(dir).map_err(|e| e.to_string()),
    }
}

fn check_pack(dir: Option<&Path>, json: bool) -> ExitCode {
    let source = match pack_source(dir) {
        Ok(source) => source,
        Err(message) => {
            eprintln!("stagecraft check: {message}");
            return ExitCode::from(2);
        }
    };
    let report = course::load(&source);
    let mut problems = report.problems;
    if let Some(loaded) = &report.course {
        problems.extend(course::check::check(loaded, &source));
    }
    let errors: Vec<String> = problems.iter().map(ToString::to_string).collect();
    if json {
        let value = match &report.course {
            Some(loaded) => serde_json::to_value(course::summary::Summary::new(loaded, errors.clone())),
            None => serde_json::to_value(serde_json::json!({ "errors": errors })),
        };
        match value.and_then(|v| serde_json::to_string(&v)) {
            Ok(text) => stagecraft::cli::output::print_line(&text),
            Err(err) => {
                eprintln!("stagecraft check: cannot write JSON: {err}");
                return ExitCode::from(2);
            }
        }
    } else if errors.is_empty() {
        if let Some(loaded) = &report.course {
            stagecraft::cli::output::print_line(&course::summary::Summary::new(loaded, Vec::new()).to_text());
        }
    } else {
        for line in &errors {
            stagecraft::cli::output::print_line(line);
        }
        eprintln!("{} problems found", errors.len());
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Loads the course pack for a command, with the problems that did not stop it loading;
/// prints why it cannot be loaded otherwise (exit code 2).
fn load_course(
    content: Option<&Path>,
    command: &str,
) -> Result<(course::Course, Vec<course::Problem>), ExitCode> {
    let source = pack_source(content).map_err(|message| {
        eprintln!("{command}: {message}");
        ExitCode::from(2)
    })?;
    let report = course::load(&source);
    match report.course {
        Some(loaded) => Ok((loaded, report.problems)),
        None => {
            for problem in &report.problems {
                eprintln!("{problem}");
            }
            eprintln!("{command}: the course pack cannot be loaded");
            Err(ExitCode::from(2))
        }
    }
}

fn export_anki(content: Option<&Path>, what: course::anki::AnkiExport, out: Option<&Path>) -> ExitCode {
    match load_course(content, "stagecraft export-anki") {
        Ok((loaded, _)) => stagecraft::cli::anki::export_cli(&loaded, what, out),
        Err(code) => code,
    }
}

/// The data folder a progress command reads: it must exist and be a folder.
fn existing_data_dir(data_dir: Option<&Path>) -> Result<PathBuf, String> {
    let dir = progress::resolve_data_dir(data_dir)?;
    match std::fs::metadata(&dir) {
        Ok(meta) if meta.is_dir() => Ok(dir),
        Ok(_) => Err(format!("{}: is a file, not a data folder", dir.display())),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Err(format!(
            "{}: no such folder (nothing has been saved there yet)",
            dir.display()
        )),
        Err(err) => Err(format!("{}: {err}", dir.display())),
    }
}

fn check_progress(data_dir: Option<&Path>) -> ExitCode {
    let dir = match existing_data_dir(data_dir) {
        Ok(dir) => dir,
        Err(message) => {
            eprintln!("stagecraft progress check: {message}");
            return ExitCode::from(2);
        }
    };
    let errors = stagecraft::data_files::check_dir(&dir);
    for err in &errors {
        stagecraft::cli::output::print_line(&err.to_string());
    }
    if errors.is_empty() {
        stagecraft::cli::output::print_line(&format!("{}: every progress file loads", dir.display()));
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// `stagecraft progress report`: the Progress page's figures, from the same function.
fn report_progress(content: Option<&Path>, data_dir: Option<&Path>, json: bool) -> ExitCode {
    const COMMAND: &str = "stagecraft progress report";
    let dir = match existing_data_dir(data_dir) {
        Ok(dir) => dir,
        Err(message) => {
            eprintln!("{COMMAND}: {message}");
            return ExitCode::from(2);
        }
    };
    let (loaded, _) = match load_course(content, COMMAND) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    // Every device's journal and every conflict copy count, read without changing anything.
    let (learner, history, schedule) = match stagecraft::sync::merged_view(&dir) {
        Ok((merged, problems)) => {
            for problem in problems {
                eprintln!("{problem}");
            }
            (merged.progress, merged.history, merged.schedule)
        }
        Err(err) => {
            eprintln!("{err}");
            eprintln!("{COMMAND}: a progress file cannot be read; nothing was changed");
            return ExitCode::from(2);
        }
    };
    // The window shows the pack's first blueprint when progress.ron names none it knows.
    let blueprint = loaded.blueprint_index(&learner.blueprint).unwrap_or(0);
    let now = progress::Clock::System.now_unix_secs();
    let report =
        stagecraft::plan::report_with_readiness(&loaded, blueprint, &learner, &history, &schedule, now);
    if json {
        match serde_json::to_string(&report.to_json()) {
            Ok(text) => stagecraft::cli::output::print_line(&text),
            Err(err) => {
                eprintln!("{COMMAND}: cannot write JSON: {err}");
                return ExitCode::from(2);
            }
        }
    } else {
        stagecraft::cli::output::print_out(&report.to_text());
    }
    ExitCode::SUCCESS
}

fn run_window(
    content: Option<&Path>,
    data_dir: Option<&Path>,
    report_from: Option<std::time::Instant>,
) -> ExitCode {
    let (loaded, pack_problems) = match load_course(content, "stagecraft") {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let data_dir = match progress::resolve_data_dir(data_dir) {
        Ok(dir) => dir,
        Err(message) => {
            eprintln!("stagecraft: {message}");
            return ExitCode::from(2);
        }
    };
    let config = AppConfig {
        data_dir,
        course: Arc::new(loaded),
        pack_problems,
        clock: progress::Clock::System,
    };
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Stagecraft")
        .with_app_id("stagecraft")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([720.0, 480.0]);
    // Our own icon (assets/icon.png); a window without one is still a working window.
    match eframe::icon_data::from_png_bytes(include_bytes!("../assets/icon.png")) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(err) => eprintln!("stagecraft: the window icon could not be read: {err}"),
    }
    let options = eframe::NativeOptions {
        viewport,
        // eframe remembers the window's size and position between runs (not progress).
        persist_window: true,
        ..Default::default()
    };
    let result = eframe::run_native(
        "Stagecraft",
        options,
        Box::new(move |cc| {
            let app = StudyApp::new(&cc.egui_ctx, config)?.with_stored_layout(cc.storage);
            let (flag, ctx) = (app.termination_flag(), cc.egui_ctx.clone());
            let handler = move || {
                flag.store(true, std::sync::atomic::Ordering::SeqCst);
                ctx.request_repaint();
            };
            if let Err(err) = ctrlc::set_handler(handler) {
                eprintln!("stagecraft: closing on SIGTERM will not save a running exam's clock: {err}");
            }
            match report_from {
                Some(started) => Ok(Box::new(stagecraft::ui::FirstFrameReport::new(app, started))),
                None => Ok(Box::new(app)),
            }
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("stagecraft: the window could not be opened: {err}");
            ExitCode::from(2)
        }
    }
}
