//! `brief watch`: build, then rebuild what each save affects, until Ctrl-C.

use std::process::ExitCode;

use crate::cli::WatchArgs;
use crate::pipeline::Options;
use crate::watch;

/// Watches the selected briefings; with `--serve`, also serves the preview page.
pub(crate) fn run(args: WatchArgs) -> ExitCode {
    let paths = match super::default_paths(args.which.paths) {
        Ok(paths) => paths,
        Err(diagnostic) => return super::fail(diagnostic),
    };
    let options = Options {
        paths,
        langs: args.which.langs,
        formats: args.which.formats,
        out: Some(args.out),
        keep_documents: args.serve,
        ..Options::default()
    };
    match watch::run(options, args.serve.then_some(args.port)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(diagnostic) => super::fail(diagnostic),
    }
}
