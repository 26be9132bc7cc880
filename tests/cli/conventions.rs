//! Each language's conventions from CLDR, in the PDFs: digits (Persian ۰–۹ by default,
//! Western with `numbers = "latn"`), percentages, dates, quotation marks, State names
//! and lists.

use crate::support::*;

/// A briefing in English with a figure, a percentage, a date, a quotation, three
/// recommending States and two recommendations.
const SOURCE: &str = r#"lang = "en"
title = "Detention"
organisation = "Example Watch"
date = 2025-11-12
[issues.one]
title = "Prisons"
points.count = { text = "{value} people are held", value = 12480 }
points.share = { text = "{value} of them in pre-trial detention", percent = 37.5 }
points.said = 'The minister said "all is well" in May'
[issues.one.findings.f]
title = "Torture"
previous.p = { by = ["DE", "FR", "IT"], text = "Ratify the convention" }
[issues.one.recommendations]
a = "Release them"
b = "Open the prisons"
[contact]
email = "info@example.org"
"#;

/// The source's texts in Persian.
const PERSIAN: &str = r#"title = "بازداشت"
organisation = "دیدبان نمونه"
[issues.one]
title = "زندان‌ها"
points.count.text = "{value} نفر در بازداشت‌اند"
points.share.text = "{value} از آنان در بازداشت موقت"
points.said = 'وزیر در ماه مه گفت "همه چیز خوب است"'
[issues.one.findings.f]
title = "شکنجه"
previous.p.text = "کنوانسیون را تصویب کنید"
[issues.one.recommendations]
a = "آزادشان کنید"
b = "زندان‌ها را باز کنید"
"#;

/// The text of a PDF as pdftotext gives it, without its directional marks.
fn text_of(fixture: &Fixture, lang: &str, format: &str) -> String {
    let output =
        std::process::Command::new("pdftotext").arg(fixture.pdf(lang, format)).arg("-").output().unwrap();
    let marks =
        |c: &char| matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    String::from_utf8_lossy(&output.stdout).chars().filter(|c| !marks(c)).collect()
}

/// `text` without any white space: pdftotext orders the spaces of a right-to-left line's
/// numbers oddly.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn persian_numbers_dates_and_quotes_are_cldrs() {
    let fixture = Fixture::new("fa", SOURCE).file("fa.toml", PERSIAN);
    fixture.build(&["--lang", "fa"]).expect_code(0);
    for format in ["handout", "slides"] {
        let text = text_of(&fixture, "fa", format);
        for expected in ["۱۲٬۴۸۰", "۳۷٫۵٪", "«همه چیز خوب است»", "Issue ۱"] {
            assert!(text.contains(expected), "{format}: {expected} in {text}");
        }
        for expected in ["۱۲نوامبر۲۰۲۵", "(آلمان،فرانسه،وایتالیا)"] {
            assert!(squeezed(&text).contains(expected), "{format}: {expected} in {text}");
        }
        assert!(!text.chars().any(|c| c.is_ascii_digit()), "{format}: no Western digit in {text}");
    }
    // Page numbers, slide numbers and the numbers of the recommendations too.
    let handout = text_of(&fixture, "fa", "handout");
    assert!(handout.contains("Page ۱ of ۱") && handout.contains(".۱") && handout.contains(".۲"), "{handout}");
    assert!(text_of(&fixture, "fa", "slides").lines().any(|l| l == "۲"), "the second slide's number");
}

#[test]
fn numbers_latn_gives_western_digits_for_all_languages_or_one() {
    let persian = format!("numbers = \"latn\"\n{PERSIAN}");
    let fixture = Fixture::new("fa", SOURCE).file("fa.toml", persian);
    fixture.build(&["--lang", "fa"]).expect_code(0);
    let text = text_of(&fixture, "fa", "handout");
    for expected in ["12,480", "37.5%", "Page 1 of 1", "«همه چیز خوب است»"] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    assert!(squeezed(&text).contains("12نوامبر2025"), "{text}");
    // Set in `brief.toml`, for every language; a translation may choose otherwise.
    let source = SOURCE.replacen("lang = \"en\"", "lang = \"en\"\nnumbers = \"latn\"", 1);
    let fixture = Fixture::new("fa", &source).file("fa.toml", PERSIAN);
    fixture.build(&["--lang", "fa"]).expect_code(0);
    assert!(text_of(&fixture, "fa", "handout").contains("12,480"));
    let native = format!("numbers = \"native\"\n{PERSIAN}");
    let fixture = Fixture::new("fa", &source).file("fa.toml", native);
    fixture.build(&["--lang", "fa"]).expect_code(0);
    assert!(text_of(&fixture, "fa", "handout").contains("۱۲٬۴۸۰"));
}

#[test]
fn an_unknown_numbers_value_is_an_error_at_its_place() {
    let source = SOURCE.replacen("lang = \"en\"", "lang = \"en\"\nnumbers = \"latin\"", 1);
    Fixture::new("bad", &source)
        .build(&[])
        .input_error()
        .stderr_has("error: `numbers`: unknown digits `latin`, did you mean `latn`?")
        .stderr_has("briefs/bad/brief.toml:2:11");
    let fixture = Fixture::new("bad", SOURCE).file("fa.toml", format!("numbers = \"nativ\"\n{PERSIAN}"));
    fixture
        .build(&["--lang", "fa"])
        .input_error()
        .stderr_has("error: `numbers`: unknown digits `nativ`, did you mean `native`?")
        .stderr_has("briefs/bad/fa.toml:1:11");
    let fixture = Fixture::new("bad", SOURCE).file("fa.toml", format!("numbers = 1\n{PERSIAN}"));
    fixture.build(&["--lang", "fa"]).input_error().stderr_has("`numbers` is `latn` or `native`, in quotes");
}

#[test]
fn spanish_and_ukrainian_name_and_list_states_their_own_way() {
    let spanish = "title = \"Detención\"\n[issues.one.findings.f]\ntitle = \"Tortura\"\n";
    let ukrainian = "title = \"Затримання\"\n[issues.one.findings.f]\ntitle = \"Катування\"\n";
    let fixture = Fixture::new("states", SOURCE).file("es.toml", spanish).file("uk.toml", ukrainian);
    fixture.build(&["--format", "handout"]).expect_code(0);
    let expected = [
        (
            "es",
            ["Alemania, Francia e Italia", "12.480", "37,5 %", "12 de noviembre de 2025", "“all is well”"],
        ),
        ("uk", ["Німеччина, Франція і Італія", "12 480", "37,5%", "12 листопада 2025 р.", "«all is well»"]),
    ];
    for (lang, texts) in expected {
        let text = normalize(&text_of(&fixture, lang, "handout"));
        for expected in texts {
            assert!(text.contains(&normalize(expected)), "{lang}: {expected} in {text}");
        }
    }
}

#[test]
fn a_persian_talk_is_timed_by_its_words_as_a_segmenter_counts_them() {
    // 19 words, counted by hand (گزارش‌ها and می‌دهد are one word each, ۱۲٬۴۸۰ one).
    let sentence = "گزارش‌ها نشان می‌دهد که بیش از ۱۲٬۴۸۰ نفر در زندان‌های کشور نگهداری می‌شوند، \
                    و ۳۷٫۵٪ آنان در بازداشت موقت‌اند. ";
    let notes = sentence.repeat(30);
    let source = format!(
        "lang = \"fa\"\ntitle = \"بازداشت\"\norganisation = \"دیدبان\"\n[opening]\nheading = \"زندان\"\n\
         items.a = \"زندان\"\nnotes = \"{notes}\"\n[contact]\nemail = \"info@example.org\"\n"
    );
    let fixture = Fixture::new("talk", &source);
    let run = fixture.run(&["check", "--message-format", "json"]);
    run.expect_code(0);
    let talk: serde_json::Value = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|l| l["type"] == "talk")
        .expect("a talk line");
    // The cover (2 words), the opening's notes (570 words), the contact slide: at 130 words
    // a minute.
    let words = 2.0 + 19.0 * 30.0;
    let expected = words / 130.0 * 60.0;
    let seconds = talk["seconds"].as_f64().unwrap();
    assert!((seconds - expected).abs() <= expected * 0.03, "{seconds} s, expected {expected} s");
}
