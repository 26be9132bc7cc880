//! Render stage, geometry, markers: what the templates mark for the check (margins,
//! slide bodies, the contact block), read back from the document.

use typst::foundations::{Content, Label, Selector, Value};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::{PagedDocument, PagedIntrospector};

use super::{Defect, DefectKind, LEAST_FILL};

/// The side margin the template declares (`<margins>`, in points), if it does.
pub(super) fn side_margin(document: &PagedDocument) -> Option<f64> {
    let marker = marked(document.introspector(), "margins").into_iter().next()?;
    match dict(&marker)?.get("x").ok()? {
        Value::Float(x) => Some(*x),
        Value::Int(x) => Some(*x as f64),
        _ => None,
    }
}

/// The top and bottom margins of a page that text flows over (a handout's), if the
/// template declares them (`<margins>`, in points).
pub(super) fn text_area(document: &PagedDocument) -> Option<(f64, f64)> {
    let marker = marked(document.introspector(), "margins").into_iter().next()?;
    let record = dict(&marker)?;
    Some((record_num(&record, "top")?, record_num(&record, "bottom")?))
}

/// Slides continued on the next page that their body fills too little, and a last
/// handout page with nothing but the contact block, from the templates' markers.
/// `last_top`: where the first line of the last page ends.
pub(super) fn balance(document: &PagedDocument, last_top: Option<f64>) -> Vec<Defect> {
    let introspector = document.introspector().as_ref();
    let mut found = Vec::new();
    let fits = marked(introspector, "fit");
    let ends = marked(introspector, "fit-end");
    for fit in &fits {
        let Some(record) = dict(fit) else { continue };
        let (Some(key), Some(part)) = (record_str(&record, "key"), record_num(&record, "part")) else {
            continue;
        };
        let continued = fits.iter().filter_map(dict).any(|next| {
            record_str(&next, "key").as_deref() == Some(key.as_str())
                && record_num(&next, "part") == Some(part + 1.0)
        });
        if !continued {
            continue;
        }
        let slot = if part == 0.0 { key.clone() } else { format!("{key}#{}", part + 1.0) };
        let end = ends
            .iter()
            .find(|e| matches!(e.get_by_name("value").ok(), Some(Value::Str(s)) if s.as_str() == slot));
        let (Some(start), Some(end)) =
            (position(introspector, fit), end.and_then(|e| position(introspector, e)))
        else {
            continue;
        };
        let Some(page) = document.pages().get(start.0 - 1) else { continue };
        let bottom = page.frame.size().y.to_pt() - record_num(&record, "bottom").unwrap_or(0.0);
        let room = bottom - start.1;
        let share = if end.0 == start.0 && room > 0.0 { (end.1 - start.1) / room } else { 1.0 };
        if share < LEAST_FILL {
            found.push(Defect { page: start.0, kind: DefectKind::Empty(share), text: key });
        }
    }
    if let Some(contact) = marked(introspector, "contact").first().and_then(|c| position(introspector, c)) {
        let pages = document.pages().len();
        // Nothing on the page ends above the contact block's top.
        let alone = pages > 1 && contact.0 == pages && last_top.is_none_or(|top| top > contact.1);
        if alone {
            found.push(Defect { page: pages, kind: DefectKind::LoneContact, text: String::new() });
        }
    }
    found
}

/// The metadata marked with `name`.
pub(super) fn marked(introspector: &PagedIntrospector, name: &str) -> Vec<Content> {
    match Label::new(PicoStr::intern(name)) {
        Some(label) => introspector.query(&Selector::Label(label)).into_iter().collect(),
        None => Vec::new(),
    }
}

/// The page (from 1) and height (in points) of a marker.
pub(super) fn position(introspector: &PagedIntrospector, content: &Content) -> Option<(usize, f64)> {
    let position = introspector.position(content.location()?)?;
    Some((position.page.get(), position.point.y.to_pt()))
}

pub(super) fn dict(content: &Content) -> Option<typst::foundations::Dict> {
    match content.get_by_name("value").ok()? {
        Value::Dict(dict) => Some(dict),
        _ => None,
    }
}

pub(super) fn record_str(record: &typst::foundations::Dict, key: &str) -> Option<String> {
    match record.get(key).ok()? {
        Value::Str(s) => Some(s.to_string()),
        _ => None,
    }
}

pub(super) fn record_num(record: &typst::foundations::Dict, key: &str) -> Option<f64> {
    match record.get(key).ok()? {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}
