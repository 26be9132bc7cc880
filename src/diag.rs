//! Diagnostics: problems in the input, with file, line and column and what to do.
//!
//! Every stage reports problems as [`Diagnostic`]s instead of failing on the first one,
//! so that a user sees all that is wrong with a file in one run; `terminal` prints them.

use std::borrow::Cow;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A file whose text diagnostics point into.
#[derive(Debug)]
pub(crate) struct SourceFile {
    /// The path as the user should see it.
    pub path: PathBuf,
    /// The whole text.
    pub text: String,
    /// Whether the file starts with a byte-order mark, which `text` leaves out.
    pub bom: bool,
    /// Whether its lines end with a lone CR (as old Mac editors write), each read as LF
    /// in `text`.
    pub cr_lines: bool,
}

impl SourceFile {
    /// Wraps a file's path and text for sharing between diagnostics.
    pub(crate) fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self { path: path.into(), text: text.into(), bom: false, cr_lines: false })
    }

    /// A file's text as read from disk, its byte-order mark already dropped (`bom`): a
    /// lone CR, which TOML does not take for a line end, is read as one (LF, one byte for
    /// one, so that every offset stays where it was). CRLF stays as it is.
    pub(crate) fn decoded(path: impl Into<PathBuf>, text: String, bom: bool) -> Arc<Self> {
        let bytes = text.as_bytes();
        let lone_cr = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        let lone_crs: Vec<usize> = (0..bytes.len()).filter(|&i| lone_cr(i)).collect();
        let cr_lines = !lone_crs.is_empty() && !has_lone_lf(&text);
        let mut bytes = text.into_bytes();
        // Only a CR byte changes, and a CR is never part of a longer character.
        lone_crs.into_iter().for_each(|i| bytes[i] = b'\n');
        let text =
            String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Arc::new(Self { path: path.into(), text, bom, cr_lines })
    }

    /// `text` (an edit of this file's) as it is written back in this file's form: its
    /// byte-order mark if it had one, and its line ends where they were all CRLF or all
    /// CR, so that an edit changes only what it changes.
    pub(crate) fn encode(&self, text: &str) -> String {
        let bom = if self.bom { "\u{FEFF}" } else { "" };
        let crlf = self.text.contains("\r\n") && !has_lone_lf(&self.text);
        let ending = if self.cr_lines {
            "\r"
        } else if crlf {
            "\r\n"
        } else {
            return format!("{bom}{text}");
        };
        let mut out = String::with_capacity(text.len() + text.len() / 16 + 3);
        out.push_str(bom);
        let mut previous = None;
        for c in text.chars() {
            match c {
                '\n' if previous != Some('\r') => out.push_str(ending),
                c => out.push(c),
            }
            previous = Some(c);
        }
        out
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line = before.matches('\n').count() + 1;
        (line, before[line_start..].chars().count() + 1)
    }
}

/// Whether `text` has a LF with no CR before it.
fn has_lone_lf(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| b == b'\n' && (i == 0 || bytes[i - 1] != b'\r'))
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Severity {
    /// The output cannot be made.
    Error,
    /// The output is made, but something is likely wrong.
    Warning,
}

/// A problem found in the input, with where it is and how to fix it.
#[derive(Debug, Clone)]
pub(crate) struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Lowercase, names in backticks.
    pub message: String,
    /// The file and byte range the problem is at, if it has one.
    pub file: Option<Arc<SourceFile>>,
    /// Byte range in `file`.
    pub span: Option<Range<usize>>,
    /// What to do about it.
    pub hints: Vec<String>,
}

impl Diagnostic {
    /// An error without a location yet.
    pub(crate) fn error(message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, message: message.into(), file: None, span: None, hints: Vec::new() }
    }

    /// A warning without a location yet.
    pub(crate) fn warning(message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(message) }
    }

    /// An error reading or writing a file: `cannot {verb} `path`: {error}`.
    pub(crate) fn io(verb: &str, path: &Path, error: &io::Error) -> Self {
        Self::error(format!("cannot {verb} `{}`: {error}", display_path(path)))
            .at(&SourceFile::new(path, ""), None)
    }

    /// Points the diagnostic at a file, and at a span in it if known.
    pub(crate) fn at(mut self, file: &Arc<SourceFile>, span: Option<Range<usize>>) -> Self {
        self.file = Some(file.clone());
        self.span = span;
        self
    }

    /// Adds a hint line.
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Whether `other` says the same thing at the same place.
    pub(crate) fn same_as(&self, other: &Diagnostic) -> bool {
        self.severity == other.severity
            && self.message == other.message
            && self.span == other.span
            && self.file.as_ref().map(|f| &f.path) == other.file.as_ref().map(|f| &f.path)
    }

    /// Whether this is an error.
    pub(crate) fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, or just the path, or nothing.
    pub(crate) fn location(&self) -> Option<String> {
        Some(location(self.file.as_ref()?, self.span.as_ref()))
    }
}

/// `path:line:col` of `span` in `file`, or just the path.
pub(crate) fn location(file: &SourceFile, span: Option<&Range<usize>>) -> String {
    let path = display_path(&file.path);
    match span {
        Some(span) => {
            let (line, col) = file.line_col(span.start);
            format!("{path}:{line}:{col}")
        }
        None => path,
    }
}

/// A path as printed: relative to the working directory where possible, with what would
/// print as nothing or break the line escaped (see [`shown`]).
pub(crate) fn display_path(path: &Path) -> String {
    shown(&plain_path(path)).into_owned()
}

/// A path relative to the working directory where possible, as it is (for machines).
pub(crate) fn plain_path(path: &Path) -> String {
    if path.is_relative() {
        return path.display().to_string();
    }
    let cwd = std::env::current_dir().ok();
    let relative = cwd.and_then(|cwd| pathdiff::diff_paths(path, cwd));
    relative.unwrap_or_else(|| path.to_path_buf()).display().to_string()
}

/// Text as a message shows it: the characters that print as nothing, break the line or
/// move the text around them (controls such as a newline or TAB, format characters such
/// as U+200B or U+202E, line and paragraph separators) written as escapes (`\n`, `\t`,
/// `\u{200B}`), so that a name quoted reads as what is in the file, and a line of a log
/// stays one line.
pub(crate) fn shown(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Whether `c` prints as nothing or as something it is not: a control (Cc), a format
/// character (Cf: zero-width and bidirectional controls, U+FEFF, soft hyphen), or a line
/// or paragraph separator.
fn is_hidden(c: char) -> bool {
    use icu_properties::{CodePointMapData, props::GeneralCategory};
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    matches!(
        CodePointMapData::<GeneralCategory>::new().get(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let file = SourceFile::new("a.toml", "one\nдва = 2\n");
        assert_eq!(file.line_col(0), (1, 1));
        assert_eq!(file.line_col(4), (2, 1));
        // "два" is six bytes; the column after it is the fourth character.
        assert_eq!(file.line_col(10), (2, 4));
    }

    #[test]
    fn files_are_written_back_in_their_own_form() {
        let crlf = SourceFile::decoded("a.toml", "a = 1\r\nb = 2\r\n".into(), true);
        assert_eq!(crlf.text, "a = 1\r\nb = 2\r\n");
        assert_eq!(crlf.encode("a = 1\r\nb = 2\nc = 3\n"), "\u{FEFF}a = 1\r\nb = 2\r\nc = 3\r\n");
        let cr = SourceFile::decoded("a.toml", "a = 1\rb = \"x\"\r".into(), false);
        assert_eq!((cr.text.as_str(), cr.cr_lines), ("a = 1\nb = \"x\"\n", true));
        assert_eq!(cr.line_col(6), (2, 1));
        assert_eq!(cr.encode("a = 1\nb = \"x\"\nc = \"\"\n"), "a = 1\rb = \"x\"\rc = \"\"\r");
        let lf = SourceFile::decoded("a.toml", "a = 1\nb = 2\r\n".into(), false);
        assert_eq!(lf.encode("a = 1\nb = 2\r\nc = 3\n"), "a = 1\nb = 2\r\nc = 3\n", "mixed: as edited");
    }

    #[test]
    fn hidden_characters_are_shown_escaped() {
        assert_eq!(shown("unknown key `title\u{200B}`"), "unknown key `title\\u{200B}`");
        assert_eq!(shown("a\n::warning::x\tb\r"), "a\\n::warning::x\\tb\\r");
        assert_eq!(
            shown("exe\u{202E}gpj.exe \u{2066}\u{FEFF}\u{2028}"),
            "exe\\u{202E}gpj.exe \\u{2066}\\u{FEFF}\\u{2028}"
        );
        assert!(matches!(shown("Traité des êtres, «humains», العربية"), Cow::Borrowed(_)));
        assert_eq!(display_path(Path::new("briefs/a\n::error::b")), "briefs/a\\n::error::b");
    }
}
