//! Terminal, tables: the build summary (stderr) and the translation status (stdout).

use std::fmt::Write as _;

use serde::Serialize;

use crate::diag::shown;
use crate::i18n::{State, Status};
use crate::pipeline::{BuildReport, OutputStatus};
use crate::resolve::talk::clock;

/// The summary table: one row per output.
pub(super) fn summary(report: &BuildReport) -> String {
    let width = report.outputs.iter().map(|o| shown(&o.brief).chars().count()).max().unwrap_or(5).max(5);
    let lang = report.outputs.iter().map(|o| o.lang.chars().count()).max().unwrap_or(4).max(5);
    let mut table = format!(
        "{:<width$}  {:<lang$}  {:<7}  {:>5}  {:>8}  {:>7}  {:>8}  STATUS\n",
        "BRIEF", "LANG", "FORMAT", "PAGES", "SIZE", "TIME", "WARNINGS"
    );
    for o in &report.outputs {
        let pages = o.pages.map_or("-".to_owned(), |p| p.to_string());
        let size = o.bytes.map_or("-".to_owned(), |b| format!("{:.1} KB", b as f64 / 1024.0));
        let built = o.status == OutputStatus::Built;
        let time = if built { format!("{} ms", o.time.as_millis()) } else { "-".to_owned() };
        let _ = writeln!(
            table,
            "{:<width$}  {:<lang$}  {:<7}  {pages:>5}  {size:>8}  {time:>7}  {:>8}  {}",
            shown(&o.brief),
            o.lang,
            o.format.name(),
            o.warnings(),
            status_name(o.status)
        );
    }
    table
}

/// The estimated talk time of each language, a line per briefing:
/// `talk time of upr: en 5:40, fr 6:20 (over) (slot 6:00)`.
pub(super) fn talk_times(report: &BuildReport) -> String {
    let mut lines = String::new();
    for (i, talk) in report.talks.iter().enumerate() {
        let first = i == 0 || report.talks[i - 1].brief != talk.brief;
        if first {
            let _ = write!(lines, "talk time of {}: ", shown(&talk.brief));
        } else {
            lines.push_str(", ");
        }
        let t = &talk.talk;
        let _ = write!(lines, "{} {}", talk.lang, clock(t.seconds));
        if t.slides_with_notes == 0 {
            lines.push_str(" (slide text)");
        }
        if t.is_over() {
            lines.push_str(" (over)");
        }
        let last = report.talks.get(i + 1).is_none_or(|next| next.brief != talk.brief);
        if last {
            let _ = writeln!(lines, " (slot {})", clock(t.slot.seconds));
        }
    }
    lines
}

fn status_name(status: OutputStatus) -> &'static str {
    match status {
        OutputStatus::Built => "built",
        OutputStatus::UpToDate => "up to date",
        OutputStatus::Failed => "FAILED",
    }
}

/// The translation status: a table per language, then the keys that need work; or, with
/// `json`, the same as a JSON array.
pub(crate) fn status_table(statuses: &[Status], json: bool) -> String {
    if json {
        let rows: Vec<_> = statuses.iter().map(status_json).collect();
        return serde_json::to_string_pretty(&rows).expect("the status serializes") + "\n";
    }
    let width = statuses.iter().map(|s| shown(&s.brief).chars().count()).max().unwrap_or(5).max(5);
    let mut table = format!(
        "{:<width$}  {:<6}  {:>10}  {:>7}  {:>5}  {:>8}  {:>8}\n",
        "BRIEF", "LANG", "TRANSLATED", "MISSING", "STALE", "ORPHANED", "COMPLETE"
    );
    for s in statuses {
        let _ = writeln!(
            table,
            "{:<width$}  {:<6}  {:>10}  {:>7}  {:>5}  {:>8}  {:>7}%",
            shown(&s.brief),
            s.lang,
            s.count(State::Translated),
            s.count(State::Missing),
            s.count(State::Stale),
            s.orphaned.len(),
            s.percent()
        );
    }
    for s in statuses {
        let stale = s.keys_in(State::Stale).map(|k| (k, "stale"));
        let orphaned = s.orphaned.iter().map(|k| (k, "orphaned: not in the source"));
        let missing = s.keys_in(State::Missing).map(|k| (k, "missing"));
        for (key, what) in stale.chain(orphaned).chain(missing) {
            let key = shown(&key.to_string()).into_owned();
            let _ = writeln!(table, "{}: {}: `{key}` {what}", shown(&s.brief), s.lang);
        }
    }
    table
}

/// A language's translation status in `--format json`; the fields in alphabetical order,
/// as the objects were first written (with `json!`), so the bytes stay the same.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct StatusRow<'a> {
    brief: &'a str,
    complete: usize,
    keys: usize,
    lang: &'a str,
    missing: usize,
    missing_keys: Vec<String>,
    orphaned: usize,
    orphaned_keys: Vec<String>,
    stale: usize,
    stale_keys: Vec<String>,
    translated: usize,
}

fn status_json(s: &Status) -> StatusRow<'_> {
    let keys = |state| s.keys_in(state).map(ToString::to_string).collect::<Vec<_>>();
    StatusRow {
        brief: &s.brief,
        complete: s.percent(),
        keys: s.keys.len(),
        lang: &s.lang,
        missing: s.count(State::Missing),
        missing_keys: keys(State::Missing),
        orphaned: s.orphaned.len(),
        orphaned_keys: s.orphaned.iter().map(ToString::to_string).collect(),
        stale: s.count(State::Stale),
        stale_keys: keys(State::Stale),
        translated: s.count(State::Translated),
    }
}
