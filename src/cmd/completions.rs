//! `brief completions <shell>`: a completion script for the shell, on stdout.

use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Cli;

/// Prints the completion script of `shell`.
pub(crate) fn run(shell: clap_complete::Shell) -> ExitCode {
    // Written whole, then printed: clap_complete panics when stdout is closed early.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "brief", &mut script);
    crate::terminal::out_bytes(&script);
    ExitCode::SUCCESS
}
