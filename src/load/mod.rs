//! Load stage: finds briefings on disk and reads them into the typed model, with spans.
//!
//! A briefing is a folder holding `brief.toml` (the source language) and one
//! `<lang>.toml` per translation. Problems are collected as diagnostics with file, line
//! and column; a broken translation only disables its own language.

mod fonts;
mod logo;
mod overrides;
mod spans;
mod syntax;
mod translation;
mod unknown;
mod validate;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile, display_path};
use crate::model::{Brief, Catalog};

pub(crate) use crate::folder::{Folder, Refusal};
pub(crate) use fonts::{FONTS_DIR, OwnFonts};
pub(crate) use overrides::Override;
pub(crate) use spans::Spans;
pub(crate) use translation::Translation;
pub(crate) use validate::check_value_slot;

/// The name of a briefing's source file.
pub(crate) const SOURCE_FILE: &str = "brief.toml";

/// A briefing read from disk: its source and its translations.
pub(crate) struct LoadedBrief {
    /// The folder name, used in output names.
    pub name: String,
    /// The folder, as the user named it.
    pub dir: PathBuf,
    /// The folder, through which every file of the briefing is read.
    pub folder: Folder,
    /// The source-language briefing.
    pub brief: Brief,
    /// The source file's text, for diagnostics.
    pub file: Arc<SourceFile>,
    /// Where each key of the source was written.
    pub spans: Spans,
    /// Every translatable text of the source.
    pub catalog: Catalog,
    /// The translations, sorted by language.
    pub translations: Vec<Translation>,
    /// Its own template files (`templates/*.typ`), each replacing an embedded one.
    pub templates: Vec<Override>,
    /// Its own fonts (`fonts/*.ttf`, `.otf`, `.ttc`), added to the embedded ones.
    pub fonts: OwnFonts,
    /// Whether the source itself has errors, which keep every language from being built.
    pub source_has_errors: bool,
}

impl LoadedBrief {
    /// Every language this briefing can be built in: the source's first.
    /// A language is listed once: a second file for it is an error of its own.
    pub(crate) fn languages(&self) -> Vec<&str> {
        let mut langs = vec![self.brief.lang.as_str()];
        for translation in &self.translations {
            if !langs.iter().any(|l| l.eq_ignore_ascii_case(&translation.lang)) {
                langs.push(&translation.lang);
            }
        }
        langs
    }
}

/// Finds the briefing folders named by `paths`: a folder with a `brief.toml`, a folder of
/// such folders, or a `brief.toml` itself. Also returns the problems met on the way (a
/// briefing that is a link to a folder elsewhere is refused).
pub(crate) fn discover(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Diagnostic>), Diagnostic> {
    let (mut found, mut problems) = (Vec::new(), Vec::new());
    for path in paths {
        if path.is_file() && path.file_name().is_some_and(|n| n == SOURCE_FILE) {
            found.push(path.parent().unwrap_or(Path::new(".")).to_path_buf());
        } else if path.join(SOURCE_FILE).is_file() {
            found.push(path.clone());
        } else if path.is_dir() {
            let before = found.len() + problems.len();
            briefs_in(path, &mut found, &mut problems)?;
            if found.len() + problems.len() == before {
                return Err(no_brief(path));
            }
        } else {
            return Err(Diagnostic::error(format!("`{}` does not exist", display_path(path)))
                .hint("give a briefing folder (holding `brief.toml`) or a folder of them"));
        }
    }
    Ok((found, problems))
}

/// The briefings directly in `dir`; one that is a link leading out of `dir` is refused.
fn briefs_in(dir: &Path, found: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) -> Result<(), Diagnostic> {
    let entries = fs::read_dir(dir).map_err(|e| Diagnostic::io("read", dir, &e))?;
    let root = dir.canonicalize().map_err(|e| Diagnostic::io("read", dir, &e))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|entry| entry.path()).collect();
    paths.sort();
    for path in paths.into_iter().filter(|path| path.join(SOURCE_FILE).is_file()) {
        let inside = path.canonicalize().is_ok_and(|resolved| resolved.starts_with(&root));
        if inside {
            found.push(path);
        } else {
            problems.push(Refusal::Outside.diagnostic(&path));
        }
    }
    Ok(())
}

fn no_brief(dir: &Path) -> Diagnostic {
    Diagnostic::error(format!("no briefing found in `{}`", display_path(dir)))
        .hint("a briefing is a folder holding a `brief.toml`, e.g. `briefs/my-brief/brief.toml`")
}

/// Reads a briefing folder. Returns the briefing if its source could be read, and every
/// problem found on the way (translation problems are also kept in each translation).
pub(crate) fn load(dir: &Path) -> (Option<LoadedBrief>, Vec<Diagnostic>) {
    let folder = match Folder::new(dir) {
        Ok(folder) => folder,
        Err(e) => return (None, vec![Diagnostic::io("read", dir, &e)]),
    };
    let file = match folder.read_text(Path::new(SOURCE_FILE)) {
        Ok(file) => file,
        Err(diagnostic) => return (None, vec![diagnostic]),
    };
    let (mut brief, spans) = match parse_source(&file) {
        Ok(parsed) => parsed,
        Err(diagnostics) => return (None, diagnostics),
    };
    brief.list_named_states();
    let catalog = Catalog::build(&mut brief, |key| spans.value_span(key).or_else(|| spans.locate(key)));
    let mut diagnostics = validate::source(&brief, &catalog, &file, &spans, &folder);
    let (templates, template_problems) = overrides::read(&folder);
    diagnostics.extend(template_problems);
    let (fonts, font_problems) = fonts::read(&folder);
    diagnostics.extend(font_problems);
    let source_has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let translations = translation::load_all(&folder, &catalog, &brief.lang);
    for translation in &translations {
        diagnostics.extend(translation.diagnostics.iter().cloned());
    }
    let name = folder.name();
    let dir = dir.to_path_buf();
    let loaded = LoadedBrief {
        name,
        dir,
        folder,
        brief,
        file,
        spans,
        catalog,
        translations,
        templates,
        fonts,
        source_has_errors,
    };
    (Some(loaded), diagnostics)
}

/// Parses TOML text into a document with spans, or a syntax error diagnostic.
pub(crate) fn parse_toml(file: &Arc<SourceFile>) -> Result<Spans, Diagnostic> {
    // A translation is named by its language, whose quotation marks a hint may give.
    let name = file.path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".toml"));
    let lang = name.filter(|n| format!("{n}.toml") != SOURCE_FILE);
    parse_document(&file.text).map(Spans::new).map_err(|e| syntax::syntax_error(&e, file, lang))
}

// The parses below are memoized on the text, like Typst's own work: in `brief watch`, a
// rebuild after one file is saved parses that file again, not the briefing's others.
// Whatever a session or build no longer uses goes when it evicts Typst's memoized work.

#[comemo::memoize]
fn parse_document(text: &str) -> Result<toml_edit::ImDocument<String>, toml_edit::TomlError> {
    toml_edit::ImDocument::parse(text.to_owned())
}

/// The briefing in `file` and where its keys are; or every key of it that the model
/// has no field for; or the first value that does not deserialize.
fn parse_source(file: &Arc<SourceFile>) -> Result<(Brief, Spans), Vec<Diagnostic>> {
    let spans = parse_toml(file).map_err(|d| vec![d])?;
    let unknown = unknown::unknown_keys(file, &spans);
    if !unknown.is_empty() {
        return Err(unknown);
    }
    match deserialize_source(&file.text) {
        Ok(brief) => Ok((brief, spans)),
        Err(error) => Err(vec![describe_serde_error(&error, file, &spans)]),
    }
}

#[comemo::memoize]
fn deserialize_source(text: &str) -> Result<Brief, toml::de::Error> {
    toml::from_str(text)
}

/// Turns a deserialization error into a diagnostic at the value serde points to, naming
/// its key (unknown keys were reported before deserializing).
fn describe_serde_error(error: &toml::de::Error, file: &Arc<SourceFile>, spans: &Spans) -> Diagnostic {
    let span = error.span();
    let key = span.as_ref().and_then(|s| spans.key_at(s.start));
    let message = error.message().trim_end();
    let message = match (&key, message.strip_prefix("missing field ")) {
        (Some(key), Some(field)) => format!("missing field {field} in `[{key}]`"),
        (None, Some(field)) => format!("missing field {field} at the top level"),
        (Some(key), None) => format!("`{key}`: {message}"),
        (None, None) => message.to_owned(),
    };
    Diagnostic::error(message).at(file, span)
}
