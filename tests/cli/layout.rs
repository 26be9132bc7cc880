//! Reading where things are drawn in a PDF: text runs with their position, size and
//! structure tag, and images with their rectangle, from the page content streams (lopdf).

use std::collections::BTreeMap;

use crate::support::{Fixture, pdf_text};
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

/// A 2-D affine transform `[a b c d e f]`, as PDF writes them.
#[derive(Debug, Clone, Copy)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` then `other`, in PDF's row-vector order.
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }
}

/// A rectangle in page coordinates (points, origin at the bottom left).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    fn around(points: &[(f64, f64)]) -> Rect {
        let xs = points.iter().map(|p| p.0);
        let ys = points.iter().map(|p| p.1);
        Rect {
            x0: xs.clone().fold(f64::INFINITY, f64::min),
            x1: xs.fold(f64::NEG_INFINITY, f64::max),
            y0: ys.clone().fold(f64::INFINITY, f64::min),
            y1: ys.fold(f64::NEG_INFINITY, f64::max),
        }
    }

    /// Whether the two rectangles share some area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }
}

/// One text-showing operation (`Tj` or `TJ`).
#[derive(Debug, Clone)]
pub struct TextRun {
    /// 0-based page index.
    pub page: usize,
    pub text: String,
    /// Its box: from the baseline less a descent to the baseline plus an ascent.
    pub rect: Rect,
    /// The baseline's height on the page.
    pub baseline: f64,
    /// The font size, in points, as the page shows it.
    pub size: f64,
    /// The marked-content id it is drawn in, if any.
    pub mcid: Option<i64>,
    /// Whether it is drawn as an artifact (page furniture such as footers).
    pub artifact: bool,
}

/// Everything drawn on a document's pages that the tests look at.
#[derive(Debug, Default)]
pub struct Drawn {
    pub runs: Vec<TextRun>,
    /// Images drawn (`Do` of an image XObject), by page index.
    pub images: Vec<(usize, Rect)>,
}

/// Reads the text runs and images of every page.
pub fn drawn(doc: &Document) -> Drawn {
    let mut drawn = Drawn::default();
    for (index, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        read_page(doc, page_id, index, &mut drawn);
    }
    drawn
}

/// A font's encoding and glyph widths.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    widths: BTreeMap<u32, f64>,
    default_width: f64,
    two_bytes: bool,
}

impl<'a> Font<'a> {
    fn of(doc: &'a Document, dict: &'a Dictionary) -> Self {
        let encoding = dict.get_font_encoding(doc).ok();
        let two_bytes = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
        let mut widths = BTreeMap::new();
        let mut default_width = 1000.0;
        let descendant = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| o.as_dict().ok());
        if let Some(cid) = descendant {
            default_width = cid.get(b"DW").ok().and_then(number).unwrap_or(1000.0);
            let w =
                cid.get(b"W").ok().and_then(|o| doc.dereference(o).ok()).and_then(|(_, o)| o.as_array().ok());
            let items = w.map(|a| a.as_slice()).unwrap_or_default();
            let mut i = 0;
            while i < items.len() {
                let Some(first) = number(&items[i]) else { break };
                match items.get(i + 1) {
                    Some(Object::Array(list)) => {
                        for (k, width) in list.iter().enumerate() {
                            widths.insert(first as u32 + k as u32, number(width).unwrap_or(default_width));
                        }
                        i += 2;
                    }
                    Some(last) => {
                        let (last, width) =
                            (number(last).unwrap_or(first), items.get(i + 2).and_then(number));
                        for code in first as u32..=last as u32 {
                            widths.insert(code, width.unwrap_or(default_width));
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
        }
        Font { encoding, widths, default_width, two_bytes }
    }

    /// The text and the advance (in text space units of 1/1000 em) of a string operand.
    fn show(&self, bytes: &[u8]) -> (String, f64) {
        let text =
            self.encoding.as_ref().and_then(|e| Document::decode_text(e, bytes).ok()).unwrap_or_default();
        let codes: Vec<u32> = if self.two_bytes {
            bytes.chunks(2).map(|c| c.iter().fold(0, |a, &b| a * 256 + b as u32)).collect()
        } else {
            bytes.iter().map(|&b| b as u32).collect()
        };
        let advance = codes.iter().map(|c| self.widths.get(c).copied().unwrap_or(self.default_width)).sum();
        (text, advance)
    }
}

fn number(object: &Object) -> Option<f64> {
    match object {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

fn matrix(operands: &[Object]) -> Matrix {
    let mut m = [0.0; 6];
    for (slot, operand) in m.iter_mut().zip(operands) {
        *slot = number(operand).unwrap_or(0.0);
    }
    Matrix(m)
}

/// The marked-content tag of a `BDC`/`BMC`: its name and MCID.
fn mark(operands: &[Object]) -> (Vec<u8>, Option<i64>) {
    let name = operands.first().and_then(|o| o.as_name().ok()).unwrap_or_default().to_vec();
    let mcid = operands
        .get(1)
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| d.get(b"MCID").ok())
        .and_then(|o| o.as_i64().ok());
    (name, mcid)
}

fn read_page(doc: &Document, page_id: ObjectId, page: usize, drawn: &mut Drawn) {
    let fonts: BTreeMap<Vec<u8>, Font> = doc
        .get_page_fonts(page_id)
        .unwrap_or_default()
        .into_iter()
        .map(|(name, dict)| (name, Font::of(doc, dict)))
        .collect();
    let (direct, referenced) = doc.get_page_resources(page_id).unwrap_or((None, Vec::new()));
    let resources = direct.into_iter().chain(referenced.iter().filter_map(|id| doc.get_dictionary(*id).ok()));
    let xobjects: Vec<&Dictionary> = resources
        .filter_map(|r| r.get(b"XObject").ok())
        .filter_map(|o| doc.dereference(o).ok())
        .filter_map(|(_, o)| o.as_dict().ok())
        .collect();
    let content = doc.get_page_content(page_id).unwrap_or_default();
    let Ok(content) = Content::decode(&content) else { return };
    let (mut ctm, mut stack) = (Matrix::IDENTITY, Vec::new());
    let (mut tm, mut line) = (Matrix::IDENTITY, Matrix::IDENTITY);
    let (mut font, mut size) = (None::<&Font>, 0.0);
    let mut marks: Vec<(Vec<u8>, Option<i64>)> = Vec::new();
    for op in &content.operations {
        let operands = &op.operands;
        match op.operator.as_str() {
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(Matrix::IDENTITY),
            "cm" => ctm = matrix(operands).then(ctm),
            "BT" => (tm, line) = (Matrix::IDENTITY, Matrix::IDENTITY),
            "Tm" => (tm, line) = (matrix(operands), matrix(operands)),
            "Td" | "TD" => {
                let (x, y) = (
                    operands.first().and_then(number).unwrap_or(0.0),
                    operands.get(1).and_then(number).unwrap_or(0.0),
                );
                line = Matrix([1.0, 0.0, 0.0, 1.0, x, y]).then(line);
                tm = line;
            }
            "Tf" => {
                font = operands.first().and_then(|o| o.as_name().ok()).and_then(|n| fonts.get(n));
                size = operands.get(1).and_then(number).unwrap_or(0.0);
            }
            "BDC" | "BMC" => marks.push(mark(operands)),
            "EMC" => {
                marks.pop();
            }
            "Tj" | "TJ" => {
                let Some(font) = font else { continue };
                let parts: Vec<Object> = match operands.first() {
                    Some(Object::Array(items)) => items.clone(),
                    Some(other) => vec![other.clone()],
                    None => continue,
                };
                let (mut text, mut advance) = (String::new(), 0.0);
                for part in &parts {
                    match part {
                        Object::String(bytes, _) => {
                            let (t, a) = font.show(bytes);
                            text.push_str(&t);
                            advance += a;
                        }
                        other => advance -= number(other).unwrap_or(0.0),
                    }
                }
                let width = advance / 1000.0 * size;
                let full = tm.then(ctm);
                let scale = (full.0[2].powi(2) + full.0[3].powi(2)).sqrt();
                let (start, end) = (full.apply(0.0, 0.0), full.apply(width, 0.0));
                let (ascent, descent) = (0.9 * size * scale, 0.3 * size * scale);
                let baseline = start.1;
                let rect = Rect::around(&[(start.0, baseline - descent), (end.0, baseline + ascent)]);
                let mcid = marks.iter().rev().find_map(|m| m.1);
                let artifact = marks.iter().any(|m| m.0 == b"Artifact");
                drawn.runs.push(TextRun { page, text, rect, baseline, size: size * scale, mcid, artifact });
                tm = Matrix([1.0, 0.0, 0.0, 1.0, width, 0.0]).then(tm);
            }
            "Do" => {
                let name = operands.first().and_then(|o| o.as_name().ok()).unwrap_or_default();
                let image = xobjects
                    .iter()
                    .find_map(|x| x.get(name).ok())
                    .and_then(|o| doc.dereference(o).ok())
                    .and_then(|(_, o)| o.as_stream().ok())
                    .is_some_and(|s| s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image"));
                if image {
                    let corners =
                        [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)].map(|(x, y)| ctm.apply(x, y));
                    drawn.images.push((page, Rect::around(&corners)));
                }
            }
            _ => {}
        }
    }
}

/// One element of the structure tree that marks content directly.
#[derive(Debug, Clone)]
pub struct Tagged {
    /// Its structure type, e.g. `H2`, `P`, `LI`.
    pub tag: String,
    /// 0-based page index and MCID of each piece of content it marks.
    pub marks: Vec<(usize, i64)>,
}

/// Every structure element that marks content, in document order.
pub fn structure(doc: &Document) -> Vec<Tagged> {
    let pages: BTreeMap<ObjectId, usize> =
        doc.get_pages().values().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut out = Vec::new();
    let root =
        doc.catalog().ok().and_then(|c| c.get(b"StructTreeRoot").ok()).and_then(|o| doc.dereference(o).ok());
    if let Some((_, Object::Dictionary(root))) = root
        && let Ok(kids) = root.get(b"K")
    {
        walk(doc, kids, None, &pages, &mut out);
    }
    out
}

fn walk(
    doc: &Document,
    object: &Object,
    page: Option<usize>,
    pages: &BTreeMap<ObjectId, usize>,
    out: &mut Vec<Tagged>,
) {
    let Ok((_, object)) = doc.dereference(object) else { return };
    match object {
        Object::Array(items) => items.iter().for_each(|item| walk(doc, item, page, pages, out)),
        Object::Dictionary(dict) => {
            let page = dict
                .get(b"Pg")
                .ok()
                .and_then(|p| p.as_reference().ok())
                .and_then(|id| pages.get(&id).copied())
                .or(page);
            let Ok(tag) = dict.get(b"S").and_then(Object::as_name) else { return };
            let tag = String::from_utf8_lossy(tag).into_owned();
            let mut element = Tagged { tag, marks: Vec::new() };
            let kids = match dict.get(b"K") {
                Ok(Object::Array(items)) => items.clone(),
                Ok(kid) => vec![kid.clone()],
                Err(_) => Vec::new(),
            };
            let mut children = Vec::new();
            for kid in &kids {
                match doc.dereference(kid).map(|(_, o)| o) {
                    Ok(Object::Integer(mcid)) => element.marks.extend(page.map(|p| (p, *mcid))),
                    Ok(Object::Dictionary(d)) if d.get(b"MCID").is_ok() => {
                        let kid_page = d
                            .get(b"Pg")
                            .ok()
                            .and_then(|p| p.as_reference().ok())
                            .and_then(|id| pages.get(&id).copied())
                            .or(page);
                        let mcid = d.get(b"MCID").ok().and_then(|o| o.as_i64().ok());
                        element.marks.extend(kid_page.zip(mcid));
                    }
                    Ok(_) => children.push(kid.clone()),
                    Err(_) => {}
                }
            }
            out.push(element);
            for child in &children {
                walk(doc, child, page, pages, out);
            }
        }
        _ => {}
    }
}

/// The text runs each structure element marks, by element.
pub fn runs_of<'a>(tagged: &Tagged, drawn: &'a Drawn) -> Vec<&'a TextRun> {
    drawn
        .runs
        .iter()
        .filter(|run| run.mcid.is_some_and(|mcid| tagged.marks.contains(&(run.page, mcid))))
        .collect()
}

#[test]
fn a_source_figure_in_arabic_keeps_its_value_and_the_footer_cuts_no_detail() {
    let source = "lang = \"en\"\ntitle = \"T\"\norganisation = \"Human Rights Observatory for Central and Eastern Regions\"\n\
        [developments]\nheading = \"Figures\"\nitems.people = { text = \"{value} people detained\", value = 48213.5 }\n\
        [contact]\nemail = \"info@observatory.example\"\nwebsite = \"www.observatory.example\"\nphone = \"+41 22 555 01 23\"\n";
    // The Arabic file leaves the figure's text to the source: English inside Arabic.
    let fixture = Fixture::new("figures", source).file("ar.toml", "title = \"ظروف الاحتجاز\"\n");
    fixture.build(&["--format", "handout"]).expect_code(0);
    for lang in ["en", "ar"] {
        // Without the isolates that keep English runs in order among Arabic ones.
        let text: String = pdf_text(&fixture.pdf(lang, "handout"))
            .chars()
            .filter(|c| !('\u{2066}'..='\u{2069}').contains(c))
            .collect();
        assert!(
            !text.contains("value}") && !text.contains("{value"),
            "{lang}: the marker is replaced: {text}"
        );
        assert!(text.contains("48,213.5") && text.contains("peopledetained"), "{lang}: {text}");
        // The footer holds whole details only: the address is never cut at a dot, and a
        // detail that does not fit is left to the contact block, not hidden below the line.
        let sites = text.matches("www.observatory.").count();
        assert_eq!(sites, text.matches("www.observatory.example").count(), "{lang}: {text}");
        assert!(text.matches("+41225550123").count() <= 2, "{lang}: {text}");
    }
}
