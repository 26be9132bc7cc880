//! Resolve stage, locale: what a language code means for layout and formatting, from
//! ICU4X's CLDR data: script, direction, number and date formats.
//!
//! Digits: every language is formatted with Western digits (0–9), as UN documents in
//! Arabic do; the grouping, decimal separator and date patterns are the language's own.

use fixed_decimal::{Decimal, FloatPrecision};
use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_decimal::DecimalFormatter;
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

    #[test]
    fn numbers_follow_the_language() {
        let n = Number::Integer(1_899_000);
        assert_eq!(LocaleInfo::new("en").number(n), "1,899,000");
        assert_eq!(LocaleInfo::new("ru").number(n), "1\u{a0}899\u{a0}000");
        assert_eq!(LocaleInfo::new("fr").number(n), "1\u{202f}899\u{202f}000");
        assert_eq!(LocaleInfo::new("es").number(n), "1.899.000");
        assert_eq!(LocaleInfo::new("de").number(Number::Float(12.5)), "12,5");
        assert_eq!(LocaleInfo::new("ar").number(n), "1,899,000");
        assert_eq!(LocaleInfo::new("zh").number(n), "1,899,000");
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
