//! Resolve stage: one briefing in one language, ready for the templates.
//!
//! Applies the translation (falling back to the source per key, with a warning), picks the
//! labels, names the recommending States, formats numbers for the language and parses the
//! inline markup. The result is plain data; the templates receive it as JSON.

use indexmap::IndexMap;
use serde::Serialize;

use crate::diag::Diagnostic;
use crate::load::{LoadedBrief, Translation};
use crate::locale::LocaleInfo;
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
    /// Its ISO 15924 script (`Latn`, `Arab`, `Hans`…), which picks the fonts.
    pub script: String,
    /// `ltr` or `rtl`: right-to-left documents mirror their layout.
    pub dir: &'static str,
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
        /// "Source: …", from the `source` label.
        source: Option<Vec<Run>>,
    },
}

/// An issue.
#[derive(Debug, Serialize)]
pub struct Issue {
    /// Key path in the briefing, for reports.
    pub key: String,
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
    /// Key path in the briefing, for reports.
    pub key: String,
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
/// `covers` tells whether some embedded font has a glyph for a character.
pub fn resolve(loaded: &LoadedBrief, lang: &str, covers: &dyn Fn(char) -> bool) -> Resolution {
    let mut diagnostics = Vec::new();
    let mut brief = loaded.brief.clone();
    let mut label_overrides: IndexMap<String, String> = brief.labels.clone();
    let translation = loaded.translations.iter().find(|t| t.lang == lang);
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
    diagnostics.extend(missing_glyphs(&mut brief, &labels, loaded, translation, covers));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Resolution { document: None, diagnostics };
    }
    let document = Resolver::new(lang, &brief, labels).document(&brief);
    Resolution { document: Some(document), diagnostics }
}

/// An error for every text holding a character no embedded font can draw, naming the
/// file it was written in, the key and the character.
fn missing_glyphs(
    brief: &mut Brief,
    labels: &IndexMap<String, String>,
    loaded: &LoadedBrief,
    translation: Option<&Translation>,
    covers: &dyn Fn(char) -> bool,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut check = |path: &str, text: &str| {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars().filter(|&c| !c.is_whitespace() && !c.is_control() && !covers(c)) {
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
        if missing.is_empty() {
            return;
        }
        let chars =
            missing.iter().map(|c| format!("`{c}` (U+{:04X})", *c as u32)).collect::<Vec<_>>().join(", ");
        let message = format!("no embedded font has a glyph for {chars} in `{path}`");
        let hint = "the fonts cover Latin, Cyrillic, Greek, Arabic and Simplified Chinese (GB 2312); \
                    replace the character, or add a font under `fonts/`";
        let entry = translation
            .and_then(|t| t.texts.get(path).or_else(|| t.labels.get(path.trim_start_matches("labels."))));
        let diagnostic = Diagnostic::error(message).hint(hint);
        diagnostics.push(match (translation, entry) {
            (Some(t), Some(entry)) => diagnostic.at(&t.file, entry.span.clone()),
            _ => diagnostic
                .at(&loaded.file, loaded.spans.value_span(path).or_else(|| loaded.spans.locate(path))),
        });
    };
    brief.visit_texts(&mut |path, text| check(path, text));
    for (key, text) in labels {
        check(&format!("labels.{key}"), text);
    }
    diagnostics
}

fn failed(diagnostic: Diagnostic) -> Resolution {
    Resolution { document: None, diagnostics: vec![diagnostic] }
}

/// Replaces each source text by its translation where there is one (an empty string
/// counts as none); what falls back is reported by `i18n::diagnostics`.
fn apply_translation(brief: &mut Brief, translation: &Translation) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let file = &translation.file;
    brief.visit_texts(&mut |path, text| {
        let Some(entry) = translation.texts.get(path).filter(|e| !e.text.trim().is_empty()) else { return };
        if crate::load::is_figure_text(path)
            && let Some(d) = crate::load::check_value_slot(path, &entry.text)
        {
            diagnostics.push(d.at(file, entry.span.clone()));
        }
        *text = entry.text.clone();
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
    locale: LocaleInfo,
    states: &'a IndexMap<String, String>,
    labels: IndexMap<String, String>,
}

impl<'a> Resolver<'a> {
    fn new(lang: &'a str, brief: &'a Brief, labels: IndexMap<String, String>) -> Self {
        Self { lang, locale: LocaleInfo::new(lang), states: &brief.states, labels }
    }

    fn document(mut self, brief: &Brief) -> Document {
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
            organisation: markup::plain(&brief.organisation),
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
                        .map(|s| self.fill("source", "{source}", markup::parse(s))),
                }
            }
        }
    }

    fn issue(&mut self, number: usize, id: &str, issue: &model::Issue) -> Issue {
        let key = format!("issues.{id}");
        let recommendations = issue.recommendations.values().enumerate();
        let number_text = self.locale.number(Number::Integer(number as i64));
        let heading = self.fill("issue", "{title}", markup::parse(&issue.title));
        let heading = heading.into_iter().map(|mut run| {
            run.text = run.text.replace("{number}", &number_text);
            run
        });
        Issue {
            number,
            heading: heading.collect(),
            title: markup::parse(&issue.title),
            summary: issue.summary.as_deref().map(markup::parse),
            points: self.items(&issue.points),
            findings: issue
                .findings
                .iter()
                .map(|(fid, f)| self.finding(&format!("{key}.findings.{fid}"), f))
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

    /// The label `key` with `runs` in place of its `slot`; the label's own text is literal.
    fn fill(&self, key: &str, slot: &str, runs: Vec<Run>) -> Vec<Run> {
        let pattern = self.labels.get(key).map_or(slot, String::as_str);
        let (before, after) = pattern.split_once(slot).unwrap_or((pattern, ""));
        let mut filled = vec![markup::literal(before)];
        filled.extend(runs);
        filled.push(markup::literal(after));
        filled.retain(|run| !run.text.is_empty());
        filled
    }

    fn finding(&mut self, key: &str, finding: &model::Finding) -> Finding {
        let previous = finding.previous.values().map(|p| Previous {
            text: markup::parse(&p.text),
            by: p.by.iter().map(|s| self.state_name(s)).collect::<Vec<_>>().join(", "),
        });
        Finding {
            key: key.to_owned(),
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
    Contact {
        text: contact.text.as_deref().map(markup::parse),
        name: contact.name.as_deref().map(markup::plain),
        email: contact.email.clone(),
        website: contact.website.clone(),
        phone: contact.phone.clone(),
    }
}
