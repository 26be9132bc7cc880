//! The input boundary, tried as a hostile contributor would: files outside the briefing,
//! broken files, text that is not what it looks like, links, limits and killed builds.
//! Each case prints literally, builds cleanly, or fails with an error at the user's file
//! and line; none panics, hangs, shows a byte from outside, or loses a good PDF.

use std::fs;
use std::path::Path;

use crate::support::*;

/// A one-pixel PNG.
const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 144,
    119, 83, 222, 0, 0, 0, 12, 73, 68, 65, 84, 120, 156, 99, 248, 207, 192, 0, 0, 3, 1, 1, 0, 201, 254, 146,
    239, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// A briefing of a title, one issue with `point`, and a contact; `extra` goes at the top.
fn briefing(extra: &str, point: &str) -> String {
    format!(
        "lang = \"en\"\ntitle = \"A test briefing\"\norganisation = \"Example Watch\"\n{extra}\n\
         [issues.one]\ntitle = \"One issue\"\npoints.only = {point}\n\n[contact]\nemail = \"info@example.org\"\n"
    )
}

/// A file outside every briefing, holding a secret that must never be printed.
fn secret_outside(dir: &Path, name: &str, contents: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, contents).unwrap();
    path
}

const SECRET: &str = "TOPSECRET-c0ffee";

#[cfg(unix)]
#[test]
fn a_translation_that_links_outside_is_refused_and_never_shown() {
    let outside = temp_dir();
    // Not valid TOML, so that a reader that followed the link would quote it.
    let secret = secret_outside(outside.path(), "secrets.txt", &format!("{SECRET} = [ not toml"));
    let fixture = Fixture::new("linked", &briefing("", "\"A point\""));
    std::os::unix::fs::symlink(&secret, fixture.brief.join("fr.toml")).unwrap();
    let run = fixture.build(&[]);
    run.input_error()
        .stderr_has("cannot read `briefs/linked/fr.toml`: it leads outside the briefing's folder")
        .stderr_lacks(SECRET);
    assert!(fixture.pdf("en", "handout").is_file(), "the other languages still build");
    assert!(!fixture.pdf("fr", "handout").exists());
}

#[cfg(unix)]
#[test]
fn a_source_or_lock_that_links_outside_is_refused() {
    let outside = temp_dir();
    let secret = secret_outside(outside.path(), "brief.toml", &briefing(&format!("# {SECRET}"), "\"x\""));
    let fixture = Fixture::empty("linked");
    std::os::unix::fs::symlink(&secret, fixture.brief.join("brief.toml")).unwrap();
    fixture
        .build(&[])
        .input_error()
        .stderr_has("it leads outside the briefing's folder")
        .stderr_lacks(SECRET);

    let lock = secret_outside(outside.path(), "lock", &format!("[{SECRET}"));
    let fixture = Fixture::new("locked", &briefing("", "\"x\"")).file("fr.toml", "title = \"Un titre\"\n");
    std::os::unix::fs::symlink(&lock, fixture.brief.join("translations.lock")).unwrap();
    fixture
        .build(&[])
        .input_error()
        .stderr_has("cannot read `briefs/locked/translations.lock`: it leads outside")
        .stderr_lacks(SECRET);
}

#[cfg(unix)]
#[test]
fn a_briefing_folder_that_links_elsewhere_is_refused() {
    let outside = temp_dir();
    fs::write(outside.path().join("brief.toml"), briefing("", &format!("\"{SECRET}\""))).unwrap();
    let fixture = Fixture::new("mine", &briefing("", "\"A point\""));
    std::os::unix::fs::symlink(outside.path(), fixture.root.join("briefs/theirs")).unwrap();
    let run = fixture.build(&[]);
    run.input_error().stderr_has("cannot read `briefs/theirs`: it leads outside");
    assert!(fixture.pdf("en", "handout").is_file());
    assert!(!fixture.root.join("out/theirs").exists());
}

#[test]
fn logos_outside_the_folder_are_refused_at_their_key() {
    let outside = temp_dir();
    let image = outside.path().join("logo.png");
    fs::write(&image, PNG).unwrap();
    for file in [image.to_str().unwrap(), "../logo.png", "sub/../../logo.png"] {
        let logo = format!("logo = {{ file = \"{file}\", alt = \"Logo\" }}");
        let fixture = Fixture::new("logo", &briefing(&logo, "\"x\""));
        fixture
            .run(&["check"])
            .input_error()
            .stderr_has("error: `logo.file`: cannot read")
            .stderr_has("it leads outside the briefing's folder")
            .stderr_has("briefs/logo/brief.toml:4:");
    }
}

#[cfg(unix)]
#[test]
fn an_svg_logo_linking_outside_is_refused_in_the_svg_itself() {
    let outside = temp_dir();
    let secret = outside.path().join("secret.png");
    fs::write(&secret, PNG).unwrap();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" \
               width=\"10\" height=\"10\">\n<image xlink:href=\"inside.png\" width=\"10\" height=\"10\"/>\n</svg>\n";
    let fixture = Fixture::new("svg", &briefing("logo = { file = \"logo.svg\", alt = \"Logo\" }", "\"x\""))
        .file("logo.svg", svg);
    std::os::unix::fs::symlink(&secret, fixture.brief.join("inside.png")).unwrap();
    fixture
        .build(&[])
        .input_error()
        .stderr_has("the logo `logo.svg` links to `inside.png`: it leads outside the briefing's folder")
        .stderr_has("briefs/svg/logo.svg:2:")
        .stderr_has("this SVG is the `logo.file` of `brief.toml`");
    assert!(!fixture.pdf("en", "handout").exists());

    // Linked the right way, the same image is drawn.
    fs::remove_file(fixture.brief.join("inside.png")).unwrap();
    fs::write(fixture.brief.join("inside.png"), PNG).unwrap();
    fixture.build(&[]).expect_code(0);
}

#[test]
fn broken_images_and_svgs_are_reported_in_the_users_files() {
    let logo = "logo = { file = \"logo.svg\", alt = \"Logo\" }";
    let fixture =
        Fixture::new("svg", &briefing(logo, "\"x\"")).file("logo.svg", "<svg>\n  <rect width=\"1\"\n</svg>");
    fixture
        .run(&["check"])
        .input_error()
        .stderr_has("is not a valid SVG")
        .stderr_has("briefs/svg/logo.svg:3:1");

    let remote =
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"https://example.org/x.png\"/></svg>";
    let fixture = Fixture::new("svg", &briefing(logo, "\"x\"")).file("logo.svg", remote);
    fixture.run(&["check"]).input_error().stderr_has("may only link to images in the briefing's folder");

    let logo = "logo = { file = \"logo.png\", alt = \"Logo\" }";
    let fixture = Fixture::new("png", &briefing(logo, "\"x\"")).file("logo.png", &PNG[..40]);
    fixture
        .run(&["check"])
        .input_error()
        .stderr_has("`logo.file`: `logo.png` cannot be read as an image")
        .stderr_has("briefs/png/brief.toml:4:")
        .stderr_lacks("templates/");
}

#[test]
fn invalid_utf8_is_reported_at_its_line_and_column() {
    let mut source = briefing("", "\"caf\u{e9}\"").into_bytes();
    let at = source.iter().position(|&b| b == 0xC3).unwrap();
    source[at] = 0xFF;
    let fixture = Fixture::new("latin1", "").file("brief.toml", &source);
    fixture
        .run(&["check"])
        .input_error()
        .stderr_has("`briefs/latin1/brief.toml` is not UTF-8 text: byte 0xFF")
        .stderr_has("briefs/latin1/brief.toml:7:19")
        .stderr_has("save the file as UTF-8");
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain("title = \"x\"".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let fixture = Fixture::new("utf16", &briefing("", "\"x\"")).file("fr.toml", utf16);
    fixture.run(&["check"]).input_error().stderr_has("the file is saved as UTF-16");
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_folder_named_like_a_translation_is_no_hang_and_no_panic() {
    let fixture = Fixture::new("odd", &briefing("", "\"x\""));
    fs::create_dir(fixture.brief.join("de.toml")).unwrap();
    let fifo = fixture.brief.join("fr.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    fixture
        .build(&[])
        .input_error()
        .stderr_has("cannot read `briefs/odd/de.toml`: it is not a file")
        .stderr_has("cannot read `briefs/odd/fr.toml`: it is not a file");
    assert!(fixture.pdf("en", "slides").is_file());
}

#[test]
fn only_the_documented_markup_is_markup() {
    let points = [
        ("bold", "\"**bold** and \\\\*\\\\*not bold\\\\*\\\\*\""),
        ("italic", "\"*italic* _too_ \\\\*not\\\\* \\\\_not\\\\_\""),
        ("link", "\"[a link](https://example.org) \\\\[not a link\\\\](https://example.org)\""),
        ("angle", "\"<https://example.org/a> \\\\<https://example.org/b>\""),
        ("quote", "\"\\\"smart\\\" and \\\\\\\"straight\\\\\\\"\""),
        ("backslash", "\"one \\\\\\\\ two C:\\\\Users \\\\$ \\\\#\""),
        ("html", "\"AT&amp;T <b>bold?</b> &lt;tag&gt;\""),
        ("image", "\"![alt](logo.png) stays\""),
        ("typst", "\"#panic(\\\"x\\\") $x$ <label> @ref [content] {value} {number} {title}\""),
        ("blocks", "\"\"\"\n# heading\n| a | b |\n[^1]: note\n[1]: https://example.org\n- item\"\"\""),
    ];
    let items: String = points.iter().map(|(id, text)| format!("points.{id} = {text}\n")).collect();
    let source = format!(
        "lang = \"en\"\ntitle = \"Issue {{number}} {{title}} #x\"\norganisation = \"Example Watch\"\n\n\
         [issues.one]\ntitle = \"A {{number}} and {{title}} title\"\n{items}\n[contact]\nemail = \"info@example.org\"\n"
    );
    let fixture = Fixture::new("markup", &source);
    fixture.build(&["--format", "handout"]).expect_code(0);
    let path = fixture.pdf("en", "handout");
    let text = pdf_text(&path);
    for expected in [
        "Issue 1. A {number} and {title} title",
        "Issue {number} {title} #x",
        "not bold",
        "**not bold**",
        "*not* _not_",
        "[not a link](https://example.org)",
        "<https://example.org/b>",
        "one \\ two C:\\Users \\$ \\#",
        "AT&amp;T <b>bold?</b> &lt;tag&gt;",
        "![alt](logo.png) stays",
        "#panic(“x”) $x$ <label> @ref [content] {value} {number} {title}",
        "# heading | a | b | [^1]: note [1]: https://example.org - item",
    ] {
        assert!(text.contains(&normalize(expected)), "lacks {expected:?} in {text}");
    }
    assert!(text.contains(&normalize("and \"straight\"")), "a escaped quote stays straight: {text}");
    let uris = link_targets(&pdf(&path));
    assert!(uris.contains(&"https://example.org".to_owned()), "{uris:?}");
    assert!(uris.contains(&"https://example.org/a".to_owned()), "{uris:?}");
    assert!(!uris.iter().any(|u| u.contains("/b") || u.contains("logo.png")), "{uris:?}");
}

/// Every URI a link of the PDF goes to (in the link's action, inline or not).
fn link_targets(doc: &lopdf::Document) -> Vec<String> {
    fn walk(object: &lopdf::Object, out: &mut Vec<String>) {
        if let Ok(dict) = object.as_dict() {
            for (key, value) in dict.iter() {
                match value.as_str() {
                    Ok(uri) if key == b"URI" => out.push(String::from_utf8_lossy(uri).into_owned()),
                    _ => walk(value, out),
                }
            }
        }
    }
    let mut out = Vec::new();
    doc.objects.values().for_each(|object| walk(object, &mut out));
    out
}

#[test]
fn links_are_http_https_or_mailto_and_www_gets_https() {
    for (target, why) in [
        ("javascript:alert(1)", "`javascript:` links are not allowed"),
        ("file:///etc/passwd", "`file:` links are not allowed"),
        ("/etc/passwd", "it is not a web address"),
        ("report.pdf", "it is not a web address"),
    ] {
        let fixture = Fixture::new("links", &briefing("", &format!("\"see [this]({target}) now\"")));
        fixture
            .run(&["check"])
            .input_error()
            .stderr_has(&format!("`issues.one.points.only` links to `{target}`: {why}"))
            .stderr_has("briefs/links/brief.toml:7:");
    }
    let fixture = Fixture::new("www", &briefing("", "\"see [this](www.example.org/x) now\""));
    fixture.build(&["--format", "handout"]).expect_code(0);
    assert!(
        link_targets(&pdf(&fixture.pdf("en", "handout"))).contains(&"https://www.example.org/x".to_owned())
    );
    let bad_site =
        briefing("", "\"x\"").replace("email = \"info@example.org\"", "website = \"javascript:alert(1)\"");
    Fixture::new("site", &bad_site)
        .run(&["check"])
        .input_error()
        .stderr_has("`contact.website`: `javascript:alert(1)`: `javascript:` links are not allowed");
}

#[test]
fn control_characters_are_refused_at_their_place() {
    let fixture = Fixture::new("bell", &briefing("", "\"ring \\u0007 the \\u001B bell\""));
    fixture
        .run(&["check"])
        .input_error()
        .stderr_has("`issues.one.points.only` holds the control character U+0007")
        .stderr_has("briefs/bell/brief.toml:7:15");
    let translated = Fixture::new("bell", &briefing("", "\"ring the bell\""))
        .file("fr.toml", "[issues.one]\ntitle = \"Un \\u0008 titre\"\n");
    let run = translated.build(&[]);
    run.input_error()
        .stderr_has("`issues.one.title` holds the control character U+0008")
        .stderr_has("briefs/bell/fr.toml:2:9");
    assert!(translated.pdf("en", "handout").is_file(), "English still builds");
}

#[test]
fn characters_a_pdf_may_not_hold_are_refused_at_their_place() {
    // A byte order mark inside a text (from joining files) and a noncharacter.
    let fixture = Fixture::new("bom", &briefing("", "\"joined\\uFEFFfiles \\uFFFF\""));
    fixture
        .run(&["check"])
        .input_error()
        .stderr_has("`issues.one.points.only` holds the character U+FEFF, which cannot be printed")
        .stderr_has("briefs/bom/brief.toml:7:15")
        .stderr_has("U+2060, the word joiner");
}

#[test]
fn long_tokens_break_and_nothing_runs_off_a_page() {
    let token = "X".repeat(400);
    let url = format!("https://example.org/{}", "segment/".repeat(60));
    let fixture = Fixture::new("long", &briefing("", &format!("\"token {token} and {url} end\""))).file(
        "brief.toml",
        briefing("", &format!("\"token {token} and {url} end\""))
            .replace("title = \"A test briefing\"", &format!("title = \"Title {}\"", "Y".repeat(60))),
    );
    fixture.build(&["--format", "handout"]).expect_code(0);
    let text = pdf_text(&fixture.pdf("en", "handout")).replace('\u{200B}', "");
    assert!(text.contains(&normalize(&format!("token {token} and"))), "the whole token is on the page");
    assert!(text.contains(&normalize("segment/segment/segment")));
}

#[test]
fn a_handout_block_taller_than_a_page_is_an_error_not_a_cut() {
    // A finding's two halves are kept side by side on one page: 60 long previous
    // recommendations cannot be.
    let previous: String = (0..60)
        .map(|i| {
            format!(
                "previous.p{i} = {{ by = \"FR\", text = \"{}\" }}\n",
                "A recommendation that is long enough to wrap. ".repeat(3)
            )
        })
        .collect();
    let source = format!(
        "lang = \"en\"\ntitle = \"T\"\norganisation = \"O\"\n[issues.one]\ntitle = \"I\"\n\
         [issues.one.findings.f]\ntitle = \"F\"\nsituation.summary = \"Now.\"\n{previous}\n[contact]\nemail = \"a@example.org\"\n"
    );
    let fixture = Fixture::new("tall", &source);
    let run = fixture.build(&["--format", "handout"]);
    if run.code == 0 {
        // Broken across pages: then every recommendation is there.
        let text = pdf_text(&fixture.pdf("en", "handout"));
        assert_eq!(text.matches(&normalize("long enough to wrap")).count(), 180);
    } else {
        run.input_error().stderr_has("runs off the page").stderr_has("briefs/tall/brief.toml:");
        assert!(!fixture.pdf("en", "handout").exists());
    }
}

#[test]
fn a_deck_that_fails_keeps_the_last_good_pdf_and_its_cache_entry() {
    let fixture = Fixture::new("deck", &briefing("", "\"A short point\""));
    fixture.build(&["--format", "slides"]).expect_code(0);
    let pdf = fixture.pdf("en", "slides");
    let good = fs::read(&pdf).unwrap();
    let cache = fs::read_to_string(fixture.root.join("out/.brief-cache.json")).unwrap();
    // One paragraph too long for a slide even at the smallest size: it cannot be split.
    let source = briefing("", &format!("\"{}\"", "A sentence that takes room on the slide. ".repeat(150)));
    fs::write(fixture.brief.join("brief.toml"), source).unwrap();
    fixture.build(&["--format", "slides"]).input_error().stderr_has("does not fit, even at 14pt");
    assert!(fs::read(&pdf).unwrap() == good, "the good PDF is still there");
    assert_eq!(fs::read_to_string(fixture.root.join("out/.brief-cache.json")).unwrap(), cache);
    let leftovers: Vec<_> = fs::read_dir(pdf.parent().unwrap()).unwrap().filter_map(Result::ok).collect();
    assert_eq!(leftovers.len(), 2, "the deck and its notes, no temporary file: {leftovers:?}");
}

#[test]
fn a_tampered_cache_is_not_believed() {
    let fixture = Fixture::new("tampered", &briefing("", "\"A short point\""));
    fixture.build(&["--format", "slides"]).expect_code(0);
    let good = fs::read(fixture.pdf("en", "slides")).unwrap();
    let path = fixture.root.join("out/.brief-cache.json");
    let cache = fs::read_to_string(&path).unwrap();
    // Sizes no search chooses, or no JSON at all: the deck is searched again, the same.
    for sizes in [r#"{\"sizes\":{\"issues.one\":-5}}"#, r#"{\"sizes\":{\"issues.one\":1e9}}"#, "not json"] {
        let tampered = cache.replace(r#""sizes": "{"#, &format!(r#""sizes": "{sizes}", "was": "{{"#));
        assert_ne!(tampered, cache, "the cache records sizes: {cache}");
        fs::write(&path, tampered).unwrap();
        let run = fixture.build(&["--format", "slides", "--force"]);
        run.expect_code(0);
        assert!(!run.stderr.contains("warning"), "{}", run.stderr);
        assert_eq!(fs::read(fixture.pdf("en", "slides")).unwrap(), good);
    }
}

#[cfg(unix)]
#[test]
fn leftovers_of_a_killed_build_are_swept_and_a_linked_output_folder_refused() {
    let fixture = Fixture::new("swept", &briefing("", "\"x\""));
    fixture.build(&["--format", "handout"]).expect_code(0);
    let folder = fixture.root.join("out/swept");
    // What a build killed between writing and renaming leaves.
    fs::write(folder.join(".brief-4194304-a1b2c3.tmp"), "half a PDF").unwrap();
    fixture.build(&["--format", "handout", "--force"]).expect_code(0);
    let names: Vec<String> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["swept.en.handout.pdf"]);

    let elsewhere = temp_dir();
    fs::remove_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), &folder).unwrap();
    fixture
        .build(&["--format", "handout"])
        .input_error()
        .stderr_has("` is a link; `brief` writes only into real folders");
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn limits_stay_bounded() {
    let items: String = (0..10_000).map(|i| format!("i{i} = \"Item {i}\"\n")).collect();
    let source = format!(
        "lang = \"en\"\ntitle = \"T\"\norganisation = \"O\"\n[developments]\nheading = \"H\"\n[developments.items]\n{items}\n[contact]\nemail = \"a@example.org\"\n"
    );
    Fixture::new("items", &source)
        .run(&["check"])
        .input_error()
        .stderr_has("`developments.items` has 10000 entries; a table may have at most 200")
        .stderr_has("briefs/items/brief.toml:6:");

    let huge = "word ".repeat(210_000);
    Fixture::new("huge", &briefing("", &format!("\"{huge}\"")))
        .run(&["check"])
        .input_error()
        .stderr_has("`issues.one.points.only` is 1050000 characters long; a text may have at most 10000");

    let issues: String = (0..500).map(|i| format!("[issues.i{i}]\ntitle = \"Issue {i}\"\n")).collect();
    let source = format!(
        "lang = \"en\"\ntitle = \"T\"\norganisation = \"O\"\n{issues}\n[contact]\nemail = \"a@example.org\"\n"
    );
    Fixture::new("issues", &source).run(&["check"]).input_error().stderr_has("`issues` has 500 entries");

    let big = format!("# {}\n{}", "x".repeat(9 << 20), briefing("", "\"x\""));
    Fixture::new("big", &big).run(&["check"]).input_error().stderr_has("more than the 8 MB a file may have");
}

#[test]
fn paths_are_shown_relative_to_the_working_folder() {
    let fixture = Fixture::new("rel", &briefing("", "\"x\"").replace("title = ", "titel = "));
    let run = fixture.run(&["check", fixture.brief.to_str().unwrap()]);
    run.input_error().stderr_has("briefs/rel/brief.toml:2:1");
    assert!(!run.stderr.contains(fixture.root.to_str().unwrap()), "{}", run.stderr);
}

#[test]
fn a_translation_into_the_source_language_or_twice_into_one_is_refused() {
    let fixture = Fixture::new("twice", &briefing("", "\"x\""))
        .file("en.toml", "title = \"Again\"\n")
        .file("fr.toml", "title = \"Un\"\n")
        .file("FR.toml", "title = \"Deux\"\n");
    let run = fixture.build(&["--format", "handout"]);
    run.input_error()
        .stderr_has("`en` is the source language; `brief.toml` is its text")
        .stderr_has("a second translation into `fr`");
    assert!(fixture.pdf("en", "handout").is_file());
}

#[test]
fn two_briefings_of_one_name_do_not_overwrite_each_other() {
    let fixture = Fixture::new("same", &briefing("", "\"first\""));
    let other = fixture.root.join("elsewhere/same");
    fs::create_dir_all(&other).unwrap();
    fs::write(other.join("brief.toml"), briefing("", "\"second\"")).unwrap();
    fixture
        .run(&["build", "briefs/same", "elsewhere/same", "--format", "handout", "--out", "out"])
        .input_error()
        .stderr_has(
            "two briefings are named `same`: `briefs/same` and `elsewhere/same`; only the first is built",
        );
    assert!(pdf_text(&fixture.pdf("en", "handout")).contains("first"));
}

#[test]
fn invisible_characters_need_no_glyph() {
    // Joiners, marks and isolates: Persian needs ZWNJ, emoji sequences ZWJ.
    let fixture =
        Fixture::new("invisible", &briefing("", "\"a\\u200Cb\\u200Dc\\u200Ed\\u2066e\\u2069f\\uFE0F\""));
    fixture.build(&["--format", "handout"]).expect_code(0);
}
