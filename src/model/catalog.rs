//! Load stage, the catalogue of translatable texts: every text a translator translates,
//! by its key, with its kind, its source text and where the source wrote it.
//!
//! Built once when a briefing is loaded (from the walk in `texts.rs`); translation
//! loading, `brief i18n`, validation and resolve all read it. [`TextKey`] is the one
//! place where a dotted key such as `issues.prisoners.title` is made or taken apart.

use std::fmt;
use std::ops::Range;

use indexmap::IndexMap;
use serde::{Serialize, Serializer};

use super::Brief;

/// The path of a value in a briefing's TOML: `issues.prisoners.findings.labour.title`.
///
/// Kept as segments, so that no caller splits or joins dotted strings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct TextKey(Vec<String>);

impl TextKey {
    /// The key of `segments`, e.g. `TextKey::of(&["logo", "file"])`.
    pub(crate) fn of(segments: &[&str]) -> Self {
        Self(segments.iter().map(|s| (*s).to_owned()).collect())
    }

    /// Reads a dotted key as a user types it (`--key issues.a.title`), or as it was written
    /// into the lock or the templates' data: a TOML dotted key, so a segment that is not a
    /// bare key is quoted (`states."St. Kitts"`).
    pub(crate) fn parse(dotted: &str) -> Self {
        match toml_edit::Key::parse(dotted) {
            Ok(keys) => Self(keys.iter().map(|key| key.get().to_owned()).collect()),
            Err(_) => Self(dotted.split('.').map(str::to_owned).collect()),
        }
    }

    /// This key with one more segment.
    pub(crate) fn child(&self, segment: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(segment.to_owned());
        Self(segments)
    }

    /// The segments, outermost first.
    pub(crate) fn segments(&self) -> &[String] {
        &self.0
    }

    /// The key one level up, if any.
    pub(crate) fn parent(&self) -> Option<Self> {
        let (_, parent) = self.0.split_last()?;
        Some(Self(parent.to_vec()))
    }

    /// Whether `prefix` is this key or one of its ancestors.
    pub(crate) fn starts_with(&self, prefix: &TextKey) -> bool {
        self.0.starts_with(&prefix.0)
    }

    /// The rest of this key after `first`, if it starts with that one segment.
    pub(crate) fn strip_first(&self, first: &str) -> Option<Self> {
        let (head, rest) = self.0.split_first()?;
        (head == first).then(|| Self(rest.to_vec()))
    }
}

impl fmt::Display for TextKey {
    /// As TOML writes it: `issues.a.title`, `states."Holy See"`.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            f.write_str(&toml_edit::Key::new(segment.as_str()).display_repr())?;
        }
        Ok(())
    }
}

impl Serialize for TextKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// What a text is, which decides how it is checked and used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextKind {
    /// Prose, with the inline markup.
    Prose,
    /// A key figure's sentence: it holds `{value}` exactly once, where the number goes.
    Figure,
    /// A name used as written, markup removed (the organisation, a contact, a State).
    Name,
    /// Speaker notes: what the presenter says over a slide. Never on the slides; written
    /// to the deck's `.pdfpc` file and counted in the talk time.
    Note,
}

/// One translatable text of the source.
#[derive(Debug, Clone)]
pub(crate) struct SourceText {
    /// What kind of text it is.
    pub kind: TextKind,
    /// The source-language text.
    pub text: String,
    /// Where its value was written in `brief.toml`.
    pub span: Option<Range<usize>>,
}

/// Every translatable text of a briefing, in source order.
#[derive(Debug, Default)]
pub(crate) struct Catalog {
    texts: IndexMap<TextKey, SourceText>,
}

impl Catalog {
    /// Lists the texts of `brief`; `locate` tells where each value was written.
    pub(crate) fn build(brief: &mut Brief, locate: impl Fn(&TextKey) -> Option<Range<usize>>) -> Self {
        let mut texts = IndexMap::new();
        brief.visit_texts(&mut |key, kind, text| {
            let span = locate(key);
            texts.insert(key.clone(), SourceText { kind, text: text.clone(), span });
        });
        Self { texts }
    }

    /// The text at `key`, if `key` names a translatable text.
    pub(crate) fn get(&self, key: &TextKey) -> Option<&SourceText> {
        self.texts.get(key)
    }

    /// Every text, in source order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&TextKey, &SourceText)> {
        self.texts.iter()
    }

    /// Every key, in source order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &TextKey> {
        self.texts.keys()
    }

    /// Whether some text's key lies under `prefix`.
    pub(crate) fn has_under(&self, prefix: &TextKey) -> bool {
        self.texts.keys().any(|key| key.starts_with(prefix) && key != prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_segments_shown_dotted() {
        let key = TextKey::of(&["issues", "a"]).child("title");
        assert_eq!(key.to_string(), "issues.a.title");
        assert_eq!(TextKey::parse("issues.a.title"), key);
        assert_eq!(key.parent(), Some(TextKey::of(&["issues", "a"])));
        assert!(key.starts_with(&TextKey::of(&["issues"])));
        assert!(!key.starts_with(&TextKey::of(&["issue"])));
        let named = TextKey::of(&["states", "St. Kitts"]);
        assert_eq!(named.to_string(), "states.\"St. Kitts\"");
        assert_eq!(TextKey::parse(&named.to_string()), named);
        assert_eq!(TextKey::of(&["labels", "by"]).strip_first("labels"), Some(TextKey::of(&["by"])));
    }
}
