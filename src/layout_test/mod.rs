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
//! instead of failing, and keeps each defective briefing under `DIR` (every briefing, with
//! `LAYOUT_KEEP=1`).

use std::path::Path;
use std::sync::OnceLock;

use proptest::prelude::*;
use typst::foundations::Datetime;

mod shapes;
mod words;

use self::shapes::{briefing, shape};
use crate::render::{Format, Job, Typesetter};
use crate::{load, render, resolve};

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
        let served = resolution.served();
        let outputs = Format::ALL.into_iter().flat_map(|format| {
            let ours =
                served.iter().filter(move |(state, _)| state.is_some() == (format == Format::LeaveBehind));
            ours.map(move |(state, data)| (format, state, data))
        });
        for (format, state, data) in outputs {
            let job = Job::embedded(format, data, &loaded.folder, today);
            let name = format!(
                "{lang} {}{}",
                format.name(),
                state.as_ref().map(|s| format!(" {s}")).unwrap_or_default()
            );
            match render::fit::layout(typesetter, job, None) {
                Ok(fitted) => {
                    // How many layouts fitting the deck took (issue 22), for `--nocapture`.
                    if format == Format::Slides {
                        eprintln!("LAYOUTS {} {name}", fitted.layouts);
                    }
                    // A leave-behind of more than one page is never written: the build
                    // refuses it with an error naming what runs over (tested in
                    // `tests/cli/leave_behind.rs`), so its pages are not checked.
                    if state.is_some() && fitted.document.pages().len() > 1 {
                        continue;
                    }
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
            let keep = !found.is_empty() || std::env::var_os("LAYOUT_KEEP").is_some();
            if keep && let Ok(dir) = std::env::var("LAYOUT_EXPLORE") {
                let case = Path::new(&dir).join(&name);
                let _ = std::fs::create_dir_all(&case);
                let _ = std::fs::write(case.join("brief.toml"), &source);
            }
            return Ok(());
        }
        prop_assert!(found.is_empty(), "{}\n--- brief.toml ---\n{source}", found.join("\n"));
    }
}
