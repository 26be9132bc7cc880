//! What a translation lacks, said in full: each missing key with where it goes and its
//! source text (`i18n status`, `check --strict`, the preview), the hint that fits it,
//! every one counted, and each output's warnings in the summary table.

use crate::support::*;

const SOURCE: &str = "lang = \"en\"\ntitle = \"A minimal briefing\"\norganisation = \"Example Watch\"\n\n\
                      [issues.one]\ntitle = \"One issue\"\npoints.only = \"The only point\"\n\n\
                      [contact]\nemail = \"info@example.org\"\n";

/// `fr` translates the title, has `issues.one.title` empty and lacks the other two.
fn half_translated() -> Fixture {
    Fixture::new("half", SOURCE).file("fr.toml", "title = \"Un briefing\"\n\n[issues.one]\ntitle = \"\"\n")
}

#[test]
fn status_lists_each_missing_key_with_where_it_goes_and_its_source_text() {
    let fixture = half_translated();
    let table = fixture.run(&["i18n", "status"]);
    table.expect_code(0);
    for line in [
        "half: fr: `organisation` missing from briefs/half/fr.toml \
         (source at briefs/half/brief.toml:3:16: \"Example Watch\")",
        "half: fr: `issues.one.title` empty at briefs/half/fr.toml:4:9 \
         (source at briefs/half/brief.toml:6:9: \"One issue\")",
    ] {
        assert!(table.stdout.contains(line), "{line} in\n{}", table.stdout);
    }
    let json = fixture.run(&["i18n", "status", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let texts = &rows[0]["missing-texts"];
    assert_eq!(texts.as_array().map(Vec::len), Some(3), "{texts}");
    let empty = texts.as_array().unwrap().iter().find(|t| t["key"] == "issues.one.title").unwrap();
    assert_eq!(
        (&empty["empty"], &empty["file"], &empty["line"], &empty["column"]),
        (&true.into(), &"briefs/half/fr.toml".into(), &4.into(), &9.into())
    );
    assert_eq!((&empty["source"], &empty["source-line"]), (&"One issue".into(), &6.into()));
}

#[test]
fn a_strict_check_names_each_missing_key_at_its_place_with_the_hint_that_fits() {
    let run = half_translated().run(&["check", "--strict", "--lang", "fr"]);
    run.expect_code(1)
        .stderr_has("error: `organisation` is not translated into `fr`; the source text is used")
        .stderr_has("briefs/half/brief.toml:3:16")
        .stderr_has("hint: add it to `briefs/half/fr.toml`; `brief i18n update fr` adds every missing key")
        .stderr_has("error: `issues.one.title` is empty in `fr`; the source text is used")
        .stderr_has("briefs/half/fr.toml:4:9")
        .stderr_has("hint: the key exists but is empty: write its translation between the quotes")
        .stderr_has("hint: the source text, at briefs/half/brief.toml:6:9: \"One issue\"")
        .stderr_has("error: 3 error(s), 0 warning(s)");
    // Two keys are absent, one is empty: the `update` hint is for the absent ones only.
    assert_eq!(run.stderr.matches("adds every missing key").count(), 2, "{}", run.stderr);
}

/// The example with a German skeleton: every text is an empty key.
fn with_german() -> (Fixture, usize) {
    let fixture = Fixture::example();
    fixture.run(&["i18n", "init", "de", "briefs/russia-behind-bars"]).expect_code(0);
    let status = fixture.run(&["i18n", "status", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&status.stdout).unwrap();
    let de = rows.as_array().unwrap().iter().find(|r| r["lang"] == "de").unwrap();
    let missing = de["missing"].as_u64().unwrap() as usize;
    assert!(missing > 40, "{de}");
    (fixture, missing)
}

#[test]
fn strict_counts_every_missing_key_and_the_table_each_outputs_warnings() {
    let (fixture, missing) = with_german();
    let strict = fixture.run(&["check", "--strict", "--lang", "de"]);
    strict.expect_code(1).stderr_lacks("more key(s)");
    assert_eq!(strict.stderr.matches("is empty in `de`").count(), missing, "{}", strict.stderr);
    strict.stderr_has(&format!("error: {missing} error(s)"));

    let lenient = fixture.run(&["check", "--lang", "de", "--format", "handout"]);
    lenient.expect_code(0).stderr_has("more key(s) are not translated into `de`");
    let warnings = lenient.stderr.lines().filter(|l| l.starts_with("warning: ")).count();
    let row = lenient.stderr.lines().find(|l| l.starts_with("russia-behind-bars  de")).expect("a row");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells.last(), Some(&"checked"), "a check builds nothing: {row}");
    assert_eq!(cells[cells.len() - 2], warnings.to_string(), "every warning of `de` counted: {row}");
}
