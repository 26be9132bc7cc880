//! No write follows a link: every file `brief` writes is written into real folders, never
//! through a link, and a link in the way is an error naming it. Modes are kept.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};

use crate::support::*;

/// The names in a folder, sorted.
fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn an_output_folder_that_is_a_link_is_refused() {
    let fixture = Fixture::copy_of("minimal");
    symlink("briefs", fixture.root.join("dist")).unwrap();
    let run = fixture.run(&["build", "--out", "dist"]);
    run.input_error()
        .stderr_has("`dist` is a link; `brief` writes only into real folders, never through a link");
    assert_eq!(names(&fixture.brief), ["brief.toml"], "nothing written into the source folder");
}

#[test]
fn a_briefing_folder_under_out_that_is_a_link_is_refused() {
    let fixture = Fixture::copy_of("minimal");
    let elsewhere = temp_dir();
    fs::create_dir_all(fixture.root.join("out")).unwrap();
    symlink(elsewhere.path(), fixture.root.join("out/minimal")).unwrap();
    fixture.build(&[]).input_error().stderr_has("`out/minimal` is a link");
    assert!(names(elsewhere.path()).is_empty());
}

#[test]
fn a_pdf_that_is_a_link_is_not_written_through() {
    let fixture = Fixture::copy_of("minimal");
    let elsewhere = temp_dir();
    let target = elsewhere.path().join("kept.txt");
    fs::write(&target, "mine").unwrap();
    fs::create_dir_all(fixture.root.join("out/minimal")).unwrap();
    symlink(&target, fixture.root.join("out/minimal/minimal.en.handout.pdf")).unwrap();
    fixture.build(&[]).input_error().stderr_has("`out/minimal/minimal.en.handout.pdf` is a link");
    assert_eq!(fs::read_to_string(&target).unwrap(), "mine");
}

#[test]
fn emit_typst_writes_nothing_through_links_planted_in_its_folder() {
    let fixture = Fixture::copy_of("minimal");
    let outside = temp_dir();
    let victim = outside.path().join("victim.txt");
    fs::write(&victim, "untouched").unwrap();
    let project = fixture.root.join("typst/minimal.en.handout");
    fs::create_dir_all(&project).unwrap();
    symlink(&victim, project.join("data.json")).unwrap();
    symlink(fixture.brief.join("brief.toml"), project.join("main.typ")).unwrap();
    let run = fixture.build(&["--format", "handout", "--emit-typst", "typst"]);
    run.input_error().stderr_has("typst/minimal.en.handout/main.typ` is a link");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "untouched");
    assert!(fs::read_to_string(fixture.brief.join("brief.toml")).unwrap().contains("A minimal briefing"));
    // A link for the project folder itself is refused too.
    let other = temp_dir();
    symlink(other.path(), fixture.root.join("typst/minimal.en.slides")).unwrap();
    fixture.build(&["--format", "slides", "--emit-typst", "typst"]).input_error().stderr_has("is a link");
    assert!(names(other.path()).is_empty());
}

#[test]
fn i18n_update_refuses_a_translation_that_is_a_link() {
    let fixture = Fixture::copy_of("minimal");
    let elsewhere = temp_dir();
    let theirs = elsewhere.path().join("fr.toml");
    fs::write(&theirs, "title = \"Un briefing minimal\"\n").unwrap();
    symlink(&theirs, fixture.brief.join("fr.toml")).unwrap();
    let run = fixture.run(&["i18n", "update", "fr"]);
    run.input_error();
    insta::assert_snapshot!("i18n-update-linked-translation", run.stderr);
    assert_eq!(fs::read_to_string(&theirs).unwrap(), "title = \"Un briefing minimal\"\n");
    assert!(fs::symlink_metadata(fixture.brief.join("fr.toml")).unwrap().file_type().is_symlink());
    assert!(!fixture.brief.join("translations.lock").exists());
}

#[test]
fn i18n_update_refuses_a_read_only_translation_and_keeps_other_modes() {
    let fixture = Fixture::copy_of("minimal").file("fr.toml", "title = \"Un briefing minimal\"\n");
    let fr = fixture.brief.join("fr.toml");
    fs::set_permissions(&fr, fs::Permissions::from_mode(0o444)).unwrap();
    let run = fixture.run(&["i18n", "update", "fr"]);
    run.input_error().stderr_has("`briefs/minimal/fr.toml` is read-only");
    assert_eq!(fs::metadata(&fr).unwrap().permissions().mode() & 0o777, 0o444);
    assert_eq!(fs::read_to_string(&fr).unwrap(), "title = \"Un briefing minimal\"\n");
    fs::set_permissions(&fr, fs::Permissions::from_mode(0o640)).unwrap();
    fixture.run(&["i18n", "update", "fr"]).expect_code(0);
    assert_eq!(fs::metadata(&fr).unwrap().permissions().mode() & 0o777, 0o640, "its mode is kept");
    assert!(fs::read_to_string(&fr).unwrap().contains("[issues.one]"), "updated");
}

#[test]
fn brief_new_refuses_a_briefing_folder_that_is_a_link() {
    let dir = temp_dir();
    let outside = temp_dir();
    fs::create_dir(dir.path().join("briefs")).unwrap();
    symlink(outside.path(), dir.path().join("briefs/x")).unwrap();
    let run = brief_in(dir.path(), &["new", "x"]);
    run.input_error().stderr_has("`briefs/x` is a link");
    assert!(names(outside.path()).is_empty());
}

#[test]
fn man_pages_are_not_written_through_a_link() {
    let dir = temp_dir();
    let outside = temp_dir();
    symlink(outside.path(), dir.path().join("man")).unwrap();
    brief_in(dir.path(), &["man", "--out", "man"]).input_error().stderr_has("`man` is a link");
    assert!(names(outside.path()).is_empty());
}
