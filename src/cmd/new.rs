//! `brief new <name>`: starts a briefing, `briefs/<name>/brief.toml`, from an example that
//! shows every field, and the JSON Schemas its `#:schema` line points at.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::diag::{Diagnostic, display_path};

use crate::labels;
use crate::load::SOURCE_FILE;
use crate::terminal;

/// Where the schemas go, relative to the folder that holds `briefs/`, as the scaffold's
/// `#:schema ../../schema/brief.schema.json` expects.
const SCHEMA_FOLDER: &str = "schema";

/// The schema files: name, and whether it is the translation schema.
pub(crate) const SCHEMA_FILES: [(&str, bool); 2] =
    [("brief.schema.json", false), ("translation.schema.json", true)];

/// Writes the new briefing `name` in `lang` under the current folder.
pub(crate) fn run(name: &str, lang: &str) -> ExitCode {
    match scaffold(name, lang) {
        Ok(written) => {
            terminal::print_written(&written);
            terminal::print_next_steps(&Path::new(super::DEFAULT_FOLDER).join(name), lang);
            ExitCode::SUCCESS
        }
        Err(diagnostic) => super::fail(diagnostic),
    }
}

fn scaffold(name: &str, lang: &str) -> Result<Vec<PathBuf>, Diagnostic> {
    let dir = Path::new(super::DEFAULT_FOLDER).join(name);
    let file = dir.join(SOURCE_FILE);
    if file.exists() {
        return Err(Diagnostic::error(format!("`{}` already holds a briefing", display_path(&dir)))
            .hint(format!("choose another name, or edit `{}`", display_path(&file))));
    }
    let write = |path: &Path, text: &str| crate::folder::write_atomic(path, text.as_bytes());
    write(&file, &brief_toml(lang)).map_err(|e| Diagnostic::io("write", &file, &e))?;
    let mut written = vec![file];
    for (schema, translation) in SCHEMA_FILES {
        let path = Path::new(SCHEMA_FOLDER).join(schema);
        if !path.exists() {
            let text = super::schema::text(translation) + "\n";
            write(&path, &text).map_err(|e| Diagnostic::io("write", &path, &e))?;
            written.push(path);
        }
    }
    Ok(written)
}

/// The scaffold in `lang`. A language without built-in labels gets a `[labels]` table to
/// translate, so that it builds without falling back to English.
pub(crate) fn brief_toml(lang: &str) -> String {
    let labels = if labels::builtin(lang).is_some() {
        "\n# The template's own words, changed for this briefing (`brief schema` lists them all).\n\
         # [labels]\n# thank-you = \"Thank you for your attention!\"\n"
            .to_owned()
    } else {
        let english = labels::builtin(labels::FALLBACK).unwrap_or_default();
        let mut table = format!(
            "\n# The template's own words: `{lang}` has none built in, so here they are in English,\n\
             # to translate. `{{…}}` marks where the tool puts a value.\n[labels]\n"
        );
        for (key, text) in english {
            table.push_str(&format!("{key} = {}\n", toml::Value::String(text)));
        }
        table
    };
    crate::assets::SCAFFOLD.replace("{lang}", lang).replace("{labels}\n", &labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scaffold_reads_as_a_briefing_in_any_language() {
        for lang in ["en", "fr", "de"] {
            let text = brief_toml(lang);
            assert!(text.starts_with("#:schema ../../schema/brief.schema.json\n"));
            let brief: crate::model::Brief = toml::from_str(&text).expect("the scaffold parses");
            assert_eq!(brief.lang, lang);
            assert_eq!(brief.labels.is_empty(), lang != "de", "{lang}");
        }
    }
}
