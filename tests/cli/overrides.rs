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

/// A handout template that loops 10^10 times.
const LOOPS: &str = "#for i in range(100000) { for j in range(100000) { } }\n";

/// A handout template that doubles a string 64 times.
const DOUBLES: &str = "#let s = \"ab\"\n#for i in range(64) { s = s + s }\n#s\n";

#[test]
fn a_template_that_loops_fails_at_the_deadline_and_the_other_outputs_are_built() {
    let fixture = minimal().file("templates/handout.typ", HANDOUT);
    fixture.build(&["--format", "handout"]).expect_code(0);
    let good = std::fs::read(fixture.pdf("en", "handout")).unwrap();
    let fixture = fixture.file("templates/handout.typ", LOOPS);
    let start = std::time::Instant::now();
    let run = fixture.build(&["--template-timeout", "3"]);
    assert!(start.elapsed().as_secs() < 30, "stopped at the deadline: {:?}", start.elapsed());
    run.input_error()
        .stderr_has("error: the briefing's templates ran past the 3 s deadline laying out `minimal` in `en` (handout)")
        .stderr_has("briefs/minimal/templates/handout.typ");
    assert_eq!(std::fs::read(fixture.pdf("en", "handout")).unwrap(), good, "the last good PDF is kept");
    assert!(page_count(&fixture.pdf("en", "slides")) >= 1, "the deck is still built");
}

#[test]
fn a_template_that_grows_a_string_fails_at_the_memory_ceiling() {
    let fixture = minimal().file("templates/handout.typ", DOUBLES);
    let run = fixture.build(&["--template-memory", "512"]);
    run.input_error()
        .stderr_has("error: the briefing's templates went past the 512 MiB memory ceiling laying out `minimal` in `en` (handout)")
        .stderr_has("briefs/minimal/templates/handout.typ")
        .stderr_lacks("memory allocation of");
    assert!(!fixture.pdf("en", "handout").exists());
    assert!(page_count(&fixture.pdf("en", "slides")) >= 1, "the deck is still built");
}

#[test]
fn the_limits_are_in_the_help() {
    let run = brief(&["build", "--help"]);
    run.expect_code(0);
    assert!(run.stdout.contains("--template-timeout <SECONDS>"), "{}", run.stdout);
    assert!(run.stdout.contains("--template-memory <MIB>"), "{}", run.stdout);
}

#[test]
fn a_plugin_in_a_template_is_refused_at_its_place() {
    let fixture = minimal()
        .file(
            "templates/handout.typ",
            "#let data = json(\"/data.json\")\n#let p = plugin(\"/brief/loop.wasm\")\n",
        )
        .file("loop.wasm", b"\0asm\x01\0\0\0");
    let run = fixture.build(&[]);
    run.input_error();
    insta::assert_snapshot!("override-plugin", run.stderr);
}

#[test]
fn plugin_bytes_are_refused_even_when_reached_another_way() {
    let template =
        "#let f = dictionary(std).at(\"plug\" + \"in\")\n#f(read(\"/brief/loop.bin\", encoding: none))\n";
    let fixture = minimal().file("templates/handout.typ", template).file("loop.bin", b"\0asm\x01\0\0\0");
    let run = fixture.build(&["--format", "handout"]);
    run.input_error()
        .stderr_has("is a WebAssembly plugin, which a briefing's templates may not use")
        .stderr_has("briefs/minimal/templates/handout.typ:2:");
}

#[test]
fn a_package_import_says_packages_are_not_available_and_how_to_copy_one_in() {
    let template = "#import \"@preview/cetz:0.3.0\": canvas\n#canvas({})\n";
    let fixture = minimal().file("templates/handout.typ", template);
    let run = fixture.build(&["--format", "handout"]);
    run.input_error().stderr_lacks("searched at");
    insta::assert_snapshot!("override-package", run.stderr);
}

#[test]
fn a_package_copied_into_templates_is_imported_by_path() {
    let template = "#import \"/brief/templates/cetz/lib.typ\": hello\n#set document(title: \"t\")\n#set text(font: \"Noto Sans\")\n= #hello\n";
    let fixture = minimal()
        .file("templates/handout.typ", template)
        .file("templates/cetz/lib.typ", "#let hello = [Hello from a vendored file]\n");
    let run = fixture.build(&["--format", "handout"]);
    run.expect_code(0).stderr_lacks("unknown file");
    assert!(pdf_text(&fixture.pdf("en", "handout")).contains("hellofromavendoredfile"));
}

#[test]
fn an_svg_an_override_draws_is_named_with_its_problem() {
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\">\n<image href=\"../../secret.png\" width=\"10\" height=\"10\"/>\n</svg>\n";
    let template = "#set document(title: \"t\")\n\n#image(\"/brief/drawing.svg\")\n";
    let fixture = minimal().file("templates/handout.typ", template).file("drawing.svg", svg);
    let run = fixture.build(&["--format", "handout"]);
    run.input_error().stderr_has("briefs/minimal/drawing.svg");
    insta::assert_snapshot!("override-svg", run.stderr);
}
