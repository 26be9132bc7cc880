//! Translation state: which keys of each translation are translated, missing, stale
//! (the source changed since) or orphaned (gone from the source), and the edits of the
//! translators' workflow (`brief i18n init|update|confirm`).

mod codes;
mod describe;
mod edit;
mod exchange;
mod import;
mod lock;
mod missing;
mod po;
mod xliff;

use serde::Serialize;

use crate::diag::Diagnostic;
use crate::load::{LoadedBrief, Translation};
use crate::model::TextKey;

pub(crate) use edit::{Outcome, confirm, init, update};
pub(crate) use import::{ExportFormat, apply as apply_import, check as check_import, export};
pub(crate) use import::{language as import_language, read as read_exchange};
pub(crate) use lock::Lock;
use lock::fingerprint;
pub(crate) use missing::Missing;

/// The state of one source key in one translation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum State {
    /// Translated, and the source has not changed since.
    Translated,
    /// Not in the translation, or empty: the source text is used.
    Missing,
    /// Translated, but the source text changed afterwards.
    Stale,
}

/// Where one translation stands.
#[derive(Debug, Serialize)]
pub(crate) struct Status {
    /// Briefing name.
    pub brief: String,
    /// Language code.
    pub lang: String,
    /// Source keys with their state, in source order.
    #[serde(skip)]
    pub keys: Vec<(TextKey, State)>,
    /// Keys of the translation that are not in the source.
    pub orphaned: Vec<TextKey>,
    /// The keys in [`State::Missing`], with where they are or would go.
    #[serde(skip)]
    pub missing: Vec<Missing>,
}

impl Status {
    /// How many keys are in `state`.
    pub(crate) fn count(&self, state: State) -> usize {
        self.keys.iter().filter(|(_, s)| *s == state).count()
    }

    /// The keys in `state`.
    pub(crate) fn keys_in(&self, state: State) -> impl Iterator<Item = &TextKey> {
        self.keys.iter().filter(move |(_, s)| *s == state).map(|(k, _)| k)
    }

    /// Share of source keys translated and current, in percent (rounded down).
    pub(crate) fn percent(&self) -> usize {
        (self.count(State::Translated) * 100).checked_div(self.keys.len()).unwrap_or(100)
    }
}

/// Compares a translation with the source and the lock.
pub(crate) fn status(loaded: &LoadedBrief, translation: &Translation, lock: &Lock) -> Status {
    let mut missing = Vec::new();
    let mut keys = Vec::new();
    for (key, source) in loaded.catalog.iter() {
        let state = key_state(translation, lock, key, &source.text);
        if state == State::Missing {
            missing.push(Missing::new(loaded, translation, key, source));
        }
        keys.push((key.clone(), state));
    }
    Status {
        brief: loaded.name.clone(),
        lang: translation.lang.clone(),
        keys,
        orphaned: translation.orphans.clone(),
        missing,
    }
}

fn key_state(translation: &Translation, lock: &Lock, key: &TextKey, source: &str) -> State {
    let Some(entry) = translation.texts.get(key).filter(|e| !e.text.trim().is_empty()) else {
        return State::Missing;
    };
    match lock.get(&translation.lang, key) {
        // Stale: translated from a source that has changed since, whether the lock
        // recorded the translation or only the source, when `init` wrote the file.
        Some(record)
            if record.source != fingerprint(source)
                && (record.text == fingerprint(&entry.text) || record.text == fingerprint("")) =>
        {
            State::Stale
        }
        _ => State::Translated,
    }
}

/// Warnings (errors when `strict`) for what a translation lacks or has let go stale.
/// When `strict`, every missing key is an error of its own, so that each is counted;
/// otherwise the first few are named and the rest counted in one warning, as the
/// source text stands in for them.
pub(crate) fn diagnostics(status: &Status, translation: &Translation, strict: bool) -> Vec<Diagnostic> {
    let make =
        |message: String| if strict { Diagnostic::error(message) } else { Diagnostic::warning(message) };
    let lang = &status.lang;
    let all = status.missing.len();
    let shown = if strict || all <= MISSING_SHOWN + 1 { all } else { MISSING_SHOWN };
    let mut missing: Vec<Diagnostic> =
        status.missing[..shown].iter().map(|m| m.diagnostic(lang, strict)).collect();
    if all > shown {
        missing.push(
            make(format!("{} more key(s) are not translated into `{lang}`", all - shown))
                .at(&translation.file, None)
                .hint("`brief i18n status` lists them all, each with where it goes and its source text"),
        );
    }
    let stale = status.keys_in(State::Stale).map(|key| {
        let span = translation.texts.get(key).and_then(|e| e.span.clone());
        make(format!("`{key}` in `{lang}` is stale: the source text changed after it was translated"))
            .at(&translation.file, span)
            .hint(format!("update the translation, or keep it with `brief i18n confirm {lang} --key {key}`"))
    });
    missing.into_iter().chain(stale).collect()
}

/// How many missing keys a build that is not strict names one by one before the rest
/// are counted.
const MISSING_SHOWN: usize = 5;
