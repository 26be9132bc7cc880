//! Resolve stage, checks on the texts of one language. What cannot be printed is an
//! error at the place the text was written (the translation, or the source it falls back
//! to): a control character, a character no font has (embedded or the briefing's own), a link other than
//! `http`, `https` or `mailto`, or a text longer than a briefing can hold.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use icu_properties::props::Script;
use icu_properties::{CodePointMapData, PropertyNamesLong};
use indexmap::IndexMap;

use crate::diag::{Diagnostic, SourceFile, display_path};
use crate::load::{FONTS_DIR, LoadedBrief, Translation};
use crate::markup;
use crate::model::{Brief, TextKey, TextKind};

/// The longest text a briefing may hold, in characters: a page and a half of a handout.
/// Longer text is almost always a paste gone wrong, and would only run off the slides.
pub(crate) const MAX_TEXT_CHARS: usize = 10_000;

/// Checks the texts of one language of a briefing.
pub(super) struct TextChecks<'a> {
    pub loaded: &'a LoadedBrief,
    pub translation: Option<&'a Translation>,
    pub covers: &'a dyn Fn(char) -> bool,
    /// The language checked, for messages.
    pub lang: &'a str,
}

/// Where a text was written: its file and the span of its value.
struct Place {
    file: Arc<SourceFile>,
    span: Option<Range<usize>>,
}

impl TextChecks<'_> {
    /// Every problem of the texts of `brief` (already in its language) and its labels.
    pub(super) fn run(&self, brief: &mut Brief, labels: &IndexMap<String, String>) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        brief.visit_texts(&mut |key, kind, text| {
            let translated = self.translation.and_then(|t| t.texts.get(key)).map(|e| e.span.clone());
            let place = self.place(key, translated);
            diagnostics.extend(self.check(key, kind, text, &place));
        });
        for (name, text) in labels {
            let key = TextKey::of(&["labels", name]);
            let translated = self.translation.and_then(|t| t.labels.get(name)).map(|e| e.span.clone());
            diagnostics.extend(self.check(&key, TextKind::Name, text, &self.place(&key, translated)));
        }
        diagnostics
    }

    /// The translation's place for `key` if it translated it, else the source's.
    fn place(&self, key: &TextKey, translated: Option<Option<Range<usize>>>) -> Place {
        match (self.translation, translated) {
            (Some(translation), Some(span)) => Place { file: translation.file.clone(), span },
            _ => {
                let source = self.loaded.catalog.get(key).and_then(|s| s.span.clone());
                let span = source.or_else(|| self.loaded.spans.locate(key));
                Place { file: self.loaded.file.clone(), span }
            }
        }
    }

    fn check(&self, key: &TextKey, kind: TextKind, text: &str, place: &Place) -> Vec<Diagnostic> {
        let at = |d: Diagnostic| d.at(&place.file, place.span.clone());
        let length = text.chars().count();
        if length > MAX_TEXT_CHARS {
            let message =
                format!("`{key}` is {length} characters long; a text may have at most {MAX_TEXT_CHARS}");
            return vec![at(Diagnostic::error(message).hint("split it into items, or shorten it"))];
        }
        // Speaker notes are never set in type: no glyph is needed, no link followed.
        if kind == TextKind::Note {
            return Vec::new();
        }
        let mut problems = Vec::new();
        if let Some(c) = text.chars().find(|&c| is_unprintable(c)) {
            let what = if c.is_control() { "the control character" } else { "the character" };
            let message = format!("`{key}` holds {what} U+{:04X}, which cannot be printed", c as u32);
            let hint = if c == '\u{FEFF}' {
                "remove it (a byte order mark inside the text, usually from joining files); to keep \
                 two words from breaking apart, write U+2060, the word joiner"
            } else {
                "remove it (it usually comes from a copy and paste, or a `\\u` escape)"
            };
            problems.push(at(Diagnostic::error(message).hint(hint)));
        }
        problems.extend(self.missing_glyphs(key, text).map(at));
        if kind != TextKind::Name {
            problems.extend(bad_links(key, text, place));
            problems.extend(bad_languages(key, text, place));
        }
        problems
    }

    /// An error for the characters of `text` that no font (embedded, or the briefing's
    /// own) can draw, naming the language, the characters' scripts and how to add a font.
    fn missing_glyphs(&self, key: &TextKey, text: &str) -> Option<Diagnostic> {
        let mut missing: Vec<char> = Vec::new();
        let drawn = |c: char| c.is_whitespace() || c.is_control() || is_invisible(c) || (self.covers)(c);
        for c in text.chars().filter(|&c| !drawn(c)) {
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
        if missing.is_empty() {
            return None;
        }
        let (chars, context) = (missing_chars(&missing), missing_context(&missing, self.lang));
        let message = format!("no font has a glyph for {chars} in `{key}` {context}");
        Some(Diagnostic::error(message).hint(missing_glyph_hint(&missing, &self.loaded.folder)))
    }
}

/// The characters no font has, at most five of them: "`ა` (U+10D0), `ბ` (U+10D1)".
pub(crate) fn missing_chars(missing: &[char]) -> String {
    let mut chars: Vec<String> =
        missing.iter().take(5).map(|c| format!("`{c}` (U+{:04X})", *c as u32)).collect();
    if missing.len() > 5 {
        chars.push(format!("{} more", missing.len() - 5));
    }
    match chars.as_slice() {
        [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        _ => chars.concat(),
    }
}

/// The language and the scripts of the characters `missing`: "(language `ka`, Georgian
/// script)".
pub(crate) fn missing_context(missing: &[char], lang: &str) -> String {
    format!("(language `{lang}`, {})", script_names(missing))
}

/// How to print the characters `missing`: with a font of the briefing's own.
pub(crate) fn missing_glyph_hint(missing: &[char], folder: &crate::load::Folder) -> String {
    let fonts = display_path(&folder.show(Path::new(FONTS_DIR)));
    format!(
        "the built-in fonts cover Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari and Chinese \
         (Simplified and Traditional); to print {}, put a font that covers it (a `.ttf`, `.otf` or \
         `.ttc` file under an open licence, such as a Noto font) in `{fonts}/`, beside `brief.toml`; \
         or replace the character",
        script_names(missing)
    )
}

/// The scripts of `chars`, in order: `Georgian script`, `Thai and Lao scripts`.
fn script_names(chars: &[char]) -> String {
    let scripts = CodePointMapData::<Script>::new();
    let names = PropertyNamesLong::<Script>::new();
    let mut found: Vec<String> = Vec::new();
    for &c in chars {
        let name = names.get(scripts.get(c)).unwrap_or("Unknown").replace('_', " ");
        if !found.contains(&name) {
            found.push(name);
        }
    }
    match found.as_slice() {
        [one] => format!("{one} script"),
        [init @ .., last] => format!("{} and {last} scripts", init.join(", ")),
        [] => "no script".to_owned(),
    }
}

/// A default-ignorable character (Unicode's DerivedCoreProperties): joiners, directional
/// marks and isolates, variation selectors, soft hyphens. No font needs a glyph for them.
fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0xAD | 0x34F | 0x61C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

/// A control character that would print as a box (line breaks and tabs are whitespace), a
/// noncharacter, or U+FEFF inside a text, which PDF/A and PDF/UA forbid in a PDF's text.
pub(crate) fn is_unprintable(c: char) -> bool {
    let code = c as u32;
    let noncharacter = (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE;
    (c.is_control() && !matches!(c, '\n' | '\t' | '\r')) || noncharacter || c == '\u{FEFF}'
}

/// An error for each link of `text` that may not go into a PDF, at the link itself where
/// it can be found in the file, and at the part of it at fault where that can be.
fn bad_links(key: &TextKey, text: &str, place: &Place) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for run in markup::parse(text) {
        let Some(target) = &run.link else { continue };
        let Some(problem) = markup::link_problem(target) else { continue };
        let written = place.span.clone().and_then(|span| {
            let raw = place.file.text.get(span.clone())?;
            let found = raw.find(target.trim_start_matches("https://").trim_start_matches("mailto:"))?;
            Some(span.start + found..span.start + found + target.len().min(raw.len() - found))
        });
        let at = written
            .or(place.span.clone())
            .map(|span| narrow(&place.file.text, span, problem.part.as_deref()));
        let message = format!("`{key}` links to `{target}`: {}", problem.why);
        let hint = "links may go to `https://…`, `http://…` or `mailto:…` addresses only";
        problems.push(Diagnostic::error(message).at(&place.file, at).hint(hint));
    }
    problems
}

/// An error for each `[text]{lang=…}` of `text` that names no language, at its value.
fn bad_languages(key: &TextKey, text: &str, place: &Place) -> Vec<Diagnostic> {
    let problems = markup::language_problems(text);
    let hint = "write a language code of two or three letters, perhaps with a region: \
                `{lang=la}`, `{lang=en}`, `{lang=pt-BR}`";
    let at = |value: &str| {
        let part = format!("lang={value}");
        place.span.clone().map(|span| narrow(&place.file.text, span, Some(&part)))
    };
    problems
        .into_iter()
        .map(|value| {
            let message = format!("`{key}` marks text as in language `{value}`, which is no language code");
            Diagnostic::error(message).at(&place.file, at(&value)).hint(hint)
        })
        .collect()
}

/// `span`, or where `part` is written inside it, if it is.
fn narrow(text: &str, span: Range<usize>, part: Option<&str>) -> Range<usize> {
    let found = part.and_then(|part| Some((text.get(span.clone())?.find(part)?, part.len())));
    found.map_or(span.clone(), |(at, len)| span.start + at..span.start + at + len)
}
