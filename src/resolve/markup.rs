//! Resolve stage, inline markup: turns a user string into styled runs of literal text.
//!
//! The markup is small, and the only markup there is (the README's table lists it):
//! `**bold**`, `*italic*` or `_italic_`, `[text](https://link)` and `<https://link>`, and
//! a straight double quote (`"`), which becomes the language's own quotation mark (“ ” in
//! English, « » in French and Russian, 「 」 in Chinese). A backslash before one of these
//! marks prints the mark itself (`\*`, `\_`, `\[`, `\<`, `\"`, `\\`); before anything else
//! it is an ordinary backslash.
//!
//! Everything else prints exactly as written: Markdown block syntax (`# `, `- `, `1. `,
//! `> `, link definitions), images, code spans, HTML and its entities (`&amp;`), and Typst
//! syntax. pulldown-cmark parses the emphasis and links; what would be read as anything
//! else is escaped first, or printed from the source as written. The runs reach Typst as
//! data, never as source code.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

pub(crate) use crate::render::data::Run;

/// The characters that make markup: a backslash before one of them prints it.
const MARKS: &[char] = &['*', '_', '[', ']', '<', '"', '\\'];

/// Parses `source` into runs; a line break in the source becomes `"\n"` in a run, and
/// long tokens get places to break (see [`breakable`]).
pub(crate) fn parse(source: &str) -> Vec<Run> {
    read(source).finish()
}

/// The plain text of `source`, markup removed.
pub(crate) fn plain(source: &str) -> String {
    read(source).runs.into_iter().map(|run| run.text).collect()
}

fn read(source: &str) -> State {
    let escaped = Escaped::new(source);
    let mut state = State::default();
    let mut raw_depth = 0usize;
    for (event, range) in Parser::new_ext(&escaped.text, Options::empty()).into_offset_iter() {
        if raw_depth > 0 {
            // Inside an image, printed whole from the source.
            match event {
                Event::Start(Tag::Image { .. }) => raw_depth += 1,
                Event::End(TagEnd::Image) => raw_depth -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Text(text) => match text.strip_prefix('"') {
                // `\"`: a straight quote, as typed.
                Some(rest) if escaped.is_escaped(range.start) => {
                    state.push_run("\"", false);
                    state.push(rest);
                }
                _ => state.push(&text),
            },
            Event::Code(_) | Event::Html(_) | Event::InlineHtml(_) => state.push(&escaped.original(range)),
            Event::Start(Tag::Image { .. }) => {
                state.push(&escaped.original(range));
                raw_depth = 1;
            }
            Event::SoftBreak => state.push(" "),
            Event::HardBreak => state.push("\n"),
            Event::Start(Tag::Strong) => state.strong += 1,
            Event::End(TagEnd::Strong) => state.strong = state.strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => state.emph += 1,
            Event::End(TagEnd::Emphasis) => state.emph = state.emph.saturating_sub(1),
            Event::Start(Tag::Link { link_type, dest_url, .. }) => {
                let target = match link_type {
                    // Written `<…>`: the target is the text between, as written.
                    LinkType::Autolink | LinkType::Email => {
                        let written = escaped.original(range);
                        written.trim_start_matches('<').trim_end_matches('>').to_owned()
                    }
                    _ => dest_url.to_string(),
                };
                let target = if link_type == LinkType::Email { format!("mailto:{target}") } else { target };
                state.link = Some(normalize_link(&target));
            }
            Event::End(TagEnd::Link) => state.link = None,
            Event::Start(Tag::Paragraph) if state.paragraphs > 0 => state.push("\n"),
            Event::End(TagEnd::Paragraph) => state.paragraphs += 1,
            _ => {}
        }
    }
    state
}

/// A web site as it is linked: `https://` is added where no scheme is written.
pub(crate) fn web_link(site: &str) -> String {
    let site = site.trim();
    // A scheme is letters before a colon, with no dot (`example.org:8080` has none).
    let scheme = site.split_once(':').map(|(scheme, _)| scheme).filter(|scheme| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-'))
    });
    if scheme.is_some() { site.to_owned() } else { format!("https://{site}") }
}

/// A stretch of text this long without a place to break a line is no word but a token
/// (an identifier, a long web address, a paste gone wrong): longer than almost any word
/// of any language, so that words are never cut.
const LONGEST_WORD: usize = 24;

/// Where a token is given places to break: every so many characters, few enough to fit
/// a line of the largest type the templates set.
const TOKEN_PIECE: usize = 8;

/// `text` with a zero-width space (U+200B) every [`TOKEN_PIECE`] characters inside each
/// token longer than [`LONGEST_WORD`] characters without a place to break a line (a
/// space, a hyphen, a slash, a CJK character), so that it breaks instead of running off
/// the page.
pub(crate) fn breakable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut token = String::new();
    for c in text.chars() {
        let breaks = c.is_whitespace() || matches!(c, '-' | '/' | '\u{200B}' | '\u{AD}') || is_cjk(c);
        if breaks {
            push_token(&mut out, &token);
            token.clear();
            out.push(c);
        } else {
            token.push(c);
        }
    }
    push_token(&mut out, &token);
    out
}

fn push_token(out: &mut String, token: &str) {
    if token.chars().count() <= LONGEST_WORD {
        out.push_str(token);
        return;
    }
    for (i, c) in token.chars().enumerate() {
        if i > 0 && i % TOKEN_PIECE == 0 {
            out.push('\u{200B}');
        }
        out.push(c);
    }
}

/// Whether lines may break around `c` anyway: Chinese, Japanese and Korean characters.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// A link target as it is written into the PDF: `www.…` gets `https://`.
fn normalize_link(target: &str) -> String {
    let target = target.trim();
    if target.len() > 4 && target[..4].eq_ignore_ascii_case("www.") {
        format!("https://{target}")
    } else {
        target.to_owned()
    }
}

/// Why a link target cannot be written into a PDF, if it cannot: only `http`, `https`
/// and `mailto` links are allowed.
pub(crate) fn link_problem(target: &str) -> Option<String> {
    let Ok(url) = url::Url::parse(target) else {
        return Some("it is not a web address".to_owned());
    };
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|h| !h.is_empty()) => None,
        "http" | "https" => Some("it names no web site".to_owned()),
        "mailto" if url.path().contains('@') => None,
        "mailto" => Some("it names no e-mail address".to_owned()),
        scheme => Some(format!("`{scheme}:` links are not allowed")),
    }
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

    /// The runs, with long tokens made breakable.
    fn finish(mut self) -> Vec<Run> {
        for run in &mut self.runs {
            run.text = breakable(&run.text);
        }
        self.runs
    }
}

/// The source with backslashes inserted where Markdown would read more than our markup:
/// before what would start a block, before `&` (so that entities stay as written), and
/// before a backslash that escapes none of our marks. Remembers where it inserted them,
/// so that what is printed from the source as written can leave them out again.
struct Escaped {
    text: String,
    /// Byte offsets in `text` of the backslashes inserted.
    inserted: Vec<usize>,
}

impl Escaped {
    fn new(source: &str) -> Self {
        let mut escaped = Self { text: String::with_capacity(source.len() + 8), inserted: Vec::new() };
        for (i, line) in source.split('\n').enumerate() {
            if i > 0 {
                escaped.text.push('\n');
            }
            // Leading blanks carry no meaning here, and four of them would start a code block.
            let content = line.trim_start();
            let block = block_marker(content);
            let mut chars = content.char_indices().peekable();
            while let Some((at, c)) = chars.next() {
                if Some(at) == block || c == '&' {
                    escaped.insert_backslash();
                }
                escaped.text.push(c);
                if c == '\\' {
                    match chars.peek() {
                        Some(&(_, next)) if MARKS.contains(&next) => {
                            escaped.text.push(next);
                            chars.next();
                        }
                        // An ordinary backslash: escaped, so that it prints.
                        _ => escaped.insert_backslash(),
                    }
                }
            }
        }
        escaped
    }

    fn insert_backslash(&mut self) {
        self.inserted.push(self.text.len());
        self.text.push('\\');
    }

    /// Whether the character at `at` follows an escaping backslash (an odd number of them).
    fn is_escaped(&self, at: usize) -> bool {
        let before = &self.text.as_bytes()[..at];
        before.iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
    }

    /// The source as the user wrote it, for a range of the escaped text.
    fn original(&self, range: Range<usize>) -> String {
        let first = self.inserted.partition_point(|&at| at < range.start);
        let mut out = String::with_capacity(range.len());
        let mut from = range.start;
        for &at in self.inserted[first..].iter().take_while(|&&at| at < range.end) {
            out.push_str(&self.text[from..at]);
            from = at + 1;
        }
        out.push_str(&self.text[from..range.end]);
        out
    }
}

/// Where a backslash keeps `line` from starting a block: before the first character, or
/// before the `.` of `1.`; `None` if it starts no block.
fn block_marker(line: &str) -> Option<usize> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    match first {
        '#' | '>' | '|' | '=' | '`' | '~' => Some(0),
        '-' | '+' | '*' if rest.is_empty() || rest.starts_with([' ', '\t']) || is_rule(line) => Some(0),
        '_' if is_rule(line) => Some(0),
        // A link reference definition, `[label]: target`, which would vanish.
        '[' if rest.split_once(']').is_some_and(|(_, after)| after.starts_with(':')) => Some(0),
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
    fn a_backslash_escapes_each_mark_and_nothing_else() {
        // One row of the README's table each: the mark, escaped, prints as itself.
        assert_eq!(texts(r"\*\*not bold\*\*"), [("**not bold**".into(), false, false)]);
        assert_eq!(texts(r"\*not italic\* \_nor this\_"), [("*not italic* _nor this_".into(), false, false)]);
        let runs = parse(r"\[not a link\](https://example.org) \<https://example.org>");
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].text, "[not a link](https://example.org) <https://example.org>");
        assert_eq!(runs[0].link, None);
        let quotes = parse(r#"a \"straight\" quote"#);
        assert!(quotes.iter().all(|r| !r.quote), "{quotes:?}");
        assert_eq!(plain(r#"a \"straight\" quote"#), r#"a "straight" quote"#);
        assert_eq!(plain(r"one \\ backslash"), r"one \ backslash");
        // Before anything else, a backslash is a backslash.
        for source in [r"C:\Users\x", r"\$ \# \@ \{ \n", "end\\", "line\\\nbreak"] {
            assert_eq!(plain(source), source.replace('\n', " "), "{source}");
        }
    }

    #[test]
    fn html_entities_images_and_block_syntax_print_as_written() {
        for source in [
            "AT&amp;T &lt;b&gt; &#169; &copy;",
            "<b>bold?</b> <!-- comment --> <div>block</div>",
            "![alt text](logo.png) and ![x](https://example.org/x.png \"t\")",
            "[1]: https://example.org/definition",
            "| a | b |\n|---|---|",
            "a footnote[^1] [^1]: the note",
            "Title\n=====",
            "~~~\ncode\n~~~",
            "- [ ] task",
            "www.example.org and https://example.org bare",
        ] {
            let expected = source.replace("\n\n", "\n").replace('\n', " ");
            assert_eq!(plain(source), expected, "{source}");
        }
        let image = parse("see ![x](javascript:alert(1)) here");
        assert!(image.iter().all(|r| r.link.is_none()), "{image:?}");
    }

    #[test]
    fn tokens_longer_than_words_get_places_to_break() {
        assert_eq!(
            breakable("an ordinary sentence, internationalization"),
            "an ordinary sentence, internationalization"
        );
        let token = "A".repeat(20);
        assert_eq!(breakable(&token), token, "20 characters may be a word");
        let broken = breakable(&"A".repeat(30));
        assert_eq!(broken.matches('\u{200B}').count(), 3);
        assert_eq!(broken.replace('\u{200B}', ""), "A".repeat(30));
        assert_eq!(breakable(&"中".repeat(40)), "中".repeat(40), "CJK breaks anyway");
        let runs = parse(&format!("x {}", "B".repeat(25)));
        assert!(runs[0].text.contains('\u{200B}'));
        assert!(!plain(&"B".repeat(25)).contains('\u{200B}'), "plain text is left whole");
    }

    #[test]
    fn links_are_normalized_and_checked() {
        assert_eq!(parse("[site](www.example.org)")[0].link.as_deref(), Some("https://www.example.org"));
        assert_eq!(
            parse("<https://example.org/a?b=1&c=2>")[0].link.as_deref(),
            Some("https://example.org/a?b=1&c=2")
        );
        assert_eq!(
            parse("[a](https://example.org/?b=1&c=2)")[0].link.as_deref(),
            Some("https://example.org/?b=1&c=2")
        );
        assert_eq!(parse("<info@example.org>")[0].link.as_deref(), Some("mailto:info@example.org"));
        assert_eq!(web_link("example.org/a"), "https://example.org/a");
        assert_eq!(web_link("example.org:8080"), "https://example.org:8080");
        assert_eq!(web_link("http://example.org"), "http://example.org");
        assert_eq!(web_link("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(link_problem("https://example.org"), None);
        assert_eq!(link_problem("mailto:a@b.org"), None);
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "/etc/passwd",
            "report.pdf",
            "https://",
            "mailto:nobody",
            "data:text/html,x",
        ] {
            assert!(link_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn paragraphs_become_line_breaks() {
        assert_eq!(plain("one\n\ntwo"), "one\ntwo");
    }
}
