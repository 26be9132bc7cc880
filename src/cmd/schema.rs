//! `brief schema`: the JSON Schema of source or translation files, for editors.

use std::process::ExitCode;

use crate::model;

/// Prints the schema of `brief.toml`, or with `translation`, of translation files.
pub(crate) fn run(translation: bool) -> ExitCode {
    crate::terminal::out(text(translation));
    ExitCode::SUCCESS
}

/// The schema as written to `schema/*.schema.json`: pretty JSON.
pub(crate) fn text(translation: bool) -> String {
    let schema = if translation { model::translation_schema() } else { model::source_schema() };
    serde_json::to_string_pretty(&schema).expect("a JSON value serializes")
}
