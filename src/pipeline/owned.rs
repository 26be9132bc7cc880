//! Pipeline, owned outputs: a build knows the files it made under the output folder (the
//! cache records each with its briefing, language and format). Those of a briefing,
//! language or format that is gone are removed (`--keep-stale`: only reported), and the
//! files this build made or found current are listed in `<out>/.brief-manifest.json`,
//! which is what CI publishes: never a stale copy, never another shard's.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::cache::{self, Cache, Origin};
use super::{BuildReport, Options, OutputStatus, notes_path};
use crate::diag::{Diagnostic, display_path};
use crate::export::png;
use crate::load::{LoadedBrief, SOURCE_FILE};

/// What a build found of the briefings it was given.
pub(super) struct Found<'a> {
    /// The briefings loaded.
    pub loaded: &'a [LoadedBrief],
    /// Every briefing folder found, loaded or not (one whose source is broken still has
    /// its languages: its outputs are not stale).
    pub dirs: &'a [PathBuf],
}

/// Removes (or, with `keep_stale`, reports) each recorded output that is no longer made.
pub(super) fn sweep_stale(
    cache: &mut Cache,
    found: &Found,
    options: &Options,
    out: &Path,
) -> Vec<Diagnostic> {
    let selected: HashSet<PathBuf> =
        found.loaded.iter().flat_map(|loaded| super::plan::selected_paths(loaded, options, out)).collect();
    let gone = |path: &Path, origin: &Origin| !selected.contains(path) && is_gone(origin, found, options);
    let mut diagnostics = Vec::new();
    for (path, cached) in cache.stale(gone) {
        let shown = display_path(&path);
        if options.keep_stale {
            let message = format!(
                "`{shown}` is no longer made (its briefing, language or format is gone); kept, as \
                 `--keep-stale` asks"
            );
            diagnostics.push(Diagnostic::warning(message).hint("build without `--keep-stale` to remove it"));
            continue;
        }
        match remove(&path, cached.images.map_or(0, |i| i.pages)) {
            Ok(()) => {
                cache.forget(&path);
                let message = format!("removed `{shown}`: its briefing, language or format is gone");
                diagnostics.push(Diagnostic::warning(message));
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    diagnostics
}

/// Whether the origin of a recorded output is gone, as far as this build can tell: its
/// briefing was loaded and does not have its language or format any more, or its folder
/// lies under a folder this build searched and holds no briefing now. Outputs of what
/// the selection leaves out (`--lang`, `--format`, other folders) are not this build's.
fn is_gone(origin: &Origin, found: &Found, options: &Options) -> bool {
    let picked = |langs: &[String], lang: &str| langs.is_empty() || langs.iter().any(|l| l == lang);
    let in_selection = picked(&options.langs, &origin.lang)
        && (options.formats.is_empty() || options.formats.contains(&origin.format));
    if !in_selection {
        return false;
    }
    if found.loaded.iter().any(|loaded| loaded.dir == origin.dir) {
        // Loaded, and the output is not among its selected ones.
        return true;
    }
    let searched = options.paths.iter().any(|path| origin.dir.starts_with(path));
    let found_there = found.dirs.contains(&origin.dir);
    searched && !found_there && !origin.dir.join(SOURCE_FILE).exists()
}

/// Removes an output's PDF, speaker notes and page images, never through a link.
fn remove(pdf: &Path, pages: usize) -> Result<(), Diagnostic> {
    let folder = pdf.parent().unwrap_or(Path::new("."));
    if !crate::folder::write::is_real_folder(folder) {
        let message =
            format!("cannot remove `{}`: `{}` is not a real folder", display_path(pdf), display_path(folder));
        return Err(Diagnostic::error(message).hint("`brief` removes nothing through a link"));
    }
    let images = (1..=pages).map(|n| png::path(pdf, n));
    for file in [pdf.to_path_buf(), notes_path(pdf)].into_iter().chain(images) {
        let plain = std::fs::symlink_metadata(&file).is_ok_and(|m| m.is_file());
        if plain {
            std::fs::remove_file(&file).map_err(|e| Diagnostic::io("remove", &file, &e))?;
        }
    }
    // The briefing's folder goes with its last output.
    let _ = std::fs::remove_dir(folder);
    Ok(())
}

/// The manifest: the files (relative to `out`, with `/`) of every output this build made
/// or found current, in this shard; failed outputs are not listed.
#[derive(serde::Serialize)]
struct Manifest {
    shard: Option<String>,
    files: Vec<String>,
}

/// Writes `<out>/.brief-manifest.json` for this build.
pub(super) fn write_manifest(report: &BuildReport, options: &Options, out: &Path) -> Result<(), Diagnostic> {
    let current = report.outputs.iter().filter(|o| o.status != OutputStatus::Failed);
    let mut files = Vec::new();
    for output in current {
        // Page images as they are on disk: a build removes those of pages gone.
        let pdf = &output.path;
        let images = (1..).map(|n| png::path(pdf, n)).take_while(|p| options.png.is_some() && p.is_file());
        let notes = Some(notes_path(&output.path)).filter(|p| p.is_file());
        for file in std::iter::once(output.path.clone()).chain(notes).chain(images) {
            let relative = file.strip_prefix(out).unwrap_or(&file);
            let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            files.push(parts.join("/"));
        }
    }
    let shard = options.shard.map(|s| format!("{}/{}", s.index + 1, s.count));
    let mut json = serde_json::to_vec_pretty(&Manifest { shard, files }).expect("the manifest serializes");
    json.push(b'\n');
    let path = cache::manifest_path(out);
    crate::folder::write_output(&path, &json).map_err(|e| Diagnostic::io("write", &path, &e))
}
