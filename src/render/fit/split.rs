//! Fit stage, splits: where a body too long for one slide continues on the next ones.
//!
//! A body is a sequence of pieces (list items, previous recommendations, our
//! recommendations), in one column or two (a finding's previous recommendations beside
//! its situation). One layout tells where each piece ended and where each column began
//! below its label; from that, the height any run of pieces would take on a slide of its
//! own is known, and so the size it could be set at. The pieces are cut into the fewest
//! runs that can each be set at the threshold size or above, as evenly as can be.

use super::probe::{Piece, Probe};
use super::search::STEP;

/// The height a column's pieces take when set across the slide, as a share of their
/// height in the column: wrapped text at twice the width takes about half as many lines,
/// while a line that was short stays one line. An estimate; the size search that follows
/// a cut corrects it.
const WIDENED: f64 = 0.7;

/// Where to cut the pieces of one slide, and the size each new slide is predicted to fit.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Split {
    /// The index of the first piece of each new slide after the first.
    pub starts: Vec<usize>,
    /// The ranges of pieces of the new slides, `(start, end)`, with their predicted size.
    pub parts: Vec<((usize, usize), f64)>,
}

/// The best split of the pieces `probe` shows, if there are several and some split lets
/// them be set larger than together: the fewest slides whose predicted sizes all reach
/// `target`, or else the split whose smallest predicted size is the largest.
///
/// Some cuts read better than others, and are taken when they reach `target` (or come
/// within a step of the best): first those that leave no slide with a single piece of a
/// column that has more, and that keep a body of two columns whole in its first (the
/// previous recommendations, beside which the situation carries on).
pub(super) fn split(probe: &Probe, growth: f64, target: f64) -> Option<Split> {
    let shape = Shape::of(probe)?;
    let n = shape.pieces.len();
    let predict = |a: usize, b: usize| {
        let height = shape.height(a, b).max(1.0);
        // Growing, heights jump as lines wrap: assume they grow fast, to aim at a size
        // that fits.
        let growth = if height < probe.room { growth.max(2.0) } else { growth };
        (probe.size * (probe.room / height).powf(1.0 / growth)).min(probe.max)
    };
    let whole =
        |a: usize, b: usize| if shape.leaves_one_alone(a, b) { f64::NEG_INFINITY } else { predict(a, b) };
    let last_group = shape.pieces.iter().map(|p| p.group).max().unwrap_or(0);
    let in_last_column = |i: usize| shape.pieces[i].group == last_group;
    let anywhere = |_: usize| true;
    let tries: [(&Size, &Allowed); 4] =
        [(&whole, &in_last_column), (&whole, &anywhere), (&predict, &in_last_column), (&predict, &anywhere)];
    let found: Vec<(f64, Vec<usize>)> =
        tries.iter().filter_map(|(size, allowed)| cuts(n, *size, target, *allowed)).collect();
    let best = found.iter().map(|f| f.0).fold(f64::NEG_INFINITY, f64::max);
    let (value, mut cuts) = found.into_iter().find(|f| f.0 >= target || f.0 * STEP >= best)?;
    // Worth a slide only if it sets the pieces larger by a step at least.
    if value <= predict(0, n) * STEP {
        return None;
    }
    merge_runs(&mut cuts, &predict, value.min(target));
    let parts = cuts
        .windows(2)
        .map(|w| ((shape.pieces[w[0]].index, end_index(&shape.pieces, w[1], probe.end)), predict(w[0], w[1])))
        .collect();
    let starts = cuts[1..cuts.len() - 1].iter().map(|&i| shape.pieces[i].index).collect();
    Some(Split { starts, parts })
}

/// Merges neighbouring runs whose pieces together are still predicted to be set at
/// `floor` or larger. The cuts maximize the smallest size: when one run cannot reach the
/// target (a long piece under a long title), the others may be cut finer than they need,
/// which leaves slides holding a single short point.
fn merge_runs(cuts: &mut Vec<usize>, predict: &Size, floor: f64) {
    let mut i = 1;
    while i + 1 < cuts.len() {
        if predict(cuts[i - 1], cuts[i + 1]) >= floor {
            cuts.remove(i);
        } else {
            i += 1;
        }
    }
}

/// The size predicted for the pieces `a..b` (local positions) on a slide of their own.
type Size<'a> = dyn Fn(usize, usize) -> f64 + 'a;

/// Whether a slide may start at a piece (local position).
type Allowed<'a> = dyn Fn(usize) -> bool + 'a;

/// The cuts of `n` pieces into two runs or more, each starting where `allowed`: the fewest
/// runs whose predicted sizes all reach `target`, or else those whose smallest predicted
/// size is the largest. Returns that smallest size and the run boundaries, `0` and `n`
/// included.
fn cuts(n: usize, predict: &Size, target: f64, allowed: &Allowed) -> Option<(f64, Vec<usize>)> {
    // best[k][j]: the largest smallest size of the first j pieces cut into k + 1 runs, and
    // where the last run starts.
    let none = (f64::NEG_INFINITY, 0);
    let mut best: Vec<Vec<(f64, usize)>> = vec![(0..=n).map(|j| (predict(0, j), 0)).collect()];
    for k in 1..n {
        let row = (0..=n)
            .map(|j| {
                (k..j)
                    .filter(|&i| allowed(i))
                    .map(|i| (best[k - 1][i].0.min(predict(i, j)), i))
                    .fold(none, |a, b| if b.0 > a.0 { b } else { a })
            })
            .collect();
        best.push(row);
    }
    let value = |k: usize| best[k][n].0;
    let reaching = (1..n).find(|&k| value(k) >= target);
    let k = reaching.or_else(|| (1..n).max_by(|&a, &b| value(a).total_cmp(&value(b)).then(b.cmp(&a))))?;
    if value(k) == f64::NEG_INFINITY {
        return None;
    }
    let mut cuts = vec![n];
    let mut j = n;
    for row in (1..=k).rev() {
        j = best[row][j].1;
        cuts.push(j);
    }
    cuts.push(0);
    cuts.reverse();
    Some((value(k), cuts))
}

/// The global index just past the run that ends before local position `j`.
fn end_index(pieces: &[Piece], j: usize, end: usize) -> usize {
    pieces.get(j).map_or(end, |piece| piece.index)
}

/// The heights of the pieces of a body, column by column.
struct Shape {
    pieces: Vec<Piece>,
    /// Each piece's own height, spacing before it included.
    heights: Vec<f64>,
    /// The height of each group's label (and any inset above its first piece).
    labels: Vec<(usize, f64)>,
    /// What the body takes below its tallest column (a card's inset).
    overhead: f64,
}

impl Shape {
    /// The shape of the pieces `probe` saw, if they are all there and there are two or more.
    fn of(probe: &Probe) -> Option<Self> {
        let pieces = probe.pieces.clone();
        let complete = pieces.len() == probe.end.saturating_sub(probe.start)
            && pieces.iter().enumerate().all(|(i, p)| p.index == probe.start + i);
        if !complete || pieces.len() < 2 {
            return None;
        }
        let label = |group: usize| probe.groups.get(&group).copied().unwrap_or(0.0);
        // A body taller than a whole page is cut off at its foot: the pieces below are not
        // where they would be, and take the average height of those above.
        let measured = |piece: &Piece| piece.end <= probe.need + 0.5;
        let mut last_end: Vec<(usize, f64)> = Vec::new();
        let mut heights = Vec::new();
        for piece in pieces.iter().filter(|piece| measured(piece)) {
            let before = match last_end.iter_mut().find(|(g, _)| *g == piece.group) {
                Some(entry) => std::mem::replace(&mut entry.1, piece.end),
                None => {
                    last_end.push((piece.group, piece.end));
                    label(piece.group)
                }
            };
            heights.push((piece.end - before).max(0.0));
        }
        let all_measured = heights.len() == pieces.len();
        let average =
            if heights.is_empty() { probe.need } else { heights.iter().sum::<f64>() / heights.len() as f64 };
        heights.resize(pieces.len(), average);
        let tallest = last_end.iter().map(|(_, end)| *end).fold(0.0, f64::max);
        let mut labels: Vec<(usize, f64)> = last_end.iter().map(|(g, _)| (*g, label(*g))).collect();
        for piece in &pieces {
            if !labels.iter().any(|(g, _)| *g == piece.group) {
                labels.push((piece.group, label(piece.group)));
            }
        }
        let overhead = if all_measured { (probe.need - tallest).max(0.0) } else { 0.0 };
        Some(Self { pieces, heights, labels, overhead })
    }

    /// Whether the pieces `a..b` (local positions) hold a single piece of a column that
    /// has more.
    fn leaves_one_alone(&self, a: usize, b: usize) -> bool {
        self.labels.iter().any(|&(group, _)| {
            let count =
                |range: std::ops::Range<usize>| range.filter(|&i| self.pieces[i].group == group).count();
            count(a..b) == 1 && count(0..self.pieces.len()) > 1
        })
    }

    /// The height the pieces `a..b` (local positions) would take on a slide of their own.
    /// When they all come from one column of a body of two, they are set across the
    /// slide, about twice as wide: see [`WIDENED`].
    fn height(&self, a: usize, b: usize) -> f64 {
        let column = |group: usize| {
            let mut pieces = (a..b).filter(|&i| self.pieces[i].group == group).peekable();
            pieces.peek()?;
            let label = self.labels.iter().find(|(g, _)| *g == group).map_or(0.0, |l| l.1);
            Some((label, pieces.map(|i| self.heights[i]).sum::<f64>()))
        };
        let columns: Vec<(f64, f64)> = self.labels.iter().filter_map(|(g, _)| column(*g)).collect();
        let widened = columns.len() == 1 && self.labels.len() > 1;
        let tallest = columns
            .iter()
            .map(|&(label, pieces)| label + if widened { pieces * WIDENED } else { pieces })
            .fold(0.0, f64::max);
        tallest + self.overhead
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A probe at 23 pt with 300 pt of room, of pieces `(group, height)` under labels 20 pt
    /// tall.
    fn probe(pieces: &[(usize, f64)]) -> Probe {
        let mut ends = [20.0, 20.0];
        let pieces: Vec<Piece> = pieces
            .iter()
            .enumerate()
            .map(|(index, &(group, height))| {
                ends[group] += height;
                Piece { index, group, end: ends[group] }
            })
            .collect();
        let need = ends.iter().copied().fold(0.0, f64::max);
        Probe {
            key: "k".into(),
            start: 0,
            end: pieces.len(),
            page: 2,
            size: 23.0,
            design: 23.0,
            max: 29.0,
            min: 14.0,
            fits: need <= 300.0,
            room: 300.0,
            need,
            groups: [(0, 20.0), (1, 20.0)].into_iter().take(if ends[1] > 20.0 { 2 } else { 1 }).collect(),
            pieces,
        }
    }

    #[test]
    fn a_long_list_is_cut_in_two_even_halves() {
        let split = split(&probe(&[(0, 80.0); 6]), 1.3, 19.5).expect("split");
        assert_eq!(split.starts, vec![3]);
        assert_eq!(split.parts.iter().map(|p| p.0).collect::<Vec<_>>(), vec![(0, 3), (3, 6)]);
        assert!(split.parts.iter().all(|p| p.1 >= 19.5), "{split:?}");
    }

    #[test]
    fn a_very_long_list_takes_as_many_slides_as_it_needs() {
        let split = split(&probe(&[(0, 100.0); 10]), 1.3, 19.5).expect("split");
        assert_eq!(split.parts.len(), 4, "{split:?}");
        assert!(split.parts.iter().all(|p| p.1 >= 19.5), "{split:?}");
    }

    #[test]
    fn two_columns_are_cut_where_the_taller_one_shrinks_most() {
        // Two previous recommendations beside six points: the points run over.
        let mut pieces = vec![(0, 90.0), (0, 90.0)];
        pieces.extend([(1, 70.0); 6]);
        let split = split(&probe(&pieces), 1.3, 19.5).expect("split");
        assert_eq!(split.parts.len(), 2, "{split:?}");
        let first = split.parts[0].0;
        assert!(first.1 > 2 && first.1 < 8, "both columns start on the first slide: {split:?}");
    }

    #[test]
    fn a_single_piece_is_never_cut() {
        assert!(split(&probe(&[(0, 900.0)]), 1.3, 19.5).is_none());
    }

    #[test]
    fn no_cut_when_one_piece_is_as_tall_as_all() {
        // The first piece alone is too tall: cutting cannot set it any larger.
        assert!(split(&probe(&[(0, 900.0), (0, 1.0)]), 1.3, 19.5).is_none());
    }
}
