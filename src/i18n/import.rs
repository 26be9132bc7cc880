//! `brief i18n export` and `import`: a translation out to a PO or XLIFF file for a CAT
//! tool, and back into `<lang>.toml` with its comments and layout kept, as `update` keeps
//! them. An import checks every entry first and writes nothing if one is wrong.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use super::edit::{edit_line_decor, parse, remove_stale, save, set_text};
use super::exchange::{Incoming, Incomings, align_ends, outgoing};
use super::lock::{Lock, fingerprint};
use super::{codes, po, xliff};
use crate::diag::{Diagnostic, SourceFile};
use crate::load::{LoadedBrief, Translation};
use crate::model::TextKey;

/// The file formats of CAT tools.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ExportFormat {
    /// gettext PO.
    Po,
    /// XLIFF 1.2.
    Xliff,
}

/// The translation of `loaded` into `lang` as a PO or XLIFF file.
pub(crate) fn export(loaded: &LoadedBrief, lang: &str, format: ExportFormat) -> Result<String, Diagnostic> {
    let lock = Lock::read(&loaded.folder)?;
    let outgoing = outgoing(loaded, lang, &lock)?;
    Ok(match format {
        ExportFormat::Po => po::write(&outgoing),
        ExportFormat::Xliff => xliff::write(&outgoing),
    })
}

/// What an import did.
#[derive(Debug, Default)]
pub(crate) struct Imported {
    /// The translation file written.
    pub file: PathBuf,
    /// Texts written into it.
    pub written: usize,
    /// Texts already as the file has them, recorded as checked.
    pub confirmed: usize,
    /// Entries changed in the TOML since the export and not in the file: the TOML's kept.
    pub kept: usize,
    /// Entries still marked as needing work, left out.
    pub fuzzy: usize,
    /// Entries without a translation.
    pub untranslated: usize,
}

/// Reads a PO or XLIFF file, by its name or its first characters.
pub(crate) fn read(file: &Arc<SourceFile>) -> Result<Incomings, Vec<Diagnostic>> {
    let name = file.path.to_string_lossy().to_lowercase();
    let xml = name.ends_with(".xlf") || name.ends_with(".xliff") || file.text.trim_start().starts_with('<');
    if xml { xliff::read(file) } else { po::read(file) }
}

/// The language of an import: `--lang`, which the file must agree with, or the file's.
pub(crate) fn language(
    file: &Arc<SourceFile>,
    incomings: &Incomings,
    lang: Option<&str>,
) -> Result<String, Diagnostic> {
    match (&incomings.lang, lang) {
        (Some((found, span)), Some(lang)) if found != lang => {
            Err(Diagnostic::error(format!("this file is a translation into `{found}`, not `{lang}`"))
                .at(file, span.clone())
                .hint(format!("import it with `--lang {found}`, or export `{lang}` again")))
        }
        (_, Some(lang)) => Ok(lang.to_owned()),
        (Some((found, _)), None) if !found.is_empty() => Ok(found.clone()),
        _ => Err(Diagnostic::error("this file does not say which language it is a translation into")
            .at(file, None)
            .hint("name it with `--lang`, e.g. `brief i18n import fr.po --lang fr`")),
    }
}

/// Checks every entry of `incomings` against the source and `translation` (None: no
/// `<lang>.toml` yet); every problem at the entry in the PO or XLIFF file.
pub(crate) fn check(
    loaded: &LoadedBrief,
    file: &Arc<SourceFile>,
    incomings: &Incomings,
    translation: Option<&Translation>,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for unit in &incomings.units {
        let at = |d: Diagnostic, span: &Option<Range<usize>>| d.at(file, span.clone());
        let key = TextKey::parse(&unit.key);
        let Some(source) = loaded.catalog.get(&key) else {
            let message = format!("key `{}` does not exist in the source `brief.toml`", unit.key);
            let hint = "the entry is from another briefing, or its source was removed: export again";
            errors.push(at(Diagnostic::error(message).hint(hint), &unit.key_span));
            continue;
        };
        if seen.contains(&unit.key.as_str()) {
            errors.push(at(Diagnostic::error(format!("a second entry for `{}`", unit.key)), &unit.key_span));
        }
        seen.push(&unit.key);
        if unit.target.is_empty() {
            continue;
        }
        if let Some(d) = markup_problem(&unit.key, &source.text, &unit.target) {
            errors.push(at(d, &unit.target_span));
        }
        if let Some(c) = unit.target.chars().find(|&c| crate::resolve::is_unprintable(c)) {
            let message =
                format!("`{}` holds the character U+{:04X}, which cannot be printed", unit.key, c as u32);
            let hint = "remove it (it usually comes from a copy and paste)";
            errors.push(at(Diagnostic::error(message).hint(hint), &unit.target_span));
        }
        if let Some(d) = conflict(unit, translation, &key, &source.text) {
            errors.push(at(d, &unit.target_span));
        }
    }
    errors
}

/// An error if `target` does not hold the markup of `source`, each piece as often.
fn markup_problem(key: &str, source: &str, target: &str) -> Option<Diagnostic> {
    let (want, have) = (codes::natives(source), codes::natives(target));
    if want == have {
        return None;
    }
    let missing: Vec<&String> = want.iter().filter(|n| count(&want, n) > count(&have, n)).collect();
    let extra: Vec<&String> = have.iter().filter(|n| count(&have, n) > count(&want, n)).collect();
    let list = |v: &[&String]| {
        let mut v: Vec<String> = v.iter().map(|n| format!("`{n}`")).collect();
        v.dedup();
        v.join(", ")
    };
    let message = match (missing.is_empty(), extra.is_empty()) {
        (false, true) => format!("the translation of `{key}` lacks the markup {}", list(&missing)),
        (true, false) => {
            format!("the translation of `{key}` has markup the source does not: {}", list(&extra))
        }
        _ => format!(
            "the translation of `{key}` lacks the markup {} and has {} instead",
            list(&missing),
            list(&extra)
        ),
    };
    Some(Diagnostic::error(message).hint(
        "keep the source's markup (`**bold**`, `*italic*`, links, `{value}`) as it is, around the translated words",
    ))
}

fn count(list: &[String], item: &String) -> usize {
    list.iter().filter(|n| *n == item).count()
}

/// A conflict: the translation in `<lang>.toml` changed since the export, and the file
/// brings another.
fn conflict(
    unit: &Incoming,
    translation: Option<&Translation>,
    key: &TextKey,
    source: &str,
) -> Option<Diagnostic> {
    let current = translation.and_then(|t| t.texts.get(key)).map_or("", |e| e.text.as_str());
    let same = unit.target == current || unit.target == align_ends(source, current);
    (changed_in_toml(unit, current) && !kept_as_exported(unit) && !same).then(|| {
        let lang = translation.map_or("the translation", |t| t.lang.as_str());
        Diagnostic::error(format!(
            "CONFLICT: `{}` changed in `{lang}.toml` since this file was exported; it now reads \"{}\"",
            unit.key,
            current.trim()
        ))
        .hint("keep one: edit the TOML by hand, or export again, translate there and import")
    })
}

/// The fingerprint recorded at export (of "" if the file lost it: nothing was there).
fn exported(unit: &Incoming) -> String {
    unit.exported.clone().unwrap_or_else(|| fingerprint(""))
}

/// Whether `<lang>.toml` holds another translation than it did at the export.
fn changed_in_toml(unit: &Incoming, current: &str) -> bool {
    fingerprint(current) != exported(unit)
}

/// Whether the file brings the translation back as it was exported: the translator did
/// not change it (the export aligned its line breaks at the ends with the source's).
fn kept_as_exported(unit: &Incoming) -> bool {
    let exported = exported(unit);
    let bare = unit.target.trim_matches('\n');
    [unit.target.clone(), bare.to_owned(), format!("{bare}\n")].iter().any(|t| fingerprint(t) == exported)
}

/// Writes the checked entries into `translation` and records them in the lock.
pub(crate) fn apply(
    loaded: &LoadedBrief,
    translation: &Translation,
    incomings: &Incomings,
    lock: &mut Lock,
) -> Result<Imported, Diagnostic> {
    let mut doc = parse(&translation.file)?;
    let mut imported = Imported { file: translation.file.path.clone(), ..Imported::default() };
    for unit in &incomings.units {
        let key = TextKey::parse(&unit.key);
        let Some(source) = loaded.catalog.get(&key) else { continue };
        if unit.target.is_empty() {
            imported.untranslated += 1;
            continue;
        }
        if unit.fuzzy {
            imported.fuzzy += 1;
            continue;
        }
        let current = translation.texts.get(&key).map_or("", |e| e.text.as_str());
        // Changed in the TOML since, and not in the file: the TOML's stands.
        if changed_in_toml(unit, current) && kept_as_exported(unit) {
            imported.kept += 1;
            continue;
        }
        let text =
            if unit.target == align_ends(&source.text, current) { current } else { unit.target.as_str() };
        if text == current {
            imported.confirmed += 1;
        } else {
            set_text(doc.as_table_mut(), &key, text);
            imported.written += 1;
        }
        edit_line_decor(doc.as_table_mut(), &key, |d| {
            remove_stale(d);
            super::edit::refresh_source(d, &loaded.brief.lang, &key, &unit.source);
        });
        // Translated from the source the file shows: stale if that is not the source now.
        lock.set(&translation.lang, &key, &unit.source, text);
    }
    save(&doc, translation, lock, &loaded.dir)?;
    Ok(imported)
}
