//! Resolve stage, labels: the template's own words ("Current situation", "Thank you!")
//! per language, from the tables in `templates/labels/`, with a briefing's overrides.

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

/// The built-in table for `lang`, or for its language subtag (`pt` for `pt-BR`).
pub(crate) fn builtin(lang: &str) -> Option<IndexMap<String, String>> {
    let base = lang.split(['-', '_']).next().unwrap_or(lang);
    let text = LABELS
        .iter()
        .find(|(code, _)| *code == lang)
        .or_else(|| LABELS.iter().find(|(code, _)| *code == base))?
        .1;
    Some(toml::from_str(text).expect("the label tables are part of the binary and checked by a unit test"))
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
    fn unknown_keys_get_a_suggestion() {
        let error = check_key("thankyou").unwrap_err();
        assert!(error.message.contains("did you mean `thank-you`?"), "{}", error.message);
    }
}
