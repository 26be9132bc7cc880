//! Export stage, page images: each page of a laid-out document as a PNG, drawn by
//! typst-render from the document in memory (for `build --png` and the preview).

use std::path::{Path, PathBuf};

use typst::utils::Scalar;
use typst_layout::Page;
use typst_render::RenderOptions;

use crate::diag::Diagnostic;

/// Resolution of page images when none is asked for: 2 pixels a point, sharp on a
/// high-density screen and small enough for a pull request.
pub(crate) const DEFAULT_DPI: u32 = 144;

/// The resolutions `--dpi` accepts: a page at 600 dpi is already 5,000 pixels wide.
pub(crate) const DPI_RANGE: std::ops::RangeInclusive<i64> = 18..=600;

/// One page as PNG bytes, at `dpi` pixels an inch.
pub(crate) fn page(page: &Page, dpi: u32) -> Result<Vec<u8>, String> {
    let options = RenderOptions { pixel_per_pt: Scalar::new(f64::from(dpi) / 72.0), render_bleed: false };
    typst_render::render(page, &options).encode_png().map_err(|e| e.to_string())
}

/// Where page `number` (from 1) of the PDF at `pdf` is written:
/// `out/<brief>/<brief>.<lang>.<format>-<number>.png`.
pub(crate) fn path(pdf: &Path, number: usize) -> PathBuf {
    let stem = pdf.file_stem().unwrap_or_default().to_string_lossy();
    pdf.with_file_name(format!("{stem}-{number}.png"))
}

/// Writes every page of a document beside its PDF, and removes the images of pages it
/// no longer has.
pub(crate) fn write_pages(pages: &[Page], pdf: &Path, dpi: u32) -> Result<(), Diagnostic> {
    for (index, one) in pages.iter().enumerate() {
        let target = path(pdf, index + 1);
        let bytes = page(one, dpi).map_err(|e| {
            Diagnostic::error(format!("cannot draw page {} of `{}`: {e}", index + 1, pdf.display()))
        })?;
        crate::folder::write_output(&target, &bytes).map_err(|e| Diagnostic::io("write", &target, &e))?;
    }
    let mut number = pages.len() + 1;
    while path(pdf, number).is_file() {
        let extra = path(pdf, number);
        std::fs::remove_file(&extra).map_err(|e| Diagnostic::io("remove", &extra, &e))?;
        number += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_named_after_the_pdf_and_the_page() {
        let pdf = Path::new("out/upr/upr.fr.handout.pdf");
        assert_eq!(path(pdf, 1), Path::new("out/upr/upr.fr.handout-1.png"));
        assert_eq!(path(pdf, 12), Path::new("out/upr/upr.fr.handout-12.png"));
    }
}
