//! Render stage, glyphs: finds characters a laid-out document could only draw as a box
//! (the font's `.notdef` glyph), so that no PDF is ever written with one, under any PDF
//! standard. The texts a user wrote are checked before layout (`resolve`); this catches
//! what the tool itself writes in the language (a date, a State's name, a list's "and")
//! and what a briefing's own template sets.

use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

/// Characters drawn as a box on one page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Boxed {
    /// The 1-based page.
    pub page: usize,
    /// The characters, each once, in order.
    pub chars: Vec<char>,
    /// The text the first of them is in, to recognise it by.
    pub text: String,
}

/// Every page of `document` with a character drawn as a box.
pub(crate) fn find(document: &PagedDocument) -> Vec<Boxed> {
    let mut found = Vec::new();
    for (index, page) in document.pages().iter().enumerate() {
        let mut boxed = Boxed { page: index + 1, chars: Vec::new(), text: String::new() };
        collect(&page.frame, &mut boxed);
        if !boxed.chars.is_empty() {
            found.push(boxed);
        }
    }
    found
}

fn collect(frame: &Frame, boxed: &mut Boxed) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect(&group.frame, boxed),
            FrameItem::Text(text) => {
                for glyph in text.glyphs.iter().filter(|glyph| glyph.id == 0) {
                    let chars = text.text.get(glyph.range()).unwrap_or_default().chars();
                    for c in chars.filter(|c| !c.is_whitespace()) {
                        if boxed.text.is_empty() {
                            boxed.text = text.text.to_string();
                        }
                        if !boxed.chars.contains(&c) {
                            boxed.chars.push(c);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}
