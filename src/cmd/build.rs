//! `brief build`: make the PDFs (only those whose inputs changed) and say what was written.

use std::process::ExitCode;

use crate::cli::BuildArgs;

/// Builds the selected outputs; prints each written path on stdout.
pub(crate) fn run(args: BuildArgs) -> ExitCode {
    let mut options = match super::options(&args.select, Some(args.out)) {
        Ok(options) => options,
        Err(diagnostic) => return super::fail(diagnostic),
    };
    options.force = args.force;
    options.keep_stale = args.keep_stale;
    options.shard = args.shard;
    options.emit_typst = args.emit_typst;
    options.png = args.png.then_some(args.dpi);
    super::run_pipeline(options, super::printing(&args.select, true))
}
