//! Pipeline, make: one output. Lays it out with its slide bodies fitted, ejects it as a
//! Typst project when asked, exports the PDF and writes it (with its page images when
//! asked), unless it has errors.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use typst::foundations::Bytes;

use super::plan::{Fate, Task};
use super::{Options, Output, OutputStatus};
use crate::diag::Diagnostic;
use crate::export::{self, PdfError, Standards, eject};
use crate::load::LoadedBrief;
use crate::model::TextKey;
use crate::render::fit::{self, Fit, Fitted};
use crate::render::geometry::{self, Defect};
use crate::render::glyphs::{self, Boxed};
use crate::render::overflow::{self, Overflow};
use crate::render::{Format, Job, Overrides, Typesetter, slides};
use crate::resolve;

/// Lays out, exports and (when writing) writes one output.
pub(super) fn make_output(typesetter: &Typesetter, task: Task, options: &Options) -> Output {
    let start = Instant::now();
    let mut output = task.output;
    let overrides = Overrides::new(&task.loaded.templates);
    let fonts = typesetter.brief_fonts(&task.loaded.fonts);
    let job = Job {
        format: output.format,
        data: task.data.clone(),
        folder: &task.loaded.folder,
        today: task.today,
        sizes: fit::design_sizes(),
        overrides: &overrides,
        fonts: fonts.as_ref(),
    };
    let fitted = fit::layout(typesetter, job, task.sizes);
    let Fitted { document, warnings, fits, sizes, layouts } = match fitted {
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
    output.layouts = Some(layouts);
    let notable = fits.iter().filter(|fit| fit.overflows || fit.size < fit.design * fit::SMALLEST_SHARE);
    output.diagnostics.extend(notable.map(|fit| fit_diagnostic(task.loaded, &output.lang, fit)));
    // A leave-behind that runs over is refused, with what runs over named: what else the
    // page shows then follows from it.
    let over = over_one_page(task.loaded, &output, &document);
    let lost = if over.is_some() { Vec::new() } else { overflow::find(&document) };
    let lost: Vec<Diagnostic> =
        lost.iter().map(|lost| overflow_diagnostic(task.loaded, &output, lost)).collect();
    output.diagnostics.extend(lost);
    let boxed = glyphs::find(&document);
    let boxed: Vec<Diagnostic> = boxed.iter().map(|b| boxed_diagnostic(task.loaded, &output, b)).collect();
    output.diagnostics.extend(boxed);
    let defects = if over.is_some() { Vec::new() } else { geometry::check(&document) };
    let defects: Vec<Diagnostic> =
        defects.iter().map(|d| geometry_diagnostic(task.loaded, &output, d)).collect();
    output.diagnostics.extend(defects);
    if let Some(dir) = &options.emit_typst
        && let Err(e) = eject_output(dir, &output, task.loaded, &task.data, &sizes)
    {
        output.diagnostics.push(e);
    }
    output.pages = Some(document.pages().len());
    output.diagnostics.extend(over_pages(task.loaded, &output));
    output.diagnostics.extend(over);
    output.sizes = Some(sizes);
    let ident = output.fingerprint.clone().expect("a planned output has a fingerprint");
    let bytes = match export::pdf(&document, &ident, task.today, &options.standards) {
        Ok(bytes) => bytes,
        Err(errors) => {
            let errors = errors
                .iter()
                .map(|e| pdf_diagnostic(task.loaded, &output, &task.data, &options.standards, e))
                .collect();
            return finish(output, errors, start, options);
        }
    };
    output.bytes = Some(bytes.len());
    // An output with an error is not written: the last good PDF stays.
    if output.diagnostics.iter().any(Diagnostic::is_error) {
        return finish(output, Vec::new(), start, options);
    }
    if task.fate == Fate::Written {
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
        if let Some(dpi) = options.png
            && let Err(error) = export::png::write_pages(document.pages(), &output.path, dpi)
        {
            return finish(output, vec![error], start, options);
        }
    }
    // Laid out but left unwritten, its files being fresh: only its document was wanted.
    output.status = match task.fate {
        Fate::Checked => OutputStatus::Checked,
        Fate::LaidOut => OutputStatus::UpToDate,
        Fate::Written | Fate::LeftAlone => OutputStatus::Built,
    };
    if options.keep_documents {
        output.document = Some(Arc::new(document));
    }
    finish(output, Vec::new(), start, options)
}

/// Writes a file of an output; a link in the way is refused (see `folder::write`).
fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    crate::folder::write_output(path, bytes).map_err(|e| Diagnostic::io("write", path, &e))
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
    let name = format!("{}.{}.{}", output.brief, output.lang, output.kind_id());
    let project = eject::Project {
        format: output.format,
        data,
        sizes,
        folder: &loaded.folder,
        logo: loaded.brief.logo.as_ref().map(|logo| logo.file.as_str()),
        overrides: &loaded.templates,
        fonts: &loaded.fonts,
    };
    eject::write(&dir.join(name), &project)
}

/// Reports text the layout lost off a page, at the text's key where it can be found.
fn overflow_diagnostic(loaded: &LoadedBrief, output: &Output, lost: &Overflow) -> Diagnostic {
    let what = on_page(loaded, output, lost.page);
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

/// Where a page of an output is, for a message: "slide 3 of `upr` in `fr` (slides)".
fn on_page(loaded: &LoadedBrief, output: &Output, page: usize) -> String {
    let kind = if output.format == Format::Slides { "slide" } else { "page" };
    format!("{kind} {page} of `{}` in `{}` ({})", loaded.name, output.lang, output.kind())
}

/// Reports characters a layout could only draw as boxes: an error under every PDF
/// standard, at the text's key where it can be found.
fn boxed_diagnostic(loaded: &LoadedBrief, output: &Output, boxed: &Boxed) -> Diagnostic {
    let message = format!(
        "{}: no font has a glyph for {} in \"{}\" {}",
        on_page(loaded, output, boxed.page),
        resolve::missing_chars(&boxed.chars),
        boxed.text,
        resolve::missing_context(&boxed.chars, &output.lang),
    );
    let diagnostic =
        Diagnostic::error(message).hint(resolve::missing_glyph_hint(&boxed.chars, &loaded.folder));
    match key_showing(loaded, &output.lang, &boxed.text) {
        Some(key) => locate(diagnostic, loaded, &output.lang, &key),
        None => diagnostic.at(&loaded.file, None),
    }
}

/// An error, at `limits.pages`, when a handout has more pages than the briefing allows.
fn over_pages(loaded: &LoadedBrief, output: &Output) -> Option<Diagnostic> {
    let (limit, pages) = (loaded.brief.limits.pages?, output.pages?);
    if output.format != Format::Handout || pages <= limit as usize {
        return None;
    }
    let message = format!(
        "the `{}` handout of `{}` has {pages} pages, over the limit of {limit} (`limits.pages`)",
        output.lang, loaded.name
    );
    let span = loaded.spans.locate(&TextKey::of(&["limits", "pages"]));
    let hint = "shorten its text, or raise `limits.pages` if the process allows it";
    Some(Diagnostic::error(message).at(&loaded.file, span).hint(hint))
}

/// An error when a leave-behind does not fit on its one page, even zoomed out as far as
/// `theme.typ` lets it: at the part the template marks as the first that runs over
/// (`<leave-over>`), or when it has more pages than one (an override's).
fn over_one_page(
    loaded: &LoadedBrief,
    output: &Output,
    document: &typst_layout::PagedDocument,
) -> Option<Diagnostic> {
    let state = output.state.as_deref()?;
    let over = slides::marked_keys(document, "leave-over").into_iter().next().map(|(_, key)| key);
    let pages = document.pages().len();
    if over.is_none() && pages <= 1 {
        return None;
    }
    let from =
        over.as_ref().map(|key| format!(": from `{key}` on, it runs past the page")).unwrap_or_default();
    let message = format!(
        "the `{state}` leave-behind of `{}` in `{}` does not fit on one page, even set smaller{from}",
        loaded.name, output.lang
    );
    let hint = format!(
        "shorten what it holds (the findings `{state}` made a recommendation on, their current situation \
         and their issues' recommendations), or leave `{state}` out of `leave-behind.states`"
    );
    let diagnostic = Diagnostic::error(message).hint(hint);
    Some(match over {
        Some(key) => locate(diagnostic, loaded, &output.lang, &key),
        None => diagnostic.at(&loaded.file, None),
    })
}

/// Reports a defect of the page geometry as a warning, at the text's key where it can
/// be found.
fn geometry_diagnostic(loaded: &LoadedBrief, output: &Output, defect: &Defect) -> Diagnostic {
    let message = format!("{}: {defect}", on_page(loaded, output, defect.page));
    let diagnostic = match defect.kind {
        // The user's word, too long for any line: theirs to break.
        geometry::DefectKind::OutOfColumn => Diagnostic::error(message).hint(
            "no line can hold this word whole and its language's hyphenation finds no place to break it: \
             shorten it, or write a soft hyphen (\\u00AD in TOML) where it may break",
        ),
        _ => Diagnostic::warning(message)
            .hint("the templates should never do this: please report it, with the briefing if you can"),
    };
    let key = match defect.kind {
        geometry::DefectKind::Empty(_) => Some(TextKey::parse(&defect.text)),
        // A few characters could be anywhere.
        _ if defect.text.chars().count() < 8 => None,
        _ => key_showing(loaded, &output.lang, &defect.text),
    };
    match key {
        Some(key) => locate(diagnostic, loaded, &output.lang, &key),
        None => diagnostic.at(&loaded.file, None),
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
    let hint = format!(
        "shorten the text under `{}`, or make it several points: a slide is continued on the next \
         between points, never inside one",
        fit.key
    );
    let diagnostic = if fit.overflows {
        Diagnostic::error(format!("{slide} does not fit, even at {}pt", fit.size))
    } else {
        Diagnostic::warning(format!("{slide} was set at {}pt instead of {}pt to fit", fit.size, fit.design))
    };
    let diagnostic = diagnostic.hint(hint);
    locate(diagnostic, loaded, lang, &fit.key)
}

/// Reports a PDF that cannot meet the standards asked for: at the key it is about, in the
/// language's own file, when that can be told; else naming the output.
fn pdf_diagnostic(
    loaded: &LoadedBrief,
    output: &Output,
    data: &Bytes,
    standards: &Standards,
    error: &PdfError,
) -> Diagnostic {
    let name = output
        .path
        .file_name()
        .map_or_else(|| output.path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut diagnostic =
        Diagnostic::error(format!("`{name}` cannot be written as `{standards}`: {}", error.message));
    for hint in &error.hints {
        diagnostic = diagnostic.hint(hint.clone());
    }
    let key = error.key.clone().or_else(|| {
        error.message.contains("heading title is empty").then(|| empty_heading_label(data)).flatten()
    });
    match key {
        Some(key) => locate(diagnostic, loaded, &output.lang, &key),
        None => diagnostic.hint("`--pdf-standard none` writes the PDF without these checks"),
    }
}

/// The labels the templates set as headings.
const HEADING_LABELS: &[&str] = &[
    "about",
    "contact",
    "our-recommendations",
    "current-situation",
    "previous-recommendation",
    "previous-recommendations",
    "your-recommendation",
    "your-recommendations",
    "we-ask",
    "leave-behind",
    "thank-you",
    "issue",
];

/// The key of a label that makes an empty heading, if one does: the briefing's own texts
/// are checked when it is loaded, but a translation's labels may still be blank.
fn empty_heading_label(data: &Bytes) -> Option<TextKey> {
    let data: serde_json::Value = serde_json::from_slice(data).ok()?;
    let labels = data.get("labels")?.as_object()?;
    let blank = |key: &&&str| labels.get(**key).and_then(|v| v.as_str()).is_some_and(|v| v.trim().is_empty());
    HEADING_LABELS.iter().find(blank).map(|key| TextKey::of(&["labels", key]))
}

/// Points `diagnostic` at `key` in the file of language `lang`: its translation, or the
/// source when the translation does not hold the key.
fn locate(diagnostic: Diagnostic, loaded: &LoadedBrief, lang: &str, key: &TextKey) -> Diagnostic {
    let translation = loaded.translations.iter().find(|t| t.lang == lang);
    let entry = translation.and_then(|t| {
        let entry = match key.strip_first("labels") {
            Some(label) => t.labels.get(&label.to_string()),
            None => t.texts.iter().find(|(k, _)| k.starts_with(key)).map(|(_, e)| e),
        };
        Some((t, entry?))
    });
    match entry {
        Some((translation, entry)) => diagnostic.at(&translation.file, entry.span.clone()),
        None => diagnostic.at(&loaded.file, loaded.spans.locate(key)),
    }
}
