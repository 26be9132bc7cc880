//! The translators' edits, made with toml_edit so that a translator's comments, order and
//! formatting survive byte for byte: `init` writes a skeleton, `update` adds missing keys
//! and marks stale ones, `confirm` accepts a translation as current.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml_edit::{Decor, DocumentMut, Item, Table, TableLike, Value};

use super::{Lock, State, status};
use crate::diag::{Diagnostic, SourceFile};
use crate::load::{LoadedBrief, Translation};
use crate::model::{Catalog, TextKey};

/// Marks a key whose source changed after it was translated.
const STALE: &str = "# STALE: the source now reads: ";

/// What an edit did, for the command to report.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// The translation file written.
    pub file: PathBuf,
    /// Keys added (empty, to be translated).
    pub added: Vec<TextKey>,
    /// Keys marked stale.
    pub stale: Vec<TextKey>,
    /// Keys confirmed or found current.
    pub current: usize,
}

/// Writes `<lang>.toml`: the source's structure, every translatable key empty and
/// preceded by its source text as a comment, everything else left out.
pub(crate) fn init(loaded: &LoadedBrief, lang: &str) -> Result<Outcome, Diagnostic> {
    check_lang(loaded, lang)?;
    let path = loaded.dir.join(format!("{lang}.toml"));
    if path.exists() {
        return Err(Diagnostic::error(format!("`{}` already exists", path.display()))
            .hint(format!("add what it lacks with `brief i18n update {lang}`")));
    }
    let mut doc = parse(&loaded.file)?;
    skeleton(doc.as_table_mut(), &TextKey::default(), &loaded.catalog, Some(&loaded.brief.lang));
    let header = format!(
        "{}# The `{lang}` translation of `brief.toml`. Translate each empty string; the comment\n\
         # above it is the source text. Keys and structure stay as they are.\n\
         # `brief i18n status` shows what is left to do.\n\n",
        translation_schema_line(&loaded.file.text).unwrap_or_default()
    );
    let body = doc.to_string();
    let body = body.trim_start();
    let body =
        if body.starts_with(SCHEMA_DIRECTIVE) { body.split_once('\n').map_or("", |b| b.1) } else { body };
    // In the source's form: a translator's editor sees the same line ends.
    write(&path, &loaded.file.encode(&format!("{header}{}", body.trim_start())))?;
    // The source as it is now, so that a change before the first `update` is stale.
    let mut lock = Lock::read(&loaded.folder)?;
    for (key, source) in loaded.catalog.iter() {
        lock.set_baseline(lang, key, &source.text);
    }
    write_lock(&lock, &loaded.dir)?;
    Ok(Outcome { file: path, added: loaded.catalog.keys().cloned().collect(), ..Outcome::default() })
}

/// Adds every missing key to `<lang>.toml` (empty, with its source text as a comment),
/// marks stale keys with a comment holding the new source text, clears marks that no
/// longer apply, and records current translations in the lock. Removes nothing.
pub(crate) fn update(
    loaded: &LoadedBrief,
    translation: &Translation,
    lock: &mut Lock,
) -> Result<Outcome, Diagnostic> {
    let status = status(loaded, translation, lock);
    let catalog = &loaded.catalog;
    let mut doc = parse(&translation.file)?;
    let mut outcome = Outcome { file: translation.file.path.clone(), ..Outcome::default() };
    for (key, state) in &status.keys {
        let Some(source) = catalog.get(key).map(|s| s.text.as_str()) else { continue };
        match state {
            State::Missing => {
                if insert_empty(doc.as_table_mut(), key) {
                    edit_line_decor(doc.as_table_mut(), key, |d| {
                        add_comment(d, &source_comment(&loaded.brief.lang, source));
                    });
                    outcome.added.push(key.clone());
                }
            }
            State::Stale => {
                edit_line_decor(doc.as_table_mut(), key, |d| {
                    // The comment keeps the source the translation was made from until
                    // the key is resolved; the mark shows the new one.
                    remove_stale(d);
                    add_comment(d, &format!("{STALE}{}", one_line(source)));
                });
                outcome.stale.push(key.clone());
            }
            State::Translated => {
                edit_line_decor(doc.as_table_mut(), key, |d| {
                    remove_stale(d);
                    refresh_source(d, &loaded.brief.lang, key, source);
                });
                lock.set(&translation.lang, key, source, &translation.texts[key].text);
                outcome.current += 1;
            }
        }
    }
    lock.retain(&translation.lang, |key| catalog.get(key).is_some());
    save(&doc, translation, lock, &loaded.dir)?;
    Ok(outcome)
}

/// Accepts the translations of `keys` (all stale keys when empty) as current for the
/// source as it is now, and clears their stale marks.
pub(crate) fn confirm(
    loaded: &LoadedBrief,
    translation: &Translation,
    lock: &mut Lock,
    keys: &[String],
) -> Result<Outcome, Diagnostic> {
    let status = status(loaded, translation, lock);
    let keys: Vec<TextKey> = if keys.is_empty() {
        status.keys_in(State::Stale).cloned().collect()
    } else {
        keys.iter().map(|key| TextKey::parse(key)).collect()
    };
    let mut doc = parse(&translation.file)?;
    for key in &keys {
        let (Some(source), Some(entry)) = (loaded.catalog.get(key), translation.texts.get(key)) else {
            let message = format!("`{key}` is not a translated key of `{}`", translation.file.path.display());
            return Err(Diagnostic::error(message).hint("`brief i18n status` lists the stale keys"));
        };
        lock.set(&translation.lang, key, &source.text, &entry.text);
        edit_line_decor(doc.as_table_mut(), key, remove_stale);
    }
    save(&doc, translation, lock, &loaded.dir)?;
    Ok(Outcome { file: translation.file.path.clone(), current: keys.len(), ..Outcome::default() })
}

/// A file's text as a document to edit; a syntax error names the file, line and column,
/// as `build` does.
pub(super) fn parse(file: &Arc<SourceFile>) -> Result<DocumentMut, Diagnostic> {
    crate::load::parse_toml(file)?;
    file.text.parse().map_err(|e: toml_edit::TomlError| {
        let message = e.message().trim_end().replace('\n', ": ");
        Diagnostic::error(format!("invalid TOML: {message}")).at(file, e.span())
    })
}

/// The directive that names a file's JSON Schema, for editors (Taplo, Even Better TOML).
const SCHEMA_DIRECTIVE: &str = "#:schema ";

/// The `#:schema` line of a translation, beside a source whose first line names the
/// source schema (`#:schema ../../schema/brief.schema.json`): the translation schema in
/// the same folder.
fn translation_schema_line(source: &str) -> Option<String> {
    let path = source.lines().next()?.strip_prefix(SCHEMA_DIRECTIVE)?.trim();
    let folder = path.strip_suffix("brief.schema.json")?;
    Some(format!("{SCHEMA_DIRECTIVE}{folder}translation.schema.json\n"))
}

pub(super) fn check_lang(loaded: &LoadedBrief, lang: &str) -> Result<(), Diagnostic> {
    if icu_locale_core::LanguageIdentifier::try_from_str(lang).is_err() {
        return Err(Diagnostic::error(format!("`{lang}` is not a language code"))
            .hint("use a BCP 47 code such as `fr`, `ar` or `pt-BR`"));
    }
    if lang == loaded.brief.lang {
        return Err(Diagnostic::error(format!("`{lang}` is the source language of `{}`", loaded.name)));
    }
    Ok(())
}

/// Keeps only translatable keys, emptied, each preceded by its source text in `lang`
/// (`None` inside an inline table, where comments cannot go).
fn skeleton(table: &mut dyn TableLike, prefix: &TextKey, catalog: &Catalog, lang: Option<&str>) {
    let names: Vec<String> = table.iter().map(|(name, _)| name.to_owned()).collect();
    for name in names {
        let path = prefix.child(&name);
        if let Some(source) = catalog.get(&path) {
            if let Some(item) = table.get_mut(&name) {
                *item = toml_edit::value("");
            }
            if let (Some(lang), Some(mut key)) = (lang, table.key_mut(&name)) {
                add_comment(key.leaf_decor_mut(), &source_comment(lang, &source.text));
            }
        } else if catalog.has_under(&path) {
            let inline = matches!(table.get(&name), Some(Item::Value(Value::InlineTable(_))));
            if let Some(child) = table.get_mut(&name).and_then(as_table_like_mut) {
                skeleton(child, &path, catalog, if inline { None } else { lang });
            }
            if let (true, Some(lang)) = (inline, lang) {
                comment_inline(table, &name, &path, catalog, lang);
            }
        } else {
            table.remove(&name);
        }
    }
}

/// Puts the source texts of an inline table's keys above its line.
fn comment_inline(table: &mut dyn TableLike, name: &str, path: &TextKey, catalog: &Catalog, lang: &str) {
    if !matches!(table.get(name), Some(Item::Value(Value::InlineTable(_)))) {
        return;
    }
    // Every text inside, sub-points too (`points.journalists`), by its path in the table.
    let comments: Vec<String> = catalog
        .iter()
        .filter(|(key, _)| key.starts_with(path) && *key != path)
        .map(|(key, s)| format!("{}: {}", relative(key, path.segments().len()), one_line(&s.text)))
        .collect();
    if let Some(mut key) = table.key_mut(name) {
        for comment in comments {
            add_comment(key.leaf_decor_mut(), &format!("# {lang} {comment}"));
        }
    }
}

/// The rest of `key` after its first `skip` segments, dotted.
fn relative(key: &TextKey, skip: usize) -> String {
    TextKey::of(&key.segments()[skip..].iter().map(String::as_str).collect::<Vec<_>>()).to_string()
}

/// Rewrites the source comment of `key` in a decor (`# en: …`, or `# en points.a: …`
/// above an inline table) with the source text as it is now.
pub(super) fn refresh_source(decor: &mut Decor, lang: &str, key: &TextKey, source: &str) {
    let prefix = prefix_of(decor);
    let inline = (1..key.segments().len()).map(|i| format!("# {lang} {}: ", relative(key, i)));
    let Some(mark) = inline.chain([format!("# {lang}: ")]).find(|m| prefix.lines().any(|l| l.starts_with(m)))
    else {
        return;
    };
    let fresh = format!("{mark}{}\n", one_line(source));
    let lines: Vec<&str> = prefix.split_inclusive('\n').collect();
    let edited: String =
        lines.iter().map(|l| if l.starts_with(&mark) { fresh.as_str() } else { l }).collect();
    if edited != prefix {
        decor.set_prefix(edited);
    }
}

/// Sets the text of `key`, inserting it if it is missing; its comments stay.
pub(super) fn set_text(root: &mut Table, key: &TextKey, text: &str) {
    insert_empty(root, key);
    let Some((last, parents)) = key.segments().split_last() else { return };
    let mut table: &mut dyn TableLike = root;
    for segment in parents {
        match table.get_mut(segment).and_then(as_table_like_mut) {
            Some(child) => table = child,
            None => return,
        }
    }
    if let Some(Item::Value(value)) = table.get_mut(last) {
        let decor = value.decor().clone();
        *value = Value::from(text);
        *value.decor_mut() = decor;
    }
}

fn source_comment(lang: &str, source: &str) -> String {
    format!("# {lang}: {}", one_line(source))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Inserts `key = ""`, creating the tables on the way; false if something is there.
fn insert_empty(root: &mut Table, key: &TextKey) -> bool {
    let Some((last, parents)) = key.segments().split_last() else { return false };
    let mut table: &mut dyn TableLike = root;
    for segment in parents {
        if table.get(segment).is_none() {
            let mut child = Table::new();
            child.set_implicit(true);
            table.insert(segment, Item::Table(child));
        }
        match table.get_mut(segment).and_then(as_table_like_mut) {
            Some(child) => table = child,
            None => return false,
        }
    }
    if table.get(last).is_some() {
        return false;
    }
    table.insert(last, toml_edit::value(""));
    true
}

/// Runs `edit` on the decor that starts the line `key` is written on: the key itself,
/// or the key holding the inline table it is in.
pub(super) fn edit_line_decor(table: &mut dyn TableLike, key: &TextKey, edit: impl FnOnce(&mut Decor)) {
    edit_line_decor_at(table, key.segments(), edit);
}

fn edit_line_decor_at(table: &mut dyn TableLike, segments: &[String], edit: impl FnOnce(&mut Decor)) {
    let Some((first, rest)) = segments.split_first() else { return };
    if !rest.is_empty() && matches!(table.get(first), Some(Item::Table(_))) {
        if let Some(Item::Table(child)) = table.get_mut(first) {
            edit_line_decor_at(child, rest, edit);
        }
        return;
    }
    if let Some(mut key) = table.key_mut(first) {
        edit(key.leaf_decor_mut());
    }
}

fn prefix_of(decor: &Decor) -> String {
    decor.prefix().and_then(|p| p.as_str()).unwrap_or("").to_owned()
}

/// Appends a comment line to the decor before a key.
fn add_comment(decor: &mut Decor, comment: &str) {
    let mut prefix = prefix_of(decor);
    if !prefix.is_empty() && !prefix.ends_with('\n') {
        prefix.push('\n');
    }
    decor.set_prefix(format!("{prefix}{comment}\n"));
}

/// Drops this tool's stale marks from the decor before a key.
pub(super) fn remove_stale(decor: &mut Decor) {
    let prefix = prefix_of(decor);
    if prefix.contains(STALE) {
        let kept: Vec<&str> = prefix.split_inclusive('\n').filter(|line| !line.starts_with(STALE)).collect();
        decor.set_prefix(kept.concat());
    }
}

fn as_table_like_mut(item: &mut Item) -> Option<&mut dyn TableLike> {
    match item {
        Item::Table(table) => Some(table),
        Item::Value(Value::InlineTable(table)) => Some(table),
        _ => None,
    }
}

/// Writes the translation if the edit changed it, and the lock.
pub(super) fn save(
    doc: &DocumentMut,
    translation: &Translation,
    lock: &Lock,
    dir: &Path,
) -> Result<(), Diagnostic> {
    let edited = doc.to_string();
    if edited != translation.file.text {
        // Its byte-order mark and line ends as they were: only the edit changes.
        write(&translation.file.path, &translation.file.encode(&edited))?;
    }
    write_lock(lock, dir)
}

fn write(path: &Path, text: &str) -> Result<(), Diagnostic> {
    crate::folder::write_atomic(path, text.as_bytes()).map_err(|e| Diagnostic::io("write", path, &e))
}

fn write_lock(lock: &Lock, dir: &Path) -> Result<(), Diagnostic> {
    lock.write(dir).map_err(|e| Diagnostic::io("write", &Lock::path(dir), &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_marks_come_and_go_without_touching_other_comments() {
        let text = "# mine\n[a]\n# keep this\nb.c = \"x\" # trailing\n";
        let mut doc: DocumentMut = text.parse().unwrap();
        let key = TextKey::parse("a.b.c");
        edit_line_decor(doc.as_table_mut(), &key, |d| add_comment(d, &format!("{STALE}new")));
        let marked = doc.to_string();
        assert_eq!(
            marked,
            "# mine\n[a]\n# keep this\n# STALE: the source now reads: new\nb.c = \"x\" # trailing\n"
        );
        edit_line_decor(doc.as_table_mut(), &key, remove_stale);
        assert_eq!(doc.to_string(), text);
    }

    #[test]
    fn inserts_missing_keys_into_existing_and_new_tables() {
        let mut doc: DocumentMut = "[a]\nb = \"x\"\n".parse().unwrap();
        assert!(insert_empty(doc.as_table_mut(), &TextKey::parse("a.c")));
        assert!(insert_empty(doc.as_table_mut(), &TextKey::parse("d.e.f")));
        assert!(!insert_empty(doc.as_table_mut(), &TextKey::parse("a.b")));
        let text = doc.to_string();
        let back: toml::Value = toml::from_str(&text).unwrap();
        assert_eq!(back["a"]["c"].as_str(), Some(""));
        assert_eq!(back["d"]["e"]["f"].as_str(), Some(""));
        assert!(text.starts_with("[a]\nb = \"x\"\n"), "{text}");
    }
}
