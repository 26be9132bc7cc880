//! Terminal, diagnostics: printed to stderr with a source snippet and a caret, in the
//! style of rustc and typst.

use std::io::{self, IsTerminal};

use codespan_reporting::diagnostic::Label;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};
use termcolor::{ColorChoice, NoColor, StandardStream, WriteColor};

use crate::diag::{Diagnostic, Severity, display_path};

/// A diagnostic as codespan-reporting draws it.
type Snippet = codespan_reporting::diagnostic::Diagnostic<()>;

/// Prints diagnostics to stderr, with a source snippet and caret where there is a span.
pub(crate) fn emit(diagnostics: &[Diagnostic]) {
    let choice = if io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let mut stderr = StandardStream::stderr(choice);
    for diagnostic in diagnostics {
        // A failure to print to stderr leaves nothing better to do.
        let _ = emit_one(&mut stderr, diagnostic);
    }
}

/// A diagnostic as `emit` prints it, without colour: for the preview page.
pub(crate) fn render_plain(diagnostic: &Diagnostic) -> String {
    let mut out = NoColor::new(Vec::new());
    let _ = emit_one(&mut out, diagnostic);
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}

fn emit_one(out: &mut impl WriteColor, diagnostic: &Diagnostic) -> io::Result<()> {
    let snippet = match diagnostic.severity {
        Severity::Error => Snippet::error(),
        Severity::Warning => Snippet::warning(),
    }
    .with_message(&diagnostic.message)
    .with_notes(diagnostic.hints.iter().map(|h| format!("hint: {h}")).collect());
    match (&diagnostic.file, &diagnostic.span) {
        (Some(file), Some(span)) => {
            let files = SimpleFile::new(display_path(&file.path), file.text.as_str());
            let snippet = snippet.with_labels(vec![Label::primary((), span.clone())]);
            term::emit(out, &Config::default(), &files, &snippet).map_err(io::Error::other)
        }
        _ => {
            let files = SimpleFile::new(String::new(), "");
            // Where the message does not already name the file.
            let location = diagnostic.location().filter(|l| !diagnostic.message.contains(&format!("`{l}`")));
            let location = location.map(|l| format!(" ({l})")).unwrap_or_default();
            let snippet = snippet.with_message(format!("{}{location}", diagnostic.message));
            term::emit(out, &Config::default(), &files, &snippet).map_err(io::Error::other)?;
            out.flush()
        }
    }
}
