//! Export stage: PDF bytes with metadata, written atomically.
//!
//! A PDF is written to a temporary file beside its destination and renamed into place,
//! so a failed or interrupted build never leaves a half-written PDF; [`write`] is how
//! every file is written, never through a link.

pub(crate) mod eject;
pub(crate) mod pdfpc;
pub(crate) mod png;
mod standards;
pub(crate) mod write;

use std::fs;
use std::io;
use std::path::Path;

use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::model::TextKey;
pub(crate) use standards::Standards;
use write::{Durability, TEMP_PREFIX, TEMP_SUFFIX};

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

/// Writes `bytes` to `path` through a temporary file and a rename, flushed to disk first:
/// for files people wrote (translations, the lock), which a power cut must not empty.
/// Refuses a link in the way (see [`write`]).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write::write_file(path, bytes, Durability::Flushed)
}

/// Writes a build output through a temporary file and a rename: never half-written, but
/// not flushed to disk, which would cost a build a millisecond or more per output; an
/// output lost to a power cut is rebuilt. Refuses a link in the way (see [`write`]).
pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write::write_file(path, bytes, Durability::Rebuildable)
}

/// Removes the temporary files a killed build left in `dir`: those whose process is gone.
pub(crate) fn sweep_leftovers(dir: &Path) {
    // Nothing is removed through a link.
    if !write::is_real_folder(dir) {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let Some(pid) = leftover_pid(&name.to_string_lossy()) else { continue };
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && !is_running(pid, &entry.path()) {
            // Another build may have swept it first.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temporary file's name, if it is one of ours.
fn leftover_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    rest.split_once('-')?.0.parse().ok()
}

/// Whether the build that wrote `file` may still be running.
fn is_running(pid: u32, file: &Path) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        return Path::new(&format!("/proc/{pid}")).exists();
    }
    // Elsewhere, a temporary file an hour old belongs to no running build.
    let age = fs::metadata(file).and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
    age.is_none_or(|age| age.as_secs() < 3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_of_dead_builds_are_swept_and_live_ones_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mine = dir.path().join(format!(".brief-{}-abc.tmp", std::process::id()));
        // PID 4194304 is above Linux's highest.
        let dead = dir.path().join(".brief-4194304-abc.tmp");
        let other = dir.path().join(".brief-notes.tmp");
        for file in [&mine, &dead, &other] {
            fs::write(file, "x").expect("write");
        }
        sweep_leftovers(dir.path());
        assert!(mine.exists() && other.exists());
        assert_eq!(dead.exists(), !cfg!(target_os = "linux"));
        write_output(&dir.path().join("a.pdf"), b"%PDF").expect("write");
        let names: Vec<_> = fs::read_dir(dir.path()).expect("list").filter_map(Result::ok).collect();
        assert!(names.iter().all(|e| !e.file_name().to_string_lossy().contains("-abc") || e.path() != dead));
    }
}
