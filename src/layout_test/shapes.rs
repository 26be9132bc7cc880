//! The property test of the layout, shapes: the strategies that generate briefings of
//! every shape, and the TOML of one.

use std::fmt::Write;

use proptest::prelude::*;

use super::words::{STATES, text};

/// The shape of one briefing.
#[derive(Debug, Clone)]
pub(super) struct Shape {
    pub(super) lang: &'static str,
    pub(super) seed: Vec<u8>,
    pub(super) title: usize,
    pub(super) organisation: usize,
    pub(super) subtitle: Option<usize>,
    pub(super) dated: bool,
    pub(super) about: Option<usize>,
    pub(super) opening: Vec<usize>,
    pub(super) figures: Vec<(usize, bool, bool)>,
    pub(super) issues: Vec<IssueShape>,
    pub(super) website: bool,
    pub(super) phone: bool,
    pub(super) contact_text: Option<usize>,
}

#[derive(Debug, Clone)]
pub(super) struct IssueShape {
    pub(super) title: usize,
    pub(super) summary: Option<usize>,
    pub(super) points: Vec<usize>,
    pub(super) findings: Vec<FindingShape>,
    pub(super) recommendations: Vec<(usize, Vec<usize>)>,
}

#[derive(Debug, Clone)]
pub(super) struct FindingShape {
    pub(super) title: usize,
    pub(super) previous: Vec<(usize, usize)>,
    pub(super) summary: Option<usize>,
    pub(super) points: Vec<usize>,
    pub(super) figure: bool,
}

pub(super) fn finding() -> impl Strategy<Value = FindingShape> {
    (
        1..12usize,
        prop::collection::vec((4..40usize, 1..20usize), 0..4),
        prop::option::of(5..45usize),
        prop::collection::vec(2..25usize, 0..6),
        any::<bool>(),
    )
        .prop_map(|(title, previous, summary, points, figure)| FindingShape {
            title,
            previous,
            summary,
            points,
            figure,
        })
}

pub(super) fn issue() -> impl Strategy<Value = IssueShape> {
    (
        1..12usize,
        prop::option::of(5..50usize),
        prop::collection::vec(2..25usize, 0..5),
        prop::collection::vec(finding(), 0..4),
        prop::collection::vec((3..30usize, prop::collection::vec(2..12usize, 0..4)), 0..6),
    )
        .prop_map(|(title, summary, points, findings, recommendations)| IssueShape {
            title,
            summary,
            points,
            findings,
            recommendations,
        })
}

pub(super) fn shape() -> impl Strategy<Value = Shape> {
    let langs = prop::sample::select(vec!["en", "fr", "es", "ru", "ar", "zh", "de", "uk", "fa"]);
    (
        (
            langs,
            prop::collection::vec(any::<u8>(), 8..32),
            1..24usize,
            1..14usize,
            prop::option::of(2..20usize),
        ),
        (any::<bool>(), prop::option::of(10..80usize), prop::collection::vec(2..16usize, 0..8)),
        prop::collection::vec((3..20usize, any::<bool>(), any::<bool>()), 0..4),
        prop::collection::vec(issue(), 1..4),
        (any::<bool>(), any::<bool>(), prop::option::of(2..20usize)),
    )
        .prop_map(
            |(
                (lang, seed, title, organisation, subtitle),
                (dated, about, opening),
                figures,
                issues,
                contact,
            )| {
                Shape {
                    lang,
                    seed,
                    title,
                    organisation,
                    subtitle,
                    dated,
                    about,
                    opening,
                    figures,
                    issues,
                    website: contact.0,
                    phone: contact.1,
                    contact_text: contact.2,
                }
            },
        )
}

/// A TOML string.
pub(super) fn quoted(s: &str) -> String {
    toml_edit::Value::from(s).to_string()
}

/// The briefing of `shape`, as TOML.
pub(super) fn briefing(shape: &Shape) -> String {
    let lang = shape.lang;
    let mut n = 0usize;
    let mut t = |words: usize| {
        n += 1;
        let mut seed = shape.seed.clone();
        let len = seed.len();
        seed.rotate_left(n % len);
        seed[0] = seed[0].wrapping_add(n as u8);
        quoted(&text(lang, &seed, words))
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "lang = \"{lang}\"\ntitle = {}\norganisation = {}",
        t(shape.title),
        t(shape.organisation)
    );
    if let Some(words) = shape.subtitle {
        let _ = writeln!(out, "subtitle = {}", t(words));
    }
    let _ = writeln!(out, "event = {}", t(4));
    if shape.dated {
        let _ = writeln!(out, "date = 2025-11-12");
    }
    if let Some(words) = shape.about {
        let _ = writeln!(out, "about = {}", t(words));
    }
    if !shape.opening.is_empty() {
        let _ = writeln!(out, "[opening]\nheading = {}\n[opening.items]", t(2));
        for (i, words) in shape.opening.iter().enumerate() {
            let _ = writeln!(out, "o{i} = {}", t(*words));
        }
    }
    if !shape.figures.is_empty() {
        let _ = writeln!(out, "[developments]\nheading = {}\n[developments.items]", t(1));
        for (i, (words, percent, source)) in shape.figures.iter().enumerate() {
            let value =
                if *percent { "percent = 37.5".to_owned() } else { format!("value = {}", 1250 * (i + 1)) };
            let source = if *source { format!(", source = {}", t(6)) } else { String::new() };
            let text = quoted(&format!("{{value}} {}", text(lang, &shape.seed, *words)));
            let _ = writeln!(out, "d{i} = {{ text = {text}, {value}{source} }}");
        }
    }
    for (i, issue) in shape.issues.iter().enumerate() {
        let _ = writeln!(out, "[issues.i{i}]\ntitle = {}", t(issue.title));
        if let Some(words) = issue.summary {
            let _ = writeln!(out, "summary = {}", t(words));
        }
        for (p, words) in issue.points.iter().enumerate() {
            let _ = writeln!(out, "points.p{p} = {}", t(*words));
        }
        for (f, finding) in issue.findings.iter().enumerate() {
            let _ = writeln!(out, "[issues.i{i}.findings.f{f}]\ntitle = {}", t(finding.title));
            for (p, (words, states)) in finding.previous.iter().enumerate() {
                let by: Vec<String> =
                    (0..*states).map(|s| quoted(STATES[(s * 7 + p + f) % STATES.len()])).collect();
                let _ = writeln!(out, "previous.r{p} = {{ by = [{}], text = {} }}", by.join(", "), t(*words));
            }
            if let Some(words) = finding.summary {
                let _ = writeln!(out, "situation.summary = {}", t(words));
            }
            for (p, words) in finding.points.iter().enumerate() {
                let _ = writeln!(out, "situation.points.s{p} = {}", t(*words));
            }
            if finding.figure {
                let text = quoted(&format!("{{value}} {}", text(lang, &shape.seed, 6)));
                let _ = writeln!(
                    out,
                    "situation.points.fig = {{ text = {text}, value = 480, source = {} }}",
                    t(5)
                );
            }
        }
        if !issue.recommendations.is_empty() {
            let _ = writeln!(out, "[issues.i{i}.recommendations]");
            for (r, (words, points)) in issue.recommendations.iter().enumerate() {
                let subs: Vec<String> =
                    points.iter().enumerate().map(|(p, w)| format!("points.q{p} = {}", t(*w))).collect();
                if subs.is_empty() {
                    let _ = writeln!(out, "r{r} = {}", t(*words));
                } else {
                    let _ = writeln!(out, "r{r} = {{ text = {}, {} }}", t(*words), subs.join(", "));
                }
            }
        }
    }
    let _ = writeln!(out, "[contact]\nemail = \"advocacy.coordination@example-coalition.org\"");
    if let Some(words) = shape.contact_text {
        let _ = writeln!(out, "text = {}", t(words));
    }
    if shape.website {
        let _ = writeln!(out, "website = \"www.example-coalition.org/upr/2025\"");
    }
    if shape.phone {
        let _ = writeln!(out, "phone = \"+41 22 555 01 23\"");
    }
    out
}
