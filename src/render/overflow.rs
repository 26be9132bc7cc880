//! Render stage, overflow: finds what a layout lost off the page, so that nothing is
//! ever cut off silently.
//!
//! Two checks on a laid-out document: text placed (wholly or partly) outside its page,
//! as an unbreakable block taller than a page is; and a full-bleed slide (the cover, an
//! issue's divider, the closing slide) that ran over onto another slide. `band` in
//! `slides.typ` marks where each starts (`<band>`, with the key of what it shows) and ends
//! (`<band-end>`), and what to blame when one does not fit (`<band-blame>`).

use std::collections::BTreeMap;

use typst::foundations::{Content, Label, Selector, Value};
use typst::introspection::Introspector;
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use crate::model::TextKey;

/// Text a layout lost.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Overflow {
    /// The 1-based page it is on (or starts on).
    pub page: usize,
    /// The key of what it shows, when the template says.
    pub key: Option<TextKey>,
    /// The beginning of the text, to recognise it by.
    pub text: String,
}

/// How far past the page's edge a glyph may reach before it counts as lost: italic
/// overhangs and rounding.
const TOLERANCE_PT: f64 = 1.0;

/// Everything `document` lost: text off its page, and full-bleed slides run over.
pub(crate) fn find(document: &PagedDocument) -> Vec<Overflow> {
    let mut found = Vec::new();
    for (index, page) in document.pages().iter().enumerate() {
        let mut off = Vec::new();
        off_page(&page.frame, Transform::identity(), page.frame.size(), &mut off);
        if let Some(text) = off.into_iter().next() {
            found.push(Overflow { page: index + 1, key: None, text });
        }
    }
    found.extend(bands_run_over(document));
    found
}

/// Collects the text of `frame` (placed by `ts`) that lies outside `page`. Clipped
/// groups are skipped: what they hide is hidden on purpose (the handout's footer line).
fn off_page(frame: &Frame, ts: Transform, page: typst::layout::Size, out: &mut Vec<String>) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) if group.clip.is_none() => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                off_page(&group.frame, inner, page, out);
            }
            FrameItem::Text(text) => {
                let start = pos.transform(ts);
                let end = Point::new(pos.x + text.width(), pos.y).transform(ts);
                let (left, right) = (start.x.min(end.x), start.x.max(end.x));
                let tolerance = Abs::pt(TOLERANCE_PT);
                let outside = left < -tolerance
                    || right > page.x + tolerance
                    || start.y > page.y + tolerance
                    || start.y < -tolerance;
                if outside {
                    out.push(text.text.chars().take(60).collect());
                }
            }
            _ => {}
        }
    }
}

/// The full-bleed slides that do not end on the page they start on.
fn bands_run_over(document: &PagedDocument) -> Vec<Overflow> {
    let introspector = document.introspector();
    let marked = |name: &str| match Label::new(PicoStr::intern(name)) {
        Some(label) => introspector.query(&Selector::Label(label)),
        None => Default::default(),
    };
    let page_of = |content: &Content| {
        let location = content.location()?;
        Some(introspector.position(location)?.page.get())
    };
    let value = |content: &Content| match content.get_by_name("value").ok()? {
        Value::Str(key) => Some(key.to_string()),
        _ => None,
    };
    let starts: BTreeMap<String, usize> =
        marked("band").iter().filter_map(|m| Some((value(m)?, page_of(m)?))).collect();
    // What the template blames when a slide does not fit (`blame` in `slides.typ`).
    let blamed: Vec<(usize, String)> =
        marked("band-blame").iter().filter_map(|m| Some((page_of(m)?, value(m)?))).collect();
    marked("band-end")
        .iter()
        .filter_map(|end| {
            let key = value(end)?;
            let (start, end) = (*starts.get(&key)?, page_of(end)?);
            let blame = blamed.iter().find(|(page, _)| (start..=end).contains(page)).map(|(_, key)| key);
            (end != start).then(|| Overflow {
                page: start,
                key: Some(TextKey::parse(blame.unwrap_or(&key))),
                text: String::new(),
            })
        })
        .collect()
}
