//! Resolve stage, States: names of recommending States per language, from CLDR's
//! territory names (`data/territories.json`, see [`super::cldr`]).

use super::cldr;

/// The name of the State `code` in `lang`, if CLDR has it: the language's own, or that of
/// the locale it falls back to (`zh-TW` → `zh-Hant`); English, if the language has none.
pub(crate) fn name(code: &str, lang: &str) -> Option<&'static str> {
    cldr::territories().get(&cldr::chain(lang), code).map(|name| name.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_states_in_each_un_language() {
        assert_eq!(name("AM", "en"), Some("Armenia"));
        assert_eq!(name("AM", "fr"), Some("Arménie"));
        assert_eq!(name("AM", "ru"), Some("Армения"));
        assert_eq!(name("AM", "ar"), Some("أرمينيا"));
        assert_eq!(name("AM", "zh"), Some("亚美尼亚"));
        assert_eq!(name("AM", "es-MX"), Some("Armenia"));
        assert_eq!(name("LK", "en"), Some("Sri Lanka"));
        assert_eq!(name("XX", "en"), None);
    }

    #[test]
    fn names_states_in_every_language_cldr_has() {
        assert_eq!(name("DE", "zh-Hant"), Some("德國"));
        assert_eq!(name("DE", "zh-TW"), Some("德國"));
        assert_eq!(name("IT", "zh-HK"), Some("意大利"));
        assert_eq!(name("IT", "zh-MO"), Some("意大利"));
        assert_eq!(name("DE", "he"), Some("גרמניה"));
        assert_eq!(name("DE", "hi"), Some("जर्मनी"));
        assert_eq!(name("DE", "ur"), Some("جرمنی"));
        assert_eq!(name("DE", "uk"), Some("Німеччина"));
        assert_eq!(name("DE", "sw"), Some("Ujerumani"));
        // A language CLDR has no names for falls back to English.
        assert_eq!(name("DE", "tlh"), Some("Germany"));
    }
}
