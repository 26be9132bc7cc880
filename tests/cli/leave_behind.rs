//! Leave-behinds: a one-page PDF for the meeting with each delegation, in every language:
//! the State's name, what it recommended last cycle with the response, the situation now
//! and what we ask it to recommend. Named `<brief>.<lang>.leave-behind.<STATE>.pdf`.

use std::path::PathBuf;
use std::process::Command;

use crate::support::*;

/// The text of a PDF as poppler reads it (right-to-left lines in their logical order),
/// normalized.
fn text(pdf: &std::path::Path) -> String {
    let output = Command::new("pdftotext").arg(pdf).arg("-").output().expect("run pdftotext");
    assert!(output.status.success(), "pdftotext reads {}", pdf.display());
    normalize(&String::from_utf8_lossy(&output.stdout))
}

/// A leave-behind of the example.
fn example_leave_behind(lang: &str, state: &str) -> PathBuf {
    example_out().join(format!("russia-behind-bars/russia-behind-bars.{lang}.leave-behind.{state}.pdf"))
}

/// A leave-behind of a fixture.
fn leave_behind(fixture: &Fixture, lang: &str, state: &str) -> PathBuf {
    fixture.pdf(lang, &format!("leave-behind.{state}"))
}

#[test]
fn the_example_has_a_one_page_leave_behind_per_recommending_state_and_language() {
    // The State's name in each language (CLDR), and a word of its own recommendation.
    let states = [
        (
            "AM",
            [("en", "Armenia"), ("fr", "Arménie"), ("ru", "Армения"), ("ar", "أرمينيا"), ("zh", "亚美尼亚")],
        ),
        (
            "LK",
            [
                ("en", "Sri Lanka"),
                ("fr", "Sri Lanka"),
                ("ru", "Шри-Ланка"),
                ("es", "Sri Lanka"),
                ("zh", "斯里兰卡"),
            ],
        ),
    ];
    let asks = [
        ("en", "We ask you to recommend"),
        ("fr", "Nous vous demandons de recommander"),
        ("es", "Le pedimos que recomiende"),
        ("ru", "Мы просим вас рекомендовать"),
        ("ar", "نطلب منكم أن توصوا بما يلي"),
        ("zh", "我们请贵国提出以下建议"),
    ];
    for lang in LANGUAGES {
        for state in ["AM", "QA", "PL", "TH", "LK"] {
            let file = example_leave_behind(lang, state);
            assert_eq!(page_count(&file), 1, "{}", file.display());
            let text = text(&file);
            let ask = asks.iter().find(|(l, _)| *l == lang).unwrap().1;
            assert!(text.contains(&normalize(ask)), "{lang} {state}: {text}");
            let doc = pdf(&file);
            assert!(catalog(&doc).has(b"StructTreeRoot"), "{lang} {state} is tagged");
        }
        let pdfs = std::fs::read_dir(example_out().join("russia-behind-bars")).unwrap();
        let names: Vec<String> =
            pdfs.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        let prefix = format!("russia-behind-bars.{lang}.leave-behind.");
        assert_eq!(names.iter().filter(|n| n.starts_with(&prefix)).count(), 5, "{names:?}");
    }
    for (state, names) in states {
        for (lang, name) in names {
            let text = text(&example_leave_behind(lang, state));
            assert!(text.contains(&normalize(name)), "{lang} {state} names the State: {text}");
        }
    }
    // Armenia's own recommendation and the asks; not Qatar's.
    let armenia = text(&example_leave_behind("en", "AM"));
    for shown in [
        "Make further efforts to fight organized crime",
        "Inadequate criminal legislation",
        "Bring the criminal legislation in line with International Law",
        "Your recommendation in the last cycle",
        "Contact",
    ] {
        assert!(armenia.contains(&normalize(shown)), "{shown}: {armenia}");
    }
    assert!(!armenia.contains("national action plan"), "Qatar's recommendation is not Armenia's: {armenia}");
    assert!(!armenia.contains("Exploitation of Prisoners"), "no issue Armenia did not recommend on");
}

/// A briefing on which France and Germany made a joint recommendation and Armenia one of
/// its own; `extra` goes before the issues.
fn briefing(extra: &str) -> String {
    format!(
        "lang = \"en\"\ntitle = \"Prisons\"\norganisation = \"Observatory\"\n{extra}\n\
         [issues.one]\ntitle = \"Labour in prisons\"\n\
         recommendations.pay = \"Pay prisoners the minimum wage\"\n\
         [issues.one.findings.a]\ntitle = \"Forced work\"\n\
         previous.r1 = {{ by = [\"FR\", \"DE\"], text = \"End forced labour in prisons\", response = \"noted\" }}\n\
         situation.points.a = \"Sixteen hours a day\"\n\
         [issues.two]\ntitle = \"Torture\"\n\
         recommendations.visit = \"Let monitors visit\"\n\
         [issues.two.findings.b]\ntitle = \"Beatings\"\n\
         previous.r2 = {{ by = \"AM\", text = \"Investigate every allegation of torture\", response = \"supported\" }}\n\
         situation.summary = \"Allegations go uninvestigated\"\n\
         [contact]\nemail = \"a@example.org\"\n"
    )
}

#[test]
fn a_joint_recommendation_is_on_the_leave_behind_of_each_state_that_made_it() {
    let fixture = Fixture::new("joint", &briefing("")).file("ar.toml", "title = \"السجون\"\n");
    fixture.build(&[]).expect_code(0).stderr_lacks("warning: page");
    for state in ["FR", "DE"] {
        let text = text(&leave_behind(&fixture, "en", state));
        assert!(text.contains(&normalize("End forced labour in prisons")), "{state}: {text}");
        assert!(text.contains(&normalize("Noted")), "{state} sees the response: {text}");
        assert!(text.contains(&normalize("Pay prisoners the minimum wage")), "{state}: {text}");
        assert!(
            !text.contains(&normalize("Investigate every allegation")),
            "{state} sees only its own: {text}"
        );
    }
    let armenia = text(&leave_behind(&fixture, "en", "AM"));
    assert!(
        armenia.contains(&normalize("Investigate every allegation of torture"))
            && armenia.contains(&normalize("Supported"))
    );
    assert!(
        armenia.contains(&normalize("Let monitors visit")) && !armenia.contains(&normalize("Pay prisoners")),
        "{armenia}"
    );
    // The Arabic one names the State in Arabic and falls back to English for the text.
    let arabic = text(&leave_behind(&fixture, "ar", "DE"));
    assert!(arabic.contains(&normalize("ألمانيا")), "{arabic}");
    assert!(arabic.contains(&normalize("الوفد")), "{arabic}");
}

#[test]
fn the_briefing_says_which_states_get_one_and_the_rest_are_removed() {
    let fixture = Fixture::new("some", &briefing(""));
    fixture.build(&[]).expect_code(0);
    assert!(leave_behind(&fixture, "en", "AM").is_file());
    std::fs::write(fixture.brief.join("brief.toml"), briefing("leave-behind = { states = [\"FR\"] }"))
        .unwrap();
    fixture.build(&[]).expect_code(0).stderr_has("removed `out/some/some.en.leave-behind.AM.pdf`");
    assert!(leave_behind(&fixture, "en", "FR").is_file());
    assert!(!leave_behind(&fixture, "en", "AM").exists() && !leave_behind(&fixture, "en", "DE").exists());
    // None at all.
    std::fs::write(fixture.brief.join("brief.toml"), briefing("leave-behind = { states = [] }")).unwrap();
    fixture.build(&[]).expect_code(0);
    assert!(!leave_behind(&fixture, "en", "FR").exists());
    assert!(fixture.pdf("en", "handout").is_file(), "the handout is still made");
}

#[test]
fn only_leave_behinds_are_made_with_their_format() {
    let fixture = Fixture::new("only", &briefing(""));
    let run = fixture.build(&["--format", "leave-behind", "--message-format", "json"]);
    run.expect_code(0);
    let outputs: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .chain(run.stderr.lines())
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["type"] == "output")
        .collect();
    let states: Vec<&str> = outputs.iter().filter_map(|o| o["state"].as_str()).collect();
    assert_eq!(states, ["AM", "DE", "FR"], "each leave-behind names its State: {outputs:?}");
    assert!(outputs.iter().all(|o| o["format"] == "leave-behind" && o["layouts"] == 1 && o["pages"] == 1));
    assert!(!fixture.pdf("en", "handout").exists() && !fixture.pdf("en", "slides").exists());
    for state in ["FR", "DE", "AM"] {
        assert_eq!(page_count(&leave_behind(&fixture, "en", state)), 1);
    }
}

#[test]
fn a_state_that_made_no_recommendation_is_an_error_with_a_suggestion() {
    let fixture = Fixture::new("unknownstate", &briefing("leave-behind = { states = [\"FR\", \"FX\"] }"));
    fixture
        .build(&[])
        .input_error()
        .stderr_has("`leave-behind.states`: `FX` made no previous recommendation in this briefing")
        .stderr_has("unknownstate/brief.toml:4:")
        .stderr_has("the States that made one: FR, DE, AM");
    assert!(!fixture.root.join("out").join("unknownstate").exists(), "nothing is written");
}

#[test]
fn a_leave_behind_too_long_for_one_page_is_an_error_naming_what_runs_over() {
    let long = (1..=40)
        .map(|n| format!("p{n} = \"Point {n}: prisoners are made to work long hours without pay, rest or any protection\""))
        .collect::<Vec<_>>()
        .join("\n");
    let source = format!(
        "lang = \"en\"\ntitle = \"Prisons\"\norganisation = \"Observatory\"\n\
         [issues.one]\ntitle = \"Labour\"\nrecommendations.pay = \"Pay prisoners\"\n\
         [issues.one.findings.a]\ntitle = \"Work\"\n\
         previous.r1 = {{ by = \"FR\", text = \"End forced labour\" }}\n\
         [issues.one.findings.a.situation.points]\n{long}\n\
         [contact]\nemail = \"a@example.org\"\n"
    );
    let fixture = Fixture::new("toolong", &source);
    fixture
        .build(&["--format", "leave-behind"])
        .expect_code(1)
        .stderr_has("the `FR` leave-behind of `toolong` in `en` does not fit on one page, even set smaller")
        .stderr_has("from `issues.one.findings.a` on, it runs past the page")
        .stderr_has("leave `FR` out of `leave-behind.states`")
        .stderr_has("toolong/brief.toml:");
    assert!(!leave_behind(&fixture, "en", "FR").exists(), "no PDF is written");
}

#[test]
fn the_reference_example_links_its_report_on_every_leave_behind() {
    let url = "https://www.ohchr.org/en/hr-bodies/upr/ru-index";
    for (lang, state) in [("en", "AM"), ("ar", "QA"), ("zh", "TH")] {
        let pdf = example_leave_behind(lang, state);
        let Some(read) = crate::qr::decoded(&pdf, 1) else { return };
        assert_eq!(read, url, "{lang} {state}");
    }
}

/// The fictional example: three languages, one right to left, eight recommending States.
const FICTIONAL: &str = "briefs/arcadia-detention";

#[test]
fn the_fictional_example_shows_the_whole_kit_in_three_languages() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let run = brief(&["build", FICTIONAL, "--strict", "--out", out.to_str().unwrap()]);
    run.expect_code(0).stderr_lacks("warning").stderr_has("words of arcadia-detention: en ");
    let states = ["BR", "CA", "CL", "DE", "FR", "GH", "MX", "NZ"];
    for lang in ["en", "fr", "ar"] {
        for state in states {
            let pdf =
                out.join(format!("arcadia-detention/arcadia-detention.{lang}.leave-behind.{state}.pdf"));
            assert_eq!(page_count(&pdf), 1, "{}", pdf.display());
        }
    }
    // France's: both of its issues, the joint one with Germany and its own, with responses.
    let france = text(&out.join("arcadia-detention/arcadia-detention.fr.leave-behind.FR.pdf"));
    for shown in
        ["Pour la délégation", "Allemagne et France", "Acceptée", "Nous vous demandons de recommander"]
    {
        assert!(france.contains(&normalize(shown)), "{shown}: {france}");
    }
    let pdf = out.join("arcadia-detention/arcadia-detention.ar.leave-behind.DE.pdf");
    if let Some(read) = crate::qr::decoded(&pdf, 1) {
        assert!(read.starts_with("https://example.org/"), "{read}");
    }
    // Who recommended what, with the responses, for planning the meetings.
    let run = brief(&["states", FICTIONAL, "--format", "csv"]);
    let run = run.expect_code(0);
    let rows: Vec<csv::StringRecord> =
        csv::Reader::from_reader(run.stdout.as_bytes()).records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10, "eight recommendations, two of them joint: {}", run.stdout);
    assert!(rows.iter().all(|row| row.iter().any(|cell| cell == "supported" || cell == "noted")));
}
