//! Diagnostics: problems in the input, with file, line and column and what to do.
//!
//! Every stage reports problems as [`Diagnostic`]s instead of failing on the first one,
//! so that a user sees all that is wrong with a file in one run; `terminal` prints them.

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
}

impl SourceFile {
    /// Wraps a file's path and text for sharing between diagnostics.
    pub(crate) fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(Self { path: path.into(), text: text.into() })
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
        let file = self.file.as_ref()?;
        let path = display_path(&file.path);
        Some(match &self.span {
            Some(span) => {
                let (line, col) = file.line_col(span.start);
                format!("{path}:{line}:{col}")
            }
            None => path,
        })
    }
}

/// A path as printed: relative to the working directory where possible.
pub(crate) fn display_path(path: &Path) -> String {
    if path.is_relative() {
        return path.display().to_string();
    }
    let cwd = std::env::current_dir().ok();
    let relative = cwd.and_then(|cwd| pathdiff::diff_paths(path, cwd));
    relative.unwrap_or_else(|| path.to_path_buf()).display().to_string()
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
}
