//! Export stage: PDF bytes with metadata, written atomically.
//!
//! A PDF is written to a temporary file beside its destination and renamed into place,
//! so a failed or interrupted build never leaves a half-written PDF.

pub(crate) mod eject;
pub(crate) mod pdfpc;

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::diag::Diagnostic;

/// Exports a laid-out document as a tagged PDF.
///
/// `ident` identifies the output stably (the PDF's document ID is derived from it), and
/// `date` is its creation date: both fixed, so the same input gives the same bytes.
pub(crate) fn pdf(document: &PagedDocument, ident: &str, date: Datetime) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_owned()),
        creator: Smart::Custom(Some(format!("brief {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(date)),
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        errors.iter().map(|e| Diagnostic::error(format!("cannot write the PDF: {}", e.message))).collect()
    })
}

/// Writes `bytes` to `path` through a temporary file and a rename, flushed to disk first:
/// for files people wrote (translations, the lock), which a power cut must not empty.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_through_temp(path, bytes, true)
}

/// Writes a build output through a temporary file and a rename: never half-written, but
/// not flushed to disk, which would cost a build a millisecond or more per output; an
/// output lost to a power cut is rebuilt.
pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_through_temp(path, bytes, false)
}

fn write_through_temp(path: &Path, bytes: &[u8], flush: bool) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    if flush {
        temp.as_file().sync_all()?;
    }
    // Temporary files are private; a published PDF is not.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        temp.as_file().set_permissions(fs::Permissions::from_mode(0o644))?;
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
