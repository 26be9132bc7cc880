//! Terminal, watch: what `brief watch` prints, one line a rebuild, on stderr.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::time::Duration;

use crate::diag::{display_path, shown};
use crate::pipeline::{BuildReport, OutputStatus};

/// Outputs named one by one in a rebuild's line; more are counted.
const NAMED: usize = 4;

/// Says what is watched, and where the preview is.
pub(crate) fn watching(paths: &[PathBuf], url: Option<&str>) {
    let paths: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
    super::err(format!("watching {} for changes; Ctrl-C stops", paths.join(", ")));
    if let Some(url) = url {
        super::err(format!("preview at {url}"));
    }
}

/// Says that the watcher reported a problem; watching goes on.
pub(crate) fn watch_failed(error: &str) {
    super::err(format!("warning: watching for changes: {}", shown(error)));
}

/// Prints the one line that sums up a (re)build, and returns it: what was built and how
/// long it took, or where the errors are.
pub(crate) fn rebuilt(report: &BuildReport, elapsed: Duration, first: bool) -> String {
    let line = summary(report, elapsed, first);
    super::err(&line);
    line
}

fn summary(report: &BuildReport, elapsed: Duration, first: bool) -> String {
    let built: Vec<String> = report
        .outputs
        .iter()
        .filter(|o| o.status == OutputStatus::Built)
        .map(|o| format!("{}.{}.{}", shown(&o.brief), shown(&o.lang), o.kind_id()))
        .collect();
    let verb = if first { "built" } else { "rebuilt" };
    let time = format!("{} ms", elapsed.as_millis());
    let done = match built.len() {
        0 => None,
        n if n <= NAMED => Some(format!("{verb} {} in {time}", built.join(", "))),
        n => Some(format!("{verb} {n} outputs in {time}")),
    };
    let errors: Vec<_> = report.all_diagnostics().filter(|d| d.is_error()).collect();
    if errors.is_empty() {
        let fresh = report.outputs.iter().filter(|o| o.status == OutputStatus::UpToDate).count();
        let idle = if first {
            format!("ready in {time}: {fresh} output(s) up to date")
        } else {
            format!("nothing to rebuild: {fresh} output(s) up to date ({time})")
        };
        return done.unwrap_or(idle);
    }
    let files: BTreeSet<String> =
        errors.iter().filter_map(|d| d.file.as_ref()).map(|f| display_path(&f.path)).collect();
    let place =
        if files.is_empty() { String::new() } else { format!(" in {}", Vec::from_iter(files).join(", ")) };
    let count = if errors.len() == 1 { "1 error".to_owned() } else { format!("{} errors", errors.len()) };
    let failed = report.outputs.iter().filter(|o| o.status == OutputStatus::Failed).count();
    let kept =
        if failed > 0 { format!(", last good PDF kept for {failed} output(s)") } else { String::new() };
    let mut line = format!("error{place}: {count} (see above){kept}");
    if let Some(done) = done {
        line.push_str(&format!("; {done}"));
    }
    line
}
