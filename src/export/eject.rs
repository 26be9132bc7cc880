//! Export stage, plain Typst: writes an output as a standalone Typst project, for template
//! authors and for side-by-side runs with the stock `typst` command line:
//!
//! ```sh
//! typst compile --ignore-system-fonts --font-path fonts --font-path DIR/fonts --root DIR DIR/main.typ
//! ```
//!
//! `DIR` holds `main.typ` (the format's template), the shared templates, `data.json` (the
//! resolved briefing), `fit.json` (the sizes and cuts chosen for slide bodies), the
//! briefing's images under `brief/` and its own fonts under `fonts/`. A briefing's own
//! template files (`templates/*.typ`) are written in place of the embedded ones they
//! override.

use std::path::Path;

use typst::foundations::Bytes;

use crate::assets::{Role, TEMPLATES};
use crate::diag::Diagnostic;
use crate::folder::Folder;
use crate::load::{Override, OwnFonts};
use crate::render::Format;

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
    /// The briefing's own fonts.
    pub fonts: &'a OwnFonts,
}

/// Writes the project of one output into `dir`.
pub(crate) fn write(dir: &Path, project: &Project) -> Result<(), Diagnostic> {
    let fail = |what: &Path, e: std::io::Error| Diagnostic::io("write", what, &e);
    // Every file is written as a build output is: never through a link planted in `dir`.
    let write =
        |path: &Path, bytes: &[u8]| crate::folder::write_output(path, bytes).map_err(|e| fail(path, e));
    crate::folder::write::make_folders(dir).map_err(|e| fail(dir, e))?;
    for template in TEMPLATES {
        // The format's own entry file is the project's `main.typ`; the other format's is
        // left out.
        let target = match template.role {
            Role::Entry if template.name == project.format.template() => "main.typ",
            Role::Entry => continue,
            Role::Shared => template.name,
        };
        let own = project.overrides.iter().find(|o| o.name == template.name);
        let text = own.map_or(template.source, |o| o.text.as_str());
        write(&dir.join(target), text.as_bytes())?;
    }
    let (data, sizes, folder) = (project.data, project.sizes, project.folder);
    for (name, bytes) in [("data.json", data), ("fit.json", sizes)] {
        write(&dir.join(name), bytes.as_slice())?;
    }
    if let Some(logo) = project.logo {
        let target = dir.join("brief").join(logo);
        let bytes = folder
            .read(Path::new(logo))
            .map_err(|refusal| refusal.diagnostic(&folder.show(Path::new(logo))))?;
        write(&target, &bytes)?;
    }
    for font in &project.fonts.0 {
        crate::folder::write::make_folders(&dir.join("fonts")).map_err(|e| fail(dir, e))?;
        write(&dir.join("fonts").join(&font.name), font.data.as_slice())?;
    }
    Ok(())
}
