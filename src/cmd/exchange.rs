//! `brief i18n export` and `brief i18n import`: a translation out to a CAT tool's file
//! and back.

use std::path::Path;

use crate::diag::{Diagnostic, SourceFile};
use crate::i18n::{self, ExportFormat, Lock};
use crate::load::{self, LoadedBrief};
use crate::terminal;

/// Writes the translation of `loaded` into `lang` to `out`, or to standard output.
pub(super) fn export(
    loaded: &LoadedBrief,
    lang: &str,
    format: ExportFormat,
    out: Option<&Path>,
) -> Result<(), Vec<Diagnostic>> {
    let text = i18n::export(loaded, lang, format).map_err(|d| vec![d])?;
    match out {
        Some(path) => {
            crate::folder::write_atomic(path, text.as_bytes())
                .map_err(|e| vec![Diagnostic::io("write", path, &e)])?;
            terminal::out(crate::diag::display_path(path));
        }
        None => terminal::out_text(&text),
    }
    Ok(())
}

/// Reads `file` into the translation it is for; checks everything before writing.
pub(super) fn import(loaded: &LoadedBrief, file: &Path, lang: Option<&str>) -> Result<(), Vec<Diagnostic>> {
    let text = std::fs::read_to_string(file).map_err(|e| vec![Diagnostic::io("read", file, &e)])?;
    let text = text.strip_prefix('\u{FEFF}').map(str::to_owned).unwrap_or(text);
    let source = SourceFile::new(file, text);
    let incomings = i18n::read_exchange(&source)?;
    let lang = i18n::import_language(&source, &incomings, lang).map_err(|d| vec![d])?;
    let existing = loaded.translations.iter().find(|t| t.lang == lang);
    if let Some(translation) = existing {
        if !translation.is_usable() {
            return Err(translation.diagnostics.clone());
        }
        super::i18n::check_writable(loaded, translation).map_err(|d| vec![d])?;
    }
    let errors = i18n::check_import(loaded, &source, &incomings, existing);
    if !errors.is_empty() {
        return Err(errors);
    }
    // No `<lang>.toml` yet: start it as `init` does, then fill it in.
    let started;
    let loaded = match existing {
        Some(_) => loaded,
        None => {
            i18n::init(loaded, &lang).map_err(|d| vec![d])?;
            started = reload(loaded)?;
            &started
        }
    };
    let translation = super::i18n::translation(loaded, &lang).map_err(|d| vec![d])?;
    let mut lock = Lock::read(&loaded.folder).map_err(|d| vec![d])?;
    let imported = i18n::apply_import(loaded, translation, &incomings, &mut lock).map_err(|d| vec![d])?;
    terminal::out(crate::diag::display_path(&imported.file));
    terminal::err(format!(
        "{} written, {} unchanged and confirmed, {} changed in the TOML since the export (kept), \
         {} still fuzzy (left out), {} untranslated",
        imported.written, imported.confirmed, imported.kept, imported.fuzzy, imported.untranslated
    ));
    Ok(())
}

fn reload(loaded: &LoadedBrief) -> Result<LoadedBrief, Vec<Diagnostic>> {
    match load::load(&loaded.dir) {
        (Some(loaded), _) => Ok(loaded),
        (None, diagnostics) => Err(diagnostics),
    }
}
