//! Exchange with CAT tools: what `brief i18n export` writes and `brief i18n import`
//! reads, whatever the file format (PO in `po.rs`, XLIFF 1.2 in `xliff.rs`).

use std::ops::Range;

use super::lock::{Lock, fingerprint};
use super::{State, describe::describe};
use crate::diag::Diagnostic;
use crate::load::{LoadedBrief, SOURCE_FILE};
use crate::model::{TextKey, TextKind};

/// Where one exported text stands, as the file marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Not translated yet.
    Missing,
    /// Translated, but the source changed since: PO `fuzzy`, XLIFF `needs-translation`.
    Stale,
    /// Translated, never checked against the source as it is now.
    Translated,
    /// Translated and recorded in the lock for the source as it is: XLIFF `final`,
    /// `approved="yes"`.
    Confirmed,
}

/// One text as exported.
#[derive(Debug)]
pub(crate) struct Outgoing {
    /// Its key: PO `msgctxt`, XLIFF `id`.
    pub key: TextKey,
    /// What kind of text it is.
    pub kind: TextKind,
    /// The source text.
    pub source: String,
    /// The translation, line breaks at its ends as the source's ("" when missing).
    pub target: String,
    /// Its state.
    pub mark: Mark,
    /// The source it was translated from, when stale and the lock knows it.
    pub previous: Option<String>,
    /// What it is and where it shows.
    pub note: String,
    /// Its line in `brief.toml`.
    pub line: usize,
    /// The fingerprint of the translation in `<lang>.toml` as exported: an import that
    /// finds another there reports a conflict.
    pub exported: String,
}

/// What an export holds.
#[derive(Debug)]
pub(crate) struct Outgoings {
    /// The briefing's name.
    pub brief: String,
    /// The source language.
    pub source_lang: String,
    /// The target language.
    pub lang: String,
    /// The texts, in source order.
    pub units: Vec<Outgoing>,
}

/// Prefix of the note that carries [`Outgoing::exported`].
pub(crate) const EXPORTED: &str = "brief-exported: ";

/// Gathers what to export of `loaded` for `lang`.
pub(crate) fn outgoing(loaded: &LoadedBrief, lang: &str, lock: &Lock) -> Result<Outgoings, Diagnostic> {
    super::edit::check_lang(loaded, lang)?;
    let translation = loaded.translations.iter().find(|t| t.lang == lang);
    let status = translation.map(|t| super::status(loaded, t, lock));
    let units = loaded
        .catalog
        .iter()
        .enumerate()
        .map(|(i, (key, source))| {
            let text = translation.and_then(|t| t.texts.get(key)).map_or("", |e| e.text.as_str());
            let state = status.as_ref().map_or(State::Missing, |s| s.keys[i].1);
            let record = lock.get(lang, key);
            let mark = match state {
                State::Missing => Mark::Missing,
                State::Stale => Mark::Stale,
                State::Translated
                    if record.is_some_and(|r| {
                        r.source == fingerprint(&source.text) && r.text == fingerprint(text)
                    }) =>
                {
                    Mark::Confirmed
                }
                State::Translated => Mark::Translated,
            };
            let previous =
                (mark == Mark::Stale).then(|| record.and_then(|r| r.source_text.clone())).flatten();
            let line = source.span.as_ref().map_or(1, |s| loaded.file.line_col(s.start).0);
            let target = if mark == Mark::Missing { String::new() } else { align_ends(&source.text, text) };
            Outgoing {
                key: key.clone(),
                kind: source.kind,
                source: source.text.clone(),
                target,
                mark,
                previous,
                note: describe(key, source.kind),
                line,
                exported: fingerprint(text),
            }
        })
        .collect();
    Ok(Outgoings {
        brief: loaded.name.clone(),
        source_lang: loaded.brief.lang.clone(),
        lang: lang.to_owned(),
        units,
    })
}

/// `text` with the line breaks at its start and end made the source's, as gettext
/// requires (`msgfmt --check`): they are no part of what a text says.
pub(crate) fn align_ends(source: &str, text: &str) -> String {
    let lead = &source[..source.len() - source.trim_start_matches('\n').len()];
    let trail = &source[source.trim_end_matches('\n').len()..];
    format!("{lead}{}{trail}", text.trim_matches('\n'))
}

/// The file name a PO or XLIFF file names the source by.
pub(crate) fn source_name() -> &'static str {
    SOURCE_FILE
}

/// One text as read back from a PO or XLIFF file.
#[derive(Debug, Default)]
pub(crate) struct Incoming {
    /// Its key, as written.
    pub key: String,
    /// Where the key was written.
    pub key_span: Option<Range<usize>>,
    /// The source text, as the file has it.
    pub source: String,
    /// The translation.
    pub target: String,
    /// Where the translation was written.
    pub target_span: Option<Range<usize>>,
    /// Still marked as needing work (PO `fuzzy`, an XLIFF `needs-*` or `new` state).
    pub fuzzy: bool,
    /// The fingerprint recorded at export, if the file kept it.
    pub exported: Option<String>,
}

/// What a PO or XLIFF file holds.
#[derive(Debug, Default)]
pub(crate) struct Incomings {
    /// Its target language and where it was written.
    pub lang: Option<(String, Option<Range<usize>>)>,
    /// Its texts.
    pub units: Vec<Incoming>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_at_the_ends_follow_the_source() {
        assert_eq!(align_ends("a\n", "b"), "b\n");
        assert_eq!(align_ends("a", "\nb\n"), "b");
        assert_eq!(align_ends("\na\n\n", "b\nc"), "\nb\nc\n\n");
    }
}
