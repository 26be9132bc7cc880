//! Render stage: lays a resolved document out with the embedded Typst templates.
//!
//! The [`Typesetter`] owns what every output shares (standard library, fonts, template
//! sources). Each output gets a small [`World`] that serves, at fixed virtual paths:
//! the templates (`/handout.typ`, `/slides.typ`, `/leave-behind.typ`, `/theme.typ`, `/lib.typ`, `/fit.typ`),
//! the resolved data (`/data.json`), the slide body sizes and cuts (`/fit.json`) and the
//! briefing's own files (`/brief/…`, from its folder only).
//! User text only ever reaches Typst inside `/data.json`, never as source code.

pub(crate) mod fit;
mod fonts;
pub(crate) mod geometry;
pub(crate) mod glyphs;
pub(crate) mod overflow;
pub(crate) mod slides;
mod world;

use std::path::PathBuf;
use std::sync::OnceLock;

use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt};
use typst_kit::fonts::FontStore;
use typst_layout::PagedDocument;

pub(crate) use self::fonts::BriefFonts;
use self::world::JobWorld;
use crate::assets::{TEMPLATES, Template};
use crate::diag::Diagnostic;
use crate::folder::Folder;

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
    /// A one-page A4 leave-behind for the meeting with one delegation, for each State
    /// that made a previous recommendation.
    LeaveBehind,
}

impl Format {
    /// Every format, in build order.
    pub(crate) const ALL: [Format; 3] = [Format::Handout, Format::Slides, Format::LeaveBehind];

    /// The name used in output file names.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Format::Handout => "handout",
            Format::Slides => "slides",
            Format::LeaveBehind => "leave-behind",
        }
    }

    /// The file name of its template.
    pub(crate) fn template(self) -> &'static str {
        match self {
            Format::Handout => "handout.typ",
            Format::Slides => "slides.typ",
            Format::LeaveBehind => "leave-behind.typ",
        }
    }
}

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
    /// Indexed on first use, or beside the loading by `prepare`: a no-op build reads only
    /// the fonts' coverage, for the resolve stage's check of missing glyphs.
    fonts: OnceLock<FontStore>,
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
    /// The briefing's own fonts with the embedded ones, if it has fonts of its own.
    pub fonts: Option<&'a BriefFonts>,
}

impl<'a> Job<'a> {
    /// A job with the embedded templates, every slide body at its design size to start
    /// from: what the property tests lay out.
    #[cfg(test)]
    pub(crate) fn embedded(format: Format, data: &[u8], folder: &'a Folder, today: Datetime) -> Self {
        static NONE: OnceLock<Overrides> = OnceLock::new();
        let overrides = NONE.get_or_init(Overrides::default);
        let sizes = fit::design_sizes();
        Job { format, data: Bytes::new(data.to_vec()), folder, today, sizes, overrides, fonts: None }
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
    /// A typesetter whose fonts, templates and library are made when first needed.
    pub(crate) fn new() -> Self {
        Self {
            library: OnceLock::new(),
            fonts: OnceLock::new(),
            templates: OnceLock::new(),
            coverage: OnceLock::new(),
            data_id: virtual_id(DATA_PATH),
            sizes_id: virtual_id(SIZES_PATH),
        }
    }

    /// Indexes the fonts, makes the standard library (and its hash, which memoized calls
    /// key on) and parses the templates now rather than on first use.
    pub(crate) fn prepare(&self) {
        self.fonts();
        typst::utils::hash128(self.library());
        self.templates();
    }

    fn library(&self) -> &LazyHash<Library> {
        self.library.get_or_init(|| LazyHash::new(Library::builder().build()))
    }

    /// The embedded fonts, indexed (their names, styles and coverage; each is parsed when
    /// a document first uses it).
    fn fonts(&self) -> &FontStore {
        self.fonts.get_or_init(fonts::embedded)
    }

    /// Whether some embedded font has a glyph for `c`.
    pub(crate) fn covers(&self, c: char) -> bool {
        self.coverage.get_or_init(|| fonts::Coverage::of(self.fonts().book())).contains(c)
    }

    /// The briefing's own fonts with the embedded ones, for its jobs; `None` if it has none.
    pub(crate) fn brief_fonts(&self, own: &crate::load::OwnFonts) -> Option<BriefFonts> {
        (!own.0.is_empty()).then(|| BriefFonts::new(own, self.fonts()))
    }

    /// The families of the fonts parsed so far: fonts are parsed when first used.
    #[cfg(test)]
    fn loaded_families(&self) -> Vec<String> {
        fonts::loaded_families(self.fonts())
    }

    /// Lays out one output. Returns the document and its warnings, or its errors.
    pub(crate) fn compile(&self, job: &Job) -> Result<(PagedDocument, Vec<Diagnostic>), Vec<Diagnostic>> {
        let main = self.template(job.format.template()).id();
        let world = JobWorld::new(self, job, main);
        let warned = typst::compile::<PagedDocument>(&world);
        let warnings = world.diagnostics(&warned.warnings);
        match warned.output {
            Ok(document) => Ok((document, warnings)),
            Err(errors) => Err(world.diagnostics(&errors)),
        }
    }

    fn templates(&self) -> &[Source] {
        self.templates.get_or_init(|| {
            let parse = |template: &Template| {
                Source::new(virtual_id(&format!("/{}", template.name)), template.source.to_owned())
            };
            TEMPLATES.iter().map(parse).collect()
        })
    }

    fn template(&self, name: &str) -> &Source {
        let index = TEMPLATES.iter().position(|template| template.name == name);
        &self.templates()[index.expect("every format's template is in `TEMPLATES`")]
    }
}

fn virtual_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("virtual paths are valid constants");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

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
                fonts: None,
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
            fonts: None,
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
