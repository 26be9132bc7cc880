//! Scripts beyond the six UN languages: Traditional Chinese, Hebrew (right to left) and
//! Hindi with the embedded fonts, a briefing that brings its own font for a script the
//! tool does not ship, and a missing glyph, which is an error under every PDF standard.

use crate::support::*;

/// A small briefing in `lang`, with the example's shape: `texts` are the title, the
/// organisation, an issue, a finding, a previous recommendation, the situation and one of
/// our recommendations.
fn briefing(lang: &str, texts: [&str; 7]) -> String {
    let [title, organisation, issue, finding, previous, situation, ours] = texts;
    format!(
        "lang = \"{lang}\"\ntitle = \"{title}\"\norganisation = \"{organisation}\"\ndate = 2025-11-12\n\n\
         [issues.one]\ntitle = \"{issue}\"\n\n[issues.one.findings.first]\ntitle = \"{finding}\"\n\
         previous.fr = {{ by = \"FR\", text = \"{previous}\" }}\nsituation.summary = \"{situation}\"\n\n\
         [issues.one.recommendations]\nwages = \"{ours}\"\n\n[contact]\nemail = \"info@example.org\"\n"
    )
}

/// The text of a PDF as poppler's `pdftotext` reads it, in logical order (Hebrew) and with
/// Devanagari's clusters whole, without the directional marks it adds, normalized.
fn logical_text(path: &std::path::Path) -> String {
    let output = std::process::Command::new("pdftotext").arg(path).arg("-").output().expect("run pdftotext");
    let text = String::from_utf8_lossy(&output.stdout);
    normalize(&text.chars().filter(|c| !('\u{202A}'..='\u{202E}').contains(c)).collect::<String>())
}

/// Builds `source` as briefing `name`; asserts that every output uses `font` and holds
/// every one of `expected` in its handout. Returns the fixture, for more checks.
fn builds_with(name: &str, source: &str, font: &str, expected: &[&str]) -> Fixture {
    let fixture = Fixture::new(name, source);
    fixture.build(&[]).expect_code(0);
    let lang = source.lines().next().unwrap().trim_start_matches("lang = ").trim_matches('"').to_owned();
    for format in ["handout", "slides"] {
        let path = fixture.pdf(&lang, format);
        let fonts = fonts(&pdf(&path));
        assert!(fonts.iter().any(|(name, embedded)| name.contains(font) && *embedded), "{lang}: {fonts:?}");
        // The slides set a finding's columns side by side: their lines interleave.
        let text = logical_text(&path);
        for expected in expected.iter().filter(|_| format == "handout") {
            assert!(text.contains(&normalize(expected)), "{lang} {format} lacks {expected:?}:\n{text}");
        }
    }
    fixture
}

#[test]
fn traditional_chinese_prints_in_its_own_font_with_traditional_labels() {
    let texts = [
        "監獄中的強迫勞動",
        "人權觀察會",
        "強迫勞動",
        "無償勞動",
        "批准公約",
        "囚犯在艱苦的條件下工作。羅馬。",
        "確保公平的報酬",
    ];
    for lang in ["zh-Hant", "zh-TW", "zh-HK"] {
        let fixture = builds_with("traditional", &briefing(lang, texts), "NotoSansCJKtc", &texts);
        let text = logical_text(&fixture.pdf(lang, "handout"));
        for label in ["以往建議", "目前情況", "我們的建議", "聯絡方式"] {
            assert!(text.contains(&normalize(label)), "{lang} lacks the label {label}");
        }
        for simplified in ["建议", "现状", "我们", "联系"] {
            assert!(!text.contains(&normalize(simplified)), "{lang} has the Simplified {simplified}");
        }
    }
}

#[test]
fn hebrew_prints_right_to_left_and_hindi_in_devanagari() {
    let hebrew = [
        "עבודת כפייה בבתי הכלא",
        "משמר זכויות האדם",
        "עבודת כפייה",
        "עבודה ללא שכר",
        "לאשרר את האמנה",
        "האסירים עובדים בתנאים קשים",
        "להבטיח שכר הוגן",
    ];
    let fixture = builds_with("hebrew", &briefing("he", hebrew), "NotoSansHebrew", &hebrew);
    let text = logical_text(&fixture.pdf("he", "handout"));
    for label in ["המלצה קודמת", "המצב כיום", "ההמלצות שלנו", "יצירת קשר"]
    {
        assert!(text.contains(&normalize(label)), "he lacks the label {label}");
    }
    // Mirrored: the Hebrew lines end at the right margin; few start at the left one.
    let starts = run_starts(&fixture.pdf("he", "handout"));
    let left = starts.iter().filter(|x| **x < 60.0).count();
    assert!(left * 5 < starts.len(), "{left} of {} runs start at the left margin", starts.len());
    let hindi = [
        "जेलों में जबरन श्रम",
        "मानवाधिकार निगरानी",
        "जबरन श्रम",
        "बिना वेतन का काम",
        "संधि का अनुसमर्थन करें",
        "कैदी कठिन परिस्थितियों में काम करते हैं",
        "उचित वेतन सुनिश्चित करें",
    ];
    let fixture = builds_with("hindi", &briefing("hi", hindi), "NotoSansDevanagari", &hindi);
    let text = logical_text(&fixture.pdf("hi", "handout"));
    for label in ["पिछली सिफ़ारिश", "वर्तमान स्थिति", "हमारी सिफ़ारिशें", "संपर्क"]
    {
        assert!(text.contains(&normalize(label)), "hi lacks the label {label}");
    }
}

#[test]
fn a_briefing_brings_its_own_font_for_a_script_the_tool_does_not_ship() {
    let dir = temp_dir();
    let out = dir.path().to_str().unwrap();
    let typst = dir.path().join("typst");
    let typst = typst.to_str().unwrap();
    brief(&["build", fixture("own-font").to_str().unwrap(), "--out", out, "--emit-typst", typst])
        .expect_code(0);
    // The standalone Typst project carries the briefing's fonts too.
    assert!(dir.path().join("typst/own-font.ka.handout/fonts/NotoSansGeorgian-Bold.ttf").is_file());
    for format in ["handout", "slides"] {
        let path = dir.path().join(format!("own-font/own-font.ka.{format}.pdf"));
        let fonts = fonts(&pdf(&path));
        assert!(
            fonts.iter().any(|(name, embedded)| name.contains("NotoSansGeorgian") && *embedded),
            "{fonts:?}"
        );
        assert!(pdf_text(&path).contains(&normalize("იძულებითი შრომა ციხეებში")), "{format}");
    }
}

#[test]
fn without_its_font_a_script_is_an_error_naming_language_script_and_fonts_folder() {
    let source = std::fs::read_to_string(fixture("own-font").join("brief.toml")).unwrap();
    let fixture = Fixture::new("georgian", &source);
    for standard in ["ua-1", "none"] {
        fixture
            .build(&["--pdf-standard", standard])
            .input_error()
            .stderr_has(
                "error: no font has a glyph for `ი` (U+10D8), `ძ` (U+10EB), `უ` (U+10E3), `ლ` (U+10DA), \
                 `ე` (U+10D4) and 9 more in `title` (language `ka`, Georgian script)",
            )
            .stderr_has("georgian/brief.toml:4:9")
            .stderr_has("in `briefs/georgian/fonts/`, beside `brief.toml`");
        assert!(!fixture.pdf("ka", "handout").exists(), "{standard}");
    }
}

#[test]
fn text_the_tool_writes_in_a_script_no_font_has_is_an_error_not_a_box() {
    // Every text is Latin, but the date is spelled in Georgian: no PDF, under any standard.
    let source = "lang = \"ka\"\ntitle = \"Forced labour\"\norganisation = \"Example Watch\"\n\
                  date = 2025-11-12\n\n[contact]\nemail = \"info@example.org\"\n";
    let fixture = Fixture::new("georgian-date", source);
    for standard in ["none", "ua-1"] {
        fixture
            .build(&["--pdf-standard", standard])
            .input_error()
            .stderr_has(
                "error: page 1 of `georgian-date` in `ka` (handout): no font has a glyph for `ნ` (U+10DC)",
            )
            .stderr_has("in \"12 ნოემბერი, 2025\" (language `ka`, Georgian script)");
        assert!(!fixture.pdf("ka", "handout").exists() && !fixture.pdf("ka", "slides").exists());
    }
}

#[test]
fn a_font_file_that_is_no_font_is_an_error_at_the_file() {
    let source = std::fs::read_to_string(fixture("own-font").join("brief.toml")).unwrap();
    let fixture = Fixture::new("bad-font", &source)
        .file("fonts/Broken.ttf", "not a font")
        .file("fonts/README.txt", "notes");
    fixture
        .run(&["check"])
        .input_error()
        .stderr_has("error: `briefs/bad-font/fonts/Broken.ttf` is not a font that can be read")
        .stderr_lacks("README.txt");
}
