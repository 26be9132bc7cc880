//! Render stage, geometry, paint: what a page paints, in order: its runs of glyphs with
//! their inks, and its boxes, rules and images.

use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::visualize::Geometry;

use super::TOLERANCE;

/// An axis-aligned rectangle, in points, y downwards.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rect {
    pub(super) left: f64,
    pub(super) top: f64,
    pub(super) right: f64,
    pub(super) bottom: f64,
}

impl Rect {
    pub(super) fn overlap(&self, other: &Rect) -> (f64, f64) {
        let w = self.right.min(other.right) - self.left.max(other.left);
        let h = self.bottom.min(other.bottom) - self.top.max(other.top);
        (w, h)
    }

    pub(super) fn meets(&self, other: &Rect, tolerance: f64) -> bool {
        let (w, h) = self.overlap(other);
        w > tolerance && h > tolerance
    }

    /// Whether `self` reaches past `outer` by more than the tolerance.
    pub(super) fn sticks_out_of(&self, outer: &Rect) -> bool {
        self.left < outer.left - TOLERANCE
            || self.right > outer.right + TOLERANCE
            || self.top < outer.top - TOLERANCE
            || self.bottom > outer.bottom + TOLERANCE
    }

    pub(super) fn union(&self, other: &Rect) -> Rect {
        Rect {
            left: self.left.min(other.left),
            top: self.top.min(other.top),
            right: self.right.max(other.right),
            bottom: self.bottom.max(other.bottom),
        }
    }

    pub(super) fn transformed(left: Abs, top: Abs, right: Abs, bottom: Abs, ts: Transform) -> Rect {
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
pub(super) struct Run {
    /// Its text.
    pub(super) text: String,
    /// Its glyphs' inks (blank glyphs have none).
    pub(super) inks: Vec<Rect>,
    /// All of them.
    pub(super) bounds: Option<Rect>,
    /// Its baseline, its start and end along it, and its size.
    pub(super) baseline: f64,
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) size: f64,
    /// Its colour.
    pub(super) fill: typst::visualize::Paint,
    /// Its language (ISO 639), and whether that language is written right to left.
    pub(super) lang: String,
    pub(super) rtl_lang: bool,
    /// When it is painted, and the clips it is inside.
    pub(super) order: usize,
    pub(super) clips: Vec<Rect>,
}

/// Something painted that is not text.
pub(super) struct Paint {
    pub(super) bounds: Rect,
    pub(super) order: usize,
    /// A filled area (a box, an image), rather than a rule.
    pub(super) filled: bool,
    /// The colour it is filled with, if it is a filled shape.
    pub(super) colour: Option<typst::visualize::Paint>,
}

/// What one page paints.
#[derive(Default)]
pub(super) struct Page {
    pub(super) runs: Vec<Run>,
    pub(super) paints: Vec<Paint>,
    pub(super) order: usize,
}

impl Page {
    pub(super) fn collect(&mut self, frame: &Frame, ts: Transform, clips: &[Rect]) {
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
pub(super) fn run(text: &typst::text::TextItem, ts: Transform, order: usize, clips: &[Rect]) -> Run {
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
