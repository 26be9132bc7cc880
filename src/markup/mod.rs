//! Resolve stage, inline markup: turns a user string into styled runs of literal text.
//!
//! The markup is small, and the only markup there is (`docs/writing.md` lists it):
//! `**bold**`, `*italic*` or `_italic_`, `[text](https://link)` and `<https://link>`,
//! `[text]{lang=la}` for text in another language than the document's (its own /Lang in
//! the PDF, its own hyphenation), and a straight double quote (`"`), which becomes the
//! language's own quotation mark (“ ” in English, « » in French and Russian, 「 」 in
//! Chinese). A backslash before one of these marks prints the mark itself (`\*`, `\_`,
//! `\[`, `\<`, `\"`, `\\`); before anything else it is an ordinary backslash.
//!
//! Everything else prints exactly as written: Markdown block syntax (`# `, `- `, `1. `,
//! `> `, link definitions), images, code spans, HTML and its entities (`&amp;`), and Typst
//! syntax. pulldown-cmark parses the emphasis and links; what would be read as anything
//! else is escaped first, or printed from the source as written. The runs reach Typst as
//! data, never as source code.

mod breaks;
mod escape;
mod language;
mod links;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

pub(crate) use self::breaks::break_points;
use self::escape::Escaped;
use self::links::normalize_link;
pub(crate) use self::links::{is_bidi_control, link_problem, web_link};
pub(crate) use crate::data::Run;

/// Parses `source` into runs; a line break in the source becomes `"\n"` in a run.
pub(crate) fn parse(source: &str) -> Vec<Run> {
    read(source).finish()
}

/// The plain text of `source`, markup removed.
pub(crate) fn plain(source: &str) -> String {
    read(source).runs.into_iter().map(|run| run.text).collect()
}

/// The values of `{lang=…}` in `source` that name no language (`[text]{lang=xx}`).
pub(crate) fn language_problems(source: &str) -> Vec<String> {
    read(source).bad_languages
}

fn read(source: &str) -> State {
    let escaped = Escaped::new(&spaced(source));
    let mut state = State::default();
    let mut raw_depth = 0usize;
    // `[text]` with no link after it: a span, perhaps followed by `{lang=…}`.
    let mut spans = |link: BrokenLink<'_>| {
        (link.link_type == LinkType::Shortcut).then_some((CowStr::Borrowed(""), CowStr::Borrowed("")))
    };
    let parser = Parser::new_with_broken_link_callback(&escaped.text, Options::empty(), Some(&mut spans));
    for (event, range) in parser.into_offset_iter() {
        if raw_depth > 0 {
            // Inside an image, printed whole from the source.
            match event {
                Event::Start(Tag::Image { .. }) => raw_depth += 1,
                Event::End(TagEnd::Image) => raw_depth -= 1,
                _ => {}
            }
            continue;
        }
        // The `{lang=…}` after a span is not text.
        let event = match (event, state.skip_until.clone()) {
            (Event::Text(text), Some(ref skip)) if range.start >= skip.start && range.start < skip.end => {
                match language::after_attribute(&text, range.clone(), skip.end) {
                    Some(rest) => Event::Text(rest.to_owned().into()),
                    None => continue,
                }
            }
            (event, _) => event,
        };
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
            Event::Start(Tag::Link { link_type: LinkType::ShortcutUnknown, .. }) => {
                match language::attribute(&escaped.text[range.end..]) {
                    Some(attribute) => {
                        state.skip_until = Some(range.end..range.end + attribute.len);
                        match attribute.language {
                            Ok(language) => state.lang = Some(language),
                            Err(value) => state.bad_languages.push(value),
                        }
                        state.span = Some(Span::Language);
                    }
                    // Brackets and nothing after: printed as written.
                    None => {
                        state.push_run("[", false);
                        state.span = Some(Span::Brackets);
                    }
                }
            }
            Event::End(TagEnd::Link) if state.span.is_some() => match state.span.take() {
                Some(Span::Brackets) => state.push_run("]", false),
                _ => state.lang = None,
            },
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
    Run { text: spaced(text).into_owned(), ..Run::default() }
}

/// `text` with each TAB as a space: a TAB is a gap between words, which the fonts have
/// no glyph for (it would print as nothing).
pub(crate) fn spaced(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\t') { text.replace('\t', " ").into() } else { text.into() }
}

#[derive(Default)]
struct State {
    runs: Vec<Run>,
    strong: u32,
    emph: u32,
    link: Option<String>,
    /// The language of a `[text]{lang=…}` span being read.
    lang: Option<String>,
    /// The span being read, if any.
    span: Option<Span>,
    /// Where the `{lang=…}` after a span is, in the escaped text.
    skip_until: Option<std::ops::Range<usize>>,
    bad_languages: Vec<String>,
    paragraphs: u32,
}

/// What `[text]` with no link after it turned out to be.
enum Span {
    /// `[text]{lang=…}`.
    Language,
    /// Text in brackets.
    Brackets,
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
            && last.lang == self.lang
        {
            last.text.push_str(text);
            return;
        }
        let (link, lang) = (self.link.clone(), self.lang.clone());
        self.runs.push(Run { text: text.to_owned(), strong, emph, link, quote, lang, ..Run::default() });
    }

    /// The runs.
    fn finish(self) -> Vec<Run> {
        self.runs
    }
}

#[cfg(test)]
mod tests;
