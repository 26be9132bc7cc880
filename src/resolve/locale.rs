//! Resolve stage, locale: what a language code means for layout and formatting, from
//! Unicode CLDR data: script, direction, digits, number, percent, date and list formats
//! and quotation marks (ICU4X; percent patterns and quotation marks from the tables of
//! [`super::cldr`]).
//!
//! Digits: each language's numbering system is CLDR's default for it (Western digits for
//! most, Arabic among them, as UN documents in Arabic have them; Persian digits for
//! Persian, Bengali for Bengali…), except Urdu, whose own Persian-style digits are its
//! default here though CLDR's is Western. A briefing chooses with `numbers = "latn"` or
//! `"native"`, for all its languages or, in a translation file, for one.

use fixed_decimal::{Decimal, FloatPrecision};
use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_decimal::DecimalFormatter;
use icu_list::ListFormatter;
use icu_list::options::{ListFormatterOptions, ListLength};
use icu_locale::{LocaleDirectionality, LocaleExpander};
use icu_locale_core::{LanguageIdentifier, Locale};

use super::cldr::{self, NumberEntry, Percent};
use crate::data::Quotes;
use crate::model::{Number, Numbers};

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
    /// CLDR's numbering system the numbers are written in: `latn`, `arabext`…
    pub numbering: String,
    /// The locales the CLDR tables are read in, most specific first.
    chain: Vec<String>,
    numbers: Option<DecimalFormatter>,
    dates: Option<FixedCalendarDateTimeFormatter<Gregorian, YMD>>,
    lists: Option<ListFormatter>,
}

/// The numbering system of `language` (looked up along `chain`) for the briefing's choice.
fn numbering_system(chain: &[String], language: &str, choice: Option<Numbers>) -> String {
    let system = |key| match cldr::numbers().get(chain, key) {
        Some(NumberEntry::System(system)) => system.clone(),
        _ => "latn".to_owned(),
    };
    match choice {
        Some(Numbers::Latn) => "latn".to_owned(),
        Some(Numbers::Native) => system("native"),
        // Urdu is written with its own digits (CLDR's default in India); CLDR's `ur` has 0–9.
        None if language == "ur" => system("native"),
        None => system("default"),
    }
}

/// A formatting locale: `lang` with its numbering system (`fa-u-nu-arabext`).
fn with_numbering(lang: &str, system: &str) -> Option<Locale> {
    Locale::try_from_str(&format!("{lang}-u-nu-{system}")).ok()
}

/// Whether `lang` is written right to left (Arabic, Persian, Hebrew, Urdu).
pub(crate) fn right_to_left(lang: &str) -> bool {
    let id = LanguageIdentifier::try_from_str(lang).unwrap_or(LanguageIdentifier::UNKNOWN);
    LocaleDirectionality::new_common().is_right_to_left(&id)
}

impl LocaleInfo {
    /// Looks `lang` up, its numbers in the digits `numbers` chooses (CLDR's default for
    /// the language if `None`); an unknown code gets English-like defaults.
    pub(crate) fn new(lang: &str, numbers: Option<Numbers>) -> Self {
        let id = LanguageIdentifier::try_from_str(lang).unwrap_or(LanguageIdentifier::UNKNOWN);
        let mut likely = id.clone();
        LocaleExpander::new_common().maximize(&mut likely);
        let chain = cldr::chain(lang);
        let language = id.language.to_string();
        let mut numbering = numbering_system(&chain, &language, numbers);
        let decimal = |system: &str| {
            let locale = with_numbering(lang, system)?;
            DecimalFormatter::try_new((&locale).into(), Default::default()).ok().map(|f| (locale, f))
        };
        // A numbering system ICU4X has no digits for is written in Western digits.
        let formatting = decimal(&numbering).or_else(|| {
            numbering = "latn".to_owned();
            decimal("latn")
        });
        let dates = formatting
            .as_ref()
            .and_then(|(locale, _)| FixedCalendarDateTimeFormatter::try_new(locale.into(), YMD::long()).ok());
        Self {
            language,
            region: id.region.map(|r| r.to_string()),
            script: likely.script.map_or_else(|| "Latn".to_owned(), |s| s.to_string()),
            rtl: LocaleDirectionality::new_common().is_right_to_left(&id),
            numbering,
            chain,
            numbers: formatting.map(|(_, formatter)| formatter),
            dates,
            lists: ListFormatter::try_new_and(
                (&id).into(),
                ListFormatterOptions::default().with_length(ListLength::Wide),
            )
            .ok(),
        }
    }

    /// The ten digits, 0 to 9, as the language writes them: `0`…`9`, `۰`…`۹`.
    pub(crate) fn digits(&self) -> Vec<String> {
        (0..10).map(|digit| self.number(Number::Integer(digit))).collect()
    }

    /// The language's quotation marks, from CLDR; French sets a narrow no-break space
    /// inside its guillemets, as its typography (and Typst) does, which CLDR's marks lack.
    pub(crate) fn quotes(&self) -> Quotes {
        let mark = |key| cldr::quotes().get(&self.chain, key).map_or_else(String::new, |q| q.to_string());
        let mut quotes = Quotes {
            open: mark("open"),
            close: mark("close"),
            alternate_open: mark("alternate-open"),
            alternate_close: mark("alternate-close"),
        };
        if self.language == "fr" && quotes.open == "«" {
            (quotes.open, quotes.close) = ("«\u{202f}".to_owned(), "\u{202f}»".to_owned());
        }
        quotes
    }

    /// How the language writes a percentage in its numbering system.
    fn percent_pattern(&self) -> Option<&'static Percent> {
        let percent = |system: &str| match cldr::numbers().get(&self.chain, system) {
            Some(NumberEntry::Percent(percent)) => Some(percent),
            _ => None,
        };
        percent(&self.numbering).or_else(|| percent("latn"))
    }

    /// A percentage as the language writes it: `37.5%`, `37,5 %`, `%37,5`, `۳۷٫۵٪`.
    pub(crate) fn percent(&self, number: Number) -> String {
        let digits = self.number(number);
        let Some(Percent { pattern, sign }) = self.percent_pattern() else { return format!("{digits}%") };
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
            assert_eq!(format(&LocaleInfo::new(lang, None)), *written, "{lang}");
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
        assert_eq!(LocaleInfo::new("en", None).and_list(&states), "Brazil and Kenya");
        let three = ["A".to_owned(), "B".to_owned(), "C".to_owned()];
        assert_eq!(LocaleInfo::new("en", None).and_list(&three), "A, B, and C");
        assert_eq!(LocaleInfo::new("fr", None).and_list(&three), "A, B et C");
        assert_eq!(
            LocaleInfo::new("zh", None).and_list(&["巴西".to_owned(), "肯尼亚".to_owned()]),
            "巴西和肯尼亚"
        );
        assert_eq!(LocaleInfo::new("en", None).and_list(&states[..1]), "Brazil");
    }

    #[test]
    fn dates_are_spelled_per_language() {
        assert_eq!(LocaleInfo::new("en", None).date(2023, 8, 30), "August 30, 2023");
        assert_eq!(LocaleInfo::new("fr", None).date(2023, 8, 30), "30 août 2023");
        assert_eq!(LocaleInfo::new("ru", None).date(2023, 8, 30), "30 августа 2023\u{202f}г.");
        assert_eq!(LocaleInfo::new("zh", None).date(2023, 8, 30), "2023年8月30日");
    }

    #[test]
    fn persian_is_written_as_cldr_writes_it() {
        let fa = LocaleInfo::new("fa", None);
        assert_eq!(fa.number(Number::Integer(12_480)), "۱۲٬۴۸۰");
        assert_eq!(fa.percent(Number::Float(37.5)), "۳۷٫۵٪");
        assert_eq!(fa.date(2025, 11, 12), "۱۲ نوامبر ۲۰۲۵");
        assert_eq!(fa.digits().concat(), "۰۱۲۳۴۵۶۷۸۹");
        let quotes = fa.quotes();
        assert_eq!((quotes.open.as_str(), quotes.close.as_str()), ("«", "»"));
        let latn = LocaleInfo::new("fa", Some(Numbers::Latn));
        assert_eq!(latn.number(Number::Integer(12_480)), "12,480");
        assert_eq!(latn.percent(Number::Float(37.5)), "37.5%");
        assert_eq!(latn.date(2025, 11, 12), "12 نوامبر 2025");
    }

    #[test]
    fn digits_follow_the_numbering_system() {
        let n = Number::Integer(12_480);
        each(|l| l.number(n), &[("ur", "۱۲٬۴۸۰"), ("bn", "১২,৪৮০"), ("ar", "12,480"), ("hi", "12,480")]);
        assert_eq!(LocaleInfo::new("ur", Some(Numbers::Latn)).number(n), "12,480");
        let native = |lang| LocaleInfo::new(lang, Some(Numbers::Native));
        assert_eq!(native("ar").number(n), "١٢٬٤٨٠");
        assert_eq!(native("ar").percent(Number::Integer(5)), "٥٪\u{61c}");
        assert_eq!(native("hi").digits().concat(), "०१२३४५६७८९");
        assert_eq!(native("en").digits().concat(), "0123456789");
    }

    #[test]
    fn quotes_follow_the_language() {
        let open_close = |l: &LocaleInfo| {
            let q = l.quotes();
            format!("{}{}{}{}", q.open, q.close, q.alternate_open, q.alternate_close)
        };
        let expected = [
            ("en", "“”‘’"),
            ("de", "„“‚‘"),
            ("uk", "«»„“"),
            ("zh", "“”‘’"),
            ("zh-Hant", "「」『』"),
            ("zh-TW", "「」『』"),
            ("ja", "「」『』"),
            ("fr", "«\u{202f}\u{202f}»«»"),
            ("xx", "“”‘’"),
        ];
        each(open_close, &expected);
    }

    #[test]
    fn traditional_chinese_lists_and_dates() {
        let names = ["德國".to_owned(), "法國".to_owned(), "義大利".to_owned()];
        assert_eq!(LocaleInfo::new("zh-TW", None).and_list(&names), "德國、法國和義大利");
        assert_eq!(LocaleInfo::new("zh-Hant", None).date(2025, 11, 12), "2025年11月12日");
        let hebrew = ["גרמניה".to_owned(), "צרפת".to_owned()];
        assert_eq!(LocaleInfo::new("he", None).and_list(&hebrew), "גרמניה וצרפת");
    }

    #[test]
    fn script_and_direction() {
        let ar = LocaleInfo::new("ar", None);
        assert!(ar.rtl);
        assert_eq!(ar.script, "Arab");
        assert_eq!(LocaleInfo::new("zh", None).script, "Hans");
        assert!(!LocaleInfo::new("ru", None).rtl);
        assert_eq!(LocaleInfo::new("pt-BR", None).region.as_deref(), Some("BR"));
    }
}
