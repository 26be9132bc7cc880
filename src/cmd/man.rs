//! `brief man`: the manual page of `brief` on stdout, or with `--out DIR` a page for it and
//! for each subcommand (`brief.1`, `brief-build.1`, `brief-i18n-status.1`, …).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::diag::Diagnostic;
use crate::terminal;

/// Prints `brief.1`, or writes every page into `out`.
pub(crate) fn run(out: Option<&Path>) -> ExitCode {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let result = match out {
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(command)
                .render(&mut page)
                .map(|()| terminal::out_bytes(&page))
                .map_err(|e| Diagnostic::error(format!("cannot print the manual page: {e}")))
        }
        Some(dir) => write_pages(&command, dir).map(|pages| terminal::print_written(&pages)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(diagnostic) => super::fail(diagnostic),
    }
}

/// Writes the page of `command` and of each of its subcommands into `dir`.
fn write_pages(command: &clap::Command, dir: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut pages = Vec::new();
    let man = clap_mangen::Man::new(command.clone());
    let path = dir.join(man.get_filename());
    let mut page = Vec::new();
    man.render(&mut page).map_err(|e| Diagnostic::io("write", &path, &e))?;
    crate::folder::write_output(&path, &page).map_err(|e| Diagnostic::io("write", &path, &e))?;
    pages.push(path);
    for subcommand in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.extend(write_pages(subcommand, dir)?);
    }
    Ok(pages)
}
