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

#[test]
fn brief_states_lists_who_recommended_what_with_the_response() {
    let source = briefing(
        "previous.r1 = { by = [\"FR\", \"DE\"], text = \"Ratify the protocol, now\", response = \"supported\", action = 5 }\n\
         previous.r2 = { by = \"Holy See\", text = \"End forced labour\", response = \"noted\" }",
    );
    let fixture = Fixture::new("who", &source);
    let run = fixture.run(&["states", "briefs/who", "--format", "csv", "--lang", "fr"]);
    let run = run.expect_code(0);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let headers = reader.headers().expect("a header row").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        [
            "brief",
            "state",
            "name",
            "issue",
            "issue-title",
            "finding",
            "recommendation",
            "response",
            "action",
            "with"
        ]
    );
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("a record").iter().map(str::to_owned).collect()).collect();
    let shown: Vec<[&str; 5]> = rows.iter().map(|r| [&*r[1], &*r[2], &*r[6], &*r[7], &*r[9]]).collect();
    assert_eq!(
        shown,
        [
            ["FR", "France", "Ratify the protocol, now", "supported", "DE"],
            ["DE", "Allemagne", "Ratify the protocol, now", "supported", "FR"],
            ["Holy See", "Holy See", "End forced labour", "noted", ""],
        ]
    );
    assert_eq!(rows[0][8], "5", "the action category");
    let json = fixture.run(&["states", "briefs/who", "--format", "json"]).expect_code(0).stdout.clone();
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(parsed.as_array().map(Vec::len), Some(3));
    assert_eq!(parsed[2]["response"], "noted");
    let table = fixture.run(&["states", "briefs/who"]).expect_code(0).stdout.clone();
    assert!(table.starts_with("STATE") && table.contains("Germany") && table.contains("noted"), "{table}");
}

#[test]
fn a_briefing_over_its_word_limit_fails_check_with_the_counts() {
    let points =
        "previous.r1 = { by = \"FR\", text = \"Ratify the protocol against torture without delay\" }";
    let within = briefing(points).replacen(
        "title = \"Prisons\"\n",
        "title = \"Prisons\"\nlimits = { words = 200 }\n",
        1,
    );
    let fixture = Fixture::new("within", &within);
    let run = fixture.run(&["check"]);
    run.expect_code(0).stderr_has("words of within: en 13 (limit 200)");
    let over = briefing(points).replacen(
        "title = \"Prisons\"\n",
        "title = \"Prisons\"\nlimits = { words = 10 }\n",
        1,
    );
    let fixture = Fixture::new("over", &over);
    fixture
        .run(&["check"])
        .input_error()
        .stderr_has(
            "error: the `en` text of `over` has 13 words, over the limit of 10 (`limits.words`); the longest \
             sections: `issues.one` (11), `title` (1), `organisation` (1)",
        )
        .stderr_has("over/brief.toml:3:")
        .stderr_has("2,815 words for one organisation");
}

#[test]
fn a_handout_over_its_page_limit_is_an_error_and_is_not_written() {
    let long: String = (0..90).map(|i| format!("points.p{i} = \"A point on the situation that takes a line or two of the page, number {i}\"\n")).collect();
    let source = format!(
        "lang = \"en\"\ntitle = \"Prisons\"\norganisation = \"Observatory\"\nlimits = {{ pages = 1 }}\n\
         [issues.one]\ntitle = \"Labour\"\n{long}[contact]\nemail = \"a@example.org\"\n"
    );
    let fixture = Fixture::new("pages", &source);
    fixture
        .build(&[])
        .input_error()
        .stderr_has("error: the `en` handout of `pages` has 2 pages, over the limit of 1 (`limits.pages`)")
        .stderr_has("pages/brief.toml:4:");
    assert!(!fixture.pdf("en", "handout").exists(), "the handout over its limit is not written");
    assert!(fixture.pdf("en", "slides").exists(), "the slides have no page limit");
}
