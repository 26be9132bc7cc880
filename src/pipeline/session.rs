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
        typst::comemo::evict(EVICT_AGE);
        Ok(report)
    }
}
