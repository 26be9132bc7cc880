//! The pipeline: load → resolve → render → export, for every briefing × language × format.
//!
//! Loading and resolving are cheap and run first (briefings, then languages, in parallel),
//! while the Typst library and templates are made. Each output then gets a fingerprint of
//! everything that goes into it (the resolved data, its images, the embedded templates and
//! fonts, the tool's version); an output whose fingerprint is unchanged since the last build
//! is left alone. The rest are laid out in parallel, sharing one [`Typesetter`] (fonts and
//! templates parsed once, Typst's memoization kept across outputs), one thread per core. A
//! broken language or output is reported and the others are still built.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use typst::foundations::{Bytes, Datetime};

use crate::diag::Diagnostic;
use crate::fit::{self, Fit, Fitted};
use crate::load::{self, LoadedBrief};
use crate::render::{Format, Job, Typesetter};
use crate::{eject, export, i18n, resolve};

/// A fingerprint of the binary's embedded assets and version, computed by `build.rs`.
const TOOL_FINGERPRINT: &str = concat!(env!("CARGO_PKG_VERSION"), "/", env!("BRIEF_ASSETS_HASH"));

/// The cache of fingerprints (and of fitted sizes), in the output folder.
const CACHE_FILE: &str = ".brief-cache.json";

/// What the last build recorded of one output.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Cached {
    /// The fingerprint of its inputs.
    fingerprint: String,
    /// The slide body sizes its fit search settled on, as served at `/fit.json`. A rebuild
    /// of the same inputs (`--force`) lays out at these sizes once instead of searching
    /// again; the search is deterministic, so the PDF is the same byte for byte.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sizes: Option<String>,
}

type Cache = BTreeMap<String, Cached>;

/// What to build and where.
#[derive(Default)]
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
    /// Rebuild outputs whose inputs did not change.
    pub force: bool,
    /// Build only this share of the outputs.
    pub shard: Option<Shard>,
    /// Also write each output as a plain Typst project under this folder.
    pub emit_typst: Option<PathBuf>,
    /// Called once the number of outputs is known.
    pub on_start: Option<Box<dyn Fn(usize) + Sync>>,
    /// Called after each output is done, from any thread.
    pub on_done: Option<OnDone>,
}

/// A progress callback, called from any thread with each finished output.
pub type OnDone = Box<dyn Fn(&Output) + Sync>;

/// One of `count` disjoint shares of the outputs (`index` from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which share, from 0.
    pub index: usize,
    /// How many shares.
    pub count: usize,
}

/// What happened to an output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fate {
    /// Laid out (and written, when writing).
    Built,
    /// Its inputs did not change since the last build; the file was left alone.
    UpToDate,
    /// It could not be made; see its diagnostics.
    Failed,
}

/// One output of the build.
#[derive(Debug)]
pub struct Output {
    /// Briefing name.
    pub brief: String,
    /// Language code.
    pub lang: String,
    /// Handout or slides.
    pub format: Format,
    /// Where the PDF is (or would be) written.
    pub path: PathBuf,
    /// What happened.
    pub fate: Fate,
    /// Number of pages, if it was laid out.
    pub pages: Option<usize>,
    /// Size of the PDF in bytes, if it was made.
    pub bytes: Option<usize>,
    /// Time spent laying it out and exporting it.
    pub time: Duration,
    /// Its diagnostics.
    pub diagnostics: Vec<Diagnostic>,
    /// Fingerprint of its inputs.
    fingerprint: Option<String>,
    /// The slide body sizes it was laid out at, as JSON.
    sizes: Option<Bytes>,
}

impl Output {
    /// Whether the PDF is there: built now or up to date.
    pub fn ok(&self) -> bool {
        self.fate != Fate::Failed
    }

    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| !d.is_error()).count()
    }
}

/// Everything a run produced.
#[derive(Default)]
pub struct Report {
    /// The outputs, in build order.
    pub outputs: Vec<Output>,
    /// Diagnostics that belong to no single output (loading, translations).
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Every diagnostic: the general ones, then each output's.
    pub fn all_diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().chain(self.outputs.iter().flat_map(|o| &o.diagnostics))
    }

    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        self.all_diagnostics().any(Diagnostic::is_error)
    }
}

/// One output to lay out.
struct Task<'a> {
    loaded: &'a LoadedBrief,
    output: Output,
    data: Bytes,
    today: Datetime,
    /// The sizes the last build of the same inputs settled on, if known.
    sizes: Option<Bytes>,
}

/// Runs the pipeline. Fails only when no briefing can be found at all.
pub fn run(options: &Options) -> Result<Report, Diagnostic> {
    let dirs = load::discover(&options.paths)?;
    let typesetter = Typesetter::new();
    std::thread::scope(|scope| {
        // Made while the briefings load and resolve: the first layouts need them.
        scope.spawn(|| typesetter.prepare());
        Ok(build(options, dirs, &typesetter))
    })
}

/// Loads, resolves, plans and builds.
fn build(options: &Options, dirs: Vec<PathBuf>, typesetter: &Typesetter) -> Report {
    let mut report = Report::default();
    let mut briefs = Vec::new();
    for (loaded, diagnostics) in parallel_map(dirs, false, |dir| load::load(&dir)) {
        report.diagnostics.extend(diagnostics);
        briefs.extend(loaded);
    }
    let cache_path = options.out.as_ref().map(|out| out.join(CACHE_FILE));
    let mut cache = cache_path.as_deref().map(read_cache).unwrap_or_default();
    let mut tasks = Vec::new();
    let mut index = 0;
    for loaded in &briefs {
        plan_brief(typesetter, loaded, options, &mut index, &mut tasks, &mut report);
    }
    if let Some(on_start) = &options.on_start {
        on_start(tasks.len() + report.outputs.len());
    }
    let (fresh, mut stale): (Vec<_>, Vec<_>) =
        tasks.into_iter().partition(|task| is_fresh(task, &cache, options));
    for task in &mut stale {
        task.sizes = known_sizes(&task.output, &cache);
    }
    for task in fresh {
        let mut output = task.output;
        output.fate = Fate::UpToDate;
        notify(options, &output);
        report.outputs.push(output);
    }
    // Longest first, so that no thread is left with a long output to do while the others
    // have finished: decks (several layouts when crowded) before handouts, and the most
    // text first within each.
    stale.sort_by_key(|task| (task.output.format != Format::Slides, std::cmp::Reverse(task.data.len())));
    let made = AtomicUsize::new(0);
    let built = parallel_map(stale, true, |task| {
        let output = make_output(typesetter, task, options);
        // Every few outputs, forget what Typst memoized for outputs long done.
        if made.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
            typst::comemo::evict(EVICT_AGE);
        }
        output
    });
    for output in &built {
        if let (Fate::Built, Some(fingerprint)) = (output.fate, &output.fingerprint) {
            let sizes = output.sizes.as_ref().map(|s| String::from_utf8_lossy(s).into_owned());
            cache.insert(cache_key(&output.path), Cached { fingerprint: fingerprint.clone(), sizes });
        }
    }
    report.outputs.extend(built);
    report.outputs.sort_by(|a, b| (&a.brief, &a.lang, a.format).cmp(&(&b.brief, &b.lang, b.format)));
    if let Some(path) = cache_path.filter(|_| report.outputs.iter().any(|o| o.fate == Fate::Built)) {
        write_cache(&path, &cache);
    }
    report
}

/// Resolves each selected language of a briefing and plans its selected outputs.
fn plan_brief<'a>(
    typesetter: &Typesetter,
    loaded: &'a LoadedBrief,
    options: &Options,
    index: &mut usize,
    tasks: &mut Vec<Task<'a>>,
    report: &mut Report,
) {
    let langs: Vec<String> = if options.langs.is_empty() {
        loaded.languages().into_iter().map(str::to_owned).collect()
    } else {
        options.langs.clone()
    };
    let formats = if options.formats.is_empty() { Format::ALL.to_vec() } else { options.formats.clone() };
    let today = creation_date(loaded);
    let lock = i18n::Lock::read(&loaded.dir).unwrap_or_else(|diagnostic| {
        report.diagnostics.push(diagnostic);
        i18n::Lock::default()
    });
    let mut chosen = Vec::new();
    for lang in langs {
        let selected: Vec<Format> = formats.iter().copied().filter(|_| take(options.shard, index)).collect();
        if !selected.is_empty() {
            chosen.push((lang, selected));
        }
    }
    // The languages are resolved in parallel, then planned in order.
    let resolved = parallel_map(chosen, false, |(lang, selected)| {
        let mut diagnostics = Vec::new();
        if let Some(translation) = loaded.translations.iter().find(|t| t.lang == lang && t.is_usable()) {
            let status = i18n::status(loaded, translation, &lock);
            diagnostics.extend(i18n::diagnostics(&status, translation, options.strict));
        }
        // A source with errors was reported when loaded; nothing is built from it.
        let data = if loaded.source_has_errors {
            None
        } else {
            let covers = |c: char| typesetter.covers(c);
            let resolution = resolve::resolve(loaded, &lang, &covers);
            diagnostics.extend(resolution.diagnostics);
            resolution.document.map(|d| Bytes::new(serde_json::to_vec(&d).unwrap_or_default()))
        };
        (lang, selected, data, diagnostics)
    });
    for (lang, selected, data, diagnostics) in resolved {
        let lang = &lang;
        report.diagnostics.extend(diagnostics);
        for format in selected {
            let out = options.out.as_deref().unwrap_or(Path::new("out"));
            let mut output = Output {
                brief: loaded.name.clone(),
                lang: lang.clone(),
                format,
                path: output_path(out, &loaded.name, lang, format),
                fate: Fate::Failed,
                pages: None,
                bytes: None,
                time: Duration::ZERO,
                diagnostics: Vec::new(),
                fingerprint: None,
                sizes: None,
            };
            match &data {
                Some(data) => {
                    output.fingerprint = Some(fingerprint(loaded, format, data, today));
                    tasks.push(Task { loaded, output, data: data.clone(), today, sizes: None });
                }
                None => {
                    notify(options, &output);
                    report.outputs.push(output);
                }
            }
        }
    }
}

/// Stack of each output thread: Typst's layout recurses deeply.
const STACK_SIZE: usize = 64 << 20;

/// Maps `items` with `work` on one thread per core, each taking the next item when done;
/// results keep the items' order.
///
/// With `own_pools` (for layout), each thread is the one thread of its own rayon pool, so
/// the parallel loops inside Typst run on it, one after another. The outputs are the
/// parallelism: no core waits on another's pages, and no thread steals another output
/// onto its own stack (with one global pool, over a few hundred outputs, those nested
/// steals overflowed the stack).
fn parallel_map<T: Send, R: Send>(items: Vec<T>, own_pools: bool, work: impl Fn(T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(items.len());
    let queue = Mutex::new(items.into_iter().enumerate());
    let results = Mutex::new(Vec::new());
    let worker = || {
        loop {
            let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
            let Some((index, item)) = next else { break };
            let result = work(item);
            results.lock().unwrap_or_else(PoisonError::into_inner).push((index, result));
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let on_own_pool = move || {
                let pool = own_pools
                    .then(|| rayon::ThreadPoolBuilder::new().num_threads(1).use_current_thread().build());
                match pool {
                    Some(Ok(pool)) => pool.install(worker),
                    _ => worker(),
                }
            };
            let spawned = std::thread::Builder::new().stack_size(STACK_SIZE).spawn_scoped(scope, on_own_pool);
            if spawned.is_err() {
                // No thread to be had: do the work here.
                worker();
            }
        }
    });
    let mut results = results.into_inner().unwrap_or_else(PoisonError::into_inner);
    results.sort_by_key(|(index, _)| *index);
    results.into_iter().map(|(_, result)| result).collect()
}

/// Whether the output numbered `*index` belongs to the shard; advances the number.
fn take(shard: Option<Shard>, index: &mut usize) -> bool {
    let mine = shard.is_none_or(|s| *index % s.count == s.index);
    *index += 1;
    mine
}

/// Whether an output's file is there and its inputs are those of the last build.
fn is_fresh(task: &Task, cache: &Cache, options: &Options) -> bool {
    let output = &task.output;
    options.out.is_some()
        && !options.force
        && output.path.is_file()
        && cache.get(&cache_key(&output.path)).map(|c| &c.fingerprint) == output.fingerprint.as_ref()
}

/// The sizes recorded for an output whose inputs are those of the last build.
fn known_sizes(output: &Output, cache: &Cache) -> Option<Bytes> {
    let cached = cache.get(&cache_key(&output.path))?;
    let same = output.fingerprint.as_ref() == Some(&cached.fingerprint);
    same.then(|| cached.sizes.clone()).flatten().map(|s| Bytes::new(s.into_bytes()))
}

/// Everything that goes into one output, hashed: the resolved data, the images, the
/// embedded templates and fonts, the tool's version, the format and the creation date.
fn fingerprint(loaded: &LoadedBrief, format: Format, data: &Bytes, today: Datetime) -> String {
    let mut hash = Sha256::new();
    hash.update(TOOL_FINGERPRINT.as_bytes());
    hash.update(format.name().as_bytes());
    hash.update(format!("{today:?}").as_bytes());
    hash.update(data.as_slice());
    if let Some(logo) = &loaded.brief.logo {
        hash.update(std::fs::read(loaded.dir.join(&logo.file)).unwrap_or_default());
    }
    hash.finalize()[..12].iter().map(|b| format!("{b:02x}")).collect()
}

/// Typst's memoized results are swept every this many outputs: a sweep visits every
/// entry (several milliseconds once the caches are full), too slow to run after each.
const EVICT_EVERY: usize = 6;

/// How many sweeps a memoized result survives unused. Templates and fonts are used by
/// every output and stay; one document's layout goes, which keeps memory flat.
const EVICT_AGE: usize = 2;

/// Lays out, exports and (when writing) writes one output.
fn make_output(typesetter: &Typesetter, task: Task, options: &Options) -> Output {
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
                && let Err(e) = eject_task(dir, &output, task.loaded, &task.data, &fit::design_sizes())
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
        && let Err(e) = eject_task(dir, &output, task.loaded, &task.data, &sizes)
    {
        output.diagnostics.push(e);
    }
    output.pages = Some(document.pages().len());
    output.sizes = Some(sizes);
    let ident = output.fingerprint.clone().unwrap_or_default();
    let bytes = match export::pdf(&document, &ident, task.today) {
        Ok(bytes) => bytes,
        Err(errors) => return finish(output, errors, start, options),
    };
    output.bytes = Some(bytes.len());
    if options.out.is_some()
        && let Err(e) = export::write_output(&output.path, &bytes)
    {
        let message = format!("cannot write `{}`: {e}", output.path.display());
        return finish(output, vec![Diagnostic::error(message)], start, options);
    }
    if !output.diagnostics.iter().any(Diagnostic::is_error) {
        output.fate = Fate::Built;
    }
    finish(output, Vec::new(), start, options)
}

fn finish(mut output: Output, errors: Vec<Diagnostic>, start: Instant, options: &Options) -> Output {
    output.diagnostics.extend(errors);
    output.time = start.elapsed();
    notify(options, &output);
    output
}

fn notify(options: &Options, output: &Output) {
    if let Some(on_done) = &options.on_done {
        on_done(output);
    }
}

fn eject_task(
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

/// A slide body set smaller than this share of its design size is reported; a little
/// shrinking to fit a longer translation is the templates' normal work.
const NOTABLE_SHRINK: f64 = 0.85;

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

fn cache_key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// What the last build recorded; a missing or unreadable cache is empty.
fn read_cache(path: &Path) -> Cache {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    serde_json::from_str(&text).unwrap_or_default()
}

fn write_cache(path: &Path, cache: &Cache) {
    let text = serde_json::to_string_pretty(cache).unwrap_or_default();
    // A cache that cannot be written only costs a rebuild next time.
    let _ = export::write_output(path, text.as_bytes());
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
