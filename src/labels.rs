//! Resolve stage, labels: the template's own words ("Current situation", "Thank you!")
//! per language, from the tables in `templates/labels/`, with a briefing's overrides.

use icu_locale::LocaleExpander;
use icu_locale_core::LanguageIdentifier;
use indexmap::IndexMap;

use crate::assets::LABELS;
use crate::diag::Diagnostic;
use crate::suggest::did_you_mean;

/// The language whose labels stand in for a language the tool does not ship.
pub(crate) const FALLBACK: &str = "en";

/// The label keys every table defines, in the order of `en.toml`.
pub(crate) fn keys() -> Vec<String> {
    builtin(FALLBACK).expect("the fallback labels are built in").into_keys().collect()
}

/// Checks that `key` names a label, suggesting the closest one if not.
pub(crate) fn check_key(key: &str) -> Result<(), Diagnostic> {
    let keys = keys();
    if keys.iter().any(|k| k == key) {
        return Ok(());
    }
    let mut message = format!("unknown label `{key}`");
    if let Some(best) = did_you_mean(key, keys.iter().map(String::as_str)) {
        message.push_str(&format!(", did you mean `{best}`?"));
    }
    Err(Diagnostic::error(message).hint(format!("the labels are {}", backticked(&keys))))
}

/// The built-in table for `lang`: its own, its language and script's (`zh-Hant` for
/// `zh-TW`), or its language's (`pt` for `pt-BR`) when that is written in the same script
/// (never `zh`, Simplified, for a Traditional Chinese language).
pub(crate) fn builtin(lang: &str) -> Option<IndexMap<String, String>> {
    let code = table(lang)?;
    let text = LABELS.iter().find(|(c, _)| *c == code)?.1;
    Some(toml::from_str(text).expect("the label tables are part of the binary and checked by a unit test"))
}

/// The code of the built-in table that serves `lang`, if one does.
fn table(lang: &str) -> Option<&'static str> {
    let shipped = |code: &str| LABELS.iter().map(|(c, _)| *c).find(|c| c.eq_ignore_ascii_case(code));
    if let Some(code) = shipped(lang) {
        return Some(code);
    }
    let id = LanguageIdentifier::try_from_str(lang).ok()?;
    let (language, script) = likely_script(&id);
    let with_script = script.as_ref().map(|s| format!("{language}-{s}"));
    if let Some(code) = with_script.as_deref().and_then(shipped) {
        return Some(code);
    }
    let code = shipped(&language)?;
    let same_script = LanguageIdentifier::try_from_str(code).is_ok_and(|c| likely_script(&c).1 == script);
    same_script.then_some(code)
}

/// A language's subtag and its script, written or likely (`Hant` for `zh-TW`).
fn likely_script(id: &LanguageIdentifier) -> (String, Option<String>) {
    let mut likely = id.clone();
    LocaleExpander::new_common().maximize(&mut likely);
    (id.language.to_string(), likely.script.map(|s| s.to_string()))
}

/// The languages with built-in labels.
#[cfg(test)]
fn shipped() -> impl Iterator<Item = &'static str> {
    LABELS.iter().map(|(code, _)| *code)
}

fn backticked(keys: &[String]) -> String {
    keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_parses_and_has_every_key() {
        let keys = keys();
        assert!(keys.contains(&"current-situation".to_owned()));
        for lang in shipped() {
            let table = builtin(lang).unwrap_or_else(|| panic!("{lang}.toml does not parse"));
            let table_keys: Vec<String> = table.into_keys().collect();
            assert_eq!(table_keys, keys, "labels of {lang}");
        }
    }

    #[test]
    fn regional_variants_use_their_language() {
        assert_eq!(builtin("ru-RU").unwrap()["contact"], "Контакты");
        assert!(builtin("xx").is_none());
    }

    #[test]
    fn traditional_chinese_never_gets_simplified_labels() {
        for lang in ["zh-Hant", "zh-TW", "zh-HK", "zh-MO", "zh-Hant-CN", "zh-hant"] {
            assert_eq!(table(lang), Some("zh-Hant"), "{lang}");
        }
        for lang in ["zh", "zh-Hans", "zh-CN", "zh-SG", "zh-Hans-HK"] {
            assert_eq!(table(lang), Some("zh"), "{lang}");
        }
        assert_eq!(builtin("zh-TW").unwrap()["current-situation"], "目前情況");
        // A language written in another script than its built-in table is not served by it.
        assert_eq!(table("ru-Latn"), None);
        assert_eq!(table("he-IL"), Some("he"));
        assert_eq!(table("hi-IN"), Some("hi"));
    }

    #[test]
    fn unknown_keys_get_a_suggestion() {
        let error = check_key("thankyou").unwrap_err();
        assert!(error.message.contains("did you mean `thank-you`?"), "{}", error.message);
    }
}
