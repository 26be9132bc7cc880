//! Writing: `brief new`, `brief schema` (and the schemas the files point at, checked with a
//! JSON Schema validator), `brief completions` and `brief man`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::*;

/// A TOML file as the JSON an editor validates: dates become strings, as Taplo makes them.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    match value {
        toml::Value::String(s) => s.into(),
        toml::Value::Integer(i) => i.into(),
        toml::Value::Float(f) => f.into(),
        toml::Value::Boolean(b) => b.into(),
        toml::Value::Datetime(d) => d.to_string().into(),
        toml::Value::Array(items) => items.into_iter().map(toml_to_json).collect(),
        toml::Value::Table(table) => table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect(),
    }
}

/// The committed schemas, compiled by a JSON Schema validator.
struct Schemas {
    compiled: boon::Schemas,
    source: boon::SchemaIndex,
    translation: boon::SchemaIndex,
}

impl Schemas {
    fn load() -> Self {
        let mut compiler = boon::Compiler::new();
        let mut compiled = boon::Schemas::new();
        let mut index = |name: &str| {
            let path = root().join("schema").join(name);
            let schema: serde_json::Value =
                serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
            let url = format!("file:///schema/{name}");
            compiler.add_resource(&url, schema).unwrap();
            compiler
                .compile(&url, &mut compiled)
                .unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"))
        };
        let (source, translation) = (index("brief.schema.json"), index("translation.schema.json"));
        Self { compiled, source, translation }
    }

    /// Validates a TOML text; the validator's message if it does not hold.
    fn check(&self, text: &str, translation: bool) -> Result<(), String> {
        let json = toml_to_json(toml::from_str(text).expect("TOML"));
        let index = if translation { self.translation } else { self.source };
        self.compiled.validate(&json, index).map_err(|e| format!("{e:#}"))
    }
}

/// The first line of a file that should point at a schema, and where it points.
fn schema_directive(path: &Path) -> PathBuf {
    let text = fs::read_to_string(path).unwrap();
    let first = text.lines().next().unwrap_or_default();
    let target = first.strip_prefix("#:schema ").unwrap_or_else(|| panic!("{}: {first:?}", path.display()));
    path.parent().unwrap().join(target)
}

#[test]
fn brief_schema_prints_the_committed_schemas() {
    for (args, file) in
        [(&["schema"][..], "brief.schema.json"), (&["schema", "--translation"], "translation.schema.json")]
    {
        let run = brief(args);
        run.expect_code(0);
        let printed: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        assert_eq!(printed["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(printed["properties"]["title"]["description"].is_string());
        let committed = fs::read_to_string(root().join("schema").join(file)).unwrap();
        assert!(
            committed == run.stdout,
            "schema/{file} is out of date with the code: regenerate it with\n  cargo run -- {} > schema/{file}",
            args.join(" ")
        );
    }
}

#[test]
fn the_example_points_at_the_schemas_and_validates_against_them() {
    let schemas = Schemas::load();
    let dir = root().join(EXAMPLE);
    let mut files = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let translation = path.file_name().unwrap() != "brief.toml";
        let name = if translation { "translation.schema.json" } else { "brief.schema.json" };
        let target = schema_directive(&path);
        assert!(
            target.ends_with(name) && target.is_file(),
            "{} points at {}",
            path.display(),
            target.display()
        );
        let text = fs::read_to_string(&path).unwrap();
        schemas.check(&text, translation).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        files += 1;
    }
    assert_eq!(files, 6);
}

#[test]
fn the_schemas_reject_what_brief_rejects() {
    let schemas = Schemas::load();
    let source = fs::read_to_string(root().join(EXAMPLE).join("brief.toml")).unwrap();
    for (from, to) in [
        ("\nheading = ", "\nheadline = "),
        ("slot = \"6 min\"", "slot = \"six minutes\""),
        ("value = 1899000", "value = \"1899000\""),
        ("by = \"AM\"", "by = 7"),
    ] {
        let broken = source.replacen(from, to, 1);
        assert_ne!(broken, source);
        assert!(schemas.check(&broken, false).is_err(), "accepted {to}");
    }
    let french = fs::read_to_string(root().join(EXAMPLE).join("fr.toml")).unwrap();
    assert!(schemas.check(&format!("lang = \"fr\"\n{french}"), true).is_err(), "a translation has no `lang`");
    assert!(schemas.check("[labels]\nthankyou = \"Merci\"\n", true).is_err(), "an unknown label");
    assert!(schemas.check("[labels]\nthank-you = \"Merci\"\n", true).is_ok());
}

#[test]
fn the_slot_pattern_of_the_schema_matches_what_brief_reads() {
    let schemas = Schemas::load();
    let with_slot = |slot: &str| {
        format!(
            "lang = \"en\"\ntitle = \"T\"\norganisation = \"O\"\nslot = \"{slot}\"\n[contact]\nemail = \"a@b.c\"\n"
        )
    };
    for slot in ["6 min", "6m", "5:30", "90 s", "5 min 30 s", "5.5 minutes"] {
        assert!(schemas.check(&with_slot(slot), false).is_ok(), "{slot}");
        Fixture::new("slot", &with_slot(slot)).run(&["check"]).expect_code(0);
    }
    for slot in ["six", "6", "5:3", "6 h"] {
        assert!(schemas.check(&with_slot(slot), false).is_err(), "{slot}");
        Fixture::new("slot", &with_slot(slot)).run(&["check"]).input_error();
    }
}

#[test]
fn a_bad_slot_is_an_error_at_its_key() {
    let source = "lang = \"en\"\ntitle = \"T\"\norganisation = \"O\"\nslot = \"six minutes\"\n[contact]\nemail = \"a@b.c\"\n";
    Fixture::new("slot", source)
        .run(&["check"])
        .input_error()
        .stderr_has("error: `slot`: `six minutes` is not a duration; write it like \"6 min\"")
        .stderr_has("briefs/slot/brief.toml:4:8");
}

#[test]
fn a_scaffolded_briefing_builds_with_no_warning_in_any_language() {
    for lang in ["en", "fr", "ar", "zh", "de"] {
        let dir = temp_dir();
        let run = brief_in(dir.path(), &["new", "upr-2025", "--lang", lang]);
        run.expect_code(0).stderr_has("next:").stderr_has("brief build briefs/upr-2025");
        let written: Vec<&str> = run.stdout.lines().collect();
        assert_eq!(
            written,
            ["briefs/upr-2025/brief.toml", "schema/brief.schema.json", "schema/translation.schema.json"]
        );
        let source = dir.path().join("briefs/upr-2025/brief.toml");
        assert!(fs::read_to_string(&source).unwrap().contains(&format!("lang = \"{lang}\"")));
        assert!(schema_directive(&source).is_file(), "the schema it points at is there");
        let build = brief_in(dir.path(), &["build", "briefs/upr-2025"]);
        build.expect_code(0).stderr_lacks("warning").stderr_has("talk time of upr-2025:");
        let out = dir.path().join("out/upr-2025");
        for file in ["handout.pdf", "slides.pdf", "slides.pdfpc"] {
            assert!(out.join(format!("upr-2025.{lang}.{file}")).is_file(), "{lang} {file}");
        }
    }
}

#[test]
fn the_scaffold_validates_against_the_schema_and_documents_every_field() {
    let dir = temp_dir();
    brief_in(dir.path(), &["new", "x"]).expect_code(0);
    let text = fs::read_to_string(dir.path().join("briefs/x/brief.toml")).unwrap();
    Schemas::load().check(&text, false).unwrap();
    // Every field of the schema appears in the scaffold, set or commented out.
    let schema: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("schema/brief.schema.json")).unwrap()).unwrap();
    let mut fields: Vec<&str> =
        schema["properties"].as_object().unwrap().keys().map(String::as_str).collect();
    for definition in schema["definitions"].as_object().unwrap().values() {
        fields.extend(definition["properties"].as_object().into_iter().flatten().map(|(k, _)| k.as_str()));
    }
    for field in fields {
        let shown = [format!("{field} ="), format!("{field}."), format!("{field}]")];
        assert!(shown.iter().any(|s| text.contains(s.as_str())), "`{field}` is not shown");
    }
}

#[test]
fn brief_new_never_overwrites_a_briefing() {
    let dir = temp_dir();
    brief_in(dir.path(), &["new", "upr"]).expect_code(0);
    let source = dir.path().join("briefs/upr/brief.toml");
    fs::write(&source, "lang = \"en\" # mine\n").unwrap();
    brief_in(dir.path(), &["new", "upr"])
        .input_error()
        .stderr_has("error: `briefs/upr` already holds a briefing")
        .stderr_has("hint: choose another name, or edit `briefs/upr/brief.toml`");
    assert_eq!(fs::read_to_string(&source).unwrap(), "lang = \"en\" # mine\n");
}

#[test]
fn brief_new_keeps_a_projects_own_schemas_and_checks_its_arguments() {
    let dir = temp_dir();
    fs::create_dir_all(dir.path().join("schema")).unwrap();
    fs::write(dir.path().join("schema/brief.schema.json"), "{}").unwrap();
    let run = brief_in(dir.path(), &["new", "second"]);
    run.expect_code(0);
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        ["briefs/second/brief.toml", "schema/translation.schema.json"]
    );
    assert_eq!(fs::read_to_string(dir.path().join("schema/brief.schema.json")).unwrap(), "{}");
    brief_in(dir.path(), &["new", "two words"]).expect_code(2).stderr_has("may only hold letters, digits");
    brief_in(dir.path(), &["new", "x", "--lang", "not a code"])
        .expect_code(2)
        .stderr_has("not a language code");
}

#[test]
fn a_new_translation_points_at_the_translation_schema() {
    let fixture = Fixture::example();
    fixture.run(&["i18n", "init", "de"]).expect_code(0);
    let skeleton = fs::read_to_string(fixture.brief.join("de.toml")).unwrap();
    assert!(skeleton.starts_with("#:schema ../../schema/translation.schema.json\n"), "{skeleton}");
    assert_eq!(skeleton.matches("#:schema").count(), 1);
    Schemas::load().check(&skeleton, true).unwrap();
}

#[test]
fn completions_and_man_print() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = brief(&["completions", shell]);
        run.expect_code(0);
        assert!(run.stdout.contains("brief") && run.stdout.contains("schema"), "{shell}");
    }
    brief(&["completions", "tcsh"]).expect_code(2);
    let man = brief(&["man"]);
    man.expect_code(0);
    assert!(man.stdout.contains(".TH brief 1"), "{}", man.stdout);
    assert!(man.stdout.contains("brief\\-build(1)"), "{}", man.stdout);
    let dir = temp_dir();
    let out = dir.path().join("man1");
    let run = brief(&["man", "--out", out.to_str().unwrap()]);
    run.expect_code(0);
    for page in ["brief.1", "brief-build.1", "brief-new.1", "brief-i18n.1", "brief-i18n-status.1"] {
        let text = fs::read_to_string(out.join(page)).unwrap_or_else(|_| panic!("{page} missing"));
        assert!(text.contains(".TH"), "{page}");
    }
    assert_eq!(run.stdout.lines().count(), fs::read_dir(&out).unwrap().count());
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    // `brief man | head`: the reader closes the pipe after a line; nothing panics.
    for args in [&["completions", "bash"][..], &["man"], &["schema"]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
    }
}
