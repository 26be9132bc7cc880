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
use serde_json::value::RawValue;

/// One CLDR table: per locale, its entries by key; a regional or script locale holds only
/// what differs from its parent. Parsed as it is needed: the file is split by locale on
/// first use (territories hold some 300 locales of 300 names each), and a locale's entries
/// are parsed when it is first looked up, so that a build reads only the locales of its
/// languages.
pub(super) struct Table<V: 'static> {
    text: &'static str,
    locales: OnceLock<HashMap<&'static str, Locale<V>>>,
}

/// One locale of a table: its text, and its entries once parsed.
struct Locale<V: 'static> {
    text: &'static RawValue,
    entries: OnceLock<HashMap<&'static str, V>>,
}

/// How the tables' files are laid out: the version of CLDR, and the locales.
#[derive(Deserialize)]
struct File<'a> {
    #[serde(borrow, alias = "names")]
    locales: HashMap<&'a str, &'a RawValue>,
}

/// A table's file is part of the binary, checked by a test.
const CHECKED: &str = "the CLDR tables are part of the binary, checked by a test";

impl<V: Deserialize<'static>> Table<V> {
    const fn new(text: &'static str) -> Self {
        Self { text, locales: OnceLock::new() }
    }

    /// The entry `key` of the first locale of `chain` that has one.
    pub(super) fn get(&self, chain: &[String], key: &str) -> Option<&V> {
        let locales = self.locales.get_or_init(|| {
            let file: File<'static> = serde_json::from_str(self.text).expect(CHECKED);
            let locale = |text| Locale { text, entries: OnceLock::new() };
            file.locales.into_iter().map(|(name, text)| (name, locale(text))).collect()
        });
        chain.iter().find_map(|name| {
            let locale = locales.get(name.as_str())?;
            locale.entries.get_or_init(|| serde_json::from_str(locale.text.get()).expect(CHECKED)).get(key)
        })
    }
}

/// An entry of `data/numbers.json`: a numbering system's name (`default`, `native`) or a
/// system's percent pattern.
#[derive(Debug, PartialEq, Deserialize)]
#[serde(untagged)]
pub(super) enum NumberEntry {
    /// A numbering system, e.g. `arabext`.
    System(String),
    /// How a percentage is written in one numbering system.
    Percent(Percent),
}

/// How a language writes a percentage: CLDR's pattern (`#,##0 %`) and percent sign.
#[derive(Debug, PartialEq, Deserialize)]
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

/// Numbering systems and percent patterns, from `data/numbers.json`.
pub(super) fn numbers() -> &'static Table<NumberEntry> {
    static DATA: Table<NumberEntry> = Table::new(crate::assets::NUMBERS);
    &DATA
}

/// Quotation marks (`open`, `close`, `alternate-open`, `alternate-close`), from
/// `data/quotes.json`.
pub(super) fn quotes() -> &'static Table<Cow<'static, str>> {
    static DATA: Table<Cow<'static, str>> = Table::new(crate::assets::QUOTES);
    &DATA
}

/// State names by ISO 3166 code, from `data/territories.json`.
pub(super) fn territories() -> &'static Table<Cow<'static, str>> {
    static DATA: Table<Cow<'static, str>> = Table::new(crate::assets::TERRITORIES);
    &DATA
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

    /// Every locale of every table parses, and holds what the whole file, read at once,
    /// holds for it.
    #[test]
    fn every_locale_reads_as_the_whole_file_has_it() {
        fn check<V: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(table: &Table<V>) {
            let whole: serde_json::Value = serde_json::from_str(table.text).expect("parses");
            let locales = whole.get("locales").or_else(|| whole.get("names")).expect("has locales");
            let locales = locales.as_object().expect("an object");
            assert!(locales.len() > 100, "{} locales", locales.len());
            for (name, entries) in locales {
                for (key, value) in entries.as_object().expect("an object") {
                    let expected: V = serde_json::from_value(value.clone()).expect("an entry");
                    let found = table.get(std::slice::from_ref(name), key);
                    assert_eq!(found, Some(&expected), "{name} {key}");
                }
            }
        }
        check(numbers());
        check(quotes());
        check(territories());
    }
}
