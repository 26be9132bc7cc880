//! Pipeline, make: one output. Lays it out with its slide bodies fitted, ejects it as a
//! Typst project when asked, exports the PDF and writes it.

use std::path::Path;
use std::time::Instant;

use typst::foundations::Bytes;

use super::plan::Task;
use super::{Options, Output, OutputStatus};
use crate::diag::{Diagnostic, display_path};
use crate::export::{self, eject};
use crate::load::LoadedBrief;
use crate::model::TextKey;
use crate::render::fit::{self, Fit, Fitted};
use crate::render::overflow::{self, Overflow};
use crate::render::{Format, Job, Typesetter, slides};

/// A slide body set smaller than this share of its design size is reported; a little
/// shrinking to fit a longer translation is the templates' normal work.
const NOTABLE_SHRINK: f64 = 0.85;

/// Lays out, exports and (when writing) writes one output.
pub(super) fn make_output(typesetter: &Typesetter, task: Task, options: &Options) -> Output {
    let start = Instant::now();
    let mut output = task.output;
    let job = Job {
        format: output.format,
        data: task.data.clone(),
        folder: &task.loaded.folder,
        today: task.today,
        sizes: fit::design_sizes(),
    };
    let fitted = fit::layout(typesetter, job, task.sizes);
    let Fitted { document, warnings, fits, sizes } = match fitted {
        Ok(fitted) => fitted,
        Err(mut errors) => {
            // Ejected all the same, at the design sizes: a template author debugging a
            // broken template wants the project that shows the error.
            if let Some(dir) = &options.emit_typst
                && let Err(e) = eject_output(dir, &output, task.loaded, &task.data, &fit::design_sizes())
            {
                errors.push(e);
            }
            return finish(output, errors, start, options);
        }
    };
    output.diagnostics.extend(warnings);
    let notable = fits.iter().filter(|fit| fit.overflows || fit.size < fit.max * NOTABLE_SHRINK);
    output.diagnostics.extend(notable.map(|fit| fit_diagnostic(task.loaded, &output.lang, fit)));
    let lost = overflow::find(&document);
    let lost: Vec<Diagnostic> =
        lost.iter().map(|lost| overflow_diagnostic(task.loaded, &output, lost)).collect();
    output.diagnostics.extend(lost);
    if let Some(dir) = &options.emit_typst
        && let Err(e) = eject_output(dir, &output, task.loaded, &task.data, &sizes)
    {
        output.diagnostics.push(e);
    }
    output.pages = Some(document.pages().len());
    output.sizes = Some(sizes);
    let ident = output.fingerprint.clone().expect("a planned output has a fingerprint");
    let bytes = match export::pdf(&document, &ident, task.today) {
        Ok(bytes) => bytes,
        Err(errors) => return finish(output, errors, start, options),
    };
    output.bytes = Some(bytes.len());
    // An output with an error is not written: the last good PDF stays.
    if output.diagnostics.iter().any(Diagnostic::is_error) {
        return finish(output, Vec::new(), start, options);
    }
    if options.out.is_some() {
        let notes = task.talk.as_deref().map(|talk| {
            let pages = slides::page_keys(&document);
            (super::notes_path(&output.path), export::pdfpc::pdfpc(&pages, &talk.notes, talk.slot))
        });
        let files = std::iter::once((output.path.clone(), bytes)).chain(notes);
        for (path, bytes) in files {
            if let Err(error) = write(&path, &bytes) {
                return finish(output, vec![error], start, options);
            }
        }
    }
    output.status = OutputStatus::Built;
    finish(output, Vec::new(), start, options)
}

/// Writes a PDF into its briefing's output folder, which must not be a link elsewhere.
fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let parent = path.parent().unwrap_or(Path::new("."));
    if std::fs::symlink_metadata(parent).is_ok_and(|m| m.file_type().is_symlink()) {
        let message = format!("cannot write into `{}`: it is a link to another folder", display_path(parent));
        return Err(Diagnostic::error(message).hint("remove the link; `brief` makes the folder itself"));
    }
    export::write_output(path, bytes).map_err(|e| Diagnostic::io("write", path, &e))
}

fn finish(mut output: Output, errors: Vec<Diagnostic>, start: Instant, options: &Options) -> Output {
    output.diagnostics.extend(errors);
    output.time = start.elapsed();
    options.notify(&output);
    output
}

/// Writes the output as a plain Typst project under `dir`.
fn eject_output(
    dir: &Path,
    output: &Output,
    loaded: &LoadedBrief,
    data: &Bytes,
    sizes: &Bytes,
) -> Result<(), Diagnostic> {
    let name = format!("{}.{}.{}", output.brief, output.lang, output.format.name());
    let logo = loaded.brief.logo.as_ref().map(|logo| logo.file.as_str());
    eject::write(&dir.join(name), output.format, data, sizes, &loaded.folder, logo)
}

/// Reports text the layout lost off a page, at the text's key where it can be found.
fn overflow_diagnostic(loaded: &LoadedBrief, output: &Output, lost: &Overflow) -> Diagnostic {
    let page = if output.format == Format::Slides { "slide" } else { "page" };
    let what =
        format!("{page} {} of `{}` in `{}` ({})", lost.page, loaded.name, output.lang, output.format.name());
    let key = lost.key.clone().or_else(|| key_showing(loaded, &output.lang, &lost.text));
    let message = match (&key, lost.text.is_empty()) {
        (Some(key), true) => format!("{what}: `{key}` does not fit on one slide"),
        (_, _) => format!("{what}: text runs off the page: \"{}…\"", lost.text.replace('\u{200B}', "")),
    };
    let hint = match &key {
        Some(key) => format!("shorten the text under `{key}`, or split it"),
        None => "shorten the longest texts of this page".to_owned(),
    };
    let diagnostic = Diagnostic::error(message).hint(hint);
    let translation = loaded.translations.iter().find(|t| t.lang == output.lang);
    let translated = key.as_ref().and_then(|key| {
        let entry = translation?.texts.iter().find(|(k, _)| k.starts_with(key))?;
        Some((translation?, entry.1.span.clone()))
    });
    match (translated, &key) {
        (Some((translation, span)), _) => diagnostic.at(&translation.file, span),
        (None, Some(key)) => diagnostic.at(&loaded.file, loaded.spans.locate(key)),
        (None, None) => diagnostic.at(&loaded.file, None),
    }
}

/// The key of the text (in `lang`, or in the source it falls back to) that holds `shown`.
fn key_showing(loaded: &LoadedBrief, lang: &str, shown: &str) -> Option<TextKey> {
    let shown: String = shown.chars().filter(|&c| c != '\u{200B}').take(30).collect();
    if shown.trim().is_empty() {
        return None;
    }
    let translation = loaded.translations.iter().find(|t| t.lang == lang);
    let translated = translation.and_then(|t| t.texts.iter().find(|(_, e)| e.text.contains(&shown)));
    let source = || loaded.catalog.iter().find(|(_, s)| s.text.contains(&shown));
    translated.map(|(key, _)| key).or_else(|| source().map(|(key, _)| key)).cloned()
}

/// Reports a slide whose body was shrunk to fit (a warning) or does not fit (an error),
/// pointing at the key in the language's own file.
fn fit_diagnostic(loaded: &LoadedBrief, lang: &str, fit: &Fit) -> Diagnostic {
    let slide = format!("slide {} of `{}` in `{lang}` (`{}`)", fit.page, loaded.name, fit.key);
    let diagnostic = if fit.overflows {
        Diagnostic::error(format!("{slide} does not fit, even at {}pt", fit.size))
            .hint(format!("shorten the text under `{}`, or split it", fit.key))
    } else {
        Diagnostic::warning(format!("{slide} was set at {}pt instead of {}pt to fit", fit.size, fit.max))
    };
    match loaded.translations.iter().find(|t| t.lang == lang) {
        Some(translation) => {
            let entry = translation.texts.iter().find(|(key, _)| key.starts_with(&fit.key));
            diagnostic.at(&translation.file, entry.and_then(|(_, e)| e.span.clone()))
        }
        None => diagnostic.at(&loaded.file, loaded.spans.locate(&fit.key)),
    }
}
