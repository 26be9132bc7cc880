//! Terminal, for machines: one JSON object per line for each output and diagnostic
//! (`--message-format json`), and GitHub Actions annotations, which show a diagnostic on
//! the line that caused it.

use std::borrow::Cow;

use serde::Serialize;

use crate::diag::{Diagnostic, plain_path, shown};
use crate::pipeline::{BuildReport, Output, OutputStatus, TalkTime};
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

// The fields of each message are in alphabetical order, as the JSON objects were first
// written (with `json!`, whose maps are sorted): the lines stay byte for byte the same.

/// A language's estimated talk time: `{"type":"talk",…}`.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct TalkMessage<'a> {
    brief: &'a str,
    lang: &'a str,
    over: bool,
    seconds: u32,
    slides_with_notes: usize,
    slides_without_notes: usize,
    slot_seconds: u32,
    time: String,
    r#type: &'static str,
}

/// An output: `{"type":"output",…}`.
#[derive(Serialize)]
struct OutputMessage<'a> {
    brief: &'a str,
    bytes: Option<usize>,
    errors: usize,
    format: &'static str,
    lang: &'a str,
    /// How many layouts it took (a deck is laid out again while its bodies are fitted).
    #[serde(skip_serializing_if = "Option::is_none")]
    layouts: Option<usize>,
    ms: f64,
    pages: Option<usize>,
    path: String,
    status: OutputStatus,
    /// The State a leave-behind is for; absent for the other formats.
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'a str>,
    r#type: &'static str,
    warnings: usize,
}

/// A diagnostic, with the output it is about if it has one: `{"type":"diagnostic",…}`.
#[derive(Serialize)]
struct DiagnosticMessage<'a> {
    column: Option<usize>,
    file: Option<String>,
    hints: Vec<Cow<'a, str>>,
    line: Option<usize>,
    message: Cow<'a, str>,
    output: Option<String>,
    severity: &'static str,
    r#type: &'static str,
}

/// One message as a line of JSON.
fn json_line(message: &impl Serialize) -> String {
    serde_json::to_string(message).expect("a message serializes")
}

/// A language's estimated talk time as a JSON line.
fn talk_json(talk: &TalkTime) -> String {
    let t = &talk.talk;
    json_line(&TalkMessage {
        brief: &talk.brief,
        lang: &talk.lang,
        over: t.is_over(),
        seconds: t.seconds,
        slides_with_notes: t.slides_with_notes,
        slides_without_notes: t.slides_without_notes,
        slot_seconds: t.slot.seconds,
        time: clock(t.seconds),
        r#type: "talk",
    })
}

/// An output as a JSON line.
fn output_json(output: &Output) -> String {
    json_line(&OutputMessage {
        brief: &output.brief,
        bytes: output.bytes,
        errors: output.diagnostics.iter().filter(|d| d.is_error()).count(),
        format: output.format.name(),
        lang: &output.lang,
        layouts: output.layouts,
        ms: output.time.as_secs_f64() * 1000.0,
        pages: output.pages,
        path: plain_path(&output.path),
        status: output.status,
        state: output.state.as_deref(),
        r#type: "output",
        warnings: output.warnings(),
    })
}

/// A diagnostic as a JSON line, with its output if it has one.
fn diagnostic_json(diagnostic: &Diagnostic, output: Option<&Output>) -> String {
    let (line, column) = line_col(diagnostic).unzip();
    json_line(&DiagnosticMessage {
        column,
        file: diagnostic.file.as_ref().map(|f| plain_path(&f.path)),
        hints: diagnostic.hints.iter().map(|h| shown(h)).collect(),
        line,
        message: shown(&diagnostic.message),
        output: output.map(|o| plain_path(&o.path)),
        severity: if diagnostic.is_error() { "error" } else { "warning" },
        r#type: "diagnostic",
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
