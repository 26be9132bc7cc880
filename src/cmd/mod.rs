//! The subcommands, one file each. Each returns the process's exit code.

mod build;
mod check;

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
    }
}

/// Where briefings are looked for when no path is given.
const DEFAULT_FOLDER: &str = "briefs";

/// Pipeline options from the selection arguments.
fn options(select: SelectArgs, out: Option<PathBuf>) -> Result<Options, Diagnostic> {
    let paths = if select.paths.is_empty() {
        if !Path::new(DEFAULT_FOLDER).is_dir() {
            let message = format!("no briefing found in `{DEFAULT_FOLDER}`: there is no such folder here");
            let hint = "run `brief` from the folder that holds `briefs/`, or name a briefing folder: \
                        `brief build path/to/my-brief`";
            return Err(Diagnostic::error(message).hint(hint));
        }
        vec![PathBuf::from(DEFAULT_FOLDER)]
    } else {
        select.paths
    };
    Ok(Options { paths, langs: select.langs, formats: select.formats, out })
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
