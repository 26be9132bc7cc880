//! Pipeline, make: one output. Lays it out with its slide bodies fitted, ejects it as a
//! Typst project when asked, exports the PDF and writes it.

use std::path::Path;
use std::time::Instant;

use typst::foundations::Bytes;

use super::plan::Task;
use super::{Options, Output, OutputStatus};
use crate::diag::Diagnostic;
use crate::export::{self, eject};
use crate::load::LoadedBrief;
use crate::render::fit::{self, Fit, Fitted};
use crate::render::{Job, Typesetter, slides};

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
        brief_dir: &task.loaded.dir,
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
    if options.out.is_some() {
        let notes = task.talk.as_deref().map(|talk| {
            let pages = slides::page_keys(&document);
            (super::notes_path(&output.path), export::pdfpc::pdfpc(&pages, &talk.notes, talk.slot))
        });
        let files = std::iter::once((output.path.clone(), bytes)).chain(notes);
        for (path, bytes) in files {
            if let Err(e) = export::write_output(&path, &bytes) {
                let error = Diagnostic::io("write", &path, &e);
                return finish(output, vec![error], start, options);
            }
        }
    }
    if !output.diagnostics.iter().any(Diagnostic::is_error) {
        output.status = OutputStatus::Built;
    }
    finish(output, Vec::new(), start, options)
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
    eject::write(&dir.join(name), output.format, data, sizes, &loaded.dir, logo)
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
