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
//! layout (`src/layout_test/`) require that nothing is found.

mod markers;
mod pages;
mod paint;

use typst::layout::Transform;
use typst_layout::PagedDocument;

use self::markers::{balance, side_margin, text_area};
use self::pages::{clipped, covered, invisible, line_starts, out_of_column, overlaps, underfull};
use self::paint::{Page, Rect};

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
pub(super) const TOLERANCE: f64 = 0.25;

/// Characters a line must not start with.
pub(super) const NO_LINE_START: &str = ",.;:!?)]}»”’›、。，．：；！？）】」』〕%‰—–‐-";

/// Languages that repeat, at the start of the next line, a hyphen that a line breaks at
/// (Typst does, as their orthographies ask).
pub(super) const REPEATS_HYPHEN: &[&str] = &["cs", "dsb", "es", "hr", "pl", "pt", "sk"];

/// The least share of its room that a slide's body fills when it goes on to the next.
pub(crate) const LEAST_FILL: f64 = 0.3;

/// The least share of its text area that a handout page fills when the text goes on to
/// the next page.
pub(super) const LEAST_PAGE_FILL: f64 = 0.7;
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
pub(super) fn shown(text: &str) -> String {
    let text = text.trim();
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}
