//! `brief check`: everything `build` checks, writing nothing.

use std::process::ExitCode;

use crate::cli::SelectArgs;
use crate::pipeline;

/// Checks the selected outputs.
pub fn run(args: SelectArgs) -> ExitCode {
    let options = super::options(args, None);
    let options = match options {
        Ok(options) => options,
        Err(diagnostic) => return super::fail(diagnostic),
    };
    let report = match pipeline::run(&options) {
        Ok(report) => report,
        Err(diagnostic) => return super::fail(diagnostic),
    };
    let code = super::finish(&report);
    if !report.has_errors() {
        eprintln!("checked {} output(s): no errors", report.outputs.len());
    }
    code
}
