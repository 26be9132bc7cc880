//! The templates' data contract: what `/data.json` holds, field by field.
//!
//! This file is the API of `templates/`. The resolve stage fills these types for one
//! briefing in one language; they are serialized to JSON and served to the templates at
//! `/data.json` (`#let data = json("/data.json")` in `lib.typ`). Field names appear in
//! the JSON in kebab-case (`title-plain`). Every field is always present: a flag is `true`
//! or `false`, a value not given is `null` (`none` in Typst), a list with nothing in it
//! is `[]`.
//!
//! It lives beside the templates so that whoever edits a template finds what it may read;
//! Rust compiles it as `crate::data`. Every text a user wrote arrives as [`Run`]s of
//! literal text (or as a plain string), never as Typst markup. The doc comments are the
//! descriptions in the field table of `templates/README.md`, generated from these types
//! (schemars); `templates/data.json` is an example.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Serialize;

use crate::model::TextKey;

/// A piece of text with one style. A text is a list of runs; `rich(runs)` in `lib.typ`
/// sets them. The text is exactly what the user wrote: places to break a long token (an
/// e-mail address, an identifier) are given as offsets in `breaks`, never as invisible
/// characters.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
pub(crate) struct Run {
    /// The literal text. A line break is `"\n"`.
    pub text: String,
    /// Set in bold (`**bold**`).
    pub strong: bool,
    /// Set in italics (`*italic*`).
    pub emph: bool,
    /// The target, if the run is a link.
    pub link: Option<String>,
    /// A double quotation mark, to be set as the language's own (`text` is `"`).
    pub quote: bool,
    /// Left-to-right text inside a right-to-left document (a phone number, an address, a
    /// Latin name), to be set as one isolated left-to-right run.
    pub ltr: bool,
    /// Byte offsets into `text` where a line may break although the text has no space
    /// there (after the `@` and dots of an e-mail address, inside a long identifier).
    pub breaks: Vec<usize>,
    /// The language of this run when it is not the document's (text that falls back to
    /// the source language, or marked `[text]{lang=xx}`), for `text(lang:)`; `null` when
    /// it is the document's.
    pub lang: Option<String>,
}

/// A text: styled runs.
pub(crate) type Text = Vec<Run>;

/// The whole of `/data.json`: a briefing resolved for one language.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Document {
    /// BCP 47 language code of the document, e.g. `pt-BR`.
    pub lang: String,
    /// Its ISO 639 language, for `text(lang:)`; it also sets the direction.
    pub language: String,
    /// Its ISO 3166 region, for `text(region:)`, if the code has one.
    pub region: Option<String>,
    /// Its ISO 15924 script (`Latn`, `Cyrl`, `Arab`, `Hans`…), which picks the fonts.
    pub script: String,
    /// `ltr` or `rtl`: right-to-left documents mirror their layout.
    pub dir: &'static str,
    /// The ten digits, 0 to 9, in the document's numbering system (`۰`…`۹` in Persian),
    /// for the numbers the template writes itself: page, slide and list numbers
    /// (`digits(n)` in `lib.typ`). Numbers in the data are already written with them.
    pub digits: Vec<String>,
    /// The language's quotation marks, from CLDR: a `"` in the text is set as these.
    pub quotes: Quotes,
    /// The title.
    pub title: Text,
    /// The title without markup, for the PDF metadata.
    pub title_plain: String,
    /// The subtitle.
    pub subtitle: Option<Text>,
    /// The organisation, as shown.
    pub organisation: Text,
    /// The organisation as written, for the PDF's author.
    pub organisation_plain: String,
    /// The event the briefing is for.
    pub event: Option<Text>,
    /// The date, spelled for the language (`30 août 2023`).
    pub date: Option<String>,
    /// The logo.
    pub logo: Option<Logo>,
    /// Who we are: one paragraph.
    pub about: Option<Text>,
    /// The opening list (e.g. the previous recommendations in brief).
    pub opening: Option<Section>,
    /// Developments since the last review, with key figures.
    pub developments: Option<Section>,
    /// The issues, in order, numbered from 1.
    pub issues: Vec<Issue>,
    /// How to reach the organisation.
    pub contact: Contact,
    /// The full report, behind a QR code, or `null`.
    pub report: Option<Report>,
    /// The delegation a leave-behind is for (`leave-behind.typ`); `null` in the handout
    /// and the slides.
    pub delegation: Option<Delegation>,
    /// The template's own words in this language, by label key (see `labels/en.toml`),
    /// with `{name}` slots still in them for the template to fill.
    pub labels: IndexMap<String, String>,
    /// The labels left in English, for a language without built-in labels: set as
    /// English (`text(lang: "en")`, left to right) in the document's language.
    pub fallback_labels: Vec<String>,
    /// The font families of the briefing's own `fonts/` folder, for `families` in
    /// `theme.typ`: both lists are empty when it has none.
    pub own_fonts: OwnFontFamilies,
}

/// A language's quotation marks (CLDR's delimiters): `open`…`close` around a quotation,
/// `alternate-open`…`alternate-close` around a quotation inside it.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Quotes {
    /// Opens a quotation (`“`, `«`, `„`, `「`).
    pub open: String,
    /// Closes it (`”`, `»`, `“`, `」`).
    pub close: String,
    /// Opens a quotation inside a quotation (`‘`, `‹`, `『`).
    pub alternate_open: String,
    /// Closes a quotation inside a quotation.
    pub alternate_close: String,
}

/// A logo image.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Logo {
    /// The virtual path to load it from with `image()`: `/brief/<file>`.
    pub path: String,
    /// Its alternative text.
    pub alt: String,
}

/// A titled list.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Section {
    /// The heading.
    pub heading: Text,
    /// The items, in order.
    pub items: Vec<Item>,
}

/// A bullet or a key figure; `kind` tells which (`text` or `figure`).
#[derive(Debug, Serialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub(crate) enum Item {
    /// A bullet.
    Text {
        /// Its text.
        text: Text,
    },
    /// A key figure: `before`, the number `value`, `after`.
    Figure {
        /// The sentence before the number.
        before: Text,
        /// The number, formatted for the language (`1 899 000`).
        value: String,
        /// The sentence after the number.
        after: Text,
        /// "Source: …", the `source` label filled, if the figure has a source.
        source: Option<Text>,
    },
}

/// An issue (theme).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Issue {
    /// Its key in the briefing (`issues.prisoners`): slide fitting reports by it.
    #[schemars(with = "String")]
    pub key: TextKey,
    /// Its number, from 1.
    pub number: usize,
    /// "Issue 2. Exploitation of prisoners": the `issue` label filled.
    pub heading: Text,
    /// The title alone.
    pub title: Text,
    /// An introduction.
    pub summary: Option<Text>,
    /// Overview points, before the findings.
    pub points: Vec<Item>,
    /// The findings.
    pub findings: Vec<Finding>,
    /// Our recommendations on the issue.
    pub recommendations: Vec<Recommendation>,
}

/// A finding: what was recommended last cycle and what the situation is now.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Finding {
    /// Its key in the briefing (`issues.prisoners.findings.labour`).
    #[schemars(with = "String")]
    pub key: TextKey,
    /// The title.
    pub title: Text,
    /// The recommendations the State received; may be empty.
    pub previous: Vec<Previous>,
    /// A paragraph on the situation now.
    pub summary: Option<Text>,
    /// Bullets and key figures on the situation now.
    pub points: Vec<Item>,
}

/// A previous recommendation and who made it.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Previous {
    /// The recommendation, quoted.
    pub text: Text,
    /// The recommending States, named in the language and joined.
    pub by: Text,
    /// The recommending States as the briefing writes them (ISO 3166 codes such as `AM`,
    /// or names), to tell a delegation's own recommendations (`delegation.state`).
    pub states: Vec<String>,
    /// How the State under review answered it, `"supported"` or `"noted"`, or `null`:
    /// shown as the label `response-supported` or `response-noted`.
    pub response: Option<&'static str>,
    /// UPR Info's category of the action it asks for, 1 to 5, or `null`. The embedded
    /// templates do not show it.
    pub action: Option<u8>,
}

/// The State whose delegation a leave-behind is for.
#[derive(Debug, Clone, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Delegation {
    /// The State as the briefing writes it in `by` (`AM`, or a name): its previous
    /// recommendations are those whose `states` hold it.
    pub state: String,
    /// Its name in the document's language.
    pub name: Text,
    /// Its name without markup, for the PDF's title.
    pub name_plain: String,
}

/// One of our recommendations.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct Recommendation {
    /// Its number within the issue, from 1.
    pub number: usize,
    /// The recommendation.
    pub text: Text,
    /// Its sub-points; may be empty.
    pub points: Vec<Text>,
}

/// Contact details; each is `null` when not given.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Contact {
    /// A sentence before the details.
    pub text: Option<Text>,
    /// A contact person.
    pub name: Option<Text>,
    /// An e-mail address, to show.
    pub email: Option<Text>,
    /// Its link: `mailto:` and the address.
    pub email_link: Option<String>,
    /// A web site, to show, as written.
    pub website: Option<Text>,
    /// Its link: the address with `https://` if it had no scheme.
    pub website_link: Option<String>,
    /// A telephone number.
    pub phone: Option<Text>,
}

/// The full report the briefing summarises, online.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) struct Report {
    /// Its address, as shown: an `https://` URL, a left-to-right run in a right-to-left
    /// document.
    pub url: Text,
    /// Its link: the address as written.
    pub link: String,
    /// Its title.
    pub title: Text,
    /// Its title without markup, for the QR code's alternative text.
    pub title_plain: String,
    /// A QR code of `url`, as the text of an SVG image: `image(bytes(report.qr),
    /// format: "svg", alt: …)`: dark modules on white, with the quiet zone around them.
    pub qr: String,
}

/// The families of a briefing's own fonts, by where they go in the list of fonts tried.
#[derive(Debug, Default, Serialize, JsonSchema)]
pub(crate) struct OwnFontFamilies {
    /// Those of the document's script (their letters are mostly of it): tried before the
    /// embedded fonts.
    pub before: Vec<String>,
    /// The others: tried after the embedded fonts, for what those do not cover.
    pub after: Vec<String>,
}
