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

/// Whether `event` ends a save: the file closed after writing, renamed into place or
/// removed. What an editor does next, if anything, follows within a millisecond; a write
/// alone may be the first of several.
pub(super) fn ends_a_save(event: &notify::Event) -> bool {
    matches!(
        event.kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
            | EventKind::Remove(_)
    )
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
        assert!(ends_a_save(&event(closed, "/b/upr/fr.toml")));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert!(ends_a_save(&event(renamed, "/b/upr/fr.toml")));
        assert!(ends_a_save(&event(EventKind::Remove(RemoveKind::File), "/b/upr/logo.png")));
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(!ends_a_save(&event(write, "/b/upr/fr.toml")), "more writes may follow");
        assert!(!ends_a_save(&event(EventKind::Create(CreateKind::File), "/b/upr/fr.toml")));
        let moved_away = EventKind::Modify(ModifyKind::Name(RenameMode::From));
        assert!(!ends_a_save(&event(moved_away, "/b/upr/fr.toml")), "a backup; the new file comes next");
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
