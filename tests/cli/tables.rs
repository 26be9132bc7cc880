//! The summary and status tables with briefing names and languages in Chinese and Arabic:
//! every column lines up by displayed width, as a terminal shows it.

use std::fs;

use unicode_width::UnicodeWidthStr;

use crate::support::*;

/// A briefing named in Chinese with Chinese and Arabic translations, and one named in
/// Arabic, the wider in displayed width though its name is the longer in chars, with an
/// Arabic translation.
fn two_briefings() -> Fixture {
    let source = fs::read_to_string(fixture("minimal/brief.toml")).expect("read the minimal briefing");
    let fixture = Fixture::new("监狱简报", &source)
        .file("zh.toml", "title = \"一份简报\"\norganisation = \"观察组织\"\n")
        .file("ar.toml", "title = \"إحاطةٌ قصيرة\"\norganisation = \"منظمة المراقبة\"\n");
    let arabic = fixture.root.join("briefs/سجون-روسيا");
    fs::create_dir_all(&arabic).expect("create the second briefing");
    fs::write(arabic.join("brief.toml"), &source).expect("write the second briefing");
    fs::write(arabic.join("ar.toml"), "title = \"إحاطة\"\n").expect("write its translation");
    fixture
}

/// The first `rows` lines of `text` (the headings and a line per row), each cut at two
/// spaces or more into cells, asserting that `right` columns end, and the others start, at
/// the same displayed column as their heading.
fn assert_lined_up(text: &str, rows: usize, right: &[&str]) {
    let lines: Vec<&str> = text.lines().take(rows + 1).collect();
    assert_eq!(lines.len(), rows + 1, "{text}");
    let heading = cells(lines[0]);
    for line in &lines[1..] {
        let row = cells(line);
        assert_eq!(row.len(), heading.len(), "cells of {line:?}\n{text}");
        for ((name, start, end), (cell, at, to)) in heading.iter().zip(&row) {
            let (edge, expected) = if right.contains(name) { (to, end) } else { (at, start) };
            assert_eq!(edge, expected, "{cell:?} is off its column `{name}`\n{text}");
        }
    }
}

/// The cells of a line with the displayed columns where each starts and ends.
fn cells(line: &str) -> Vec<(&str, usize, usize)> {
    let mut cells = Vec::new();
    let mut rest = line;
    while !rest.trim_start_matches(' ').is_empty() {
        let cell_at = rest.len() - rest.trim_start_matches(' ').len();
        let cell = &rest[cell_at..];
        let cell = &cell[..cell.find("  ").unwrap_or(cell.len())];
        let start = line[..line.len() - rest.len() + cell_at].width();
        cells.push((cell, start, start + cell.width()));
        rest = &rest[cell_at + cell.len()..];
    }
    cells
}

#[test]
fn the_status_table_lines_up_chinese_and_arabic_names() {
    let run = two_briefings().run(&["i18n", "status"]);
    run.expect_code(0);
    assert!(run.stdout.contains("监狱简报") && run.stdout.contains("سجون-روسيا"), "{}", run.stdout);
    let right = ["TRANSLATED", "MISSING", "STALE", "ORPHANED", "COMPLETE"];
    assert_lined_up(&run.stdout, 3, &right);
}

#[test]
fn the_summary_table_lines_up_chinese_and_arabic_names() {
    let run = two_briefings().build(&["--format", "handout"]);
    run.expect_code(0);
    let table = &run.stderr[run.stderr.find("BRIEF").expect("a summary table")..];
    assert_lined_up(table, 5, &["PAGES", "SIZE", "TIME", "WARNINGS"]);
}
