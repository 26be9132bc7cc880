//! Files as other editors write them: CR-only line ends (old Mac editors), a byte-order
//! mark and CRLF (Windows editors) kept byte for byte by `i18n update`, a TAB inside a
//! value, and invisible characters in names, which every message shows escaped.

use crate::support::*;

const SOURCE: &str = "lang = \"en\"\ntitle = \"A briefing\"\norganisation = \"Example Watch\"\n\n\
                      [issues.one]\ntitle = \"One issue\"\npoints.only = \"The only point\"\n\n\
                      [contact]\nemail = \"info@example.org\"\n";

fn with_line_ends(text: &str, end: &str) -> String {
    text.replace('\n', end)
}

/// Whether every line of `before` (each with its line end) is in `after`, in order.
fn keeps_in_order(before: &str, after: &str, end: &str) -> bool {
    let mut rest = after;
    before.split_inclusive(end).all(|line| match rest.find(line) {
        Some(at) => {
            rest = &rest[at + line.len()..];
            true
        }
        None => false,
    })
}

#[test]
fn cr_only_line_ends_are_read_and_errors_name_their_line() {
    let fixture = Fixture::new("mac", &with_line_ends(SOURCE, "\r"));
    fixture.run(&["check", "--quiet"]).expect_code(0);
    let broken = with_line_ends(&SOURCE.replace("points.only", "points.only = 1\npoints.also"), "\r");
    let fixture = fixture.file("brief.toml", broken);
    let run = fixture.run(&["check", "--quiet"]);
    run.input_error().stderr_has("briefs/mac/brief.toml:7:");
    insta::assert_snapshot!("editors-cr-only-error", run.stderr);
}

#[test]
fn i18n_update_keeps_the_bom_and_crlf_line_ends_byte_for_byte() {
    let french =
        "# Relu par Anne\ntitle = \"Un briefing\"   # gardé\n\n[issues.one]\ntitle = \"Un problème\"\n";
    let written = format!("\u{FEFF}{}", with_line_ends(french, "\r\n"));
    let fixture = Fixture::new("win", SOURCE).file("fr.toml", &written);
    fixture.run(&["i18n", "update", "fr"]).expect_code(0).stderr_has("added `issues.one.points.only`");
    let updated = std::fs::read(fixture.brief.join("fr.toml")).unwrap();
    let updated = String::from_utf8(updated).unwrap();
    assert!(updated.starts_with('\u{FEFF}'), "the byte-order mark stays: {updated:?}");
    assert!(keeps_in_order(&written, &updated, "\r\n"), "what was there stays byte for byte:\n{updated:?}");
    assert!(updated.len() > written.len(), "keys were added: {updated:?}");
    let lone_lf = updated.match_indices('\n').any(|(i, _)| !updated[..i].ends_with('\r'));
    assert!(!lone_lf, "every line ends in CRLF: {updated:?}");
    assert_eq!(updated.matches('\u{FEFF}').count(), 1);
    fixture.run(&["check", "--quiet"]).expect_code(0);
}

#[test]
fn i18n_update_keeps_cr_only_line_ends() {
    let french = with_line_ends("title = \"Un briefing\"\n\n[issues.one]\ntitle = \"Un problème\"\n", "\r");
    let fixture = Fixture::new("mac", SOURCE).file("fr.toml", &french);
    fixture.run(&["i18n", "update", "fr"]).expect_code(0);
    let updated = std::fs::read_to_string(fixture.brief.join("fr.toml")).unwrap();
    assert!(keeps_in_order(&french, &updated, "\r"), "{updated:?}");
    assert!(!updated.contains('\n') && updated.len() > french.len(), "{updated:?}");
}

#[test]
fn i18n_update_names_the_file_line_and_column_of_a_syntax_error() {
    let fixture = Fixture::new("broken", SOURCE).file("fr.toml", "title = \"Un briefing\"\n\n[issues.one\n");
    let run = fixture.run(&["i18n", "update", "fr"]);
    run.input_error().stderr_has("briefs/broken/fr.toml:3:").stderr_lacks("TOML parse error at line");
    insta::assert_snapshot!("editors-i18n-update-syntax-error", run.stderr);
    assert_eq!(
        std::fs::read_to_string(fixture.brief.join("fr.toml")).unwrap(),
        "title = \"Un briefing\"\n\n[issues.one\n",
        "left as it was"
    );
}

#[test]
fn a_tab_in_a_value_prints_as_a_space() {
    let source = SOURCE.replace("The only point", "Traite\tdes êtres\thumains");
    let fixture = Fixture::new("tabs", &source);
    fixture.build(&["--format", "handout", "--emit-typst", "typst"]).expect_code(0);
    let data = std::fs::read_to_string(fixture.root.join("typst/tabs.en.handout/data.json")).unwrap();
    assert!(data.contains("Traite des êtres humains"), "{data}");
    assert!(!data.contains("\\t"), "no TAB reaches Typst: {data}");
}

#[test]
fn invisible_characters_in_names_are_shown_escaped() {
    let french = "\"title\u{200B}\" = \"Un briefing\"\n\n[issues.one]\ntitle = \"Un problème\"\n\"points\u{202E}\".only = \"x\"\n";
    let fixture = Fixture::new("hidden", SOURCE).file("fr.toml", french);
    let run = fixture.run(&["check", "--quiet"]);
    run.input_error()
        .stderr_has("title\\u{200B}")
        .stderr_has("did you mean `title`?")
        .stderr_has("points\\u{202E}")
        .stderr_lacks("\u{200B}`")
        .stderr_lacks("\u{202E}\"");
    insta::assert_snapshot!("editors-invisible-characters", run.stderr);
    let json = fixture.run(&["check", "--quiet", "--message-format", "json"]);
    assert!(json.stdout.contains("title\\\\u{200B}"), "in JSON too: {}", json.stdout);
}

#[test]
fn a_straight_quote_that_ends_a_value_early_gets_a_hint() {
    let quoted = "title = \"A \"best\" plan\"\n";
    let fixture = Fixture::new("quotes", SOURCE).file("fr.toml", quoted);
    fixture
        .run(&["check"])
        .expect_code(1)
        .stderr_has("error: invalid TOML: expected newline, `#`")
        .stderr_has("briefs/quotes/fr.toml:1:13")
        .stderr_has(
            "hint: a straight `\"` inside a value ends the string: write `\\\"` for a straight quote, \
             or the quotation marks of `fr` (`«` and `»`), or put the value in single quotes, \
             a literal string ('the \"best\" plan')",
        );
    let source = SOURCE.replace("title = \"A briefing\"\n", quoted);
    Fixture::new("quotes", &source)
        .run(&["check"])
        .expect_code(1)
        .stderr_has("briefs/quotes/brief.toml:2:13")
        .stderr_has("or the language's quotation marks (such as `“` and `”`)");
    Fixture::new("quotes", SOURCE)
        .file("fr.toml", "title = = \"x\"\n")
        .run(&["check"])
        .expect_code(1)
        .stderr_lacks("a straight `\"`");
}
