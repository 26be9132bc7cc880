//! Load stage, a briefing's own fonts: the `.ttf`, `.otf` and `.ttc` files of a `fonts/`
//! folder beside `brief.toml`, for scripts the embedded fonts do not cover (or to replace
//! one). Read through the folder's boundary like every other file (the same size limit,
//! never through a link that leads out of it); a file that is not a font is an error at
//! that file. Other files there (a licence, a README) are left alone.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use icu_properties::props::Script;
use icu_properties::{CodePointMapData, PropertyNamesShort};
use typst::foundations::Bytes;
use typst::text::FontInfo;

use super::Folder;
use crate::diag::{Diagnostic, SourceFile, display_path};

/// The folder, inside a briefing's folder, that holds its own fonts.
pub(crate) const FONTS_DIR: &str = "fonts";

/// The file name extensions read as fonts.
const EXTENSIONS: &[&str] = &["ttf", "otf", "ttc"];

/// One font file of a briefing.
#[derive(Debug, Clone)]
pub(crate) struct OwnFont {
    /// Its file name in `fonts/`.
    pub name: String,
    /// Its bytes.
    pub data: Bytes,
    /// Each face of the file (one, or several in a `.ttc`), with its main script.
    pub faces: Vec<(FontInfo, Option<String>)>,
}

/// A briefing's own fonts, in the order of their file names.
#[derive(Debug, Clone, Default)]
pub(crate) struct OwnFonts(pub Vec<OwnFont>);

impl OwnFonts {
    /// Whether one of the briefing's fonts has a glyph for `c`.
    pub(crate) fn covers(&self, c: char) -> bool {
        self.faces().any(|(info, _)| info.coverage.contains(c as u32))
    }

    /// Every face, in order.
    pub(crate) fn faces(&self) -> impl Iterator<Item = &(FontInfo, Option<String>)> {
        self.0.iter().flat_map(|font| &font.faces)
    }

    /// The families to try before the embedded fonts in a document of `script` (an ISO
    /// 15924 code, `Geor`, `Hant`): those whose main script it is. And the others, to try
    /// after the embedded fonts, for what those do not cover.
    pub(crate) fn families(&self, script: &str) -> (Vec<String>, Vec<String>) {
        let (mut before, mut after): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
        for (info, main) in self.faces() {
            let list = if main.as_deref().is_some_and(|main| writes(script, main)) {
                &mut before
            } else {
                &mut after
            };
            if !list.contains(&info.family) {
                list.push(info.family.clone());
            }
        }
        after.retain(|family| !before.contains(family));
        (before, after)
    }
}

/// Whether a document in the ISO 15924 script `written` (which may be a combination, such
/// as `Jpan`) is written with letters of the Unicode script `letters`.
fn writes(written: &str, letters: &str) -> bool {
    match written {
        "Hans" | "Hant" | "Hani" => letters == "Hani",
        "Jpan" => matches!(letters, "Hani" | "Hira" | "Kana"),
        "Kore" => matches!(letters, "Hang" | "Hani"),
        _ => written == letters,
    }
}

/// Reads the fonts in the folder's `fonts/`, sorted by file name.
pub(super) fn read(folder: &Folder) -> (OwnFonts, Vec<Diagnostic>) {
    let names = match folder.names_if_any(Path::new(FONTS_DIR)) {
        Ok(names) => names,
        Err(refused) => return (OwnFonts::default(), vec![refused]),
    };
    let mut fonts = Vec::new();
    let mut diagnostics = Vec::new();
    for name in names.iter().filter(|name| is_font_name(name)) {
        let relative = Path::new(FONTS_DIR).join(name);
        let shown = folder.show(&relative);
        match folder.read(&relative) {
            Ok(bytes) => match parse(name, shown, bytes) {
                Ok(font) => fonts.push(font),
                Err(diagnostic) => diagnostics.push(diagnostic),
            },
            Err(refusal) => diagnostics.push(refusal.diagnostic(&shown)),
        }
    }
    (OwnFonts(fonts), diagnostics)
}

fn is_font_name(name: &str) -> bool {
    let extension = Path::new(name).extension().and_then(|e| e.to_str()).unwrap_or_default();
    EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(extension))
}

/// The faces of a font file, or an error at the file if it holds none Typst can read.
fn parse(name: &str, path: PathBuf, bytes: Vec<u8>) -> Result<OwnFont, Diagnostic> {
    let faces: Vec<(FontInfo, Option<String>)> = FontInfo::iter(&bytes)
        .map(|info| {
            let main = main_script(&info);
            (info, main)
        })
        .collect();
    if faces.is_empty() {
        let message = format!("`{}` is not a font that can be read", display_path(&path));
        let hint = "a font file is an OpenType or TrueType font (`.otf`, `.ttf`) or a collection \
                    of them (`.ttc`); replace it, or remove it from `fonts/`";
        return Err(Diagnostic::error(message).at(&SourceFile::new(&path, ""), None).hint(hint));
    }
    Ok(OwnFont { name: name.to_owned(), data: Bytes::new(bytes), faces })
}

/// The Unicode script most of the face's letters belong to (short name: `Geor`, `Hani`).
fn main_script(info: &FontInfo) -> Option<String> {
    let scripts = CodePointMapData::<Script>::new();
    let names = PropertyNamesShort::<Script>::new();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for c in info.coverage.iter().filter_map(char::from_u32).filter(|c| c.is_alphabetic()) {
        let script = scripts.get(c);
        if !matches!(script, Script::Common | Script::Inherited | Script::Unknown) {
            *counts.entry(names.get(script).unwrap_or("Zzzz")).or_default() += 1;
        }
    }
    let (script, _) = counts.into_iter().max_by_key(|&(script, count)| (count, script))?;
    Some(script.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_take_the_fonts_of_their_script_first() {
        assert!(writes("Geor", "Geor") && writes("Hant", "Hani") && writes("Jpan", "Kana"));
        assert!(!writes("Latn", "Geor") && !writes("Hans", "Latn"));
        assert!(is_font_name("NotoSansGeorgian.TTF") && is_font_name("a.ttc") && !is_font_name("OFL.txt"));
    }
}
