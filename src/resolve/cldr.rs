//! Resolve stage, CLDR tables: the locale data that ICU4X's compiled data does not carry
//! (numbering systems and percent patterns, quotation marks, State names), embedded from
//! `data/*.json` (made by `scripts/cldr-data.py`; see `data/LICENSE-UNICODE`) and looked up
//! along ICU4X's locale fallback chain, the chain its own formatters use: `zh-TW` →
//! `zh-Hant-TW` → `zh-Hant`, never `zh`, whose names are Simplified.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use icu_locale::{LocaleExpander, LocaleFallbacker};
use icu_locale_core::{DataLocale, LanguageIdentifier};
use serde::Deserialize;

/// One CLDR table: per locale, its entries by key; a regional or script locale holds only
/// what differs from its parent.
#[derive(Deserialize)]
pub(super) struct Table<'a, V> {
    #[serde(borrow, alias = "names")]
    locales: HashMap<&'a str, HashMap<&'a str, V>>,
}

impl<V> Table<'_, V> {
    /// The entry `key` of the first locale of `chain` that has one.
    pub(super) fn get(&self, chain: &[String], key: &str) -> Option<&V> {
        chain.iter().find_map(|locale| self.locales.get(locale.as_str())?.get(key))
    }
}

/// An entry of `data/numbers.json`: a numbering system's name (`default`, `native`) or a
/// system's percent pattern.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum NumberEntry {
    /// A numbering system, e.g. `arabext`.
    System(String),
    /// How a percentage is written in one numbering system.
    Percent(Percent),
}

/// How a language writes a percentage: CLDR's pattern (`#,##0 %`) and percent sign.
#[derive(Debug, Deserialize)]
pub(super) struct Percent {
    /// The pattern, `#,##0%`: where the number goes, and the sign around it.
    pub pattern: String,
    /// The percent sign in this numbering system (`%`, `٪`).
    pub sign: String,
}

/// The locales to look `lang` up in, most specific first, ending with English: `zh-HK`
/// gives `zh-Hant-HK`, `zh-HK`, `zh-Hant`, `en`. ICU4X's chain leaves out a region's
/// likely script, which CLDR's locale names keep: both are tried.
pub(super) fn chain(lang: &str) -> Vec<String> {
    let id = LanguageIdentifier::try_from_str(lang).unwrap_or(LanguageIdentifier::UNKNOWN);
    let expander = LocaleExpander::new_common();
    let mut steps =
        LocaleFallbacker::new().for_config(Default::default()).fallback_for(DataLocale::from(&id));
    let mut chain = Vec::new();
    while !steps.get().is_unknown() {
        let step = steps.get();
        if let (Some(region), None) = (step.region, step.script) {
            let mut likely = LanguageIdentifier::from((step.language, None, Some(region)));
            expander.maximize(&mut likely);
            if let Some(script) = likely.script {
                chain.push(format!("{}-{script}-{region}", step.language));
            }
        }
        chain.push(step.to_string());
        steps.step();
    }
    chain.push("en".to_owned());
    chain.dedup();
    chain
}

/// Parses an embedded table once.
fn parsed<V: Deserialize<'static>>(
    cell: &'static OnceLock<Table<'static, V>>,
    text: &'static str,
) -> &'static Table<'static, V> {
    cell.get_or_init(|| {
        serde_json::from_str(text).expect("the CLDR tables are part of the binary, checked by a test")
    })
}

/// Numbering systems and percent patterns, from `data/numbers.json`.
pub(super) fn numbers() -> &'static Table<'static, NumberEntry> {
    static DATA: OnceLock<Table<'static, NumberEntry>> = OnceLock::new();
    parsed(&DATA, crate::assets::NUMBERS)
}

/// Quotation marks (`open`, `close`, `alternate-open`, `alternate-close`), from
/// `data/quotes.json`.
pub(super) fn quotes() -> &'static Table<'static, Cow<'static, str>> {
    static DATA: OnceLock<Table<'static, Cow<'static, str>>> = OnceLock::new();
    parsed(&DATA, crate::assets::QUOTES)
}

/// State names by ISO 3166 code, from `data/territories.json`.
pub(super) fn territories() -> &'static Table<'static, Cow<'static, str>> {
    static DATA: OnceLock<Table<'static, Cow<'static, str>>> = OnceLock::new();
    parsed(&DATA, crate::assets::TERRITORIES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_chinese_never_falls_back_to_simplified() {
        for lang in ["zh-Hant", "zh-TW", "zh-HK", "zh-MO", "zh-Hant-TW"] {
            let chain = chain(lang);
            assert!(chain.contains(&"zh-Hant".to_owned()), "{lang}: {chain:?}");
            assert!(!chain.contains(&"zh".to_owned()), "{lang}: {chain:?}");
        }
        assert_eq!(chain("zh")[0], "zh");
        assert_eq!(chain("fa"), ["fa", "en"]);
        assert_eq!(chain("es-MX"), ["es-Latn-MX", "es-MX", "es-Latn-419", "es-419", "es", "en"]);
        assert_eq!(chain("zh-HK"), ["zh-Hant-HK", "zh-HK", "zh-Hant", "en"]);
        assert_eq!(chain("hi-Latn"), ["hi-Latn", "en-Latn-IN", "en-IN", "en-Latn-001", "en-001", "en"]);
    }

    #[test]
    fn the_tables_parse() {
        assert!(numbers().get(&chain("fa"), "default").is_some());
        assert_eq!(quotes().get(&chain("fa"), "open").map(|q| q.as_ref()), Some("«"));
        assert_eq!(territories().get(&chain("he"), "DE").map(|q| q.as_ref()), Some("גרמניה"));
    }
}
