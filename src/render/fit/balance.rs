//! Fit stage, balance: once a body's size is found, the cuts that left a slide mostly
//! empty while its body goes on are moved. Cutting the fullest slide again and again can
//! peel off one short piece at a time, each then alone on a slide.

use super::probe::Probe;
use crate::render::geometry::LEAST_FILL;

/// Joins two slides of a body that follow each other when, at the body's size, they
/// would together still fit one slide, with a margin: cutting the
/// fullest slide again and again can peel off one short piece at a time, each then alone
/// on a mostly empty slide. Only slides of one column are joined (two columns side by side
/// lay out anew).
pub(super) fn merge_short(parts: &[&Probe], cuts: &mut Vec<usize>) {
    let column = |p: &Probe| {
        let mut groups = p.pieces.iter().map(|piece| piece.group);
        let first = groups.next();
        first.filter(|g| groups.all(|other| other == *g))
    };
    // The slide joined so far: its need, its room and its column.
    let mut joined: Option<(f64, f64, Option<usize>)> = None;
    for part in parts {
        let gap = 0.8 * part.size;
        match joined {
            Some((need, room, group))
                if part.fits
                    && group.is_some()
                    && column(part) == group
                    && need + gap + part.need <= JOINED_SHARE * room.min(part.room) =>
            {
                cuts.retain(|&c| c != part.start);
                joined = Some((need + gap + part.need, room.min(part.room), group));
            }
            _ => joined = part.fits.then(|| (part.need, part.room, column(part))),
        }
    }
}

/// Moves the first piece of a slide back onto the slide before it, of the same body and
/// column, when that one is mostly empty and the piece fits there: the cuts maximize the
/// smallest size, which can leave a short piece alone on a slide while the next is full.
pub(super) fn fill_short(parts: &[&Probe], cuts: &mut [usize]) {
    for pair in parts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(first) = b.pieces.first() else { continue };
        let one_column = a.pieces.iter().chain(&b.pieces).all(|p| p.group == first.group);
        if !(a.fits && b.fits && one_column && b.pieces.len() >= 2 && a.need < EMPTY_SHARE * a.room) {
            continue;
        }
        let height = first.end - b.groups.get(&first.group).copied().unwrap_or(0.0);
        if a.need + 0.8 * a.size + height <= JOINED_SHARE * a.room
            && let Some(cut) = cuts.iter_mut().find(|c| **c == b.start)
        {
            *cut = b.pieces[1].index;
        }
    }
}

/// A slide whose body fills less than this share of its room, while the body goes on to
/// the next slide, takes a piece back from it.
const EMPTY_SHARE: f64 = 0.4;

/// The share of a slide's room that two slides joined may fill: the estimate leaves out
/// the label the second one repeats, and a title one line longer.
const JOINED_SHARE: f64 = 0.92;

/// The slides whose body fills less than [`LEAST_FILL`] of their room (as the page
/// geometry check requires) while it goes on to
/// the next slide: each as its body's key and the first piece of the slide after it.
pub(super) fn empty_slides(probes: &[Probe]) -> Vec<(String, usize)> {
    probes
        .windows(2)
        .filter(|pair| pair[0].key == pair[1].key && pair[0].fits && pair[0].need < LEAST_FILL * pair[0].room)
        .map(|pair| (pair[1].key.clone(), pair[1].start))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slide(key: &str, start: usize, need: f64) -> Probe {
        Probe {
            key: key.into(),
            start,
            end: start + 1,
            page: start + 2,
            size: 23.0,
            design: 23.0,
            max: 29.0,
            min: 14.0,
            fits: true,
            room: 300.0,
            need,
            groups: Default::default(),
            pieces: Vec::new(),
        }
    }

    #[test]
    fn a_mostly_empty_slide_is_found_only_when_its_body_goes_on() {
        let probes = [slide("a", 0, 280.0), slide("a", 1, 60.0), slide("a", 2, 250.0), slide("b", 0, 40.0)];
        // `a`'s second slide is 80% empty and `a` goes on; `b`'s only slide may be short.
        assert_eq!(empty_slides(&probes), [("a".to_owned(), 2)]);
        let full = [slide("a", 0, 280.0), slide("a", 1, 120.0)];
        assert!(empty_slides(&full).is_empty(), "a short last slide is the end of its body");
    }
}
