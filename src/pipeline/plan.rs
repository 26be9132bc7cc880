//! Pipeline, plan: which outputs a build makes (the selection of languages and formats,
//! and the shard), where each is written, and the creation date it carries.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use typst::foundations::{Bytes, Datetime};

use super::{BuildReport, Options, Output, OutputStatus, TalkTime, cache, parallel};
use crate::load::LoadedBrief;
use crate::render::{Format, Typesetter};
use crate::resolve::talk::{self, Talk};
use crate::{i18n, resolve};

/// One of `count` disjoint shares of the outputs (`index` from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shard {
    /// Which share, from 0.
    pub index: usize,
    /// How many shares.
    pub count: usize,
}

impl Shard {
    /// Whether the output numbered `index` (counting every output of the selection, in
    /// order) belongs to this share.
    fn takes(self, index: usize) -> bool {
        index % self.count == self.index
    }
}

/// What a build does with one output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(super) enum Fate {
    /// Laid out, and nothing written: a check, with no output folder.
    Checked,
    /// Laid out and written: its files are missing or stale, or the build is forced.
    Written,
    /// Its files are fresh, but its document is wanted (a preview without it in memory):
    /// laid out, not written, and reported up to date.
    LaidOut,
    /// Its files are fresh and nothing more is wanted of it: left alone.
    LeftAlone,
}

impl Fate {
    /// The fate of an output whose files are `fresh` or not, in a build that writes to an
    /// output folder or not, with its document `in_memory` already or not.
    pub(super) fn of(writes: bool, fresh: bool, in_memory: bool) -> Self {
        match (writes, fresh, in_memory) {
            (false, _, _) => Fate::Checked,
            (true, false, _) => Fate::Written,
            (true, true, false) => Fate::LaidOut,
            (true, true, true) => Fate::LeftAlone,
        }
    }
}

/// One output to lay out.
pub(super) struct Task<'a> {
    pub loaded: &'a LoadedBrief,
    pub output: Output,
    /// The resolved document, as JSON.
    pub data: Bytes,
    pub today: Datetime,
    /// The sizes the last build of the same inputs settled on, if known.
    pub sizes: Option<Bytes>,
    /// What the build does with it, decided once from the cache (see [`Fate`]).
    pub fate: Fate,
    /// The language's speaker notes and slot, for a deck's `.pdfpc` file.
    pub talk: Option<Arc<Talk>>,
}

/// Resolves each selected language of a briefing and plans its selected outputs: a task
/// for each output that can be made, a failed output for each that cannot.
pub(super) fn plan_brief<'a>(
    typesetter: &Typesetter,
    loaded: &'a LoadedBrief,
    options: &Options,
    index: &mut usize,
    tasks: &mut Vec<Task<'a>>,
    report: &mut BuildReport,
) {
    let chosen = select(loaded, options, index);
    let lock = i18n::Lock::read(&loaded.folder).unwrap_or_else(|diagnostic| {
        report.diagnostics.push(diagnostic);
        i18n::Lock::default()
    });
    // The languages are resolved in parallel, then planned in order.
    let resolved = parallel::map(chosen, false, |(lang, pieces)| {
        let mut diagnostics = Vec::new();
        let mut status = None;
        if let Some(translation) = loaded.translations.iter().find(|t| t.lang == lang && t.is_usable()) {
            let found = i18n::status(loaded, translation, &lock);
            diagnostics.extend(i18n::diagnostics(&found, translation, options.strict));
            status = Some(found);
        }
        // A source with errors was reported when loaded; nothing is built from it.
        let (data, talk) = if loaded.source_has_errors {
            (None, None)
        } else {
            let resolution =
                resolve::resolve(loaded, &lang, &|c| typesetter.covers(c) || loaded.fonts.covers(c));
            let served = resolution.served();
            diagnostics.extend(resolution.diagnostics);
            let data = (!served.is_empty())
                .then(|| Data(served.into_iter().map(|(s, d)| (s, Bytes::new(d))).collect()));
            (data, resolution.talk.map(Arc::new))
        };
        diagnostics.extend(talk.as_deref().and_then(|talk| talk::over_slot(loaded, &lang, talk)));
        (lang, pieces, data, talk, diagnostics, status)
    });
    let today = creation_date(loaded);
    let out = options.out.as_deref().unwrap_or(Path::new("out"));
    for (lang, pieces, data, talk, diagnostics, status) in resolved {
        report.statuses.extend(status);
        // Counted for each output of the language, though reported once.
        let language_warnings = diagnostics.iter().filter(|d| !d.is_error()).count();
        // A source text that several languages fall back to is reported once.
        for diagnostic in diagnostics {
            if !report.diagnostics.iter().any(|d| d.same_as(&diagnostic)) {
                report.diagnostics.push(diagnostic);
            }
        }
        if let Some(talk) = &talk {
            report.talks.push(TalkTime {
                brief: loaded.name.clone(),
                lang: lang.clone(),
                talk: talk.clone(),
            });
        }
        for Piece { format, state } in pieces {
            let mut output = Output {
                brief: loaded.name.clone(),
                lang: lang.clone(),
                format,
                path: output_path(out, &loaded.name, &lang, format, state.as_deref()),
                state,
                status: OutputStatus::Failed,
                pages: None,
                layouts: None,
                bytes: None,
                time: Duration::ZERO,
                diagnostics: Vec::new(),
                language_warnings,
                document: None,
                fingerprint: None,
                sizes: None,
            };
            match data.as_ref().and_then(|data| data.of(output.state.as_deref())) {
                Some(data) => {
                    // A deck's notes go into its `.pdfpc` file, so they are among its inputs.
                    let talk = talk.clone().filter(|_| format == Format::Slides);
                    let notes = talk.as_deref().map(|t| serde_json::json!([t.notes, t.slot.seconds]));
                    let notes = notes.map(|n| n.to_string()).unwrap_or_default();
                    let fingerprint = cache::fingerprint(
                        loaded,
                        format,
                        &data,
                        today,
                        &options.standards,
                        notes.as_bytes(),
                    );
                    output.fingerprint = Some(fingerprint);
                    tasks.push(Task { loaded, output, data, today, sizes: None, talk, fate: Fate::Checked });
                }
                None => {
                    options.notify(&output);
                    report.outputs.push(output);
                }
            }
        }
    }
}

/// One output of a language: a format, and for a leave-behind the State it is for.
struct Piece {
    format: Format,
    state: Option<String>,
}

/// A language's resolved data as JSON, for the handout and slides (`None`) and for each
/// leave-behind's State (see `Resolution::served`).
struct Data(Vec<(Option<String>, Bytes)>);

impl Data {
    /// The data of the output for `state`.
    fn of(&self, state: Option<&str>) -> Option<Bytes> {
        self.0.iter().find(|(s, _)| s.as_deref() == state).map(|(_, data)| data.clone())
    }
}

/// The selected languages of a briefing, each with its outputs in this shard; advances
/// `index` past every output of the selection.
fn select(loaded: &LoadedBrief, options: &Options, index: &mut usize) -> Vec<(String, Vec<Piece>)> {
    let mut chosen = Vec::new();
    for (lang, pieces) in selection(loaded, options) {
        let selected: Vec<Piece> = pieces.into_iter().filter(|_| take(options.shard, index)).collect();
        if !selected.is_empty() {
            chosen.push((lang, selected));
        }
    }
    chosen
}

/// The outputs of a briefing that the options select, in every shard, by language.
fn selection(loaded: &LoadedBrief, options: &Options) -> Vec<(String, Vec<Piece>)> {
    let langs: Vec<String> = if options.langs.is_empty() {
        loaded.languages().into_iter().map(str::to_owned).collect()
    } else {
        options.langs.clone()
    };
    let formats = if options.formats.is_empty() { Format::ALL.to_vec() } else { options.formats.clone() };
    let states = loaded.brief.leave_behind_states();
    let pieces = || {
        let one = |format| match format {
            Format::LeaveBehind => {
                states.iter().map(|s| Piece { format, state: Some((*s).to_owned()) }).collect()
            }
            _ => vec![Piece { format, state: None }],
        };
        formats.iter().flat_map(|&format| one(format)).collect()
    };
    langs.into_iter().map(|lang| (lang, pieces())).collect()
}

/// Where every output of a briefing that the options select is written, whichever
/// shard makes it.
pub(super) fn selected_paths(loaded: &LoadedBrief, options: &Options, out: &Path) -> Vec<PathBuf> {
    let paths = selection(loaded, options).into_iter().flat_map(|(lang, pieces)| {
        let path = move |p: Piece| output_path(out, &loaded.name, &lang, p.format, p.state.as_deref());
        pieces.into_iter().map(path).collect::<Vec<_>>()
    });
    paths.collect()
}

/// Whether the output numbered `*index` belongs to the shard; advances the number.
fn take(shard: Option<Shard>, index: &mut usize) -> bool {
    let mine = shard.is_none_or(|s| s.takes(*index));
    *index += 1;
    mine
}

/// `out/<brief>/<brief>.<lang>.<format>.pdf`; a leave-behind's name ends with its State:
/// `<brief>.<lang>.leave-behind.<STATE>.pdf`.
pub(crate) fn output_path(
    out: &Path,
    brief: &str,
    lang: &str,
    format: Format,
    state: Option<&str>,
) -> PathBuf {
    let name = match state {
        Some(state) => format!("{brief}.{lang}.{}.{}.pdf", format.name(), file_part(state)),
        None => format!("{brief}.{lang}.{}.pdf", format.name()),
    };
    out.join(brief).join(name)
}

/// A State as part of a file name: its code as written (`AM`), or a name with each run of
/// characters other than letters and digits made one `-` (`Holy See` → `Holy-See`).
pub(crate) fn file_part(state: &str) -> String {
    let words: Vec<&str> = state.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() { "state".to_owned() } else { words.join("-") }
}

/// The PDF's creation date: `SOURCE_DATE_EPOCH` if set, else the briefing's date, else a
/// fixed day, so that the same input always gives the same bytes.
fn creation_date(loaded: &LoadedBrief) -> Datetime {
    let from_epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| time::OffsetDateTime::from_unix_timestamp(secs).ok())
        .and_then(|t| {
            Datetime::from_ymd_hms(t.year(), t.month().into(), t.day(), t.hour(), t.minute(), t.second())
        });
    let from_brief = loaded
        .brief
        .date
        .and_then(|d| d.date)
        .and_then(|d| Datetime::from_ymd(d.year.into(), d.month, d.day));
    let fixed = Datetime::from_ymd(2000, 1, 1);
    from_epoch.or(from_brief).or(fixed).expect("2000-01-01 is a valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which of `total` outputs each of `count` shards takes.
    fn shares(count: usize, total: usize) -> Vec<Vec<usize>> {
        (0..count)
            .map(|k| {
                let shard = Some(Shard { index: k, count });
                let mut index = 0;
                (0..total).filter(|_| take(shard, &mut index)).collect()
            })
            .collect()
    }

    #[test]
    fn shards_are_disjoint_and_cover_every_output() {
        for (count, total) in [(1, 12), (2, 12), (4, 12), (5, 12), (7, 3)] {
            let shares = shares(count, total);
            let mut all: Vec<usize> = shares.concat();
            all.sort_unstable();
            assert_eq!(all, (0..total).collect::<Vec<_>>(), "{count} shards of {total}");
            let sizes: Vec<usize> = shares.iter().map(Vec::len).collect();
            let (min, max) = (sizes.iter().min(), sizes.iter().max());
            assert!(max.zip(min).is_some_and(|(max, min)| max - min <= 1), "balanced: {sizes:?}");
        }
    }

    #[test]
    fn without_a_shard_every_output_is_taken() {
        let mut index = 0;
        assert!((0..5).all(|_| take(None, &mut index)));
        assert_eq!(index, 5);
    }

    #[test]
    fn outputs_have_predictable_names() {
        let path = output_path(Path::new("out"), "upr", "fr", Format::Slides, None);
        assert_eq!(path, Path::new("out/upr/upr.fr.slides.pdf"));
        let path = output_path(Path::new("out"), "upr", "ar", Format::LeaveBehind, Some("AM"));
        assert_eq!(path, Path::new("out/upr/upr.ar.leave-behind.AM.pdf"));
        let path = output_path(Path::new("out"), "upr", "en", Format::LeaveBehind, Some("Holy See (the)"));
        assert_eq!(path, Path::new("out/upr/upr.en.leave-behind.Holy-See-the.pdf"));
    }
}
