//! Load stage, model: the forms a value may take in `brief.toml` beyond what derive
//! gives: a point is a string or a key figure, a recommendation a string or a table, a
//! number an integer or a decimal, and `by` one State or a list of them.

use std::fmt;

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Figure, Number, Point, Recommendation};

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

impl<'de> Deserialize<'de> for Recommendation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// The table form of a recommendation.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields, rename_all = "kebab-case")]
        struct Detailed {
            text: String,
            #[serde(default)]
            points: IndexMap<String, String>,
        }
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
                let d = Detailed::deserialize(de::value::MapAccessDeserializer::new(map))?;
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
}
