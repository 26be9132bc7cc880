//! Export stage, plain Typst: writes an output as a standalone Typst project, for template
//! authors and for side-by-side runs with the stock `typst` command line:
//!
//! ```sh
//! typst compile --ignore-system-fonts --font-path fonts --root DIR DIR/main.typ
//! ```
//!
//! `DIR` holds `main.typ` (the format's template), the shared templates, `data.json` (the
//! resolved briefing), `fit.json` (the sizes and cuts chosen for slide bodies) and the
//! briefing's images under `brief/`. A briefing's own template files (`templates/*.typ`)
//! are written in place of the embedded ones they override.

use std::fs;
use std::path::Path;

use typst::foundations::Bytes;

use crate::diag::Diagnostic;
use crate::load::{Folder, Override};
use crate::render::{Format, TEMPLATES};

/// What goes into the project of one output.
pub(crate) struct Project<'a> {
    /// Which template is `main.typ`.
    pub format: Format,
    /// The resolved briefing, as JSON.
    pub data: &'a Bytes,
    /// The slide body sizes, as JSON.
    pub sizes: &'a Bytes,
    /// The briefing's folder, the only place its images are read from.
    pub folder: &'a Folder,
    /// The logo's file name in the briefing's folder, if any.
    pub logo: Option<&'a str>,
    /// The briefing's own template files.
    pub overrides: &'a [Override],
}

/// Writes the project of one output into `dir`.
pub(crate) fn write(dir: &Path, project: &Project) -> Result<(), Diagnostic> {
    let fail = |what: &Path, e: std::io::Error| Diagnostic::io("write", what, &e);
    fs::create_dir_all(dir).map_err(|e| fail(dir, e))?;
    for (name, embedded) in TEMPLATES {
        let target = if *name == project.format.template() { "main.typ" } else { name };
        if matches!(*name, "handout.typ" | "slides.typ") && target != "main.typ" {
            continue;
        }
        let own = project.overrides.iter().find(|o| o.name == *name);
        let text = own.map_or(*embedded, |o| o.text.as_str());
        fs::write(dir.join(target), text).map_err(|e| fail(&dir.join(target), e))?;
    }
    let (data, sizes, folder) = (project.data, project.sizes, project.folder);
    for (name, bytes) in [("data.json", data), ("fit.json", sizes)] {
        fs::write(dir.join(name), bytes.as_slice()).map_err(|e| fail(&dir.join(name), e))?;
    }
    if let Some(logo) = project.logo {
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
