//! The pipeline: load → resolve → render → export, for every briefing × language × format.
//!
//! Loading and resolving are cheap and run first (briefings, then languages, in parallel),
//! while the Typst library and templates are made. [`plan`] turns the selection into
//! outputs; [`cache`] leaves alone each output whose inputs did not change since the last
//! build; the rest are laid out in parallel ([`parallel`]), sharing one [`Typesetter`]
//! (fonts and templates parsed once, Typst's memoization kept across outputs), and each is
//! made by [`make`]. A broken language or output is reported and the others are still
//! built. A [`Session`] keeps the Typesetter, and so Typst's memoized work, from one
//! build to the next (`brief watch`).

mod bounded;
mod cache;
mod make;
mod owned;
mod parallel;
mod plan;
mod session;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use typst::foundations::Bytes;
use typst_layout::PagedDocument;

use crate::diag::Diagnostic;
use crate::export::Standards;
use crate::render::{Format, Typesetter};
use crate::resolve::talk::Talk;
use crate::{i18n, load};

pub(crate) use bounded::{DEFAULT_DEADLINE_SECS, DEFAULT_MEMORY_MIB, Limits, serve_request};
pub(crate) use plan::Shard;
pub(crate) use session::Session;

/// What to build and where.
#[derive(Default)]
pub(crate) struct Options {
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
    /// Rebuild outputs whose inputs did not change.
    pub force: bool,
    /// Only report outputs that are no longer made, instead of removing them.
    pub keep_stale: bool,
    /// Build only this share of the outputs.
    pub shard: Option<Shard>,
    /// Also write each output as a plain Typst project under this folder.
    pub emit_typst: Option<PathBuf>,
    /// Also write page images beside each PDF, at this resolution (dots an inch).
    pub png: Option<u32>,
    /// Keep each laid-out document in its output (for the preview); an output whose PDF
    /// is up to date but whose document is not in memory yet is laid out, not written.
    pub keep_documents: bool,
    /// The PDF standards every output must meet.
    pub standards: Standards,
    /// How long, and with how much memory, a briefing's own templates may lay out one
    /// output.
    pub limits: Limits,
    /// Make every output in this process, even those of briefings with their own
    /// templates (only in the child that makes one such output, see `bounded`).
    pub in_process: bool,
    /// Called once the number of outputs is known.
    pub on_start: Option<Box<dyn Fn(usize) + Sync>>,
    /// Called after each output is done, from any thread.
    pub on_done: Option<OnDone>,
}

/// A progress callback, called from any thread with each finished output.
pub(crate) type OnDone = Box<dyn Fn(&Output) + Sync>;

impl Options {
    /// Tells the progress callback that `output` is done.
    fn notify(&self, output: &Output) {
        if let Some(on_done) = &self.on_done {
            on_done(output);
        }
    }
}

/// What happened to an output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum OutputStatus {
    /// Laid out and written.
    Built,
    /// Laid out and checked, not written (`brief check`).
    Checked,
    /// Its inputs did not change since the last build; the file was left alone.
    UpToDate,
    /// It could not be made; see its diagnostics.
    Failed,
}

/// One output of the build.
#[derive(Debug)]
pub(crate) struct Output {
    /// Briefing name.
    pub brief: String,
    /// Language code.
    pub lang: String,
    /// Handout, slides or a leave-behind.
    pub format: Format,
    /// The State a leave-behind is for, as the briefing writes it; `None` for the others.
    pub state: Option<String>,
    /// Where the PDF is (or would be) written.
    pub path: PathBuf,
    /// What happened.
    pub status: OutputStatus,
    /// Number of pages, if it was laid out.
    pub pages: Option<usize>,
    /// How many times it was laid out to fit its slide bodies (1 for a handout), if it
    /// was laid out.
    pub layouts: Option<usize>,
    /// Size of the PDF in bytes, if it was made.
    pub bytes: Option<usize>,
    /// Time spent laying it out and exporting it.
    pub time: Duration,
    /// Its diagnostics.
    pub diagnostics: Vec<Diagnostic>,
    /// Warnings about its language as a whole (a missing translation, a source text
    /// that falls back), which the report holds once for all its outputs.
    pub language_warnings: usize,
    /// The laid-out document, when the options keep documents and it was laid out.
    pub document: Option<Arc<PagedDocument>>,
    /// Fingerprint of its inputs.
    fingerprint: Option<String>,
    /// The slide body sizes it was laid out at, as JSON.
    sizes: Option<Bytes>,
}

impl Output {
    /// A copy of the output as planned, before it is made: no document, same fingerprint.
    fn clone_planned(&self) -> Self {
        Self {
            brief: self.brief.clone(),
            lang: self.lang.clone(),
            format: self.format,
            state: self.state.clone(),
            path: self.path.clone(),
            status: self.status,
            pages: self.pages,
            layouts: self.layouts,
            bytes: self.bytes,
            time: self.time,
            diagnostics: self.diagnostics.clone(),
            language_warnings: self.language_warnings,
            document: None,
            fingerprint: self.fingerprint.clone(),
            sizes: self.sizes.clone(),
        }
    }

    /// What it is, for messages and tables: `handout`, `slides`, `leave-behind AM`.
    pub(crate) fn kind(&self) -> String {
        match &self.state {
            Some(state) => format!("{} {state}", self.format.name()),
            None => self.format.name().to_owned(),
        }
    }

    /// What it is, as its file name says it: `handout`, `slides`, `leave-behind.AM`.
    pub(crate) fn kind_id(&self) -> String {
        match &self.state {
            Some(state) => format!("{}.{}", self.format.name(), plan::file_part(state)),
            None => self.format.name().to_owned(),
        }
    }

    /// Number of warnings: its own and its language's.
    pub(crate) fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| !d.is_error()).count() + self.language_warnings
    }
}

/// The talk of one language of a briefing: its notes and estimated time.
pub(crate) struct TalkTime {
    /// Briefing name.
    pub brief: String,
    /// Language code.
    pub lang: String,
    /// The notes, the estimate and the slot.
    pub talk: Arc<Talk>,
}

/// Where a deck's speaker notes are written: beside it, `<brief>.<lang>.slides.pdfpc`.
pub(crate) fn notes_path(deck: &Path) -> PathBuf {
    deck.with_extension("pdfpc")
}

/// Everything a build produced.
#[derive(Default)]
pub(crate) struct BuildReport {
    /// The outputs, sorted by briefing, language and format.
    pub outputs: Vec<Output>,
    /// The talk time of each language resolved, by briefing and language.
    pub talks: Vec<TalkTime>,
    /// Diagnostics that belong to no single output (loading, translations).
    pub diagnostics: Vec<Diagnostic>,
    /// Where each selected translation stands (missing and stale keys).
    pub statuses: Vec<i18n::Status>,
}

impl BuildReport {
    /// Every diagnostic: the general ones, then each output's.
    pub(crate) fn all_diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().chain(self.outputs.iter().flat_map(|o| &o.diagnostics))
    }

    /// Whether any error was found.
    pub(crate) fn has_errors(&self) -> bool {
        self.all_diagnostics().any(Diagnostic::is_error)
    }
}

/// Runs the pipeline. Fails only when no briefing can be found at all.
pub(crate) fn run(options: &Options) -> Result<BuildReport, Diagnostic> {
    run_with(&Typesetter::new(), options, &Kept::new())
}

/// The fingerprint of each output whose document a session holds, by output path.
type Kept = HashMap<PathBuf, String>;

/// Runs the pipeline with an existing Typesetter. `kept`: the documents already in memory
/// (only read when the options keep documents).
fn run_with(typesetter: &Typesetter, options: &Options, kept: &Kept) -> Result<BuildReport, Diagnostic> {
    let (dirs, refused) = load::discover(&options.paths)?;
    let mut report = std::thread::scope(|scope| {
        // Made while the briefings load and resolve: the first layouts need them (done
        // once; a later build finds them made).
        scope.spawn(|| typesetter.prepare());
        build(options, dirs, typesetter, kept)
    });
    report.diagnostics.splice(0..0, refused);
    Ok(report)
}

fn same_name(first: &load::LoadedBrief, second: &load::LoadedBrief) -> Diagnostic {
    let message = format!(
        "two briefings are named `{}`: `{}` and `{}`; only the first is built",
        first.name,
        crate::diag::display_path(&first.dir),
        crate::diag::display_path(&second.dir)
    );
    Diagnostic::error(message).at(&second.file, None).hint("outputs are named after the folder; rename one")
}

/// Typst's memoized results are swept every this many outputs: a sweep visits every
/// entry (several milliseconds once the caches are full), too slow to run after each.
const EVICT_EVERY: usize = 6;

/// How many sweeps a memoized result survives unused. Templates and fonts are used by
/// every output and stay; one document's layout goes, which keeps memory flat.
const EVICT_AGE: usize = 2;

/// Loads, resolves, plans and builds.
fn build(options: &Options, dirs: Vec<PathBuf>, typesetter: &Typesetter, kept: &Kept) -> BuildReport {
    let mut report = BuildReport::default();
    let mut briefs = Vec::new();
    let found_dirs = dirs.clone();
    for (loaded, diagnostics) in parallel::map(dirs, false, |dir| load::load(&dir)) {
        report.diagnostics.extend(diagnostics);
        let Some(loaded) = loaded else { continue };
        // Outputs are named after the folder: two of one name would overwrite each other.
        match briefs.iter().find(|other: &&load::LoadedBrief| other.name == loaded.name) {
            Some(first) => report.diagnostics.push(same_name(first, &loaded)),
            None => briefs.push(loaded),
        }
    }
    if let Some(out) = &options.out {
        // What a killed build left behind.
        crate::folder::leftovers::sweep_leftovers(out);
        briefs.iter().for_each(|loaded| crate::folder::leftovers::sweep_leftovers(&out.join(&loaded.name)));
    }
    let cache_path = options.out.as_ref().map(|out| cache::path(out));
    let mut cache = cache_path.as_deref().map(cache::Cache::read).unwrap_or_default();
    let mut tasks = Vec::new();
    let mut index = 0;
    for loaded in &briefs {
        plan::plan_brief(typesetter, loaded, options, &mut index, &mut tasks, &mut report);
    }
    if let Some(on_start) = &options.on_start {
        on_start(tasks.len() + report.outputs.len());
    }
    // Each output's fate, decided once. An output is left alone if its files are fresh
    // and, when documents are kept, the session already holds its document; fresh files
    // without a document in memory are laid out again, not written.
    for task in &mut tasks {
        let path = &task.output.path;
        let notes = task.output.format != Format::Slides || notes_path(path).is_file();
        let fingerprint = task.output.fingerprint.as_deref();
        let fresh = !options.force && notes && cache.is_fresh(path, fingerprint, options.png);
        let in_memory =
            !options.keep_documents || kept.get(&task.output.path).map(String::as_str) == fingerprint;
        task.fate = plan::Fate::of(options.out.is_some(), fresh, in_memory);
    }
    let (fresh, mut stale): (Vec<_>, Vec<_>) =
        tasks.into_iter().partition(|task| task.fate == plan::Fate::LeftAlone);
    for task in &mut stale {
        task.sizes = cache.known_sizes(&task.output.path, task.output.fingerprint.as_deref());
    }
    for task in fresh {
        let mut output = task.output;
        output.status = OutputStatus::UpToDate;
        options.notify(&output);
        report.outputs.push(output);
    }
    // Longest first, so that no thread is left with a long output to do while the others
    // have finished: decks (several layouts when crowded) before handouts, one-page
    // leave-behinds last, and the most text first within each.
    let rank = |format: Format| match format {
        Format::Slides => 0,
        Format::Handout => 1,
        Format::LeaveBehind => 2,
    };
    stale.sort_by_key(|task| (rank(task.output.format), std::cmp::Reverse(task.data.len())));
    let made = AtomicUsize::new(0);
    let built = parallel::map(stale, true, |task| {
        // A briefing's own templates are code from whoever sent them: bounded.
        let output = if task.loaded.templates.is_empty() || options.in_process {
            make::make_output(typesetter, task, options)
        } else {
            bounded::make_output(typesetter, task, options)
        };
        // Every few outputs, forget what Typst memoized for outputs long done.
        if made.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
            comemo::evict(EVICT_AGE);
        }
        output
    });
    for output in &built {
        if let (OutputStatus::Built, Some(fingerprint)) = (output.status, &output.fingerprint) {
            let sizes = output.sizes.as_ref().map(|s| String::from_utf8_lossy(s).into_owned());
            let images = options.png.zip(output.pages).map(|(dpi, pages)| cache::Images { dpi, pages });
            let made_from = briefs.iter().find(|b| b.name == output.brief).map(|loaded| cache::Origin {
                dir: loaded.dir.clone(),
                lang: output.lang.clone(),
                format: output.format,
            });
            let cached = cache::Cached { fingerprint: fingerprint.clone(), sizes, images, made_from };
            cache.record(&output.path, cached);
        }
    }
    report.outputs.extend(built);
    report.outputs.sort_by(|a, b| {
        (&a.brief, &a.lang, a.format, &a.state).cmp(&(&b.brief, &b.lang, b.format, &b.state))
    });
    let mut changed = report.outputs.iter().any(|o| o.status == OutputStatus::Built);
    if let Some(out) = &options.out {
        let found = owned::Found { loaded: &briefs, dirs: &found_dirs };
        let swept = owned::sweep_stale(&mut cache, &found, options, out);
        changed |= !swept.is_empty();
        report.diagnostics.extend(swept);
        report.diagnostics.extend(owned::write_manifest(&report, options, out).err());
    }
    if let Some(path) = cache_path.filter(|_| changed) {
        cache.write(&path);
    }
    report
}
