//! The subcommands, one file each. Each returns the process's exit code.

mod build;
mod check;
mod i18n;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Command, SelectArgs};
use crate::diag::{self, Diagnostic};
use crate::pipeline::{Options, Report};

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
fn options(select: SelectArgs, out: Option<PathBuf>) -> Result<Options, Diagnostic> {
    let paths = default_paths(select.paths)?;
    Ok(Options { paths, langs: select.langs, formats: select.formats, out, strict: select.strict })
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

/// Prints the diagnostics of a run and a one-line tally; returns the exit code.
fn finish(report: &Report) -> ExitCode {
    diag::emit(&report.diagnostics);
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    if errors > 0 {
        eprintln!("error: {errors} error(s), {warnings} warning(s)");
        ExitCode::from(INPUT_ERROR)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints an error that stopped the run before it started.
fn fail(diagnostic: Diagnostic) -> ExitCode {
    diag::emit(&[diagnostic]);
    ExitCode::from(INPUT_ERROR)
}
