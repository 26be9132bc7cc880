//! Watch, burst: the file events of one save (or of several saves at once), gathered
//! into one rebuild. A rebuild starts as soon as every file being written is closed: an
//! editor's save is then over, and a half-written file is never read. Where the system
//! does not report closes, or for an event that is no write (a file renamed away), a
//! short quiet time ends the burst instead.

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Duration;

use super::events::Step;

/// Quiet time that ends a burst once its saves are over: only for another file saved at
/// once (a translation and the lock).
const SETTLE: Duration = Duration::from_millis(1);

/// Quiet time that ends a burst whose last event says nothing of a save's end.
const DEBOUNCE: Duration = Duration::from_millis(8);

/// A burst that goes on longer than this (a file kept open) is built anyway, then
/// watched again.
const MAX_BURST: Duration = Duration::from_millis(300);

/// Whether the system reports a file closed after writing: Linux's inotify does; macOS's
/// FSEvents and Windows' change notifications do not.
const REPORTS_CLOSES: bool = cfg!(any(target_os = "linux", target_os = "android"));

/// One relevant file event.
pub(super) struct Change {
    /// What it tells of a save.
    pub step: Step,
    /// The files it is about.
    pub paths: Vec<PathBuf>,
}

/// The events of a burst so far.
#[derive(Default)]
pub(super) struct Burst {
    /// Files created or written to, and not closed since.
    writing: HashSet<PathBuf>,
    /// Whether the last event ended a save.
    ended: bool,
}

impl Burst {
    /// Adds an event to the burst.
    pub(super) fn add(&mut self, change: Change) {
        match change.step {
            Step::Writing if REPORTS_CLOSES => self.writing.extend(change.paths),
            Step::Ended => {
                for path in &change.paths {
                    self.writing.remove(path);
                }
            }
            Step::Writing | Step::Other => {}
        }
        self.ended = change.step == Step::Ended;
    }

    /// How long to wait for another event, `elapsed` into the burst, before it is over;
    /// `None` once it has gone on too long.
    pub(super) fn quiet(&self, elapsed: Duration) -> Option<Duration> {
        let left = MAX_BURST.checked_sub(elapsed).filter(|left| !left.is_zero())?;
        let quiet = if !self.writing.is_empty() {
            left
        } else if self.ended {
            SETTLE
        } else {
            DEBOUNCE
        };
        Some(quiet.min(left))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(step: Step, path: &str) -> Change {
        Change { step, paths: vec![PathBuf::from(path)] }
    }

    #[test]
    fn a_save_is_built_once_its_file_is_closed() {
        let mut burst = Burst::default();
        burst.add(change(Step::Writing, "/b/upr/fr.toml"));
        let waiting = burst.quiet(Duration::from_millis(20)).expect("not over");
        if REPORTS_CLOSES {
            assert_eq!(waiting, MAX_BURST - Duration::from_millis(20), "a half-written file is not read");
        } else {
            assert_eq!(waiting, DEBOUNCE);
        }
        burst.add(change(Step::Writing, "/b/upr/fr.toml"));
        burst.add(change(Step::Ended, "/b/upr/fr.toml"));
        assert_eq!(burst.quiet(Duration::from_millis(21)), Some(SETTLE));
    }

    #[test]
    fn a_burst_waits_for_every_file_being_written() {
        let mut burst = Burst::default();
        burst.add(change(Step::Writing, "/b/upr/fr.toml"));
        burst.add(change(Step::Writing, "/b/upr/logo.png"));
        burst.add(change(Step::Ended, "/b/upr/fr.toml"));
        let expected = if REPORTS_CLOSES { MAX_BURST - Duration::from_millis(2) } else { SETTLE };
        assert_eq!(burst.quiet(Duration::from_millis(2)), Some(expected), "the logo is still being copied");
        burst.add(change(Step::Ended, "/b/upr/logo.png"));
        assert_eq!(burst.quiet(Duration::from_millis(3)), Some(SETTLE));
    }

    #[test]
    fn a_rename_into_place_ends_a_save_and_a_rename_away_waits_for_what_follows() {
        let mut burst = Burst::default();
        burst.add(change(Step::Ended, "/b/upr/fr.toml"));
        assert_eq!(burst.quiet(Duration::ZERO), Some(SETTLE));
        burst.add(change(Step::Other, "/b/upr/fr.toml"));
        assert_eq!(burst.quiet(Duration::ZERO), Some(DEBOUNCE));
    }

    #[test]
    fn a_burst_that_goes_on_is_built_anyway() {
        let mut burst = Burst::default();
        burst.add(change(Step::Writing, "/b/upr/fr.toml"));
        assert_eq!(burst.quiet(MAX_BURST), None);
        assert_eq!(burst.quiet(MAX_BURST - Duration::from_millis(3)), Some(Duration::from_millis(3)));
        let mut quiet = Burst::default();
        quiet.add(change(Step::Other, "/b/upr"));
        assert_eq!(quiet.quiet(MAX_BURST - Duration::from_millis(3)), Some(Duration::from_millis(3)));
    }
}
