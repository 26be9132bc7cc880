//! The template authors' guide: the table of every field of `/data.json` in
//! `templates/README.md`, generated from the data contract (`templates/data.rs`) with
//! schemars, its doc comments becoming the descriptions. A test keeps the two in sync;
//! `UPDATE_TEMPLATE_GUIDE=1 cargo test template_guide` rewrites the table.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::data::Document;

/// The line before the generated table in `templates/README.md`.
const START: &str = "<!-- data fields: generated from templates/data.rs by `UPDATE_TEMPLATE_GUIDE=1 cargo test template_guide` -->";
/// The line after it.
const END: &str = "<!-- end of data fields -->";

/// The environment variable that rewrites the guide's generated parts instead of checking
/// them.
pub(crate) const UPDATE: &str = "UPDATE_TEMPLATE_GUIDE";

/// Types used in many places, shown in a table of their own: schema name, name in the
/// tables, what the table's heading says.
const SHARED: [(&str, &str, &str); 2] = [
    ("Run", "text", "### A text: a list of runs"),
    ("Item", "item", "### An item: a bullet or a key figure"),
];

/// One row of a table.
struct Row {
    path: String,
    kind: String,
    nullable: bool,
    about: String,
}

/// What a field holds: its type's name, whether it may be `null`, and the object schema
/// whose fields are listed below it (for a nested object, or a list of them).
struct Shape<'a> {
    name: String,
    nullable: bool,
    fields: Option<(&'a Value, &'static str)>,
}

/// The generated part of the guide: the field table and the tables of the shared types.
pub(crate) fn field_tables() -> String {
    let schema = schemars::schema_for!(Document).to_value();
    let defs = &schema["$defs"];
    let mut rows = Vec::new();
    object_rows(&schema, defs, "", &mut rows);
    let mut out = table(&rows);
    for (name, _, heading) in SHARED {
        let def = &defs[name];
        out.push_str(&format!("\n{heading}\n\n{}\n\n", about(def)));
        let mut rows = Vec::new();
        if let Some(Value::Array(variants)) = def.get("oneOf") {
            for variant in variants {
                let tag = &variant["properties"]["kind"]["const"];
                rows.push(Row {
                    path: format!("kind: {tag}"),
                    kind: String::new(),
                    nullable: false,
                    about: about(variant),
                });
                object_rows(variant, defs, "", &mut rows);
                rows.retain(|row| row.path != "kind");
            }
        } else {
            object_rows(def, defs, "", &mut rows);
        }
        out.push_str(&table(&rows));
    }
    out
}

/// The rows of every field of the object `schema`, each path after `prefix`, nested
/// objects' fields after their own row.
fn object_rows(schema: &Value, defs: &Value, prefix: &str, rows: &mut Vec<Row>) {
    let Some(Value::Object(properties)) = schema.get("properties") else { return };
    for (name, field) in properties {
        let path = format!("{prefix}{name}");
        let shape = shape(field, defs);
        rows.push(Row {
            path: path.clone(),
            kind: shape.name,
            nullable: shape.nullable,
            about: about(field),
        });
        if let Some((object, suffix)) = shape.fields {
            object_rows(object, defs, &format!("{path}{suffix}."), rows);
        }
    }
}

/// The shape of the field schema `field`.
fn shape<'a>(field: &'a Value, defs: &'a Value) -> Shape<'a> {
    if let Some(Value::String(target)) = field.get("$ref") {
        let name = target.rsplit('/').next().unwrap_or_default();
        if let Some((_, shown, _)) = SHARED.iter().find(|(shared, ..)| *shared == name) {
            return Shape { name: (*shown).to_owned(), nullable: false, fields: None };
        }
        return Shape { name: "object".into(), nullable: false, fields: Some((&defs[name], "")) };
    }
    if let Some(Value::Array(any)) = field.get("anyOf") {
        let null = |v: &&Value| v.get("type") == Some(&Value::from("null"));
        let mut inner =
            any.iter().find(|v| !null(v)).map_or_else(|| shape(&Value::Null, defs), |v| shape(v, defs));
        inner.nullable |= any.iter().any(|v| null(&v));
        return inner;
    }
    let types: Vec<&str> = match field.get("type") {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let nullable = types.contains(&"null");
    let main = types.iter().find(|t| **t != "null").copied().unwrap_or("any");
    match main {
        "array" => {
            let runs = field["items"]["$ref"].as_str().is_some_and(|r| r.ends_with("/Run"));
            let items = shape(&field["items"], defs);
            if runs {
                return Shape { name: "text".into(), nullable, fields: None };
            }
            let name = format!("list of {}", plural(&items.name));
            Shape { name, nullable, fields: items.fields.map(|(object, _)| (object, "[]")) }
        }
        "object" => {
            let values = shape(&field["additionalProperties"], defs);
            Shape { name: format!("map of {}", plural(&values.name)), nullable, fields: None }
        }
        other => Shape { name: other.to_owned(), nullable, fields: None },
    }
}

/// `text` → `texts`, `list of integers` stays.
fn plural(name: &str) -> String {
    if name.starts_with("list of") || name.starts_with("map of") {
        name.to_owned()
    } else {
        format!("{name}s")
    }
}

/// A schema's description, on one line, with `|` escaped for a table cell.
fn about(schema: &Value) -> String {
    let text = schema.get("description").and_then(Value::as_str).unwrap_or_default();
    text.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|")
}

/// `rows` as a Markdown table.
fn table(rows: &[Row]) -> String {
    let mut out = String::from("| field | type | present | what it is |\n|---|---|---|---|\n");
    for row in rows {
        let present = if row.path.starts_with("kind: ") {
            ""
        } else if row.nullable {
            "or `null`"
        } else {
            "always"
        };
        out.push_str(&format!("| `{}` | {} | {present} | {} |\n", row.path, row.kind, row.about));
    }
    out
}

/// The guide, `templates/README.md`.
pub(crate) fn guide_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/README.md")
}

/// `guide` with the text between its markers replaced by `generated`, or `None` if it
/// lacks them.
fn with_tables(guide: &str, generated: &str) -> Option<String> {
    let start = guide.find(START)? + START.len();
    let end = start + guide[start..].find(END)?;
    Some(format!("{}\n\n{generated}\n{}", &guide[..start], &guide[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn template_guide_field_table_matches_data_rs() {
        let path = guide_path();
        let guide = std::fs::read_to_string(&path).expect("templates/README.md");
        let expected = with_tables(&guide, &field_tables())
            .unwrap_or_else(|| panic!("templates/README.md lacks the lines `{START}` and `{END}`"));
        if std::env::var_os(UPDATE).is_some() {
            std::fs::write(&path, &expected).expect("write templates/README.md");
            return;
        }
        assert!(
            guide == expected,
            "the field table of templates/README.md is out of date with templates/data.rs: \
             regenerate it with\n  {UPDATE}=1 cargo test template_guide"
        );
    }

    #[test]
    fn every_field_of_the_data_has_a_description() {
        let tables = field_tables();
        let bare: Vec<&str> = tables.lines().filter(|line| line.ends_with("|  |")).collect();
        assert!(bare.is_empty(), "fields without a doc comment in templates/data.rs: {bare:#?}");
    }
}
