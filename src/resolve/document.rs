//! Resolve stage, document: turns model values into the templates' data for one
//! language: numbers and dates formatted, States named, markup parsed, labels filled.

use indexmap::IndexMap;

use super::bidi::split_ltr;
use super::locale::{LocaleInfo, right_to_left};
use super::states;
use crate::data::{
    Contact, Delegation, Document, Finding, Issue, Item, Logo, Previous, Recommendation, Report, Section,
};
use crate::labels;
use crate::markup::{self, Run};
use crate::model::{self, Brief, Number, Point, TextKey};

/// Marks a text that falls back to the source language (a noncharacter, which the checks
/// refuse in anything a user wrote).
pub(super) const FALLBACK: char = '\u{FDD0}';

/// Turns model values into template data for one language.
pub(super) struct Resolver<'a> {
    lang: &'a str,
    locale: LocaleInfo,
    /// The ISO 639 language of the source, when it is not the document's.
    source_language: Option<String>,
    states: &'a IndexMap<String, String>,
    labels: IndexMap<String, String>,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(
        lang: &'a str,
        source: Option<&str>,
        brief: &'a Brief,
        labels: IndexMap<String, String>,
    ) -> Self {
        let locale = LocaleInfo::new(lang, brief.numbers);
        let source_language =
            source.map(|s| LocaleInfo::new(s, None).language).filter(|s| *s != locale.language);
        Self { lang, locale, source_language, states: &brief.states, labels }
    }

    pub(super) fn document(mut self, brief: &Brief) -> Document {
        let issues = brief.issues.iter().enumerate().map(|(i, (id, issue))| self.issue(i + 1, id, issue));
        let issues = issues.collect();
        let date = brief.date.and_then(|d| d.date).map(|d| self.locale.date(d.year.into(), d.month, d.day));
        Document {
            lang: self.lang.to_owned(),
            language: self.locale.language.clone(),
            region: self.locale.region.clone(),
            script: self.locale.script.clone(),
            dir: if self.locale.rtl { "rtl" } else { "ltr" },
            digits: self.locale.digits(),
            quotes: self.locale.quotes(),
            title: self.rich(&brief.title),
            title_plain: plain(&brief.title),
            subtitle: brief.subtitle.as_deref().map(|s| self.rich(s)),
            organisation: self.shown_plain(&brief.organisation),
            organisation_plain: plain(&brief.organisation),
            event: brief.event.as_deref().map(|s| self.rich(s)),
            date,
            logo: brief
                .logo
                .as_ref()
                .map(|logo| Logo { path: format!("/brief/{}", logo.file), alt: plain(&logo.alt) }),
            about: brief.about.as_deref().map(|s| self.rich(s)),
            opening: brief.opening.as_ref().map(|s| self.section(s)),
            developments: brief.developments.as_ref().map(|s| self.section(s)),
            issues,
            contact: self.contact(&brief.contact),
            report: brief.report.as_ref().and_then(|r| self.report(r)),
            delegation: None,
            labels: self.labels,
            fallback_labels: Vec::new(),
            own_fonts: Default::default(),
        }
    }

    fn section(&mut self, section: &model::Section) -> Section {
        Section { heading: self.rich(&section.heading), items: self.items(&section.items) }
    }

    fn items(&mut self, points: &IndexMap<String, Point>) -> Vec<Item> {
        points.values().map(|point| self.item(point)).collect()
    }

    fn item(&mut self, point: &Point) -> Item {
        match point {
            Point::Text(text) => Item::Text { text: self.rich(text) },
            Point::Figure(figure) => {
                // Split before isolating: an isolated left-to-right run (a source text
                // shown in a right-to-left language) may hold the marker.
                let (before, after) = markup::split_at(self.parse(&figure.text), "{value}");
                let (before, after) = (self.isolated(before), self.isolated(after));
                Item::Figure {
                    before,
                    value: match (figure.value, figure.percent) {
                        (_, Some(percent)) => self.locale.percent(percent),
                        (Some(value), None) => self.locale.number(value),
                        (None, None) => String::new(),
                    },
                    after,
                    source: figure
                        .source
                        .as_deref()
                        .map(|s| self.fill("source", &[("source", self.rich(s))])),
                }
            }
        }
    }

    fn issue(&mut self, number: usize, id: &str, issue: &model::Issue) -> Issue {
        let key = TextKey::of(&["issues", id]);
        let recommendations = issue.recommendations.values().enumerate();
        let number_text = markup::literal(&self.locale.number(Number::Integer(number as i64)));
        let heading =
            self.fill("issue", &[("number", vec![number_text]), ("title", self.rich(&issue.title))]);
        Issue {
            number,
            heading,
            title: self.rich(&issue.title),
            summary: issue.summary.as_deref().map(|s| self.rich(s)),
            points: self.items(&issue.points),
            findings: issue
                .findings
                .iter()
                .map(|(fid, f)| self.finding(key.child("findings").child(fid), f))
                .collect(),
            recommendations: recommendations
                .map(|(i, rec)| Recommendation {
                    number: i + 1,
                    text: self.rich(&rec.text),
                    points: rec.points.values().map(|p| self.rich(p)).collect(),
                })
                .collect(),
            key,
        }
    }

    /// The label `key` with each `{name}` of `slots` replaced by its runs, in one pass over
    /// the label: the label's own text is literal, and the runs put in are never read for
    /// slots, so a title holding `{number}` prints as written.
    fn fill(&self, key: &str, slots: &[(&str, Vec<Run>)]) -> Vec<Run> {
        let pattern = self.labels.get(key).map_or("", String::as_str);
        let mut filled = Vec::new();
        let mut rest = pattern;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let slot = after.find('}').and_then(|close| {
                let runs = slots.iter().find(|(name, _)| *name == &after[..close]).map(|(_, runs)| runs);
                runs.map(|runs| (close, runs))
            });
            match slot {
                Some((close, runs)) => {
                    filled.push(markup::literal(&rest[..open]));
                    filled.extend(runs.iter().cloned());
                    rest = &after[close + 1..];
                }
                None => {
                    filled.push(markup::literal(&rest[..=open]));
                    rest = after;
                }
            }
        }
        filled.push(markup::literal(rest));
        filled.retain(|run| !run.text.is_empty());
        filled
    }

    fn finding(&mut self, key: TextKey, finding: &model::Finding) -> Finding {
        let previous = finding.previous.values().map(|p| {
            let names: Vec<String> = p.by.iter().map(|s| self.state_name(s)).collect();
            Previous {
                text: self.rich(&p.text),
                by: self.show(&self.locale.and_list(&names)),
                states: p.by.clone(),
                response: p.response.map(model::Response::name),
                action: p.action,
            }
        });
        Finding {
            key,
            title: self.rich(&finding.title),
            previous: previous.collect(),
            summary: finding.situation.summary.as_deref().map(|s| self.rich(s)),
            points: self.items(&finding.situation.points),
        }
    }

    /// The delegations that get a leave-behind, each with the State named in the language.
    pub(super) fn delegations(&self, brief: &Brief) -> Vec<Delegation> {
        let delegation = |state: &str| {
            let name = self.state_name(state);
            Delegation { state: state.to_owned(), name: self.show(&name), name_plain: name }
        };
        brief.leave_behind_states().into_iter().map(delegation).collect()
    }

    /// A State's name: the briefing's override, else CLDR's name for the code, else as written.
    fn state_name(&self, state: &str) -> String {
        if let Some(name) = self.states.get(state) {
            return plain(name);
        }
        if model::is_state_code(state) {
            let name = states::name(state, self.lang).or_else(|| states::name(state, labels::FALLBACK));
            if let Some(name) = name {
                return name.to_owned();
            }
        }
        state.to_owned()
    }

    fn contact(&self, contact: &model::Contact) -> Contact {
        let email = contact.email.as_deref().map(str::trim);
        let website = contact.website.as_deref().map(str::trim);
        Contact {
            text: contact.text.as_deref().map(|s| self.rich(s)),
            name: contact.name.as_deref().map(|name| self.shown_plain(name)),
            email: email.map(|e| self.show(e)),
            email_link: email.map(|email| format!("mailto:{email}")),
            website: website.map(|w| self.show(w)),
            website_link: website.map(markup::web_link),
            phone: contact.phone.as_deref().map(|p| self.show(p)),
        }
    }

    /// The report with its QR code; `None` if its address cannot be encoded, which the
    /// load stage reports.
    fn report(&self, report: &model::Report) -> Option<Report> {
        let url = report.url.trim();
        Some(Report {
            url: self.show(url),
            link: url.to_owned(),
            title: self.rich(&report.title),
            title_plain: plain(&report.title),
            qr: super::qr::svg(url)?,
        })
    }

    /// A user's text in runs: markup parsed, and, in a right-to-left document, its
    /// left-to-right runs isolated.
    fn rich(&self, source: &str) -> Vec<Run> {
        self.isolated(self.parse(source))
    }

    /// Parses `source`; a text that falls back to the source language is marked so.
    fn parse(&self, source: &str) -> Vec<Run> {
        match (source.strip_prefix(FALLBACK), &self.source_language) {
            (Some(text), Some(language)) => markup::parse(text)
                .into_iter()
                .map(|run| Run { lang: Some(language.clone()), ..run })
                .collect(),
            (text, _) => markup::parse(text.unwrap_or(source)),
        }
    }

    /// A text without its markup, as shown: in the source's language if it falls back.
    fn shown_plain(&self, source: &str) -> Vec<Run> {
        let lang = source.starts_with(FALLBACK).then(|| self.source_language.clone()).flatten();
        self.isolated(vec![Run { lang, ..markup::literal(&plain(source)) }])
    }

    /// Runs as shown: right to left, their left-to-right runs set apart; long tokens
    /// given places to break.
    fn isolated(&self, runs: Vec<Run>) -> Vec<Run> {
        // A text in a left-to-right language (what falls back to an English source, say)
        // is left to right as a whole, its punctuation with it; in other text, the
        // left-to-right pieces are.
        let whole_ltr = |run: &Run| run.lang.as_deref().is_some_and(|lang| !right_to_left(lang));
        let runs: Vec<Run> = if self.locale.rtl {
            runs.into_iter()
                .flat_map(|run| if whole_ltr(&run) { vec![Run { ltr: true, ..run }] } else { split_ltr(run) })
                .collect()
        } else {
            runs
        };
        let breaks = |run: &Run| {
            let language = run.lang.as_deref().and_then(|tag| tag.split('-').next());
            let language = language.unwrap_or(&self.locale.language);
            markup::break_points(&run.text, language)
        };
        runs.into_iter().map(|run| Run { breaks: breaks(&run), ..run }).collect()
    }

    /// A plain text as shown: one run, taken literally.
    fn show(&self, text: &str) -> Vec<Run> {
        self.isolated(vec![markup::literal(text)])
    }
}

/// The plain text of `source`, without its markup or a fallback mark.
fn plain(source: &str) -> String {
    markup::plain(source.trim_start_matches(FALLBACK))
}
