//! A property test of the layout: briefings of many shapes, generated, laid out in every
//! format, and their pages checked by machine (`render::geometry`, `render::overflow`).
//!
//! A generated briefing has any mix of: a title, organisation and subtitle from one word
//! to many, very long words and compound names, summaries with points at every level,
//! findings with and without previous recommendations, one to twenty recommending States,
//! key figures with and without sources, recommendations with sub-points, empty sections
//! and any contact details, written in one of the shipped languages or in German,
//! Ukrainian or Persian. `cargo test` runs a short pass. The long run, ten minutes or more:
//!
//! ```sh
//! LAYOUT_CASES=2500 cargo test --lib layout_test -- --nocapture
//! ```
//!
//! `LAYOUT_SEED=N` replays a run; `LAYOUT_EXPLORE=DIR` prints every case's defects
//! instead of failing, and keeps each defective briefing under `DIR`.

use std::fmt::Write;
use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use typst::foundations::Datetime;

use crate::render::{Format, Job, Typesetter};
use crate::{load, render, resolve};

/// Words of each script the briefings are written in, with some long ones.
fn words(lang: &str) -> &'static [&'static str] {
    match lang {
        "ru" | "uk" => &[
            "права",
            "человека",
            "заключённых",
            "принудительный",
            "труд",
            "в",
            "и",
            "на",
            "учреждениях",
            "Федерации",
            "рекомендация",
            "расследование",
            "жертвы",
            "торговли",
            "людьми",
            "не",
            "правозащитной",
            "деятельности",
            "уголовно-исполнительной",
            "системы",
            "2025",
            "года",
            "Межрегиональная",
            "общественная",
            "організація",
            "Українська",
            "Гельсінська",
            "спілка",
        ],
        "ar" | "fa" => &[
            "حقوق",
            "الإنسان",
            "في",
            "السجون",
            "العمل",
            "القسري",
            "الاتجار",
            "بالبشر",
            "الضحايا",
            "التوصية",
            "الدولة",
            "على",
            "من",
            "منظمة",
            "الاتحاد",
            "الروسي",
            "الاستعراض",
            "الدوري",
            "الشامل",
            "زندان",
            "کار",
            "اجباری",
            "قربانیان",
            "سازمان",
            "می‌شود",
            "گزارش",
            "وضعیت",
            "ایران",
            "۲۰۲۵",
        ],
        "zh" => &[
            "人权",
            "监狱",
            "强迫劳动",
            "贩运人口",
            "受害者",
            "建议",
            "国家",
            "的",
            "和",
            "在",
            "调查",
            "起诉",
            "保护",
            "援助",
            "组织",
            "审议",
            "普遍定期",
            "俄罗斯联邦",
            "没有",
            "机制",
        ],
        _ => &[
            "the",
            "of",
            "and",
            "in",
            "prisoners",
            "forced",
            "labour",
            "trafficking",
            "victims",
            "recommendation",
            "State",
            "human",
            "rights",
            "des",
            "droits",
            "de",
            "la",
            "los",
            "derechos",
            "humanos",
            "détenus",
            "Untersuchungshaftvollzugsanstalt",
            "Strafvollzugsüberwachungsinitiative",
            "Menschenrechtsbeobachtungsstelle",
            "2025",
            "12,480",
            "(UPR)",
            "monitoring",
            "detention",
            "international",
            "law",
            "https://www.example.org/reports/2025/annual-report-on-detention",
            "info@example-coalition.org",
        ],
    }
}

/// Codes of States that may recommend.
const STATES: &[&str] = &[
    "AM", "QA", "PL", "TH", "LK", "FR", "DE", "BR", "MX", "ZA", "JP", "CA", "AU", "NO", "CH", "IN", "KE",
    "CL", "VA", "GB", "US", "IE",
];

/// A text of `n` words picked by `seed`.
fn text(lang: &str, seed: &[u8], n: usize) -> String {
    let words = words(lang);
    let sep = if lang == "zh" { "" } else { " " };
    (0..n.max(1))
        .map(|i| {
            words[seed.get(i % seed.len().max(1)).copied().unwrap_or(0) as usize * (i + 1) % words.len()]
        })
        .collect::<Vec<_>>()
        .join(sep)
}

/// The shape of one briefing.
#[derive(Debug, Clone)]
struct Shape {
    lang: &'static str,
    seed: Vec<u8>,
    title: usize,
    organisation: usize,
    subtitle: Option<usize>,
    dated: bool,
    about: Option<usize>,
    opening: Vec<usize>,
    figures: Vec<(usize, bool, bool)>,
    issues: Vec<IssueShape>,
    website: bool,
    phone: bool,
    contact_text: Option<usize>,
}

#[derive(Debug, Clone)]
struct IssueShape {
    title: usize,
    summary: Option<usize>,
    points: Vec<usize>,
    findings: Vec<FindingShape>,
    recommendations: Vec<(usize, Vec<usize>)>,
}

#[derive(Debug, Clone)]
struct FindingShape {
    title: usize,
    previous: Vec<(usize, usize)>,
    summary: Option<usize>,
    points: Vec<usize>,
    figure: bool,
}

fn finding() -> impl Strategy<Value = FindingShape> {
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

fn issue() -> impl Strategy<Value = IssueShape> {
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

fn shape() -> impl Strategy<Value = Shape> {
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
fn quoted(s: &str) -> String {
    toml_edit::Value::from(s).to_string()
}

/// The briefing of `shape`, as TOML.
fn briefing(shape: &Shape) -> String {
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

fn typesetter() -> &'static Typesetter {
    static TYPESETTER: OnceLock<Typesetter> = OnceLock::new();
    TYPESETTER.get_or_init(Typesetter::new)
}

/// Every defect of the briefing in `folder`, in every format, as lines to print.
pub(crate) fn defects(folder: &Path) -> Vec<String> {
    let (loaded, diagnostics) = load::load(folder);
    let mut found: Vec<String> =
        diagnostics.iter().filter(|d| d.is_error()).map(|d| format!("load: {}", d.message)).collect();
    let Some(loaded) = loaded else { return found };
    let typesetter = typesetter();
    let today = Datetime::from_ymd(2025, 1, 1).expect("a date");
    for lang in loaded.languages() {
        let resolution = resolve::resolve(&loaded, lang, &|c| typesetter.covers(c));
        found.extend(
            resolution.diagnostics.iter().filter(|d| d.is_error()).map(|d| format!("{lang}: {}", d.message)),
        );
        let Some(document) = resolution.document else { continue };
        let data = serde_json::to_vec(&document).expect("serializes");
        for format in Format::ALL {
            let job = Job::embedded(format, &data, &loaded.folder, today);
            let name = format!("{lang} {}", format.name());
            match render::fit::layout(typesetter, job, None) {
                Ok(fitted) => {
                    let overflows = fitted.fits.iter().filter(|f| f.overflows);
                    found.extend(overflows.map(|f| format!("{name}: `{}` does not fit", f.key)));
                    let lost = render::overflow::find(&fitted.document);
                    found.extend(lost.iter().map(|l| format!("{name} page {}: lost {:?}", l.page, l.text)));
                    let defects = render::geometry::check(&fitted.document);
                    found.extend(defects.iter().map(|d| format!("{name} page {}: {d}", d.page)));
                }
                Err(errors) => found.extend(errors.iter().map(|e| format!("{name}: {}", e.message))),
            }
        }
    }
    comemo::evict(2);
    found
}

fn cases() -> u32 {
    std::env::var("LAYOUT_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(6)
}

/// The short pass of `cargo test` always draws the same briefings, so that it fails only
/// when the code changes; a long run draws new ones each time (`LAYOUT_CASES` set).
fn seed() -> proptest::test_runner::RngSeed {
    use proptest::test_runner::RngSeed;
    match std::env::var("LAYOUT_SEED").ok().and_then(|v| v.parse().ok()) {
        Some(seed) => RngSeed::Fixed(seed),
        None if std::env::var("LAYOUT_CASES").is_ok() => RngSeed::Random,
        None => RngSeed::Fixed(19),
    }
}

#[test]
fn the_example_and_the_scaffold_print_right() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = defects(&root.join("briefs/russia-behind-bars"));
    assert!(found.is_empty(), "the example:\n{}", found.join("\n"));
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("brief.toml"), crate::cmd::new::brief_toml("en")).expect("write");
    let found = defects(dir.path());
    assert!(found.is_empty(), "the scaffold:\n{}", found.join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        rng_seed: seed(),
        ..ProptestConfig::default()
    })]

    #[test]
    fn briefings_of_every_shape_print_right(shape in shape()) {
        let dir = tempfile::tempdir().expect("temp dir");
        let source = briefing(&shape);
        std::fs::write(dir.path().join("brief.toml"), &source).expect("write");
        let found = defects(dir.path());
        if std::env::var("LAYOUT_EXPLORE").is_ok() {
            // Exploring: every case's defects printed, none failing.
            let name = format!("{:016x}", {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                source.hash(&mut h);
                h.finish()
            });
            eprintln!("CASE {} {name} {} defect(s)", shape.lang, found.len());
            for line in &found {
                eprintln!("DEFECT {} {name} {line}", shape.lang);
            }
            if !found.is_empty() && let Ok(dir) = std::env::var("LAYOUT_EXPLORE") {
                let case = Path::new(&dir).join(&name);
                let _ = std::fs::create_dir_all(&case);
                let _ = std::fs::write(case.join("brief.toml"), &source);
            }
            return Ok(());
        }
        prop_assert!(found.is_empty(), "{}\n--- brief.toml ---\n{source}", found.join("\n"));
    }
}
