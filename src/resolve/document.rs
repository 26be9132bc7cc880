//! Resolve stage, document: turns model values into the templates' data for one
//! language: numbers and dates formatted, States named, markup parsed, labels filled.

use indexmap::IndexMap;

use super::locale::LocaleInfo;
use super::markup::{self, Run};
use super::{labels, states};
use crate::model::{self, Brief, Number, Point, TextKey};
use crate::render::data::{Contact, Document, Finding, Issue, Item, Logo, Previous, Recommendation, Section};

/// Turns model values into template data for one language.
pub(super) struct Resolver<'a> {
    lang: &'a str,
    locale: LocaleInfo,
    states: &'a IndexMap<String, String>,
    labels: IndexMap<String, String>,
}

impl<'a> Resolver<'a> {
    pub(super) fn new(lang: &'a str, brief: &'a Brief, labels: IndexMap<String, String>) -> Self {
        Self { lang, locale: LocaleInfo::new(lang), states: &brief.states, labels }
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
            title: markup::parse(&brief.title),
            title_plain: markup::plain(&brief.title),
            subtitle: brief.subtitle.as_deref().map(markup::parse),
            organisation: markup::breakable(&markup::plain(&brief.organisation)),
            event: brief.event.as_deref().map(markup::parse),
            date,
            logo: brief
                .logo
                .as_ref()
                .map(|logo| Logo { path: format!("/brief/{}", logo.file), alt: markup::plain(&logo.alt) }),
            about: brief.about.as_deref().map(markup::parse),
            opening: brief.opening.as_ref().map(|s| self.section(s)),
            developments: brief.developments.as_ref().map(|s| self.section(s)),
            issues,
            contact: contact(&brief.contact),
            labels: self.labels,
        }
    }

    fn section(&mut self, section: &model::Section) -> Section {
        Section { heading: markup::parse(&section.heading), items: self.items(&section.items) }
    }

    fn items(&mut self, points: &IndexMap<String, Point>) -> Vec<Item> {
        points.values().map(|point| self.item(point)).collect()
    }

    fn item(&mut self, point: &Point) -> Item {
        match point {
            Point::Text(text) => Item::Text { text: markup::parse(text) },
            Point::Figure(figure) => {
                let (before, after) = markup::split_at(markup::parse(&figure.text), "{value}");
                Item::Figure {
                    before,
                    value: self.locale.number(figure.value),
                    after,
                    source: figure
                        .source
                        .as_deref()
                        .map(|s| self.fill("source", &[("source", markup::parse(s))])),
                }
            }
        }
    }

    fn issue(&mut self, number: usize, id: &str, issue: &model::Issue) -> Issue {
        let key = TextKey::of(&["issues", id]);
        let recommendations = issue.recommendations.values().enumerate();
        let number_text = markup::literal(&self.locale.number(Number::Integer(number as i64)));
        let heading =
            self.fill("issue", &[("number", vec![number_text]), ("title", markup::parse(&issue.title))]);
        Issue {
            number,
            heading,
            title: markup::parse(&issue.title),
            summary: issue.summary.as_deref().map(markup::parse),
            points: self.items(&issue.points),
            findings: issue
                .findings
                .iter()
                .map(|(fid, f)| self.finding(key.child("findings").child(fid), f))
                .collect(),
            recommendations: recommendations
                .map(|(i, rec)| Recommendation {
                    number: i + 1,
                    text: markup::parse(&rec.text),
                    points: rec.points.values().map(|p| markup::parse(p)).collect(),
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
        let previous = finding.previous.values().map(|p| Previous {
            text: markup::parse(&p.text),
            by: p.by.iter().map(|s| self.state_name(s)).collect::<Vec<_>>().join(", "),
        });
        Finding {
            key,
            title: markup::parse(&finding.title),
            previous: previous.collect(),
            summary: finding.situation.summary.as_deref().map(markup::parse),
            points: self.items(&finding.situation.points),
        }
    }

    /// A State's name: the briefing's override, else CLDR's name for the code, else as written.
    fn state_name(&self, state: &str) -> String {
        if let Some(name) = self.states.get(state) {
            return markup::plain(name);
        }
        if states::looks_like_code(state) {
            let name = states::name(state, self.lang).or_else(|| states::name(state, labels::FALLBACK));
            if let Some(name) = name {
                return name.to_owned();
            }
        }
        state.to_owned()
    }
}

fn contact(contact: &model::Contact) -> Contact {
    let email = contact.email.as_deref().map(str::trim);
    let website = contact.website.as_deref().map(str::trim);
    Contact {
        text: contact.text.as_deref().map(markup::parse),
        name: contact.name.as_deref().map(|name| markup::breakable(&markup::plain(name))),
        email: email.map(markup::breakable),
        email_link: email.map(|email| format!("mailto:{email}")),
        website: website.map(markup::breakable),
        website_link: website.map(markup::web_link),
        phone: contact.phone.as_deref().map(markup::breakable),
    }
}
