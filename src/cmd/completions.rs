//! `brief completions <shell>`: a completion script for the shell, on stdout.

use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Cli;

/// Prints the completion script of `shell`.
pub(crate) fn run(shell: clap_complete::Shell) -> ExitCode {
    clap_complete::generate(shell, &mut Cli::command(), "brief", &mut std::io::stdout());
    ExitCode::SUCCESS
}
