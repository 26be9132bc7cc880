//! Export stage, speaker notes: the `.pdfpc` file beside a slide deck, which the pdfpc
//! presenter console (and other presenter tools) shows next to each slide.
//!
//! pdfpc's JSON format, version 2: `{"pdfpcFormat": 2, "pages": [{"idx": 0, "label":
//! "1", "overlay": 0, "note": "…"}, …]}`, one entry per page, `idx` counted from 0.
//! Notes are plain text (`disableMarkdown`): the briefing's inline markup is removed
//! before, and nothing in a note is read as Markdown. `duration` (whole minutes, rounded
//! up) sets pdfpc's countdown to the briefing's slot.

use indexmap::IndexMap;
use serde::Serialize;

use crate::model::{Slot, TextKey};

/// The file.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Pdfpc<'a> {
    pdfpc_format: u32,
    disable_markdown: bool,
    /// The talk's length, in minutes.
    duration: u32,
    /// The countdown turns to a warning colour this many minutes before the end.
    last_minutes: u32,
    pages: Vec<Page<'a>>,
}

/// One page of the deck.
#[derive(Serialize)]
struct Page<'a> {
    /// The page, from 0.
    idx: usize,
    /// Its label: every page is a slide of its own (no overlays), so its number.
    label: String,
    overlay: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
}

/// The `.pdfpc` file of a deck whose pages show the slides `pages` (by notes key), with
/// `notes` by key. A page that continues a slide repeats its note.
pub(crate) fn pdfpc(pages: &[Option<TextKey>], notes: &IndexMap<TextKey, String>, slot: Slot) -> Vec<u8> {
    let pages = pages
        .iter()
        .enumerate()
        .map(|(idx, key)| Page {
            idx,
            label: (idx + 1).to_string(),
            overlay: 0,
            note: key.as_ref().and_then(|key| notes.get(key)).map(String::as_str),
        })
        .collect();
    let file = Pdfpc {
        pdfpc_format: 2,
        disable_markdown: true,
        duration: slot.seconds.div_ceil(60),
        last_minutes: 1,
        pages,
    };
    let mut bytes = serde_json::to_vec_pretty(&file).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_has_an_entry_and_its_slide_s_note() {
        let key = TextKey::of(&["opening", "notes"]);
        let notes = IndexMap::from([(key.clone(), "Say \"this\".".to_owned())]);
        let pages = [None, Some(key.clone()), Some(key), Some(TextKey::of(&["contact", "notes"]))];
        let json: serde_json::Value =
            serde_json::from_slice(&pdfpc(&pages, &notes, Slot { seconds: 330 })).expect("JSON");
        assert_eq!(json["pdfpcFormat"], 2);
        assert_eq!(json["duration"], 6);
        let pages = json["pages"].as_array().expect("pages");
        assert_eq!(pages.len(), 4);
        assert_eq!(pages[0], serde_json::json!({ "idx": 0, "label": "1", "overlay": 0 }));
        assert_eq!(pages[1]["note"], "Say \"this\".");
        assert_eq!(pages[2]["note"], "Say \"this\".", "a continued slide repeats its note");
        assert!(pages[3].get("note").is_none());
    }
}
