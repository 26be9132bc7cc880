//! Render stage, world: what one output's compilation sees. The templates, the data and
//! the sizes at fixed virtual paths, the briefing's own files from its folder only, and
//! no package, plugin or file from anywhere else.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use typst::diag::{FileError, FileResult, PackageError, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, Source, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, World, WorldExt};

use super::{BRIEF_ROOT, Job, Typesetter};
use crate::diag::{Diagnostic, SourceFile, display_path};
use crate::folder::Refusal;

/// The Typst world of one output.
pub(super) struct JobWorld<'a> {
    typesetter: &'a Typesetter,
    job: &'a Job<'a>,
    main: FileId,
    brief_files: OnceLock<Arc<SourceFile>>,
}

impl<'a> JobWorld<'a> {
    pub(super) fn new(typesetter: &'a Typesetter, job: &'a Job<'a>, main: FileId) -> Self {
        Self { typesetter, job, main, brief_files: OnceLock::new() }
    }

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
    pub(super) fn diagnostics(&self, diagnostics: &[SourceDiagnostic]) -> Vec<Diagnostic> {
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
        match self.job.fonts {
            Some(fonts) => fonts.book(),
            None => self.typesetter.fonts().book(),
        }
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
        match self.job.fonts {
            Some(fonts) => fonts.font(index, self.typesetter.fonts()),
            None => self.typesetter.fonts().font(index),
        }
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
