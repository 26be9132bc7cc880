//! Load stage, model: what a briefing (`brief.toml`) can say.
//!
//! Lists are keyed tables (`[opening.items] action-plan = "…"`), never arrays, so that a
//! translation file can name each item by a stable id and inserting an item in the source
//! never shifts translations onto the wrong one.

mod catalog;
mod de;
mod texts;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

pub(crate) use catalog::{Catalog, TextKey, TextKind};

/// Whether `text` is written as an ISO 3166 alpha-2 code (`AM`), not as a name.
pub(crate) fn is_state_code(text: &str) -> bool {
    text.len() == 2 && text.chars().all(|c| c.is_ascii_uppercase())
}

/// A whole briefing, as written in its source-language `brief.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Brief {
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
pub(crate) struct Logo {
    /// Path relative to the briefing's folder (PNG, JPEG or SVG).
    pub file: String,
    /// Alternative text for readers who cannot see the image.
    pub alt: String,
}

/// A titled list of points.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Section {
    /// The section's heading.
    pub heading: String,
    /// The points, keyed by a stable id.
    pub items: IndexMap<String, Point>,
}

/// One point of a list: plain text, or a key figure.
#[derive(Debug, Clone)]
pub(crate) enum Point {
    /// A bullet of text.
    Text(String),
    /// A highlighted number with what it counts and its source.
    Figure(Figure),
}

/// A key figure: `text` says what the number counts and holds `{value}` where it goes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Figure {
    /// The sentence, with `{value}` where the number stands.
    pub text: String,
    /// The number itself, formatted per language (`1 899 000`).
    #[serde(default)]
    pub value: Option<Number>,
    /// Or a percentage, formatted per language (`37,5 %`): give `value` or `percent`.
    #[serde(default)]
    pub percent: Option<Number>,
    /// Where the figure comes from.
    #[serde(default)]
    pub source: Option<String>,
}

/// A typed number from the data: an integer or a decimal.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub(crate) enum Number {
    /// A whole number.
    Integer(i64),
    /// A decimal number.
    Float(f64),
}

/// One issue (theme) of the briefing, e.g. "Exploitation of prisoners".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Issue {
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
pub(crate) struct Finding {
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
pub(crate) struct Previous {
    /// The recommendation, quoted.
    pub text: String,
    /// The recommending State(s): ISO 3166 codes (`AM`) or names.
    #[serde(deserialize_with = "de::one_or_many")]
    pub by: Vec<String>,
}

/// The current situation: a paragraph, bullets and key figures.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Situation {
    /// A paragraph.
    #[serde(default)]
    pub summary: Option<String>,
    /// Bullets and key figures.
    #[serde(default)]
    pub points: IndexMap<String, Point>,
}

/// One of our recommendations, with optional sub-points: a string, or a table.
#[derive(Debug, Clone, Default)]
pub(crate) struct Recommendation {
    /// The recommendation.
    pub text: String,
    /// Sub-points, keyed by a stable id.
    pub points: IndexMap<String, String>,
}

/// How to reach the organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Contact {
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
