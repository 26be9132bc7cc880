//! Terminal, for machines: one JSON object per line for each output and diagnostic
//! (`--message-format json`), and GitHub Actions annotations, which show a diagnostic on
//! the line that caused it.

use serde_json::json;

use crate::diag::{Diagnostic, plain_path, shown};
use crate::pipeline::{BuildReport, Output, TalkTime};
use crate::resolve::talk::clock;

/// Prints every diagnostic and output as a JSON line on stdout.
pub(super) fn print_json(report: &BuildReport) {
    for diagnostic in &report.diagnostics {
        super::out(diagnostic_json(diagnostic, None));
    }
    for output in &report.outputs {
        for diagnostic in &output.diagnostics {
            super::out(diagnostic_json(diagnostic, Some(output)));
        }
        super::out(output_json(output));
    }
    for talk in &report.talks {
        super::out(talk_json(talk));
    }
}

/// A language's estimated talk time as a JSON object.
fn talk_json(talk: &TalkTime) -> serde_json::Value {
    let t = &talk.talk;
    json!({
        "type": "talk",
        "brief": talk.brief,
        "lang": talk.lang,
        "seconds": t.seconds,
        "time": clock(t.seconds),
        "slot-seconds": t.slot.seconds,
        "over": t.is_over(),
        "slides-with-notes": t.slides_with_notes,
        "slides-without-notes": t.slides_without_notes,
    })
}

/// An output as a JSON object.
fn output_json(output: &Output) -> serde_json::Value {
    json!({
        "type": "output",
        "brief": output.brief,
        "lang": output.lang,
        "format": output.format.name(),
        "path": plain_path(&output.path),
        "status": output.status,
        "pages": output.pages,
        "bytes": output.bytes,
        "ms": output.time.as_secs_f64() * 1000.0,
        "warnings": output.warnings(),
        "errors": output.diagnostics.iter().filter(|d| d.is_error()).count(),
    })
}

/// A diagnostic as a JSON object, with its output if it has one.
fn diagnostic_json(diagnostic: &Diagnostic, output: Option<&Output>) -> serde_json::Value {
    let (line, column) = line_col(diagnostic).unzip();
    json!({
        "type": "diagnostic",
        "severity": if diagnostic.is_error() { "error" } else { "warning" },
        "message": shown(&diagnostic.message),
        "file": diagnostic.file.as_ref().map(|f| plain_path(&f.path)),
        "line": line,
        "column": column,
        "hints": diagnostic.hints.iter().map(|h| shown(h)).collect::<Vec<_>>(),
        "output": output.map(|o| plain_path(&o.path)),
    })
}

/// The diagnostic as a GitHub Actions workflow command, which shows it on the changed line.
pub(super) fn github_annotation(diagnostic: &Diagnostic) -> String {
    let kind = if diagnostic.is_error() { "error" } else { "warning" };
    let mut properties = Vec::new();
    if let Some(file) = &diagnostic.file {
        properties.push(format!("file={}", escape_property(&plain_path(&file.path))));
    }
    if let Some((line, col)) = line_col(diagnostic) {
        properties.push(format!("line={line},col={col}"));
    }
    let mut message = shown(&diagnostic.message).into_owned();
    for hint in &diagnostic.hints {
        message.push_str(&format!("\nhint: {}", shown(hint)));
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
        let d = Diagnostic::error("bad, 100%\r").at(&file, Some(6..7)).hint("fix: it");
        assert_eq!(
            github_annotation(&d),
            "::error file=briefs/a/fr.toml,line=2,col=1::bad, 100%25\\r%0Ahint: fix: it"
        );
        // A newline in a name is shown as `\n`; in the file's path it is escaped as data.
        let file = SourceFile::new("briefs/a\n::warning::x/fr.toml", "a = 1\n");
        let d = Diagnostic::error("`a\nb` is bad").at(&file, Some(0..1));
        assert_eq!(
            github_annotation(&d),
            "::error file=briefs/a%0A%3A%3Awarning%3A%3Ax/fr.toml,line=1,col=1::`a\\nb` is bad"
        );
    }
}
