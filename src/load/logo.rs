//! Load stage, the logo: read through the briefing's folder and decoded before any
//! layout, so that a missing, outside, corrupt or unsupported image is reported at
//! `logo.file` (or, for an SVG, at the place in the SVG itself), never inside a template.
//! Every file an SVG logo links to is read through the same boundary.

use std::path::{Component, Path, PathBuf};

use typst::foundations::Bytes;
use typst::visualize::{ImageFormat, RasterFormat, RasterImage, VectorFormat};

use super::{Folder, Refusal};
use crate::diag::{Diagnostic, SourceFile};

/// What is wrong with the logo `name`, if anything: an error to place at `logo.file`
/// (`Err(Located)` when it is better placed inside the SVG).
pub(super) fn check(name: &str, folder: &Folder) -> Result<(), Problem> {
    let path = Path::new(name);
    let bytes = folder.read(path).map_err(|refusal| Problem::AtKey(refused(name, &refusal)))?;
    match ImageFormat::detect(&bytes) {
        Some(ImageFormat::Raster(format)) => {
            decode_raster(bytes, format).map_err(|why| Problem::AtKey(undecodable(name, &why)))
        }
        Some(ImageFormat::Vector(VectorFormat::Svg)) => check_svg(path, bytes, folder),
        // What claims to be an SVG is checked as one, to say where it goes wrong.
        _ if name.ends_with(".svg") || String::from_utf8_lossy(&bytes).contains("<svg") => {
            check_svg(path, bytes, folder)
        }
        _ => {
            let message = format!("`logo.file`: `{name}` is not a PNG, JPEG, GIF, WebP or SVG image");
            Err(Problem::AtKey(Diagnostic::error(message).hint("export the logo as PNG or SVG")))
        }
    }
}

/// A problem with the logo, and where it is best shown.
pub(super) enum Problem {
    /// At the `logo.file` key of `brief.toml`.
    AtKey(Diagnostic),
    /// Already placed (inside the SVG file).
    Located(Diagnostic),
}

fn refused(name: &str, refusal: &Refusal) -> Diagnostic {
    let message = format!("`logo.file`: cannot read `{name}`: {refusal}");
    match refusal {
        Refusal::Missing | Refusal::Outside => Diagnostic::error(message).hint(
            "put the image in the briefing's folder, beside `brief.toml`, and give its name, e.g. `logo.png`",
        ),
        _ => Diagnostic::error(message),
    }
}

fn undecodable(name: &str, why: &str) -> Diagnostic {
    Diagnostic::error(format!("`logo.file`: `{name}` cannot be read as an image: {why}"))
        .hint("open the image in an image editor and export it again as PNG or SVG")
}

fn decode_raster(bytes: Vec<u8>, format: RasterFormat) -> Result<(), String> {
    RasterImage::plain(Bytes::new(bytes), format).map(|_| ()).map_err(|e| e.to_string())
}

/// An SVG must parse, and every image it links to must be a readable raster image in
/// the briefing's folder; problems are shown at their place in the SVG.
fn check_svg(path: &Path, bytes: Vec<u8>, folder: &Folder) -> Result<(), Problem> {
    let name = path.display().to_string();
    let Ok(text) = String::from_utf8(bytes.clone()) else {
        return Err(Problem::AtKey(undecodable(&name, "the SVG is not UTF-8 text")));
    };
    let file = SourceFile::new(folder.show(path), text);
    let document = match roxmltree::Document::parse(&file.text) {
        Ok(document) => document,
        Err(e) => {
            let at = offset(&file.text, e.pos());
            let message = format!("the logo `{name}` is not a valid SVG: {e}");
            let located = Diagnostic::error(message).at(&file, Some(at..at)).hint(from_key());
            return Err(Problem::Located(located));
        }
    };
    for node in document.descendants().filter(roxmltree::Node::is_element) {
        for attribute in node.attributes().filter(|a| a.name() == "href") {
            if let Err(why) = check_link(attribute.value(), path, folder) {
                let message = format!("the logo `{name}` links to `{}`: {why}", attribute.value());
                let located = Diagnostic::error(message).at(&file, Some(attribute.range_value()));
                return Err(Problem::Located(located.hint(from_key())));
            }
        }
    }
    // Parsed as Typst will, but with links resolved to nothing: they were checked above,
    // and usvg's own resolver would read files relative to the working folder.
    let options = usvg::Options {
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    if let Err(e) = usvg::Tree::from_data(file.text.as_bytes(), &options) {
        return Err(Problem::AtKey(undecodable(&name, &e.to_string())));
    }
    Ok(())
}

fn from_key() -> &'static str {
    "this SVG is the `logo.file` of `brief.toml`"
}

/// Checks one `href` of an SVG at `svg` (a path inside the folder).
fn check_link(href: &str, svg: &Path, folder: &Folder) -> Result<(), String> {
    if href.starts_with('#') || href.starts_with("data:") {
        return Ok(());
    }
    if href.contains("://") || href.starts_with('/') {
        return Err("an SVG logo may only link to images in the briefing's folder".to_owned());
    }
    let target = within(&svg.parent().unwrap_or(Path::new("")).join(href))
        .ok_or_else(|| Refusal::Outside.to_string())?;
    let bytes = folder.read(&target).map_err(|refusal| refusal.to_string())?;
    match ImageFormat::detect(&bytes) {
        Some(ImageFormat::Raster(format)) => decode_raster(bytes, format),
        _ => Err("an SVG logo may only link to PNG, JPEG, GIF or WebP images".to_owned()),
    }
}

/// `path` with `.` and `..` resolved without the file system; `None` if it climbs out.
fn within(path: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

/// The byte offset of a 1-based row and column (in characters).
fn offset(text: &str, pos: roxmltree::TextPos) -> usize {
    let line_start: usize =
        text.split_inclusive('\n').take(pos.row.saturating_sub(1) as usize).map(str::len).sum();
    let line = &text[line_start.min(text.len())..];
    line_start + line.chars().take(pos.col.saturating_sub(1) as usize).map(char::len_utf8).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_resolved_within_the_folder() {
        assert_eq!(within(Path::new("img/../logo.png")), Some(PathBuf::from("logo.png")));
        assert_eq!(within(Path::new("./a/b.png")), Some(PathBuf::from("a/b.png")));
        assert_eq!(within(Path::new("../secret.png")), None);
        assert_eq!(within(Path::new("a/../../b.png")), None);
    }

    #[test]
    fn svg_positions_become_offsets() {
        let text = "<svg>\n  <bad\n";
        assert_eq!(offset(text, roxmltree::TextPos::new(2, 3)), 8);
    }
}
