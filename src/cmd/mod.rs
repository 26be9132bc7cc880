//! The subcommands, one file each. Each returns the process's exit code.

mod build;
mod check;
mod i18n;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{Command, SelectArgs};
use crate::diag::{self, Diagnostic};
use crate::pipeline::{self, Fate, Options, Report};
use crate::report::{self, MessageFormat};

/// Exit code for errors in the input.
pub const INPUT_ERROR: u8 = 1;

/// Runs a parsed command line.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::I18n(command) => i18n::run(command),
    }
}

/// Where briefings are looked for when no path is given.
const DEFAULT_FOLDER: &str = "briefs";

/// Pipeline options from the selection arguments.
fn options(select: &SelectArgs, out: Option<PathBuf>) -> Result<Options, Diagnostic> {
    let paths = default_paths(select.paths.clone())?;
    Ok(Options {
        paths,
        langs: select.langs.clone(),
        formats: select.formats.clone(),
        out,
        strict: select.strict,
        ..Options::default()
    })
}

/// The paths given, or `briefs` if there is such a folder here.
fn default_paths(paths: Vec<PathBuf>) -> Result<Vec<PathBuf>, Diagnostic> {
    if !paths.is_empty() {
        return Ok(paths);
    }
    if !Path::new(DEFAULT_FOLDER).is_dir() {
        let message = format!("no briefing found in `{DEFAULT_FOLDER}`: there is no such folder here");
        let hint = "run `brief` from the folder that holds `briefs/`, or name a briefing folder: \
                    `brief build path/to/my-brief`";
        return Err(Diagnostic::error(message).hint(hint));
    }
    Ok(vec![PathBuf::from(DEFAULT_FOLDER)])
}

/// Runs the pipeline with a progress bar, prints what it did in the chosen format, and
/// returns the exit code.
fn run_pipeline(mut options: Options, select: &SelectArgs, print_written: bool) -> ExitCode {
    let human = select.message_format == MessageFormat::Human;
    let progress = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if !human || select.quiet {
        progress.set_draw_target(ProgressDrawTarget::hidden());
    }
    progress.set_style(
        ProgressStyle::with_template("{pos}/{len} {wide_msg}").unwrap_or(ProgressStyle::default_bar()),
    );
    let bar = progress.clone();
    options.on_start = Some(Box::new(move |total| bar.set_length(total as u64)));
    let bar = progress.clone();
    options.on_done = Some(Box::new(move |output| {
        bar.inc(1);
        bar.set_message(diag::display_path(&output.path));
    }));
    let report = match pipeline::run(&options) {
        Ok(report) => report,
        Err(diagnostic) => return fail(diagnostic),
    };
    progress.finish_and_clear();
    if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
        report.all_diagnostics().for_each(|d| println!("{}", report::github_annotation(d)));
    }
    if human {
        print_human(&report, select.quiet, print_written);
    } else {
        print_json(&report);
    }
    if report.has_errors() { ExitCode::from(INPUT_ERROR) } else { ExitCode::SUCCESS }
}

fn print_human(report: &Report, quiet: bool, print_written: bool) {
    if print_written {
        for output in report.outputs.iter().filter(|o| o.fate == Fate::Built) {
            println!("{}", diag::display_path(&output.path));
        }
    }
    let diagnostics: Vec<Diagnostic> = report.all_diagnostics().cloned().collect();
    diag::emit(&diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if !quiet && !report.outputs.is_empty() {
        eprint!("{}", report::summary(report));
    }
    if errors > 0 {
        eprintln!("error: {errors} error(s), {} warning(s)", diagnostics.len() - errors);
    }
}

fn print_json(report: &Report) {
    for diagnostic in &report.diagnostics {
        println!("{}", report::diagnostic_json(diagnostic, None));
    }
    for output in &report.outputs {
        for diagnostic in &output.diagnostics {
            println!("{}", report::diagnostic_json(diagnostic, Some(output)));
        }
        println!("{}", report::output_json(output));
    }
}

/// Prints an error that stopped the run before it started.
fn fail(diagnostic: Diagnostic) -> ExitCode {
    diag::emit(&[diagnostic]);
    ExitCode::from(INPUT_ERROR)
}
