//! Outputs are owned: a build knows the files it made under `--out`; those of a
//! language, format or briefing that is gone are removed (`--keep-stale`: reported), and
//! the manifest lists only what this build and shard made or found current.

use std::fs;

use crate::support::*;

/// The manifest's `files`.
fn manifest(fixture: &Fixture) -> Vec<String> {
    let text = fs::read_to_string(fixture.root.join("out/.brief-manifest.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["files"].as_array().unwrap().iter().map(|f| f.as_str().unwrap().to_owned()).collect()
}

fn with_french() -> Fixture {
    Fixture::copy_of("minimal").file("fr.toml", "title = \"Un briefing minimal\"\n")
}

#[test]
fn the_outputs_of_a_deleted_translation_are_removed() {
    let fixture = with_french();
    fixture.build(&[]).expect_code(0);
    let fr = fixture.pdf("fr", "slides");
    assert!(fr.exists() && fr.with_extension("pdfpc").exists());
    assert!(manifest(&fixture).contains(&"minimal/minimal.fr.slides.pdfpc".to_owned()));
    fs::remove_file(fixture.brief.join("fr.toml")).unwrap();
    let run = fixture.build(&[]);
    run.expect_code(0)
        .stderr_has("removed `out/minimal/minimal.fr.slides.pdf`: its briefing, language or format is gone");
    assert!(!fr.exists() && !fr.with_extension("pdfpc").exists() && !fixture.pdf("fr", "handout").exists());
    assert!(fixture.pdf("en", "handout").exists());
    assert_eq!(
        manifest(&fixture),
        [
            "minimal/minimal.en.handout.pdf",
            "minimal/minimal.en.slides.pdf",
            "minimal/minimal.en.slides.pdfpc"
        ]
    );
}

#[test]
fn keep_stale_only_reports_them_and_the_manifest_leaves_them_out() {
    let fixture = with_french();
    fixture.build(&[]).expect_code(0);
    fs::remove_file(fixture.brief.join("fr.toml")).unwrap();
    let run = fixture.build(&["--keep-stale"]);
    run.expect_code(0).stderr_has(
        "`out/minimal/minimal.fr.handout.pdf` is no longer made (its briefing, language or format is gone); kept",
    );
    assert!(fixture.pdf("fr", "handout").exists());
    assert!(manifest(&fixture).iter().all(|f| !f.contains(".fr.")), "{:?}", manifest(&fixture));
    // Without the flag, the next build removes them.
    fixture.build(&[]).expect_code(0);
    assert!(!fixture.pdf("fr", "handout").exists());
}

#[test]
fn the_outputs_of_a_deleted_briefing_are_removed_and_others_left_alone() {
    let fixture = with_french();
    fixture.build(&[]).expect_code(0);
    let mine = fixture.root.join("out/mine.pdf");
    fs::write(&mine, "not made by brief").unwrap();
    fs::remove_dir_all(&fixture.brief).unwrap();
    let other = fixture.root.join("briefs/other");
    fs::create_dir_all(&other).unwrap();
    fs::copy(root().join("tests/fixtures/minimal/brief.toml"), other.join("brief.toml")).unwrap();
    fixture.build(&[]).expect_code(0).stderr_has("removed `out/minimal/minimal.en.handout.pdf`");
    assert!(!fixture.root.join("out/minimal").exists());
    assert!(mine.exists(), "a file brief did not make is not touched");
}

#[test]
fn a_selection_or_a_broken_source_removes_nothing() {
    let fixture = with_french();
    fixture.build(&[]).expect_code(0);
    fixture.build(&["--lang", "en", "--format", "handout"]).expect_code(0);
    assert!(fixture.pdf("fr", "slides").exists(), "left out by the selection, not gone");
    assert_eq!(manifest(&fixture), ["minimal/minimal.en.handout.pdf"]);
    let fixture = fixture.file("brief.toml", "lang = \"en\"\ntitle = [\n");
    fixture.build(&[]).input_error();
    assert!(fixture.pdf("fr", "slides").exists() && fixture.pdf("en", "handout").exists(), "good PDFs kept");
}

#[test]
fn shards_keep_each_others_outputs_and_list_only_their_own() {
    let fixture = with_french();
    fixture.build(&["--shard", "1/2"]).expect_code(0);
    let first = manifest(&fixture);
    fixture.build(&["--shard", "2/2"]).expect_code(0);
    let second = manifest(&fixture);
    assert!(first.iter().all(|f| !second.contains(f)), "disjoint: {first:?} {second:?}");
    for lang in ["en", "fr"] {
        for format in ["handout", "slides"] {
            assert!(
                fixture.pdf(lang, format).exists(),
                "{lang} {format}: one shard's build keeps the other's"
            );
        }
    }
    let mut all: Vec<String> = [first, second].concat().into_iter().filter(|f| f.ends_with(".pdf")).collect();
    all.sort();
    assert_eq!(all.len(), 4, "{all:?}");
}
