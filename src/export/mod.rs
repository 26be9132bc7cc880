//! Export stage: PDF bytes with metadata, written atomically.
//!
//! The PDF is written by `folder::write`: to a temporary file beside its destination,
//! renamed into place, so a failed or interrupted build never leaves a half-written PDF.

pub(crate) mod eject;
pub(crate) mod pdfpc;
pub(crate) mod png;
mod standards;

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::model::TextKey;
pub(crate) use standards::Standards;

/// Why a PDF could not be written: typst-pdf's message and hints, and the key of the
/// briefing it is about, when that can be told.
#[derive(Debug)]
pub(crate) struct PdfError {
    pub message: String,
    pub hints: Vec<String>,
    pub key: Option<TextKey>,
}

/// Exports a laid-out document as a tagged PDF that meets `standards`.
///
/// `ident` identifies the output stably (the PDF's document ID is derived from it), and
/// `date` is its creation date: both fixed, so the same input gives the same bytes.
pub(crate) fn pdf(
    document: &PagedDocument,
    ident: &str,
    date: Datetime,
    standards: &Standards,
) -> Result<Vec<u8>, Vec<PdfError>> {
    let error =
        |message: String, hints: Vec<String>| PdfError { key: standards::key_of(&message), message, hints };
    let checked = standards.typst().map_err(|e| {
        vec![error(e.message().to_string(), e.hints().iter().map(ToString::to_string).collect())]
    })?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        creator: Smart::Custom(Some(format!("brief {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(date)),
        standards: checked,
        // Always: PDF/UA and the "a" levels of PDF/A need the tags, and typst-pdf would
        // claim conformance without them, unchecked.
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        let hints = |e: &typst::diag::SourceDiagnostic| e.hints.iter().map(|h| h.v.to_string()).collect();
        errors.iter().map(|e| error(e.message.to_string(), hints(e))).collect()
    })
}
