//! The six UN languages: every output in its own script, mirrored Arabic, localized
//! values, labels, missing glyphs and slides that do not fit.

use crate::support::*;

/// Whether `text` has a letter of the script the language is written in.
fn in_own_script(lang: &str, text: &str) -> bool {
    let range = match lang {
        "ru" => '\u{0400}'..='\u{04FF}',
        "ar" => '\u{0600}'..='\u{06FF}',
        "zh" => '\u{4E00}'..='\u{9FFF}',
        _ => 'a'..='z',
    };
    text.chars().filter(|c| range.contains(c)).count() > 200
}

#[test]
fn every_language_gets_both_outputs_in_its_own_script_with_its_own_strings() {
    for lang in LANGUAGES {
        let strings = if lang == "en" {
            Vec::new()
        } else {
            strings(&std::fs::read_to_string(root().join(EXAMPLE).join(format!("{lang}.toml"))).unwrap())
        };
        for format in ["handout", "slides"] {
            let text = pdf_text(&example_pdf(lang, format));
            assert!(in_own_script(lang, &text), "{lang} {format} is not in its script");
            for value in &strings {
                let value = value.replace("**", "");
                for part in value.split(['"', '{', '}']).filter(|p| *p != "value") {
                    if lang == "ar" {
                        assert!(has_arabic_words(&text, part), "{lang} {format} lacks {part:?}");
                    } else {
                        assert!(text.contains(&normalize(part)), "{lang} {format} lacks {part:?}");
                    }
                }
            }
        }
    }
}

/// Arabic as a PDF text extractor returns it: glyphs in visual order, so each word comes
/// out reversed, while a ligature (lam with an alef form) keeps its letters in logical
/// order and vowel marks may move. Both sides drop vowel marks, lam and the alef forms
/// before comparing, which leaves the rest of each word in a comparable order.
fn arabic_form(text: &str) -> String {
    let dropped = |c: &char| ('\u{064B}'..='\u{065F}').contains(c) || "لاأإآى".contains(*c);
    text.chars().filter(|c| !dropped(c)).collect()
}

/// Whether nearly every Arabic word of `expected` is in the extracted `text`.
fn has_arabic_words(text: &str, expected: &str) -> bool {
    let text = arabic_form(text);
    let words: Vec<String> = expected
        .split(|c: char| !('\u{0621}'..='\u{064A}').contains(&c) && !('\u{064B}'..='\u{065F}').contains(&c))
        .filter(|w| w.chars().count() >= 2)
        .map(|w| arabic_form(&w.chars().rev().collect::<String>()))
        .collect();
    let found = words.iter().filter(|w| text.contains(w.as_str())).count();
    found * 10 >= words.len() * 9
}

#[test]
fn numbers_are_formatted_per_language() {
    for (lang, number) in [("en", "1,899,000"), ("fr", "1 899 000"), ("es", "1.899.000"), ("ru", "1 899 000")]
    {
        let text = pdf_text(&example_pdf(lang, "handout"));
        assert!(text.contains(&normalize(number)), "{lang}: {number}");
    }
}

#[test]
fn states_are_named_in_each_language_from_their_codes() {
    for (lang, armenia) in [
        ("en", "Armenia"),
        ("fr", "Arménie"),
        ("es", "Armenia"),
        ("ru", "Армения"),
        ("ar", "أرمينيا"),
        ("zh", "亚美尼亚"),
    ] {
        let text = pdf_text(&example_pdf(lang, "slides"));
        let found =
            if lang == "ar" { has_arabic_words(&text, armenia) } else { text.contains(&normalize(armenia)) };
        assert!(found, "{lang}: {armenia}");
    }
}

/// The share of text runs that start at the same left edge as the leftmost column's.
fn share_flush_left(lang: &str) -> f32 {
    let starts = run_starts(&example_pdf(lang, "handout"));
    let edge = starts.iter().copied().fold(f32::MAX, f32::min);
    let flush = starts.iter().filter(|x| (**x - edge).abs() < 12.0).count();
    flush as f32 / starts.len() as f32
}

#[test]
fn arabic_is_mirrored_its_lines_do_not_start_at_the_left_margin() {
    let (en, ar) = (share_flush_left("en"), share_flush_left("ar"));
    eprintln!("flush-left share: en {en}, ar {ar}");
    assert!(en > 0.25, "English lines start at the left margin: {en}");
    assert!(ar < en / 3.0, "Arabic lines end at the right margin, not start at the left: ar {ar}, en {en}");
}

#[test]
fn arabic_and_chinese_use_their_fonts() {
    for (lang, font) in [("ar", "NotoSansArabic"), ("zh", "NotoSansCJKsc")] {
        let fonts = fonts(&pdf(&example_pdf(lang, "handout")));
        assert!(fonts.iter().any(|(name, _)| name.contains(font)), "{lang}: {fonts:?}");
    }
}

#[test]
fn localized_values_labels_and_state_names() {
    let dir = temp_dir();
    let run = brief(&[
        "build",
        fixture("localized").to_str().unwrap(),
        "--format",
        "slides",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    run.expect_code(0)
        .stderr_has("no built-in labels for `de`: 20 label(s) fall back to `en`: `previous-recommendation`")
        .stderr_lacks("`thank-you`, ");
    let status = brief(&["i18n", "status", fixture("localized").to_str().unwrap()]);
    assert!(status.stdout.contains("localized: de: `states.\"Holy See\"` missing"), "{}", status.stdout);
    let text = |lang: &str| pdf_text(&dir.path().join(format!("localized/localized.{lang}.slides.pdf")));
    let en = text("en");
    for expected in [
        "August 30, 2023",
        "1,899,000 people",
        "12.5 per cent",
        "(Armenia)",
        "(the Russian Federation and Sri Lanka)",
        "(Holy See, Brazil, and Kenya)",
        "37.5% of prisoners",
        "Thank you very much!",
    ] {
        assert!(en.contains(&normalize(expected)), "en lacks {expected:?}");
    }
    let fr = text("fr");
    for expected in [
        "30 août 2023",
        "1 899 000 personnes",
        "12,5 pour cent",
        "(Arménie)",
        "(la Fédération de Russie et Sri Lanka)",
        "(Saint-Siège, Brésil et Kenya)",
        "37,5 % des détenus",
        "Merci infiniment !",
    ] {
        assert!(fr.contains(&normalize(expected)), "fr lacks {expected:?}");
    }
    let de = text("de");
    assert!(de.contains(&normalize("Vielen Dank!")) && de.contains(&normalize("30. August 2023")));
}

#[test]
fn a_character_no_font_has_is_an_error_naming_file_key_and_character() {
    let dir = temp_dir();
    let run =
        brief(&["build", fixture("missing-glyph").to_str().unwrap(), "--out", dir.path().to_str().unwrap()]);
    run.expect_code(1)
        .stderr_has("error: no font has a glyph for `ก` (U+0E01) in `title` (language `fr`, Thai script)")
        .stderr_has("missing-glyph/fr.toml:1:9");
    assert!(dir.path().join("missing-glyph/missing-glyph.en.handout.pdf").is_file());
    assert!(!dir.path().join("missing-glyph/missing-glyph.fr.handout.pdf").exists());
}

#[test]
fn an_organisation_too_long_for_the_cover_and_the_closing_slide_is_blamed_by_its_key() {
    let organisation = ["The International Coalition for Human Rights Monitoring"; 160].join(" ");
    let source = format!(
        "lang = \"en\"\ntitle = \"A short title\"\norganisation = \"{organisation}\"\n\n[contact]\nemail = \"info@example.org\"\n"
    );
    let fixture = Fixture::new("long-organisation", &source);
    fixture
        .run(&["check", "--format", "slides"])
        .input_error()
        .stderr_has("error: slide 1 of `long-organisation` in `en` (slides): `organisation` does not fit on one slide")
        .stderr_has("long-organisation/brief.toml:3:1")
        .stderr_has("hint: shorten the text under `organisation`")
        .stderr_lacks("`title` does not fit")
        .stderr_lacks("`contact` does not fit");
}

#[test]
fn a_slide_that_does_not_fit_is_an_error_naming_language_slide_and_key() {
    brief(&["check", fixture("overflow").to_str().unwrap(), "--format", "slides"])
        .expect_code(1)
        .stderr_has(
            "error: slide 3 of `overflow` in `en` (`issues.one.findings.crowded`) does not fit, even at 14pt",
        )
        .stderr_has("overflow/brief.toml:8:");
}

/// The words `pdftotext -bbox` finds in a PDF, with their left edge and line, in the
/// order of the content stream.
fn word_boxes(path: &std::path::Path) -> Vec<(String, f64, f64)> {
    let output = std::process::Command::new("pdftotext")
        .args(["-bbox", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (Debian's poppler-utils) is installed");
    let html = String::from_utf8_lossy(&output.stdout).into_owned();
    let number = |line: &str, name: &str| -> f64 {
        let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        line[at..].split('"').next().unwrap().parse().unwrap()
    };
    html.lines()
        .filter(|line| line.trim_start().starts_with("<word "))
        .map(|line| {
            let text = line.split('>').nth(1).unwrap_or("").split('<').next().unwrap_or("").to_owned();
            (text, number(line, "xMin"), number(line, "yMax"))
        })
        .collect()
}

#[test]
fn in_arabic_a_phone_number_and_a_list_of_states_read_as_they_should() {
    let source = "lang = \"en\"\ntitle = \"Phone\"\norganisation = \"Example Watch\"\n\
                  [issues.one]\ntitle = \"One issue\"\npoints.only = \"Call +41 22 555 01 23 now\"\n\
                  [issues.one.findings.f]\ntitle = \"F\"\nprevious.p = { by = [\"BR\", \"KE\"], text = \"Do it\" }\n\
                  [contact]\nemail = \"info@example.org\"\nphone = \"+41 22 555 01 23\"\n";
    let arabic =
        "title = \"هاتف\"\n[issues.one]\ntitle = \"قضية\"\npoints.only = \"اتصل على +41 22 555 01 23 الآن\"\n";
    let fixture = Fixture::new("phone", source).file("ar.toml", arabic);
    fixture.build(&["--lang", "ar"]).expect_code(0);
    for format in ["handout", "slides"] {
        let words = word_boxes(&fixture.pdf("ar", format));
        let parts = ["+41", "22", "555", "01", "23"];
        let mut found = 0;
        for (i, (word, _, _)) in words.iter().enumerate() {
            if word != "+41" {
                continue;
            }
            let line: Vec<&(String, f64, f64)> = words[i..(i + 5).min(words.len())].iter().collect();
            let texts: Vec<&str> = line.iter().map(|(w, _, _)| w.as_str()).collect();
            assert_eq!(texts, parts, "{format}: the number's pieces are together");
            assert!(line.windows(2).all(|w| w[0].1 < w[1].1), "{format}: left to right: {line:?}");
            found += 1;
        }
        assert!(found >= 2, "{format}: the phone number in the text and the contact: {found}");
        let output =
            std::process::Command::new("pdftotext").arg(fixture.pdf("ar", format)).arg("-").output().unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("البرازيل وكينيا"), "{format}: an Arabic list of States: {text}");
    }
}

#[test]
fn chinese_beyond_gb2312_builds() {
    let source = "lang = \"en\"\ntitle = \"Names\"\norganisation = \"Example Watch\"\n\
                  [issues.one]\ntitle = \"One issue\"\npoints.only = \"Zhu Rongji and others\"\n\
                  [contact]\nemail = \"info@example.org\"\n";
    let chinese =
        "title = \"人名\"\n[issues.one]\ntitle = \"一个问题\"\npoints.only = \"朱镕基、喆、玥、堃\"\n";
    let fixture = Fixture::new("names", source).file("zh.toml", chinese);
    fixture.build(&["--lang", "zh"]).expect_code(0).stderr_lacks("no embedded font");
    for format in ["handout", "slides"] {
        let output =
            std::process::Command::new("pdftotext").arg(fixture.pdf("zh", format)).arg("-").output().unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("朱镕基、喆、玥、堃"), "{format}: {text}");
    }
}
