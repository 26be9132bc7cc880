//! Render stage, geometry: checks a laid-out document for what a reader would see as a
//! defect, by measuring its frames.
//!
//! Every glyph is measured by its ink (the outline's bounding box in its font, placed
//! where the layout put it), every box, rule and image by its bounds, in the order the
//! page paints them. A page is defective when:
//! - two lines of text overlap (the ink of glyphs of two different runs meets);
//! - a glyph is covered by a box, rule or image painted over it, or crosses the edge of
//!   a box painted under it (it sits in a box wholly or not at all);
//! - a glyph lies outside its page or outside the clip of the group it is in;
//! - text is in the colour of the box or page under it;
//! - a line starts with closing punctuation, a comma or a dash;
//! - a slide that a body continues from is mostly empty, or the handout's last page
//!   holds nothing but the contact block.
//!
//! The build reports what it finds as warnings; the tests and the property test of the
//! layout (`src/layout_test.rs`) require that nothing is found.

use typst::foundations::{Content, Label, Selector, Value};
use typst::introspection::Introspector;
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::utils::PicoStr;
use typst::visualize::Geometry;
use typst_layout::{PagedDocument, PagedIntrospector};
use unicode_bidi::{BidiClass, bidi_class};

/// A defect found on a page.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Defect {
    /// The 1-based page.
    pub page: usize,
    /// What is wrong.
    pub kind: DefectKind,
    /// The text it concerns, to recognise it by (a run, cut short).
    pub text: String,
}

/// The kinds of defect.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DefectKind {
    /// Two lines of text overlap; the other line's text.
    Overlap(String),
    /// A box, rule or image covers the text, or the text crosses a box's edge.
    Covered,
    /// Text outside its page or its clip.
    Clipped,
    /// Text in the colour of what lies under it: unreadable.
    Invisible,
    /// Text that runs out of its column (into the page's side margin, or across the side
    /// of its box): a word too long for the column.
    OutOfColumn,
    /// A line starts with this character.
    LineStart(char),
    /// A slide continued on the next is filled to this share only.
    Empty(f64),
    /// The last page holds only the contact block.
    LoneContact,
    /// A page of a handout that the text goes on from is filled to this share only.
    Underfull(f64),
}

impl std::fmt::Display for Defect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = &self.text;
        match &self.kind {
            DefectKind::Overlap(other) => write!(f, "\"{text}\" overlaps \"{other}\""),
            DefectKind::Covered => write!(f, "\"{text}\" is covered by a box or crosses its edge"),
            DefectKind::Clipped => write!(f, "\"{text}\" is cut off"),
            DefectKind::Invisible => write!(f, "\"{text}\" is in the colour of its background"),
            DefectKind::OutOfColumn => write!(f, "\"{text}\" runs out of its column"),
            DefectKind::LineStart(c) => write!(f, "a line starts with `{c}`: \"{text}\""),
            DefectKind::Empty(share) => {
                write!(
                    f,
                    "the slide is {:.0}% empty, and its body goes on to the next",
                    100.0 * (1.0 - share)
                )
            }
            DefectKind::LoneContact => write!(f, "the last page holds only the contact details"),
            DefectKind::Underfull(share) => {
                write!(f, "the page is {:.0}% empty, and the text goes on to the next", 100.0 * (1.0 - share))
            }
        }
    }
}

/// How far two inks may meet, or a glyph reach past an edge, before it counts: rounding,
/// and the overhang of italics.
const TOLERANCE: f64 = 0.25;

/// Characters a line must not start with.
const NO_LINE_START: &str = ",.;:!?)]}»”’›、。，．：；！？）】」』〕%‰—–‐-";

/// Languages that repeat, at the start of the next line, a hyphen that a line breaks at
/// (Typst does, as their orthographies ask).
const REPEATS_HYPHEN: &[&str] = &["cs", "dsb", "es", "hr", "pl", "pt", "sk"];

/// The least share of its room that a slide's body fills when it goes on to the next.
pub(crate) const LEAST_FILL: f64 = 0.3;

/// The least share of its text area that a handout page fills when the text goes on to
/// the next page.
const LEAST_PAGE_FILL: f64 = 0.7;

/// An axis-aligned rectangle, in points, y downwards.
#[derive(Debug, Clone, Copy)]
struct Rect {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

impl Rect {
    fn overlap(&self, other: &Rect) -> (f64, f64) {
        let w = self.right.min(other.right) - self.left.max(other.left);
        let h = self.bottom.min(other.bottom) - self.top.max(other.top);
        (w, h)
    }

    fn meets(&self, other: &Rect, tolerance: f64) -> bool {
        let (w, h) = self.overlap(other);
        w > tolerance && h > tolerance
    }

    /// Whether `self` reaches past `outer` by more than the tolerance.
    fn sticks_out_of(&self, outer: &Rect) -> bool {
        self.left < outer.left - TOLERANCE
            || self.right > outer.right + TOLERANCE
            || self.top < outer.top - TOLERANCE
            || self.bottom > outer.bottom + TOLERANCE
    }

    fn union(&self, other: &Rect) -> Rect {
        Rect {
            left: self.left.min(other.left),
            top: self.top.min(other.top),
            right: self.right.max(other.right),
            bottom: self.bottom.max(other.bottom),
        }
    }

    fn transformed(left: Abs, top: Abs, right: Abs, bottom: Abs, ts: Transform) -> Rect {
        let corners = [
            Point::new(left, top),
            Point::new(right, top),
            Point::new(left, bottom),
            Point::new(right, bottom),
        ]
        .map(|p| p.transform(ts));
        let xs = corners.map(|p| p.x.to_pt());
        let ys = corners.map(|p| p.y.to_pt());
        Rect {
            left: xs.iter().copied().fold(f64::INFINITY, f64::min),
            right: xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            top: ys.iter().copied().fold(f64::INFINITY, f64::min),
            bottom: ys.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        }
    }
}

/// A run of text as placed on the page.
struct Run {
    /// Its text.
    text: String,
    /// Its glyphs' inks (blank glyphs have none).
    inks: Vec<Rect>,
    /// All of them.
    bounds: Option<Rect>,
    /// Its baseline, its start and end along it, and its size.
    baseline: f64,
    left: f64,
    right: f64,
    size: f64,
    /// Its colour.
    fill: typst::visualize::Paint,
    /// Its language (ISO 639), and whether that language is written right to left.
    lang: String,
    rtl_lang: bool,
    /// When it is painted, and the clips it is inside.
    order: usize,
    clips: Vec<Rect>,
}

/// Something painted that is not text.
struct Paint {
    bounds: Rect,
    order: usize,
    /// A filled area (a box, an image), rather than a rule.
    filled: bool,
    /// The colour it is filled with, if it is a filled shape.
    colour: Option<typst::visualize::Paint>,
}

/// What one page paints.
#[derive(Default)]
struct Page {
    runs: Vec<Run>,
    paints: Vec<Paint>,
    order: usize,
}

impl Page {
    fn collect(&mut self, frame: &Frame, ts: Transform, clips: &[Rect]) {
        for (pos, item) in frame.items() {
            let here = ts.pre_concat(Transform::translate(pos.x, pos.y));
            self.order += 1;
            match item {
                FrameItem::Group(group) => {
                    let inner = here.pre_concat(group.transform);
                    let mut clips = clips.to_vec();
                    if let Some(clip) = &group.clip {
                        let b = clip.bbox(None);
                        clips.push(Rect::transformed(b.min.x, b.min.y, b.max.x, b.max.y, inner));
                    }
                    self.collect(&group.frame, inner, &clips);
                }
                FrameItem::Text(text) => self.runs.push(run(text, here, self.order, clips)),
                FrameItem::Shape(shape, _) => {
                    let b = shape.bbox(true);
                    let bounds = Rect::transformed(b.min.x, b.min.y, b.max.x, b.max.y, here);
                    let filled = shape.fill.is_some() && !matches!(shape.geometry, Geometry::Line(_));
                    let colour = if filled { shape.fill.clone() } else { None };
                    self.paints.push(Paint { bounds, order: self.order, filled, colour });
                }
                FrameItem::Image(_, size, _) => {
                    let bounds = Rect::transformed(Abs::zero(), Abs::zero(), size.x, size.y, here);
                    self.paints.push(Paint { bounds, order: self.order, filled: true, colour: None });
                }
                FrameItem::Link(..) | FrameItem::Tag(_) => {}
            }
        }
    }
}

/// A text item measured.
fn run(text: &typst::text::TextItem, ts: Transform, order: usize, clips: &[Rect]) -> Run {
    let font = &text.font;
    let face = font.ttf();
    let size = text.size;
    let mut pen = Abs::zero();
    let mut inks = Vec::new();
    for glyph in &text.glyphs {
        let x = pen + glyph.x_offset.at(size);
        let y = -glyph.y_offset.at(size);
        if let Some(b) = face.glyph_bounding_box(ttf_parser::GlyphId(glyph.id)) {
            let at = |units: i16| font.to_em(units).at(size);
            inks.push(Rect::transformed(
                x + at(b.x_min),
                y - at(b.y_max),
                x + at(b.x_max),
                y - at(b.y_min),
                ts,
            ));
        }
        pen += glyph.x_advance.at(size);
    }
    let start = Point::zero().transform(ts);
    let end = Point::new(pen, Abs::zero()).transform(ts);
    let bounds = inks.iter().copied().reduce(|a, b| a.union(&b));
    Run {
        text: text.text.to_string(),
        inks,
        bounds,
        baseline: start.y.to_pt(),
        left: start.x.to_pt().min(end.x.to_pt()),
        right: start.x.to_pt().max(end.x.to_pt()),
        size: size.to_pt(),
        fill: text.fill.clone(),
        lang: text.lang.as_str().to_owned(),
        rtl_lang: text.lang.dir() == typst::layout::Dir::RTL,
        order,
        clips: clips.to_vec(),
    }
}

/// Every defect of `document`.
pub(crate) fn check(document: &PagedDocument) -> Vec<Defect> {
    let mut found = Vec::new();
    let mut last_top = None;
    let margin = side_margin(document);
    let text_area = text_area(document);
    let pages = document.pages().len();
    for (index, page) in document.pages().iter().enumerate() {
        let mut painted = Page::default();
        painted.collect(&page.frame, Transform::identity(), &[]);
        let size = page.frame.size();
        let sheet = Rect { left: 0.0, top: 0.0, right: size.x.to_pt(), bottom: size.y.to_pt() };
        let mut defects = Vec::new();
        overlaps(&painted, &mut defects);
        covered(&painted, &mut defects);
        clipped(&painted, &sheet, &mut defects);
        if let Some(margin) = margin {
            let column = Rect { left: margin, right: sheet.right - margin, ..sheet };
            out_of_column(&painted, &column, &mut defects);
        }
        line_starts(&painted, &mut defects);
        invisible(&painted, page.fill_or_white(), &mut defects);
        if let Some((top, bottom)) = text_area
            && index + 1 < pages
        {
            underfull(&painted, top, sheet.bottom - bottom, &mut defects);
        }
        found.extend(defects.into_iter().map(|(kind, text)| Defect { page: index + 1, kind, text }));
        last_top = painted.runs.iter().filter_map(|r| r.bounds).map(|b| b.bottom).reduce(f64::min);
    }
    found.extend(balance(document, last_top));
    found
}

/// The start of a run's text, to name it by.
fn shown(text: &str) -> String {
    let text = text.trim();
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

/// Runs of two different lines, or two runs of one line, whose inks meet.
fn overlaps(page: &Page, out: &mut Vec<(DefectKind, String)>) {
    // A run of no width holds marks set on a letter of the run beside it (as shaping
    // places some Arabic vowel marks): it sits on that letter by design.
    let runs: Vec<(&Run, Rect)> =
        page.runs.iter().filter(|r| r.right - r.left > 0.01).filter_map(|r| Some((r, r.bounds?))).collect();
    for (i, (a, a_bounds)) in runs.iter().enumerate() {
        for (b, b_bounds) in &runs[i + 1..] {
            if !a_bounds.meets(b_bounds, TOLERANCE) {
                continue;
            }
            // Two runs of one line meet only where italics overhang: allow more there.
            let same_line = (a.baseline - b.baseline).abs() < 0.1 * a.size.min(b.size);
            let tolerance = if same_line { 0.12 * a.size.min(b.size) } else { TOLERANCE };
            let meet = a.inks.iter().any(|x| b.inks.iter().any(|y| x.meets(y, tolerance)));
            if meet {
                out.push((DefectKind::Overlap(shown(&b.text)), shown(&a.text)));
            }
        }
    }
}

/// Glyphs under a box, rule or image painted after them, or across the edge of a box
/// painted before them. An underline (a rule just below a run's own baseline, within its
/// width) belongs to its run. A run that starts in the box it sits in and goes on past
/// its side ran out of its column (a word too long for it).
fn covered(page: &Page, out: &mut Vec<(DefectKind, String)>) {
    for run in &page.runs {
        let Some(bounds) = run.bounds else { continue };
        let mut found = None;
        for paint in &page.paints {
            if !bounds.meets(&paint.bounds, TOLERANCE) || underlines(paint, run) {
                continue;
            }
            let under = paint.filled && paint.order < run.order;
            let b = &paint.bounds;
            let within_height = bounds.top >= b.top - TOLERANCE && bounds.bottom <= b.bottom + TOLERANCE;
            let sideways = bounds.left < b.left - TOLERANCE || bounds.right > b.right + TOLERANCE;
            if under && within_height && sideways {
                found = Some(DefectKind::OutOfColumn);
                break;
            }
            let hit = run.inks.iter().any(|ink| {
                ink.meets(&paint.bounds, TOLERANCE) && (!under || ink.sticks_out_of(&paint.bounds))
            });
            if hit {
                found = Some(DefectKind::Covered);
            }
        }
        if let Some(kind) = found {
            out.push((kind, shown(&run.text)));
        }
    }
}

/// Whether `paint` is a thin rule just below the baseline of `run`, within its width: its
/// underline.
fn underlines(paint: &Paint, run: &Run) -> bool {
    let b = &paint.bounds;
    let thin = b.bottom - b.top < 0.15 * run.size;
    let below = b.top > run.baseline - 0.05 * run.size && b.bottom < run.baseline + 0.35 * run.size;
    let within = b.left >= run.left - 1.0 && b.right <= run.right + 1.0;
    !paint.filled && thin && below && within
}

/// Glyphs outside the page, or outside a clip they are inside.
fn clipped(page: &Page, sheet: &Rect, out: &mut Vec<(DefectKind, String)>) {
    for run in &page.runs {
        let cut = run
            .inks
            .iter()
            .any(|ink| ink.sticks_out_of(sheet) || run.clips.iter().any(|c| ink.sticks_out_of(c)));
        if cut {
            out.push((DefectKind::Clipped, shown(&run.text)));
        }
    }
}

/// Text in the colour of what lies under it: the last box painted before it that holds
/// it, or the page.
fn invisible(page: &Page, sheet: Option<typst::visualize::Paint>, out: &mut Vec<(DefectKind, String)>) {
    for run in &page.runs {
        let Some(bounds) = run.bounds else { continue };
        let under = page
            .paints
            .iter()
            .filter(|p| p.filled && p.order < run.order && !bounds.sticks_out_of(&p.bounds))
            .max_by_key(|p| p.order);
        let background = match under {
            Some(paint) => paint.colour.clone(),
            None => sheet.clone(),
        };
        if background.as_ref() == Some(&run.fill) {
            out.push((DefectKind::Invisible, shown(&run.text)));
        }
    }
}

/// The side margin the template declares (`<margins>`, in points), if it does.
fn side_margin(document: &PagedDocument) -> Option<f64> {
    let marker = marked(document.introspector(), "margins").into_iter().next()?;
    match dict(&marker)?.get("x").ok()? {
        Value::Float(x) => Some(*x),
        Value::Int(x) => Some(*x as f64),
        _ => None,
    }
}

/// The top and bottom margins of a page that text flows over (a handout's), if the
/// template declares them (`<margins>`, in points).
fn text_area(document: &PagedDocument) -> Option<(f64, f64)> {
    let marker = marked(document.introspector(), "margins").into_iter().next()?;
    let record = dict(&marker)?;
    Some((record_num(&record, "top")?, record_num(&record, "bottom")?))
}

/// A page whose text ends high above the foot of its text area (`top..bottom`), the
/// footer below it left out, while the text goes on to the next page.
fn underfull(page: &Page, top: f64, bottom: f64, out: &mut Vec<(DefectKind, String)>) {
    let ends = page.runs.iter().filter_map(|r| r.bounds).filter(|b| b.top < bottom).map(|b| b.bottom);
    let Some(end) = ends.reduce(f64::max) else { return };
    let share = ((end - top) / (bottom - top)).clamp(0.0, 1.0);
    if share < LEAST_PAGE_FILL {
        out.push((DefectKind::Underfull(share), String::new()));
    }
}

/// Glyphs in the side margins, where no text of the templates goes: a word too long for
/// its column runs there. (A glyph already cut off is reported as that.)
fn out_of_column(page: &Page, column: &Rect, out: &mut Vec<(DefectKind, String)>) {
    for run in &page.runs {
        let past = |ink: &Rect| ink.left < column.left - 1.0 || ink.right > column.right + 1.0;
        let cut = out.iter().any(|(kind, text)| *kind == DefectKind::Clipped && *text == shown(&run.text));
        if !cut && run.inks.iter().any(past) {
            out.push((DefectKind::OutOfColumn, shown(&run.text)));
        }
    }
}

/// Lines that start with closing punctuation, a comma or a dash. Runs on one baseline
/// that follow each other with less than half an em between them make one line; a line
/// that holds right-to-left text starts on its right.
fn line_starts(page: &Page, out: &mut Vec<(DefectKind, String)>) {
    let runs: Vec<&Run> = page.runs.iter().filter(|r| !r.text.trim().is_empty()).collect();
    let mut line_of: Vec<usize> = (0..runs.len()).collect();
    // Joins runs into lines: each run takes the smallest line number of the runs it touches.
    let touches = |a: &Run, b: &Run| {
        let gap = 0.5 * a.size.max(b.size);
        (a.baseline - b.baseline).abs() < 0.2 * a.size.min(b.size)
            && a.left <= b.right + gap
            && b.left <= a.right + gap
    };
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..runs.len() {
            for j in 0..runs.len() {
                if line_of[j] < line_of[i] && touches(runs[i], runs[j]) {
                    line_of[i] = line_of[j];
                    changed = true;
                }
            }
        }
    }
    let mut lines: std::collections::BTreeMap<usize, Vec<&Run>> = Default::default();
    for (i, run) in runs.iter().enumerate() {
        lines.entry(line_of[i]).or_default().push(run);
    }
    let strong =
        |run: &Run, classes: &[BidiClass]| run.text.chars().any(|c| classes.contains(&bidi_class(c)));
    for line in lines.values() {
        // A line of digits and punctuation alone (a number before a recommendation) reads
        // in the direction of its language.
        let rtl = line.iter().any(|r| strong(r, &[BidiClass::R, BidiClass::AL]))
            || (line.iter().all(|r| r.rtl_lang) && !line.iter().any(|r| strong(r, &[BidiClass::L])));
        let first = if rtl {
            line.iter().max_by(|a, b| a.right.total_cmp(&b.right))
        } else {
            line.iter().min_by(|a, b| a.left.total_cmp(&b.left))
        };
        let Some(first) = first else { continue };
        // In a right-to-left line, a run of digits and signs at the right end (a number,
        // `37.5%`, `1.`) is laid out in its own order: where it starts cannot be read
        // from the page, and it starts with a digit anyway.
        if rtl && !strong(first, &[BidiClass::R, BidiClass::AL]) {
            continue;
        }
        if let Some(c) = first.text.trim_start().chars().next()
            && NO_LINE_START.contains(c)
            && !(c == '-' && REPEATS_HYPHEN.contains(&first.lang.as_str()))
        {
            out.push((DefectKind::LineStart(c), shown(&first.text)));
        }
    }
}

/// Slides continued on the next page that their body fills too little, and a last
/// handout page with nothing but the contact block, from the templates' markers.
/// `last_top`: where the first line of the last page ends.
fn balance(document: &PagedDocument, last_top: Option<f64>) -> Vec<Defect> {
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
fn marked(introspector: &PagedIntrospector, name: &str) -> Vec<Content> {
    match Label::new(PicoStr::intern(name)) {
        Some(label) => introspector.query(&Selector::Label(label)).into_iter().collect(),
        None => Vec::new(),
    }
}

/// The page (from 1) and height (in points) of a marker.
fn position(introspector: &PagedIntrospector, content: &Content) -> Option<(usize, f64)> {
    let position = introspector.position(content.location()?)?;
    Some((position.page.get(), position.point.y.to_pt()))
}

fn dict(content: &Content) -> Option<typst::foundations::Dict> {
    match content.get_by_name("value").ok()? {
        Value::Dict(dict) => Some(dict),
        _ => None,
    }
}

fn record_str(record: &typst::foundations::Dict, key: &str) -> Option<String> {
    match record.get(key).ok()? {
        Value::Str(s) => Some(s.to_string()),
        _ => None,
    }
}

fn record_num(record: &typst::foundations::Dict, key: &str) -> Option<f64> {
    match record.get(key).ok()? {
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}
