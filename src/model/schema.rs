//! Load stage, model: the JSON Schema of `brief.toml` and of translation files, made from
//! the model's types and their doc comments (schemars), for editors (Taplo, Even Better
//! TOML) to complete and check the files as they are typed.
//!
//! Draft-07, because Taplo validates with a draft-07 validator. The translation schema is
//! the source's with every field marked `x-source-only` removed (numbers, codes, addresses,
//! file names: what a translation may not hold, see `load/translation.rs`) and every key
//! made optional.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};
use serde_json::{Map, Value};

use super::de::DURATION_PATTERN;
use super::{Brief, Figure, Number, Point, Recommendation, Slot};
use crate::labels;

/// Marks a field that only the source may hold.
const SOURCE_ONLY: &str = "x-source-only";

/// The JSON Schema of a briefing's `brief.toml`.
pub(crate) fn source_schema() -> Value {
    let mut schema = generated();
    strip_marks(&mut schema);
    schema
}

/// The JSON Schema of a translation file (`fr.toml`): the source's structure with only
/// its translatable texts, every key optional, plus `[labels]` and `[states]`.
pub(crate) fn translation_schema() -> Value {
    let mut schema = generated();
    translatable_only(&mut schema);
    if let Some(root) = schema.as_object_mut() {
        root.insert("title".into(), "Translation of a briefing".into());
        root.insert(
            "description".into(),
            "A translation file beside `brief.toml`, named by its language (`fr.toml`): the \
             source's keys with translated text. Numbers, State codes, addresses and file names \
             come from the source. Every key is optional; a key left out falls back to the source."
                .into(),
        );
    }
    schema
}

fn generated() -> Value {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<Brief>().to_value();
    drop_null(&mut schema);
    schema
}

/// Calls `edit` on every object of `value`, outermost first.
fn each_object(value: &mut Value, edit: &mut dyn FnMut(&mut Map<String, Value>)) {
    match value {
        Value::Object(map) => {
            edit(map);
            map.values_mut().for_each(|child| each_object(child, edit));
        }
        Value::Array(items) => items.iter_mut().for_each(|child| each_object(child, edit)),
        _ => {}
    }
}

/// TOML has no null: an optional field is one left out, not one set to `null`. Removes the
/// `null` that schemars allows for `Option` fields, and their `default: null`.
fn drop_null(value: &mut Value) {
    each_object(value, &mut |map| {
        if map.get("default") == Some(&Value::Null) {
            map.remove("default");
        }
        if let Some(Value::Array(types)) = map.get_mut("type") {
            types.retain(|t| t != "null");
            if let [only] = types.as_slice() {
                let only = only.clone();
                map.insert("type".into(), only);
            }
        }
        if let Some(Value::Array(any)) = map.get_mut("anyOf") {
            any.retain(|s| s.get("type") != Some(&Value::from("null")));
            if any.len() == 1
                && let Some(any) = map.remove("anyOf")
            {
                map.insert("allOf".into(), any);
            }
        }
    });
}

/// Removes the `x-source-only` marks.
fn strip_marks(value: &mut Value) {
    each_object(value, &mut |map| {
        map.remove(SOURCE_ONLY);
    });
}

/// Removes the properties marked source-only, and every `required` list.
fn translatable_only(value: &mut Value) {
    each_object(value, &mut |map| {
        map.remove("required");
        if let Some(Value::Object(properties)) = map.get_mut("properties") {
            properties.retain(|_, property| !is_source_only(property));
        }
    });
}

fn is_source_only(property: &Value) -> bool {
    let marked = |map: &Map<String, Value>| map.get(SOURCE_ONLY) == Some(&Value::Bool(true));
    match property {
        Value::Object(map) => {
            // schemars puts the mark beside the type, or in an `allOf` around a `$ref`.
            marked(map)
                || map
                    .get("allOf")
                    .and_then(Value::as_array)
                    .is_some_and(|all| all.iter().any(|s| s.as_object().is_some_and(marked)))
        }
        _ => false,
    }
}

impl JsonSchema for Point {
    fn schema_name() -> Cow<'static, str> {
        "Point".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A point: a string (`no-plan = \"No national action plan\"`), or a key \
                            figure table with `text` (holding `{value}`), `value` and an optional \
                            `source`.",
            "anyOf": [
                { "type": "string", "description": "A bullet of text." },
                generator.subschema_for::<Figure>(),
            ],
        })
    }
}

impl JsonSchema for Recommendation {
    fn schema_name() -> Cow<'static, str> {
        "Recommendation".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "One of our recommendations: a string, or a table with `text` and \
                            sub-`points`.",
            "anyOf": [
                { "type": "string", "description": "The recommendation." },
                {
                    "type": "object",
                    "description": "A recommendation with sub-points.",
                    "properties": {
                        "text": { "type": "string", "description": "The recommendation." },
                        "points": {
                            "type": "object",
                            "description": "Sub-points, keyed by a stable id. Optional.",
                            "additionalProperties": { "type": "string" },
                        },
                    },
                    "required": ["text"],
                    "additionalProperties": false,
                },
            ],
        })
    }
}

impl JsonSchema for Number {
    fn schema_name() -> Cow<'static, str> {
        "Number".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "number" })
    }
}

impl JsonSchema for Slot {
    fn schema_name() -> Cow<'static, str> {
        "Slot".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": DURATION_PATTERN,
            "examples": ["6 min", "6m", "5:30", "90 s"],
        })
    }
}

/// A TOML date (`2024-11-04`), which editors hand to the schema as a string.
pub(super) struct Date;

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date" })
    }
}

/// `by`: one State, or a list of them.
pub(super) struct OneOrMany;

impl JsonSchema for OneOrMany {
    fn schema_name() -> Cow<'static, str> {
        "States".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" }, "minItems": 1 },
            ],
        })
    }
}

/// `[labels]`: each of the template's labels, with its English text.
pub(super) fn labels(_: &mut SchemaGenerator) -> Schema {
    let english = labels::builtin(labels::FALLBACK).unwrap_or_default();
    let properties: Map<String, Value> = english
        .into_iter()
        .map(|(key, text)| {
            let description = format!("In English: \"{text}\"");
            (key, serde_json::json!({ "type": "string", "description": description }))
        })
        .collect();
    json_schema!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn property<'a>(schema: &'a Value, path: &[&str]) -> Option<&'a Value> {
        path.iter().try_fold(schema, |value, key| value.get("properties")?.get(key))
    }

    #[test]
    fn every_field_has_a_description() {
        let schema = source_schema();
        let mut missing = Vec::new();
        let definitions = schema["definitions"].as_object().expect("definitions");
        let objects =
            std::iter::once(("Brief", &schema)).chain(definitions.iter().map(|(k, v)| (k.as_str(), v)));
        for (name, object) in objects {
            for (field, value) in object.get("properties").and_then(Value::as_object).into_iter().flatten() {
                if value.get("description").is_none() {
                    missing.push(format!("{name}.{field}"));
                }
            }
        }
        assert!(missing.is_empty(), "fields without a description: {missing:?}");
        assert!(!schema.to_string().contains(SOURCE_ONLY));
    }

    #[test]
    fn translations_hold_only_translatable_text() {
        let schema = translation_schema();
        for path in [&["lang"][..], &["date"], &["slot"]] {
            assert!(property(&schema, path).is_none(), "{path:?}");
        }
        assert!(property(&schema, &["title"]).is_some());
        assert!(property(&schema, &["labels", "thank-you"]).is_some());
        let figure = &schema["definitions"]["Figure"];
        assert!(property(figure, &["text"]).is_some());
        assert!(property(figure, &["value"]).is_none());
        assert!(property(&schema["definitions"]["Previous"], &["by"]).is_none());
        assert!(!schema.to_string().contains("\"required\""));
    }
}
