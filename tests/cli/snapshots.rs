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
        &["new"],
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
