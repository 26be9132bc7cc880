//! The pipeline: load → resolve → render → export, for every briefing × language × format.
//!
//! Each output is independent: a broken language or template run is reported and the
//! others are still built.

use std::path::{Path, PathBuf};

use typst::foundations::{Bytes, Datetime};
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;
use crate::export;
use crate::i18n;
use crate::load::{self, LoadedBrief};
use crate::render::{self, Format, Job, Typesetter};
use crate::resolve;

/// What to build and where.
pub struct Options {
    /// Briefing folders, or folders of them.
    pub paths: Vec<PathBuf>,
    /// Only these languages (all when empty).
    pub langs: Vec<String>,
    /// Only these formats (all when empty).
    pub formats: Vec<Format>,
    /// The output folder; `None` checks without writing anything.
    pub out: Option<PathBuf>,
    /// Missing and stale translations are errors, not warnings.
    pub strict: bool,
}

/// One output of the build.
pub struct Output {
    /// Briefing name.
    pub brief: String,
    /// Language code.
    pub lang: String,
    /// Handout or slides.
    pub format: Format,
    /// Where the PDF is (or would be) written.
    pub path: PathBuf,
    /// Number of pages, if it was laid out.
    pub pages: Option<usize>,
    /// Size of the PDF in bytes, if it was made.
    pub bytes: Option<usize>,
    /// Whether it was made (and written, when writing).
    pub ok: bool,
}

/// Everything a run produced.
#[derive(Default)]
pub struct Report {
    /// The outputs, in build order.
    pub outputs: Vec<Output>,
    /// Every diagnostic, in order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Runs the pipeline. Fails only when no briefing can be found at all.
pub fn run(options: &Options) -> Result<Report, Diagnostic> {
    let dirs = load::discover(&options.paths)?;
    let typesetter = Typesetter::new();
    let mut report = Report::default();
    for dir in dirs {
        let (loaded, diagnostics) = load::load(&dir);
        report.diagnostics.extend(diagnostics);
        if let Some(loaded) = loaded {
            build_brief(&typesetter, &loaded, options, &mut report);
        }
    }
    Ok(report)
}

fn build_brief(typesetter: &Typesetter, loaded: &LoadedBrief, options: &Options, report: &mut Report) {
    let langs: Vec<String> = if options.langs.is_empty() {
        loaded.languages().into_iter().map(str::to_owned).collect()
    } else {
        options.langs.clone()
    };
    let formats = if options.formats.is_empty() { Format::ALL.to_vec() } else { options.formats.clone() };
    let today = creation_date(loaded);
    let lock = match i18n::Lock::read(&loaded.dir) {
        Ok(lock) => lock,
        Err(diagnostic) => {
            report.diagnostics.push(diagnostic);
            i18n::Lock::default()
        }
    };
    for lang in &langs {
        if let Some(translation) = loaded.translations.iter().find(|t| &t.lang == lang && t.is_usable()) {
            let status = i18n::status(loaded, translation, &lock);
            report.diagnostics.extend(i18n::diagnostics(&status, translation, options.strict));
        }
        let covers = |c: char| crate::fonts::covers(typesetter.book(), c);
        let resolution = resolve::resolve(loaded, lang, &covers);
        report.diagnostics.extend(resolution.diagnostics);
        let data =
            resolution.document.as_ref().map(|d| Bytes::new(serde_json::to_vec(d).unwrap_or_default()));
        for &format in &formats {
            let mut output = Output {
                brief: loaded.name.clone(),
                lang: lang.clone(),
                format,
                path: output_path(
                    options.out.as_deref().unwrap_or(Path::new("out")),
                    &loaded.name,
                    lang,
                    format,
                ),
                pages: None,
                bytes: None,
                ok: false,
            };
            if let Some(data) = &data {
                let job = Job { format, data: data.clone(), brief_dir: &loaded.dir, today };
                if let Some(document) =
                    make_output(typesetter, &job, options.out.is_some(), &mut output, report)
                {
                    let fits = render::fits(&document);
                    let notable =
                        fits.iter().filter(|fit| fit.overflows || fit.size < fit.max * NOTABLE_SHRINK);
                    report.diagnostics.extend(notable.map(|fit| fit_diagnostic(loaded, lang, fit)));
                }
            }
            report.outputs.push(output);
        }
    }
}

/// Lays out, exports and (if `write`) writes one output; returns the laid-out document.
fn make_output(
    typesetter: &Typesetter,
    job: &Job,
    write: bool,
    output: &mut Output,
    report: &mut Report,
) -> Option<PagedDocument> {
    let (document, warnings) = match typesetter.compile(job) {
        Ok(compiled) => compiled,
        Err(errors) => {
            report.diagnostics.extend(errors);
            return None;
        }
    };
    report.diagnostics.extend(warnings);
    output.pages = Some(document.pages().len());
    let ident = format!("{}/{}/{}", output.brief, output.lang, output.format.name());
    let bytes = match export::pdf(&document, &ident, job.today) {
        Ok(bytes) => bytes,
        Err(errors) => {
            report.diagnostics.extend(errors);
            return Some(document);
        }
    };
    output.bytes = Some(bytes.len());
    if write && let Err(e) = export::write_atomic(&output.path, &bytes) {
        let message = format!("cannot write `{}`: {e}", output.path.display());
        report.diagnostics.push(Diagnostic::error(message));
        return Some(document);
    }
    output.ok = true;
    Some(document)
}

/// A slide body set smaller than this share of its design size is reported; a little
/// shrinking to fit a longer translation is the templates' normal work.
const NOTABLE_SHRINK: f64 = 0.85;

/// Reports a slide whose body was shrunk to fit (a warning) or does not fit (an error),
/// pointing at the key in the language's own file.
fn fit_diagnostic(loaded: &LoadedBrief, lang: &str, fit: &render::Fit) -> Diagnostic {
    let slide = format!("slide {} of `{}` in `{lang}` (`{}`)", fit.page, loaded.name, fit.key);
    let diagnostic = if fit.overflows {
        Diagnostic::error(format!("{slide} does not fit, even at {}pt", fit.size))
            .hint(format!("shorten the text under `{}`, or split it", fit.key))
    } else {
        Diagnostic::warning(format!("{slide} was set at {}pt instead of {}pt to fit", fit.size, fit.max))
    };
    match loaded.translations.iter().find(|t| t.lang == lang) {
        Some(translation) => {
            let entry = translation.texts.iter().find(|(path, _)| path.starts_with(&fit.key));
            diagnostic.at(&translation.file, entry.and_then(|(_, e)| e.span.clone()))
        }
        None => diagnostic.at(&loaded.file, loaded.spans.locate(&fit.key)),
    }
}

/// `out/<brief>/<brief>.<lang>.<format>.pdf`.
pub fn output_path(out: &Path, brief: &str, lang: &str, format: Format) -> PathBuf {
    out.join(brief).join(format!("{brief}.{lang}.{}.pdf", format.name()))
}

/// The PDF's creation date: `SOURCE_DATE_EPOCH` if set, else the briefing's date, else a
/// fixed day, so that the same input always gives the same bytes.
fn creation_date(loaded: &LoadedBrief) -> Datetime {
    let from_epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
        .and_then(|t| {
            Datetime::from_ymd_hms(t.year(), t.month().into(), t.day(), t.hour(), t.minute(), t.second())
        });
    let from_brief = loaded
        .brief
        .date
        .and_then(|d| d.date)
        .and_then(|d| Datetime::from_ymd(d.year.into(), d.month, d.day));
    let fixed = Datetime::from_ymd(2000, 1, 1);
    from_epoch.or(from_brief).or(fixed).unwrap_or(Datetime::Date(time::Date::MIN))
}
