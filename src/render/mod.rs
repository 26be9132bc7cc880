//! Render stage: lays a resolved document out with the embedded Typst templates.
//!
//! The [`Typesetter`] owns what every output shares (standard library, fonts, template
//! sources). Each output gets a small [`World`] that serves, at fixed virtual paths:
//! the templates (`/handout.typ`, `/slides.typ`, `/theme.typ`, `/lib.typ`, `/fit.typ`),
//! the resolved data (`/data.json`), the slide body sizes and cuts (`/fit.json`) and the
//! briefing's own files (`/brief/…`, from its folder only).
//! User text only ever reaches Typst inside `/data.json`, never as source code.

#[path = "../../templates/data.rs"]
pub(crate) mod data;
pub(crate) mod fit;
mod fonts;
pub(crate) mod geometry;
#[cfg(test)]
pub(crate) mod guide;
pub(crate) mod overflow;
pub(crate) mod slides;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use typst::diag::{FileError, FileResult, PackageError, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, SourceFile, display_path};
use crate::load::{Folder, Refusal};

/// The two kinds of output.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    clap::ValueEnum,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Format {
    /// An A4 handout of two to four pages.
    Handout,
    /// A 16:9 slide deck.
    Slides,
}

impl Format {
    /// Every format, in build order.
    pub(crate) const ALL: [Format; 2] = [Format::Handout, Format::Slides];

    /// The name used in output file names.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Handout => "handout",
            Format::Slides => "slides",
        }
    }

    /// The file name of its template.
    pub(crate) fn template(self) -> &'static str {
        match self {
            Format::Handout => "handout.typ",
            Format::Slides => "slides.typ",
        }
    }
}

/// The Typst templates, compiled into the binary, by file name: the look (`theme.typ`),
/// the parts both formats share (`lib.typ`), the slides' fitting machinery (`fit.typ`)
/// and one template per format. `templates/README.md` says what each holds.
pub(crate) const TEMPLATES: &[(&str, &str)] = &[
    ("theme.typ", include_str!("../../templates/theme.typ")),
    ("lib.typ", include_str!("../../templates/lib.typ")),
    ("fit.typ", include_str!("../../templates/fit.typ")),
    ("handout.typ", include_str!("../../templates/handout.typ")),
    ("slides.typ", include_str!("../../templates/slides.typ")),
];

/// Where the resolved data is served.
const DATA_PATH: &str = "/data.json";

/// Where the slide body sizes and cuts chosen by `fit` are served.
pub(crate) const SIZES_PATH: &str = "/fit.json";

/// Where the briefing's folder is mounted.
const BRIEF_ROOT: &str = "/brief/";

/// What every output shares: library, fonts and parsed templates.
pub(crate) struct Typesetter {
    /// Built on first use: a build with nothing to lay out never needs it.
    library: OnceLock<LazyHash<Library>>,
    fonts: FontStore,
    /// Parsed on first use, like the library.
    templates: OnceLock<Vec<Source>>,
    coverage: OnceLock<fonts::Coverage>,
    data_id: FileId,
    sizes_id: FileId,
}

/// One output to lay out.
pub(crate) struct Job<'a> {
    /// Which template.
    pub format: Format,
    /// The resolved document as JSON.
    pub data: Bytes,
    /// The briefing's folder, the only place its images are read from.
    pub folder: &'a Folder,
    /// What `datetime.today()` returns.
    pub today: Datetime,
    /// The sizes and cuts chosen for the slide bodies, as `/fit.json` (see `fit`).
    pub sizes: Bytes,
    /// The briefing's own template files, served instead of the embedded ones.
    pub overrides: &'a Overrides,
}

impl<'a> Job<'a> {
    /// A job with the embedded templates, every slide body at its design size to start
    /// from: what the property tests lay out.
    #[cfg(test)]
    pub(crate) fn embedded(format: Format, data: &[u8], folder: &'a Folder, today: Datetime) -> Self {
        static NONE: OnceLock<Overrides> = OnceLock::new();
        let overrides = NONE.get_or_init(Overrides::default);
        Job { format, data: Bytes::new(data.to_vec()), folder, today, sizes: fit::design_sizes(), overrides }
    }
}

/// A briefing's own template files, parsed, each served at the virtual path of the
/// embedded file it replaces (so `import "theme.typ"` finds it) and reported at its real
/// path.
#[derive(Default)]
pub(crate) struct Overrides(Vec<(Source, PathBuf)>);

impl Overrides {
    /// Parses a briefing's overrides.
    pub(crate) fn new(overrides: &[crate::load::Override]) -> Self {
        let parse = |o: &crate::load::Override| {
            (Source::new(virtual_id(&format!("/{}", o.name)), o.text.clone()), o.path.clone())
        };
        Self(overrides.iter().map(parse).collect())
    }

    fn get(&self, id: FileId) -> Option<&(Source, PathBuf)> {
        self.0.iter().find(|(source, _)| source.id() == id)
    }
}

impl Default for Typesetter {
    fn default() -> Self {
        Self::new()
    }
}

impl Typesetter {
    /// Indexes the embedded fonts; templates and library are made when first needed.
    pub(crate) fn new() -> Self {
        Self {
            library: OnceLock::new(),
            fonts: fonts::embedded(),
            templates: OnceLock::new(),
            coverage: OnceLock::new(),
            data_id: virtual_id(DATA_PATH),
            sizes_id: virtual_id(SIZES_PATH),
        }
    }

    /// Makes the standard library (and its hash, which memoized calls key on) and parses
    /// the templates now rather than on first use.
    pub(crate) fn prepare(&self) {
        typst::utils::hash128(self.library());
        self.templates();
    }

    fn library(&self) -> &LazyHash<Library> {
        self.library.get_or_init(|| LazyHash::new(Library::builder().build()))
    }

    /// Whether some embedded font has a glyph for `c`.
    pub(crate) fn covers(&self, c: char) -> bool {
        self.coverage.get_or_init(|| fonts::Coverage::of(self.fonts.book())).contains(c)
    }

    /// The families of the fonts parsed so far: fonts are parsed when first used.
    #[cfg(test)]
    fn loaded_families(&self) -> Vec<String> {
        fonts::loaded_families(&self.fonts)
    }

    /// Lays out one output. Returns the document and its warnings, or its errors.
    pub(crate) fn compile(&self, job: &Job) -> Result<(PagedDocument, Vec<Diagnostic>), Vec<Diagnostic>> {
        let main = self.template(job.format.template()).id();
        let world = JobWorld { typesetter: self, job, main, brief_files: Default::default() };
        let warned = typst::compile::<PagedDocument>(&world);
        let warnings = world.diagnostics(&warned.warnings);
        match warned.output {
            Ok(document) => Ok((document, warnings)),
            Err(errors) => Err(world.diagnostics(&errors)),
        }
    }

    fn templates(&self) -> &[Source] {
        self.templates.get_or_init(|| {
            let parse = |(name, text): &(&str, &str)| {
                Source::new(virtual_id(&format!("/{name}")), (*text).to_owned())
            };
            TEMPLATES.iter().map(parse).collect()
        })
    }

    fn template(&self, name: &str) -> &Source {
        let index = TEMPLATES.iter().position(|(n, _)| *n == name);
        &self.templates()[index.expect("every format's template is in `TEMPLATES`")]
    }
}

fn virtual_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("virtual paths are valid constants");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// The Typst world of one output.
struct JobWorld<'a> {
    typesetter: &'a Typesetter,
    job: &'a Job<'a>,
    main: FileId,
    brief_files: OnceLock<Arc<SourceFile>>,
}

impl JobWorld<'_> {
    /// Where a briefing's own template names the file `id` (`"/brief/drawing.svg"`), as
    /// `path:line:col`: Typst reports a problem inside an SVG or imported file at that
    /// file, not at the template line that uses it.
    fn mention(&self, id: FileId) -> Option<String> {
        let vpath = id.get().vpath().get_with_slash();
        let name = vpath.rsplit('/').next().filter(|n| !n.is_empty())?;
        self.job.overrides.0.iter().find_map(|(source, path)| {
            let text = source.text();
            let at = text.find(vpath).or_else(|| text.find(name))?;
            let (line, col) = SourceFile::new(path, text).line_col(at);
            Some(format!("{}:{line}:{col}", display_path(path)))
        })
    }

    /// Reads a file of the briefing, through its folder's boundary.
    fn read_brief(&self, path: &Path) -> FileResult<Vec<u8>> {
        match self.job.folder.read(path) {
            Ok(bytes) => Ok(bytes),
            Err(Refusal::Missing) => Err(FileError::NotFound(self.job.folder.show(path))),
            Err(refusal) => Err(FileError::Other(Some(refusal.to_string().into()))),
        }
    }

    /// The path inside the briefing's folder behind a `/brief/…` virtual path.
    fn brief_path(&self, id: FileId) -> Option<PathBuf> {
        let path = id.get();
        if !matches!(path.root(), VirtualRoot::Project) {
            return None;
        }
        let relative = path.vpath().get_with_slash().strip_prefix(BRIEF_ROOT)?;
        Some(PathBuf::from(relative))
    }

    /// Converts Typst diagnostics into ours, pointing into the template or data file.
    fn diagnostics(&self, diagnostics: &[SourceDiagnostic]) -> Vec<Diagnostic> {
        diagnostics.iter().map(|d| self.diagnostic(d)).collect()
    }

    fn diagnostic(&self, source: &SourceDiagnostic) -> Diagnostic {
        let mut diagnostic = match source.severity {
            Severity::Error => Diagnostic::error(source.message.to_string()),
            Severity::Warning => Diagnostic::warning(source.message.to_string()),
        };
        if let Some(package) = package_diagnostic(&source.message, source.severity) {
            diagnostic = package;
        }
        for hint in &source.hints {
            diagnostic = diagnostic.hint(hint.v.to_string());
        }
        let Some(id) = source.span.id() else { return diagnostic };
        let range = self.range(source.span);
        if let Some((text, path)) = self.job.overrides.get(id) {
            return diagnostic.at(&SourceFile::new(path, text.text()), range);
        }
        // A file of the briefing: an SVG an override draws, a Typst file it imports.
        if let Some(path) = self.brief_path(id) {
            let text = self.job.folder.read(&path).ok().and_then(|b| String::from_utf8(b).ok());
            let shown = self.job.folder.show(&path);
            let range = range.filter(|_| text.is_some());
            let diagnostic = match self.mention(id) {
                Some(at) => diagnostic.hint(format!("it is drawn or imported by the template at `{at}`")),
                None => diagnostic,
            };
            return diagnostic.at(&SourceFile::new(shown, text.unwrap_or_default()), range);
        }
        match self.source(id) {
            Ok(text) => {
                let name = format!("templates{}", id.get().vpath().get_with_slash());
                diagnostic.at(&SourceFile::new(name, text.text()), range)
            }
            Err(_) => {
                let shown = self.job.folder.show(Path::new(""));
                let file = self.brief_files.get_or_init(|| SourceFile::new(shown, ""));
                diagnostic.at(file, None)
            }
        }
    }
}

impl World for JobWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        self.typesetter.library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.typesetter.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some((source, _)) = self.job.overrides.get(id) {
            return Ok(source.clone());
        }
        let found = self.typesetter.templates().iter().find(|s| s.id() == id);
        if let Some(found) = found {
            return Ok(found.clone());
        }
        refuse_package(id)?;
        // A Typst file of the briefing (a package's files copied into `templates/`),
        // imported by an override: read through the folder's boundary.
        match self.brief_path(id) {
            Some(path) if path.extension().is_some_and(|e| e == "typ") => {
                let text = String::from_utf8(self.read_brief(&path)?).map_err(|_| FileError::InvalidUtf8)?;
                Ok(Source::new(id, text))
            }
            _ => Err(not_found(id)),
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.typesetter.data_id {
            return Ok(self.job.data.clone());
        }
        if id == self.typesetter.sizes_id {
            return Ok(self.job.sizes.clone());
        }
        refuse_package(id)?;
        if let Ok(source) = self.source(id) {
            return Ok(Bytes::from_string(source));
        }
        let path = self.brief_path(id).ok_or_else(|| not_found(id))?;
        let bytes = self.read_brief(&path)?;
        // `plugin(..)` runs WebAssembly: a briefing's templates may not (see `overrides`).
        if bytes.starts_with(WASM_MAGIC) {
            let shown = display_path(&self.job.folder.show(&path));
            return Err(FileError::Other(Some(
                format!("`{shown}` is a WebAssembly plugin, which a briefing's templates may not use").into(),
            )));
        }
        Ok(Bytes::new(bytes))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.typesetter.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.job.today)
    }
}

/// The first bytes of every WebAssembly module.
const WASM_MAGIC: &[u8] = b"\0asm";

/// Packages (`@preview/…`) are not downloaded: everything a build needs is in the binary
/// or the briefing's folder.
fn refuse_package(id: FileId) -> FileResult<()> {
    match id.get().root() {
        VirtualRoot::Package(spec) => Err(FileError::Package(PackageError::NotFound(spec.clone()))),
        VirtualRoot::Project => Ok(()),
    }
}

/// Typst's message for a package that was not found, which [`package_diagnostic`] replaces.
const PACKAGE_NOT_FOUND: &str = "package not found (searched for ";

/// Says that packages are not available and how to bring the files into the briefing.
fn package_diagnostic(message: &str, severity: Severity) -> Option<Diagnostic> {
    let spec = message.strip_prefix(PACKAGE_NOT_FOUND)?.strip_suffix(')')?;
    let name = spec.split(['/', ':']).nth(1).unwrap_or("package");
    let message = format!("packages are not available offline: `{spec}` cannot be imported");
    let diagnostic = match severity {
        Severity::Error => Diagnostic::error(message),
        Severity::Warning => Diagnostic::warning(message),
    };
    Some(diagnostic.hint(format!(
        "copy the package's files into the briefing's `templates/{name}/` folder and import them from \
         there by path: `#import \"/brief/templates/{name}/lib.typ\"` (its entry file, as its \
         `typst.toml` names it)"
    )))
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(PathBuf::from(id.get().vpath().get_with_slash()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Resolves a language of the example briefing to template data.
    fn example_data(lang: &str) -> Bytes {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefs/russia-behind-bars");
        let (loaded, _) = crate::load::load(&dir);
        let loaded = loaded.expect("the example loads");
        let document = crate::resolve::resolve(&loaded, lang, &|_| true).document.expect("resolves");
        Bytes::new(serde_json::to_vec(&document).expect("serializes"))
    }

    #[test]
    fn the_example_decks_are_fitted_in_a_few_layouts() {
        let typesetter = Typesetter::new();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let today = Datetime::from_ymd(2000, 1, 1).expect("a date");
        let folder = Folder::new(dir).expect("the repository is a folder");
        for lang in ["en", "fr", "es", "ru", "ar", "zh"] {
            let job = Job {
                format: Format::Slides,
                data: example_data(lang),
                folder: &folder,
                today,
                sizes: fit::design_sizes(),
                overrides: &Overrides::default(),
            };
            let fitted = fit::layout(&typesetter, job, None).expect("fits");
            eprintln!("{lang}: {} layouts", fitted.layouts);
            assert!(fitted.layouts <= 6, "{lang}: {} layouts", fitted.layouts);
        }
    }

    #[test]
    fn fonts_are_parsed_only_when_a_document_needs_them() {
        let typesetter = Typesetter::new();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let today = Datetime::from_ymd(2000, 1, 1).expect("a date");
        let sizes = fit::design_sizes();
        let overrides = Overrides::default();
        let folder = Folder::new(dir).expect("the repository is a folder");
        let job = |lang| Job {
            format: Format::Slides,
            data: example_data(lang),
            folder: &folder,
            today,
            sizes: sizes.clone(),
            overrides: &overrides,
        };
        assert!(typesetter.loaded_families().is_empty());
        typesetter.compile(&job("en")).expect("compiles");
        let families = typesetter.loaded_families();
        assert!(families.contains(&"Noto Sans".to_owned()), "{families:?}");
        assert!(!families.iter().any(|f| f.contains("CJK") || f.contains("Arabic")), "{families:?}");
        typesetter.compile(&job("zh")).expect("compiles");
        assert!(typesetter.loaded_families().iter().any(|f| f.contains("CJK")));
    }
}
