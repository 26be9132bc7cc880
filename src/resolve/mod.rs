//! Resolve stage: one briefing in one language, ready for the templates.
//!
//! Applies the translation (falling back to the source per key, with a warning), picks the
//! labels, names the recommending States, formats numbers for the language and parses the
//! inline markup. The result is the templates' data (`crate::data`), plain data that
//! they receive as JSON.

mod bidi;
mod checks;
mod cldr;
mod document;
mod limits;
mod locale;
mod qr;
pub(crate) mod states;
pub(crate) mod talk;

pub(crate) use checks::{MAX_TEXT_CHARS, is_unprintable};

use indexmap::IndexMap;

use crate::data::Document;
use crate::diag::Diagnostic;
use crate::labels;
use crate::load::{LoadedBrief, Translation, check_value_slot};
use crate::model::Brief;
use checks::TextChecks;
pub(crate) use checks::{missing_chars, missing_context, missing_glyph_hint};

/// A resolved document, or the errors that keep it from being built, plus warnings.
pub(crate) struct Resolution {
    /// The document, if the language can be built.
    pub document: Option<Document>,
    /// Its speaker notes and talk time, when the document could be built.
    pub talk: Option<talk::Talk>,
    /// The delegations that get a leave-behind, when the document could be built: each
    /// leave-behind is `document` with its `delegation` set to one of them.
    pub delegations: Vec<crate::data::Delegation>,
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
            return Resolution {
                document: None,
                talk: None,
                delegations: Vec::new(),
                diagnostics: Vec::new(),
            };
        }
        diagnostics.extend(apply_translation(&mut brief, translation));
        brief.numbers = translation.numbers.or(brief.numbers);
        label_overrides = translation.labels.iter().map(|(k, e)| (k.clone(), e.text.clone())).collect();
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Resolution { document: None, talk: None, delegations: Vec::new(), diagnostics };
        }
    }
    let labels_file = translation.map_or(&loaded.file, |t| &t.file);
    let (labels, fallback_labels) = resolve_labels(lang, label_overrides, labels_file, &mut diagnostics);
    let checks = TextChecks { loaded, translation, covers, lang };
    diagnostics.extend(checks.run(&mut brief, &labels));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Resolution { document: None, talk: None, delegations: Vec::new(), diagnostics };
    }
    // Texts that fall back to the source are shown in the source's language.
    let source = (lang != loaded.brief.lang).then_some(loaded.brief.lang.as_str());
    let shown = match (source, translation) {
        (Some(_), Some(translation)) => mark_fallbacks(&brief, translation),
        _ => brief.clone(),
    };
    let resolver = document::Resolver::new(lang, source, &shown, labels);
    let delegations = resolver.delegations(&shown);
    let mut document = resolver.document(&shown);
    document.fallback_labels = fallback_labels;
    let (before, after) = loaded.fonts.families(&document.script);
    document.own_fonts = crate::data::OwnFontFamilies { before, after };
    // Words are counted only for a limit: the segmenter is not free.
    let mut talk_words = 0;
    if loaded.brief.limits.words.is_some() {
        let (words, sections) = limits::words(&mut brief);
        if let Some(over) = limits::over_words(loaded, lang, words, &sections) {
            diagnostics.push(over);
            return Resolution { document: None, talk: None, delegations: Vec::new(), diagnostics };
        }
        talk_words = words;
    }
    let mut talk = talk::talk(&mut brief, lang);
    talk.words = talk_words;
    talk.word_limit = loaded.brief.limits.words;
    Resolution { document: Some(document), talk: Some(talk), delegations, diagnostics }
}

impl Resolution {
    /// The data of each output of the language, as JSON: `None` names the document of the
    /// handout and the slides, a State a leave-behind's (the document with its
    /// `delegation` set).
    pub(crate) fn served(&self) -> Vec<(Option<String>, Vec<u8>)> {
        let Some(document) = &self.document else { return Vec::new() };
        let value = serde_json::to_value(document).expect("the document serializes");
        let json = |value: &serde_json::Value| serde_json::to_vec(value).expect("JSON serializes");
        let leave_behinds = self.delegations.iter().map(|delegation| {
            let mut value = for_delegation(&value, &delegation.state);
            value["delegation"] = serde_json::to_value(delegation).expect("the delegation serializes");
            (Some(delegation.state.clone()), json(&value))
        });
        std::iter::once((None, json(&value))).chain(leave_behinds).collect()
    }
}

/// The document of a leave-behind for `state`: only what it shows (the issues and findings
/// the State made a recommendation on, with its own recommendations), so that a change
/// elsewhere in the briefing leaves it up to date.
fn for_delegation(document: &serde_json::Value, state: &str) -> serde_json::Value {
    use serde_json::Value;
    let mut value = document.clone();
    for unshown in ["opening", "developments", "about"] {
        value[unshown] = Value::Null;
    }
    let made_by = |previous: &Value| {
        let states = previous["states"].as_array();
        states.is_some_and(|states| states.iter().any(|s| s.as_str() == Some(state)))
    };
    if let Some(issues) = value["issues"].as_array_mut() {
        for issue in issues.iter_mut() {
            if let Some(findings) = issue["findings"].as_array_mut() {
                for finding in findings.iter_mut() {
                    if let Some(previous) = finding["previous"].as_array_mut() {
                        previous.retain(made_by);
                    }
                }
                findings.retain(|f| f["previous"].as_array().is_some_and(|p| !p.is_empty()));
            }
        }
        issues.retain(|i| i["findings"].as_array().is_some_and(|f| !f.is_empty()));
    }
    value
}

fn failed(diagnostic: Diagnostic) -> Resolution {
    Resolution { document: None, talk: None, delegations: Vec::new(), diagnostics: vec![diagnostic] }
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

/// `brief` with each text that `translation` leaves untranslated marked with
/// [`document::FALLBACK`], for the resolver to set in the source's language.
fn mark_fallbacks(brief: &Brief, translation: &Translation) -> Brief {
    let mut shown = brief.clone();
    shown.visit_texts(&mut |key, _, text| {
        let translated = translation.texts.get(key).is_some_and(|e| !e.text.trim().is_empty());
        if !translated && !text.trim().is_empty() {
            text.insert(0, document::FALLBACK);
        }
    });
    shown
}

/// The labels of `lang`: built in, or English where the tool ships none, with the
/// briefing's overrides, and the keys of those left in English. For a language without
/// built-in labels, a warning names those the overrides leave in English, at the file
/// that should give them.
fn resolve_labels(
    lang: &str,
    overrides: IndexMap<String, String>,
    file: &std::sync::Arc<crate::diag::SourceFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (IndexMap<String, String>, Vec<String>) {
    let mut fallbacks = Vec::new();
    let mut labels = labels::builtin(lang).unwrap_or_else(|| {
        fallbacks = labels::keys().into_iter().filter(|key| !overrides.contains_key(key)).collect();
        let missing: Vec<String> = fallbacks.iter().map(|k| format!("`{k}`")).collect();
        if !missing.is_empty() {
            let (count, fallback) = (missing.len(), labels::FALLBACK);
            let message = format!(
                "no built-in labels for `{lang}`: {count} label(s) fall back to `{fallback}`: {}",
                missing.join(", ")
            );
            let hint = "translate them in the `[labels]` table of this file";
            diagnostics.push(Diagnostic::warning(message).at(file, None).hint(hint));
        }
        labels::builtin(labels::FALLBACK).expect("the fallback labels are built in")
    });
    labels.extend(overrides);
    (labels, fallbacks)
}
