//! Watch: builds once, then again after every save that can change an output, with one
//! [`Session`] so that each rebuild is warm. The incremental cache leaves alone the
//! outputs the save did not affect. The events of one save are gathered into one rebuild
//! ([`Burst`]): editors write a file in several steps, or through a rename. A save during
//! a rebuild waits for it and starts the next one. Errors are printed and the last good
//! PDF stays.

mod burst;
mod events;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use notify::{RecursiveMode, Watcher};

use burst::{Burst, Change};

use crate::diag::Diagnostic;
use crate::pipeline::{BuildReport, Options, Session};
use crate::serve::{self, Preview};
use crate::{load, terminal};

/// What the watch loop hears about.
enum Message {
    /// A file that can change an output was saved, created, renamed or removed.
    Changed(Change),
    /// The watcher failed (e.g. a watched folder was removed).
    Failed(String),
    /// Ctrl-C, or a termination signal.
    Stop,
}

/// Builds, then rebuilds on every relevant save until Ctrl-C. With `port`, serves the
/// preview page there. Fails only when it cannot start.
pub(crate) fn run(options: Options, port: Option<u16>) -> Result<(), Diagnostic> {
    load::discover(&options.paths)?;
    let (sender, receiver) = mpsc::channel();
    let stop = sender.clone();
    // Should a handler be set already, Ctrl-C ends the process as usual.
    let _ = ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    });
    let out = options.out.as_deref().map(absolute);
    let _watcher = watch(&options.paths, out, sender)?;
    let preview = port.map(serve::start).transpose()?;
    terminal::watching(&options.paths, preview.as_ref().map(Preview::url).as_deref());
    let mut builds = Builds { session: Session::new(), options, preview, printed: HashSet::new() };
    builds.rebuild(true);
    while wait_for_changes(&receiver) {
        builds.rebuild(false);
    }
    Ok(())
}

/// Watches each path (a briefing's folder is watched whole, so that new translations,
/// images and template overrides are seen), sending [`Message::Changed`] for events on
/// files that can change an output, outside the output folder `out`.
fn watch(
    paths: &[PathBuf],
    out: Option<PathBuf>,
    sender: mpsc::Sender<Message>,
) -> Result<impl Watcher + use<>, Diagnostic> {
    let handler = move |event: notify::Result<notify::Event>| {
        let message = match event {
            Ok(event) if events::is_relevant(&event, out.as_deref()) => {
                Message::Changed(Change { step: events::step(&event), paths: event.paths })
            }
            Ok(_) => return,
            Err(error) => Message::Failed(error.to_string()),
        };
        let _ = sender.send(message);
    };
    let fail = |error: notify::Error| Diagnostic::error(format!("cannot watch for changes: {error}"));
    let mut watcher = notify::recommended_watcher(handler).map_err(fail)?;
    for path in paths {
        let folder = if path.is_file() { path.parent().unwrap_or(Path::new(".")) } else { path.as_path() };
        watcher.watch(&absolute(folder), RecursiveMode::Recursive).map_err(|error| {
            Diagnostic::error(format!("cannot watch `{}` for changes: {error}", folder.display()))
        })?;
    }
    Ok(watcher)
}

/// Waits for a burst of changes and for its end (see [`Burst`]); `false` when it is time
/// to stop.
fn wait_for_changes(receiver: &mpsc::Receiver<Message>) -> bool {
    let mut burst = Burst::default();
    loop {
        match receiver.recv() {
            Ok(Message::Changed(change)) => {
                burst.add(change);
                break;
            }
            Ok(Message::Failed(error)) => terminal::watch_failed(&error),
            Ok(Message::Stop) | Err(_) => return false,
        }
    }
    let start = Instant::now();
    while let Some(quiet) = burst.quiet(start.elapsed()) {
        match receiver.recv_timeout(quiet) {
            Ok(Message::Changed(change)) => burst.add(change),
            Ok(Message::Failed(error)) => terminal::watch_failed(&error),
            Ok(Message::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return false,
            Err(mpsc::RecvTimeoutError::Timeout) => break,
        }
    }
    true
}

/// The builds of one watch, and what they need from one to the next.
struct Builds {
    session: Session,
    options: Options,
    preview: Option<Preview>,
    /// The diagnostics the last build printed.
    printed: HashSet<String>,
}

impl Builds {
    /// One build: prints its new diagnostics and its one line, and hands it to the preview.
    fn rebuild(&mut self, first: bool) {
        if let Some(preview) = &self.preview {
            preview.building();
        }
        let start = Instant::now();
        let report = self.session.build(&self.options).unwrap_or_else(|diagnostic| BuildReport {
            diagnostics: vec![diagnostic],
            ..BuildReport::default()
        });
        let elapsed = start.elapsed();
        self.print_new(&report);
        let line = terminal::rebuilt(&report, elapsed, first);
        if let Some(preview) = &self.preview {
            preview.update(report, line);
        }
    }

    /// Prints the report's errors, and the warnings the last build did not print already.
    fn print_new(&mut self, report: &BuildReport) {
        let key = |d: &Diagnostic| format!("{:?} {} {:?}", d.severity, d.message, d.location());
        let now: HashSet<String> = report.all_diagnostics().map(key).collect();
        let new: Vec<Diagnostic> = report
            .all_diagnostics()
            .filter(|d| d.is_error() || !self.printed.contains(&key(d)))
            .cloned()
            .collect();
        terminal::emit(&new);
        self.printed = now;
    }
}

/// `path` made absolute (against the working folder), as the watcher reports paths.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
