//! Load stage, model: the forms a value may take in `brief.toml` beyond what derive
//! gives: a point is a string or a key figure, a recommendation a string or a table, a
//! number an integer or a decimal, `by` one State or a list of them, and a `slot` a
//! duration written as people write one (`"6 min"`, `"5:30"`).

use std::fmt;

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Figure, Number, Numbers, Point, Recommendation, Response, Slot};
use crate::suggest::did_you_mean;

impl<'de> Deserialize<'de> for Point {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PointVisitor;
        impl<'de> Visitor<'de> for PointVisitor {
            type Value = Point;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a key figure table with `text` and `value`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Point, E> {
                Ok(Point::Text(text.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Point, A::Error> {
                Figure::deserialize(de::value::MapAccessDeserializer::new(map)).map(Point::Figure)
            }
        }
        deserializer.deserialize_any(PointVisitor)
    }
}

/// The table form of a recommendation: `{ text = "…", points.a = "…" }`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RecommendationTable {
    text: String,
    #[serde(default)]
    points: IndexMap<String, String>,
}

impl<'de> Deserialize<'de> for Recommendation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RecommendationVisitor;
        impl<'de> Visitor<'de> for RecommendationVisitor {
            type Value = Recommendation;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a table with `text` and `points`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Recommendation, E> {
                Ok(Recommendation { text: text.to_owned(), points: IndexMap::new() })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Recommendation, A::Error> {
                let d = RecommendationTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Recommendation { text: d.text, points: d.points })
            }
        }
        deserializer.deserialize_any(RecommendationVisitor)
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, such as 1899000 or 12.5 (without quotes)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number::Integer(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                i64::try_from(v).map(Number::Integer).map_err(|_| E::custom("number too large"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                Ok(Number::Float(v))
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

/// Accepts `"AM"` as well as `["AM", "FR"]`.
pub(super) fn one_or_many<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    struct OneOrMany;
    impl<'de> Visitor<'de> for OneOrMany {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a State (ISO 3166 code such as \"AM\", or a name) or a list of them")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<String>, E> {
            Ok(vec![v.to_owned()])
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut states = Vec::new();
            while let Some(state) = seq.next_element::<String>()? {
                states.push(state);
            }
            Ok(states)
        }
    }
    deserializer.deserialize_any(OneOrMany)
}

impl<'de> Deserialize<'de> for Slot {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match parse_duration(&text) {
            Some(0) => Err(de::Error::custom("the slot must be longer than zero")),
            Some(seconds) => Ok(Slot { seconds }),
            None => Err(de::Error::custom(format!(
                "`{text}` is not a duration; write it like \"6 min\", \"6m\", \"5:30\" or \"90 s\""
            ))),
        }
    }
}

impl<'de> Deserialize<'de> for Numbers {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Numbers::parse(&text).map_err(de::Error::custom)
    }
}

impl Numbers {
    /// Reads `latn` or `native`; else says what is accepted, with the nearest value.
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        match text {
            "latn" => Ok(Numbers::Latn),
            "native" => Ok(Numbers::Native),
            _ => {
                let mut message = format!("unknown digits `{text}`");
                if let Some(best) = did_you_mean(text, Numbers::NAMES) {
                    message.push_str(&format!(", did you mean `{best}`?"));
                }
                message
                    .push_str("; write `latn` for Western digits (0–9) or `native` for the language's own");
                Err(message)
            }
        }
    }
}

impl<'de> Deserialize<'de> for Response {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        match text.as_str() {
            "supported" => Ok(Response::Supported),
            "noted" => Ok(Response::Noted),
            _ => {
                let mut message = format!("unknown response `{text}`");
                if let Some(best) = did_you_mean(&text, Response::NAMES) {
                    message.push_str(&format!(", did you mean `{best}`?"));
                }
                message.push_str("; write `supported` or `noted`, as the State under review answered");
                Err(de::Error::custom(message))
            }
        }
    }
}

/// Reads UPR Info's action category, a whole number from 1 to 5.
pub(super) fn action<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u8>, D::Error> {
    let value = i64::deserialize(deserializer)?;
    match u8::try_from(value) {
        Ok(category @ 1..=5) => Ok(Some(category)),
        _ => Err(de::Error::custom(format!(
            "`action` is UPR Info's action category, a whole number from 1 to 5, not {value}"
        ))),
    }
}

/// The forms of a duration, as a regular expression (for the JSON Schema); what
/// [`parse_duration`] reads.
pub(super) const DURATION_PATTERN: &str = r"^ *([0-9]+:[0-5][0-9]|[0-9]+(\.[0-9]+)? *(m|min|mins|minutes?)( *[0-9]+ *(s|sec|secs|seconds?))?|[0-9]+ *(s|sec|secs|seconds?)) *$";

/// Reads `"6 min"`, `"6m"`, `"5.5 min"`, `"5 min 30 s"`, `"5:30"` or `"90 s"` as seconds.
pub(crate) fn parse_duration(text: &str) -> Option<u32> {
    let text = text.trim();
    if let Some((minutes, seconds)) = text.split_once(':') {
        if seconds.len() != 2 {
            return None;
        }
        let (minutes, seconds) = (digits(minutes)?, digits(seconds)?);
        return (seconds < 60).then(|| minutes.checked_mul(60)?.checked_add(seconds)).flatten();
    }
    let (number, rest) = split_number(text)?;
    let (unit, rest) = split_unit(rest);
    match unit {
        "s" | "sec" | "secs" | "second" | "seconds" if rest.is_empty() => digits(number),
        "m" | "min" | "mins" | "minute" | "minutes" => {
            let minutes = number.parse::<f64>().ok()? * 60.0;
            let seconds = if rest.is_empty() {
                0
            } else {
                let (number, rest) = split_number(rest)?;
                match split_unit(rest) {
                    ("s" | "sec" | "secs" | "second" | "seconds", "") => digits(number)?,
                    _ => return None,
                }
            };
            let total = minutes.round() + f64::from(seconds);
            (total <= f64::from(u32::MAX)).then_some(total as u32)
        }
        _ => None,
    }
}

fn digits(text: &str) -> Option<u32> {
    let text = text.trim();
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// Splits `"5.5 min"` into `"5.5"` and `"min"`.
fn split_number(text: &str) -> Option<(&str, &str)> {
    let end = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, rest) = text.split_at(end);
    let valid = !number.is_empty() && !number.starts_with('.') && !number.ends_with('.');
    (valid && number.matches('.').count() <= 1).then_some((number, rest.trim_start()))
}

/// Splits `"min 30 s"` into `"min"` and `"30 s"`.
fn split_unit(text: &str) -> (&str, &str) {
    let end = text.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(text.len());
    (&text[..end], text[end..].trim_start())
}

#[cfg(test)]
mod tests {
    use super::super::Section;
    use super::*;

    #[test]
    fn points_are_text_or_figures() {
        let section: Section = toml::from_str(
            "heading = \"H\"\n[items]\na = \"plain\"\nb = { text = \"{value} people\", value = 12 }\n",
        )
        .expect("parses");
        assert!(matches!(section.items["a"], Point::Text(ref t) if t == "plain"));
        assert!(matches!(section.items["b"], Point::Figure(ref f) if f.value == Some(Number::Integer(12))));
    }

    #[test]
    fn durations_are_read_as_people_write_them() {
        for (text, seconds) in [
            ("6 min", 360),
            ("6m", 360),
            ("6 minutes", 360),
            ("1 minute", 60),
            ("5.5 min", 330),
            ("5 min 30 s", 330),
            ("5m30s", 330),
            ("5:30", 330),
            (" 0:45 ", 45),
            ("90 s", 90),
            ("90s", 90),
            ("90 seconds", 90),
        ] {
            assert_eq!(parse_duration(text), Some(seconds), "{text}");
        }
        for text in
            ["", "six", "6", "6 h", "5:3", "5:60", "5::30", ":30", "5 s 3 min", ".5 min", "1.5 s", "6 min 5"]
        {
            assert_eq!(parse_duration(text), None, "{text}");
        }
    }
}
