//! `brief build` and `brief check` on the example and on fixtures: the PDFs' names, pages,
//! text, fonts and metadata, and every input error on stderr.

use crate::support::*;

#[test]
fn build_writes_every_language_and_format_with_predictable_names() {
    for lang in LANGUAGES {
        for format in ["handout", "slides"] {
            let path = example_pdf(lang, format);
            assert!(path.is_file(), "{} missing", path.display());
        }
    }
}

#[test]
fn build_prints_what_it_wrote() {
    let dir = temp_dir();
    let out = dir.path().join("dist");
    let run =
        brief(&["build", EXAMPLE, "--lang", "ru", "--format", "slides", "--out", out.to_str().unwrap()]);
    run.expect_code(0);
    let written: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(written.len(), 1, "{}", run.stdout);
    assert!(written[0].ends_with("russia-behind-bars/russia-behind-bars.ru.slides.pdf"), "{}", run.stdout);
    let files: Vec<String> = std::fs::read_dir(out.join("russia-behind-bars"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let pdfs = files.iter().filter(|name| name.ends_with(".pdf")).count();
    assert_eq!(pdfs, 1, "only the selected output is written: {files:?}");
    assert_eq!(files.len(), 2, "and its speaker notes: {files:?}");
}

#[test]
fn page_counts_fit_the_formats() {
    for lang in LANGUAGES {
        let handout = page_count(&example_pdf(lang, "handout"));
        assert!((2..=4).contains(&handout), "{lang} handout has {handout} pages");
        // Cover, opening, developments, issue 1 divider, 4 findings, recommendations,
        // issue 2 overview, 1 finding, recommendations, thank you; and a slide for each
        // body continued on a next one (as the cache records them).
        let cache = std::fs::read_to_string(example_out().join(".brief-cache.json")).unwrap();
        let cache: serde_json::Value = serde_json::from_str(&cache).unwrap();
        let (_, entry) = cache
            .as_object()
            .unwrap()
            .iter()
            .find(|(path, _)| path.ends_with(&format!("russia-behind-bars.{lang}.slides.pdf")))
            .expect("the deck is in the cache");
        let fit: serde_json::Value = serde_json::from_str(entry["sizes"].as_str().unwrap()).unwrap();
        let continued: usize =
            fit["splits"].as_object().map_or(0, |s| s.values().map(|c| c.as_array().unwrap().len()).sum());
        assert!(continued <= 3, "{lang}: {fit}");
        assert_eq!(page_count(&example_pdf(lang, "slides")), 13 + continued, "{lang} slides");
    }
}

#[test]
fn english_slides_contain_every_line_of_the_seed() {
    let text = pdf_text(&example_pdf("en", "slides"));
    let missing: Vec<String> =
        seed_lines().into_iter().filter(|line| !text.contains(line.as_str())).collect();
    assert!(missing.is_empty(), "missing from the slides: {missing:#?}\n\ntext: {text}");
    let bold = normalize(
        "an average of only 16 convictions for human trafficking and 2 for forced labor recorded annually",
    );
    assert!(text.contains(&bold));
}

#[test]
fn english_handout_contains_nearly_every_line_of_the_seed() {
    let text = pdf_text(&example_pdf("en", "handout"));
    let lines = seed_lines();
    let missing: Vec<&String> = lines.iter().filter(|line| !text.contains(line.as_str())).collect();
    assert!(missing.len() * 10 <= lines.len(), "missing from the handout: {missing:#?}");
}

#[test]
fn russian_outputs_are_in_russian() {
    let source = std::fs::read_to_string(root().join(EXAMPLE).join("ru.toml")).unwrap();
    for format in ["handout", "slides"] {
        let text = pdf_text(&example_pdf("ru", format));
        for expected in ["эксплуатация заключённых", "текущая ситуация", "наши рекомендации", "1 899 000"]
        {
            assert!(text.contains(&normalize(expected)), "{format} lacks {expected:?}");
        }
        for state in ["армения", "катар", "польша", "таиланд", "шри-ланка"] {
            assert!(text.contains(&normalize(state)), "{format}: State {state:?} not named in Russian");
        }
        for english in ["exploitation of prisoners", "current situation", "our recommendations"] {
            assert!(!text.contains(&normalize(english)), "{format} has English {english:?}");
        }
        // Every translated string of the translation file is in the output.
        for value in strings(&source) {
            let value = normalize(&value.replace("**", "").replace("{value}", "1 899 000"));
            assert!(text.contains(&value), "{format} lacks {value:?}");
        }
    }
}

#[test]
fn pdfs_carry_title_author_language_and_tags() {
    for (lang, title, author) in [
        ("en", "Human trafficking, forced labor", "Russia Behind Bars"),
        ("ru", "Торговля людьми, принудительный труд", "Русь сидящая"),
    ] {
        for format in ["handout", "slides"] {
            let doc = pdf(&example_pdf(lang, format));
            assert!(info(&doc, b"Title").unwrap_or_default().starts_with(title), "{lang} {format} title");
            assert_eq!(info(&doc, b"Author").as_deref(), Some(author), "{lang} {format} author");
            let catalog = catalog(&doc);
            let pdf_lang = catalog.get(b"Lang").and_then(lopdf::decode_text_string).unwrap_or_default();
            assert!(pdf_lang.starts_with(lang), "{lang} {format}: /Lang is {pdf_lang:?}");
            assert!(catalog.has(b"StructTreeRoot"), "{lang} {format} is tagged");
        }
    }
}

#[test]
fn every_font_is_embedded_and_none_comes_from_the_system() {
    for lang in LANGUAGES {
        for format in ["handout", "slides"] {
            let fonts = fonts(&pdf(&example_pdf(lang, format)));
            assert!(!fonts.is_empty());
            for (name, embedded) in fonts {
                assert!(embedded, "{lang} {format}: {name} is not embedded");
                assert!(name.contains("NotoSans"), "{lang} {format}: unexpected font {name}");
            }
        }
    }
}

#[test]
fn the_same_input_gives_byte_identical_pdfs() {
    let dir = temp_dir();
    let out = dir.path().join("again");
    brief(&["build", EXAMPLE, "--lang", "en", "--out", out.to_str().unwrap()]).expect_code(0);
    for format in ["handout", "slides"] {
        let again = std::fs::read(out.join(format!("russia-behind-bars/russia-behind-bars.en.{format}.pdf")))
            .unwrap();
        assert!(again == std::fs::read(example_pdf("en", format)).unwrap(), "{format} differs");
    }
}

#[test]
fn build_without_arguments_builds_briefs_under_the_current_folder() {
    let fixture = Fixture::copy_of("minimal");
    let run = fixture.run(&["build"]);
    run.expect_code(0);
    assert!(run.stdout.contains("out/minimal/minimal.en.handout.pdf"), "{}", run.stdout);
    assert!(fixture.pdf("en", "slides").is_file());
}

#[test]
fn user_text_is_printed_literally_never_run_as_typst() {
    let dir = temp_dir();
    let out = dir.path().to_str().unwrap();
    brief(&["build", fixture("literal-text").to_str().unwrap(), "--out", out]).expect_code(0);
    let text = pdf_text(&dir.path().join("literal-text/literal-text.en.slides.pdf"));
    for expected in [
        // Straight double quotes become the language's quotation marks, by design.
        r#"#panic(“x”) ]) $x$ <l> @ref \ *not bold"#,
        "example [watch] #1",
        "= not a heading",
        "#let x = 1; #x snake_case_name `raw` <b>tag</b>",
        "only this is bold and this italic",
    ] {
        assert!(text.contains(&normalize(expected)), "lacks {expected:?} in {text}");
    }
}

#[test]
fn check_passes_on_the_example_and_writes_nothing() {
    let dir = temp_dir();
    let run = brief_in(dir.path(), &["check", root().join(EXAMPLE).to_str().unwrap()]);
    run.expect_code(0);
    assert!(run.stdout.is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "check wrote files");
}

// --- Errors: each names file, line and column, and the key; exit code 1 ---------------

fn check_fixture(name: &str) -> Run {
    let run = brief(&["check", fixture(name).to_str().unwrap()]);
    run.expect_code(1);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

#[test]
fn toml_syntax_errors_point_at_the_line() {
    check_fixture("syntax-error")
        .stderr_has("error: invalid TOML")
        .stderr_has("syntax-error/brief.toml:2:25");
}

#[test]
fn unknown_fields_suggest_the_right_one() {
    check_fixture("unknown-field")
        .stderr_has("error: unknown field `situaton`, did you mean `situation`?")
        .stderr_has("unknown-field/brief.toml:10:1")
        .stderr_has("`[issues.one.findings.first]` accepts");
}

#[test]
fn wrong_types_name_the_key_and_what_was_expected() {
    check_fixture("wrong-type")
        .stderr_has("error: `issues.one.title`: invalid type: integer `42`, expected a string")
        .stderr_has("wrong-type/brief.toml:6:9");
}

#[test]
fn missing_fields_name_the_field_and_its_table() {
    check_fixture("missing-field")
        .stderr_has("error: missing field `title` in `[issues.one]`")
        .stderr_has("missing-field/brief.toml:5:1");
}

#[test]
fn translation_keys_must_exist_in_the_source() {
    check_fixture("unknown-translation-key")
        .stderr_has("error: key `issues.one.points.extra` does not exist in the source `brief.toml`")
        .stderr_has("unknown-translation-key/fr.toml:7:8");
}

#[test]
fn a_broken_translation_does_not_stop_the_other_languages() {
    let dir = temp_dir();
    let run = brief(&[
        "build",
        fixture("unknown-translation-key").to_str().unwrap(),
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    run.expect_code(1);
    let built = dir.path().join("unknown-translation-key");
    assert!(built.join("unknown-translation-key.en.handout.pdf").is_file());
    assert!(!built.join("unknown-translation-key.fr.handout.pdf").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&built).unwrap().filter_map(Result::ok).collect();
    assert_eq!(leftovers.len(), 3, "only the two English PDFs and the deck's notes, no temporary files");
    assert!(built.join("unknown-translation-key.en.slides.pdfpc").is_file());
}

#[test]
fn renaming_a_source_key_fails_check_with_file_and_line() {
    let source = std::fs::read_to_string(root().join(EXAMPLE).join("brief.toml")).unwrap();
    let fixture = Fixture::new("renamed", &source.replacen("\nheading = ", "\nheadline = ", 1));
    fixture
        .run(&["check"])
        .input_error()
        .stderr_has("unknown field `headline`, did you mean `heading`?")
        .stderr_has("briefs/renamed/brief.toml:");
}

#[test]
fn a_missing_folder_is_an_input_error() {
    brief(&["check", "no/such/folder"]).expect_code(1).stderr_has("error: `no/such/folder` does not exist");
}

#[test]
fn a_folder_without_briefings_says_what_a_briefing_is() {
    let dir = temp_dir();
    brief_in(dir.path(), &["build"]).expect_code(1).stderr_has("no briefing found in `briefs`");
}

#[test]
fn an_unknown_language_is_an_input_error() {
    brief(&["check", EXAMPLE, "--lang", "de"])
        .expect_code(1)
        .stderr_has("`russia-behind-bars` has no `de` translation");
}

/// The subcommands listed by `brief <path…> --help`, with their own subcommands.
fn commands(path: Vec<String>) -> Vec<Vec<String>> {
    let args: Vec<&str> = path.iter().map(String::as_str).chain(["--help"]).collect();
    let help = brief(&args).stdout;
    let names: Vec<String> = help
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_owned)
        .collect();
    let mut all = vec![path.clone()];
    for name in names {
        all.extend(commands([path.clone(), vec![name]].concat()));
    }
    all
}

#[test]
fn usage_errors_exit_with_2_and_every_commands_help_has_examples() {
    brief(&["build", "--format", "poster"]).expect_code(2).stderr_has("invalid value 'poster'");
    let commands = commands(Vec::new());
    for expected in ["build", "check", "i18n", "new", "schema", "completions", "man"] {
        assert!(commands.iter().any(|c| c == &[expected]), "`{expected}` is not listed: {commands:?}");
    }
    assert!(commands.iter().any(|c| c == &["i18n", "status"]), "{commands:?}");
    for command in commands {
        let help = brief(&[command.iter().map(String::as_str).collect::<Vec<_>>(), vec!["--help"]].concat());
        help.expect_code(0);
        assert!(help.stdout.contains("Examples:"), "{command:?} --help has no example");
    }
}

#[test]
fn a_logo_that_is_not_an_image_is_an_input_error_at_its_key() {
    check_fixture("bad-logo")
        .stderr_has("error: `logo.file`: `logo.png` is not a PNG, JPEG, GIF, WebP or SVG image")
        .stderr_has("bad-logo/brief.toml:4:");
}

#[test]
fn a_corrupt_logo_is_an_error_at_its_key_never_in_a_template() {
    check_fixture("corrupt-logo")
        .stderr_has("error: `logo.file`: `logo.png` cannot be read as an image")
        .stderr_has("corrupt-logo/brief.toml:4:")
        .stderr_lacks("templates/");
}

#[test]
fn a_logo_beside_the_briefing_is_placed_with_its_alt_text() {
    let dir = temp_dir();
    brief(&["build", fixture("with-logo").to_str().unwrap(), "--out", dir.path().to_str().unwrap()])
        .expect_code(0);
    for format in ["handout", "slides"] {
        let doc = pdf(&dir.path().join(format!("with-logo/with-logo.en.{format}.pdf")));
        let alt = doc.objects.values().filter_map(|o| o.as_dict().ok()).filter_map(|d| d.get(b"Alt").ok());
        let alts: Vec<String> = alt.filter_map(|a| lopdf::decode_text_string(a).ok()).collect();
        assert!(alts.iter().any(|a| a == "Example Watch logo"), "{format}: alt texts {alts:?}");
    }
}

#[test]
fn every_problem_of_a_briefing_is_reported_in_one_run() {
    let run = check_fixture("many-errors");
    for message in [
        "error: `lang`: `english` is not a language code",
        "error: `date`: `2024-11-04T10:00:00` is not a plain date",
        "error: unknown label `thankyou`, did you mean `thank-you`?",
        "error: `logo.file`: cannot read `missing.png`: there is no such file in the briefing's folder",
        "error: id `bad id` may only hold letters, digits, `-` and `_`",
        "error: `developments.items.count.text` must hold `{value}` exactly once, found 0",
        "error: `developments.items.count.value` is not translatable text",
        "error: `my notes` is not a language code",
    ] {
        run.stderr_has(message);
    }
    run.stderr_has("many-errors/brief.toml:1:1").stderr_has("many-errors/fr.toml:5:1");
    assert!(
        !run.stderr.contains("file not found"),
        "nothing is laid out from a broken source:\n{}",
        run.stderr
    );
}

#[test]
fn a_translation_file_is_named_by_the_language_code_as_written() {
    let fixture = Fixture::copy_of("minimal")
        .file("FR.toml", "title = \"Un briefing\"\n")
        .file(".toml", "title = \"hidden\"\n");
    let run = fixture.build(&[]);
    run.input_error()
        .stderr_has("error: the language code `FR` is written `fr`")
        .stderr_has("rename the file to `fr.toml`");
    assert!(
        !run.stderr.contains("hidden") && !run.stderr.contains("``"),
        "a hidden file is no translation: {}",
        run.stderr
    );
    assert!(fixture.pdf("en", "handout").is_file(), "the source language still builds");
}

#[test]
fn i18n_commands_name_a_missing_translation() {
    brief(&["i18n", "update", "de", EXAMPLE])
        .expect_code(1)
        .stderr_has("`russia-behind-bars` has no `de.toml`");
    brief(&["i18n", "init", "xx yy", EXAMPLE]).expect_code(1).stderr_has("`xx yy` is not a language code");
    brief(&["i18n", "init", "en", EXAMPLE]).expect_code(1).stderr_has("`en` is the source language");
}
