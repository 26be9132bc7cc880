//! The subcommands, one file each. Each returns the process's exit code.

mod build;
mod check;
mod completions;
mod exchange;
mod i18n;
mod man;
pub(crate) mod new;
mod schema;
mod states;
mod watch;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command, SelectArgs};
use crate::diag::Diagnostic;
use crate::pipeline::{self, Options};
use crate::terminal::{self, Printing, Progress};

/// Exit code for errors in the input.
const INPUT_ERROR: u8 = 1;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Watch(args) => watch::run(args),
        Command::I18n(command) => i18n::run(command),
        Command::New { name, lang } => new::run(&name, &lang),
        Command::States { paths, lang, format } => states::run(paths, lang, format),
        Command::Schema { translation } => schema::run(translation),
        Command::Completions { shell } => completions::run(shell),
        Command::Man { out } => man::run(out.as_deref()),
        Command::MakeOutput => pipeline::serve_request(),
    }
}

/// Where briefings are looked for when no path is given.
const DEFAULT_FOLDER: &str = "briefs";

/// Pipeline options from the selection arguments.
fn options(select: &SelectArgs, out: Option<PathBuf>) -> Result<Options, Diagnostic> {
    let paths = default_paths(select.which.paths.clone())?;
    Ok(Options {
        paths,
        langs: select.which.langs.clone(),
        formats: select.which.formats.clone(),
        out,
        strict: select.strict,
        standards: select.pdf_standard.clone(),
        limits: pipeline::Limits {
            deadline: std::time::Duration::from_secs(select.template_timeout),
            memory: select.template_memory << 20,
        },
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

/// Runs the pipeline with a progress bar, prints what it did, and returns the exit code.
fn run_pipeline(mut options: Options, printing: Printing) -> ExitCode {
    let progress = Progress::new(printing);
    progress.attach(&mut options);
    let report = match pipeline::run(&options) {
        Ok(report) => report,
        Err(diagnostic) => return fail(diagnostic),
    };
    progress.finish();
    terminal::print_build(&report, printing);
    if report.has_errors() { ExitCode::from(INPUT_ERROR) } else { ExitCode::SUCCESS }
}

/// How `select` asks for results to be printed.
fn printing(select: &SelectArgs, written: bool) -> Printing {
    Printing { format: select.message_format, quiet: select.quiet, written }
}

/// Prints an error that stopped the run before it started.
fn fail(diagnostic: Diagnostic) -> ExitCode {
    terminal::emit(&[diagnostic]);
    ExitCode::from(INPUT_ERROR)
}
