//! Fit stage, search: the largest size at which one slide body fits, in few layouts.

use super::probe::Probe;

/// Two sizes closer than this ratio are as good as each other: the search stops.
pub(super) const STEP: f64 = 1.03;

/// How height grows with size before two layouts tell: `height ∝ size^growth`. Text that
/// wraps grows with the square of its size (taller lines, and more of them); short lines
/// and spacing fixed in length grow less: the example decks' bodies measure 1.0–2.0. The
/// guess errs on the side of a size that fits, which ends a search sooner: a low growth
/// for a body that must shrink, a high one for a body that may grow.
const GROWTH_SHRINKING: f64 = 1.3;
const GROWTH_GROWING: f64 = 2.0;

/// The search for one body's size: the largest size that fits, to within [`STEP`].
#[derive(Debug)]
pub(super) struct Search {
    /// The design size: a body set at it is left out of `/fit.json`.
    design: f64,
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
    pub(super) fn new(probe: &Probe) -> Self {
        let (design, max, min, room) = (probe.design, probe.max, probe.min, probe.room);
        Self { design, max, min, room, fits: None, full: false, overflows: None, seen: Vec::new() }
    }

    pub(super) fn observe(&mut self, probe: &Probe) {
        self.room = probe.room;
        self.seen.push((probe.size, probe.need.max(1.0), probe.fits));
        if probe.fits {
            if self.fits.is_none_or(|s| probe.size > s) {
                self.fits = Some(probe.size);
            }
        } else {
            self.overflows = Some(self.overflows.map_or(probe.size, |s| s.min(probe.size)));
        }
        // Above its design size, a body that fits is large enough: growing one that already
        // fits is worth fewer layouts than shrinking one that does not. Heights jump as
        // lines wrap, and a try that runs over costs a layout to undo.
        self.full = self.fits.is_some_and(|s| s > self.design || self.need_at(s * STEP) > self.room);
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
    /// last two layouts, or else [`GROWTH_SHRINKING`] or [`GROWTH_GROWING`].
    pub(super) fn growth(&self) -> f64 {
        match self.seen.as_slice() {
            [.., (s0, n0, _), (s1, n1, _)] if (s1 / s0).ln().abs() > 0.005 && n0 != n1 => {
                ((n1 / n0).ln() / (s1 / s0).ln()).clamp(0.8, 2.0)
            }
            [.., (_, need, _)] if *need <= self.room => GROWTH_GROWING,
            _ => GROWTH_SHRINKING,
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

    /// The size predicted to just fill `room`.
    fn estimate(&self, room: f64) -> f64 {
        match (self.bracket(), self.seen.last()) {
            (Some(((s0, n0), (s1, n1))), _) => s0 + (room - n0) * (s1 - s0) / (n1 - n0),
            (None, Some(&(s, n, _))) => s * (room / n).powf(1.0 / self.growth()),
            (None, None) => self.max,
        }
    }

    /// The size the search is headed for: the best so far once settled, else the size
    /// predicted to just fill the room.
    pub(super) fn prospect(&self) -> f64 {
        match self.candidate() {
            None => self.fits.unwrap_or(self.min),
            Some(_) => self.estimate(self.room).clamp(self.min, self.max),
        }
    }

    /// Whether two layouts at different sizes tell how the body grows.
    pub(super) fn measured(&self) -> bool {
        let mut sizes = self.seen.iter().map(|seen| seen.0);
        sizes.next().is_some_and(|first| sizes.any(|size| size != first))
    }

    /// Whether no size left to try could do better.
    pub(super) fn settled(&self, out_of_rounds: bool) -> bool {
        out_of_rounds || self.candidate().is_none()
    }

    /// A size between the known bounds worth trying, if any.
    fn candidate(&self) -> Option<f64> {
        let step = STEP;
        let low = self.fits.unwrap_or(self.min / step);
        let high = self.overflows.unwrap_or(self.max * step);
        let done = self.fits == Some(self.max) || self.overflows == Some(self.min) || self.full;
        if done || high <= low * step {
            return None;
        }
        // Aim a little low: a size that fits ends the search sooner than one that does not.
        // Lower still above the design size, where being a little short costs nothing.
        let growing = self.estimate(self.room) > self.design;
        let guess = if growing { self.estimate(self.room * 0.95) } else { self.estimate(self.room) * 0.995 };
        // Each try narrows the bounds by at least a step, so the search ends in a few
        // rounds even where the estimate is poor.
        let (floor, ceiling) = (round_up(low * step), round_down(high / step));
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
    pub(super) fn next(&self, out_of_rounds: bool) -> Option<f64> {
        let best = self.fits.unwrap_or(self.min);
        let size = if out_of_rounds { best } else { self.candidate().unwrap_or(best) };
        (size != self.design).then_some(size)
    }
}

/// Sizes go in steps of 0.1 pt, which also keeps the PDFs reproducible.
pub(super) fn round_down(size: f64) -> f64 {
    (size * 10.0 + 1e-9).floor() / 10.0
}

fn round_up(size: f64) -> f64 {
    (size * 10.0 - 1e-9).ceil() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A probe of a body designed at 23 pt that may grow to `max`.
    fn probe(size: f64, max: f64, fits: bool, room: f64, need: f64) -> Probe {
        Probe {
            key: "k".into(),
            start: 0,
            end: 1,
            page: 2,
            size,
            design: 23.0,
            max,
            min: 14.0,
            fits,
            room,
            need,
            groups: Default::default(),
            pieces: Vec::new(),
        }
    }

    #[test]
    fn a_body_that_fits_at_its_largest_size_is_settled() {
        let mut search = Search::new(&probe(23.0, 23.0, true, 300.0, 200.0));
        search.observe(&probe(23.0, 23.0, true, 300.0, 200.0));
        assert!(search.settled(false));
        assert_eq!(search.next(false), None);
    }

    /// Searches for the size of a body with 300 pt of room, whose height is
    /// `300 · (size / fits_at)^growth`, first laid out at 23 pt and allowed up to `max`.
    /// Returns the size chosen and how many layouts it took.
    fn settle(fits_at: f64, growth: f64, max: f64) -> (f64, usize) {
        let room = 300.0;
        let need = |size: f64| room * (size / fits_at).powf(growth);
        let p = probe(23.0, max, 23.0 <= fits_at, room, need(23.0));
        let mut search = Search::new(&p);
        search.observe(&p);
        let mut rounds = 1;
        while let Some(size) = search.candidate() {
            rounds += 1;
            search.observe(&probe(size, max, size <= fits_at, room, need(size)));
        }
        (search.next(false).unwrap_or(23.0), rounds)
    }

    #[test]
    fn the_search_ends_at_the_largest_size_that_fits() {
        // A body whose height grows with the square of its size and fits at 18.0 pt.
        let (best, rounds) = settle(18.0, 2.0, 23.0);
        assert!(best <= 18.0 && best * STEP > 18.0 - 0.1, "{best}");
        assert!(rounds <= 4, "{rounds} rounds");
    }

    #[test]
    fn a_body_of_short_lines_settles_in_a_few_rounds() {
        // Height that grows little faster than the size, as for a list of short points.
        let (best, rounds) = settle(19.0, 1.15, 23.0);
        assert!(best <= 19.0 && best * STEP > 19.0 - 0.1, "{best}");
        assert!(rounds <= 3, "{rounds} rounds");
    }

    #[test]
    fn a_short_body_grows_in_one_more_layout_up_to_its_largest_size() {
        // Growing stops at the first larger size that fits: heights jump as lines wrap,
        // and a try that runs over costs a layout.
        let (best, rounds) = settle(26.0, 1.3, 29.0);
        assert!(best > 23.5 && best <= 26.0, "{best}");
        assert_eq!(rounds, 2);
        let (best, _) = settle(40.0, 1.3, 29.0);
        assert_eq!(best, 29.0);
    }

    #[test]
    fn a_body_too_tall_at_the_smallest_size_settles_there() {
        let p = probe(23.0, 23.0, false, 300.0, 3000.0);
        let mut search = Search::new(&p);
        search.observe(&p);
        while let Some(size) = search.candidate() {
            search.observe(&probe(size, 23.0, false, 300.0, 3000.0 * (size / 23.0).powi(2)));
        }
        assert_eq!(search.next(false), Some(14.0));
        assert_eq!(search.prospect(), 14.0);
    }
}
