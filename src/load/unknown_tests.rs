use serde_json::Value;
use toml_edit::{DocumentMut, ImDocument, Item, Table};

use super::*;

fn unknown_in(text: &str) -> Vec<Diagnostic> {
    let file = SourceFile::new("brief.toml", text);
    unknown_keys(&file, &Spans::new(ImDocument::parse(text.to_owned()).expect("TOML")))
}

#[test]
fn every_unknown_key_is_reported_at_its_place() {
    let text = "lang = \"en\"\ntitel = \"T\"\n[issues.one]\ntitle = \"I\"\nsumary = \"S\"\n\
                [issues.one.findings.f]\ntitle = \"F\"\nsituation = { summary = \"x\", pionts.a = \"y\" }\n";
    let found = unknown_in(text);
    let messages: Vec<_> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "unknown field `titel`, did you mean `title`?",
            "unknown field `sumary`, did you mean `summary`?",
            "unknown field `pionts`, did you mean `points`?",
        ]
    );
    let places: Vec<_> = found.iter().map(|d| d.span.clone().map(|s| &text[s])).collect();
    assert_eq!(places, [Some("titel"), Some("sumary"), Some("pionts")]);
    assert_eq!(found[2].hints, ["`[issues.one.findings.f.situation]` accepts `summary`, `points`"]);
    assert!(found[0].hints[0].starts_with("the top level accepts `lang`, `title`, `subtitle`"));
}

#[test]
fn figures_recommendations_and_free_tables_are_told_apart() {
    let text = "[developments.items]\na = { text = \"{value}\", valeu = 1 }\n[states]\nXX = \"X\"\n\
                [labels]\nwhatever = \"w\"\n[issues.i.recommendations]\nr = { text = \"t\", points.free = \"p\", x = 1 }\n";
    let found = unknown_in(text);
    let messages: Vec<_> = found.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages, ["unknown field `valeu`, did you mean `value`?", "unknown field `x`"]);
}

/// A document with an unknown key in every table the JSON Schema closes (one entry in
/// each table keyed by ids), and how many it holds: when the model gains a table that
/// [`Struct::field`] does not know, its unknown key goes unreported and this fails.
fn everywhere(node: &Value, definitions: &Value, count: &mut usize) -> Option<Table> {
    let node = resolve(node, definitions);
    let mut table = Table::new();
    if let Some(properties) = node["properties"].as_object().filter(|_| node["additionalProperties"] == false)
    {
        // `[labels]` is closed for editors; to serde it is a map, checked by `resolve`.
        for (name, property) in properties.iter().filter(|(name, _)| *name != "labels") {
            if let Some(inner) = everywhere(property, definitions, count) {
                table.insert(name, Item::Table(inner));
            }
        }
        table.insert("zz-unknown", toml_edit::value(1));
        *count += 1;
        return Some(table);
    }
    let each = &node["additionalProperties"];
    let inner = each.is_object().then(|| everywhere(each, definitions, count)).flatten()?;
    table.insert("id", Item::Table(inner));
    Some(table)
}

/// The schema `node` stands for: a reference followed, the table among alternatives.
fn resolve<'a>(node: &'a Value, definitions: &'a Value) -> &'a Value {
    if let Some(name) = node["$ref"].as_str().and_then(|r| r.strip_prefix("#/definitions/")) {
        return resolve(&definitions[name], definitions);
    }
    let alternatives = node["allOf"].as_array().or(node["anyOf"].as_array());
    let table = alternatives.and_then(|all| {
        all.iter().map(|a| resolve(a, definitions)).find(|a| a["type"] == "object" || all.len() == 1)
    });
    table.unwrap_or(node)
}

#[test]
fn every_table_of_the_model_is_checked() {
    let schema = crate::model::source_schema();
    let mut count = 0;
    let table = everywhere(&schema, &schema["definitions"], &mut count).expect("the root is a table");
    let text = DocumentMut::from(table).to_string();
    let found = unknown_in(&text);
    assert!(count >= 10, "{count} tables in\n{text}");
    assert_eq!(found.len(), count, "{text}");
    assert!(found.iter().all(|d| d.message == "unknown field `zz-unknown`"), "{text}");
}
