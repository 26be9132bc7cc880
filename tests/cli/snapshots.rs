//! Snapshots of what people read: the full text of the main diagnostics, every command's
//! `--help`, and the summary table. `cargo insta review` (or `INSTA_UPDATE=always`) updates
//! them after a deliberate change.

use crate::support::*;

/// Times and sizes, which vary from run to run.
const VARYING: [(&str, &str); 2] = [(r" +\d+ ms", " [time]"), (r" +\d+\.\d KB", " [size]")];

/// Stderr of `brief check` on a fixture, as a user sees it.
fn check_stderr(name: &str) -> String {
    let run = brief(&["check", fixture(name).to_str().unwrap()]);
    run.input_error();
    run.stderr
}

#[test]
fn diagnostics_read_as_pinned() {
    for name in [
        "syntax-error",
        "unknown-field",
        "wrong-type",
        "missing-field",
        "unknown-translation-key",
        "many-errors",
        "missing-glyph",
        "bad-logo",
    ] {
        insta::with_settings!({ filters => VARYING.to_vec() }, {
            insta::assert_snapshot!(format!("diagnostics-{name}"), check_stderr(name));
        });
    }
}

#[test]
fn help_reads_as_pinned() {
    for command in [
        &[][..],
        &["build"],
        &["check"],
        &["watch"],
        &["i18n"],
        &["i18n", "status"],
        &["i18n", "init"],
        &["i18n", "update"],
        &["i18n", "confirm"],
        &["i18n", "export"],
        &["i18n", "import"],
        &["new"],
        &["states"],
        &["schema"],
        &["completions"],
        &["man"],
    ] {
        let run = brief(&[command, &["--help"]].concat());
        run.expect_code(0);
        let name = if command.is_empty() { "help".to_owned() } else { format!("help-{}", command.join("-")) };
        insta::assert_snapshot!(name, run.stdout);
    }
}

#[test]
fn the_summary_table_reads_as_pinned() {
    let fixture = Fixture::copy_of("minimal");
    let run = fixture.build(&[]);
    run.expect_code(0);
    insta::with_settings!({ filters => VARYING.to_vec() }, {
        insta::assert_snapshot!("summary-table", run.stderr);
    });
}

/// Every field of `--message-format json`, byte for byte: diagnostics with and without an
/// output, outputs built and failed, and talk times.
#[test]
fn json_messages_read_as_pinned() {
    let varying = [(r#""ms":[0-9.e-]+"#, r#""ms":[time]"#), (r#""bytes":\d+"#, r#""bytes":[size]"#)];
    let checked = Fixture::copy_of("unknown-translation-key").run(&["check", "--message-format", "json"]);
    checked.expect_code(1);
    let built = Fixture::copy_of("minimal").build(&["--message-format", "json"]);
    built.expect_code(0);
    // A word no line can hold: an error of its output.
    let source = format!(
        "lang = \"en\"\ntitle = \"T\"\norganisation = \"O\"\n[issues.one]\ntitle = \"I\"\n\
         [issues.one.findings.a]\ntitle = \"F\"\nprevious.r = {{ by = \"FR\", text = \"{}\" }}\n\
         [contact]\nemail = \"a@example.org\"\n",
        "Ш".repeat(24)
    );
    let laid_out =
        Fixture::new("word", &source).run(&["check", "--format", "handout", "--message-format", "json"]);
    laid_out.expect_code(1);
    let all = format!("{}{}{}", checked.stdout, built.stdout, laid_out.stdout);
    insta::with_settings!({ filters => varying.to_vec() }, {
        insta::assert_snapshot!("json-messages", all);
    });
}

/// The translation status, as a table and as JSON, with keys missing and orphaned.
#[test]
fn the_status_reads_as_pinned() {
    let fixture = Fixture::copy_of("minimal")
        .file("fr.toml", "title = \"Un briefing\"\n[issues.gone]\ntitle = \"Parti\"\n");
    let table = fixture.run(&["i18n", "status"]);
    table.expect_code(0);
    let json = fixture.run(&["i18n", "status", "--format", "json"]);
    json.expect_code(0);
    insta::assert_snapshot!("status", format!("{}{}", table.stdout, json.stdout));
}
