//! Terminal, tables: the build summary (stderr) and the translation status (stdout).

use std::fmt::Write as _;
use std::ops::Range;

use comfy_table::presets::NOTHING;
use comfy_table::{CellAlignment, ColumnConstraint, Table, Width};
use serde::Serialize;

use crate::diag::{SourceFile, plain_path, shown};
use crate::i18n::{Missing, State, Status};
use crate::pipeline::{BuildReport, OutputStatus};
use crate::resolve::talk::clock;

/// The summary table's columns, as wide as the old format strings made them at least.
const SUMMARY: [Column; 8] = [
    Column::left("BRIEF", 5),
    Column::left("LANG", 5),
    Column::left("FORMAT", 7),
    Column::right("PAGES", 5),
    Column::right("SIZE", 8),
    Column::right("TIME", 7),
    Column::right("WARNINGS", 8),
    Column::left("STATUS", 0),
];

/// The summary table: one row per output.
pub(super) fn summary(report: &BuildReport) -> String {
    let rows = report.outputs.iter().map(|o| {
        let pages = o.pages.map_or("-".to_owned(), |p| p.to_string());
        let size = o.bytes.map_or("-".to_owned(), |b| format!("{:.1} KB", b as f64 / 1024.0));
        let built = matches!(o.status, OutputStatus::Built | OutputStatus::Checked);
        let time = if built { format!("{} ms", o.time.as_millis()) } else { "-".to_owned() };
        [
            shown(&o.brief).into_owned(),
            o.lang.clone(),
            o.kind(),
            pages,
            size,
            time,
            o.warnings().to_string(),
            status_name(o.status).to_owned(),
        ]
    });
    lay_out(&SUMMARY, rows)
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
            lines.push_str(&word_counts(report, &talk.brief));
        }
    }
    lines
}

/// The words of each language of `brief`, when the briefing limits them: "words of
/// `upr`: en 2,310, fr 2,602 (limit 2,815)".
fn word_counts(report: &BuildReport, brief: &str) -> String {
    let talks: Vec<_> = report.talks.iter().filter(|t| t.brief == brief).collect();
    let Some(limit) = talks.first().and_then(|t| t.talk.word_limit) else { return String::new() };
    let counts: Vec<String> = talks.iter().map(|t| format!("{} {}", t.lang, t.talk.words)).collect();
    format!("words of {}: {} (limit {limit})\n", shown(brief), counts.join(", "))
}

fn status_name(status: OutputStatus) -> &'static str {
    match status {
        OutputStatus::Built => "built",
        OutputStatus::Checked => "checked",
        OutputStatus::UpToDate => "up to date",
        OutputStatus::Failed => "FAILED",
    }
}

/// The translation status table's columns.
const STATUS: [Column; 7] = [
    Column::left("BRIEF", 5),
    Column::left("LANG", 6),
    Column::right("TRANSLATED", 10),
    Column::right("MISSING", 7),
    Column::right("STALE", 5),
    Column::right("ORPHANED", 8),
    Column::right("COMPLETE", 8),
];

/// The translation status: a row per language, then the keys that need work; or, with
/// `json`, the same as a JSON array.
pub(crate) fn status_table(statuses: &[Status], json: bool) -> String {
    if json {
        let rows: Vec<_> = statuses.iter().map(status_json).collect();
        return serde_json::to_string_pretty(&rows).expect("the status serializes") + "\n";
    }
    let rows = statuses.iter().map(|s| {
        [
            shown(&s.brief).into_owned(),
            s.lang.clone(),
            s.count(State::Translated).to_string(),
            s.count(State::Missing).to_string(),
            s.count(State::Stale).to_string(),
            s.orphaned.len().to_string(),
            format!("{}%", s.percent()),
        ]
    });
    let mut table = lay_out(&STATUS, rows);
    for s in statuses {
        let stale = s.keys_in(State::Stale).map(|k| (k, "stale".to_owned()));
        let orphaned = s.orphaned.iter().map(|k| (k, "orphaned: not in the source".to_owned()));
        let missing = s.missing.iter().map(|m| (&m.key, missing_detail(m)));
        for (key, what) in stale.chain(orphaned).chain(missing) {
            let key = shown(&key.to_string()).into_owned();
            let _ = writeln!(table, "{}: {}: `{key}` {what}", shown(&s.brief), s.lang);
        }
    }
    table
}

/// `missing from fr.toml (source at brief.toml:12:9: "…")`, or `empty at fr.toml:14:9 (…)`.
fn missing_detail(missing: &Missing) -> String {
    let state = if missing.is_empty_key() { "empty at" } else { "missing from" };
    format!("{state} {} (source at {}: {})", missing.at(), missing.source_at(), missing.quoted_source())
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
    missing_texts: Vec<MissingText<'a>>,
    orphaned: usize,
    orphaned_keys: Vec<String>,
    stale: usize,
    stale_keys: Vec<String>,
    translated: usize,
}

/// A missing key in `--format json`: where it is (empty) or would go (the file alone), and
/// its source text and where that is.
#[derive(Serialize)]
#[serde(rename_all = "kebab-case")]
struct MissingText<'a> {
    column: Option<usize>,
    empty: bool,
    file: String,
    key: String,
    line: Option<usize>,
    source: &'a str,
    source_column: Option<usize>,
    source_file: String,
    source_line: Option<usize>,
}

fn missing_json(m: &Missing) -> MissingText<'_> {
    let place =
        |file: &SourceFile, span: &Option<Range<usize>>| span.as_ref().map(|s| file.line_col(s.start));
    let (line, column) = place(&m.file, &m.span).unzip();
    let (source_line, source_column) = place(&m.source_file, &m.source_span).unzip();
    MissingText {
        column,
        empty: m.is_empty_key(),
        file: plain_path(&m.file.path),
        key: m.key.to_string(),
        line,
        source: &m.source,
        source_column,
        source_file: plain_path(&m.source_file.path),
        source_line,
    }
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
        missing_texts: s.missing.iter().map(missing_json).collect(),
        orphaned: s.orphaned.len(),
        orphaned_keys: s.orphaned.iter().map(ToString::to_string).collect(),
        stale: s.count(State::Stale),
        stale_keys: keys(State::Stale),
        translated: s.count(State::Translated),
    }
}

/// Spaces between two columns.
const GAP: u16 = 2;

/// A column of a table: its heading, the least width of its cells and the side they keep to.
pub(crate) struct Column {
    heading: &'static str,
    least: u16,
    align: CellAlignment,
}

impl Column {
    pub(crate) const fn left(heading: &'static str, least: u16) -> Self {
        Self { heading, least, align: CellAlignment::Left }
    }

    pub(crate) const fn right(heading: &'static str, least: u16) -> Self {
        Self { heading, least, align: CellAlignment::Right }
    }
}

/// `rows` under the headings of `columns`, a line each: every column as wide as its widest
/// cell in displayed width (a CJK character counts two, a combining mark none), `GAP`
/// spaces apart, with no border and no trailing space.
pub(crate) fn lay_out<const N: usize>(
    columns: &[Column; N],
    rows: impl Iterator<Item = [String; N]>,
) -> String {
    let mut table = Table::new();
    table.load_style(NOTHING).set_header(columns.iter().map(|c| c.heading));
    table.add_rows(rows);
    for (i, (column, spec)) in table.column_iter_mut().zip(columns).enumerate() {
        // The gap is the left padding of every column but the first, so the last one,
        // left-aligned, ends where its text does once the line is trimmed.
        let gap = if i == 0 { 0 } else { GAP };
        column.set_padding((gap, 0));
        column.set_cell_alignment(spec.align);
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(spec.least + gap)));
    }
    table.trim_fmt() + "\n"
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;

    /// A Chinese name (two columns a character), an Arabic one with vowel marks (none) and
    /// an ASCII one.
    const BRIEFS: [&str; 3] = ["监狱简报", "إحاطةُ السجونِ", "upr"];

    /// A language for each of `BRIEFS`.
    const LANGS: [&str; 3] = ["zh-Hans", "ar", "en"];

    /// Checks that `table`'s lines hold `cells` (the headings first), two spaces apart at
    /// least, and that in displayed width each column starts (left-aligned) or ends
    /// (right-aligned) at the same place on every line.
    fn assert_lined_up<const N: usize>(table: &str, columns: &[Column; N], cells: &[[&str; N]]) {
        let lines: Vec<&str> = table.lines().take(cells.len()).collect();
        let mut edges: Vec<Option<usize>> = vec![None; N];
        for (line, row) in lines.iter().zip(cells) {
            assert_eq!(line.trim_end(), *line, "a trailing space in {line:?}");
            let mut at = 0;
            for (i, (cell, column)) in row.iter().zip(columns).enumerate() {
                let gap = line[at..].len() - line[at..].trim_start_matches(' ').len();
                assert!(i == 0 || gap >= 2, "column {i} is {gap} spaces from the last in {line:?}");
                at += gap;
                assert!(line[at..].starts_with(cell), "{cell:?} is not column {i} of {line:?}");
                let start = line[..at].width();
                at += cell.len();
                let edge = if column.align == CellAlignment::Left { start } else { start + cell.width() };
                let first = *edges[i].get_or_insert(edge);
                assert_eq!(edge, first, "column {i} ({}) is off in {line:?}\n{table}", column.heading);
            }
            assert_eq!(at, line.len(), "more than the cells in {line:?}");
        }
    }

    #[test]
    fn the_status_table_lines_up_cjk_and_arabic_names_by_displayed_width() {
        let statuses: Vec<_> = BRIEFS
            .iter()
            .zip(LANGS)
            .map(|(brief, lang)| Status {
                brief: (*brief).to_owned(),
                lang: lang.to_owned(),
                keys: Vec::new(),
                orphaned: Vec::new(),
                missing: Vec::new(),
            })
            .collect();
        let table = status_table(&statuses, false);
        let mut cells = vec![STATUS.map(|c| c.heading)];
        cells
            .extend(BRIEFS.iter().zip(LANGS).map(|(brief, lang)| [*brief, lang, "0", "0", "0", "0", "100%"]));
        assert_lined_up(&table, &STATUS, &cells);
    }

    #[test]
    fn the_summary_table_lines_up_cjk_and_arabic_cells_by_displayed_width() {
        let cells = [
            SUMMARY.map(|c| c.heading),
            [BRIEFS[0], "zh", "handout", "3", "104.2 KB", "812 ms", "0", "built"],
            [BRIEFS[1], "ar", "slides", "12", "1.5 KB", "-", "2", "up to date"],
            [BRIEFS[2], "中文", "handout", "-", "-", "-", "1", "FAILED"],
        ];
        let rows = cells[1..].iter().map(|row| row.map(str::to_owned));
        let table = lay_out(&SUMMARY, rows);
        assert_lined_up(&table, &SUMMARY, &cells);
        // The Arabic name is twelve columns wide (its two vowel marks take none) and the
        // Chinese one eight, so six spaces follow it, not the ten that counting chars gives.
        assert!(table.contains("\n监狱简报      zh     handout"), "{table}");
    }
}
