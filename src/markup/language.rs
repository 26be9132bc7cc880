//! Resolve stage, markup: the `{lang=…}` that marks a span of text as another language
//! (`[Nil nisi bonum]{lang=la}`), after Pandoc's bracketed spans.

use std::ops::Range;

use icu_locale_core::LanguageIdentifier;

/// A `{lang=…}` read at the start of a text.
pub(super) struct Attribute {
    /// Its length in bytes.
    pub len: usize,
    /// The language tag it names, in its canonical form (`pt-BR`), or the value as written
    /// if it names none.
    pub language: Result<String, String>,
}

/// The `{lang=xx}` (or `{lang="xx"}`) that `text` starts with, if it does.
pub(super) fn attribute(text: &str) -> Option<Attribute> {
    let inner = text.strip_prefix('{')?;
    let end = inner.find('}')?;
    let (key, value) = inner[..end].split_once('=')?;
    if key.trim() != "lang" {
        return None;
    }
    let value = value.trim();
    let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
    Some(Attribute { len: end + 2, language: language(value).ok_or_else(|| value.to_owned()) })
}

/// `value` as a language tag for Typst: a language of two or three letters (ISO 639),
/// perhaps with a script and a region.
fn language(value: &str) -> Option<String> {
    let id = LanguageIdentifier::try_from_str(value).ok()?;
    let subtag = id.language.as_str();
    let known = (2..=3).contains(&subtag.len()) && subtag != "und";
    known.then(|| id.to_string())
}

/// What is left of a text event at `range` once the attribute, which ends at `end`, is
/// taken off; `None` if nothing is.
pub(super) fn after_attribute(text: &str, range: Range<usize>, end: usize) -> Option<&str> {
    if range.end <= end {
        return None;
    }
    // A text event holds its source as written unless escapes were taken out of it.
    let cut = if text.len() == range.len() { end - range.start } else { text.find('}')? + 1 };
    text.get(cut..).filter(|rest| !rest.is_empty())
}
