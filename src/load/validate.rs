//! Load stage, checks on a deserialized source: ids, language, labels, files, figures.
//! Every problem is collected, each pointing at its key.

use std::sync::Arc;

use super::Folder;
use super::logo::{self, Problem};
use super::spans::Spans;
use crate::diag::{Diagnostic, SourceFile};
use crate::model::{Brief, Catalog, Contact, Point, TextKey, TextKind};
use crate::{labels, markup};

/// Everything wrong with a source briefing that deserialization could not catch.
pub(super) fn source(
    brief: &Brief,
    catalog: &Catalog,
    file: &Arc<SourceFile>,
    spans: &Spans,
    folder: &Folder,
) -> Vec<Diagnostic> {
    let mut problems: Vec<(TextKey, Diagnostic)> = Vec::new();
    let mut located = Vec::new();
    if icu_locale_core::LanguageIdentifier::try_from_str(&brief.lang).is_err() {
        let d = Diagnostic::error(format!("`lang`: `{}` is not a language code", brief.lang))
            .hint("use a BCP 47 code such as `en`, `fr` or `pt-BR`");
        problems.push((TextKey::of(&["lang"]), d));
    }
    if let Some(date) = &brief.date
        && (date.date.is_none() || date.time.is_some())
    {
        let d = Diagnostic::error(format!("`date`: `{date}` is not a plain date"))
            .hint("write a date without quotes, e.g. `date = 2024-11-04`");
        problems.push((TextKey::of(&["date"]), d));
    }
    for (key, text) in &brief.labels {
        if let Err(d) = labels::check_key(key) {
            problems.push((TextKey::of(&["labels", key]), d));
        } else if text.trim().is_empty() {
            problems.push((TextKey::of(&["labels", key]), empty(&format!("labels.{key}"))));
        }
    }
    if let Some(logo) = &brief.logo {
        match logo::check(&logo.file, folder) {
            Ok(()) => {}
            Err(Problem::AtKey(d)) => problems.push((TextKey::of(&["logo", "file"]), d)),
            Err(Problem::Located(d)) => located.push(d),
        }
    }
    check_contact(&brief.contact, &mut problems);
    check_report(brief, &mut problems);
    check_leave_behind(brief, &mut problems);
    check_figures(brief, &mut problems);
    check_sizes(catalog, spans, &mut problems);
    check_texts(catalog, &mut problems);
    let at_keys = problems.into_iter().map(|(key, d)| d.at(file, spans.locate(&key)));
    at_keys.chain(located).collect()
}

/// The most entries a table may have (items of a list, issues, findings…).
const MAX_ENTRIES: usize = 200;

/// The most translatable texts a briefing may hold: ten times the example's.
const MAX_TEXTS: usize = 2_000;

/// A briefing is read by people in minutes: tables and texts beyond these sizes are
/// refused before any layout, rather than laid out for minutes.
fn check_sizes(catalog: &Catalog, spans: &Spans, problems: &mut Vec<(TextKey, Diagnostic)>) {
    for (key, entries) in spans.large_tables(MAX_ENTRIES) {
        let message = format!("`{key}` has {entries} entries; a table may have at most {MAX_ENTRIES}");
        let hint = "a briefing for a five-minute slot needs far fewer; split or shorten it";
        problems.push((key, Diagnostic::error(message).hint(hint)));
    }
    let texts = catalog.keys().count();
    if texts > MAX_TEXTS {
        let message = format!("the briefing holds {texts} texts; at most {MAX_TEXTS} fit a briefing");
        problems.push((TextKey::of(&["title"]), Diagnostic::error(message)));
    }
}

/// A key figure has a `value` or a `percent`, not both and not neither.
fn check_figures(brief: &Brief, problems: &mut Vec<(TextKey, Diagnostic)>) {
    let mut lists: Vec<(TextKey, &indexmap::IndexMap<String, Point>)> = Vec::new();
    for (name, section) in [("opening", &brief.opening), ("developments", &brief.developments)] {
        lists.extend(section.iter().map(|s| (TextKey::of(&[name, "items"]), &s.items)));
    }
    for (id, issue) in &brief.issues {
        let key = TextKey::of(&["issues", id]);
        lists.push((key.child("points"), &issue.points));
        for (fid, finding) in &issue.findings {
            let situation = key.child("findings").child(fid).child("situation");
            lists.push((situation.child("points"), &finding.situation.points));
        }
    }
    for (list, points) in lists {
        for (id, point) in points {
            let Point::Figure(figure) = point else { continue };
            let count = usize::from(figure.value.is_some()) + usize::from(figure.percent.is_some());
            if count != 1 {
                let message = format!("`{}` needs a `value` or a `percent`, one of them", list.child(id));
                let hint = "e.g. `{ text = \"{value} people\", value = 1200 }` or `{ text = \"{value} of them\", percent = 37.5 }`";
                problems.push((list.child(id), Diagnostic::error(message).hint(hint)));
            }
        }
    }
}

/// An e-mail address must look like one, and a web site must be an `http(s)` address.
fn check_contact(contact: &Contact, problems: &mut Vec<(TextKey, Diagnostic)>) {
    if let Some(email) = &contact.email {
        let email = email.trim();
        let looks_right =
            email.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'));
        // `?` would start `mailto:` fields (`?bcc=`), which the reader does not see.
        let odd = |c: char| c.is_whitespace() || c.is_control() || markup::is_bidi_control(c) || c == '?';
        if !looks_right || email.chars().any(odd) {
            let message = format!("`contact.email`: `{email}` is not an e-mail address");
            let d = Diagnostic::error(message).hint("write an address such as `info@example.org`");
            problems.push((TextKey::of(&["contact", "email"]), d));
        }
    }
    if let Some(website) = &contact.website
        && let Some(problem) = markup::link_problem(&markup::web_link(website))
    {
        let message = format!("`contact.website`: `{}`: {}", website.trim(), problem.why);
        let hint = "write a web address such as `example.org` or `https://example.org/report`";
        problems.push((TextKey::of(&["contact", "website"]), Diagnostic::error(message).hint(hint)));
    }
}

/// The report's address must be an `https` URL: the QR code leads a phone there.
fn check_report(brief: &Brief, problems: &mut Vec<(TextKey, Diagnostic)>) {
    let Some(report) = &brief.report else { return };
    let url = report.url.trim();
    let why = match markup::link_problem(url) {
        Some(problem) => Some(problem.why),
        None if !url.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://")) => {
            Some("the report must be at an `https://` address".to_owned())
        }
        None if qrcode::QrCode::new(url.as_bytes()).is_err() => {
            Some("it is too long for a QR code".to_owned())
        }
        None => None,
    };
    if let Some(why) = why {
        let message = format!("`report.url`: `{url}`: {why}");
        let hint = "write the full address of the report, e.g. `https://example.org/report`";
        problems.push((TextKey::of(&["report", "url"]), Diagnostic::error(message).hint(hint)));
    }
}

/// Each State named for a leave-behind must have made a previous recommendation, once.
fn check_leave_behind(brief: &Brief, problems: &mut Vec<(TextKey, Diagnostic)>) {
    let Some(states) = &brief.leave_behind.states else { return };
    let recommending = brief.recommending_states();
    for (n, state) in states.iter().enumerate() {
        let message = if states[..n].contains(state) {
            format!("`leave-behind.states`: `{state}` is named twice")
        } else if !recommending.contains(&state.as_str()) {
            format!("`leave-behind.states`: `{state}` made no previous recommendation in this briefing")
        } else {
            continue;
        };
        let hint = match crate::suggest::did_you_mean(state, recommending.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if recommending.is_empty() => {
                "a leave-behind is for a State that made a previous recommendation (`by`); this briefing has none"
                    .to_owned()
            }
            None => format!("the States that made one: {}", recommending.join(", ")),
        };
        problems.push((TextKey::of(&["leave-behind", "states"]), Diagnostic::error(message).hint(hint)));
    }
}

/// Checks the ids that make up keys, and the `{value}` slot of key figures.
fn check_texts(catalog: &Catalog, problems: &mut Vec<(TextKey, Diagnostic)>) {
    for (key, source) in catalog.iter() {
        // A State's name is no id: `[states] "Holy See" = …`.
        let ids = if key.segments().first().is_some_and(|s| s == "states") {
            &key.segments()[..1]
        } else {
            key.segments()
        };
        if let Some(bad) = ids.iter().find(|segment| !is_id(segment)) {
            let d = Diagnostic::error(format!("id `{bad}` may only hold letters, digits, `-` and `_`"))
                .hint("ids name items for translators; use something like `action-plan`");
            problems.push((key.clone(), d));
        }
        if let Some(d) = check_value_slot(key, source.kind, &source.text) {
            problems.push((key.clone(), d));
        }
        if names_something(key) && markup::plain(&source.text).trim().is_empty() {
            problems.push((key.clone(), empty(&key.to_string())));
        }
    }
}

/// Whether the text at `key` is a heading (a title) or an image's alternative text: an
/// accessible PDF (PDF/UA) needs each to say something.
fn names_something(key: &TextKey) -> bool {
    matches!(key.segments().last().map(String::as_str), Some("title" | "heading"))
        || *key == TextKey::of(&["logo", "alt"])
}

/// The error for an empty heading or alternative text at `key`.
fn empty(key: &str) -> Diagnostic {
    Diagnostic::error(format!("`{key}` is empty"))
        .hint("headings and the logo's alternative text are read out by screen readers: write what it says")
}

fn is_id(segment: &str) -> bool {
    !segment.is_empty() && segment.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A key figure's text must hold `{value}` exactly once.
pub(crate) fn check_value_slot(key: &TextKey, kind: TextKind, text: &str) -> Option<Diagnostic> {
    let count = text.matches("{value}").count();
    (kind == TextKind::Figure && count != 1).then(|| {
        Diagnostic::error(format!("`{key}` must hold `{{value}}` exactly once, found {count}"))
            .hint("`{value}` marks where the figure's number goes, e.g. \"Estimated {value} victims\"")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_value_slot_is_required_once_in_figures() {
        let key = TextKey::of(&["p"]);
        assert!(check_value_slot(&key, TextKind::Figure, "{value} people").is_none());
        assert!(check_value_slot(&key, TextKind::Figure, "people").is_some());
        assert!(check_value_slot(&key, TextKind::Figure, "{value} of {value}").is_some());
        assert!(check_value_slot(&key, TextKind::Prose, "people").is_none());
    }
}
