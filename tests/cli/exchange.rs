//! `brief i18n export` and `import`, proven with the field's own tools: gettext's
//! `msgfmt --check` and Translate Toolkit (`pofilter`, `po2xliff`, `xliff2po`) read what
//! is exported; a file filled in as a CAT tool would imports, builds and prints.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::*;

/// Runs a tool of the field on `args`; `None` (the test is skipped, said on stderr) if
/// it is not installed, except under `.ci/run`, which installs it and sets
/// `BRIEF_FIELD_TOOLS=required`.
fn tool(name: &str, args: &[&str], dir: &Path) -> Option<std::process::Output> {
    match Command::new(name).args(args).current_dir(dir).output() {
        Ok(output) => Some(output),
        Err(e) if std::env::var_os("BRIEF_FIELD_TOOLS").is_none() => {
            eprintln!(
                "skipped: `{name}` is not installed ({e}); `apt-get install gettext translate-toolkit`"
            );
            None
        }
        Err(e) => panic!("`{name}` is needed in CI: {e}"),
    }
}

fn ok(output: &std::process::Output, what: &str) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{what} failed:\n{stderr}");
    stderr
}

/// The example with its French title's source changed after `update` recorded it.
fn example_with_a_stale_title() -> Fixture {
    let fixture = Fixture::example();
    fixture.run(&["i18n", "update", "fr"]).expect_code(0);
    let path = fixture.brief.join("brief.toml");
    let source = fs::read_to_string(&path).unwrap();
    let changed = source.replacen("forced labor and other forms", "forced labour and other forms", 1);
    assert_ne!(source, changed);
    fs::write(&path, changed).unwrap();
    fixture
}

#[test]
fn msgfmt_and_translate_toolkit_read_the_exports() {
    let fixture = example_with_a_stale_title();
    fixture.run(&["i18n", "export", "fr", "--format", "po", "--out", "fr.po"]).expect_code(0);
    fixture.run(&["i18n", "export", "fr", "--format", "xliff", "--out", "fr.xlf"]).expect_code(0);
    let po = fs::read_to_string(fixture.root.join("fr.po")).unwrap();
    assert!(po.contains(
        "#, fuzzy\n#| msgid \"Human trafficking, forced labor and other forms of exploitation in the Russian \
         Federation\"\nmsgctxt \"title\"\nmsgid \"Human trafficking, forced labour"
    ), "{po}");
    assert!(po.contains("#, python-brace-format\nmsgctxt \"developments.items.modern-slavery.text\""));
    assert!(po.contains("#. Keep the markup: ** **\n"));
    let xliff = fs::read_to_string(fixture.root.join("fr.xlf")).unwrap();
    assert!(xliff.contains("<trans-unit id=\"title\" resname=\"title\" xml:space=\"preserve\">"), "{xliff}");
    assert!(xliff.contains("<target state=\"needs-translation\">Traite"), "{xliff}");
    assert!(xliff.contains("approved=\"yes\""));
    assert!(xliff.contains("<bpt id=\"1\" ctype=\"bold\">**</bpt>"));
    let root = &fixture.root;
    let Some(msgfmt) = tool("msgfmt", &["--check", "-o", "/dev/null", "fr.po"], root) else { return };
    assert_eq!(ok(&msgfmt, "msgfmt --check"), "", "no warning either");
    let Some(filter) =
        tool("pofilter", &["--progress=none", "-t", "variables", "-t", "xmltags", "fr.po", "f.po"], root)
    else {
        return;
    };
    ok(&filter, "pofilter");
    let Some(to_xliff) = tool("po2xliff", &["--progress=none", "fr.po", "from-po.xlf"], root) else { return };
    ok(&to_xliff, "po2xliff");
    let Some(to_po) = tool("xliff2po", &["--progress=none", "fr.xlf", "back.po"], root) else { return };
    ok(&to_po, "xliff2po");
    let back = fs::read_to_string(root.join("back.po")).unwrap();
    // Translate Toolkit reads the stale unit as needing work, the others as translated.
    let title = back.split("\n\n").find(|e| e.contains("#: title\n")).expect("the title's entry");
    assert!(title.contains("#, fuzzy"), "{title}");
    let event = back.split("\n\n").find(|e| e.contains("#: event\n")).expect("the event's entry");
    assert!(!event.contains("fuzzy") && event.contains("msgstr \"Pré-session"), "{event}");
}

#[test]
fn a_po_file_filled_in_by_a_cat_tool_imports_and_builds() {
    let fixture = example_with_a_stale_title();
    fixture.run(&["i18n", "export", "fr", "--format", "po", "--out", "fr.po"]).expect_code(0);
    let po = fs::read_to_string(fixture.root.join("fr.po")).unwrap();
    // As a translator would in a CAT tool: the fuzzy entry revised and cleared.
    let edited = po.replacen("#, fuzzy\n", "", 1).replacen(
        "msgstr \"Traite des êtres humains, travail forcé",
        "msgstr \"Traite révisée des êtres humains, travail forcé",
        1,
    );
    assert_ne!(po, edited);
    fs::write(fixture.root.join("fr.po"), edited).unwrap();
    let run = fixture.run(&["i18n", "import", "fr.po"]);
    run.expect_code(0).stderr_has("1 written, ");
    let french = fs::read_to_string(fixture.brief.join("fr.toml")).unwrap();
    assert!(french.contains("title = \"Traite révisée des êtres humains"), "{french}");
    assert!(french.starts_with("#:schema") || french.starts_with('#'), "its comments are kept");
    let status = fixture.run(&["i18n", "status"]);
    assert!(status.stdout.contains("russia-behind-bars  fr"), "{}", status.stdout);
    assert!(!status.stdout.contains("fr: `title` stale"), "{}", status.stdout);
    fixture.build(&["--lang", "fr", "--format", "handout"]).expect_code(0);
    assert!(pdf_text(&fixture.pdf("fr", "handout")).contains("traiterévisée"));
}

#[test]
fn an_xliff_file_filled_in_by_a_cat_tool_imports_and_builds() {
    let fixture = Fixture::example();
    fs::remove_file(fixture.brief.join("es.toml")).unwrap();
    fixture.run(&["i18n", "export", "es", "--format", "xliff", "--out", "es.xlf"]).expect_code(0);
    let xliff = fs::read_to_string(fixture.root.join("es.xlf")).unwrap();
    // Every target filled with its source, tags and all, the event translated.
    let mut filled = String::new();
    for unit in xliff.split_inclusive("</trans-unit>") {
        let source = unit.split_once("<source>").and_then(|(_, r)| r.split_once("</source>")).map(|s| s.0);
        let target = unit
            .split_once("<target state=\"needs-translation\">")
            .map(|(_, r)| r.split_once("</target>").unwrap().0);
        match (source, target) {
            (Some(source), Some(target)) => {
                let text = if unit.contains("id=\"event\"") { "Presesión del EPU" } else { source };
                filled.push_str(&unit.replacen(
                    &format!("<target state=\"needs-translation\">{target}</target>"),
                    &format!("<target state=\"translated\">{text}</target>"),
                    1,
                ));
            }
            _ => filled.push_str(unit),
        }
    }
    fs::write(fixture.root.join("es.xlf"), filled).unwrap();
    fixture.run(&["i18n", "import", "es.xlf"]).expect_code(0);
    assert!(fixture.brief.join("es.toml").exists());
    let status = fixture.run(&["i18n", "status", "--format", "json"]);
    assert!(status.stdout.contains("\"lang\": \"es\""), "{}", status.stdout);
    fixture.build(&["--lang", "es", "--format", "handout"]).expect_code(0);
    assert!(pdf_text(&fixture.pdf("es", "handout")).contains("presesióndelepu"));
}

#[test]
fn an_import_reports_broken_markup_unknown_keys_and_conflicts_and_writes_nothing() {
    let fixture = Fixture::example();
    fixture.run(&["i18n", "export", "fr", "--format", "po", "--out", "fr.po"]).expect_code(0);
    let po = fs::read_to_string(fixture.root.join("fr.po")).unwrap();
    let toml = fixture.brief.join("fr.toml");
    let french = fs::read_to_string(&toml).unwrap();
    // Changed in the TOML after the export, and in the file too: a conflict.
    let changed = french.replacen("title = \"Traite des", "title = \"La traite des", 1);
    fs::write(&toml, &changed).unwrap();
    let broken = po
        .replacen("msgstr \"Traite des", "msgstr \"Traite revue des", 1)
        .replacen("msgctxt \"organisation\"", "msgctxt \"organisaton\"", 1)
        .replacen("**16 condamnations", "16 condamnations", 1);
    assert_ne!(broken, po);
    fs::write(fixture.root.join("fr.po"), &broken).unwrap();
    let line = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let run = fixture.run(&["i18n", "import", "fr.po"]);
    run.input_error()
        .stderr_has("error: CONFLICT: `title` changed in `fr.toml` since this file was exported; it now reads \"La traite des")
        .stderr_has(&format!("fr.po:{}:1", line("msgstr \"Traite revue")))
        .stderr_has("error: key `organisaton` does not exist in the source `brief.toml`")
        .stderr_has(&format!("fr.po:{}:1", line("msgctxt \"organisaton\"")))
        .stderr_has("lacks the markup `**`");
    assert_eq!(fs::read_to_string(&toml).unwrap(), changed, "nothing was written");
    let other = fixture.run(&["i18n", "import", "fr.po", "--lang", "ru"]);
    other.input_error().stderr_has("error: this file is a translation into `fr`, not `ru`");
}

#[test]
fn after_init_a_changed_source_is_stale() {
    let fixture = Fixture::example();
    fs::remove_file(fixture.brief.join("es.toml")).unwrap();
    fixture.run(&["i18n", "init", "es"]).expect_code(0);
    let lock = fs::read_to_string(fixture.brief.join("translations.lock")).unwrap();
    assert!(lock.contains("[es.title]"), "init wrote the lock");
    let es = fixture.brief.join("es.toml");
    let text = fs::read_to_string(&es).unwrap();
    fs::write(&es, text.replacen("title = \"\"", "title = \"Trata de personas\"", 1)).unwrap();
    let path = fixture.brief.join("brief.toml");
    let source = fs::read_to_string(&path).unwrap();
    fs::write(&path, source.replacen("forced labor and other forms", "forced labour and other forms", 1))
        .unwrap();
    let status = fixture.run(&["i18n", "status"]);
    assert!(status.stdout.contains("russia-behind-bars: es: `title` stale"), "{}", status.stdout);
}
