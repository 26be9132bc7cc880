//! The folder boundary: the one way a build reads a file of a briefing, and the one way
//! anything is written.
//!
//! Every file a build reads from a briefing (its source, its translations, the lock, the
//! logo and every file an SVG logo refers to) is read through [`Folder::read`]. A path
//! must resolve, after following symlinks, to a regular file inside the briefing's
//! folder; otherwise it is refused before it is opened, so that no error message or
//! snippet can ever show a byte from outside.
//!
//! Every file is written through [`write`]: to a temporary file beside its destination,
//! renamed into place, never through a link ([`write_output`] for build outputs,
//! [`write_atomic`] for files people wrote); [`leftovers`] sweeps what a killed build left.

pub(crate) mod leftovers;
pub(crate) mod write;

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile, display_path};

/// The largest file a briefing may hold: far more than any briefing, logo or translation
/// needs, and small enough that a hostile file cannot exhaust memory.
pub(crate) const MAX_FILE_BYTES: u64 = 8 << 20;

/// A briefing's folder, the only place its files are read from.
#[derive(Debug, Clone)]
pub(crate) struct Folder {
    /// The folder, symlinks resolved: what every file must lie in.
    root: PathBuf,
    /// The folder as the user named it, for messages.
    shown: PathBuf,
}

/// Why a file of a briefing was not read.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// It leads outside the briefing's folder (an absolute path, `..`, or a symlink).
    Outside,
    /// There is no such file.
    Missing,
    /// It is a folder, a device or a pipe, not a file.
    NotAFile,
    /// It is larger than [`MAX_FILE_BYTES`].
    TooLarge(u64),
    /// Reading it failed.
    Unreadable(io::Error),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Refusal::Outside => f.write_str("it leads outside the briefing's folder, so it was not read"),
            Refusal::Missing => f.write_str("there is no such file in the briefing's folder"),
            Refusal::NotAFile => f.write_str("it is not a file"),
            Refusal::TooLarge(bytes) => {
                write!(
                    f,
                    "it is {} MB, more than the {} MB a file may have",
                    bytes >> 20,
                    MAX_FILE_BYTES >> 20
                )
            }
            Refusal::Unreadable(e) => write!(f, "it cannot be read: {e}"),
        }
    }
}

impl Folder {
    /// The folder `dir`; fails if it cannot be resolved.
    pub(crate) fn new(dir: &Path) -> io::Result<Self> {
        Ok(Self { root: dir.canonicalize()?, shown: dir.to_path_buf() })
    }

    /// The folder's own name (resolved, so that `.` has one too).
    pub(crate) fn name(&self) -> String {
        self.root.file_name().map_or_else(|| "brief".to_owned(), |n| n.to_string_lossy().into_owned())
    }

    /// A file of the folder as the user would name it, for messages.
    pub(crate) fn show(&self, relative: &Path) -> PathBuf {
        self.shown.join(relative)
    }

    /// The resolved path of `relative`, if it is a regular file inside the folder.
    fn resolve(&self, relative: &Path) -> Result<PathBuf, Refusal> {
        let plain = relative.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        if !plain {
            return Err(Refusal::Outside);
        }
        let path = self.root.join(relative);
        let resolved = match path.canonicalize() {
            Ok(resolved) => resolved,
            // A link that leads nowhere is refused like any link that leads out.
            Err(_) if fs::symlink_metadata(&path).is_ok() => return Err(Refusal::Outside),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Refusal::Missing),
            Err(e) => return Err(Refusal::Unreadable(e)),
        };
        if !resolved.starts_with(&self.root) {
            return Err(Refusal::Outside);
        }
        let metadata = fs::metadata(&resolved).map_err(Refusal::Unreadable)?;
        if !metadata.is_file() {
            return Err(Refusal::NotAFile);
        }
        if metadata.len() > MAX_FILE_BYTES {
            return Err(Refusal::TooLarge(metadata.len()));
        }
        Ok(resolved)
    }

    /// Reads the file at `relative`, a path inside the folder.
    pub(crate) fn read(&self, relative: &Path) -> Result<Vec<u8>, Refusal> {
        let resolved = self.resolve(relative)?;
        let mut bytes = Vec::new();
        let file = fs::File::open(&resolved).map_err(Refusal::Unreadable)?;
        // The size was checked, but the file may have grown since.
        file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(Refusal::Unreadable)?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(Refusal::TooLarge(bytes.len() as u64));
        }
        Ok(bytes)
    }

    /// Reads a text file of the folder (UTF-8, with or without a byte order mark).
    pub(crate) fn read_text(&self, relative: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
        let shown = self.show(relative);
        let bytes = self.read(relative).map_err(|refusal| refusal.diagnostic(&shown))?;
        decode(shown, bytes)
    }

    /// Whether `relative` is a folder (not a link) in the folder.
    pub(crate) fn is_folder(&self, relative: &Path) -> bool {
        fs::symlink_metadata(self.root.join(relative)).is_ok_and(|m| m.is_dir())
    }

    /// Whether `relative` names something in the folder (a file, a folder or a link).
    pub(crate) fn has(&self, relative: &Path) -> bool {
        fs::symlink_metadata(self.root.join(relative)).is_ok()
    }

    /// The names in the sub-folder `dir`, none if there is no such folder; any other
    /// refusal as its diagnostic.
    pub(crate) fn names_if_any(&self, dir: &Path) -> Result<Vec<String>, Diagnostic> {
        match self.names(dir) {
            Ok(names) => Ok(names),
            Err(Refusal::Missing) => Ok(Vec::new()),
            Err(refusal) => Err(refusal.diagnostic(&self.show(dir))),
        }
    }

    /// The names of the entries directly in `relative`, a subfolder (or `.` for the folder
    /// itself), sorted; nothing is followed. A subfolder that leads outside is refused.
    pub(crate) fn names(&self, relative: &Path) -> Result<Vec<String>, Refusal> {
        let plain = relative.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        let resolved = self.root.join(relative).canonicalize().map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => Refusal::Missing,
            _ => Refusal::Unreadable(e),
        })?;
        if !plain || !resolved.starts_with(&self.root) {
            return Err(Refusal::Outside);
        }
        let mut names: Vec<String> = fs::read_dir(&resolved)
            .map_err(Refusal::Unreadable)?
            .filter_map(Result::ok)
            .filter_map(|entry| entry.file_name().into_string().ok())
            .collect();
        names.sort();
        Ok(names)
    }
}

impl Refusal {
    /// The error for the file `shown`, refused.
    pub(crate) fn diagnostic(&self, shown: &Path) -> Diagnostic {
        let diagnostic = Diagnostic::error(format!("cannot read `{}`: {self}", display_path(shown)))
            .at(&SourceFile::new(shown, ""), None);
        match self {
            Refusal::Outside => {
                diagnostic.hint("a briefing reads only files inside its own folder; copy the file in")
            }
            Refusal::TooLarge(_) => diagnostic.hint("make the file smaller"),
            _ => diagnostic,
        }
    }
}

/// The text of a file, or an error at its first byte that is not UTF-8.
fn decode(shown: PathBuf, mut bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    if bom {
        bytes.drain(..3);
    }
    let error = match String::from_utf8(bytes) {
        Ok(text) => return Ok(SourceFile::decoded(shown, text, bom)),
        Err(error) => error,
    };
    let at = error.utf8_error().valid_up_to();
    let bytes = error.into_bytes();
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let bad = bytes[at];
    let file = SourceFile::new(shown, String::from_utf8_lossy(&bytes).into_owned());
    let message = format!(
        "`{}` is not UTF-8 text: byte 0x{bad:02X} cannot start a character",
        display_path(&file.path)
    );
    let hint = if utf16 {
        "the file is saved as UTF-16; save it as UTF-8 (in most editors: Save as… → Encoding: UTF-8)"
    } else {
        "save the file as UTF-8 (in most editors: Save as… → Encoding: UTF-8), then retype the character here"
    };
    // The bad byte shows as U+FFFD, three bytes long, in the text kept for the snippet.
    Err(Diagnostic::error(message).at(&file, Some(at..at + '\u{FFFD}'.len_utf8())).hint(hint))
}

/// Writes `bytes` to `path` through a temporary file and a rename, flushed to disk first:
/// for files people wrote (translations, the lock), which a power cut must not empty.
/// Refuses a link in the way (see [`write`]).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write::write_file(path, bytes, write::Durability::Flushed)
}

/// Writes a build output through a temporary file and a rename: never half-written, but
/// not flushed to disk, which would cost a build a millisecond or more per output; an
/// output lost to a power cut is rebuilt. Refuses a link in the way (see [`write`]).
pub(crate) fn write_output(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write::write_file(path, bytes, write::Durability::Rebuildable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_files_inside_and_refuses_the_rest() {
        let outside = tempfile::tempdir().expect("temp dir");
        fs::write(outside.path().join("secret.txt"), "secret").expect("write");
        let dir = tempfile::tempdir().expect("temp dir");
        fs::write(dir.path().join("brief.toml"), "lang = \"en\"").expect("write");
        fs::create_dir(dir.path().join("sub")).expect("mkdir");
        fs::write(dir.path().join("sub/logo.png"), "png").expect("write");
        let folder = Folder::new(dir.path()).expect("folder");
        assert_eq!(folder.read(Path::new("brief.toml")).expect("read"), b"lang = \"en\"");
        assert_eq!(
            folder.read(Path::new("sub/../sub/logo.png")).map_err(|e| e.to_string()),
            Err("it leads outside the briefing's folder, so it was not read".to_owned()),
            "`..` is refused even when it stays inside"
        );
        assert!(matches!(folder.read(Path::new("sub")), Err(Refusal::NotAFile)));
        assert!(matches!(folder.read(Path::new("nothing.png")), Err(Refusal::Missing)));
        let secret = outside.path().join("secret.txt");
        assert!(matches!(folder.read(&secret), Err(Refusal::Outside)));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&secret, dir.path().join("fr.toml")).expect("link");
            assert!(matches!(folder.read(Path::new("fr.toml")), Err(Refusal::Outside)));
            std::os::unix::fs::symlink("nowhere", dir.path().join("de.toml")).expect("link");
            assert!(matches!(folder.read(Path::new("de.toml")), Err(Refusal::Outside)));
            std::os::unix::fs::symlink("brief.toml", dir.path().join("en.toml")).expect("link");
            assert!(folder.read(Path::new("en.toml")).is_ok(), "a link that stays inside is read");
        }
    }

    #[test]
    fn text_must_be_utf8_and_a_bom_is_dropped() {
        let file = decode("a.toml".into(), b"\xEF\xBB\xBFa = 1".to_vec()).expect("utf-8");
        assert_eq!(file.text, "a = 1");
        let error = decode("a.toml".into(), b"a = 1\nb = \"\xFF\"\n".to_vec()).expect_err("not utf-8");
        assert!(error.message.contains("byte 0xFF"), "{}", error.message);
        assert_eq!(error.location().as_deref(), Some("a.toml:2:6"));
        let utf16 = decode("a.toml".into(), b"\xFF\xFEa\0".to_vec()).expect_err("utf-16");
        assert!(utf16.hints[0].contains("UTF-16"), "{:?}", utf16.hints);
    }
}
