//! Serve, state: what the preview shows, handed over by the build thread after each
//! build: each output's last good document, the diagnostics, the translation status and
//! the build's one line. The build thread only swaps it under a lock; page images are
//! drawn later, on the server's threads, when a browser asks for them.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use serde_json::{Value, json};
use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Severity};
use crate::i18n::{State as KeyState, Status};
use crate::pipeline::{BuildReport, OutputStatus};
use crate::render::slides;
use crate::terminal;

/// An output: briefing, language, and format (with a leave-behind's State:
/// `leave-behind.AM`).
pub(super) type OutputId = (String, String, String);

/// What the preview knows of one output.
pub(super) struct Entry {
    /// Its last good document, if it was ever laid out.
    pub document: Option<Arc<PagedDocument>>,
    /// The build that laid that document out.
    pub version: u64,
    /// Whether the last build of it failed (the document is then an older one).
    pub failed: bool,
    /// Page images drawn so far, by page number.
    pub images: HashMap<usize, Arc<Vec<u8>>>,
}

/// Everything the preview shows.
#[derive(Default)]
pub(super) struct State {
    /// Counts builds; the page reloads when it changes.
    pub generation: u64,
    /// Whether a build is running.
    pub building: bool,
    /// The last build's one line.
    pub line: String,
    pub outputs: BTreeMap<OutputId, Entry>,
    pub diagnostics: Vec<Value>,
    pub translations: Vec<Value>,
}

/// The state, shared between the build thread and the server's threads.
pub(super) struct Shared {
    state: Mutex<State>,
    /// Signalled when a build starts or ends.
    changed: Condvar,
    /// Tells this run of the server from another, in image addresses: an image address
    /// is never reused for other pixels, so browsers may keep the images.
    run: String,
}

impl Shared {
    /// A preview with nothing built yet.
    pub(super) fn new() -> Self {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        Self { state: Mutex::default(), changed: Condvar::new(), run: format!("{:x}", now.as_millis()) }
    }

    /// The state, locked. A panic elsewhere while it was locked leaves it usable.
    pub(super) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Marks a build as started.
    pub(super) fn building(&self) {
        self.lock().building = true;
        self.changed.notify_all();
    }

    /// Takes in a finished build.
    pub(super) fn update(&self, report: BuildReport, line: String) {
        let diagnostics = report.all_diagnostics().map(diagnostic).collect();
        let translations = report.statuses.iter().map(translation).collect();
        let mut state = self.lock();
        state.generation += 1;
        let generation = state.generation;
        let mut outputs = BTreeMap::new();
        for output in report.outputs {
            let kind = output.kind_id();
            let id = (output.brief, output.lang, kind);
            let mut entry = state.outputs.remove(&id).unwrap_or(Entry {
                document: None,
                version: generation,
                failed: false,
                images: HashMap::new(),
            });
            entry.failed = output.status == OutputStatus::Failed;
            if let Some(document) = output.document {
                entry = Entry {
                    document: Some(document),
                    version: generation,
                    failed: false,
                    images: HashMap::new(),
                };
            }
            outputs.insert(id, entry);
        }
        *state = State { generation, building: false, line, outputs, diagnostics, translations };
        drop(state);
        self.changed.notify_all();
    }

    /// Waits until the build count or the building flag differs from `seen`, or for
    /// `timeout`; returns them.
    pub(super) fn wait(&self, seen: Option<(u64, bool)>, timeout: Duration) -> (u64, bool) {
        let state = self.lock();
        let now = |s: &State| (s.generation, s.building);
        let (state, _) = self
            .changed
            .wait_timeout_while(state, timeout, |s| Some(now(s)) == seen)
            .unwrap_or_else(PoisonError::into_inner);
        now(&state)
    }

    /// The state as the page reads it, at `/api/state`.
    pub(super) fn json(&self) -> Value {
        let state = self.lock();
        let outputs: Vec<Value> = state.outputs.iter().map(|(id, entry)| output(id, entry)).collect();
        json!({
            "run": self.run,
            "generation": state.generation,
            "building": state.building,
            "line": state.line,
            "outputs": outputs,
            "diagnostics": state.diagnostics,
            "translations": state.translations,
        })
    }
}

fn output((brief, lang, format): &OutputId, entry: &Entry) -> Value {
    // Which slide each page shows, so that the page can set two languages' pages of one
    // slide side by side even where one language continues a slide and the other not.
    let keys = entry.document.as_deref().map(slides::page_keys).unwrap_or_default();
    let pages: Vec<Value> = entry
        .document
        .iter()
        .flat_map(|d| d.pages())
        .enumerate()
        .map(|(n, page)| {
            let size = page.frame.size();
            let key = keys.get(n).cloned().flatten().map(|key| key.to_string());
            json!({ "width": size.x.to_pt(), "height": size.y.to_pt(), "key": key })
        })
        .collect();
    json!({
        "brief": brief,
        "lang": lang,
        "format": format,
        "version": entry.version,
        "failed": entry.failed,
        "pages": pages,
    })
}

fn diagnostic(diagnostic: &Diagnostic) -> Value {
    json!({
        "severity": if diagnostic.severity == Severity::Error { "error" } else { "warning" },
        "message": crate::diag::shown(&diagnostic.message),
        "location": diagnostic.location(),
        "text": terminal::render_plain(diagnostic),
    })
}

fn translation(status: &Status) -> Value {
    let keys = |state| status.keys_in(state).map(ToString::to_string).collect::<Vec<_>>();
    json!({
        "brief": status.brief,
        "lang": status.lang,
        "percent": status.percent(),
        "missing": keys(KeyState::Missing),
        // Where each missing key is (empty) or goes, and the source text shown instead.
        "missing-at": status.missing.iter().map(|m| json!({
            "key": m.key.to_string(),
            "at": m.at(),
            "source-at": m.source_at(),
            "source": m.source,
        })).collect::<Vec<_>>(),
        "stale": keys(KeyState::Stale),
        "orphaned": status.orphaned.iter().map(ToString::to_string).collect::<Vec<_>>(),
    })
}
