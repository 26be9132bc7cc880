//! `brief build`: make the PDFs and say what was written.

use std::process::ExitCode;

use crate::cli::BuildArgs;
use crate::diag::display_path;
use crate::pipeline;

/// Builds the selected outputs; prints each written path on stdout.
pub fn run(args: BuildArgs) -> ExitCode {
    let options = super::options(args.select, Some(args.out));
    let options = match options {
        Ok(options) => options,
        Err(diagnostic) => return super::fail(diagnostic),
    };
    let report = match pipeline::run(&options) {
        Ok(report) => report,
        Err(diagnostic) => return super::fail(diagnostic),
    };
    for output in report.outputs.iter().filter(|o| o.ok) {
        println!("{}", display_path(&output.path));
    }
    let code = super::finish(&report);
    let written = report.outputs.iter().filter(|o| o.ok).count();
    eprintln!("wrote {written} of {} PDF(s)", report.outputs.len());
    code
}
