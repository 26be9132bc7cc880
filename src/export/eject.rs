//! Export stage, plain Typst: writes an output as a standalone Typst project, for template
//! authors and for side-by-side runs with the stock `typst` command line:
//!
//! ```sh
//! typst compile --ignore-system-fonts --font-path fonts --root DIR DIR/main.typ
//! ```
//!
//! `DIR` holds `main.typ` (the format's template), the shared templates, `data.json` (the
//! resolved briefing), `fit.json` (the sizes and cuts chosen for slide bodies) and the
//! briefing's images under `brief/`.

use std::fs;
use std::path::Path;

use typst::foundations::Bytes;

use crate::diag::Diagnostic;
use crate::load::Folder;
use crate::render::{Format, TEMPLATES};

/// Writes the project of one output into `dir`.
pub(crate) fn write(
    dir: &Path,
    format: Format,
    data: &Bytes,
    sizes: &Bytes,
    folder: &Folder,
    logo: Option<&str>,
) -> Result<(), Diagnostic> {
    let fail = |what: &Path, e: std::io::Error| Diagnostic::io("write", what, &e);
    fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
    for (name, text) in TEMPLATES {
        let target = if *name == format.template() { "main.typ" } else { name };
        if matches!(*name, "handout.typ" | "slides.typ") && target != "main.typ" {
            continue;
        }
        fs::write(dir.join(target), text).map_err(|e| fail(&dir.join(target), e))?;
    }
    for (name, bytes) in [("data.json", data), ("fit.json", sizes)] {
        fs::write(dir.join(name), bytes.as_slice()).map_err(|e| fail(&dir.join(name), e))?;
    }
    if let Some(logo) = logo {
        let target = dir.join("brief").join(logo);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| fail(parent, e))?;
        }
        let bytes = folder
            .read(Path::new(logo))
            .map_err(|refusal| refusal.diagnostic(&folder.show(Path::new(logo))))?;
        fs::write(&target, bytes).map_err(|e| fail(&target, e))?;
    }
    Ok(())
}
