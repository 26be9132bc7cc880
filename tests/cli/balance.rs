//! Balanced pages, on briefings the property test of the layout once found unbalanced: a
//! deck whose continued slide held one short point while the next slide was full, and a
//! handout whose long findings went whole to the next page, leaving 40–50% of two pages
//! empty.

use crate::support::*;

fn briefing(name: &str) -> String {
    std::fs::read_to_string(fixture(name).join("brief.toml")).expect("the fixture")
}

#[test]
fn no_continued_slide_is_left_mostly_empty() {
    let fixture = Fixture::new("balance", &briefing("balance-slides"));
    let run = fixture.build(&["--format", "slides"]);
    run.expect_code(0).stderr_lacks("empty").stderr_lacks("overlaps").stderr_lacks("cut off");
}

#[test]
fn a_long_finding_runs_on_rather_than_leave_a_page_empty() {
    let fixture = Fixture::new("balance", &briefing("balance-handout"));
    let run = fixture.build(&["--format", "handout"]);
    run.expect_code(0).stderr_lacks("empty").stderr_lacks("only the contact");
    let lang = briefing("balance-handout")
        .lines()
        .find_map(|l| l.strip_prefix("lang = \"")?.strip_suffix('"').map(str::to_owned));
    let pages = page_count(&fixture.pdf(&lang.expect("a lang"), "handout"));
    assert_eq!(pages, 3, "the text fills three pages, not four");
}
