//! Resolve stage: one briefing in one language, ready for the templates.
//!
//! Applies the translation (falling back to the source per key, with a warning), picks the
//! labels, names the recommending States, formats numbers for the language and parses the
//! inline markup. The result is the templates' data (`render::data`), plain data that
//! they receive as JSON.

mod document;
pub(crate) mod labels;
mod locale;
pub(crate) mod markup;
mod states;

use indexmap::IndexMap;

use crate::diag::Diagnostic;
use crate::load::{LoadedBrief, Translation, check_value_slot};
use crate::model::{Brief, TextKey};
use crate::render::data::Document;

/// A resolved document, or the errors that keep it from being built, plus warnings.
pub(crate) struct Resolution {
    /// The document, if the language can be built.
    pub document: Option<Document>,
    /// Warnings (and errors, when `document` is `None`).
    pub diagnostics: Vec<Diagnostic>,
}

/// Resolves `loaded` for `lang` (the source language or one of its translations).
/// `covers` tells whether some embedded font has a glyph for a character.
pub(crate) fn resolve(loaded: &LoadedBrief, lang: &str, covers: &dyn Fn(char) -> bool) -> Resolution {
    let mut diagnostics = Vec::new();
    let mut brief = loaded.brief.clone();
    let mut label_overrides: IndexMap<String, String> = brief.labels.clone();
    let translation = loaded.translations.iter().find(|t| t.lang == lang);
    if lang != loaded.brief.lang {
        let Some(translation) = translation else {
            let message = format!("`{}` has no `{lang}` translation", loaded.name);
            let hint = format!("available: {}", loaded.languages().join(", "));
            return failed(Diagnostic::error(message).hint(hint));
        };
        if !translation.is_usable() {
            // Its errors were reported when it was loaded.
            return Resolution { document: None, diagnostics: Vec::new() };
        }
        diagnostics.extend(apply_translation(&mut brief, translation));
        label_overrides = translation.labels.iter().map(|(k, e)| (k.clone(), e.text.clone())).collect();
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Resolution { document: None, diagnostics };
        }
    }
    let labels = resolve_labels(lang, label_overrides, &mut diagnostics);
    let glyphs = Glyphs { loaded, translation, covers };
    diagnostics.extend(glyphs.missing(&mut brief, &labels));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Resolution { document: None, diagnostics };
    }
    let document = document::Resolver::new(lang, &brief, labels).document(&brief);
    Resolution { document: Some(document), diagnostics }
}

/// Finds the characters no embedded font can draw.
struct Glyphs<'a> {
    loaded: &'a LoadedBrief,
    translation: Option<&'a Translation>,
    covers: &'a dyn Fn(char) -> bool,
}

impl Glyphs<'_> {
    /// An error for every text holding a character no embedded font can draw, naming the
    /// file it was written in, the key and the character.
    fn missing(&self, brief: &mut Brief, labels: &IndexMap<String, String>) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        brief.visit_texts(&mut |key, _, text| {
            let entry = self.translation.and_then(|t| t.texts.get(key));
            diagnostics.extend(self.check(key, text, entry.map(|e| e.span.clone())));
        });
        for (name, text) in labels {
            let entry = self.translation.and_then(|t| t.labels.get(name));
            diagnostics.extend(self.check(
                &TextKey::of(&["labels", name]),
                text,
                entry.map(|e| e.span.clone()),
            ));
        }
        diagnostics
    }

    /// The error for `text`, at `key`; `translated` is where the translation wrote it.
    fn check(
        &self,
        key: &TextKey,
        text: &str,
        translated: Option<Option<std::ops::Range<usize>>>,
    ) -> Option<Diagnostic> {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars().filter(|&c| !c.is_whitespace() && !c.is_control() && !(self.covers)(c)) {
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
        if missing.is_empty() {
            return None;
        }
        let chars =
            missing.iter().map(|c| format!("`{c}` (U+{:04X})", *c as u32)).collect::<Vec<_>>().join(", ");
        let message = format!("no embedded font has a glyph for {chars} in `{key}`");
        let hint = "the fonts cover Latin, Cyrillic, Greek, Arabic and Simplified Chinese (GB 2312); \
                    replace the character, or add a font under `fonts/`";
        let diagnostic = Diagnostic::error(message).hint(hint);
        let source = self.loaded.catalog.get(key).and_then(|s| s.span.clone());
        Some(match (self.translation, translated) {
            (Some(t), Some(span)) => diagnostic.at(&t.file, span),
            _ => diagnostic.at(&self.loaded.file, source.or_else(|| self.loaded.spans.locate(key))),
        })
    }
}

fn failed(diagnostic: Diagnostic) -> Resolution {
    Resolution { document: None, diagnostics: vec![diagnostic] }
}

/// Replaces each source text by its translation where there is one (an empty string
/// counts as none); what falls back is reported by `i18n::diagnostics`.
fn apply_translation(brief: &mut Brief, translation: &Translation) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let file = &translation.file;
    brief.visit_texts(&mut |key, kind, text| {
        let Some(entry) = translation.texts.get(key).filter(|e| !e.text.trim().is_empty()) else { return };
        if let Some(d) = check_value_slot(key, kind, &entry.text) {
            diagnostics.push(d.at(file, entry.span.clone()));
        }
        *text = entry.text.clone();
    });
    diagnostics
}

fn resolve_labels(
    lang: &str,
    overrides: IndexMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> IndexMap<String, String> {
    let mut labels = labels::builtin(lang).unwrap_or_else(|| {
        let message = format!("no built-in labels for `{lang}`; using `{}`", labels::FALLBACK);
        let hint = "translate them in a `[labels]` table of the translation file";
        diagnostics.push(Diagnostic::warning(message).hint(hint));
        labels::builtin(labels::FALLBACK).unwrap_or_default()
    });
    labels.extend(overrides);
    labels
}
