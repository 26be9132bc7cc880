//! Terminal, diagnostics: printed to stderr with a source snippet and a caret, in the
//! style of rustc and typst.

use std::io::{self, IsTerminal};
use std::ops::Range;

use codespan_reporting::diagnostic::Label;
use codespan_reporting::files::{Files, Location, SimpleFile};
use codespan_reporting::term::{self, Config};
use termcolor::{ColorChoice, NoColor, StandardStream, WriteColor};

use crate::diag::{Diagnostic, Severity, display_path, shown as display};

/// A diagnostic as codespan-reporting draws it.
type Snippet = codespan_reporting::diagnostic::Diagnostic<()>;

/// Prints diagnostics to stderr, with a source snippet and caret where there is a span.
/// Under GitHub Actions, without colour and with no line that the runner would read as a
/// workflow command (see [`super::neutralised`]).
pub(crate) fn emit(diagnostics: &[Diagnostic]) {
    if super::in_github_actions() {
        diagnostics.iter().for_each(|diagnostic| super::err_text(&render_plain(diagnostic)));
        return;
    }
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
    .with_message(display(&diagnostic.message))
    .with_notes(diagnostic.hints.iter().map(|h| format!("hint: {}", display(h))).collect());
    match (&diagnostic.file, &diagnostic.span) {
        (Some(file), Some(span)) => {
            let (text, shown_span) = shown(&file.text, span.clone());
            let (text, shown_span) = escape_hidden(text, shown_span);
            let real =
                SimpleFile::new("", file.text.as_str()).location((), span.start).map_err(io::Error::other)?;
            let files = Shown {
                file: SimpleFile::new(display_path(&file.path), text.as_str()),
                at: shown_span.start,
                real,
            };
            let snippet = snippet.with_labels(vec![Label::primary((), shown_span)]);
            term::emit(out, &Config::default(), &files, &snippet).map_err(io::Error::other)
        }
        _ => {
            let files = SimpleFile::new(String::new(), "");
            // Where the message does not already name the file.
            let location = diagnostic.location().filter(|l| !diagnostic.message.contains(&format!("`{l}`")));
            let location = location.map(|l| format!(" ({l})")).unwrap_or_default();
            let snippet = snippet.with_message(format!("{}{location}", display(&diagnostic.message)));
            term::emit(out, &Config::default(), &files, &snippet).map_err(io::Error::other)?;
            out.flush()
        }
    }
}

/// A file as its snippet shows it (long lines cut), which still gives the line and
/// column of the span in the file as it is.
struct Shown<'a> {
    file: SimpleFile<String, &'a str>,
    /// Where the span starts in the text shown.
    at: usize,
    /// Its line and column in the file.
    real: Location,
}

impl<'a> Files<'a> for Shown<'a> {
    type FileId = ();
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, id: ()) -> Result<String, codespan_reporting::files::Error> {
        Files::name(&self.file, id)
    }

    fn source(&'a self, id: ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Files::source(&self.file, id)
    }

    fn line_index(&'a self, id: (), byte_index: usize) -> Result<usize, codespan_reporting::files::Error> {
        self.file.line_index(id, byte_index)
    }

    fn line_range(
        &'a self,
        id: (),
        line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        self.file.line_range(id, line_index)
    }

    fn location(&'a self, id: (), byte_index: usize) -> Result<Location, codespan_reporting::files::Error> {
        if byte_index == self.at { Ok(self.real) } else { self.file.location(id, byte_index) }
    }
}

/// The snippet's text with what would print as nothing or turn the line around (a
/// zero-width space, a bidirectional override) escaped as messages show it, and the span
/// moved with it. Line ends and TABs stay: the snippet lays them out.
fn escape_hidden(text: String, span: Range<usize>) -> (String, Range<usize>) {
    let hidden = |c: char| !matches!(c, '\n' | '\r' | '\t') && display(c.encode_utf8(&mut [0; 4])).len() > 1;
    if !text.chars().any(hidden) {
        return (text, span);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let (mut start, mut end) = (None, None);
    for (i, c) in text.char_indices() {
        if i >= span.start && start.is_none() {
            start = Some(out.len());
        }
        if i >= span.end && end.is_none() {
            end = Some(out.len());
        }
        if hidden(c) { out.push_str(&display(c.encode_utf8(&mut [0; 4]))) } else { out.push(c) }
    }
    let len = out.len();
    let start = start.unwrap_or(len);
    (out, start..end.unwrap_or(len).max(start))
}

/// Lines longer than this many characters are shown cut.
const MAX_LINE_CHARS: usize = 160;

/// The text and span a snippet shows: each line longer than [`MAX_LINE_CHARS`] is cut to
/// a window around the span (or to its start), marked with `…`, so that an error in a
/// line of a megabyte prints a line, not the megabyte. Line numbers stay as they are.
fn shown(text: &str, span: Range<usize>) -> (String, Range<usize>) {
    if text.lines().all(|line| line.len() <= MAX_LINE_CHARS) {
        return (text.to_owned(), span);
    }
    let mut out = String::new();
    let (mut start, mut end) = (span.start.min(text.len()), span.end.min(text.len()));
    let (mut new_start, mut new_end) = (None, None);
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let chars = body.chars().count();
        // The part of the line kept, as byte offsets into it.
        let (keep, cut_before, cut_after) = if chars <= MAX_LINE_CHARS {
            (0..line.len(), false, false)
        } else {
            let focus = [start, end].into_iter().find(|p| (line_start..line_end).contains(p));
            let focus = focus.map_or(0, |p| p - line_start);
            let focus_char = body.char_indices().take_while(|(i, _)| *i < focus).count();
            let first = focus_char.saturating_sub(MAX_LINE_CHARS / 3).min(chars - MAX_LINE_CHARS);
            let byte = |n: usize| body.char_indices().nth(n).map_or(body.len(), |(i, _)| i);
            (byte(first)..byte(first + MAX_LINE_CHARS), first > 0, first + MAX_LINE_CHARS < chars)
        };
        if cut_before {
            out.push('…');
        }
        let base = out.len();
        out.push_str(&line[keep.clone()]);
        let map = |p: usize| base + p.clamp(keep.start, keep.end) - keep.start;
        if (line_start..line_end).contains(&start) && new_start.is_none() {
            new_start = Some(map(start - line_start));
        }
        if (line_start..line_end).contains(&end) && new_end.is_none() {
            new_end = Some(map(end - line_start));
        }
        if cut_after {
            out.push('…');
        }
        out.push_str(&line[keep.end.max(body.len())..]);
        line_start = line_end;
    }
    start = new_start.unwrap_or(out.len());
    end = new_end.unwrap_or(out.len()).max(start);
    (out, start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_around_the_span_and_short_ones_kept() {
        let long = format!("title = \"{}BAD{}\"", "a".repeat(5000), "b".repeat(5000));
        let text = format!("lang = \"en\"\n{long}\nx = 1\n");
        let at = text.find("BAD").expect("there");
        let (shown, span) = shown(&text, at..at + 3);
        assert_eq!(&shown[span], "BAD");
        let lines: Vec<&str> = shown.lines().collect();
        assert_eq!(lines.len(), 3, "line numbers kept");
        assert_eq!((lines[0], lines[2]), ("lang = \"en\"", "x = 1"));
        assert!(lines[1].starts_with('…') && lines[1].ends_with('…'), "{}", lines[1]);
        assert!(lines[1].chars().count() <= MAX_LINE_CHARS + 2);
        let diagnostic = Diagnostic::error("bad")
            .at(&crate::diag::SourceFile::new("b.toml", text.clone()), Some(at..at + 3));
        let printed = render_plain(&diagnostic);
        assert!(printed.contains(&format!("b.toml:2:{}", "title = \"".len() + 5000 + 1)), "{printed}");
        assert!(printed.len() < 1000, "{printed}");
        // Short text is shown as it is.
        assert_eq!(super::shown("a = 1\n", 4..5), ("a = 1\n".to_owned(), 4..5));
        // A span at the end of a long line, in multi-byte text.
        let text = format!("{}é", "é".repeat(400));
        let end = text.len();
        let (shown, span) = super::shown(&text, end - 2..end);
        assert_eq!(&shown[span], "é");
    }

    #[test]
    fn snippets_show_hidden_characters_escaped() {
        let text = "\"title\u{200B}\" = \"x\u{202E}y\"\n".to_owned();
        let at = text.find('=').unwrap();
        let (shown, span) = escape_hidden(text, at..at + 1);
        assert_eq!(shown, "\"title\\u{200B}\" = \"x\\u{202E}y\"\n");
        assert_eq!(&shown[span], "=");
    }
}
