//! The translation lock, `translations.lock` beside `brief.toml`: for each language and
//! key, a fingerprint of the source text the translation was made from, and of the
//! translation itself. It is how staleness is known without git.

use std::collections::BTreeMap;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::diag::Diagnostic;
use crate::folder::Folder;
use crate::model::TextKey;

/// The lock file's name.
pub(crate) const LOCK_FILE: &str = "translations.lock";

const HEADER: &str = "\
# Written by `brief i18n init`, `update`, `confirm` and `import`: for each translated key, a
# fingerprint of the source text it was translated from and of the translation. This is
# how `brief` knows a translation has gone stale. Commit it; do not edit it by hand.
";

/// What one translated key was checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Record {
    /// Fingerprint of the source text.
    pub source: String,
    /// Fingerprint of the translation (of "" for a key recorded by `init`, before any).
    pub text: String,
    /// The source text itself, for the previous source of a stale entry in an export
    /// (PO `#| msgid`). Older locks lack it.
    #[serde(default, rename = "source-text", skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
}

/// Records by language, then by key path.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub(crate) struct Lock {
    languages: BTreeMap<String, BTreeMap<String, Record>>,
}

impl Lock {
    /// The lock's path in a briefing folder.
    pub(crate) fn path(dir: &Path) -> PathBuf {
        dir.join(LOCK_FILE)
    }

    /// Reads the lock of a briefing folder; a missing lock is empty.
    pub(crate) fn read(folder: &Folder) -> Result<Self, Diagnostic> {
        if !folder.has(Path::new(LOCK_FILE)) {
            return Ok(Self::default());
        }
        let file = folder.read_text(Path::new(LOCK_FILE))?;
        parse(&file.text).map_err(|e| {
            Diagnostic::error(format!("invalid translation lock: {}", e.message()))
                .at(&file, e.span())
                .hint(format!("delete `{LOCK_FILE}` and run `brief i18n update <lang>` to rebuild it"))
        })
    }

    /// Holds the translation lock of the briefing folder `dir` until the returned file is
    /// dropped, waiting while another `brief` holds it. The lock is taken on `brief.toml`,
    /// which `i18n` never writes: the lock file itself is replaced by a rename on every
    /// write, so a lock on it would be on a file that is gone.
    pub(crate) fn hold(dir: &Path) -> Result<File, Diagnostic> {
        let path = dir.join(crate::load::SOURCE_FILE);
        let file = File::open(&path).map_err(|e| Diagnostic::io("read", &path, &e))?;
        file.lock().map_err(|e| Diagnostic::io("lock", &path, &e))?;
        Ok(file)
    }

    /// Writes the lock atomically.
    pub(crate) fn write(&self, dir: &Path) -> io::Result<()> {
        let body = toml::to_string(self).map_err(io::Error::other)?;
        crate::folder::write_atomic(&Self::path(dir), format!("{HEADER}\n{body}").as_bytes())
    }

    /// The record of `key` in `lang`.
    pub(crate) fn get(&self, lang: &str, key: &TextKey) -> Option<&Record> {
        self.languages.get(lang)?.get(&key.to_string())
    }

    /// Records that the translation `text` of `key` matches the source text `source`.
    pub(crate) fn set(&mut self, lang: &str, key: &TextKey, source: &str, text: &str) {
        let record = Record {
            source: fingerprint(source),
            text: fingerprint(text),
            source_text: Some(source.to_owned()),
        };
        self.languages.entry(lang.to_owned()).or_default().insert(key.to_string(), record);
    }

    /// Records the source text of `key` as `init` found it, before any translation: a
    /// translation written later is stale once this source changes.
    pub(crate) fn set_baseline(&mut self, lang: &str, key: &TextKey, source: &str) {
        self.set(lang, key, source, "");
    }

    /// Forgets every record of `lang` whose key is not in `keep`.
    pub(crate) fn retain(&mut self, lang: &str, keep: impl Fn(&TextKey) -> bool) {
        if let Some(records) = self.languages.get_mut(lang) {
            records.retain(|key, _| keep(&TextKey::parse(key)));
        }
    }
}

/// The lock in `text`, memoized on the text (as the briefing's files are when loaded): a
/// watch rebuild after a translation is saved does not parse the lock again.
#[comemo::memoize]
fn parse(text: &str) -> Result<Lock, toml::de::Error> {
    toml::from_str(text)
}

/// A short, stable fingerprint of a text.
pub(crate) fn fingerprint(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_short() {
        assert_eq!(fingerprint("abc"), "ba7816bf8f01cfea");
        assert_ne!(fingerprint("a"), fingerprint("b"));
    }

    #[test]
    fn round_trips_through_toml() {
        let mut lock = Lock::default();
        let key = TextKey::of(&["issues", "a", "title"]);
        lock.set("fr", &key, "Title", "Titre");
        let text = toml::to_string(&lock).expect("serializes");
        assert!(text.contains("\"issues.a.title\""), "{text}");
        let back: Lock = toml::from_str(&text).expect("parses");
        assert_eq!(back.get("fr", &key), lock.get("fr", &key));
    }
}
