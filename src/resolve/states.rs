//! Resolve stage, States: names of recommending States per language, from CLDR.
//!
//! `data/territories.json` is generated from the Unicode CLDR by
//! `scripts/cldr-territories.py`; see `data/LICENSE-UNICODE`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// The CLDR names, by language, then by ISO 3166 code; borrowed from the embedded file
/// where they can be (the names are read on every build, the no-op one included).
#[derive(Deserialize)]
struct Territories {
    #[serde(borrow)]
    names: HashMap<&'static str, HashMap<&'static str, Cow<'static, str>>>,
}

fn territories() -> &'static Territories {
    static DATA: OnceLock<Territories> = OnceLock::new();
    DATA.get_or_init(|| {
        serde_json::from_str(crate::assets::TERRITORIES)
            .expect("data/territories.json is part of the binary and checked by a unit test")
    })
}

/// The name of the State `code` in `lang` (or its language subtag), if CLDR has it here.
pub(crate) fn name(code: &str, lang: &str) -> Option<&'static str> {
    let names = &territories().names;
    let base = lang.split(['-', '_']).next().unwrap_or(lang);
    let table = names.get(lang).or_else(|| names.get(base))?;
    table.get(code).map(|name| name.as_ref())
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
}
