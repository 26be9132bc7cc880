//! Terminal: everything `brief` prints. Progress and diagnostics go to stderr; what the
//! user asked for (the paths written, JSON lines, the status table) to stdout.
//!
//! [`diagnostics`] draws diagnostics with source snippets; [`tables`] the build summary
//! and the translation status; [`machine`] JSON lines and GitHub Actions annotations;
//! [`watch`] the lines of `brief watch`.

mod diagnostics;
mod machine;
pub(crate) mod tables;
mod watch;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::diag::{Diagnostic, display_path, shown};
use crate::i18n::Outcome;
use crate::pipeline::{BuildReport, Options, OutputStatus};

pub(crate) use diagnostics::{emit, render_plain};
pub(crate) use tables::status_table;
pub(crate) use watch::{rebuilt, watch_failed, watching};

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum MessageFormat {
    /// Paths on stdout, diagnostics with source snippets and a summary on stderr.
    #[default]
    Human,
    /// One JSON object per line on stdout, for each output and each diagnostic.
    Json,
}

/// How a build's results are printed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Printing {
    /// Human or JSON.
    pub format: MessageFormat,
    /// No progress and no summary.
    pub quiet: bool,
    /// Print the path of each PDF written (`build`, not `check`).
    pub written: bool,
}

/// A progress bar on stderr: `3/12 out/upr/upr.fr.handout.pdf`.
pub(crate) struct Progress(ProgressBar);

impl Progress {
    /// A bar shown only for people, and not when quiet.
    pub(crate) fn new(printing: Printing) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if printing.format != MessageFormat::Human || printing.quiet {
            bar.set_draw_target(ProgressDrawTarget::hidden());
        }
        let style = ProgressStyle::with_template("{pos}/{len} {wide_msg}").expect("the template is valid");
        bar.set_style(style);
        Self(bar)
    }

    /// Hooks the bar to the pipeline's progress callbacks.
    pub(crate) fn attach(&self, options: &mut Options) {
        let bar = self.0.clone();
        options.on_start = Some(Box::new(move |total| bar.set_length(total as u64)));
        let bar = self.0.clone();
        options.on_done = Some(Box::new(move |output| {
            bar.inc(1);
            bar.set_message(display_path(&output.path));
        }));
    }

    /// Removes the bar.
    pub(crate) fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// Prints one line on stdout. A reader that stopped reading (`brief … | head`) is not an
/// error: what it did not read is dropped, and nothing panics.
pub(crate) fn out(line: impl std::fmt::Display) {
    out_text(&format!("{line}\n"));
}

/// Writes `text` to stdout, like [`out`], with no line a workflow command.
pub(crate) fn out_text(text: &str) {
    out_bytes(neutralised(text).as_bytes());
}

/// Writes `bytes` to stdout as they are, like [`out`]: for files the user asked for (a
/// man page, a completion script) and for our own workflow commands.
pub(crate) fn out_bytes(bytes: &[u8]) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(bytes).and_then(|()| stdout.flush());
}

/// Prints one line on stderr, with no line a workflow command.
pub(crate) fn err(line: impl std::fmt::Display) {
    err_text(&format!("{line}\n"));
}

/// Writes `text` to stderr, with no line a workflow command. A closed stderr is ignored.
pub(crate) fn err_text(text: &str) {
    use std::io::Write;
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(neutralised(text).as_bytes()).and_then(|()| stderr.flush());
}

/// Whether this runs under GitHub Actions, whose runner reads workflow commands from
/// what a step prints.
pub(crate) fn in_github_actions() -> bool {
    std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true")
}

/// `text` with no line that the GitHub Actions runner would read as a workflow command,
/// when running under it (elsewhere, `text` as it is). The runner takes a line whose
/// first non-blank characters are `::` as a command (`::warning …::`, `::add-mask::`),
/// and `##[` anywhere in a line as a command of the old form; a backslash goes before
/// them, so that the line prints as it reads. Our own annotations do not pass here.
pub(crate) fn neutralised(text: &str) -> std::borrow::Cow<'_, str> {
    if !in_github_actions() {
        return text.into();
    }
    neutralise(text)
}

fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    let is_command = |line: &str| line.trim_start().starts_with("::") || line.contains("##[");
    if !text.split(['\n', '\r']).any(is_command) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for line in text.split_inclusive(['\n', '\r']) {
        let blank = line.len() - line.trim_start().len();
        let (indent, rest) = line.split_at(blank);
        out.push_str(indent);
        if rest.starts_with("::") {
            out.push('\\');
        }
        out.push_str(&rest.replace("##[", "#\\#["));
    }
    out.into()
}

/// Prints what a build did, as `printing` says; under GitHub Actions, also an annotation
/// per diagnostic.
pub(crate) fn print_build(report: &BuildReport, printing: Printing) {
    if in_github_actions() {
        // Commands we mean, escaped inside: printed as they are.
        report
            .all_diagnostics()
            .for_each(|d| out_bytes(format!("{}\n", machine::github_annotation(d)).as_bytes()));
    }
    match printing.format {
        MessageFormat::Human => print_human(report, printing),
        MessageFormat::Json => machine::print_json(report),
    }
}

fn print_human(report: &BuildReport, printing: Printing) {
    if printing.written {
        for output in report.outputs.iter().filter(|o| o.status == OutputStatus::Built) {
            out(display_path(&output.path));
        }
    }
    let diagnostics: Vec<Diagnostic> = report.all_diagnostics().cloned().collect();
    emit(&diagnostics);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if !printing.quiet && !report.outputs.is_empty() {
        err_text(&tables::summary(report));
    }
    if !printing.quiet {
        err_text(&tables::talk_times(report));
    }
    if errors > 0 {
        err(format!("error: {errors} error(s), {} warning(s)", diagnostics.len() - errors));
    }
}

/// Prints the paths of files written, one a line, on stdout.
pub(crate) fn print_written(paths: &[std::path::PathBuf]) {
    for path in paths {
        out(display_path(path));
    }
}

/// Tells what to do with a briefing just made by `brief new`, on stderr.
pub(crate) fn print_next_steps(dir: &std::path::Path, lang: &str) {
    let dir = display_path(dir);
    let name = dir.rsplit(['/', '\\']).next().unwrap_or(&dir).to_owned();
    let other = if lang == "fr" { "es" } else { "fr" };
    let steps = [
        (format!("edit {dir}/brief.toml"), "replace the example text with yours".to_owned()),
        (format!("brief check {dir}"), "check it, and estimate the talk time".to_owned()),
        (format!("brief build {dir}"), format!("write out/{name}/{name}.{lang}.handout.pdf and .slides.pdf")),
        (format!("brief i18n init {other} {dir}"), "start a translation".to_owned()),
    ];
    let width = steps.iter().map(|(command, _)| command.len()).max().unwrap_or(0);
    err("next:");
    for (command, what) in steps {
        err(format!("  {command:<width$}  # {what}"));
    }
}

/// Which translators' edit printed its outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edit {
    /// `brief i18n init`.
    Init,
    /// `brief i18n update`.
    Update,
    /// `brief i18n confirm`.
    Confirm,
}

/// Prints what a translators' edit did: the file on stdout, the keys on stderr.
pub(crate) fn print_edit(edit: Edit, outcome: &Outcome) {
    let file = display_path(&outcome.file);
    match edit {
        Edit::Init => {
            out(file);
            err(format!("{} key(s) to translate", outcome.added.len()));
        }
        Edit::Update => {
            out(file);
            for key in &outcome.added {
                err(format!("added `{}`", shown(&key.to_string())));
            }
            for key in &outcome.stale {
                let key = shown(&key.to_string()).into_owned();
                err(format!("stale `{key}`: marked with a `# STALE` comment holding the new source text"));
            }
            let (added, stale) = (outcome.added.len(), outcome.stale.len());
            err(format!("{} current, {added} added, {stale} stale", outcome.current));
        }
        Edit::Confirm => err(format!("confirmed {} key(s) of `{file}`", outcome.current)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_line_is_a_workflow_command() {
        let text = "error: `a\n::warning file=x::y`\n  ::error::z\r::add-mask::w\nsee ##[warning]v\nplain\n";
        assert_eq!(
            neutralise(text),
            "error: `a\n\\::warning file=x::y`\n  \\::error::z\r\\::add-mask::w\nsee #\\#[warning]v\nplain\n"
        );
        assert!(matches!(neutralise("all: fine :: here\n"), std::borrow::Cow::Borrowed(_)));
    }
}
