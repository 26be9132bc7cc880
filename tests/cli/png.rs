//! `brief build --png [--dpi N]`: page images beside the PDFs, one a page, at the size
//! the resolution implies, kept up to date by the incremental build.

use std::path::{Path, PathBuf};

use crate::support::*;

/// Width of an A4 page, in points.
const A4_WIDTH_PT: f64 = 595.2756;

/// `out/<name>/<name>.<lang>.<format>-<n>.png`.
fn image(fixture: &Fixture, lang: &str, format: &str, n: usize) -> PathBuf {
    let pdf = fixture.pdf(lang, format);
    let stem = pdf.file_stem().unwrap().to_string_lossy().into_owned();
    pdf.with_file_name(format!("{stem}-{n}.png"))
}

/// Width and height of a PNG, from its header; fails if it is not a PNG.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{} is not a PNG", path.display());
    assert_eq!(&bytes[12..16], b"IHDR");
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

/// The page images of an output, in page order, counted until the first missing one.
fn images(fixture: &Fixture, lang: &str, format: &str) -> Vec<PathBuf> {
    (1..).map(|n| image(fixture, lang, format, n)).take_while(|p| p.is_file()).collect()
}

#[test]
fn png_writes_one_image_a_page_at_144_dpi_by_default() {
    let fixture = Fixture::copy_of("localized");
    fixture.build(&["--png"]).expect_code(0);
    for lang in ["en", "fr"] {
        for format in ["handout", "slides"] {
            let pages = page_count(&fixture.pdf(lang, format));
            let found = images(&fixture, lang, format);
            assert_eq!(found.len(), pages, "{lang} {format}: one image a page");
            for path in &found {
                let (width, height) = png_size(path);
                if format == "handout" {
                    assert_eq!(width, (A4_WIDTH_PT * 2.0).round() as u32, "{}", path.display());
                    assert!(height > width, "portrait");
                } else {
                    assert!(width > height, "landscape");
                }
            }
        }
    }
}

#[test]
fn dpi_sets_the_size_and_a_change_of_dpi_redraws_the_images() {
    let fixture = Fixture::copy_of("minimal");
    fixture.build(&["--png", "--dpi", "72", "--format", "handout"]).expect_code(0);
    let first = image(&fixture, "en", "handout", 1);
    assert_eq!(png_size(&first).0, A4_WIDTH_PT.round() as u32);
    let same = fixture.build(&["--png", "--dpi", "72", "--format", "handout"]);
    assert!(same.expect_code(0).stdout.is_empty(), "nothing to redo: {}", same.stdout);
    let run = fixture.build(&["--png", "--dpi", "96", "--format", "handout"]);
    assert!(run.expect_code(0).stdout.contains("minimal.en.handout.pdf"), "{}", run.stdout);
    assert_eq!(png_size(&first).0, (A4_WIDTH_PT * 96.0 / 72.0).round() as u32);
}

#[test]
fn a_missing_image_is_drawn_again() {
    let fixture = Fixture::copy_of("minimal");
    fixture.build(&["--png"]).expect_code(0);
    let page = image(&fixture, "en", "slides", 2);
    std::fs::remove_file(&page).unwrap();
    let run = fixture.build(&["--png"]);
    run.expect_code(0);
    assert!(run.stdout.contains("minimal.en.slides.pdf"), "{}", run.stdout);
    assert!(!run.stdout.contains("minimal.en.handout.pdf"), "its images are all there: {}", run.stdout);
    png_size(&page);
}

#[test]
fn without_png_no_image_is_written() {
    let fixture = Fixture::copy_of("minimal");
    fixture.build(&[]).expect_code(0);
    assert!(images(&fixture, "en", "handout").is_empty());
}

#[test]
fn dpi_needs_png_and_a_sensible_value() {
    let fixture = Fixture::copy_of("minimal");
    fixture.build(&["--dpi", "96"]).expect_code(2).stderr_has("--png");
    fixture.build(&["--png", "--dpi", "5"]).expect_code(2).stderr_has("18..=600");
    fixture.build(&["--png", "--dpi", "lots"]).expect_code(2).stderr_has("invalid value 'lots'");
}
