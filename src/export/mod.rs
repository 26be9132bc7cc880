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
    // Elsewhere than on Linux, whether a process runs cannot be told without a system call.
    let process_runs = cfg!(target_os = "linux").then(|| Path::new(&format!("/proc/{pid}")).exists());
    process_runs.unwrap_or_else(|| is_recent(file))
}

/// Whether `file` is less than an hour old: a temporary file older than that belongs to
/// no running build.
fn is_recent(file: &Path) -> bool {
    let age = fs::metadata(file).and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
    age.is_none_or(|age| age.as_secs() < 3600)
}

#[cfg(test)]
mod tests {
    use std::process::{Command, Stdio};
    use std::time::{Duration, SystemTime};

    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// A real process, alive until killed: its temporary file must be kept, then swept.
    #[cfg(target_os = "linux")]
    #[test]
    fn leftovers_of_dead_builds_are_swept_and_live_ones_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut child =
            Command::new("sleep").arg("60").stdin(Stdio::null()).spawn().expect("a process to outlive");
        let mine = format!(".brief-{}-abc.tmp", std::process::id());
        let alive = format!(".brief-{}-abc.tmp", child.id());
        // PID 4194304 is above Linux's highest.
        let dead = ".brief-4194304-abc.tmp".to_owned();
        let other = ".brief-notes.tmp".to_owned();
        for name in [&mine, &alive, &dead, &other] {
            fs::write(dir.path().join(name), "x").expect("write");
        }
        sweep_leftovers(dir.path());
        let mut kept = vec![alive.clone(), other.clone(), mine.clone()];
        kept.sort();
        assert_eq!(names(dir.path()), kept, "the dead build's file alone is swept");

        child.kill().expect("kill");
        child.wait().expect("reaped");
        sweep_leftovers(dir.path());
        let mut kept = vec![other, mine];
        kept.sort();
        assert_eq!(names(dir.path()), kept, "swept once its process is gone");
    }

    /// Where a process cannot be looked up, a temporary file is a leftover by its age.
    #[test]
    fn a_temporary_file_an_hour_old_is_a_leftover() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join(".brief-1-abc.tmp");
        fs::write(&file, "x").expect("write");
        assert!(is_recent(&file));
        let two_hours_ago = SystemTime::now() - Duration::from_secs(7200);
        fs::File::options().write(true).open(&file).expect("open").set_modified(two_hours_ago).expect("age");
        assert!(!is_recent(&file));
    }

    #[test]
    fn a_write_leaves_the_file_alone_and_no_temporary_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        write_output(&dir.path().join("a.pdf"), b"%PDF").expect("write");
        write_atomic(&dir.path().join("fr.toml"), b"a = 1").expect("write");
        write_output(&dir.path().join("a.pdf"), b"%PDF-2").expect("rewrite");
        assert_eq!(names(dir.path()), ["a.pdf", "fr.toml"]);
        assert_eq!(fs::read(dir.path().join("a.pdf")).expect("read"), b"%PDF-2");
    }
}
