//! Translation state, missing keys: where each is (empty) or would go (absent), where its
//! source text is, and the diagnostic that says so.

use std::ops::Range;
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile, location, shown};
use crate::load::{LoadedBrief, Translation};
use crate::model::{SourceText, TextKey};

/// A source key that a translation lacks, or has empty.
#[derive(Debug, Clone)]
pub(crate) struct Missing {
    /// Its key.
    pub key: TextKey,
    /// The translation file it is in (empty) or would go in (absent).
    pub file: Arc<SourceFile>,
    /// Where its empty value is in `file`; `None` when the key is absent.
    pub span: Option<Range<usize>>,
    /// The source, `brief.toml`.
    pub source_file: Arc<SourceFile>,
    /// Where the source text is in `source_file`.
    pub source_span: Option<Range<usize>>,
    /// The source text, which is used instead.
    pub source: String,
}

impl Missing {
    /// The missing key `key` of `translation`, whose source is `source`.
    pub(super) fn new(
        loaded: &LoadedBrief,
        translation: &Translation,
        key: &TextKey,
        source: &SourceText,
    ) -> Self {
        Self {
            key: key.clone(),
            file: translation.file.clone(),
            span: translation.texts.get(key).and_then(|entry| entry.span.clone()),
            source_file: loaded.file.clone(),
            source_span: source.span.clone(),
            source: source.text.clone(),
        }
    }

    /// Whether the key is in the file, with an empty value.
    pub(crate) fn is_empty_key(&self) -> bool {
        self.span.is_some()
    }

    /// `fr.toml:14:9` where the key is empty, `fr.toml` where it would go.
    pub(crate) fn at(&self) -> String {
        location(&self.file, self.span.as_ref())
    }

    /// `brief.toml:12:9`, where the source text is.
    pub(crate) fn source_at(&self) -> String {
        location(&self.source_file, self.source_span.as_ref())
    }

    /// The source text, quoted on one line and cut at `MAX_QUOTED` characters.
    pub(crate) fn quoted_source(&self) -> String {
        let text = shown(self.source.trim());
        match text.char_indices().nth(MAX_QUOTED) {
            Some((cut, _)) => format!("\"{}…\"", text[..cut].trim_end()),
            None => format!("\"{text}\""),
        }
    }

    /// A warning, or an error when `strict`: an empty key at its value, with the source
    /// text in a hint; an absent key at its source text, with the file it goes in.
    pub(crate) fn diagnostic(&self, lang: &str, strict: bool) -> Diagnostic {
        let make =
            |message: String| if strict { Diagnostic::error(message) } else { Diagnostic::warning(message) };
        let key = &self.key;
        if self.is_empty_key() {
            // There, but empty: point at it; `update` would add nothing.
            make(format!("`{key}` is empty in `{lang}`; the source text is used"))
                .at(&self.file, self.span.clone())
                .hint("the key exists but is empty: write its translation between the quotes")
                .hint(format!("the source text, at {}: {}", self.source_at(), self.quoted_source()))
        } else {
            let file = location(&self.file, None);
            make(format!("`{key}` is not translated into `{lang}`; the source text is used"))
                .at(&self.source_file, self.source_span.clone())
                .hint(format!("add it to `{file}`; `brief i18n update {lang}` adds every missing key"))
        }
    }
}

/// How many characters of a source text a one-line listing quotes.
const MAX_QUOTED: usize = 60;
