//! The translators' workflow: status, init, update, confirm, strict checks and stable ids.

use std::fs;

use crate::support::*;

#[test]
fn strict_check_passes_on_the_example() {
    brief(&["check", "--strict", EXAMPLE]).expect_code(0);
}

#[test]
fn a_changed_source_string_is_stale_in_every_translation() {
    let fixture = Fixture::example();
    let copy = fixture.brief.clone();
    let source = fs::read_to_string(copy.join("brief.toml")).unwrap();
    let changed =
        source.replace("title = \"Exploitation of Prisoners\"", "title = \"Exploitation of prisoners\"");
    assert_ne!(source, changed);
    fs::write(copy.join("brief.toml"), changed).unwrap();
    let path = copy.to_str().unwrap();
    brief(&["check", path]).expect_code(0).stderr_has("warning: `issues.prisoners.title` in `fr` is stale");
    let run = brief(&["check", "--strict", path]);
    run.expect_code(1);
    for lang in ["fr", "es", "ru", "ar", "zh"] {
        run.stderr_has(&format!("error: `issues.prisoners.title` in `{lang}` is stale"))
            .stderr_has(&format!("russia-behind-bars/{lang}.toml:"));
    }
    let status = brief(&["i18n", "status", path]);
    status.expect_code(0);
    assert!(
        status.stdout.contains("russia-behind-bars: ar: `issues.prisoners.title` stale"),
        "{}",
        status.stdout
    );
}

#[test]
fn update_marks_stale_keys_and_keeps_a_translators_comment_byte_for_byte() {
    let fixture = Fixture::example();
    let copy = fixture.brief.clone();
    let source = fs::read_to_string(copy.join("brief.toml")).unwrap();
    fs::write(copy.join("brief.toml"), source.replace("Military Exploitation", "Military exploitation"))
        .unwrap();
    let french = fs::read_to_string(copy.join("fr.toml")).unwrap();
    let commented = french.replacen(
        "[issues.prisoners]",
        "# Traduction : « détenus » plutôt que « prisonniers ».   \n[issues.prisoners]",
        1,
    );
    fs::write(copy.join("fr.toml"), &commented).unwrap();
    let path = copy.to_str().unwrap();
    brief(&["i18n", "update", "fr", path])
        .expect_code(0)
        .stderr_has("stale `issues.prisoners.findings.military.title`");
    let updated = fs::read_to_string(copy.join("fr.toml")).unwrap();
    let marker = "# STALE: the source now reads: Military exploitation\n";
    assert_eq!(updated.replacen(marker, "", 1), commented, "only the marker was added");
    assert!(updated.contains(&format!("{marker}title = ")));
    // Editing the translation makes it current; update then clears the marker.
    fs::write(copy.join("fr.toml"), updated.replace("Exploitation militaire", "L’exploitation militaire"))
        .unwrap();
    brief(&["check", "--strict", path, "--lang", "fr"]).expect_code(0);
    brief(&["i18n", "update", "fr", path]).expect_code(0);
    let cleared = fs::read_to_string(copy.join("fr.toml")).unwrap();
    assert!(!cleared.contains("STALE") && cleared.contains("# Traduction : « détenus »"));
}

#[test]
fn confirm_accepts_a_stale_translation() {
    let fixture = Fixture::example();
    let copy = fixture.brief.clone();
    let source = fs::read_to_string(copy.join("brief.toml")).unwrap();
    fs::write(copy.join("brief.toml"), source.replace("Military Exploitation", "Military exploitation"))
        .unwrap();
    let path = copy.to_str().unwrap();
    brief(&["i18n", "confirm", "ru", path, "--key", "issues.prisoners.findings.military.title"])
        .expect_code(0);
    brief(&["check", "--strict", path, "--lang", "ru"]).expect_code(0);
    brief(&["check", "--strict", path, "--lang", "es"]).expect_code(1);
    brief(&["i18n", "confirm", "es", path, "--key", "no.such.key"])
        .expect_code(1)
        .stderr_has("`no.such.key` is not a translated key");
}

#[test]
fn status_counts_keys_per_language_in_a_table_and_in_json() {
    let table = brief(&["i18n", "status", EXAMPLE]);
    table.expect_code(0);
    assert!(table.stdout.starts_with("BRIEF"), "{}", table.stdout);
    assert_eq!(table.stdout.lines().filter(|l| l.contains("100%")).count(), 5, "{}", table.stdout);
    let json = brief(&["i18n", "status", EXAMPLE, "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 5);
    for row in rows {
        assert_eq!(row["complete"], 100);
        assert_eq!(row["missing"], 0);
        assert_eq!(row["stale"], 0);
        assert!(row["translated"].as_u64().unwrap() > 50);
    }
}

#[test]
fn init_writes_a_skeleton_that_builds_with_fallbacks() {
    let fixture = Fixture::example();
    let copy = fixture.brief.clone();
    let path = copy.to_str().unwrap();
    let run = brief(&["i18n", "init", "de", path]);
    run.expect_code(0);
    let skeleton = fs::read_to_string(copy.join("de.toml")).unwrap();
    assert!(skeleton.contains("# en: Develop a national action plan\naction-plan = \"\""), "{skeleton}");
    for absent in ["lang =", "by =", "email =", "value ="] {
        assert!(!skeleton.contains(absent), "{absent} in the skeleton");
    }
    let status = brief(&["i18n", "status", path, "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    let de = rows.as_array().unwrap().iter().find(|r| r["lang"] == "de").unwrap();
    assert_eq!(de["translated"], 0);
    assert_eq!(de["orphaned"], 0);
    brief(&["check", path, "--lang", "de"])
        .expect_code(0)
        .stderr_has("is empty in `de`; the source text is used")
        .stderr_has("hint: the key exists but is empty: write its translation between the quotes");
    brief(&["check", "--strict", path, "--lang", "de"]).expect_code(1);
    brief(&["i18n", "init", "de", path]).expect_code(1).stderr_has("already exists");
}

#[test]
fn an_item_inserted_in_the_source_does_not_shift_translations() {
    let fixture = Fixture::example();
    let (copy, root) = (fixture.brief.clone(), fixture.root.clone());
    let source = fs::read_to_string(copy.join("brief.toml")).unwrap();
    let inserted = source.replace(
        "legal-framework = \"Strengthen the relevant legal framework\"\n",
        "inserted = \"A point added in the middle\"\nlegal-framework = \"Strengthen the relevant legal framework\"\n",
    );
    fs::write(copy.join("brief.toml"), inserted).unwrap();
    let out = root.join("out");
    let run = brief(&[
        "build",
        copy.to_str().unwrap(),
        "--lang",
        "ru",
        "--format",
        "handout",
        "--out",
        out.to_str().unwrap(),
    ]);
    run.expect_code(0).stderr_has("`opening.items.inserted` is not translated into `ru`");
    let text = pdf_text(&out.join("russia-behind-bars/russia-behind-bars.ru.handout.pdf"));
    let order = [
        "Разработать национальный план действий",
        "A point added in the middle",
        "Усовершенствовать соответствующую правовую базу",
    ];
    let positions: Vec<usize> =
        order.iter().map(|s| text.find(&normalize(s)).unwrap_or_else(|| panic!("lacks {s}"))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn two_updates_at_once_keep_both_languages_in_the_lock() {
    let fixture = Fixture::copy_of("minimal")
        .file("fr.toml", "title = \"Un briefing minimal\"\n")
        .file("es.toml", "title = \"Un informe mínimo\"\n");
    let lock = fixture.brief.join("translations.lock");
    for round in 0..6 {
        let _ = fs::remove_file(&lock);
        let spawn = |lang: &str| {
            std::process::Command::new(env!("CARGO_BIN_EXE_brief"))
                .args(["i18n", "update", lang])
                .current_dir(&fixture.root)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("start brief")
        };
        let (fr, es) = (spawn("fr"), spawn("es"));
        for child in [fr, es] {
            let output = child.wait_with_output().expect("wait for brief");
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        }
        let text = fs::read_to_string(&lock).unwrap();
        let lock: toml::Value = toml::from_str(&text).unwrap();
        for lang in ["fr", "es"] {
            assert!(
                lock.get(lang).and_then(|l| l.get("title")).is_some(),
                "round {round}: no `{lang}`:\n{text}"
            );
        }
    }
}
