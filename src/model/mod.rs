//! Load stage, model: what a briefing (`brief.toml`) can say.
//!
//! Lists are keyed tables (`[opening.items] action-plan = "…"`), never arrays, so that a
//! translation file can name each item by a stable id and inserting an item in the source
//! never shifts translations onto the wrong one.

mod catalog;
mod de;
mod leave;
mod schema;
mod texts;

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub(crate) use catalog::{Catalog, SourceText, TextKey, TextKind};
pub(crate) use de::RecommendationTable;
pub(crate) use leave::LeaveBehind;
pub(crate) use schema::{source_schema, translation_schema};

/// Whether `text` is written as an ISO 3166 alpha-2 code (`AM`), not as a name.
pub(crate) fn is_state_code(text: &str) -> bool {
    text.len() == 2 && text.chars().all(|c| c.is_ascii_uppercase())
}

/// A briefing, as written in its source-language `brief.toml`: a handout and a slide deck
/// in every language it is translated into.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Brief {
    /// Language code (BCP 47) of the source text, e.g. `en`, `fr` or `pt-BR`.
    #[schemars(extend("x-source-only" = true))]
    pub lang: String,
    /// Title of the briefing. Like every text, it accepts `**bold**`, `*italic*` and
    /// `[links](https://example.org)`.
    pub title: String,
    /// A subtitle under the title. Optional.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The organisation that wrote the briefing; it is also the PDF author.
    pub organisation: String,
    /// The session or meeting the briefing is for. Optional.
    #[serde(default)]
    pub event: Option<String>,
    /// The date of the event or of the briefing: a TOML date, without quotes
    /// (`date = 2024-11-04`), printed as each language writes dates. Optional.
    #[serde(default)]
    #[schemars(with = "Option<schema::Date>", extend("x-source-only" = true))]
    pub date: Option<toml::value::Datetime>,
    /// Limits a UN process sets: `pages` of the handout, `words` of the text (Chinese and
    /// Japanese counted in characters). `brief build` and `brief check` fail over them.
    /// Optional.
    #[serde(default)]
    #[schemars(extend("x-source-only" = true))]
    pub limits: Limits,
    /// The time you have to speak, e.g. `"6 min"`, `"6m"`, `"5:30"` or `"90 s"`: the talk
    /// time estimated from the speaker notes is checked against it. Optional; 5 minutes
    /// by default.
    #[serde(default)]
    #[schemars(extend("x-source-only" = true))]
    pub slot: Option<Slot>,
    /// The digits of numbers, dates, page numbers and numbered lists: `"latn"` for Western
    /// digits (0–9) or `"native"` for the language's own (Persian ۰–۹, Arabic ٠–٩). By
    /// default each language's from CLDR: Western digits but in Persian (and Urdu) and a
    /// few other languages. A translation file may set its own. Optional.
    #[serde(default)]
    pub numbers: Option<Numbers>,
    /// The organisation's logo, an image beside `brief.toml`. Optional.
    #[serde(default)]
    pub logo: Option<Logo>,
    /// Who we are: one short paragraph (a slide and a box of the handout). Optional.
    #[serde(default)]
    pub about: Option<String>,
    /// Speaker notes for the cover slide: what you say as you open. Not shown on the
    /// slides; written to the deck's `.pdfpc` file. Optional.
    #[serde(default)]
    pub notes: Option<String>,
    /// The opening list, e.g. the previous recommendations in brief. Optional.
    #[serde(default)]
    pub opening: Option<Section>,
    /// Developments since the last review, with key figures. Optional.
    #[serde(default)]
    pub developments: Option<Section>,
    /// The issues (themes), keyed by id (`[issues.trafficking]`), in order.
    #[serde(default)]
    pub issues: IndexMap<String, Issue>,
    /// How to reach us: the closing slide and the handout's footer.
    pub contact: Contact,
    /// The full report this briefing summarises: its `https` address, printed beside a QR
    /// code on the handout's last page, the closing slide and each leave-behind, and its
    /// title. Optional.
    #[serde(default)]
    pub report: Option<Report>,
    /// The one-page leave-behinds, one for each delegation met: which States get one
    /// (`leave-behind = { states = ["AM", "QA"] }`). Optional; by default every State
    /// that made a previous recommendation, and `states = []` makes none.
    #[serde(default)]
    #[schemars(extend("x-source-only" = true))]
    pub leave_behind: LeaveBehind,
    /// Names of recommending States that replace CLDR's, by ISO 3166 code
    /// (`RU = "the Russian Federation"`).
    #[serde(default)]
    pub states: IndexMap<String, String>,
    /// Overrides of the template's built-in labels ("Thank you!", "Current situation"…),
    /// by label key.
    #[serde(default)]
    #[schemars(schema_with = "schema::labels")]
    pub labels: IndexMap<String, String>,
}

/// The time a speaker has, in seconds: `slot = "6 min"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slot {
    /// Seconds.
    pub seconds: u32,
}

impl Slot {
    /// The slot when a briefing gives none: five minutes.
    pub(crate) const DEFAULT: Slot = Slot { seconds: 300 };
}

/// Limits a UN process sets on a document (`limits = { pages = 2, words = 2815 }`).
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Limits {
    /// The most pages the handout may have. Optional.
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub pages: Option<u32>,
    /// The most words its text may have, in each language (speaker notes left out;
    /// Chinese and Japanese counted in characters). UPR stakeholder submissions: 2,815
    /// words for one organisation, 5,630 for a coalition. Optional.
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub words: Option<u32>,
}

/// The digits a language's numbers are written in (`numbers = "latn"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[schemars(rename_all = "lowercase")]
pub(crate) enum Numbers {
    /// Western digits, 0–9, in every language.
    Latn,
    /// The language's own digits, CLDR's native numbering system (Persian ۰–۹).
    Native,
}

impl Numbers {
    /// The values `numbers` takes, as written.
    pub(crate) const NAMES: [&'static str; 2] = ["latn", "native"];
}

/// A logo image in the briefing's folder.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Logo {
    /// Path relative to the briefing's folder (PNG, JPEG or SVG).
    #[schemars(extend("x-source-only" = true))]
    pub file: String,
    /// Alternative text for readers who cannot see the image.
    pub alt: String,
}

/// A titled list of points, on a slide of its own.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Section {
    /// The section's heading.
    pub heading: String,
    /// The points, keyed by a stable id (`action-plan = "…"`): a string, or a key figure.
    pub items: IndexMap<String, Point>,
    /// Speaker notes for this section's slide. Optional.
    #[serde(default)]
    pub notes: Option<String>,
}

/// One point of a list: a string, or a key figure table with `text`, `value` and `source`.
#[derive(Debug, Clone)]
pub(crate) enum Point {
    /// A bullet of text.
    Text(String),
    /// A highlighted number with what it counts and its source.
    Figure(Figure),
}

/// A key figure: `text` says what the number counts and holds `{value}` where it goes.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Figure {
    /// The sentence, with `{value}` exactly once where the number stands.
    pub text: String,
    /// The number itself, without quotes (`1899000`, `12.5`), formatted per language
    /// (`1 899 000`). Give `value` or `percent`.
    #[serde(default)]
    #[schemars(extend("x-source-only" = true))]
    pub value: Option<Number>,
    /// A percentage, without quotes (`37.5`), formatted per language (`37,5 %`). Give
    /// `value` or `percent`.
    #[serde(default)]
    #[schemars(extend("x-source-only" = true))]
    pub percent: Option<Number>,
    /// Where the figure comes from. Optional.
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

/// One issue (theme) of the briefing, e.g. "Exploitation of prisoners"; issues are
/// numbered in order ("Issue 1. …").
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Issue {
    /// The issue's title, without its number.
    pub title: String,
    /// A paragraph introducing the issue. Optional.
    #[serde(default)]
    pub summary: Option<String>,
    /// Overview points of the issue, before its findings, keyed by id. Optional.
    #[serde(default)]
    pub points: IndexMap<String, Point>,
    /// The findings, keyed by id: each a problem with its previous recommendations and the
    /// situation now, on a slide of its own.
    #[serde(default)]
    pub findings: IndexMap<String, Finding>,
    /// Our new recommendations on this issue, keyed by id and numbered in order: a string,
    /// or a table with `text` and `points`.
    #[serde(default)]
    pub recommendations: IndexMap<String, Recommendation>,
    /// Speaker notes for the issue's first slide (its overview, or its title slide).
    /// Optional.
    #[serde(default)]
    pub notes: Option<String>,
    /// Speaker notes for the slide of our recommendations on this issue. Optional.
    #[serde(default)]
    pub recommendations_notes: Option<String>,
}

/// A finding: what was recommended last cycle and what the situation is now.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Finding {
    /// The finding's title, e.g. "Inadequate criminal legislation".
    pub title: String,
    /// The recommendations the State received in the last cycle, keyed by a stable id.
    /// Optional: without them the finding shows its situation alone.
    #[serde(default)]
    pub previous: IndexMap<String, Previous>,
    /// The situation now.
    #[serde(default)]
    pub situation: Situation,
    /// Speaker notes for the finding's slide. Optional.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A recommendation the State received in the previous cycle.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Previous {
    /// The recommendation, quoted.
    pub text: String,
    /// The recommending State: an ISO 3166 code (`"AM"`, named in each language) or a
    /// name; or a list of them (`["AM", "FR"]`).
    #[serde(deserialize_with = "de::one_or_many")]
    #[schemars(with = "schema::OneOrMany", extend("x-source-only" = true))]
    pub by: Vec<String>,
    /// How the State under review answered it: `"supported"` or `"noted"`, shown beside
    /// it as a small label in each language. Optional.
    #[serde(default)]
    #[schemars(extend("x-source-only" = true))]
    pub response: Option<Response>,
    /// UPR Info's category of the action it asks for, from 1 (minimal action) to 5
    /// (specific action). Optional.
    #[serde(default, deserialize_with = "de::action")]
    #[schemars(range(min = 1, max = 5), extend("x-source-only" = true))]
    pub action: Option<u8>,
}

/// How a State under review answered a recommendation (`response = "supported"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[schemars(rename_all = "lowercase")]
pub(crate) enum Response {
    /// It supported (accepted) the recommendation.
    Supported,
    /// It noted it: took note of it without accepting it.
    Noted,
}

impl Response {
    /// The values `response` takes, as written.
    pub(crate) const NAMES: [&'static str; 2] = ["supported", "noted"];

    /// The value as written, which is also the end of its label's key.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Response::Supported => "supported",
            Response::Noted => "noted",
        }
    }
}

/// The current situation: a paragraph, bullets and key figures.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Situation {
    /// A paragraph. Optional.
    #[serde(default)]
    pub summary: Option<String>,
    /// Bullets and key figures, keyed by id. Optional.
    #[serde(default)]
    pub points: IndexMap<String, Point>,
}

/// One of our recommendations: a string, or a table with `text` and sub-`points`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Recommendation {
    /// The recommendation.
    pub text: String,
    /// Sub-points, keyed by a stable id. Optional.
    pub points: IndexMap<String, String>,
}

/// The full report, online: `report = { url = "https://…", title = "…" }`.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Report {
    /// Its address, an `https://` URL: the QR code leads there.
    #[schemars(extend("x-source-only" = true))]
    pub url: String,
    /// Its title, printed beside the QR code.
    pub title: String,
}

/// How to reach the organisation: the last slide and the handout's footer.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct Contact {
    /// A sentence before the contact details. Optional.
    #[serde(default)]
    pub text: Option<String>,
    /// A contact person. Optional.
    #[serde(default)]
    pub name: Option<String>,
    /// E-mail address. Optional.
    #[serde(default)]
    #[schemars(extend("x-source-only" = true))]
    pub email: Option<String>,
    /// Web site, e.g. `example.org`. Optional.
    #[serde(default)]
    #[schemars(extend("x-source-only" = true))]
    pub website: Option<String>,
    /// Telephone number. Optional.
    #[serde(default)]
    #[schemars(extend("x-source-only" = true))]
    pub phone: Option<String>,
    /// Speaker notes for the closing slide. Optional.
    #[serde(default)]
    pub notes: Option<String>,
}
