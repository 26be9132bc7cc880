//! Load stage, checks on a deserialized source: ids, language, labels, files, figures.
//! Every problem is collected, each pointing at its key.

use std::path::Path;
use std::sync::Arc;

use super::spans::Spans;
use crate::diag::{Diagnostic, SourceFile};
use crate::labels;
use crate::model::Brief;

/// Everything wrong with a source briefing that deserialization could not catch.
pub(super) fn source(brief: &Brief, file: &Arc<SourceFile>, spans: &Spans, dir: &Path) -> Vec<Diagnostic> {
    let mut problems: Vec<(String, Diagnostic)> = Vec::new();
    if icu_locale_core::LanguageIdentifier::try_from_str(&brief.lang).is_err() {
        let d = Diagnostic::error(format!("`lang`: `{}` is not a language code", brief.lang))
            .hint("use a BCP 47 code such as `en`, `fr` or `pt-BR`");
        problems.push(("lang".into(), d));
    }
    if let Some(date) = &brief.date
        && (date.date.is_none() || date.time.is_some())
    {
        let d = Diagnostic::error(format!("`date`: `{date}` is not a plain date"))
            .hint("write a date without quotes, e.g. `date = 2024-11-04`");
        problems.push(("date".into(), d));
    }
    for key in brief.labels.keys() {
        if let Err(d) = labels::check_key(key) {
            problems.push((format!("labels.{key}"), d));
        }
    }
    if let Some(logo) = &brief.logo {
        check_logo(&logo.file, dir, &mut problems);
    }
    check_texts(brief, &mut problems);
    problems
        .into_iter()
        .map(|(path, d)| {
            let span = spans.locate(&path);
            d.at(file, span)
        })
        .collect()
}

fn check_logo(name: &str, dir: &Path, problems: &mut Vec<(String, Diagnostic)>) {
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
            problems.push(("logo.file".into(), Diagnostic::error(message).hint(hint)));
            return;
        }
    };
    let hint = "put the image beside `brief.toml` and give its name, e.g. `logo.png`";
    problems.push(("logo.file".into(), Diagnostic::error(message).hint(hint)));
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

/// Checks the ids that make up key paths, and the `{value}` slot of key figures.
fn check_texts(brief: &Brief, problems: &mut Vec<(String, Diagnostic)>) {
    let mut brief = brief.clone();
    brief.visit_texts(&mut |path, text| {
        if let Some(bad) = path.split('.').find(|segment| !is_id(segment)) {
            let d = Diagnostic::error(format!("id `{bad}` may only hold letters, digits, `-` and `_`"))
                .hint("ids name items for translators; use something like `action-plan`");
            problems.push((path.to_owned(), d));
        }
        if is_figure_text(path)
            && let Some(d) = check_value_slot(path, text)
        {
            problems.push((path.to_owned(), d));
        }
    });
}

fn is_id(segment: &str) -> bool {
    !segment.is_empty() && segment.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// Whether `path` is the `text` of a key figure (an item table with a `value`).
pub fn is_figure_text(path: &str) -> bool {
    let parts: Vec<&str> = path.rsplitn(3, '.').collect();
    matches!(parts.as_slice(), ["text", _, list] if list.ends_with("items") || list.ends_with("points"))
}

/// A key figure's text must hold `{value}` exactly once.
pub fn check_value_slot(path: &str, text: &str) -> Option<Diagnostic> {
    let count = text.matches("{value}").count();
    (count != 1).then(|| {
        Diagnostic::error(format!("`{path}` must hold `{{value}}` exactly once, found {count}"))
            .hint("`{value}` marks where the figure's number goes, e.g. \"Estimated {value} victims\"")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_figure_texts() {
        assert!(is_figure_text("developments.items.slavery.text"));
        assert!(is_figure_text("issues.a.findings.b.situation.points.c.text"));
        assert!(!is_figure_text("issues.a.recommendations.r.text"));
        assert!(!is_figure_text("developments.items.text"));
    }

    #[test]
    fn the_value_slot_is_required_once() {
        assert!(check_value_slot("p", "{value} people").is_none());
        assert!(check_value_slot("p", "people").is_some());
        assert!(check_value_slot("p", "{value} of {value}").is_some());
    }
}
