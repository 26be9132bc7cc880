//! Load stage, checks on a deserialized source: ids, language, labels, files, figures.
//! Every problem is collected, each pointing at its key.

use std::path::Path;
use std::sync::Arc;

use super::spans::Spans;
use crate::diag::{Diagnostic, SourceFile};
use crate::model::{Brief, Catalog, TextKey, TextKind};
use crate::resolve::labels;

/// Everything wrong with a source briefing that deserialization could not catch.
pub(super) fn source(
    brief: &Brief,
    catalog: &Catalog,
    file: &Arc<SourceFile>,
    spans: &Spans,
    dir: &Path,
) -> Vec<Diagnostic> {
    let mut problems: Vec<(TextKey, Diagnostic)> = Vec::new();
    if icu_locale_core::LanguageIdentifier::try_from_str(&brief.lang).is_err() {
        let d = Diagnostic::error(format!("`lang`: `{}` is not a language code", brief.lang))
            .hint("use a BCP 47 code such as `en`, `fr` or `pt-BR`");
        problems.push((TextKey::of(&["lang"]), d));
    }
    if let Some(date) = &brief.date
        && (date.date.is_none() || date.time.is_some())
    {
        let d = Diagnostic::error(format!("`date`: `{date}` is not a plain date"))
            .hint("write a date without quotes, e.g. `date = 2024-11-04`");
        problems.push((TextKey::of(&["date"]), d));
    }
    for (key, text) in &brief.labels {
        if let Err(d) = labels::check_key(key) {
            problems.push((TextKey::of(&["labels", key]), d));
        } else if text.trim().is_empty() {
            problems.push((TextKey::of(&["labels", key]), empty(&format!("labels.{key}"))));
        }
    }
    if let Some(logo) = &brief.logo {
        check_logo(&logo.file, dir, &mut problems);
    }
    check_texts(catalog, &mut problems);
    problems.into_iter().map(|(key, d)| d.at(file, spans.locate(&key))).collect()
}

fn check_logo(name: &str, dir: &Path, problems: &mut Vec<(TextKey, Diagnostic)>) {
    let key = TextKey::of(&["logo", "file"]);
    let path = dir.join(name);
    let inside = path.canonicalize().ok().zip(dir.canonicalize().ok());
    let message = match inside {
        None => format!("`logo.file`: `{name}` does not exist in the briefing's folder"),
        Some((file, dir)) if !file.starts_with(&dir) => {
            format!("`logo.file`: `{name}` is outside the briefing's folder")
        }
        Some(_) if is_image(&path) => return,
        Some(_) => {
            let message = format!("`logo.file`: `{name}` is not a PNG, JPEG, GIF, WebP or SVG image");
            let hint = "export the logo as PNG or SVG";
            problems.push((key, Diagnostic::error(message).hint(hint)));
            return;
        }
    };
    let hint = "put the image beside `brief.toml` and give its name, e.g. `logo.png`";
    problems.push((key, Diagnostic::error(message).hint(hint)));
}

/// Whether the file starts like an image Typst can read.
fn is_image(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else { return false };
    let head = &bytes[..bytes.len().min(512)];
    head.starts_with(b"\x89PNG\r\n\x1a\n")
        || head.starts_with(&[0xFF, 0xD8, 0xFF])
        || head.starts_with(b"GIF8")
        || (head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP"))
        || String::from_utf8_lossy(head).contains("<svg")
}

/// Checks the ids that make up keys, and the `{value}` slot of key figures.
fn check_texts(catalog: &Catalog, problems: &mut Vec<(TextKey, Diagnostic)>) {
    for (key, source) in catalog.iter() {
        if let Some(bad) = key.segments().iter().find(|segment| !is_id(segment)) {
            let d = Diagnostic::error(format!("id `{bad}` may only hold letters, digits, `-` and `_`"))
                .hint("ids name items for translators; use something like `action-plan`");
            problems.push((key.clone(), d));
        }
        if let Some(d) = check_value_slot(key, source.kind, &source.text) {
            problems.push((key.clone(), d));
        }
        if names_something(key) && crate::resolve::markup::plain(&source.text).trim().is_empty() {
            problems.push((key.clone(), empty(&key.to_string())));
        }
    }
}

/// Whether the text at `key` is a heading (a title) or an image's alternative text: an
/// accessible PDF (PDF/UA) needs each to say something.
fn names_something(key: &TextKey) -> bool {
    matches!(key.segments().last().map(String::as_str), Some("title" | "heading"))
        || *key == TextKey::of(&["logo", "alt"])
}

/// The error for an empty heading or alternative text at `key`.
fn empty(key: &str) -> Diagnostic {
    Diagnostic::error(format!("`{key}` is empty"))
        .hint("headings and the logo's alternative text are read out by screen readers: write what it says")
}

fn is_id(segment: &str) -> bool {
    !segment.is_empty() && segment.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A key figure's text must hold `{value}` exactly once.
pub(crate) fn check_value_slot(key: &TextKey, kind: TextKind, text: &str) -> Option<Diagnostic> {
    let count = text.matches("{value}").count();
    (kind == TextKind::Figure && count != 1).then(|| {
        Diagnostic::error(format!("`{key}` must hold `{{value}}` exactly once, found {count}"))
            .hint("`{value}` marks where the figure's number goes, e.g. \"Estimated {value} victims\"")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_slot_is_required_once_in_figures() {
        let key = TextKey::of(&["p"]);
        assert!(check_value_slot(&key, TextKind::Figure, "{value} people").is_none());
        assert!(check_value_slot(&key, TextKind::Figure, "people").is_some());
        assert!(check_value_slot(&key, TextKind::Figure, "{value} of {value}").is_some());
        assert!(check_value_slot(&key, TextKind::Prose, "people").is_none());
    }
}
