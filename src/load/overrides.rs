//! Load stage, template overrides: a briefing's own `templates/theme.typ`, `lib.typ`,
//! `fit.typ`, `handout.typ` or `slides.typ`, each replacing the embedded file of that name
//! for this briefing only. Read from inside the briefing's folder only, never through a
//! link that leads out of it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use typst::syntax::{LinkedNode, Source, SyntaxKind};

use super::Folder;
use crate::assets::TEMPLATES;
use crate::diag::{Diagnostic, SourceFile};
use crate::suggest::did_you_mean;

/// The folder, inside a briefing's folder, that holds its template overrides.
pub(crate) const TEMPLATES_DIR: &str = "templates";

/// A template file of a briefing that replaces the embedded one of the same name.
#[derive(Debug, Clone)]
pub(crate) struct Override {
    /// The embedded file it replaces, e.g. `theme.typ`.
    pub name: &'static str,
    /// Where it is on disk, for diagnostics.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// Reads the overrides in the folder's `templates/`, sorted by name. An unknown file
/// there is ignored with a warning; one that cannot be read, or leads outside the
/// briefing's folder, is an error.
pub(super) fn read(folder: &Folder) -> (Vec<Override>, Vec<Diagnostic>) {
    // Listed and read through the folder's boundary: a `templates` link that leads out
    // of the briefing is refused before anything in it is named.
    let names = match folder.names_if_any(Path::new(TEMPLATES_DIR)) {
        Ok(names) => names,
        Err(refused) => return (Vec::new(), vec![refused]),
    };
    let mut overrides = Vec::new();
    let mut diagnostics = Vec::new();
    for file_name in names {
        let relative = Path::new(TEMPLATES_DIR).join(&file_name);
        let Some(name) = crate::assets::template(&file_name).map(|t| t.name) else {
            // A folder holds files the overrides import by path (a package's, copied in).
            if !folder.is_folder(&relative) {
                diagnostics.push(unknown(&folder.show(&relative), &file_name));
            }
            continue;
        };
        match folder.read_text(&relative) {
            Ok(file) => {
                diagnostics.extend(plugin_uses(&file));
                overrides.push(Override { name, path: file.path.clone(), text: file.text.clone() });
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    (overrides, diagnostics)
}

/// Every use of `plugin`, which runs WebAssembly: a briefing's templates may not. (The
/// files a plugin would be read from are refused too, and the templates run in a process
/// with a deadline and a memory ceiling whatever they do.)
fn plugin_uses(file: &Arc<SourceFile>) -> Vec<Diagnostic> {
    let source = Source::detached(file.text.clone());
    let mut uses = Vec::new();
    let mut stack = vec![LinkedNode::new(source.root())];
    while let Some(node) = stack.pop() {
        let ident = matches!(node.kind(), SyntaxKind::Ident | SyntaxKind::MathIdent);
        if ident && node.get().leaf_text().as_str() == "plugin" {
            let message = "a briefing's templates may not use `plugin`: WebAssembly plugins are not run";
            let hint = "write what the plugin does in Typst, or leave it out";
            uses.push(Diagnostic::error(message).at(file, Some(node.range())).hint(hint));
        }
        stack.extend(node.children());
    }
    uses.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    uses
}

fn unknown(path: &Path, name: &str) -> Diagnostic {
    let names = TEMPLATES.iter().map(|t| t.name);
    let mut message = format!("unknown file `{TEMPLATES_DIR}/{name}` is ignored");
    if let Some(best) = did_you_mean(name, names.clone()) {
        message.push_str(&format!(": did you mean `{best}`?"));
    }
    let accepted = names.map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    Diagnostic::warning(message).at(&SourceFile::new(path, ""), None).hint(format!(
        "a briefing's `{TEMPLATES_DIR}/` folder may hold {accepted}, each replacing the embedded file"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn known_files_override_and_unknown_ones_are_warned_about() {
        let dir = tempfile::tempdir().expect("temp dir");
        let templates = dir.path().join(TEMPLATES_DIR);
        fs::create_dir_all(&templates).expect("create");
        fs::write(templates.join("theme.typ"), "#let x = 1").expect("write");
        fs::write(templates.join("thme.typ"), "").expect("write");
        let (overrides, diagnostics) = read(&Folder::new(dir.path()).expect("a folder"));
        assert_eq!(overrides.len(), 1);
        assert_eq!((overrides[0].name, overrides[0].text.as_str()), ("theme.typ", "#let x = 1"));
        assert_eq!(diagnostics.len(), 1);
        assert!(!diagnostics[0].is_error());
        assert!(diagnostics[0].message.contains("`templates/thme.typ`"), "{}", diagnostics[0].message);
        assert!(diagnostics[0].message.contains("did you mean `theme.typ`"), "{}", diagnostics[0].message);
    }

    #[test]
    fn no_folder_no_overrides() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (overrides, diagnostics) = read(&Folder::new(dir.path()).expect("a folder"));
        assert!(overrides.is_empty() && diagnostics.is_empty());
    }
}
