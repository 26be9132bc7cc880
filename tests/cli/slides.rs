//! Slide bodies sized to read well: continued on a next slide rather than set small, set
//! larger when short, and a warning only when neither helps.

use crate::layout::drawn;
use crate::support::*;

/// The token that starts point `i`: letters only, so that it is drawn in one run of one
/// font even in Arabic text.
fn token(i: usize) -> String {
    format!("Q{}{}", (b'A' + (i / 26) as u8) as char, (b'A' + (i % 26) as u8) as char)
}

/// A briefing in `lang` whose one finding has `points` points, each [`token`] and a text.
fn long_finding(lang: &str, points: usize, text: &str) -> Fixture {
    let mut source = format!(
        "lang = \"{lang}\"\ntitle = \"{text}\"\norganisation = \"Org\"\n\n[issues.one]\ntitle = \"{text}\"\n\n\
         [issues.one.findings.long]\ntitle = \"{text}\"\nprevious.p = {{ by = \"TH\", text = \"{text}\" }}\n"
    );
    for i in 0..points {
        source.push_str(&format!("situation.points.p{i:02} = \"{} {text}\"\n", token(i)));
    }
    source.push_str("\n[contact]\nemail = \"info@example.org\"\n");
    Fixture::new("long", &source)
}

#[test]
fn the_example_builds_without_a_warning() {
    let run = brief(&["check", EXAMPLE]);
    run.expect_code(0).stderr_lacks("warning");
}

#[test]
fn a_long_body_is_continued_on_a_next_slide_in_its_language() {
    for (lang, text, marker) in [
        ("en", "No effective complaint mechanism for prisoners", "(continued)"),
        ("fr", "Aucun mécanisme de plainte effectif pour les détenus", "(suite)"),
        ("ar", "لا توجد آليات فعالة لتقديم الشكاوى", "(تابع)"),
        ("zh", "缺乏有效的申诉机制", "（续）"),
    ] {
        let fixture = long_finding(lang, 14, text);
        let run = fixture.build(&["--format", "slides"]);
        run.expect_code(0).stderr_lacks("warning");
        let path = fixture.pdf(lang, "slides");
        // Cover, issue divider, the finding over two slides or more, thank you.
        let pages = page_count(&path);
        assert!(pages >= 5, "{lang}: {pages} slides");
        // lopdf extracts right-to-left text in visual order: reversed.
        let visual: String = marker.chars().rev().collect();
        let text = pdf_text(&path);
        let marker = normalize(if lang == "ar" { &visual } else { marker });
        assert!(text.contains(&marker), "{lang}: no {marker} in {text}");
        // Every point once, none cut, all at 85% of the design size (23 pt) or more.
        let drawn = drawn(&pdf(&path));
        for i in 0..14 {
            let token = token(i);
            let runs: Vec<_> = drawn.runs.iter().filter(|r| r.text.contains(&token)).collect();
            assert_eq!(runs.len(), 1, "{lang}: {token} drawn {} times", runs.len());
            assert!(runs[0].size >= 23.0 * 0.85 - 0.05, "{lang}: {token} at {}pt", runs[0].size);
        }
        // The slides of one body are set at one size.
        let sizes: std::collections::BTreeSet<String> =
            drawn.runs.iter().filter(|r| r.text.contains("QA")).map(|r| format!("{:.1}", r.size)).collect();
        assert_eq!(sizes.len(), 1, "{lang}: {sizes:?}");
    }
}

#[test]
fn a_short_body_is_set_larger_than_its_design_size() {
    let fixture = Fixture::copy_of("minimal");
    fixture.build(&["--format", "slides"]).expect_code(0);
    let drawn = drawn(&pdf(&fixture.pdf("en", "slides")));
    let point = drawn.runs.iter().find(|r| r.text.contains("The only point")).expect("the point");
    assert!(point.size > 23.0 && point.size <= 29.0, "{}pt", point.size);
}

#[test]
fn a_body_that_cannot_be_cut_is_set_smaller_with_a_warning() {
    // One paragraph: there is no point between which to continue it.
    let paragraph = "The situation has not changed since the last review, and the State has taken no step. ";
    let source = format!(
        "lang = \"en\"\ntitle = \"T\"\norganisation = \"Org\"\n\n[issues.one]\ntitle = \"One\"\n\n\
         [issues.one.findings.long]\ntitle = \"A long paragraph\"\nsituation.summary = \"{}\"\n\n\
         [contact]\nemail = \"info@example.org\"\n",
        paragraph.repeat(14).trim()
    );
    let fixture = Fixture::new("paragraph", &source);
    fixture
        .run(&["check", "--format", "slides"])
        .expect_code(0)
        .stderr_has("warning: slide 3 of `paragraph` in `en` (`issues.one.findings.long`) was set at")
        .stderr_has("paragraph/brief.toml:8:")
        .stderr_has("a slide is continued on the next between points");
}
