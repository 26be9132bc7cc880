//! Fit stage: sets each slide body as large as reads well on its slide, and carries a
//! body too long for one slide on to the next.
//!
//! A deck is laid out with every body at its design size. `fitted` in `fit.typ` leaves
//! two markers per slide: `<fit>` at the foot of the title (always on the slide's own
//! page) and `<fit-end>` after the body. A body that is too tall runs on to another page,
//! and its end marker with it; that is the only test of fit, so no estimate can let an
//! overflow through. Where the markers are also tells how tall the body was, which gives
//! the next size to try (text height grows about with the square of its size): smaller
//! for a body that ran over, larger (up to its `max`) for one with room to spare.
//!
//! A body that would have to go below [`SMALLEST_SHARE`] of its design size is cut at a
//! piece boundary instead (`split`), and carries on on a next slide marked "(continued)";
//! each piece leaves a marker, so one layout tells where to cut. The sizes and cuts are
//! served to the template at `/fit.json` (`sizes` by slot, `splits` by body key).
//!
//! Once the search has settled, a slide left mostly empty while its body goes on (a short
//! piece alone, the next too long to join it at the body's size) is joined to the next
//! and the deck searched again, the body allowed smaller before it is cut again; the
//! result is taken if it leaves fewer such slides and runs over nowhere new (`balance`).
//!
//! Only the bodies whose size changed are laid out again: the template reads the sizes
//! when it lays a slide out, and Typst's memoization reuses every other slide's layout.
//! A deck rebuilt from the same inputs is laid out once, at the sizes and cuts the last
//! build recorded.

mod balance;
mod probe;
mod search;
mod split;

use std::collections::{BTreeMap, BTreeSet};

use typst::foundations::Bytes;
use typst_layout::PagedDocument;

use self::balance::{fill_short, merge_short};
use self::probe::{Probe, slot_of};
use self::search::{Search, round_down};
use super::{Job, Typesetter};
use crate::diag::Diagnostic;
use crate::model::TextKey;

/// A body set below this share of its design size is cut and carried on to a next slide
/// when it can be; one that cannot (a single piece) is reported.
pub(crate) const SMALLEST_SHARE: f64 = 0.85;

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
    pub design: f64,
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
    /// The sizes and cuts chosen, as served at `/fit.json` (for `--emit-typst` and the
    /// cache).
    pub sizes: Bytes,
    /// How many times the deck was laid out.
    #[cfg_attr(not(test), allow(dead_code))]
    pub layouts: usize,
}

/// A body whose mostly empty slide was joined to the next is cut again only below this
/// share of its design size: cutting it at the usual share would undo the join.
const JOINED_SHARE_CUT: f64 = 0.75;

/// A body is cut before its search has settled only when the estimate of its size is
/// below this share of the size it must reach: estimates from one layout are rough.
const ROUGHLY: f64 = 0.92;

/// At most this many layouts of one deck; the search has always settled long before.
const MAX_ROUNDS: usize = 10;

/// What `/fit.json` holds.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Plan {
    /// The size of each slot set at other than its design size, in points.
    #[serde(default)]
    sizes: BTreeMap<String, f64>,
    /// For each body cut over several slides, the first piece of each next slide.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    splits: BTreeMap<String, Vec<usize>>,
}

impl Plan {
    fn to_bytes(&self) -> Bytes {
        Bytes::new(serde_json::to_vec(self).unwrap_or_else(|_| b"{}".to_vec()))
    }
}

/// Every body at its design size, on one slide, as served at `/fit.json`.
pub(crate) fn design_sizes() -> Bytes {
    Plan::default().to_bytes()
}

/// Lays out `job`, sizing and cutting slide bodies until each reads well.
///
/// `known`: the plan a search of the very same inputs settled on before. The deck is laid
/// out once with it; if every body fits there (or sits at its smallest size), that is the
/// search's result, since the search is deterministic. Otherwise it searches.
pub(crate) fn layout(
    typesetter: &Typesetter,
    mut job: Job,
    known: Option<Bytes>,
) -> Result<Fitted, Vec<Diagnostic>> {
    if let Some(sizes) = known {
        job.sizes = sizes;
        // A record that does not lay out (say, a cache edited by hand) is only ignored.
        if let Ok((document, warnings)) = typesetter.compile(&job) {
            let probes = probe::probes(&document);
            // Sizes out of bounds were never chosen by a search: the record is not ours.
            let chosen = |p: &Probe| (p.min - 1e-6..=p.max + 1e-6).contains(&p.size);
            if probes.iter().all(|p| chosen(p) && (p.fits || p.size <= p.min + 1e-6)) {
                let fits = probes.iter().filter_map(fit).collect();
                return Ok(Fitted { document, warnings, fits, sizes: job.sizes, layouts: 1 });
            }
        }
    }
    let (fitted, plan) = search(typesetter, &mut job, Plan::default(), &BTreeSet::new())?;
    let empty = balance::empty_slides(&probe::probes(&fitted.document));
    if empty.is_empty() {
        return Ok(fitted);
    }
    // A slide left mostly empty while its body goes on: searched again with it joined to
    // the next, and the body allowed smaller before it is cut again. Taken if it leaves
    // fewer such slides and runs over nowhere it did not.
    let mut joined = plan.clone();
    for (key, next) in &empty {
        if let Some(cuts) = joined.splits.get_mut(key) {
            cuts.retain(|c| c != next);
        }
    }
    joined.splits.retain(|_, cuts| !cuts.is_empty());
    let keys: BTreeSet<String> = empty.into_iter().map(|(key, _)| key).collect();
    let first_layouts = fitted.layouts;
    let Ok((mut second, _)) = search(typesetter, &mut job, joined, &keys) else { return Ok(fitted) };
    let overflows = |f: &Fitted| f.fits.iter().filter(|fit| fit.overflows).count();
    let emptier = |f: &Fitted| balance::empty_slides(&probe::probes(&f.document)).len();
    second.layouts += first_layouts;
    if overflows(&second) <= overflows(&fitted) && emptier(&second) < emptier(&fitted) {
        Ok(second)
    } else {
        // The first result, as served: its sizes are what `--emit-typst` and the cache keep.
        Ok(Fitted { layouts: second.layouts, ..fitted })
    }
}

/// Searches the sizes and cuts of every body, from `plan`'s cuts. The bodies of `joined`
/// are cut again only below [`JOINED_SHARE_CUT`] of their design size.
fn search(
    typesetter: &Typesetter,
    job: &mut Job,
    mut plan: Plan,
    joined: &BTreeSet<String>,
) -> Result<(Fitted, Plan), Vec<Diagnostic>> {
    // One search per body: all the slides of a body cut over several are set at one size,
    // so that each reads as the continuation of the one before.
    let mut searches: BTreeMap<String, Search> = BTreeMap::new();
    let mut round = 0;
    loop {
        round += 1;
        job.sizes = plan.to_bytes();
        let (document, warnings) = typesetter.compile(job)?;
        let probes = probe::probes(&document);
        let bodies = bodies(&probes);
        for (key, parts) in &bodies {
            let whole = whole(parts);
            searches.entry(key.clone()).or_insert_with(|| Search::new(&whole)).observe(&whole);
        }
        let out_of_rounds = round >= MAX_ROUNDS;
        let mut next = Plan { sizes: BTreeMap::new(), splits: plan.splits.clone() };
        let mut settled = true;
        for (key, parts) in &bodies {
            let search = &searches[key];
            settled &= search.settled(out_of_rounds);
            let share = if joined.contains(key) { JOINED_SHARE_CUT } else { SMALLEST_SHARE };
            let size = match cut(parts, search, out_of_rounds, share) {
                Some((starts, size)) => {
                    let cuts = next.splits.entry(key.clone()).or_default();
                    cuts.extend(starts);
                    cuts.sort_unstable();
                    cuts.dedup();
                    // A new search, from the size the cut is predicted to allow.
                    searches.remove(key);
                    (size != parts[0].design).then_some(size)
                }
                None => {
                    // Once the body's size is found: at that size, not one the search
                    // tries; never in the last rounds, which must end on a layout that fits.
                    let mut moved = false;
                    if !out_of_rounds
                        && search.settled(false)
                        && let Some(cuts) = next.splits.get_mut(key)
                    {
                        let before = cuts.clone();
                        merge_short(parts, cuts);
                        fill_short(parts, cuts);
                        moved = *cuts != before;
                    }
                    let size = search.next(out_of_rounds);
                    // Slides joined or filled are laid out anew: a new search, from the
                    // size they were joined at, makes sure that they fit.
                    if moved {
                        searches.remove(key);
                    }
                    size
                }
            };
            let slides = next.splits.get(key).map_or(0, Vec::len) + 1;
            for part in 0..slides {
                if let Some(size) = size {
                    next.sizes.insert(slot_of(key, part), size);
                }
            }
        }
        if next == plan && settled {
            let fits = probes.iter().filter_map(fit).collect();
            let sizes = job.sizes.clone();
            return Ok((Fitted { document, warnings, fits, sizes, layouts: round }, plan));
        }
        plan = next;
    }
}

/// The probes of each body's slides, by body key.
fn bodies(probes: &[Probe]) -> BTreeMap<String, Vec<&Probe>> {
    let mut bodies: BTreeMap<String, Vec<&Probe>> = BTreeMap::new();
    for probe in probes {
        bodies.entry(probe.key.clone()).or_default().push(probe);
    }
    bodies
}

/// The slides of one body as one probe for its search: the size they share, whether all
/// fit, and the height of the fullest as a share of its room.
fn whole(parts: &[&Probe]) -> Probe {
    let fullest = parts
        .iter()
        .max_by(|a, b| (a.need / a.room).total_cmp(&(b.need / b.room)))
        .expect("a body has a slide");
    let mut whole = (*fullest).clone();
    whole.fits = parts.iter().all(|part| part.fits);
    whole.room = SHARE;
    whole.need = SHARE * fullest.need / fullest.room;
    whole
}

/// The room every body's search sees, its slides' heights being scaled to it.
const SHARE: f64 = 1000.0;

/// Where to cut the fullest slide of a body headed below `share` of its design size, and
/// the size the body is then predicted to take, if it can be cut.
fn cut(parts: &[&Probe], search: &Search, out_of_rounds: bool, share: f64) -> Option<(Vec<usize>, f64)> {
    let fullest = parts.iter().max_by(|a, b| (a.need / a.room).total_cmp(&(b.need / b.room)))?;
    let target = fullest.design * share;
    // Cut once two layouts tell how the body grows and it is headed below the target, or
    // at once when even a rough estimate puts it well below: a body cut needlessly reads
    // worse than one a little smaller.
    let below = if search.settled(false) || search.measured() { target } else { target * ROUGHLY };
    if out_of_rounds || search.prospect() >= below {
        return None;
    }
    let split = split::split(fullest, search.growth(), target)?;
    // The other slides of the body, at the size their fullest could take.
    let others = parts
        .iter()
        .filter(|part| part.start != fullest.start)
        .map(|part| part.size * (part.room / part.need.max(1.0)).powf(1.0 / search.growth()));
    let size = split.parts.iter().map(|part| part.1).chain(others).fold(fullest.max, f64::min);
    Some((split.starts, round_down(size).clamp(fullest.min, fullest.max)))
}

/// The record to report, if the body is not at its design size or does not fit.
fn fit(probe: &Probe) -> Option<Fit> {
    (probe.size < probe.design || !probe.fits).then(|| Fit {
        key: TextKey::parse(&probe.key),
        page: probe.page,
        size: probe.size,
        design: probe.design,
        overflows: !probe.fits,
    })
}
