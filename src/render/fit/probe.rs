//! Fit stage, probes: what one layout showed about each slide body, read from the markers
//! `fitted` and `piece` in `fit.typ` leave in the document.

use std::collections::BTreeMap;

use typst::foundations::{Content, Label, Selector, Value};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

/// The slot of part `part` (from 0) of the body `key`: as `slot-of` in `fit.typ` names it.
pub(super) fn slot_of(key: &str, part: usize) -> String {
    if part == 0 { key.to_owned() } else { format!("{key}#{}", part + 1) }
}

/// What one layout showed about one slide (one part of a body).
#[derive(Debug, Clone)]
pub(super) struct Probe {
    /// The body's key in the briefing.
    pub key: String,
    /// The pieces this slide shows, `start..end`.
    pub start: usize,
    pub end: usize,
    /// 1-based slide number.
    pub page: usize,
    /// The size it was set at, its design size and the bounds, in points.
    pub size: f64,
    pub design: f64,
    pub max: f64,
    pub min: f64,
    /// Whether the body ended on the slide's own page.
    pub fits: bool,
    /// Height available to the body, in points.
    pub room: f64,
    /// Height the body took (or, when it ran over, about what it would take).
    pub need: f64,
    /// Where each group (column) starts, below its label, from the top of the body.
    pub groups: BTreeMap<usize, f64>,
    /// Each piece: its index, its group, and where it ends, from the top of the body.
    pub pieces: Vec<Piece>,
}

/// Where one piece of a body ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Piece {
    pub index: usize,
    pub group: usize,
    pub end: f64,
}

/// The metadata fields `fitted` writes at the foot of each slide's title.
#[derive(serde::Deserialize)]
struct Record {
    key: String,
    part: usize,
    start: usize,
    end: usize,
    page: usize,
    size: f64,
    design: f64,
    max: f64,
    min: f64,
    gap: f64,
    top: f64,
    bottom: f64,
}

/// A `piece` or `group-start` marker.
#[derive(serde::Deserialize)]
struct Mark {
    slot: String,
    group: usize,
    #[serde(default)]
    piece: Option<usize>,
}

/// Reads the markers of every fitted slide body in `document`.
pub(super) fn probes(document: &PagedDocument) -> Vec<Probe> {
    let introspector = document.introspector();
    let marked = |name: &str| match Label::new(PicoStr::intern(name)) {
        Some(label) => introspector.query(&Selector::Label(label)),
        None => Default::default(),
    };
    let position = |content: &Content| {
        let position = introspector.position(content.location()?)?;
        Some((position.page.get(), position.point.y.to_pt()))
    };
    let value = |content: &Content| content.get_by_name("value").ok();
    let ends: BTreeMap<String, (usize, f64)> = marked("fit-end")
        .iter()
        .filter_map(|end| match value(end)? {
            Value::Str(slot) => Some((slot.to_string(), position(end)?)),
            _ => None,
        })
        .collect();
    let mut marks: BTreeMap<String, Vec<(Mark, f64)>> = BTreeMap::new();
    for content in marked("fit-piece").iter().chain(marked("fit-group").iter()) {
        let Some(mark) = value(content).and_then(|v| serde_json::to_value(v).ok()) else { continue };
        let (Ok(mark), Some((_, y))) = (serde_json::from_value::<Mark>(mark), position(content)) else {
            continue;
        };
        marks.entry(mark.slot.clone()).or_default().push((mark, y));
    }
    let mut probes = Vec::new();
    for start in marked("fit").iter() {
        let Some(record) = value(start).and_then(|v| serde_json::to_value(v).ok()) else { continue };
        let Ok(record) = serde_json::from_value::<Record>(record) else { continue };
        let slot = slot_of(&record.key, record.part);
        let (Some((page, head_foot)), Some(&(end_page, end_y))) = (position(start), ends.get(&slot)) else {
            continue;
        };
        let page_height = document.pages().get(page - 1).map_or(0.0, |p| p.frame.height().to_pt());
        let below_head = head_foot + record.gap;
        let room = page_height - record.bottom - below_head;
        let fits = end_page == page;
        // The body is unbreakable: one that does not fit starts at the top of the next
        // page, so its height is known exactly either way.
        let top = if fits { below_head } else { record.top };
        let mut groups = BTreeMap::new();
        let mut pieces = Vec::new();
        for (mark, y) in marks.remove(&slot).unwrap_or_default() {
            match mark.piece {
                Some(index) => pieces.push(Piece { index, group: mark.group, end: y - top }),
                None => {
                    groups.insert(mark.group, y - top);
                }
            }
        }
        pieces.sort_by_key(|piece| piece.index);
        probes.push(Probe {
            key: record.key,
            start: record.start,
            end: record.end,
            page: record.page,
            size: record.size,
            design: record.design,
            max: record.max,
            min: record.min,
            fits,
            room,
            need: end_y - top,
            groups,
            pieces,
        });
    }
    probes
}
