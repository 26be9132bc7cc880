//! Template overrides: a briefing's own `templates/*.typ` replace the embedded files for
//! that briefing only; the cache notices their changes; errors in them point at them.

use crate::support::*;

/// A handout template that prints a marker and the title, nothing else.
const HANDOUT: &str = "#let data = json(\"/data.json\")\n#set document(title: data.title-plain)\n#set text(font: \"Noto Sans\")\nOwn handout: #data.title-plain\n";

fn minimal() -> Fixture {
    Fixture::copy_of("minimal")
}

#[test]
fn an_override_replaces_the_embedded_template_for_its_briefing_only() {
    let fixture = minimal().file("templates/handout.typ", HANDOUT);
    fixture.build(&["--format", "handout"]).expect_code(0);
    let text = pdf_text(&fixture.pdf("en", "handout"));
    assert!(text.contains(&normalize("Own handout: A minimal briefing")), "{text}");
    // Another briefing beside it keeps the embedded template.
    let other = Fixture::copy_of("minimal");
    other.build(&["--format", "handout"]).expect_code(0);
    assert!(!pdf_text(&other.pdf("en", "handout")).contains("ownhandout"));
}

#[test]
fn changing_an_override_rebuilds_the_outputs_that_use_it() {
    let fixture = minimal().file("templates/handout.typ", HANDOUT);
    fixture.build(&[]).expect_code(0);
    let again = fixture.build(&[]);
    assert!(again.expect_code(0).stdout.is_empty(), "nothing changed: {}", again.stdout);
    let fixture = fixture.file("templates/handout.typ", HANDOUT.replace("Own handout", "Second look"));
    let run = fixture.build(&[]);
    run.expect_code(0);
    assert!(run.stdout.contains("minimal.en.handout.pdf"), "{}", run.stdout);
    assert!(pdf_text(&fixture.pdf("en", "handout")).contains("secondlook"));
}

#[test]
fn a_theme_override_changes_both_formats() {
    let theme = std::fs::read_to_string(root().join("templates/theme.typ")).unwrap();
    let dark = theme.replace("primary: rgb(\"#16425b\")", "primary: rgb(\"#7a1020\")");
    assert_ne!(theme, dark, "the theme names its primary colour");
    let fixture = minimal().file("templates/theme.typ", dark);
    fixture.build(&[]).expect_code(0);
    for format in ["handout", "slides"] {
        assert!(page_count(&fixture.pdf("en", format)) >= 1);
    }
    let stock = minimal();
    stock.build(&[]).expect_code(0);
    let bytes = |f: &Fixture| std::fs::read(f.pdf("en", "slides")).unwrap();
    assert_ne!(bytes(&fixture), bytes(&stock), "the override's colour is in the deck");
}

#[test]
fn an_error_in_an_override_is_reported_at_its_own_line_and_column() {
    let broken = "#let data = json(\"/data.json\")\n\n#let x = (1, 2\n";
    let fixture = minimal().file("templates/handout.typ", broken);
    let run = fixture.build(&["--format", "handout"]);
    run.input_error().stderr_has("briefs/minimal/templates/handout.typ:3:");
    assert!(!fixture.pdf("en", "handout").exists());
}

#[test]
fn an_unknown_file_under_templates_is_ignored_with_a_warning() {
    let fixture = minimal().file("templates/handuot.typ", HANDOUT).file("templates/notes.txt", "notes");
    let run = fixture.build(&[]);
    run.expect_code(0)
        .stderr_has("warning: unknown file `templates/handuot.typ` is ignored: did you mean `handout.typ`?")
        .stderr_has("warning: unknown file `templates/notes.txt` is ignored");
    assert!(!pdf_text(&fixture.pdf("en", "handout")).contains("ownhandout"));
}

#[cfg(unix)]
#[test]
fn an_override_that_leads_outside_the_briefing_is_an_error() {
    let outside = temp_dir();
    std::fs::write(outside.path().join("theme.typ"), "#let palette = (:)").unwrap();
    let fixture = minimal();
    std::fs::create_dir_all(fixture.brief.join("templates")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("theme.typ"), fixture.brief.join("templates/theme.typ"))
        .unwrap();
    fixture.build(&[]).input_error().stderr_has(
        "cannot read `briefs/minimal/templates/theme.typ`: it leads outside the briefing's folder",
    );
}

#[cfg(unix)]
#[test]
fn a_templates_folder_that_leads_outside_is_refused_before_it_is_listed() {
    let outside = temp_dir();
    std::fs::write(outside.path().join("secret-name.typ"), "#let x = 1").unwrap();
    let fixture = minimal();
    std::os::unix::fs::symlink(outside.path(), fixture.brief.join("templates")).unwrap();
    let run = fixture.build(&[]);
    run.input_error()
        .stderr_has("cannot read `briefs/minimal/templates`: it leads outside the briefing's folder");
    assert!(!run.stderr.contains("secret-name"), "{}", run.stderr);
}

#[test]
fn emit_typst_writes_the_overridden_files() {
    let fixture = minimal().file("templates/handout.typ", HANDOUT);
    fixture.build(&["--format", "handout", "--emit-typst", "typst"]).expect_code(0);
    let main = std::fs::read_to_string(fixture.root.join("typst/minimal.en.handout/main.typ")).unwrap();
    assert_eq!(main, HANDOUT);
    let theme = std::fs::read_to_string(fixture.root.join("typst/minimal.en.handout/theme.typ")).unwrap();
    assert_eq!(theme, std::fs::read_to_string(root().join("templates/theme.typ")).unwrap(), "not overridden");
}
