//! The files compiled into the binary: templates, fonts, label tables, CLDR data and the
//! scaffold of `brief new`. Every other module takes them from here, so that what the
//! binary carries, and what each template is for, is written once. (The preview page's
//! own files stay with `serve`.)

/// What a template is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Imported by the others: the look (`theme.typ`), the parts both formats share
    /// (`lib.typ`), the slides' fitting machinery (`fit.typ`).
    Shared,
    /// The entry file of one format (`handout.typ`, `slides.typ`): a project's `main.typ`.
    Entry,
}

/// One embedded Typst template.
#[derive(Debug)]
pub(crate) struct Template {
    /// Its file name, under which it is served and may be overridden.
    pub name: &'static str,
    pub role: Role,
    pub source: &'static str,
}

/// The Typst templates, in the order they are parsed. `templates/README.md` says what
/// each holds.
pub(crate) const TEMPLATES: &[Template] = &[
    Template { name: "theme.typ", role: Role::Shared, source: include_str!("../templates/theme.typ") },
    Template { name: "lib.typ", role: Role::Shared, source: include_str!("../templates/lib.typ") },
    Template { name: "fit.typ", role: Role::Shared, source: include_str!("../templates/fit.typ") },
    Template { name: "handout.typ", role: Role::Entry, source: include_str!("../templates/handout.typ") },
    Template { name: "slides.typ", role: Role::Entry, source: include_str!("../templates/slides.typ") },
    Template {
        name: "leave-behind.typ",
        role: Role::Entry,
        source: include_str!("../templates/leave-behind.typ"),
    },
];

/// The template named `name`, if one is.
pub(crate) fn template(name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|template| template.name == name)
}

/// The font files. See `fonts/README.md` for their families and licences.
pub(crate) const FONTS: &[&[u8]] = &[
    include_bytes!("../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../fonts/NotoSans-Italic.ttf"),
    include_bytes!("../fonts/NotoSans-BoldItalic.ttf"),
    include_bytes!("../fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../fonts/NotoSansArabic-Bold.ttf"),
    include_bytes!("../fonts/NotoSansCJKsc-Regular.otf"),
    include_bytes!("../fonts/NotoSansCJKsc-Bold.otf"),
    include_bytes!("../fonts/NotoSansCJKtc-Regular.otf"),
    include_bytes!("../fonts/NotoSansCJKtc-Bold.otf"),
    include_bytes!("../fonts/NotoSansHebrew-Regular.ttf"),
    include_bytes!("../fonts/NotoSansHebrew-Bold.ttf"),
    include_bytes!("../fonts/NotoSansDevanagari-Regular.ttf"),
    include_bytes!("../fonts/NotoSansDevanagari-Bold.ttf"),
];

/// The built-in label tables (`templates/labels/`), by language code: `zh` is Simplified
/// Chinese, `zh-Hant` Traditional.
pub(crate) const LABELS: &[(&str, &str)] = &[
    ("ar", include_str!("../templates/labels/ar.toml")),
    ("en", include_str!("../templates/labels/en.toml")),
    ("es", include_str!("../templates/labels/es.toml")),
    ("fr", include_str!("../templates/labels/fr.toml")),
    ("he", include_str!("../templates/labels/he.toml")),
    ("hi", include_str!("../templates/labels/hi.toml")),
    ("ru", include_str!("../templates/labels/ru.toml")),
    ("zh", include_str!("../templates/labels/zh.toml")),
    ("zh-Hant", include_str!("../templates/labels/zh-Hant.toml")),
];

/// CLDR's numbering systems and percent patterns by locale (`data/numbers.json`).
pub(crate) const NUMBERS: &str = include_str!("../data/numbers.json");

/// CLDR's quotation marks by locale (`data/quotes.json`).
pub(crate) const QUOTES: &str = include_str!("../data/quotes.json");

/// CLDR's territory names by locale (`data/territories.json`).
pub(crate) const TERRITORIES: &str = include_str!("../data/territories.json");

/// The briefing `brief new` writes (`templates/new/brief.toml`), with `{lang}` and
/// `{labels}` to fill in.
pub(crate) const SCAFFOLD: &str = include_str!("../templates/new/brief.toml");
