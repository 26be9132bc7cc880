//! The `brief` binary: parse the command line, run the command, return its exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = brief::cli::Cli::parse();
    brief::cmd::run(cli.command)
}
