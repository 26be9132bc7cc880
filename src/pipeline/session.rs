//! Pipeline, session: one build after another with the same [`Typesetter`], for
//! `brief watch`. Fonts and templates stay parsed and Typst's memoized work stays warm,
//! so a rebuild after a small edit lays out only what the edit changed. The incremental
//! cache still decides which outputs are rebuilt at all.

use super::{BuildReport, Kept, Options, run_with};
use crate::diag::Diagnostic;
use crate::render::Typesetter;

/// How many builds a memoized result survives unused in a session. Long enough that the
/// output being edited stays warm while others are saved in between; short enough that
/// memory stays flat over a day of editing.
const EVICT_AGE: usize = 8;

/// A Typesetter kept across builds, and the documents the last builds laid out.
#[derive(Default)]
pub(crate) struct Session {
    typesetter: Typesetter,
    /// The fingerprint of each output whose document the caller holds.
    kept: Kept,
}

impl Session {
    /// A session with nothing laid out yet.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// Runs the pipeline. With `options.keep_documents`, the caller is taken to hold each
    /// document the report carries, and outputs whose document it holds and whose files
    /// are fresh are left alone.
    pub(crate) fn build(&mut self, options: &Options) -> Result<BuildReport, Diagnostic> {
        let report = run_with(&self.typesetter, options, &self.kept)?;
        if options.keep_documents {
            for output in &report.outputs {
                if let (Some(_), Some(fingerprint)) = (&output.document, &output.fingerprint) {
                    self.kept.insert(output.path.clone(), fingerprint.clone());
                }
            }
        }
        comemo::evict(EVICT_AGE);
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::pipeline::OutputStatus;
    use crate::render::Format;

    fn options(out: &Path) -> Options {
        Options {
            paths: vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal")],
            formats: vec![Format::Handout],
            out: Some(out.to_path_buf()),
            keep_documents: true,
            ..Options::default()
        }
    }

    #[test]
    fn a_document_in_memory_is_not_laid_out_again_and_fresh_files_are_not_rewritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = Session::new();
        let first = session.build(&options(dir.path())).expect("builds");
        let output = &first.outputs[0];
        assert_eq!(output.status, OutputStatus::Built);
        assert!(output.document.is_some(), "kept for the preview");
        let written = std::fs::metadata(&output.path).and_then(|m| m.modified()).expect("written");

        let second = session.build(&options(dir.path())).expect("builds");
        assert_eq!(second.outputs[0].status, OutputStatus::UpToDate);
        assert!(second.outputs[0].document.is_none(), "already held: not laid out again");

        // A new session (a new `brief watch` over the same output folder) has no document
        // yet: it lays the output out, and leaves its fresh PDF alone.
        let third = Session::new().build(&options(dir.path())).expect("builds");
        assert_eq!(third.outputs[0].status, OutputStatus::UpToDate);
        assert!(third.outputs[0].document.is_some());
        let now = std::fs::metadata(&output.path).and_then(|m| m.modified()).expect("there");
        assert_eq!(now, written, "not rewritten");
    }
}
