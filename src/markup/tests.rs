//! Tests of the inline markup, one for each row of the table in `docs/writing.md` and more.

use super::*;

fn texts(source: &str) -> Vec<(String, bool, bool)> {
    parse(source).into_iter().map(|r| (r.text, r.strong, r.emph)).collect()
}

#[test]
fn bold_and_italic() {
    assert_eq!(
        texts("only **16 convictions** and *two*"),
        [
            ("only ".into(), false, false),
            ("16 convictions".into(), true, false),
            (" and ".into(), false, false),
            ("two".into(), false, true)
        ]
    );
}

#[test]
fn links() {
    let runs = parse("see [our report](https://example.org/r) now");
    assert_eq!(runs[1].link.as_deref(), Some("https://example.org/r"));
    assert_eq!(runs[1].text, "our report");
}

#[test]
fn typst_and_block_syntax_stay_literal() {
    for source in [
        "#panic(\"x\") ]) $x$ <l> @ref \\ back",
        "# not a heading",
        "- not a list",
        "1. not numbered",
        "> not a quote",
        "`code` and <b>html</b>",
        "snake_case_name and 5 * 3",
        "***",
    ] {
        assert_eq!(plain(source), source, "{source}");
    }
}

#[test]
fn markup_at_line_start() {
    assert_eq!(texts("**Bold** start")[0], ("Bold".into(), true, false));
}

#[test]
fn splits_at_a_marker_keeping_spaces() {
    let (before, after) = split_at(parse("Estimated {value} **people** here"), "{value}");
    assert_eq!(before, [literal("Estimated ")]);
    assert_eq!(after[0], literal(" "));
    assert_eq!(after[1].text, "people");
    assert!(after[1].strong);
}

#[test]
fn double_quotes_become_smart_quotes() {
    let runs = parse(r#"the "Yarovaya" laws"#);
    assert_eq!(runs.iter().filter(|r| r.quote).count(), 2);
    assert_eq!(plain(r#"the "Yarovaya" laws"#), r#"the "Yarovaya" laws"#);
}

#[test]
fn a_backslash_escapes_each_mark_and_nothing_else() {
    // One row of the table in `docs/writing.md` each: the mark, escaped, prints as itself.
    assert_eq!(texts(r"\*\*not bold\*\*"), [("**not bold**".into(), false, false)]);
    assert_eq!(texts(r"\*not italic\* \_nor this\_"), [("*not italic* _nor this_".into(), false, false)]);
    let runs = parse(r"\[not a link\](https://example.org) \<https://example.org>");
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].text, "[not a link](https://example.org) <https://example.org>");
    assert_eq!(runs[0].link, None);
    let quotes = parse(r#"a \"straight\" quote"#);
    assert!(quotes.iter().all(|r| !r.quote), "{quotes:?}");
    assert_eq!(plain(r#"a \"straight\" quote"#), r#"a "straight" quote"#);
    assert_eq!(plain(r"one \\ backslash"), r"one \ backslash");
    // Before anything else, a backslash is a backslash.
    for source in [r"C:\Users\x", r"\$ \# \@ \{ \n", "end\\", "line\\\nbreak"] {
        assert_eq!(plain(source), source.replace('\n', " "), "{source}");
    }
}

#[test]
fn html_entities_images_and_block_syntax_print_as_written() {
    for source in [
        "AT&amp;T &lt;b&gt; &#169; &copy;",
        "<b>bold?</b> <!-- comment --> <div>block</div>",
        "![alt text](logo.png) and ![x](https://example.org/x.png \"t\")",
        "[1]: https://example.org/definition",
        "| a | b |\n|---|---|",
        "a footnote[^1] [^1]: the note",
        "Title\n=====",
        "~~~\ncode\n~~~",
        "- [ ] task",
        "www.example.org and https://example.org bare",
    ] {
        let expected = source.replace("\n\n", "\n").replace('\n', " ");
        assert_eq!(plain(source), expected, "{source}");
    }
    let image = parse("see ![x](javascript:alert(1)) here");
    assert!(image.iter().all(|r| r.link.is_none()), "{image:?}");
}

#[test]
fn runs_hold_the_text_as_written() {
    let token = "B".repeat(25);
    let runs = parse(&format!("x {token} advocacy@example.org"));
    assert_eq!(runs[0].text, format!("x {token} advocacy@example.org"), "no character is added");
    assert!(runs[0].breaks.is_empty(), "places to break are given by the resolver, per run as shown");
}

#[test]
fn links_are_normalized_and_checked() {
    assert_eq!(parse("[site](www.example.org)")[0].link.as_deref(), Some("https://www.example.org"));
    assert_eq!(
        parse("<https://example.org/a?b=1&c=2>")[0].link.as_deref(),
        Some("https://example.org/a?b=1&c=2")
    );
    assert_eq!(
        parse("[a](https://example.org/?b=1&c=2)")[0].link.as_deref(),
        Some("https://example.org/?b=1&c=2")
    );
    assert_eq!(parse("<info@example.org>")[0].link.as_deref(), Some("mailto:info@example.org"));
    assert_eq!(web_link("example.org/a"), "https://example.org/a");
    assert_eq!(web_link("example.org:8080"), "https://example.org:8080");
    assert_eq!(web_link("http://example.org"), "http://example.org");
    assert_eq!(web_link("javascript:alert(1)"), "javascript:alert(1)");
    assert_eq!(link_problem("https://example.org"), None);
    assert_eq!(link_problem("mailto:a@b.org"), None);
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "/etc/passwd",
        "report.pdf",
        "https://",
        "mailto:nobody",
        "data:text/html,x",
    ] {
        assert!(link_problem(bad).is_some(), "{bad}");
    }
}

#[test]
fn links_say_where_they_go() {
    let problem = link_problem("https://example.org/\u{202E}gpj.exe").expect("refused");
    assert!(problem.why.contains("U+202E"), "{}", problem.why);
    assert_eq!(problem.part.as_deref(), Some("\u{202E}"));
    for control in ['\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202D}', '\u{2066}', '\u{2069}'] {
        assert!(
            link_problem(&format!("https://example.org/a{control}b")).is_some(),
            "U+{:04X}",
            control as u32
        );
    }
    assert_eq!(link_problem("mailto:a@b.org?subject=Hello%20there&body=Thanks"), None);
    assert_eq!(link_problem("mailto:a@b.org?Subject=Hi"), None);
    for (bad, part) in [
        ("mailto:a@b.org?bcc=c@d.org", "bcc"),
        ("mailto:a@b.org?subject=Hi&CC=c@d.org", "CC"),
        ("mailto:a@b.org?to=c@d.org", "to"),
        ("mailto:a@b.org?subject=Hi%0D%0ABcc:%20c@d.org", "subject"),
        ("mailto:a@b.org?body=one%0Atwo", "body"),
        ("mailto:a@b.org%0ABcc:c@d.org", "a@b.org%0ABcc:c@d.org"),
    ] {
        let problem = link_problem(bad).unwrap_or_else(|| panic!("{bad} is refused"));
        assert_eq!(problem.part.as_deref(), Some(part), "{bad}: {}", problem.why);
    }
}

#[test]
fn a_tab_prints_as_a_space() {
    assert_eq!(plain("Traite\tdes êtres"), "Traite des êtres");
    assert_eq!(parse("**a\tb**")[0].text, "a b");
    assert_eq!(literal("1\t000").text, "1 000");
}

#[test]
fn paragraphs_become_line_breaks() {
    assert_eq!(plain("one\n\ntwo"), "one\ntwo");
}

#[test]
fn a_span_marked_as_another_language_carries_it() {
    let runs = parse("The motto [Nil nisi **bonum**]{lang=la} and [pt]{lang=\"pt-br\"}.");
    let shown: Vec<(&str, Option<&str>, bool)> =
        runs.iter().map(|r| (r.text.as_str(), r.lang.as_deref(), r.strong)).collect();
    assert_eq!(
        shown,
        [
            ("The motto ", None, false),
            ("Nil nisi ", Some("la"), false),
            ("bonum", Some("la"), true),
            (" and ", None, false),
            ("pt", Some("pt-BR"), false),
            (".", None, false),
        ]
    );
    assert_eq!(plain("a [b]{lang=de} c"), "a b c");
    assert!(language_problems("a [b]{lang=de} c").is_empty());
}

#[test]
fn brackets_without_a_language_print_as_written() {
    for source in ["[a draft]", "see [1] and [2]{other}", "[x]{lang=la", "\\[x]{lang=la}", "[x] {lang=la}"] {
        assert_eq!(plain(source), source.replace("\\[", "["), "{source}");
        assert!(parse(source).iter().all(|r| r.lang.is_none()), "{source}");
    }
}

#[test]
fn a_span_naming_no_language_is_a_problem() {
    assert_eq!(language_problems("[x]{lang=klingon-long} [y]{lang=}"), ["klingon-long", ""]);
    assert_eq!(plain("[x]{lang=123}"), "x");
}
