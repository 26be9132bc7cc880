//! Load stage, types: what a briefing (`brief.toml`) can say.
//!
//! Lists are keyed tables (`[opening.items] action-plan = "…"`), never arrays, so that a
//! translation file can name each item by a stable id and inserting an item in the source
//! never shifts translations onto the wrong one.

use std::fmt;

use indexmap::IndexMap;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// A whole briefing, as written in its source-language `brief.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Brief {
    /// Language code of the source text, e.g. `en`.
    pub lang: String,
    /// Title of the briefing.
    pub title: String,
    /// Optional subtitle under the title.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The organisation that wrote the briefing; it is also the PDF author.
    pub organisation: String,
    /// The session or meeting the briefing is for.
    #[serde(default)]
    pub event: Option<String>,
    /// The date of the event or of the briefing (a TOML date, `2024-11-04`).
    #[serde(default)]
    pub date: Option<toml::value::Datetime>,
    /// The organisation's logo, a file in the briefing's folder.
    #[serde(default)]
    pub logo: Option<Logo>,
    /// Who we are: one short paragraph.
    #[serde(default)]
    pub about: Option<String>,
    /// The opening list, e.g. the previous recommendations in brief.
    #[serde(default)]
    pub opening: Option<Section>,
    /// Developments since the last review, with key figures.
    #[serde(default)]
    pub developments: Option<Section>,
    /// The issues (themes), in order.
    #[serde(default)]
    pub issues: IndexMap<String, Issue>,
    /// How to reach us.
    pub contact: Contact,
    /// Names of recommending States that replace CLDR's, by ISO 3166 code.
    #[serde(default)]
    pub states: IndexMap<String, String>,
    /// Overrides of the template's built-in labels, by label key.
    #[serde(default)]
    pub labels: IndexMap<String, String>,
}

/// A logo image in the briefing's folder.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Logo {
    /// Path relative to the briefing's folder (PNG, JPEG or SVG).
    pub file: String,
    /// Alternative text for readers who cannot see the image.
    pub alt: String,
}

/// A titled list of points.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Section {
    /// The section's heading.
    pub heading: String,
    /// The points, keyed by a stable id.
    pub items: IndexMap<String, Point>,
}

/// One point of a list: plain text, or a key figure.
#[derive(Debug, Clone)]
pub enum Point {
    /// A bullet of text.
    Text(String),
    /// A highlighted number with what it counts and its source.
    Figure(Figure),
}

/// A key figure: `text` says what the number counts and holds `{value}` where it goes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Figure {
    /// The sentence, with `{value}` where the number stands.
    pub text: String,
    /// The number itself, formatted per language.
    pub value: Number,
    /// Where the figure comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// A typed number from the data: an integer or a decimal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Number {
    /// A whole number.
    Integer(i64),
    /// A decimal number.
    Float(f64),
}

/// One issue (theme) of the briefing, e.g. "Exploitation of prisoners".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Issue {
    /// The issue's title, without its number.
    pub title: String,
    /// An optional paragraph introducing the issue.
    #[serde(default)]
    pub summary: Option<String>,
    /// Overview points of the issue, before its findings.
    #[serde(default)]
    pub points: IndexMap<String, Point>,
    /// The findings, each a problem with its previous recommendations and the situation now.
    #[serde(default)]
    pub findings: IndexMap<String, Finding>,
    /// Our new recommendations on this issue, numbered in order.
    #[serde(default)]
    pub recommendations: IndexMap<String, Recommendation>,
}

/// A finding: what was recommended last cycle and what the situation is now.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Finding {
    /// The finding's title, e.g. "Inadequate criminal legislation".
    pub title: String,
    /// The recommendations the State received, keyed by a stable id.
    #[serde(default)]
    pub previous: IndexMap<String, Previous>,
    /// The situation now.
    #[serde(default)]
    pub situation: Situation,
}

/// A recommendation the State received in the previous cycle.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Previous {
    /// The recommendation, quoted.
    pub text: String,
    /// The recommending State(s): ISO 3166 codes (`AM`) or names.
    #[serde(deserialize_with = "one_or_many")]
    pub by: Vec<String>,
}

/// The current situation: a paragraph, bullets and key figures.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Situation {
    /// A paragraph.
    #[serde(default)]
    pub summary: Option<String>,
    /// Bullets and key figures.
    #[serde(default)]
    pub points: IndexMap<String, Point>,
}

/// One of our recommendations, with optional sub-points: a string, or a table.
#[derive(Debug, Clone, Default)]
pub struct Recommendation {
    /// The recommendation.
    pub text: String,
    /// Sub-points, keyed by a stable id.
    pub points: IndexMap<String, String>,
}

/// How to reach the organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Contact {
    /// A sentence before the contact details.
    #[serde(default)]
    pub text: Option<String>,
    /// A contact person.
    #[serde(default)]
    pub name: Option<String>,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Web site.
    #[serde(default)]
    pub website: Option<String>,
    /// Telephone number.
    #[serde(default)]
    pub phone: Option<String>,
}

impl Brief {
    /// Calls `visit` with the key path and a mutable reference of every translatable string.
    ///
    /// This is the single list of what translators translate: translation files are matched
    /// against it and applied through it.
    pub fn visit_texts(&mut self, visit: &mut dyn FnMut(&str, &mut String)) {
        visit("title", &mut self.title);
        opt(visit, "subtitle", &mut self.subtitle);
        visit("organisation", &mut self.organisation);
        opt(visit, "event", &mut self.event);
        if let Some(logo) = &mut self.logo {
            visit("logo.alt", &mut logo.alt);
        }
        opt(visit, "about", &mut self.about);
        if let Some(section) = &mut self.opening {
            section.visit_texts("opening", visit);
        }
        if let Some(section) = &mut self.developments {
            section.visit_texts("developments", visit);
        }
        for (id, issue) in &mut self.issues {
            issue.visit_texts(&format!("issues.{id}"), visit);
        }
        opt(visit, "contact.text", &mut self.contact.text);
        opt(visit, "contact.name", &mut self.contact.name);
        for (code, name) in &mut self.states {
            visit(&format!("states.{code}"), name);
        }
    }
}

impl Section {
    fn visit_texts(&mut self, path: &str, visit: &mut dyn FnMut(&str, &mut String)) {
        visit(&format!("{path}.heading"), &mut self.heading);
        visit_points(&format!("{path}.items"), &mut self.items, visit);
    }
}

impl Issue {
    fn visit_texts(&mut self, path: &str, visit: &mut dyn FnMut(&str, &mut String)) {
        visit(&format!("{path}.title"), &mut self.title);
        opt(visit, &format!("{path}.summary"), &mut self.summary);
        visit_points(&format!("{path}.points"), &mut self.points, visit);
        for (id, finding) in &mut self.findings {
            let path = format!("{path}.findings.{id}");
            visit(&format!("{path}.title"), &mut finding.title);
            for (pid, previous) in &mut finding.previous {
                visit(&format!("{path}.previous.{pid}.text"), &mut previous.text);
            }
            let situation = &mut finding.situation;
            opt(visit, &format!("{path}.situation.summary"), &mut situation.summary);
            visit_points(&format!("{path}.situation.points"), &mut situation.points, visit);
        }
        for (id, rec) in &mut self.recommendations {
            let path = format!("{path}.recommendations.{id}");
            if rec.points.is_empty() {
                visit(&path, &mut rec.text);
                continue;
            }
            visit(&format!("{path}.text"), &mut rec.text);
            for (sid, point) in &mut rec.points {
                visit(&format!("{path}.points.{sid}"), point);
            }
        }
    }
}

fn visit_points(path: &str, points: &mut IndexMap<String, Point>, visit: &mut dyn FnMut(&str, &mut String)) {
    for (id, point) in points {
        match point {
            Point::Text(text) => visit(&format!("{path}.{id}"), text),
            Point::Figure(figure) => {
                visit(&format!("{path}.{id}.text"), &mut figure.text);
                opt(visit, &format!("{path}.{id}.source"), &mut figure.source);
            }
        }
    }
}

fn opt(visit: &mut dyn FnMut(&str, &mut String), path: &str, text: &mut Option<String>) {
    if let Some(text) = text {
        visit(path, text);
    }
}

impl<'de> Deserialize<'de> for Point {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PointVisitor;
        impl<'de> Visitor<'de> for PointVisitor {
            type Value = Point;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a key figure table with `text` and `value`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Point, E> {
                Ok(Point::Text(text.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Point, A::Error> {
                Figure::deserialize(de::value::MapAccessDeserializer::new(map)).map(Point::Figure)
            }
        }
        deserializer.deserialize_any(PointVisitor)
    }
}

impl<'de> Deserialize<'de> for Recommendation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// The table form of a recommendation.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        struct Detailed {
            text: String,
            #[serde(default)]
            points: IndexMap<String, String>,
        }
        struct RecommendationVisitor;
        impl<'de> Visitor<'de> for RecommendationVisitor {
            type Value = Recommendation;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a table with `text` and `points`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Recommendation, E> {
                Ok(Recommendation { text: text.to_owned(), points: IndexMap::new() })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Recommendation, A::Error> {
                let d = Detailed::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Recommendation { text: d.text, points: d.points })
            }
        }
        deserializer.deserialize_any(RecommendationVisitor)
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, such as 1899000 or 12.5 (without quotes)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number::Integer(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                i64::try_from(v).map(Number::Integer).map_err(|_| E::custom("number too large"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                Ok(Number::Float(v))
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

/// Accepts `"AM"` as well as `["AM", "FR"]`.
fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    struct OneOrMany;
    impl<'de> Visitor<'de> for OneOrMany {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a State (ISO 3166 code such as \"AM\", or a name) or a list of them")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
            Ok(vec![v.to_owned()])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut states = Vec::new();
            while let Some(state) = seq.next_element::<String>()? {
                states.push(state);
            }
            Ok(states)
        }
    }
    deserializer.deserialize_any(OneOrMany)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_text_or_figures() {
        let section: Section = toml::from_str(
            "heading = \"H\"\n[items]\na = \"plain\"\nb = { text = \"{value} people\", value = 12 }\n",
        )
        .unwrap();
        assert!(matches!(section.items["a"], Point::Text(ref t) if t == "plain"));
        assert!(matches!(section.items["b"], Point::Figure(ref f) if f.value == Number::Integer(12)));
    }

    #[test]
    fn visit_texts_names_every_translatable_key() {
        let mut brief: Brief = toml::from_str(
            r#"lang = "en"
title = "T"
organisation = "O"
contact = { email = "a@b.c" }
[issues.one]
title = "I"
[issues.one.recommendations]
r1 = "Do"
r2 = { text = "Also", points = { s = "sub" } }
"#,
        )
        .unwrap();
        let mut keys = Vec::new();
        brief.visit_texts(&mut |path, _| keys.push(path.to_owned()));
        assert_eq!(
            keys,
            [
                "title",
                "organisation",
                "issues.one.title",
                "issues.one.recommendations.r1",
                "issues.one.recommendations.r2.text",
                "issues.one.recommendations.r2.points.s"
            ]
        );
    }
}
