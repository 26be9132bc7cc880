//! Watch, events: which file events can change an output.

use std::ffi::OsStr;
use std::path::Path;

use notify::event::{AccessKind, AccessMode, CreateKind, EventKind, ModifyKind, RemoveKind, RenameMode};

/// Extensions of the files a build reads: briefings and translations, the translation
/// lock, template overrides and images.
const EXTENSIONS: &[&str] = &["toml", "lock", "typ", "png", "jpg", "jpeg", "gif", "webp", "svg"];

/// Whether `event` can change an output: a write, creation, rename or removal of a file a
/// build reads (not an editor's swap or backup file, nothing under `out`), or a folder
/// appearing or going (a new briefing, a `templates/` folder).
pub(super) fn is_relevant(event: &notify::Event, out: Option<&Path>) -> bool {
    let folder =
        matches!(event.kind, EventKind::Create(CreateKind::Folder) | EventKind::Remove(RemoveKind::Folder));
    let changes = match event.kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        _ => false,
    };
    let inside_out = |path: &Path| out.is_some_and(|out| path.starts_with(out));
    changes && event.paths.iter().any(|path| !inside_out(path) && (folder || is_input(path)))
}

/// What an event tells of a save in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// A file was created or written to: its writer has it open, and more may follow.
    Writing,
    /// A save is over: the file was closed after writing, renamed into place or removed.
    Ended,
    /// Anything else (a file renamed away, a folder made).
    Other,
}

/// What `event` tells of a save in progress.
pub(super) fn step(event: &notify::Event) -> Step {
    match event.kind {
        EventKind::Create(CreateKind::File | CreateKind::Any) | EventKind::Modify(ModifyKind::Data(_)) => {
            Step::Writing
        }
        EventKind::Access(AccessKind::Close(AccessMode::Write))
        | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
        | EventKind::Remove(_) => Step::Ended,
        _ => Step::Other,
    }
}

/// Whether a file could be one a build reads, judging by its name.
fn is_input(path: &Path) -> bool {
    let name = path.file_name().and_then(OsStr::to_str).unwrap_or("");
    let hidden = name.starts_with('.') || name.ends_with('~');
    let extension = path.extension().and_then(OsStr::to_str).unwrap_or("").to_ascii_lowercase();
    !hidden && EXTENSIONS.contains(&extension.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::Event;
    use notify::event::DataChange;

    fn event(kind: EventKind, path: &str) -> Event {
        Event::new(kind).add_path(path.into())
    }

    #[test]
    fn saves_of_inputs_count() {
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(is_relevant(&event(write, "/b/upr/fr.toml"), None));
        assert!(is_relevant(&event(EventKind::Create(CreateKind::File), "/b/upr/templates/theme.typ"), None));
        let rename = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert!(is_relevant(&event(rename, "/b/upr/logo.PNG"), None));
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(is_relevant(&event(closed, "/b/upr/translations.lock"), None));
        assert!(is_relevant(&event(EventKind::Create(CreateKind::Folder), "/b/new-brief"), None));
    }

    #[test]
    fn a_close_after_writing_or_a_rename_into_place_ends_a_save() {
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert_eq!(step(&event(closed, "/b/upr/fr.toml")), Step::Ended);
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert_eq!(step(&event(renamed, "/b/upr/fr.toml")), Step::Ended);
        assert_eq!(step(&event(EventKind::Remove(RemoveKind::File), "/b/upr/logo.png")), Step::Ended);
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert_eq!(step(&event(write, "/b/upr/fr.toml")), Step::Writing, "more writes may follow");
        assert_eq!(step(&event(EventKind::Create(CreateKind::File), "/b/upr/fr.toml")), Step::Writing);
        let moved_away = EventKind::Modify(ModifyKind::Name(RenameMode::From));
        assert_eq!(
            step(&event(moved_away, "/b/upr/fr.toml")),
            Step::Other,
            "a backup; the new file comes next"
        );
        assert_eq!(step(&event(EventKind::Create(CreateKind::Folder), "/b/new")), Step::Other);
    }

    #[test]
    fn reads_swap_files_and_outputs_do_not() {
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let open = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert!(!is_relevant(&event(open, "/b/upr/fr.toml"), None), "our own reads");
        assert!(!is_relevant(&event(write, "/b/upr/.fr.toml.swp"), None));
        assert!(!is_relevant(&event(write, "/b/upr/fr.toml~"), None));
        assert!(!is_relevant(&event(write, "/b/upr/4913"), None));
        assert!(!is_relevant(&event(write, "/b/upr/notes.md"), None));
        let out = Path::new("/b/upr/out");
        assert!(!is_relevant(&event(write, "/b/upr/out/upr/upr.fr.handout-1.png"), Some(out)));
        let touch = EventKind::Modify(ModifyKind::Metadata(notify::event::MetadataKind::Any));
        assert!(!is_relevant(&event(touch, "/b/upr/fr.toml"), None));
    }
}
