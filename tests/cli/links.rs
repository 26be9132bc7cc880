//! Links say where they go: a bidirectional control in a link's target or an autolink is
//! refused at its place, and a `mailto:` link may fill in only `subject` and `body`.

use crate::support::*;

/// A briefing whose only point is `point` (TOML basic-string text).
fn with_point(point: &str) -> Fixture {
    let source = format!(
        "lang = \"en\"\ntitle = \"Links\"\norganisation = \"Example Watch\"\n\n[issues.one]\n\
         title = \"One issue\"\npoints.only = \"{point}\"\n\n[contact]\nemail = \"info@example.org\"\n"
    );
    Fixture::new("links", &source)
}

#[test]
fn a_bidi_control_in_an_autolink_is_refused_at_its_place() {
    let fixture = with_point("See <https://example.org/\u{202E}gpj.exe> now.");
    let run = fixture.run(&["check", "--quiet"]);
    // `points.only = "See <https://example.org/` is 40 characters: the control is the 41st.
    run.input_error().stderr_has("briefs/links/brief.toml:7:41").stderr_has("U+202E");
    insta::assert_snapshot!("links-bidi-autolink", run.stderr);
}

#[test]
fn bidi_controls_in_link_targets_are_refused_written_or_escaped() {
    for control in ["\u{2066}", "\u{200F}", "\u{061C}", "\\u202D", "\\u2069"] {
        let fixture = with_point(&format!("[the report](https://example.org/a{control}b.pdf)"));
        fixture
            .run(&["check", "--quiet"])
            .input_error()
            .stderr_has("briefs/links/brief.toml:7:")
            .stderr_has("which changes what the link shows");
    }
}

#[test]
fn mailto_links_fill_in_only_a_subject_and_a_body() {
    let fine = with_point("Write to [us](mailto:info@example.org?subject=UPR%20briefing&body=Hello).");
    fine.run(&["check", "--quiet"]).expect_code(0);
    let run = with_point("Write to [us](mailto:info@example.org?subject=Hi&bcc=spy@example.net).")
        .run(&["check", "--quiet"]);
    // The `bcc` starts at column 65.
    run.input_error().stderr_has("briefs/links/brief.toml:7:65").stderr_has("not `bcc`");
    insta::assert_snapshot!("links-mailto-bcc", run.stderr);
    for (bad, needle) in [
        ("mailto:info@example.org?cc=a@example.net", "not `cc`"),
        ("mailto:info@example.org?to=a@example.net", "not `to`"),
        ("mailto:info@example.org?subject=Hi%0D%0ABcc:%20a@example.net", "`subject` holds a line break"),
        ("mailto:info@example.org?body=a%0Ab", "`body` holds a line break"),
        ("mailto:info@example.org%0ABcc:a@example.net", "its address holds a line break"),
    ] {
        with_point(&format!("[us]({bad})"))
            .run(&["check", "--quiet"])
            .input_error()
            .stderr_has("briefs/links/brief.toml:7:")
            .stderr_has(needle);
        with_point(&format!("<{bad}>")).run(&["check", "--quiet"]).input_error().stderr_has(needle);
    }
}

#[test]
fn a_contact_address_cannot_carry_mailto_fields() {
    let source = "lang = \"en\"\ntitle = \"Links\"\norganisation = \"Example Watch\"\n\n[issues.one]\n\
                  title = \"One issue\"\npoints.only = \"x\"\n\n[contact]\nemail = \"info@example.org?bcc=spy@example.net\"\n";
    Fixture::new("links", source)
        .run(&["check", "--quiet"])
        .input_error()
        .stderr_has("is not an e-mail address")
        .stderr_has("briefs/links/brief.toml:10:");
}
