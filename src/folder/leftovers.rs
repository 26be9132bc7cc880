//! The folder boundary, leftovers: the temporary files a killed build left behind, swept
//! by the next build.

use std::fs;
use std::path::Path;

use super::write::{self, TEMP_PREFIX, TEMP_SUFFIX};

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
    use crate::folder::{write_atomic, write_output};

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
