//! Layout read back from the PDFs: nothing overlaps the logo in the title band, and page
//! breaks leave no heading alone at the foot of a page and carry no single item over.

use std::fmt::Write as _;

use crate::layout::{Drawn, Rect, drawn, runs_of, structure};
use crate::support::*;

/// A briefing with a logo and long organisation, event and date, in English or Arabic.
fn crowded_band(lang: &str, logo: &str) -> Fixture {
    let (title, organisation, event) = if lang == "ar" {
        (
            "الاتجار بالبشر والعمل القسري وغيرهما من أشكال الاستغلال في الاتحاد الروسي",
            "المنظمة الدولية للدفاع عن حقوق السجناء والمحتجزين وأسرهم في أوروبا الشرقية وآسيا الوسطى",
            "الجلسة التمهيدية للاستعراض الدوري الشامل: الاتحاد الروسي، الجولة الرابعة، جنيف، قصر الأمم، القاعة الثالثة والعشرون",
        )
    } else {
        (
            "Human trafficking, forced labor and other forms of exploitation in the Russian Federation",
            "The International Organisation for the Defence of the Rights of Prisoners and Their Families",
            "UPR pre-session: Russian Federation, 4th cycle, Palais des Nations, Room XXIII, Geneva, Switzerland",
        )
    };
    let source = format!(
        "lang = \"{lang}\"\ntitle = \"{title}\"\norganisation = \"{organisation}\"\nevent = \"{event}\"\n\
         date = 2023-09-30\nlogo = {{ file = \"logo.png\", alt = \"{organisation}\" }}\n\n\
         [contact]\nemail = \"info@example.org\"\n"
    );
    let image = std::fs::read(fixture("images").join(logo)).unwrap();
    Fixture::new("band", &source).file("logo.png", image)
}

/// The rectangle of the one image on the first page, and the text runs of that page.
fn first_page(drawn: &Drawn) -> (Rect, Vec<&crate::layout::TextRun>) {
    let images: Vec<Rect> =
        drawn.images.iter().filter(|(page, _)| *page == 0).map(|(_, rect)| *rect).collect();
    assert_eq!(images.len(), 1, "one logo on the first page: {images:?}");
    (images[0], drawn.runs.iter().filter(|run| run.page == 0).collect())
}

#[test]
fn nothing_overlaps_the_logo_in_the_title_band_or_on_the_cover() {
    for lang in ["en", "ar"] {
        for logo in ["logo-wide.png", "logo-square.png"] {
            let fixture = crowded_band(lang, logo);
            fixture.build(&[]).expect_code(0);
            for format in ["handout", "slides"] {
                let doc = pdf(&fixture.pdf(lang, format));
                let drawn = drawn(&doc);
                let (image, runs) = first_page(&drawn);
                assert!(image.x1 - image.x0 > 10.0 && image.y1 - image.y0 > 10.0, "{image:?}");
                // The organisation, event, date and title are all there, and none of them
                // touches the logo.
                assert!(runs.len() >= 4, "{lang} {format}: {runs:?}");
                for run in runs {
                    assert!(
                        !run.rect.overlaps(&image),
                        "{lang} {format} {logo}: {:?} at {:?} overlaps the logo at {image:?}",
                        run.text,
                        run.rect
                    );
                }
                // The logo sits on the end side: right in English, left in Arabic.
                let page_width = if format == "handout" { 595.0 } else { 842.0 };
                let centre = (image.x0 + image.x1) / 2.0;
                assert_eq!(centre > page_width / 2.0, lang == "en", "{lang} {format}: logo at {image:?}");
            }
        }
    }
}

/// A briefing long enough to break the handout's pages in many places: boxes of lists and
/// key figures, findings with and without previous recommendations, long recommendation
/// boxes. Every item starts with a token `Q<box><item>` that tells which box it is in.
fn long_briefing() -> String {
    let mut toml = String::from(
        "lang = \"en\"\ntitle = \"A long briefing\"\norganisation = \"Example Watch\"\nabout = \"We watch.\"\n\n",
    );
    let sentence = |n: usize| "and the situation has not changed since the last review ".repeat(n % 3 + 1);
    let mut box_id = 0;
    for section in ["opening", "developments"] {
        box_id += 1;
        let _ = writeln!(toml, "[{section}]\nheading = \"Section {section}\"");
        for i in 0..9 {
            let _ = writeln!(toml, "items.i{i} = \"Q{box_id:02}{i:02} {}\"", sentence(i));
        }
        toml.push('\n');
    }
    for issue in 0..4 {
        let _ = writeln!(
            toml,
            "[issues.i{issue}]\ntitle = \"Issue title {issue}\"\nsummary = \"An overview.\"\n"
        );
        for finding in 0..3 {
            box_id += 1;
            let key = format!("issues.i{issue}.findings.f{finding}");
            let _ = writeln!(toml, "[{key}]\ntitle = \"Finding {issue}.{finding}\"");
            // A finding with previous recommendations is kept on one page; one without
            // runs on from page to page, between its points.
            let points = if finding == 0 {
                let _ = writeln!(
                    toml,
                    "previous.p0 = {{ by = \"TH\", text = \"Take measures {}\" }}",
                    sentence(issue)
                );
                4
            } else {
                7 + 3 * finding + issue
            };
            for i in 0..points {
                let _ =
                    writeln!(toml, "situation.points.s{i} = \"Q{box_id:02}{i:02} {}\"", sentence(i + issue));
            }
            toml.push('\n');
        }
        box_id += 1;
        let _ = writeln!(toml, "[issues.i{issue}.recommendations]");
        for i in 0..(8 + issue) {
            let _ = writeln!(
                toml,
                "r{i} = \"Q{box_id:02}{i:02} Recommend that the State {}\"",
                sentence(i + issue)
            );
        }
        toml.push('\n');
    }
    toml.push_str("[contact]\nemail = \"info@example.org\"\n");
    toml
}

#[test]
fn page_breaks_leave_no_heading_alone_and_carry_no_single_item_over() {
    let fixture = Fixture::new("long", &long_briefing());
    fixture.build(&["--format", "handout"]).expect_code(0);
    let doc = pdf(&fixture.pdf("en", "handout"));
    assert!(page_count(&fixture.pdf("en", "handout")) >= 4, "long enough to break pages several times");
    let drawn = drawn(&doc);
    let tags = structure(&doc);

    // Every heading but the title has text of its own section below it on its page.
    let heading = |tag: &str| tag.len() == 2 && tag.starts_with('H');
    let heading_runs: Vec<(String, usize, f64)> = tags
        .iter()
        .filter(|t| heading(&t.tag) && t.tag != "H1")
        .filter_map(|t| {
            let runs = runs_of(t, &drawn);
            let last = runs
                .iter()
                .max_by(|a, b| (a.page, -a.baseline).partial_cmp(&(b.page, -b.baseline)).unwrap())?;
            Some((runs.iter().map(|r| r.text.as_str()).collect::<String>(), last.page, last.baseline))
        })
        .collect();
    assert!(heading_runs.len() > 20, "{heading_runs:?}");
    let heading_marks: Vec<(usize, i64)> =
        tags.iter().filter(|t| heading(&t.tag)).flat_map(|t| t.marks.clone()).collect();
    for (text, page, baseline) in &heading_runs {
        let below = drawn.runs.iter().any(|run| {
            run.page == *page
                && !run.artifact
                && run.baseline < baseline - 1.0
                && !run.mcid.is_some_and(|mcid| heading_marks.contains(&(run.page, mcid)))
        });
        assert!(below, "heading {text:?} is the last thing on page {}", page + 1);
    }

    // No box (list, recommendations) has a single item on either side of a page break.
    let mut pages_of_items: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for run in &drawn.runs {
        let Some(token) = run.text.split_whitespace().find(|w| w.len() == 5 && w.starts_with('Q')) else {
            continue;
        };
        let pages = pages_of_items.entry(token[1..3].to_owned()).or_default();
        pages.push(run.page);
    }
    assert!(pages_of_items.len() >= 10, "{pages_of_items:?}");
    let mut split_boxes = 0;
    for (id, pages) in &pages_of_items {
        let first = pages.iter().min().unwrap();
        let last = pages.iter().max().unwrap();
        if first == last {
            continue;
        }
        split_boxes += 1;
        for page in *first..=*last {
            let count = pages.iter().filter(|p| **p == page).count();
            assert!(count >= 2, "box Q{id} has {count} item(s) on page {}: {pages:?}", page + 1);
        }
    }
    assert!(split_boxes >= 1, "some box runs over a page break: {pages_of_items:?}");
}
