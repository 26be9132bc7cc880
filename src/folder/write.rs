//! Export stage, writing a file: the one way `brief` writes anything (PDFs, page images,
//! speaker notes, the cache, translations, the lock, ejected projects, new briefings,
//! manual pages).
//!
//! A file is written to a new temporary file in its folder and renamed into place, so it
//! is never half-written, and never through a link: every folder on the way must be a real
//! folder (each one is checked, and made when missing), and the file itself must be a
//! plain file or not there yet. A link in the way is an error naming it. The mode of a
//! file being replaced is kept, and a read-only file is refused, not replaced.

use std::fs;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use crate::diag::display_path;

/// Temporary files are named `.brief-<pid>-<random>.tmp`: the next build can tell those
/// of a build that was killed (its process is gone) from those of one still running.
pub(super) const TEMP_PREFIX: &str = ".brief-";
pub(super) const TEMP_SUFFIX: &str = ".tmp";

/// Whether a written file is flushed to disk before it is renamed into place.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Durability {
    /// For files people wrote or cannot rebuild (translations, the lock, scaffolds).
    Flushed,
    /// For build outputs: one lost to a power cut is rebuilt.
    Rebuildable,
}

/// Writes `bytes` to `path` through a temporary file and a rename, refusing any link in
/// the way (see the module's documentation).
pub(crate) fn write_file(path: &Path, bytes: &[u8], durability: Durability) -> io::Result<()> {
    let dir = parent(path);
    make_folders(dir)?;
    let mode = check_file(path)?;
    let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
    let mut temp = tempfile::Builder::new().prefix(&prefix).suffix(TEMP_SUFFIX).tempfile_in(dir)?;
    write_bytes(temp.as_file_mut(), path, bytes)?;
    if durability == Durability::Flushed {
        temp.as_file().sync_all()?;
    }
    set_mode(temp.as_file(), mode)?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The variable that, in a debug build, stops every write of a file whose name ends with
/// its value halfway for a minute: the seam through which a test kills a build in the
/// middle of writing a PDF. Release builds do not read it.
#[cfg(debug_assertions)]
pub(crate) const HOLD_WRITE_VARIABLE: &str = "BRIEF_TEST_HOLD_WRITE";

/// Writes `bytes` into the temporary file for `path` (held halfway when a test asks, see
/// [`HOLD_WRITE_VARIABLE`]).
fn write_bytes(temp: &mut fs::File, path: &Path, bytes: &[u8]) -> io::Result<()> {
    #[cfg(debug_assertions)]
    if let Some(suffix) = std::env::var_os(HOLD_WRITE_VARIABLE)
        && path.as_os_str().to_string_lossy().ends_with(&*suffix.to_string_lossy())
    {
        let (first, rest) = bytes.split_at(bytes.len() / 2);
        temp.write_all(first)?;
        temp.flush()?;
        std::thread::sleep(std::time::Duration::from_secs(60));
        return temp.write_all(rest);
    }
    #[cfg(not(debug_assertions))]
    let _ = path;
    temp.write_all(bytes)
}

/// Checks that `path` could be written: no link among its folders or in its place, and
/// not a read-only file. Nothing is made.
pub(crate) fn check_writable(path: &Path) -> io::Result<()> {
    for folder in folders(parent(path)) {
        match fs::symlink_metadata(&folder) {
            Ok(metadata) => check_folder(&folder, &metadata)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => break,
            Err(e) => return Err(e),
        }
    }
    check_file(path).map(|_| ())
}

/// Makes the folder `dir` and those above it that are missing, one at a time, refusing a
/// link or a file anywhere on the way.
pub(crate) fn make_folders(dir: &Path) -> io::Result<()> {
    for folder in folders(dir) {
        match fs::symlink_metadata(&folder) {
            Ok(metadata) => check_folder(&folder, &metadata)?,
            Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(&folder) {
                Ok(()) => {}
                // Made meanwhile by another thread or build: checked below like any other.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                    check_folder(&folder, &fs::symlink_metadata(&folder)?)?;
                }
                Err(e) => return Err(e),
            },
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Whether `dir` is a real folder, with no link on the way to it (as [`make_folders`]
/// checks); a missing folder is not.
pub(crate) fn is_real_folder(dir: &Path) -> bool {
    folders(dir).iter().all(|f| fs::symlink_metadata(f).is_ok_and(|m| check_folder(f, &m).is_ok()))
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// The folders to check on the way to `dir`, outermost first: every one of a relative
/// path (from the current folder), and of an absolute one all but those directly under
/// the root of the file system, which belong to the system (`/tmp` is a link on macOS).
fn folders(dir: &Path) -> Vec<PathBuf> {
    let mut folders = Vec::new();
    let mut path = PathBuf::new();
    let mut depth = 0;
    for component in dir.components() {
        path.push(component);
        match component {
            Component::Normal(_) => {
                depth += 1;
                if dir.is_relative() || depth > 1 {
                    folders.push(path.clone());
                }
            }
            // `..` leaves the folder checked last: what it leads to was checked (or is
            // the current folder's own parent, which is the user's).
            Component::CurDir | Component::ParentDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    folders
}

fn check_folder(folder: &Path, metadata: &fs::Metadata) -> io::Result<()> {
    if metadata.file_type().is_symlink() {
        return Err(refused(format!(
            "`{}` is a link; `brief` writes only into real folders, never through a link",
            display_path(folder)
        )));
    }
    if !metadata.is_dir() {
        return Err(refused(format!("`{}` is not a folder", display_path(folder))));
    }
    Ok(())
}

/// Checks the file a write replaces; returns the mode to give the new file.
fn check_file(path: &Path) -> io::Result<Option<fs::Permissions>> {
    let metadata = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    if metadata.file_type().is_symlink() {
        return Err(refused(format!(
            "`{}` is a link; `brief` does not write through links (replace it with the file itself)",
            display_path(path)
        )));
    }
    if !metadata.is_file() {
        return Err(refused(format!("`{}` is not a file", display_path(path))));
    }
    if metadata.permissions().readonly() {
        return Err(refused(format!(
            "`{}` is read-only; `brief` leaves it as it is (make it writable to have it replaced)",
            display_path(path)
        )));
    }
    Ok(Some(metadata.permissions()))
}

fn refused(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, message)
}

/// Gives the temporary file the mode of the file it replaces; a new file is readable by
/// everyone (temporary files are private; a published PDF is not).
fn set_mode(file: &fs::File, kept: Option<fs::Permissions>) -> io::Result<()> {
    match kept {
        Some(permissions) => file.set_permissions(permissions),
        None => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                file.set_permissions(fs::Permissions::from_mode(0o644))?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_check_every_folder_and_absolute_ones_all_below_the_root() {
        assert_eq!(folders(Path::new("out/a")), [PathBuf::from("out"), PathBuf::from("out/a")]);
        assert_eq!(folders(Path::new("./out")), [PathBuf::from("./out")]);
        assert_eq!(folders(Path::new("/tmp/x/y")), [PathBuf::from("/tmp/x"), PathBuf::from("/tmp/x/y")]);
        assert!(folders(Path::new(".")).is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn links_in_the_way_are_refused_and_modes_kept() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().expect("temp dir");
        let elsewhere = dir.path().join("elsewhere");
        fs::create_dir(&elsewhere).expect("mkdir");
        symlink(&elsewhere, dir.path().join("out")).expect("link");
        let error = write_file(&dir.path().join("out/a/x.pdf"), b"%PDF", Durability::Rebuildable)
            .expect_err("a linked folder");
        assert!(error.to_string().contains("out` is a link"), "{error}");
        assert!(fs::read_dir(&elsewhere).expect("list").next().is_none(), "nothing written through it");

        let file = dir.path().join("real/fr.toml");
        write_file(&file, b"a", Durability::Flushed).expect("written, its folder made");
        fs::set_permissions(&file, fs::Permissions::from_mode(0o600)).expect("chmod");
        write_file(&file, b"b", Durability::Flushed).expect("rewritten");
        assert_eq!(fs::metadata(&file).expect("there").permissions().mode() & 0o777, 0o600);
        fs::set_permissions(&file, fs::Permissions::from_mode(0o400)).expect("chmod");
        let error = write_file(&file, b"c", Durability::Flushed).expect_err("read-only");
        assert!(error.to_string().contains("is read-only"), "{error}");
        assert_eq!(fs::read(&file).expect("there"), b"b");

        symlink(&file, dir.path().join("real/de.toml")).expect("link");
        let error = check_writable(&dir.path().join("real/de.toml")).expect_err("a linked file");
        assert!(error.to_string().contains("de.toml` is a link"), "{error}");
    }
}
