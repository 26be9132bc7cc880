//! Resolve stage: one briefing in one language, ready for the templates.
//!
//! Applies the translation (falling back to the source per key, with a warning), picks the
//! labels, names the recommending States, formats numbers for the language and parses the
//! inline markup. The result is plain data; the templates receive it as JSON.

use fixed_decimal::{Decimal, FloatPrecision};
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale;
use indexmap::IndexMap;
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::load::{LoadedBrief, Translation};
use crate::markup::{self, Run};
use crate::model::{self, Brief, Number, Point};
use crate::{labels, states};

/// The data one template renders: a briefing resolved for one language.
#[derive(Debug, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Document {
    /// BCP 47 language code of the document, e.g. `pt-BR`.
    pub lang: String,
    /// Its ISO 639 language, for Typst's `text(lang:)`; it also sets the direction.
    pub language: String,
    /// Its ISO 3166 region, for Typst's `text(region:)`, if the code has one.
    pub region: Option<String>,
    /// The title.
    pub title: Vec<Run>,
    /// The title without markup, for the PDF metadata.
    pub title_plain: String,
    /// Subtitle.
    pub subtitle: Option<Vec<Run>>,
    /// The organisation (also the PDF author).
    pub organisation: String,
    /// The event.
    pub event: Option<Vec<Run>>,
    /// The date, spelled for the language.
    pub date: Option<String>,
    /// The logo, at its virtual path.
    pub logo: Option<Logo>,
    /// Who we are.
    pub about: Option<Vec<Run>>,
    /// The opening list.
    pub opening: Option<Section>,
    /// Developments with key figures.
    pub developments: Option<Section>,
    /// The issues, numbered from 1.
    pub issues: Vec<Issue>,
    /// Contact details.
    pub contact: Contact,
    /// The template's words in this language.
    pub labels: IndexMap<String, String>,
}

/// A logo image.
#[derive(Debug, Serialize)]
pub struct Logo {
    /// Virtual path the templates load it from.
    pub path: String,
    /// Alternative text.
    pub alt: String,
}

/// A titled list.
#[derive(Debug, Serialize)]
pub struct Section {
    /// Heading.
    pub heading: Vec<Run>,
    /// Items.
    pub items: Vec<Item>,
}

/// A bullet or a key figure.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Item {
    /// A bullet.
    Text {
        /// Its text.
        text: Vec<Run>,
    },
    /// A key figure: `before`, the formatted `value`, `after`.
    Figure {
        /// Text before the number.
        before: Vec<Run>,
        /// The number, formatted for the language.
        value: String,
        /// Text after the number.
        after: Vec<Run>,
        /// Where the number comes from.
        source: Option<Vec<Run>>,
    },
}

/// An issue.
#[derive(Debug, Serialize)]
pub struct Issue {
    /// 1-based number.
    pub number: usize,
    /// "Issue 2. Exploitation of prisoners", from the `issue` label.
    pub heading: Vec<Run>,
    /// The title alone.
    pub title: Vec<Run>,
    /// Introduction.
    pub summary: Option<Vec<Run>>,
    /// Overview points.
    pub points: Vec<Item>,
    /// Findings.
    pub findings: Vec<Finding>,
    /// Our recommendations.
    pub recommendations: Vec<Recommendation>,
}

/// A finding.
#[derive(Debug, Serialize)]
pub struct Finding {
    /// Title.
    pub title: Vec<Run>,
    /// Previous recommendations.
    pub previous: Vec<Previous>,
    /// Situation paragraph.
    pub summary: Option<Vec<Run>>,
    /// Situation bullets and figures.
    pub points: Vec<Item>,
}

/// A previous recommendation and who made it.
#[derive(Debug, Serialize)]
pub struct Previous {
    /// The recommendation.
    pub text: Vec<Run>,
    /// The recommending States, named in the language, joined.
    pub by: String,
}

/// One of our recommendations.
#[derive(Debug, Serialize)]
pub struct Recommendation {
    /// 1-based number within the issue.
    pub number: usize,
    /// Text.
    pub text: Vec<Run>,
    /// Sub-points.
    pub points: Vec<Vec<Run>>,
}

/// Contact details.
#[derive(Debug, Serialize)]
pub struct Contact {
    /// Sentence before the details.
    pub text: Option<Vec<Run>>,
    /// Person.
    pub name: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Web site.
    pub website: Option<String>,
    /// Telephone.
    pub phone: Option<String>,
}

/// A resolved document, or the errors that keep it from being built, plus warnings.
pub struct Resolution {
    /// The document, if the language can be built.
    pub document: Option<Document>,
    /// Warnings (and errors, when `document` is `None`).
    pub diagnostics: Vec<Diagnostic>,
}

/// Resolves `loaded` for `lang` (the source language or one of its translations).
pub fn resolve(loaded: &LoadedBrief, lang: &str) -> Resolution {
    let mut diagnostics = Vec::new();
    let mut brief = loaded.brief.clone();
    let mut label_overrides: IndexMap<String, String> = brief.labels.clone();
    if lang != loaded.brief.lang {
        let Some(translation) = loaded.translations.iter().find(|t| t.lang == lang) else {
            let message = format!("`{}` has no `{lang}` translation", loaded.name);
            let hint = format!("available: {}", loaded.languages().join(", "));
            return failed(Diagnostic::error(message).hint(hint));
        };
        if !translation.is_usable() {
            // Its errors were reported when it was loaded.
            return Resolution { document: None, diagnostics: Vec::new() };
        }
        diagnostics.extend(apply_translation(&mut brief, translation));
        label_overrides = translation.labels.iter().map(|(k, e)| (k.clone(), e.text.clone())).collect();
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Resolution { document: None, diagnostics };
        }
    }
    let labels = resolve_labels(lang, label_overrides, &mut diagnostics);
    let document = Resolver::new(lang, &brief, labels).document(&brief);
    Resolution { document: Some(document), diagnostics }
}

fn failed(diagnostic: Diagnostic) -> Resolution {
    Resolution { document: None, diagnostics: vec![diagnostic] }
}

/// Replaces each source text by its translation; warns about what falls back.
fn apply_translation(brief: &mut Brief, translation: &Translation) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let file = &translation.file;
    brief.visit_texts(&mut |path, text| match translation.texts.get(path) {
        Some(entry) => {
            if crate::load::is_figure_text(path)
                && let Some(d) = crate::load::check_value_slot(path, &entry.text)
            {
                diagnostics.push(d.at(file, entry.span.clone()));
            }
            *text = entry.text.clone();
        }
        None => {
            let message = format!("`{path}` is not translated; using the source text");
            diagnostics.push(Diagnostic::warning(message).at(file, None));
        }
    });
    diagnostics
}

fn resolve_labels(
    lang: &str,
    overrides: IndexMap<String, String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> IndexMap<String, String> {
    let mut labels = labels::builtin(lang).unwrap_or_else(|| {
        let message = format!("no built-in labels for `{lang}`; using `{}`", labels::FALLBACK);
        let hint = "translate them in a `[labels]` table of the translation file";
        diagnostics.push(Diagnostic::warning(message).hint(hint));
        labels::builtin(labels::FALLBACK).unwrap_or_default()
    });
    labels.extend(overrides);
    labels
}

/// Turns model values into template data for one language.
struct Resolver<'a> {
    lang: &'a str,
    numbers: Option<DecimalFormatter>,
    states: &'a IndexMap<String, String>,
    labels: IndexMap<String, String>,
}

impl<'a> Resolver<'a> {
    fn new(lang: &'a str, brief: &'a Brief, labels: IndexMap<String, String>) -> Self {
        let numbers = Locale::try_from_str(lang)
            .ok()
            .and_then(|locale| DecimalFormatter::try_new((&locale).into(), Default::default()).ok());
        Self { lang, numbers, states: &brief.states, labels }
    }

    fn document(mut self, brief: &Brief) -> Document {
        let issues = brief.issues.values().enumerate().map(|(i, issue)| self.issue(i + 1, issue));
        let issues = issues.collect();
        let locale = icu_locale_core::LanguageIdentifier::try_from_str(self.lang).ok();
        Document {
            lang: self.lang.to_owned(),
            language: locale.as_ref().map_or("en".to_owned(), |l| l.language.to_string()),
            region: locale.and_then(|l| l.region).map(|r| r.to_string()),
            title: markup::parse(&brief.title),
            title_plain: markup::plain(&brief.title),
            subtitle: brief.subtitle.as_deref().map(markup::parse),
            organisation: markup::plain(&brief.organisation),
            event: brief.event.as_deref().map(markup::parse),
            date: brief.date.map(|d| d.to_string()),
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
                    value: self.number(figure.value),
                    after,
                    source: figure.source.as_deref().map(markup::parse),
                }
            }
        }
    }

    fn issue(&mut self, number: usize, issue: &model::Issue) -> Issue {
        let recommendations = issue.recommendations.values().enumerate();
        Issue {
            number,
            heading: self.issue_heading(number, &issue.title),
            title: markup::parse(&issue.title),
            summary: issue.summary.as_deref().map(markup::parse),
            points: self.items(&issue.points),
            findings: issue.findings.values().map(|f| self.finding(f)).collect(),
            recommendations: recommendations
                .map(|(i, rec)| Recommendation {
                    number: i + 1,
                    text: markup::parse(&rec.text),
                    points: rec.points.values().map(|p| markup::parse(p)).collect(),
                })
                .collect(),
        }
    }

    /// Fills the `issue` label: `{number}` formatted, `{title}` with its markup.
    fn issue_heading(&self, number: usize, title: &str) -> Vec<Run> {
        let pattern = self.labels.get("issue").map_or("{number}. {title}", String::as_str);
        let pattern = pattern.replace("{number}", &self.number(Number::Integer(number as i64)));
        let (before, after) = pattern.split_once("{title}").unwrap_or((&pattern, ""));
        let mut runs = vec![markup::literal(before)];
        runs.extend(markup::parse(title));
        runs.push(markup::literal(after));
        runs.retain(|run| !run.text.is_empty());
        runs
    }

    fn finding(&mut self, finding: &model::Finding) -> Finding {
        let previous = finding.previous.values().map(|p| Previous {
            text: markup::parse(&p.text),
            by: p.by.iter().map(|s| self.state_name(s)).collect::<Vec<_>>().join(", "),
        });
        Finding {
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

    fn number(&self, number: Number) -> String {
        let decimal = match number {
            Number::Integer(i) => Some(Decimal::from(i)),
            Number::Float(f) => Decimal::try_from_f64(f, FloatPrecision::RoundTrip).ok(),
        };
        match (&self.numbers, decimal) {
            (Some(formatter), Some(decimal)) => formatter.format(&decimal).to_string(),
            _ => match number {
                Number::Integer(i) => i.to_string(),
                Number::Float(f) => f.to_string(),
            },
        }
    }
}

fn contact(contact: &model::Contact) -> Contact {
    Contact {
        text: contact.text.as_deref().map(markup::parse),
        name: contact.name.as_deref().map(markup::plain),
        email: contact.email.clone(),
        website: contact.website.clone(),
        phone: contact.phone.clone(),
    }
}
