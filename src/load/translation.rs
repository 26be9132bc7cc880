//! Load stage, translations: `<lang>.toml` files that mirror the source's keys and carry
//! only translatable text.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use indexmap::IndexMap;
use toml_edit::{Item, TableLike};

use super::spans::{Spans, as_table_like};
use super::{Folder, SOURCE_FILE, parse_toml};
use crate::diag::{Diagnostic, SourceFile};
use crate::labels;
use crate::model::{Catalog, Numbers, TextKey};
use crate::suggest::did_you_mean;

/// One translated string and where it was written.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    /// The translated text.
    pub text: String,
    /// Byte range of the value in the translation file.
    pub span: Option<Range<usize>>,
}

/// A translation file, read and checked against the source.
pub(crate) struct Translation {
    /// The language code, from the file name.
    pub lang: String,
    /// The file, for diagnostics.
    pub file: Arc<SourceFile>,
    /// Translated texts by source key.
    pub texts: IndexMap<TextKey, Entry>,
    /// Label overrides from its `[labels]` table.
    pub labels: IndexMap<String, Entry>,
    /// Its own choice of digits (`numbers = "latn"`), over the source's.
    pub numbers: Option<Numbers>,
    /// Keys that do not exist in the source (each is also an error in `diagnostics`).
    pub orphans: Vec<TextKey>,
    /// Problems that keep this language from being built.
    pub diagnostics: Vec<Diagnostic>,
}

impl Translation {
    /// Whether this language can be built.
    pub(crate) fn is_usable(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads every `<lang>.toml` beside the source, sorted by language.
pub(super) fn load_all(folder: &Folder, catalog: &Catalog, source_lang: &str) -> Vec<Translation> {
    let names = folder.names(Path::new(".")).unwrap_or_default();
    // Hidden files (an editor's, say) are not translations.
    let files = names.iter().filter(|name| name.as_str() != SOURCE_FILE && !name.starts_with('.'));
    let files = files.filter_map(|name| Some((name.strip_suffix(".toml")?, name)));
    let mut translations: Vec<Translation> =
        files.map(|(lang, name)| load_one(lang, folder, Path::new(name), catalog)).collect();
    // One file per language, and not the source's: two would make the same outputs.
    let mut seen = vec![source_lang.to_lowercase()];
    for translation in &mut translations {
        let lang = translation.lang.to_lowercase();
        if seen.contains(&lang) {
            let message = if lang == seen[0] {
                format!("`{}` is the source language; `brief.toml` is its text", translation.lang)
            } else {
                format!("a second translation into `{}`", translation.lang)
            };
            let hint = "keep one file per language, named by its code";
            translation.diagnostics.push(Diagnostic::error(message).at(&translation.file, None).hint(hint));
        }
        seen.push(lang);
    }
    translations
}

fn load_one(lang: &str, folder: &Folder, name: &Path, catalog: &Catalog) -> Translation {
    let mut translation = Translation {
        lang: lang.to_owned(),
        file: SourceFile::new(folder.show(name), String::new()),
        texts: IndexMap::new(),
        labels: IndexMap::new(),
        numbers: None,
        orphans: Vec::new(),
        diagnostics: Vec::new(),
    };
    let Ok(id) = icu_locale_core::LanguageIdentifier::try_from_str(lang) else {
        let message = format!("`{lang}` is not a language code");
        let hint = "name a translation file by its language, e.g. `fr.toml` or `pt-BR.toml`";
        translation.diagnostics.push(Diagnostic::error(message).at(&translation.file, None).hint(hint));
        return translation;
    };
    // One spelling per language, so that its labels, outputs and commands all find it.
    if id.to_string() != lang {
        let message = format!("the language code `{lang}` is written `{id}`");
        let hint = format!("rename the file to `{id}.toml`");
        translation.diagnostics.push(Diagnostic::error(message).at(&translation.file, None).hint(hint));
        return translation;
    }
    match folder.read_text(name) {
        Ok(file) => translation.file = file,
        Err(diagnostic) => {
            translation.diagnostics.push(diagnostic);
            return translation;
        }
    }
    match parse_toml(&translation.file) {
        Ok(spans) => collect(&mut translation, &spans, catalog),
        Err(diagnostic) => translation.diagnostics.push(diagnostic),
    }
    translation
}

/// Walks the translation file and files each string under its key path.
fn collect(translation: &mut Translation, spans: &Spans, catalog: &Catalog) {
    let mut leaves = Vec::new();
    flatten(spans.root(), &TextKey::default(), &mut leaves);
    for (key, key_span, item) in leaves {
        let file = translation.file.clone();
        if key == TextKey::of(&["numbers"]) {
            match read_numbers(item) {
                Ok(numbers) => translation.numbers = Some(numbers),
                Err(message) => {
                    translation.diagnostics.push(Diagnostic::error(message).at(&file, item.span()));
                }
            }
            continue;
        }
        let Some(text) = item.as_str() else {
            let message = format!("`{key}` is not translatable text");
            let hint = "a translation carries only text; numbers, codes, addresses and \
                        file names come from the source";
            translation.diagnostics.push(Diagnostic::error(message).at(&file, key_span).hint(hint));
            continue;
        };
        let entry = Entry { text: text.to_owned(), span: item.span() };
        if let Some(label) = key.strip_first("labels") {
            let label = label.to_string();
            match labels::check_key(&label) {
                Ok(()) => {
                    translation.labels.insert(label, entry);
                }
                Err(d) => translation.diagnostics.push(d.at(&file, key_span)),
            }
        } else if catalog.get(&key).is_some() {
            translation.texts.insert(key, entry);
        } else {
            translation.diagnostics.push(unknown_key(&key, catalog).at(&file, key_span));
            translation.orphans.push(key);
        }
    }
}

/// The translation's own choice of digits: `numbers = "latn"`.
fn read_numbers(item: &Item) -> Result<Numbers, String> {
    let text = item.as_str().ok_or("`numbers` is `latn` or `native`, in quotes")?;
    Numbers::parse(text).map_err(|message| format!("`numbers`: {message}"))
}

fn unknown_key(key: &TextKey, catalog: &Catalog) -> Diagnostic {
    let mut message = format!("key `{key}` does not exist in the source `{SOURCE_FILE}`");
    let keys: Vec<String> = catalog.keys().map(TextKey::to_string).collect();
    if let Some(best) = did_you_mean(&key.to_string(), keys.iter().map(String::as_str)) {
        message.push_str(&format!(", did you mean `{best}`?"));
    }
    Diagnostic::error(message)
        .hint("a translation uses the same keys as the source; remove this key or fix its spelling")
}

/// Collects `(key, key span, leaf item)` for every non-table value.
fn flatten<'a>(
    table: &'a dyn TableLike,
    prefix: &TextKey,
    out: &mut Vec<(TextKey, Option<Range<usize>>, &'a Item)>,
) {
    for (name, item) in table.iter() {
        let path = prefix.child(name);
        match as_table_like(item) {
            Some(child) => flatten(child, &path, out),
            None => {
                let key_span = table.get_key_value(name).and_then(|(k, _)| k.span());
                out.push((path, key_span.or_else(|| item.span()), item));
            }
        }
    }
}
