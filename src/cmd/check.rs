//! `brief check`: everything `build` checks, writing nothing.

use std::process::ExitCode;

use crate::cli::SelectArgs;

/// Checks the selected outputs: lays each out and exports it, but writes nothing.
pub(crate) fn run(args: SelectArgs) -> ExitCode {
    let options = match super::options(&args, None) {
        Ok(options) => options,
        Err(diagnostic) => return super::fail(diagnostic),
    };
    super::run_pipeline(options, super::printing(&args, false))
}
