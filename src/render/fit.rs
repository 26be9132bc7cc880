//! Fit stage: sets each slide body as large as fits on its slide.
//!
//! A deck is laid out with every body at its design size. `fitted` in `lib.typ` leaves
//! two markers per slide: `<fit>` at the foot of the title (always on the slide's own
//! page) and `<fit-end>` after the body. A body that is too tall runs on to another page,
//! and its end marker with it; that is the only test of fit, so no estimate can let an
//! overflow through. Where the markers are also tells how tall the body was, which gives
//! the next size to try (text height grows about with the square of its size).
//!
//! Only the bodies that did not fit are tried again, at new sizes given in `/fit.json`.
//! The template reads the sizes when it lays a slide out, so a new try neither evaluates
//! the template again nor lays out the other bodies again: Typst's memoization reuses
//! both. A deck where everything fits, the usual case, is laid out once; so is a deck
//! rebuilt from the same inputs, at the sizes the last build recorded.

use std::collections::BTreeMap;

use typst::foundations::{Bytes, Label, Selector, Value};
use typst::introspection::Introspector;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::{Job, Typesetter};
use crate::diag::Diagnostic;
use crate::model::TextKey;

/// A slide body set below its design size, or that does not fit at all.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fit {
    /// Key of the content in the briefing.
    pub key: TextKey,
    /// 1-based slide number.
    pub page: usize,
    /// The size it was set at, in points.
    pub size: f64,
    /// Its design size, in points.
    pub max: f64,
    /// Whether it overflows even at the smallest size allowed.
    pub overflows: bool,
}

/// A laid-out output, with its slide bodies fitted.
pub(crate) struct Fitted {
    pub document: PagedDocument,
    /// Typst's warnings from the last layout.
    pub warnings: Vec<Diagnostic>,
    /// The bodies not set at their design size, in slide order.
    pub fits: Vec<Fit>,
    /// The sizes chosen, as served at `/fit.json` (for `--emit-typst`).
    pub sizes: Bytes,
}

/// Two sizes closer than this ratio are as good as each other: the search stops.
const STEP: f64 = 1.03;

/// How height grows with size before two layouts tell: `height ∝ size^GROWTH`. Text that
/// wraps grows with the square of its size (taller lines, and more of them); short lines
/// and spacing fixed in length grow less. The example decks' bodies measure 1.0–1.6.
const GROWTH: f64 = 1.3;

/// At most this many layouts of one deck; the search has always settled long before.
const MAX_ROUNDS: usize = 10;

/// Lays out `job`, shrinking slide bodies until each fits.
///
/// `known`: the sizes a search of the very same inputs settled on before. The deck is
/// laid out once at those sizes; if every body fits there (or sits at its smallest size),
/// that is the search's result, since the search is deterministic. Otherwise it searches.
pub(crate) fn layout(
    typesetter: &Typesetter,
    mut job: Job,
    known: Option<Bytes>,
) -> Result<Fitted, Vec<Diagnostic>> {
    if let Some(sizes) = known {
        job.sizes = sizes;
        // A record that does not lay out (say, a cache edited by hand) is only ignored.
        if let Ok((document, warnings)) = typesetter.compile(&job) {
            let probes = probes(&document);
            if probes.iter().all(|probe| probe.fits || probe.size <= probe.min) {
                let fits = probes.iter().filter_map(Probe::fit).collect();
                return Ok(Fitted { document, warnings, fits, sizes: job.sizes });
            }
        }
    }
    let mut searches: BTreeMap<String, Search> = BTreeMap::new();
    let mut sizes: BTreeMap<String, f64> = BTreeMap::new();
    let mut round = 0;
    loop {
        round += 1;
        job.sizes = sizes_json(&sizes);
        let (document, warnings) = typesetter.compile(&job)?;
        let probes = probes(&document);
        for probe in &probes {
            let search = searches.entry(probe.key.clone()).or_insert_with(|| Search::new(probe));
            search.observe(probe);
        }
        let out_of_rounds = round >= MAX_ROUNDS;
        let next: BTreeMap<String, f64> = searches
            .iter()
            .filter_map(|(key, search)| search.next(out_of_rounds).map(|size| (key.clone(), size)))
            .collect();
        if next == sizes && searches.values().all(|search| search.settled(out_of_rounds)) {
            let fits = probes.iter().filter_map(Probe::fit).collect();
            return Ok(Fitted { document, warnings, fits, sizes: job.sizes });
        }
        sizes = next;
    }
}

/// Every body at its design size, as served at `/fit.json`.
pub(crate) fn design_sizes() -> Bytes {
    sizes_json(&BTreeMap::new())
}

/// The sizes as the JSON object `lib.typ` reads; design sizes are left out.
fn sizes_json(sizes: &BTreeMap<String, f64>) -> Bytes {
    Bytes::new(serde_json::to_vec(sizes).unwrap_or_else(|_| b"{}".to_vec()))
}

/// What one layout showed about one slide body.
#[derive(Debug)]
struct Probe {
    key: String,
    page: usize,
    size: f64,
    max: f64,
    min: f64,
    /// Whether the body ended on the slide's own page.
    fits: bool,
    /// Height available to the body, in points.
    room: f64,
    /// Height the body took (or, when it ran over, about what it would take).
    need: f64,
}

impl Probe {
    /// The record to report, if the body is not at its design size.
    fn fit(&self) -> Option<Fit> {
        (self.size < self.max || !self.fits).then(|| Fit {
            key: TextKey::parse(&self.key),
            page: self.page,
            size: self.size,
            max: self.max,
            overflows: !self.fits,
        })
    }
}

/// The metadata fields `fitted` writes at the foot of each slide's title.
#[derive(serde::Deserialize)]
struct Record {
    key: String,
    page: usize,
    size: f64,
    max: f64,
    min: f64,
    gap: f64,
    top: f64,
    bottom: f64,
}

/// Reads the markers of every fitted slide body in `document`.
fn probes(document: &PagedDocument) -> Vec<Probe> {
    let introspector = document.introspector();
    let marked = |name: &str| match Label::new(PicoStr::intern(name)) {
        Some(label) => introspector.query(&Selector::Label(label)),
        None => Default::default(),
    };
    let position = |content: &typst::foundations::Content| {
        let location = content.location()?;
        let position = introspector.position(location)?;
        Some((position.page.get(), position.point.y.to_pt()))
    };
    let value = |content: &typst::foundations::Content| content.get_by_name("value").ok();
    let ends: BTreeMap<String, (usize, f64)> = marked("fit-end")
        .iter()
        .filter_map(|end| match value(end)? {
            Value::Str(key) => Some((key.to_string(), position(end)?)),
            _ => None,
        })
        .collect();
    let mut probes = Vec::new();
    for start in marked("fit").iter() {
        let Some(record) = value(start).and_then(|v| serde_json::to_value(v).ok()) else { continue };
        let Ok(record) = serde_json::from_value::<Record>(record) else { continue };
        let (Some((page, head_foot)), Some(&(end_page, end_y))) = (position(start), ends.get(&record.key))
        else {
            continue;
        };
        let page_height = document.pages().get(page - 1).map_or(0.0, |p| p.frame.height().to_pt());
        let top = head_foot + record.gap;
        let room = page_height - record.bottom - top;
        let fits = end_page == page;
        // The body is unbreakable: one that does not fit starts at the top of the next
        // page, so its height is known exactly either way.
        let need = if fits { end_y - top } else { end_y - record.top };
        probes.push(Probe {
            key: record.key,
            page: record.page,
            size: record.size,
            max: record.max,
            min: record.min,
            fits,
            room,
            need,
        });
    }
    probes
}

/// The search for one body's size: the largest size that fits, to within [`STEP`].
#[derive(Debug)]
struct Search {
    max: f64,
    min: f64,
    /// Height available to the body.
    room: f64,
    /// The largest size seen to fit.
    fits: Option<f64>,
    /// Whether a step above that size is predicted not to fit.
    full: bool,
    /// The smallest size seen to run over.
    overflows: Option<f64>,
    /// Every layout so far: the size, the height the body took, and whether it fitted.
    seen: Vec<(f64, f64, bool)>,
}

impl Search {
    fn new(probe: &Probe) -> Self {
        let (max, min, room) = (probe.max, probe.min, probe.room);
        Self { max, min, room, fits: None, full: false, overflows: None, seen: Vec::new() }
    }

    fn observe(&mut self, probe: &Probe) {
        self.room = probe.room;
        self.seen.push((probe.size, probe.need.max(1.0), probe.fits));
        if probe.fits {
            if self.fits.is_none_or(|s| probe.size > s) {
                self.fits = Some(probe.size);
            }
        } else {
            self.overflows = Some(self.overflows.map_or(probe.size, |s| s.min(probe.size)));
        }
        self.full = self.fits.is_some_and(|s| self.need_at(s * STEP) > self.room);
    }

    /// The tightest bounds seen, the largest size that fitted and the smallest that did
    /// not, as (size, height) pairs, if both are known and height grew with size.
    fn bracket(&self) -> Option<((f64, f64), (f64, f64))> {
        let fitted = self.seen.iter().filter(|o| o.2).max_by(|a, b| a.0.total_cmp(&b.0))?;
        let over = self.seen.iter().filter(|o| !o.2).min_by(|a, b| a.0.total_cmp(&b.0))?;
        let rising = over.0 - fitted.0 > 0.05 && over.1 > fitted.1;
        rising.then_some(((fitted.0, fitted.1), (over.0, over.1)))
    }

    /// How height grows with size, as the exponent in `height ∝ size^growth`: from the
    /// last two layouts, or else [`GROWTH`].
    fn growth(&self) -> f64 {
        match self.seen.as_slice() {
            [.., (s0, n0, _), (s1, n1, _)] if (s1 / s0).ln().abs() > 0.005 && n0 != n1 => {
                ((n1 / n0).ln() / (s1 / s0).ln()).clamp(0.8, 2.0)
            }
            _ => GROWTH,
        }
    }

    /// The height the body is predicted to take at `size`: between the bounds, on the
    /// line through them; else by [`Search::growth`] from the last layout.
    fn need_at(&self, size: f64) -> f64 {
        match (self.bracket(), self.seen.last()) {
            (Some(((s0, n0), (s1, n1))), _) => n0 + (size - s0) * (n1 - n0) / (s1 - s0),
            (None, Some(&(s, n, _))) => n * (size / s).powf(self.growth()),
            (None, None) => 0.0,
        }
    }

    /// The size predicted to just fill the room.
    fn estimate(&self) -> f64 {
        match (self.bracket(), self.seen.last()) {
            (Some(((s0, n0), (s1, n1))), _) => s0 + (self.room - n0) * (s1 - s0) / (n1 - n0),
            (None, Some(&(s, n, _))) => s * (self.room / n).powf(1.0 / self.growth()),
            (None, None) => self.max,
        }
    }

    /// Whether no size left to try could do better.
    fn settled(&self, out_of_rounds: bool) -> bool {
        out_of_rounds || self.candidate().is_none()
    }

    /// A size between the known bounds worth trying, if any.
    fn candidate(&self) -> Option<f64> {
        let low = self.fits.unwrap_or(self.min / STEP);
        let high = self.overflows.unwrap_or(self.max * STEP);
        let done = self.fits == Some(self.max) || self.overflows == Some(self.min) || self.full;
        if done || high <= low * STEP {
            return None;
        }
        // Aim a little low: a size that fits ends the search sooner than one that does not.
        let guess = self.estimate() * 0.995;
        // Each try narrows the bounds by at least a step, so the search ends in a few
        // rounds even where the estimate is poor.
        let (floor, ceiling) = (round_up(low * STEP), round_down(high / STEP));
        let guess = if floor <= ceiling {
            round_down(guess.max(floor).min(ceiling))
        } else {
            round_down((low * high).sqrt())
        };
        let guess = guess.min(self.max).max(self.min);
        let inside = guess > low && guess < high;
        (inside && guess != self.fits.unwrap_or(f64::NAN)).then_some(guess)
    }

    /// The size for the next layout: `None` for the design size.
    fn next(&self, out_of_rounds: bool) -> Option<f64> {
        let best = self.fits.unwrap_or(self.min);
        let size = if out_of_rounds { best } else { self.candidate().unwrap_or(best) };
        (size < self.max).then_some(size)
    }
}

/// Sizes go in steps of 0.1 pt, which also keeps the PDFs reproducible.
fn round_down(size: f64) -> f64 {
    (size * 10.0 + 1e-9).floor() / 10.0
}

fn round_up(size: f64) -> f64 {
    (size * 10.0 - 1e-9).ceil() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(size: f64, fits: bool, room: f64, need: f64) -> Probe {
        Probe { key: "k".into(), page: 2, size, max: 23.0, min: 14.0, fits, room, need }
    }

    #[test]
    fn a_body_that_fits_at_its_design_size_is_settled() {
        let mut search = Search::new(&probe(23.0, true, 300.0, 200.0));
        search.observe(&probe(23.0, true, 300.0, 200.0));
        assert!(search.settled(false));
        assert_eq!(search.next(false), None);
    }

    /// Searches for the size of a body with 300 pt of room, whose height is `300 · (size / fits_at)^growth`,
    /// first laid out at 23 pt. Returns the size chosen and how many layouts it took.
    fn settle(fits_at: f64, growth: f64) -> (f64, usize) {
        let room = 300.0;
        let need = |size: f64| room * (size / fits_at).powf(growth);
        let p = probe(23.0, false, room, need(23.0));
        let mut search = Search::new(&p);
        search.observe(&p);
        let mut rounds = 1;
        while let Some(size) = search.candidate() {
            rounds += 1;
            search.observe(&probe(size, size <= fits_at, room, need(size)));
        }
        (search.next(false).expect("shrunk"), rounds)
    }

    #[test]
    fn the_search_ends_at_the_largest_size_that_fits() {
        // A body whose height grows with the square of its size and fits at 18.0 pt.
        let (best, rounds) = settle(18.0, 2.0);
        assert!(best <= 18.0 && best * STEP > 18.0 - 0.1, "{best}");
        assert!(rounds <= 4, "{rounds} rounds");
    }

    #[test]
    fn a_body_of_short_lines_settles_in_a_few_rounds() {
        // Height that grows little faster than the size, as for a list of short points.
        let (best, rounds) = settle(19.0, 1.15);
        assert!(best <= 19.0 && best * STEP > 19.0 - 0.1, "{best}");
        assert!(rounds <= 3, "{rounds} rounds");
    }

    #[test]
    fn a_body_too_tall_at_the_smallest_size_settles_there() {
        let p = probe(23.0, false, 300.0, 3000.0);
        let mut search = Search::new(&p);
        search.observe(&p);
        while let Some(size) = search.candidate() {
            search.observe(&probe(size, false, 300.0, 3000.0 * (size / 23.0).powi(2)));
        }
        assert_eq!(search.next(false), Some(14.0));
    }
}
