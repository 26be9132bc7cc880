//! Report stage: what a build did, for people (a summary table) and for machines (one JSON
//! object per output and per diagnostic; GitHub Actions annotations).

use std::fmt::Write as _;

use serde_json::json;

use crate::diag::{Diagnostic, display_path};
use crate::pipeline::{Fate, Output, Report};

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum MessageFormat {
    /// Paths on stdout, diagnostics with source snippets and a summary on stderr.
    #[default]
    Human,
    /// One JSON object per line on stdout, for each output and each diagnostic.
    Json,
}

/// The summary table: one row per output.
pub fn summary(report: &Report) -> String {
    let width = report.outputs.iter().map(|o| o.brief.len()).max().unwrap_or(5).max(5);
    let mut table = format!(
        "{:<width$}  {:<5}  {:<7}  {:>5}  {:>8}  {:>7}  {:>8}  STATUS\n",
        "BRIEF", "LANG", "FORMAT", "PAGES", "SIZE", "TIME", "WARNINGS"
    );
    for o in &report.outputs {
        let pages = o.pages.map_or("-".to_owned(), |p| p.to_string());
        let size = o.bytes.map_or("-".to_owned(), |b| format!("{:.1} KB", b as f64 / 1024.0));
        let time = if o.fate == Fate::Built { format!("{} ms", o.time.as_millis()) } else { "-".to_owned() };
        let _ = writeln!(
            table,
            "{:<width$}  {:<5}  {:<7}  {pages:>5}  {size:>8}  {time:>7}  {:>8}  {}",
            o.brief,
            o.lang,
            o.format.name(),
            o.warnings(),
            fate_name(o.fate)
        );
    }
    table
}

fn fate_name(fate: Fate) -> &'static str {
    match fate {
        Fate::Built => "built",
        Fate::UpToDate => "up to date",
        Fate::Failed => "FAILED",
    }
}

/// An output as a JSON object.
pub fn output_json(output: &Output) -> serde_json::Value {
    json!({
        "type": "output",
        "brief": output.brief,
        "lang": output.lang,
        "format": output.format.name(),
        "path": display_path(&output.path),
        "status": output.fate,
        "pages": output.pages,
        "bytes": output.bytes,
        "ms": output.time.as_secs_f64() * 1000.0,
        "warnings": output.warnings(),
        "errors": output.diagnostics.iter().filter(|d| d.is_error()).count(),
    })
}

/// A diagnostic as a JSON object, with its output if it has one.
pub fn diagnostic_json(diagnostic: &Diagnostic, output: Option<&Output>) -> serde_json::Value {
    let (line, column) = line_col(diagnostic).unzip();
    json!({
        "type": "diagnostic",
        "severity": if diagnostic.is_error() { "error" } else { "warning" },
        "message": diagnostic.message,
        "file": diagnostic.file.as_ref().map(|f| display_path(&f.path)),
        "line": line,
        "column": column,
        "hints": diagnostic.hints,
        "output": output.map(|o| display_path(&o.path)),
    })
}

/// The diagnostic as a GitHub Actions workflow command, which shows it on the changed line.
pub fn github_annotation(diagnostic: &Diagnostic) -> String {
    let kind = if diagnostic.is_error() { "error" } else { "warning" };
    let mut properties = Vec::new();
    if let Some(file) = &diagnostic.file {
        properties.push(format!("file={}", escape_property(&display_path(&file.path))));
    }
    if let Some((line, col)) = line_col(diagnostic) {
        properties.push(format!("line={line},col={col}"));
    }
    let mut message = diagnostic.message.clone();
    for hint in &diagnostic.hints {
        message.push_str(&format!("\nhint: {hint}"));
    }
    format!("::{kind} {}::{}", properties.join(","), escape_data(&message))
}

fn line_col(diagnostic: &Diagnostic) -> Option<(usize, usize)> {
    let (file, span) = (diagnostic.file.as_ref()?, diagnostic.span.as_ref()?);
    Some(file.line_col(span.start))
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceFile;

    #[test]
    fn annotations_carry_file_line_and_column_escaped() {
        let file = SourceFile::new("briefs/a/fr.toml", "a = 1\nb = 2\n");
        let d = Diagnostic::error("bad, 100%\nreally").at(&file, Some(6..7)).hint("fix: it");
        assert_eq!(
            github_annotation(&d),
            "::error file=briefs/a/fr.toml,line=2,col=1::bad, 100%25%0Areally%0Ahint: fix: it"
        );
    }
}
