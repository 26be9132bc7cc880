//! `brief states`: who recommended what last cycle, to plan the meetings with delegations:
//! a row for each State and previous recommendation, with the State under review's
//! response, as a table, CSV or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::StatesFormat;
use crate::load::LoadedBrief;
use crate::markup;
use crate::resolve::states;
use crate::terminal::tables::{Column, lay_out};
use crate::terminal::{self, out_text};

/// One State's part in one previous recommendation.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
struct Row<'a> {
    brief: &'a str,
    /// The State as the briefing writes it: an ISO 3166 code or a name.
    state: &'a str,
    /// Its name in the language asked for, or as written.
    name: String,
    issue: &'a str,
    issue_title: String,
    finding: &'a str,
    recommendation: String,
    response: Option<&'static str>,
    action: Option<u8>,
    /// The other States that made it with this one.
    with: Vec<&'a str>,
}

/// Prints who recommended what in the briefings under `paths`, States named in `lang`
/// (by default each briefing's own language).
pub(super) fn run(paths: Vec<PathBuf>, lang: Option<String>, format: StatesFormat) -> ExitCode {
    let briefs = match super::i18n::load_all(paths) {
        Ok(briefs) => briefs,
        Err(diagnostics) => {
            terminal::emit(&diagnostics);
            return ExitCode::from(super::INPUT_ERROR);
        }
    };
    let rows: Vec<Row> = briefs.iter().flat_map(|loaded| rows(loaded, lang.as_deref())).collect();
    let text = match format {
        StatesFormat::Table => table(&rows),
        StatesFormat::Csv => csv(&rows),
        StatesFormat::Json => serde_json::to_string_pretty(&rows).expect("rows serialize") + "\n",
    };
    out_text(&text);
    ExitCode::SUCCESS
}

/// The rows of one briefing, in the order of its issues, findings and recommendations.
fn rows<'a>(loaded: &'a LoadedBrief, lang: Option<&str>) -> Vec<Row<'a>> {
    let brief = &loaded.brief;
    let lang = lang.unwrap_or(&brief.lang);
    let mut rows = Vec::new();
    for (issue_key, issue) in &brief.issues {
        for (finding_key, finding) in &issue.findings {
            for previous in finding.previous.values() {
                for state in &previous.by {
                    rows.push(Row {
                        brief: &loaded.name,
                        state,
                        name: states::name(state, lang).map_or_else(|| state.clone(), str::to_owned),
                        issue: issue_key,
                        issue_title: markup::plain(&issue.title),
                        finding: finding_key,
                        recommendation: markup::plain(&previous.text),
                        response: previous.response.map(|r| r.name()),
                        action: previous.action,
                        with: previous
                            .by
                            .iter()
                            .filter(|other| *other != state)
                            .map(String::as_str)
                            .collect(),
                    });
                }
            }
        }
    }
    rows
}

/// The table's columns.
const COLUMNS: [Column; 5] = [
    Column::left("STATE", 5),
    Column::left("ISSUE", 5),
    Column::left("RECOMMENDATION", 14),
    Column::left("RESPONSE", 8),
    Column::left("WITH", 4),
];

/// Cells longer than this many characters are cut with "…" in the table (CSV and JSON
/// hold them whole).
const CELL: usize = 48;

fn cut(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= CELL {
        return text;
    }
    text.chars().take(CELL - 1).collect::<String>().trim_end().to_owned() + "…"
}

fn table(rows: &[Row]) -> String {
    if rows.is_empty() {
        return "no previous recommendations\n".to_owned();
    }
    lay_out(
        &COLUMNS,
        rows.iter().map(|row| {
            [
                row.name.clone(),
                cut(&row.issue_title),
                cut(&row.recommendation),
                row.response.unwrap_or("-").to_owned(),
                row.with.join(", "),
            ]
        }),
    )
}

fn csv(rows: &[Row]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let heading = [
        "brief",
        "state",
        "name",
        "issue",
        "issue-title",
        "finding",
        "recommendation",
        "response",
        "action",
        "with",
    ];
    let mut write = |record: &[&str]| writer.write_record(record).expect("a record is written to memory");
    write(&heading);
    for row in rows {
        let action = row.action.map(|a| a.to_string()).unwrap_or_default();
        let with = row.with.join(" ");
        write(&[
            row.brief,
            row.state,
            &row.name,
            row.issue,
            &row.issue_title,
            row.finding,
            &row.recommendation,
            row.response.unwrap_or(""),
            &action,
            &with,
        ]);
    }
    String::from_utf8(writer.into_inner().expect("written to memory")).expect("CSV of UTF-8 text is UTF-8")
}
