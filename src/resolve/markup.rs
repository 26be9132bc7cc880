//! Resolve stage, inline markup: turns a user string into styled runs of literal text.
//!
//! The markup is a small subset of Markdown, parsed by pulldown-cmark:
//! `**bold**`, `*italic*` (or `_italic_`), `[text](https://link)` and `<https://link>`.
//! A backslash escapes a markup character (`\*`). A straight double quote (`"`) becomes
//! the language's own quotation mark (“ ” in English, « » in French and Russian, 「 」 or
//! “ ” in Chinese), chosen by Typst's smart quotes. Everything else prints as written:
//! block syntax (`# `, `- `, `1. `, `> `), code spans, HTML and Typst syntax are kept as
//! literal text. The runs reach Typst as data, never as source code.

pub(crate) use crate::render::data::Run;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Parses `source` into runs; a line break in the source becomes `"\n"` in a run.
pub(crate) fn parse(source: &str) -> Vec<Run> {
    let escaped = escape_block_syntax(source);
    let mut state = State::default();
    for (event, range) in Parser::new_ext(&escaped, Options::empty()).into_offset_iter() {
        match event {
            Event::Text(text) => state.push(&text),
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => {
                state.push(&escaped[range]);
            }
            Event::SoftBreak => state.push(" "),
            Event::HardBreak => state.push("\n"),
            Event::Start(Tag::Strong) => state.strong += 1,
            Event::End(TagEnd::Strong) => state.strong -= 1,
            Event::Start(Tag::Emphasis) => state.emph += 1,
            Event::End(TagEnd::Emphasis) => state.emph -= 1,
            Event::Start(Tag::Link { dest_url, .. }) => state.link = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => state.link = None,
            Event::Start(Tag::Paragraph) if state.paragraphs > 0 => state.push("\n"),
            Event::End(TagEnd::Paragraph) => state.paragraphs += 1,
            _ => {}
        }
    }
    state.runs
}

/// Splits runs at the first occurrence of `marker` (which must lie within one run), dropping
/// the marker; spaces around it are kept.
pub(crate) fn split_at(runs: Vec<Run>, marker: &str) -> (Vec<Run>, Vec<Run>) {
    let mut before = Vec::new();
    let mut rest = runs.into_iter();
    for run in rest.by_ref() {
        if let Some((head, tail)) = run.text.split_once(marker) {
            let piece = |text: &str| Run { text: text.to_owned(), ..run.clone() };
            before.extend((!head.is_empty()).then(|| piece(head)));
            let mut after: Vec<Run> = (!tail.is_empty()).then(|| piece(tail)).into_iter().collect();
            after.extend(rest);
            return (before, after);
        }
        before.push(run);
    }
    (before, Vec::new())
}

/// A single unstyled run of `text`, taken literally (no markup).
pub(crate) fn literal(text: &str) -> Run {
    Run { text: text.to_owned(), strong: false, emph: false, link: None, quote: false }
}

/// The plain text of `source`, markup removed.
pub(crate) fn plain(source: &str) -> String {
    parse(source).into_iter().map(|run| run.text).collect()
}

#[derive(Default)]
struct State {
    runs: Vec<Run>,
    strong: u32,
    emph: u32,
    link: Option<String>,
    paragraphs: u32,
}

impl State {
    fn push(&mut self, text: &str) {
        for (i, piece) in text.split('"').enumerate() {
            if i > 0 {
                self.push_run("\"", true);
            }
            if !piece.is_empty() {
                self.push_run(piece, false);
            }
        }
    }

    fn push_run(&mut self, text: &str, quote: bool) {
        let (strong, emph) = (self.strong > 0, self.emph > 0);
        if let Some(last) = self.runs.last_mut()
            && !quote
            && !last.quote
            && last.strong == strong
            && last.emph == emph
            && last.link == self.link
        {
            last.text.push_str(text);
            return;
        }
        let link = self.link.clone();
        self.runs.push(Run { text: text.to_owned(), strong, emph, link, quote });
    }
}

/// Backslash-escapes what would start a Markdown block (heading, list, quote, code block,
/// thematic break) at the start of a line, so that such text stays literal.
fn escape_block_syntax(source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 8);
    for (i, line) in source.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        // Leading blanks carry no meaning here, and four of them would start a code block.
        let content = line.trim_start();
        match block_marker(content) {
            Some(at) => {
                out.push_str(&content[..at]);
                out.push('\\');
                out.push_str(&content[at..]);
            }
            None => out.push_str(content),
        }
    }
    out
}

/// Where to put a backslash so that `line` does not start a block: before the first
/// character, or before the `.` of `1.`; `None` if it starts no block.
fn block_marker(line: &str) -> Option<usize> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    match first {
        '#' | '>' | '|' | '=' | '`' | '~' => Some(0),
        '-' | '+' | '*' if rest.is_empty() || rest.starts_with([' ', '\t']) || is_rule(line) => Some(0),
        '_' if is_rule(line) => Some(0),
        '0'..='9' => {
            let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            line[digits..].starts_with(['.', ')']).then_some(digits)
        }
        _ => None,
    }
}

/// A thematic break: three or more of one of `-`, `*`, `_`, and nothing else but blanks.
fn is_rule(line: &str) -> bool {
    let marks: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let first = marks.chars().next();
    marks.len() >= 3 && marks.chars().all(|c| Some(c) == first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<(String, bool, bool)> {
        parse(source).into_iter().map(|r| (r.text, r.strong, r.emph)).collect()
    }

    #[test]
    fn bold_and_italic() {
        assert_eq!(
            texts("only **16 convictions** and *two*"),
            [
                ("only ".into(), false, false),
                ("16 convictions".into(), true, false),
                (" and ".into(), false, false),
                ("two".into(), false, true)
            ]
        );
    }

    #[test]
    fn links() {
        let runs = parse("see [our report](https://example.org/r) now");
        assert_eq!(runs[1].link.as_deref(), Some("https://example.org/r"));
        assert_eq!(runs[1].text, "our report");
    }

    #[test]
    fn typst_and_block_syntax_stay_literal() {
        for source in [
            "#panic(\"x\") ]) $x$ <l> @ref \\ back",
            "# not a heading",
            "- not a list",
            "1. not numbered",
            "> not a quote",
            "`code` and <b>html</b>",
            "snake_case_name and 5 * 3",
            "***",
        ] {
            assert_eq!(plain(source), source, "{source}");
        }
    }

    #[test]
    fn markup_at_line_start() {
        assert_eq!(texts("**Bold** start")[0], ("Bold".into(), true, false));
    }

    #[test]
    fn splits_at_a_marker_keeping_spaces() {
        let (before, after) = split_at(parse("Estimated {value} **people** here"), "{value}");
        assert_eq!(before, [literal("Estimated ")]);
        assert_eq!(after[0], literal(" "));
        assert_eq!(after[1].text, "people");
        assert!(after[1].strong);
    }

    #[test]
    fn double_quotes_become_smart_quotes() {
        let runs = parse(r#"the "Yarovaya" laws"#);
        assert_eq!(runs.iter().filter(|r| r.quote).count(), 2);
        assert_eq!(plain(r#"the "Yarovaya" laws"#), r#"the "Yarovaya" laws"#);
    }

    #[test]
    fn escapes_markup_characters() {
        assert_eq!(plain(r"a \*star\*"), "a *star*");
    }

    #[test]
    fn paragraphs_become_line_breaks() {
        assert_eq!(plain("one\n\ntwo"), "one\ntwo");
    }
}
