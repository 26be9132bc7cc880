//! Resolve stage, locale: what a language code means for layout and formatting, from
//! Unicode CLDR data: script, direction, number, percent, date and list formats (ICU4X;
//! percent patterns from `data/percent.json`, made by `scripts/cldr-percent.py`).
//!
//! Digits: every language is formatted with Western digits (0–9), as UN documents in
//! Arabic do; the grouping, decimal separator and date patterns are the language's own.

use fixed_decimal::{Decimal, FloatPrecision};
use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_decimal::DecimalFormatter;
use icu_list::ListFormatter;
use icu_list::options::{ListFormatterOptions, ListLength};
use icu_locale::{LocaleDirectionality, LocaleExpander};
use icu_locale_core::{LanguageIdentifier, Locale};

use crate::model::Number;

/// A language's script, direction and formatters.
pub(crate) struct LocaleInfo {
    /// ISO 639 language, e.g. `pt`.
    pub language: String,
    /// ISO 3166 region, if the code names one.
    pub region: Option<String>,
    /// ISO 15924 script, written or likely (`Arab` for `ar`, `Hans` for `zh`).
    pub script: String,
    /// Whether the script runs right to left.
    pub rtl: bool,
    numbers: Option<DecimalFormatter>,
    dates: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    lists: Option<ListFormatter>,
    percent: &'static Percent,
}

/// How a language writes a percentage: CLDR's pattern (`#,##0 %`) and percent sign.
#[derive(Debug, serde::Deserialize)]
struct Percent {
    pattern: String,
    sign: String,
}

/// The percent patterns of every language CLDR knows, by locale.
fn percent_patterns() -> &'static std::collections::HashMap<String, Percent> {
    #[derive(serde::Deserialize)]
    struct File {
        patterns: std::collections::HashMap<String, Percent>,
    }
    static PATTERNS: std::sync::OnceLock<std::collections::HashMap<String, Percent>> =
        std::sync::OnceLock::new();
    PATTERNS.get_or_init(|| {
        let file: File = serde_json::from_str(crate::assets::PERCENT_PATTERNS)
            .expect("data/percent.json is part of the binary and checked by a test");
        file.patterns
    })
}

/// The percent pattern for `id`: its own, its language's, or English's.
fn percent_for(id: &LanguageIdentifier) -> &'static Percent {
    let patterns = percent_patterns();
    let exact = id.to_string();
    let base = id.language.to_string();
    patterns.get(&exact).or_else(|| patterns.get(&base)).unwrap_or_else(|| &patterns["en"])
}

impl LocaleInfo {
    /// Looks `lang` up; an unknown code gets English-like defaults.
    pub(crate) fn new(lang: &str) -> Self {
        let id = LanguageIdentifier::try_from_str(lang).unwrap_or(LanguageIdentifier::UNKNOWN);
        let mut likely = id.clone();
        LocaleExpander::new_common().maximize(&mut likely);
        let formatting = Locale::try_from_str(&format!("{lang}-u-nu-latn")).ok();
        Self {
            language: id.language.to_string(),
            region: id.region.map(|r| r.to_string()),
            script: likely.script.map_or_else(|| "Latn".to_owned(), |s| s.to_string()),
            rtl: LocaleDirectionality::new_common().is_right_to_left(&id),
            numbers: formatting
                .as_ref()
                .and_then(|l| DecimalFormatter::try_new(l.into(), Default::default()).ok()),
            dates: formatting
                .as_ref()
                .and_then(|l| FixedCalendarDateTimeFormatter::try_new(l.into(), YMD::long()).ok()),
            lists: ListFormatter::try_new_and(
                (&id).into(),
                ListFormatterOptions::default().with_length(ListLength::Wide),
            )
            .ok(),
            percent: percent_for(&id),
        }
    }

    /// A percentage as the language writes it: `37.5%`, `37,5 %`, `%37,5`.
    pub(crate) fn percent(&self, number: Number) -> String {
        let digits = self.number(number);
        let Percent { pattern, sign } = self.percent;
        let first = pattern.find(['#', '0']).unwrap_or(0);
        let last = pattern.rfind(['#', '0']).map_or(pattern.len(), |i| i + 1);
        let (before, after) = (&pattern[..first], &pattern[last..]);
        format!("{}{digits}{}", before.replace('%', sign), after.replace('%', sign))
    }

    /// Names joined as the language lists them: "Brazil and Kenya", "巴西和肯尼亚".
    pub(crate) fn and_list(&self, names: &[String]) -> String {
        match &self.lists {
            Some(lists) => lists.format(names.iter().map(String::as_str)).to_string(),
            None => names.join(", "),
        }
    }

    /// A number as the language writes it: `1,899,000`, `1 899 000`, `1.899.000`.
    pub(crate) fn number(&self, number: Number) -> String {
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

    /// A date spelled as the language does: `30 August 2023`, `30 août 2023`.
    pub(crate) fn date(&self, year: i32, month: u8, day: u8) -> String {
        let date = Date::try_new_gregorian(year, month, day).ok();
        match (&self.dates, date) {
            (Some(formatter), Some(date)) => formatter.format(&date).to_string(),
            _ => format!("{year:04}-{month:02}-{day:02}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks `format` in each language against what it should give.
    fn each(format: impl Fn(&LocaleInfo) -> String, expected: &[(&str, &str)]) {
        for (lang, written) in expected {
            assert_eq!(format(&LocaleInfo::new(lang)), *written, "{lang}");
        }
    }

    #[test]
    fn numbers_follow_the_language() {
        let n = Number::Integer(1_899_000);
        let expected = [
            ("en", "1,899,000"),
            ("ru", "1\u{a0}899\u{a0}000"),
            ("fr", "1\u{202f}899\u{202f}000"),
            ("es", "1.899.000"),
            ("ar", "1,899,000"),
            ("zh", "1,899,000"),
        ];
        each(|l| l.number(n), &expected);
        each(|l| l.number(Number::Float(12.5)), &[("de", "12,5")]);
    }

    #[test]
    fn percentages_follow_the_language() {
        let expected = [
            ("en", "37.5%"),
            ("fr", "37,5\u{a0}%"),
            ("de", "37,5\u{a0}%"),
            ("tr", "%37,5"),
            ("ar", "37.5\u{200e}%\u{200e}"),
            ("xx", "37.5%"),
        ];
        each(|l| l.percent(Number::Float(37.5)), &expected);
        each(|l| l.percent(Number::Integer(12)), &[("zh", "12%")]);
    }

    #[test]
    fn lists_follow_the_language() {
        let states = ["Brazil".to_owned(), "Kenya".to_owned()];
        assert_eq!(LocaleInfo::new("en").and_list(&states), "Brazil and Kenya");
        let three = ["A".to_owned(), "B".to_owned(), "C".to_owned()];
        assert_eq!(LocaleInfo::new("en").and_list(&three), "A, B, and C");
        assert_eq!(LocaleInfo::new("fr").and_list(&three), "A, B et C");
        assert_eq!(LocaleInfo::new("zh").and_list(&["巴西".to_owned(), "肯尼亚".to_owned()]), "巴西和肯尼亚");
        assert_eq!(LocaleInfo::new("en").and_list(&states[..1]), "Brazil");
    }

    #[test]
    fn dates_are_spelled_per_language() {
        assert_eq!(LocaleInfo::new("en").date(2023, 8, 30), "August 30, 2023");
        assert_eq!(LocaleInfo::new("fr").date(2023, 8, 30), "30 août 2023");
        assert_eq!(LocaleInfo::new("ru").date(2023, 8, 30), "30 августа 2023\u{202f}г.");
        assert_eq!(LocaleInfo::new("zh").date(2023, 8, 30), "2023年8月30日");
    }

    #[test]
    fn script_and_direction() {
        let ar = LocaleInfo::new("ar");
        assert!(ar.rtl);
        assert_eq!(ar.script, "Arab");
        assert_eq!(LocaleInfo::new("zh").script, "Hans");
        assert!(!LocaleInfo::new("ru").rtl);
        assert_eq!(LocaleInfo::new("pt-BR").region.as_deref(), Some("BR"));
    }
}
