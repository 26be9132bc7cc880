//! Render stage, fonts: the fonts in `fonts/`, compiled into the binary and parsed lazily.
//!
//! Only a font's metadata is read up front; its outlines are parsed the first time a
//! document uses it. No system font is ever consulted, so output does not depend on the
//! machine.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst_kit::fonts::{FontSource, FontStore};

use crate::assets::FONTS;
use crate::load::OwnFonts;

/// One face of an embedded font file, loaded when first used.
struct EmbeddedFace {
    data: &'static [u8],
    index: u32,
    loaded: AtomicBool,
}

impl FontSource for EmbeddedFace {
    fn load(&self) -> Option<Font> {
        self.loaded.store(true, Ordering::Relaxed);
        Font::new(Bytes::new(self.data), self.index)
    }
}

/// The families of the faces parsed so far (a face is parsed when a document uses it).
#[cfg(test)]
pub(crate) fn loaded_families(store: &FontStore) -> Vec<String> {
    let loaded = (0..).map_while(|i| Some((store.source(i)?, store.book().info(i)?)));
    loaded
        .filter(|(source, _)| {
            let any: &dyn std::any::Any = *source;
            any.downcast_ref::<EmbeddedFace>().is_some_and(|face| face.loaded.load(Ordering::Relaxed))
        })
        .map(|(_, info)| info.family.clone())
        .collect()
}

/// The characters some font in a book has a glyph for, as sorted, disjoint ranges: one
/// binary search per character, where Typst's per-font coverage is scanned run by run.
pub(crate) struct Coverage(Vec<(u32, u32)>);

impl Coverage {
    /// The union of every face's coverage.
    pub(crate) fn of(book: &FontBook) -> Self {
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        for info in (0..).map_while(|i| book.info(i)) {
            for c in info.coverage.iter() {
                match ranges.last_mut() {
                    Some((_, end)) if *end == c => *end = c + 1,
                    _ => ranges.push((c, c + 1)),
                }
            }
        }
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (start, end) in ranges {
            match merged.last_mut() {
                Some((_, last)) if start <= *last => *last = (*last).max(end),
                _ => merged.push((start, end)),
            }
        }
        Self(merged)
    }

    /// Whether some face has a glyph for `c`.
    pub(crate) fn contains(&self, c: char) -> bool {
        let c = c as u32;
        let after = self.0.partition_point(|&(start, _)| start <= c);
        after > 0 && c < self.0[after - 1].1
    }
}

/// The fonts one briefing adds to the embedded ones: a book of its faces followed by the
/// embedded faces (so that a family of its own wins over an embedded one of the same
/// name), its faces parsed when first used and the embedded ones taken from the shared
/// store, parsed once for every output.
pub(crate) struct BriefFonts {
    book: LazyHash<FontBook>,
    own: Vec<(Bytes, u32, OnceLock<Option<Font>>)>,
}

impl BriefFonts {
    /// The briefing's fonts, then those of `embedded`.
    pub(crate) fn new(own: &OwnFonts, embedded: &FontStore) -> Self {
        let mut book = FontBook::new();
        let mut faces = Vec::new();
        for font in &own.0 {
            for (index, (info, _)) in font.faces.iter().enumerate() {
                book.push(info.clone());
                faces.push((font.data.clone(), index as u32, OnceLock::new()));
            }
        }
        for info in (0..).map_while(|i| embedded.book().info(i)) {
            book.push(info.clone());
        }
        Self { book: LazyHash::new(book), own: faces }
    }

    /// The book of every face, the briefing's first.
    pub(crate) fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    /// The face at `index` of [`Self::book`].
    pub(crate) fn font(&self, index: usize, embedded: &FontStore) -> Option<Font> {
        match self.own.get(index) {
            Some((data, face, font)) => font.get_or_init(|| Font::new(data.clone(), *face)).clone(),
            None => embedded.font(index - self.own.len()),
        }
    }
}

/// A font store holding every embedded face.
pub(crate) fn embedded() -> FontStore {
    let mut store = FontStore::new();
    for data in FONTS {
        for (index, info) in FontInfo::iter(data).enumerate() {
            store.push((EmbeddedFace { data, index: index as u32, loaded: AtomicBool::new(false) }, info));
        }
    }
    store
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_face_is_readable() {
        let store = embedded();
        let families: Vec<&str> = store.book().families().map(|(name, _)| name).collect();
        for family in ["Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC"] {
            assert!(families.contains(&family), "{family} in {families:?}");
        }
        for index in 0..FONTS.len() {
            assert!(store.font(index).is_some());
        }
    }

    #[test]
    fn coverage_is_the_union_of_the_faces() {
        let store = embedded();
        let coverage = Coverage::of(store.book());
        let any_face =
            |c: char| (0..).map_while(|i| store.book().info(i)).any(|f| f.coverage.contains(c as u32));
        for c in ['A', 'é', 'Ж', 'ب', '中', '。', '€', '\u{1F600}', '\u{10FFFF}', '\0'] {
            assert_eq!(coverage.contains(c), any_face(c), "{c:?}");
        }
        assert!(coverage.contains('中') && !coverage.contains('\u{1F600}'));
    }
}
