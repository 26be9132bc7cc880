//! Snapshots of every class of error message, in full, as a user reads it on stderr: the
//! briefing's text (unknown keys, a bad language, limits), its folder (a missing
//! translation, an output that cannot be written), its templates (syntax, deadline,
//! memory), its layout (a word too long) and the command line. The main diagnostics of
//! the fixtures under `tests/fixtures/` are pinned in `snapshots.rs`. `cargo insta review`
//! (or `INSTA_UPDATE=always`) updates them after a deliberate change.

use std::fs;

use crate::support::*;

/// What varies from run to run: times, sizes and temporary folders.
const VARYING: [(&str, &str); 3] =
    [(r" +\d+ ms", " [time]"), (r" +\d+\.\d KB", " [size]"), (r"/[^\s`]*/\.tmp[A-Za-z0-9]+", "[temp]")];

/// A briefing of a title, one issue with `point`, and a contact; `extra` goes at the top.
fn briefing(extra: &str, point: &str) -> String {
    format!(
        "lang = \"en\"\ntitle = \"A test briefing\"\norganisation = \"Example Watch\"\n{extra}\n\
         [issues.one]\ntitle = \"One issue\"\npoints.only = {point}\n\n[contact]\nemail = \"info@example.org\"\n"
    )
}

/// Pins the whole of `run`'s stderr as `name`, after checking it failed on the input.
fn pinned(name: &str, run: &Run, code: i32) {
    run.expect_code(code).stderr_lacks("panicked");
    insta::with_settings!({ filters => VARYING.to_vec() }, {
        insta::assert_snapshot!(name, run.stderr);
    });
}

#[test]
fn every_unknown_key_is_reported_in_one_run() {
    let source = briefing("subtitel = \"S\"", "\"x\"")
        .replace("title = \"One issue\"", "title = \"One issue\"\nsumary = \"S\"")
        .replace("email =", "emial =");
    pinned("unknown-keys", &Fixture::new("keys", &source).run(&["check"]), 1);
}

#[test]
fn a_language_that_is_no_code_is_named() {
    let source = briefing("", "\"x\"").replace("lang = \"en\"", "lang = \"english\"");
    pinned("bad-language", &Fixture::new("lang", &source).run(&["check"]), 1);
}

#[test]
fn limits_name_the_key_that_passes_them() {
    let huge = "word ".repeat(2_100);
    pinned("text-too-long", &Fixture::new("long", &briefing("", &format!("\"{huge}\""))).run(&["check"]), 1);
}

#[test]
fn a_missing_briefing_or_translation_is_named() {
    let fixture = Fixture::copy_of("minimal");
    pinned("no-such-briefing", &fixture.run(&["check", "briefs/elsewhere"]), 1);
    pinned("no-such-language", &fixture.run(&["check", "--lang", "de"]), 1);
    pinned("no-such-translation-file", &fixture.run(&["i18n", "update", "de"]), 1);
}

#[test]
fn a_broken_translation_lock_is_named() {
    let fixture = Fixture::copy_of("minimal").file("translations.lock", "[fr\n");
    pinned("bad-lock", &fixture.run(&["i18n", "status"]), 1);
}

#[test]
fn an_override_template_that_does_not_compile_is_shown_at_its_line() {
    let fixture = Fixture::copy_of("minimal").file("templates/handout.typ", "#let x = (\n");
    pinned("bad-override", &fixture.build(&["--format", "handout"]), 1);
}

#[test]
fn templates_past_the_deadline_or_memory_ceiling_are_named() {
    let loops = "#for i in range(100000) { for j in range(100000) { } }\n";
    let fixture = Fixture::copy_of("minimal").file("templates/handout.typ", loops);
    pinned("deadline", &fixture.build(&["--format", "handout", "--template-timeout", "1"]), 1);
    let doubles = "#let s = \"ab\"\n#for i in range(64) { s = s + s }\n#s\n";
    let fixture = Fixture::copy_of("minimal").file("templates/handout.typ", doubles);
    pinned("memory", &fixture.build(&["--format", "handout", "--template-memory", "256"]), 1);
}

#[test]
fn a_word_too_long_for_its_column_is_shown_at_its_place() {
    let word = "Ш".repeat(24);
    let source = format!(
        "lang = \"en\"\ntitle = \"Prisons\"\norganisation = \"Observatory\"\n\
         [issues.one]\ntitle = \"Labour\"\n[issues.one.findings.a]\ntitle = \"Work\"\n\
         previous.r = {{ by = \"FR\", text = \"See {word} here\" }}\nsituation.points.a = \"A point\"\n\
         [contact]\nemail = \"a@example.org\"\n"
    );
    pinned("word-too-long", &Fixture::new("word", &source).build(&["--format", "handout"]), 1);
}

#[test]
fn an_output_that_cannot_be_written_is_named() {
    let fixture = Fixture::copy_of("minimal");
    fs::create_dir_all(fixture.root.join("out")).unwrap();
    fs::write(fixture.root.join("out/minimal"), "not a folder").unwrap();
    pinned("unwritable-output", &fixture.build(&["--format", "handout"]), 1);
}

#[test]
fn a_command_line_mistake_is_shown_with_its_usage() {
    pinned("unknown-option", &brief(&["build", "--formt", "handout"]), 2);
    let fixture = Fixture::copy_of("minimal");
    pinned("new-over-a-briefing", &fixture.run(&["new", "minimal"]), 1);
}
