//! Rehearsal: speaker notes in the decks' `.pdfpc` files, on the right pages, translated
//! like any text; and the talk time, per language, against the briefing's `slot`.

use std::fs;
use std::path::Path;

use crate::support::*;

fn pdfpc(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("a .pdfpc file is JSON")
}

/// The notes of a deck, page by page (`None` for a page without one).
fn notes(deck: &Path) -> Vec<Option<String>> {
    let file = pdfpc(&deck.with_extension("pdfpc"));
    assert_eq!(file["pdfpcFormat"], 2);
    let pages = file["pages"].as_array().expect("pages");
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(page["idx"], i, "pages in order, counted from 0");
        assert_eq!(page["label"], (i + 1).to_string());
    }
    pages.iter().map(|page| page["note"].as_str().map(str::to_owned)).collect()
}

/// The text of one page (from 1), normalized.
fn page_text(path: &Path, page: u32) -> String {
    normalize(&pdf(path).extract_text(&[page]).expect("extract text"))
}

#[test]
fn the_english_deck_has_a_note_per_page_on_the_page_it_speaks_to() {
    let deck = example_pdf("en", "slides");
    let notes = notes(&deck);
    assert_eq!(notes.len(), page_count(&deck));
    for (page, shown, said) in [
        (1, "otherformsofexploitationintherussianfederation", "Thank you, Chair."),
        (2, "developanationalactionplan", "In the last cycle, Russia received"),
        (3, "russiaranked8thintheglobalslaveryindex2023", "Meanwhile the problem has not shrunk."),
        (4, "humantraffickingandforcedlabor", "Our first issue is human trafficking"),
        (5, "inadequatecriminallegislation", "First, the criminal law."),
        (6, "lackofpreventivemeasures", "Second, prevention."),
        (7, "ineffectiveinvestigation", "Third, investigation."),
        (8, "lackofvictimprotectionandassistance", "Fourth, the victims."),
        (9, "bringthecriminallegislationinline", "We therefore ask you"),
        (10, "workupto6daysaweek", "Our second issue is the exploitation of prisoners."),
        (11, "militaryexploitation", "Prisoners are now also exploited"),
        (12, "repeallegislationallowingforcedlabor", "On this issue we ask"),
        (13, "thankyou!", "Thank you for your attention."),
    ] {
        assert!(page_text(&deck, page).contains(shown), "page {page} does not show {shown:?}");
        let note = notes[page as usize - 1].as_deref().unwrap_or_default();
        assert!(note.starts_with(said), "page {page}: {note:?}");
    }
    let text = pdf_text(&deck);
    assert!(!text.contains(&normalize("Distinguished delegates")), "notes are never on the slides");
}

#[test]
fn every_language_gets_its_own_notes_and_handouts_none() {
    for (lang, opening) in [
        ("fr", "Je remercie la présidence."),
        ("es", "Gracias, Presidencia."),
        ("ru", "Спасибо, господин Председатель."),
        ("ar", "شكرًا سيادة الرئيس."),
        ("zh", "谢谢主席。"),
    ] {
        let notes = notes(&example_pdf(lang, "slides"));
        assert!(notes.iter().all(Option::is_some), "{lang}: a note on every page");
        assert!(notes[0].as_deref().unwrap_or_default().starts_with(opening), "{lang}: {:?}", notes[0]);
    }
    assert!(!example_pdf("en", "handout").with_extension("pdfpc").exists());
}

const NOTED: &str = r#"lang = "en"
title = "Noted"
organisation = "Example Watch"
notes = "Good morning."

[opening]
heading = "Opening"
items.a = "A point"
notes = "The first note."

[issues.one]
title = "One"
recommendations-notes = "What we ask."

[issues.one.recommendations]
do = "Do it"

[contact]
email = "info@example.org"
"#;

#[test]
fn notes_are_inputs_of_the_deck_alone() {
    let fixture = Fixture::new("noted", NOTED);
    fixture.build(&[]).expect_code(0);
    let deck = fixture.pdf("en", "slides");
    assert_eq!(
        notes(&deck),
        [Some("Good morning."), Some("The first note."), None, Some("What we ask."), None]
            .map(|n| n.map(String::from))
    );
    fs::write(fixture.brief.join("brief.toml"), NOTED.replace("The first note.", "A better note.")).unwrap();
    let run = fixture.build(&[]);
    assert_eq!(run.expect_code(0).stdout.trim_end(), "out/noted/noted.en.slides.pdf", "only the deck");
    assert_eq!(notes(&deck)[1].as_deref(), Some("A better note."));
    fs::remove_file(deck.with_extension("pdfpc")).unwrap();
    assert_eq!(fixture.build(&[]).stdout.trim_end(), "out/noted/noted.en.slides.pdf", "a lost notes file");
    assert!(deck.with_extension("pdfpc").is_file());
}

#[test]
fn notes_are_translated_like_any_text() {
    let fixture = Fixture::new("noted", NOTED)
        .file("fr.toml", "title = \"Annoté\"\n[opening]\nheading = \"Ouverture\"\n");
    fixture
        .run(&["check"])
        .expect_code(0)
        .stderr_has("warning: `notes` is not translated into `fr`")
        .stderr_has("warning: `opening.notes` is not translated into `fr`");
    fixture
        .run(&["i18n", "update", "fr"])
        .expect_code(0)
        .stderr_has("added `issues.one.recommendations-notes`");
    let updated = fs::read_to_string(fixture.brief.join("fr.toml")).unwrap();
    assert!(updated.contains("# en: The first note.\nnotes = \"\""), "{updated}");
    let translated = updated.replacen("notes = \"\"", "notes = \"La première note.\"", 2);
    fs::write(fixture.brief.join("fr.toml"), translated).unwrap();
    fixture.build(&[]).expect_code(0);
    let notes = notes(&fixture.pdf("fr", "slides"));
    assert_eq!(notes[1].as_deref(), Some("La première note."));
    assert_eq!(notes[3].as_deref(), Some("What we ask."), "an untranslated note falls back to the source");
}

#[test]
fn check_reports_the_talk_time_of_each_language() {
    let run = brief(&["check", EXAMPLE]);
    run.expect_code(0).stderr_lacks("(over)").stderr_has("(slot 6:00)\n");
    let line =
        run.stderr.lines().find(|l| l.starts_with("talk time of russia-behind-bars: ")).expect("a line");
    for lang in LANGUAGES {
        let time = line.split(&format!(" {lang} ")).nth(1).and_then(|rest| rest.get(..4)).expect(lang);
        let (minutes, seconds) = time.split_once(':').expect(time);
        let total = minutes.parse::<u32>().unwrap() * 60 + seconds.parse::<u32>().unwrap();
        assert!((270..=360).contains(&total), "{lang}: {time} in {line}");
    }
    let json = brief(&["check", EXAMPLE, "--message-format", "json"]);
    let talks: Vec<serde_json::Value> = json
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .filter(|l| l["type"] == "talk")
        .collect();
    assert_eq!(talks.len(), 6);
    assert!(
        talks
            .iter()
            .all(|t| t["slot-seconds"] == 360 && t["over"] == false && t["slides-without-notes"] == 0)
    );
}

#[test]
fn a_talk_over_its_slot_is_a_warning_at_the_slot() {
    let source =
        NOTED.replace("organisation = \"Example Watch\"", "organisation = \"Example Watch\"\nslot = \"3 s\"");
    let run = Fixture::new("tiny", &source).run(&["check"]);
    run.expect_code(0)
        .stderr_has("warning: `slot`: the `en` talk of `tiny` is estimated at 0:")
        .stderr_has("longer than its slot of 0:03")
        .stderr_has("briefs/tiny/brief.toml:4:1")
        .stderr_has("(over) (slot 0:03)");
}

#[test]
fn without_notes_the_slide_text_is_timed_against_five_minutes() {
    let run = Fixture::copy_of("minimal").run(&["check"]);
    run.expect_code(0).stderr_has("talk time of minimal: en 0:").stderr_has("(slide text) (slot 5:00)");
    // A long translation of the notes, and the French talk alone is over.
    let long = format!("[opening]\nnotes = \"{}\"\n", "Encore une phrase de plus. ".repeat(250));
    let fixture = Fixture::new("noted", NOTED).file("fr.toml", &long);
    let run = fixture.run(&["check"]);
    run.stderr_has("`slot`: the `fr` talk of `noted` is estimated at 8:").stderr_lacks("the `en` talk");
    let line = run.stderr.lines().find(|l| l.starts_with("talk time of noted:")).expect("a line");
    assert!(line.contains("en 0:") && line.contains(" (over) (slot 5:00)"), "{line}");
}
