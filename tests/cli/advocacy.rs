//! The advocacy kit: how the State under review answered each previous recommendation
//! (`response`, with UPR Info's `action` category), shown as a label in each language and
//! checked like every field.

use crate::support::*;

fn briefing(previous: &str) -> String {
    format!(
        "lang = \"en\"\ntitle = \"Prisons\"\norganisation = \"Observatory\"\n\
         [issues.one]\ntitle = \"Labour\"\n[issues.one.findings.a]\ntitle = \"Work\"\n\
         {previous}\nsituation.points.a = \"A point\"\n\
         [contact]\nemail = \"a@example.org\"\n"
    )
}

#[test]
fn each_response_is_shown_in_the_language_of_the_page() {
    let source = briefing(
        "previous.r1 = { by = \"FR\", text = \"Ratify the protocol\", response = \"supported\", action = 5 }\n\
         previous.r2 = { by = \"DE\", text = \"End forced labour\", response = \"noted\" }\n\
         previous.r3 = { by = \"AM\", text = \"Publish the data\" }",
    );
    let fixture = Fixture::new("responses", &source)
        .file("fr.toml", "title = \"Prisons\"\n")
        .file("ar.toml", "title = \"السجون\"\n");
    fixture.build(&[]).expect_code(0).stderr_lacks("warning: page").stderr_lacks("warning: slide");
    for (lang, supported, noted) in
        [("en", "Supported", "Noted"), ("fr", "Acceptée", "Notée"), ("ar", "حظيت بالتأييد", "أحيط بها")]
    {
        for format in ["handout", "slides"] {
            // poppler reads right-to-left lines in their logical order.
            let output =
                std::process::Command::new("pdftotext").arg(fixture.pdf(lang, format)).arg("-").output();
            let text = normalize(&String::from_utf8_lossy(&output.expect("run pdftotext").stdout));
            assert_eq!(text.matches(&normalize(supported)).count(), 1, "{lang} {format}: {text}");
            assert_eq!(text.matches(&normalize(noted)).count(), 1, "{lang} {format}: {text}");
        }
    }
}

#[test]
fn a_response_that_is_neither_is_an_error_at_its_place() {
    let source = briefing("previous.r1 = { by = \"FR\", text = \"Ratify\", response = \"suported\" }");
    let fixture = Fixture::new("badresponse", &source);
    fixture
        .build(&[])
        .input_error()
        .stderr_has("unknown response `suported`, did you mean `supported`?")
        .stderr_has("badresponse/brief.toml:8:")
        .stderr_has("write `supported` or `noted`");
    assert!(!fixture.pdf("en", "handout").exists(), "no PDF is written");
}

#[test]
fn an_action_category_outside_one_to_five_is_an_error_at_its_place() {
    let source = briefing("previous.r1 = { by = \"FR\", text = \"Ratify\", action = 7 }");
    let fixture = Fixture::new("badaction", &source);
    fixture
        .build(&[])
        .input_error()
        .stderr_has("`action` is UPR Info's action category, a whole number from 1 to 5, not 7")
        .stderr_has("badaction/brief.toml:8:");
}
