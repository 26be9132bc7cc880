//! What a reader and a screen reader get: the briefing `brief new` writes prints with no
//! defect (its text kept under a snapshot), one list per list in the tag tree, links on
//! slides as on handouts, text in another language marked so, plain metadata and
//! bookmarks, long words hyphenated and found whole, and a word too long for any line
//! reported at its place.

use lopdf::{Document, Object};

use crate::support::*;

/// The structure elements of the tag tree, depth first: each with its type, its `/Lang`
/// if it has one, and the types of its children.
struct Element {
    tag: String,
    lang: Option<String>,
    children: Vec<String>,
}

fn elements(doc: &Document) -> Vec<Element> {
    fn tag_of(doc: &Document, object: &Object) -> Option<String> {
        let (_, object) = doc.dereference(object).ok()?;
        let name = object.as_dict().ok()?.get(b"S").ok()?.as_name().ok()?;
        Some(String::from_utf8_lossy(name).into_owned())
    }
    fn kids(object: &Object) -> Vec<Object> {
        match object {
            Object::Array(items) => items.clone(),
            other => vec![other.clone()],
        }
    }
    fn walk(doc: &Document, object: &Object, out: &mut Vec<Element>) {
        let Ok((_, object)) = doc.dereference(object) else { return };
        let Ok(dict) = object.as_dict() else { return };
        let children = dict.get(b"K").map(kids).unwrap_or_default();
        if let Some(tag) = tag_of(doc, object) {
            let lang = dict.get(b"Lang").ok().and_then(|l| lopdf::decode_text_string(l).ok());
            let tags = children.iter().filter_map(|c| tag_of(doc, c)).collect();
            out.push(Element { tag, lang, children: tags });
        }
        for child in &children {
            walk(doc, child, out);
        }
    }
    let mut out = Vec::new();
    let root = catalog(doc).get(b"StructTreeRoot").ok().cloned();
    if let Some(root) = root {
        walk(doc, &root, &mut out);
    }
    out
}

/// Every `/Lang` a document gives its text: on structure elements, and on the marked
/// content of its pages (where Typst puts a span's language inside a paragraph).
fn languages(doc: &Document) -> Vec<String> {
    let mut langs: Vec<String> = elements(doc).into_iter().filter_map(|e| e.lang).collect();
    for id in doc.get_pages().into_values() {
        let content = doc.get_and_decode_page_content(id).expect("the page's content");
        for operation in content.operations.iter().filter(|o| o.operator == "BDC") {
            let properties = operation.operands.iter().filter_map(|o| o.as_dict().ok());
            let lang = properties.filter_map(|d| d.get(b"Lang").ok()).next();
            langs.extend(lang.and_then(|l| lopdf::decode_text_string(l).ok()));
        }
    }
    langs
}

/// The link annotations of a page (0-based): each one's target and `/Contents`.
fn links(doc: &Document, page: usize) -> Vec<(String, Option<String>)> {
    let id = *doc.get_pages().values().nth(page).expect("the page");
    let annots = doc.get_page_annotations(id).unwrap_or_default();
    annots
        .into_iter()
        .filter(|a| a.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"Link"))
        .map(|a| {
            let action =
                a.get(b"A").ok().and_then(|o| doc.dereference(o).ok()).and_then(|(_, o)| o.as_dict().ok());
            let uri = action.and_then(|d| d.get(b"URI").ok()).and_then(|u| u.as_str().ok());
            let uri = uri.map(|u| String::from_utf8_lossy(u).into_owned()).unwrap_or_default();
            let contents = a.get(b"Contents").ok().and_then(|c| lopdf::decode_text_string(c).ok());
            (uri, contents)
        })
        .collect()
}

/// The bookmarks' titles.
fn bookmarks(doc: &Document) -> Vec<String> {
    let toc = doc.get_toc().expect("an outline");
    toc.toc.into_iter().map(|entry| entry.title.trim_start_matches('\u{feff}').to_owned()).collect()
}

/// The text of a PDF as poppler's `pdftotext` reads it, which is what a reader copies.
fn poppler_text(path: &std::path::Path) -> String {
    let output = std::process::Command::new("pdftotext").arg(path).arg("-").output().expect("run pdftotext");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Invisible characters the tool must never add: zero-width space, bidi isolates.
fn invisible(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| matches!(c, '\u{200B}' | '\u{2066}'..='\u{2069}' | '\u{202A}'..='\u{202E}'))
        .collect()
}

#[test]
fn the_briefing_brief_new_writes_prints_with_no_defect() {
    let dir = temp_dir();
    brief_in(dir.path(), &["new", "demo"]).expect_code(0);
    let run = brief_in(dir.path(), &["build"]);
    run.expect_code(0).stderr_lacks("warning: page").stderr_lacks("warning: slide");
    let out = dir.path().join("out/demo");
    for format in ["handout", "slides"] {
        let path = out.join(format!("demo.en.{format}.pdf"));
        let text = poppler_text(&path);
        assert!(invisible(&text).is_empty(), "{format}: {text:?}");
        let pages: Vec<&str> = text.split('\u{c}').filter(|p| !p.trim().is_empty()).collect();
        let text: String = pages
            .iter()
            .enumerate()
            .map(|(i, page)| format!("--- page {} ---\n{}\n", i + 1, page.trim()))
            .collect();
        insta::assert_snapshot!(format!("new-briefing-{format}"), text);
    }
}

#[test]
fn the_example_has_one_list_per_list() {
    for (lang, format) in [("en", "handout"), ("ar", "handout"), ("en", "slides"), ("ar", "slides")] {
        let lang = &format!("{lang} {format}")[..];
        let doc = pdf(&example_pdf(&lang[..2], format));
        let elements = elements(&doc);
        let lists = elements.iter().filter(|e| e.tag == "L").count();
        let items = elements.iter().filter(|e| e.tag == "LI").count();
        assert!(lists > 0 && items >= 2 * lists, "{lang}: {lists} lists for {items} items");
        for element in &elements {
            let split = element.children.windows(2).any(|pair| pair[0] == "L" && pair[1] == "L");
            assert!(!split, "{lang}: a list cut in two under {}: {:?}", element.tag, element.children);
        }
    }
}

#[test]
fn the_closing_slide_links_the_e_mail_address_and_web_site() {
    let fixture = Fixture::copy_of("minimal");
    let source = std::fs::read_to_string(fixture.brief.join("brief.toml")).unwrap();
    let source = source.replace("[contact]", "[contact]\nwebsite = \"example.org/upr\"");
    let fixture = fixture.file("brief.toml", source);
    fixture.build(&["--format", "slides"]).expect_code(0);
    let doc = pdf(&fixture.pdf("en", "slides"));
    let last = doc.get_pages().len() - 1;
    let links = links(&doc, last);
    assert!(links.iter().any(|(uri, _)| uri.starts_with("mailto:")), "{links:?}");
    assert!(links.iter().any(|(uri, _)| uri == "https://example.org/upr"), "{links:?}");
    assert!(
        links.iter().all(|(_, contents)| contents.as_deref().is_some_and(|c| !c.is_empty())),
        "{links:?}"
    );
}

#[test]
fn text_that_falls_back_to_the_source_is_marked_as_its_language() {
    let source = "lang = \"en\"\ntitle = \"Prisons\"\norganisation = \"Observatory of Prisons\"\n\
                  [issues.one]\ntitle = \"Labour\"\npoints.a = \"Prisoners work for nothing\"\n\
                  [contact]\nemail = \"a@example.org\"\n";
    let translation = "title = \"Prisons en France\"\n[issues.one]\ntitle = \"Travail\"\n";
    let fixture = Fixture::new("fallback", source).file("fr.toml", translation);
    fixture.build(&["--lang", "fr", "--format", "handout"]).expect_code(0);
    let doc = pdf(&fixture.pdf("fr", "handout"));
    let langs: Vec<String> = elements(&doc).into_iter().filter_map(|e| e.lang).collect();
    assert!(langs.iter().any(|l| l.starts_with("en")), "no English span in {langs:?}");
}

#[test]
fn an_english_sentence_in_an_arabic_handout_reads_in_its_order() {
    // Left untranslated, so set in English: a bold word inside, a full stop at the end.
    let source = "lang = \"en\"\ntitle = \"Prisons\"\norganisation = \"Observatory\"\n\
                  [issues.one]\ntitle = \"Labour\"\n\
                  points.a = \"What has **really** happened since then, in a sentence.\"\n\
                  [contact]\nemail = \"a@example.org\"\n";
    let fixture = Fixture::new("order", source).file("ar.toml", "title = \"السجون\"\n");
    let run = fixture.build(&[]);
    run.expect_code(0).stderr_lacks("a line starts with");
    for format in ["handout", "slides"] {
        let text = poppler_text(&fixture.pdf("ar", format));
        assert!(text.contains("What has really happened since then, in a sentence."), "{format}:\n{text}");
    }
}

#[test]
fn text_the_briefing_marks_as_another_language_is_marked_so() {
    let source = "lang = \"ar\"\ntitle = \"السجون\"\norganisation = \"مرصد\"\n\
                  [issues.one]\ntitle = \"العمل\"\n\
                  points.a = \"شعار [Nil nisi bonum]{lang=la} و [Menschenrechte]{lang=de-AT}\"\n\
                  [contact]\nemail = \"a@example.org\"\n";
    let fixture = Fixture::new("marked", source);
    fixture.build(&[]).expect_code(0).stderr_lacks("warning");
    for format in ["handout", "slides"] {
        let path = fixture.pdf("ar", format);
        let langs = languages(&pdf(&path));
        assert!(langs.iter().any(|l| l == "la"), "{format}: no Latin span in {langs:?}");
        assert!(langs.iter().any(|l| l == "de-AT"), "{format}: no German span in {langs:?}");
        let text = poppler_text(&path);
        assert!(text.contains("Nil nisi bonum") && !text.contains("lang="), "{format}:\n{text}");
    }
}

#[test]
fn a_language_mark_naming_no_language_is_an_error_at_its_place() {
    let source = "lang = \"en\"\ntitle = \"Prisons\"\norganisation = \"Observatory\"\n\
                  [issues.one]\ntitle = \"Labour\"\npoints.a = \"The [motto]{lang=latin-ish} here\"\n\
                  [contact]\nemail = \"a@example.org\"\n";
    let fixture = Fixture::new("badlang", source);
    let run = fixture.build(&[]);
    run.input_error()
        .stderr_has(
            "error: `issues.one.points.a` marks text as in language `latin-ish`, which is no language code",
        )
        .stderr_has("badlang/brief.toml:6:25")
        .stderr_has("`{lang=la}`");
    assert!(!fixture.pdf("en", "handout").exists(), "no PDF is written");
}

#[test]
fn metadata_and_bookmarks_hold_the_text_as_written() {
    let organisation = "Strafvollzugsüberwachungsinitiative Russia Behind Bars 2025";
    let source = format!(
        "lang = \"ar\"\ntitle = \"السجون Russia 2025 والعمل\"\norganisation = \"{organisation}\"\n\
         [issues.one]\ntitle = \"العمل القسري ISO 3166 هنا\"\npoints.a = \"نقطة\"\n\
         [contact]\nemail = \"advocacy.coordination@example-coalition.org\"\n"
    );
    let fixture = Fixture::new("plain", &source);
    fixture.build(&[]).expect_code(0);
    for format in ["handout", "slides"] {
        let doc = pdf(&fixture.pdf("ar", format));
        let author = info(&doc, b"Author").expect("an author");
        assert_eq!(author, organisation, "{format}");
        let title = info(&doc, b"Title").expect("a title");
        assert!(invisible(&title).is_empty(), "{format}: {title:?}");
        let marks = bookmarks(&doc);
        assert!(
            marks
                .iter()
                .any(|m| m == "العمل القسري ISO 3166 هنا" || m.ends_with("العمل القسري ISO 3166 هنا")),
            "{marks:?}"
        );
        for mark in &marks {
            assert!(invisible(mark).is_empty(), "{format}: {mark:?}");
        }
    }
}

#[test]
fn a_long_compound_word_is_hyphenated_and_found_whole() {
    let word = "Untersuchungshaftvollzugsanstalt";
    let source = format!(
        "lang = \"de\"\ntitle = \"Haft\"\norganisation = \"Beobachtungsstelle\"\n\
         [issues.one]\ntitle = \"Haft\"\n\
         [issues.one.findings.a]\ntitle = \"Haft\"\n\
         previous.r = {{ by = \"FR\", text = \"Die {word} {word} {word} {word} verbessern\" }}\n\
         situation.points.a = \"Die {word} {word} {word} ist überfüllt\"\n\
         [contact]\nemail = \"advocacy.coordination@example-coalition.org\"\n"
    );
    let fixture = Fixture::new("compound", &source);
    let run = fixture.build(&["--format", "handout"]);
    run.expect_code(0).stderr_lacks("runs out of its column");
    let path = fixture.pdf("de", "handout");
    let text = poppler_text(&path);
    assert!(invisible(&text).is_empty(), "{text}");
    // Joined where poppler sees a hyphen at a line's end, as a PDF search does.
    let joined = text.replace("-\n", "").replace("\u{ad}\n", "");
    assert!(joined.matches(word).count() >= 7, "{word} is not found whole:\n{text}");
}

#[test]
fn a_token_no_language_can_hyphenate_breaks_every_few_characters() {
    let token = "X".repeat(120);
    let source = format!(
        "lang = \"en\"\ntitle = \"Prisons {token}\"\norganisation = \"Observatory\"\n\
         [issues.one]\ntitle = \"Labour\"\npoints.a = \"See {token} here\"\n\
         [contact]\nemail = \"a@example.org\"\n"
    );
    let fixture = Fixture::new("token", &source);
    fixture.build(&[]).expect_code(0).stderr_lacks("warning: page").stderr_lacks("warning: slide");
    let text = poppler_text(&fixture.pdf("en", "handout"));
    assert!(invisible(&text).is_empty(), "{text:?}");
    assert_eq!(text.matches('X').count(), 2 * 120, "every X printed once, none lost:\n{text}");
}

#[test]
fn a_word_too_long_for_its_column_is_an_error_at_its_place() {
    // 24 letters that no patterns break: a word, not a token, so never broken by force.
    let word = "Ш".repeat(24);
    let source = format!(
        "lang = \"en\"\ntitle = \"Prisons\"\norganisation = \"Observatory\"\n\
         [issues.one]\ntitle = \"Labour\"\n[issues.one.findings.a]\ntitle = \"Work\"\n\
         previous.r = {{ by = \"FR\", text = \"See {word} here\" }}\nsituation.points.a = \"A point\"\n\
         [contact]\nemail = \"a@example.org\"\n"
    );
    let fixture = Fixture::new("word", &source);
    let run = fixture.build(&["--format", "handout"]);
    run.input_error()
        .stderr_has(&format!("error: page 1 of `word` in `en` (handout): \"{word}\" runs out of its column"))
        .stderr_has("word/brief.toml:8:")
        .stderr_has("soft hyphen");
    assert!(!fixture.pdf("en", "handout").exists(), "no PDF is written");
}
