//! Render stage, slides: which slide each page of a laid-out deck shows.
//!
//! `slides.typ` starts every slide with a `<slide>` marker holding the key of the slide's
//! speaker notes (`issues.x.notes`). A page without a marker continues the slide before
//! it (a crowded body carried on to a next page), so it takes that slide's key: the deck's
//! pages, not a count of slides made in Rust, decide where each note goes.

use typst::foundations::{Label, Selector, Value};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::model::TextKey;

/// The notes key of the slide each page shows, page by page; `None` before the first
/// marker.
pub(crate) fn page_keys(document: &PagedDocument) -> Vec<Option<TextKey>> {
    let starts = marked_keys(document, "slide");
    let mut current = None;
    let mut next = starts.into_iter().peekable();
    (1..=document.pages().len())
        .map(|page| {
            while let Some((_, key)) = next.next_if(|(start, _)| *start <= page) {
                current = Some(key);
            }
            current.clone()
        })
        .collect()
}

/// The keys that metadata marked `name` holds, each with the page it is on, in the
/// document's order: `<slide>` in a deck, `<leave-part>` in a leave-behind.
pub(crate) fn marked_keys(document: &PagedDocument, name: &str) -> Vec<(usize, TextKey)> {
    let introspector = document.introspector();
    let mut found = Vec::new();
    if let Some(label) = Label::new(PicoStr::intern(name)) {
        for marker in introspector.query(&Selector::Label(label)).iter() {
            let Ok(Value::Str(key)) = marker.get_by_name("value") else { continue };
            let Some(page) = marker.location().and_then(|l| introspector.position(l)).map(|p| p.page.get())
            else {
                continue;
            };
            found.push((page, TextKey::parse(key.as_str())));
        }
    }
    found
}
