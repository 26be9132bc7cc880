//! Accessibility: real headings (H1–H4 in the tag tree), bookmarks in the document's
//! language, PDF/UA-1 by default, `--pdf-standard`, and errors for what cannot comply.

use std::fs;

use crate::layout::structure;
use crate::support::*;

/// The XMP metadata of a PDF, as text.
fn xmp(doc: &lopdf::Document) -> String {
    let metadata = catalog(doc).get(b"Metadata").and_then(|m| m.as_reference()).expect("XMP metadata");
    let stream = doc.get_object(metadata).and_then(|o| o.as_stream()).expect("a metadata stream");
    let bytes = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The headings of the tag tree, in order: `H1`, `H2`…
fn headings(doc: &lopdf::Document) -> Vec<String> {
    let tags = structure(doc).into_iter().map(|t| t.tag);
    tags.filter(|tag| tag.len() == 2 && tag.starts_with('H')).collect()
}

/// The bookmarks' titles.
fn bookmarks(doc: &lopdf::Document) -> Vec<String> {
    let toc = doc.get_toc().expect("an outline");
    toc.toc.into_iter().map(|entry| entry.title.trim_start_matches('\u{feff}').to_owned()).collect()
}

/// A string of a TOML file of the example, by dotted key.
fn example_text(file: &str, key: &str) -> String {
    let text = fs::read_to_string(root().join(EXAMPLE).join(file)).unwrap();
    let mut value: toml::Value = toml::from_str(&text).unwrap();
    for segment in key.split('.') {
        value = value.get(segment).unwrap_or_else(|| panic!("{file}: no `{key}`")).clone();
    }
    value.as_str().unwrap().to_owned()
}

#[test]
fn handouts_and_slides_have_headings_bookmarks_and_pdf_ua_in_english_and_arabic() {
    for (lang, file) in [("en", "brief.toml"), ("ar", "ar.toml")] {
        let title = example_text(file, "title");
        let finding = example_text(file, "issues.trafficking.findings.criminal-law.title");
        let issue = fs::read_to_string(root().join(format!("templates/labels/{lang}.toml"))).unwrap();
        let issue: toml::Value = toml::from_str(&issue).unwrap();
        let issue = issue["issue"]
            .as_str()
            .unwrap()
            .replace("{number}", "1")
            .replace("{title}", &example_text(file, "issues.trafficking.title"));
        for format in ["handout", "slides"] {
            let doc = pdf(&example_pdf(lang, format));
            let headings = headings(&doc);
            assert_eq!(headings.first().map(String::as_str), Some("H1"), "{lang} {format}: {headings:?}");
            for level in ["H2", "H3", "H4"] {
                assert!(headings.iter().any(|h| h == level), "{lang} {format}: no {level} in {headings:?}");
            }
            // PDF/UA-1 forbids skipping a level on the way down.
            for pair in headings.windows(2) {
                let (a, b) = (pair[0][1..].parse::<u8>().unwrap(), pair[1][1..].parse::<u8>().unwrap());
                assert!(b <= a + 1, "{lang} {format}: {} after {}", pair[1], pair[0]);
            }
            let bookmarks = bookmarks(&doc);
            for expected in [&title, &issue, &finding] {
                assert!(bookmarks.contains(expected), "{lang} {format}: {expected:?} not in {bookmarks:?}");
            }
            let xmp = xmp(&doc);
            assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "{lang} {format}: {xmp}");
            let language = catalog(&doc).get(b"Lang").ok().and_then(|l| lopdf::decode_text_string(l).ok());
            assert_eq!(language.as_deref(), Some(lang));
        }
    }
}

#[test]
fn pdf_standard_chooses_pdf_a_or_none_and_is_part_of_the_fingerprint() {
    let fixture = Fixture::copy_of("minimal");
    let pdf_of = |fixture: &Fixture| pdf(&fixture.pdf("en", "handout"));
    fixture.build(&["--format", "handout", "--pdf-standard", "a-2b"]).expect_code(0);
    let xmp_a = xmp(&pdf_of(&fixture));
    assert!(xmp_a.contains("<pdfaid:part>2</pdfaid:part>"), "{xmp_a}");
    assert!(xmp_a.contains("<pdfaid:conformance>B</pdfaid:conformance>"), "{xmp_a}");
    assert!(!xmp_a.contains("pdfuaid"), "{xmp_a}");

    // Another standard is another output: built again, not left up to date.
    let run = fixture.build(&["--format", "handout", "--pdf-standard", "none"]);
    assert_eq!(run.expect_code(0).stdout.lines().count(), 1, "{}", run.stderr);
    let doc = pdf_of(&fixture);
    let xmp_none = xmp(&doc);
    assert!(!xmp_none.contains("pdfaid") && !xmp_none.contains("pdfuaid"), "{xmp_none}");
    assert!(catalog(&doc).has(b"StructTreeRoot"), "still tagged");
    assert!(!headings(&doc).is_empty());

    fixture.build(&["--format", "handout", "--pdf-standard", "a-2b,ua-1"]).expect_code(0);
    let xmp_both = xmp(&pdf_of(&fixture));
    assert!(
        xmp_both.contains("<pdfaid:part>2</pdfaid:part>")
            && xmp_both.contains("<pdfuaid:part>1</pdfuaid:part>")
    );
}

#[test]
fn impossible_pdf_standards_are_usage_errors() {
    for (list, message) in [
        ("a-2b,a-3b", "choose at most one PDF/A standard"),
        ("a-4,ua-1", "are mutually incompatible"),
        ("ua-2", "`ua-2` is not a PDF standard"),
    ] {
        for command in ["build", "check"] {
            let run = brief(&[command, EXAMPLE, "--pdf-standard", list]);
            run.expect_code(2).stderr_has(message).stderr_has("--pdf-standard");
        }
    }
}

#[test]
fn empty_headings_and_alternative_texts_are_errors_at_their_key() {
    let source = "lang = \"en\"\ntitle = \"\"\norganisation = \"Org\"\n\
                  logo = { file = \"logo.svg\", alt = \" \" }\n\n[issues.one]\ntitle = \"**\"\n\n\
                  [labels]\nabout = \"\"\n\n[contact]\nemail = \"a@example.org\"\n";
    let logo = fs::read(fixture("with-logo").join("logo.svg")).unwrap();
    let fixture = Fixture::new("blank", source).file("logo.svg", logo);
    let run = fixture.run(&["check"]);
    run.input_error()
        .stderr_has("error: `title` is empty")
        .stderr_has("blank/brief.toml:2:1")
        .stderr_has("error: `logo.alt` is empty")
        .stderr_has("error: `labels.about` is empty")
        .stderr_has("read out by screen readers");
    // Markup that prints literally is not empty.
    run.stderr_lacks("`issues.one.title` is empty");
}

#[test]
fn a_blank_label_in_a_translation_is_an_error_at_its_key_unless_no_standard_is_asked() {
    let fixture = Fixture::copy_of("minimal").file("fr.toml", "[labels]\ncontact = \"\"\n");
    fixture
        .run(&["check", "--lang", "fr", "--format", "handout"])
        .input_error()
        .stderr_has("cannot be written as `ua-1`: PDF/UA-1 error: heading title is empty")
        .stderr_has("minimal/fr.toml:2:11");
    fixture.run(&["check", "--lang", "fr", "--format", "handout", "--pdf-standard", "none"]).expect_code(0);
}
