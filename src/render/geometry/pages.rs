//! Render stage, geometry, pages: the checks of one page's paint.

use unicode_bidi::{BidiClass, bidi_class};

use super::paint::{Page, Paint, Rect, Run};
use super::{DefectKind, LEAST_PAGE_FILL, NO_LINE_START, REPEATS_HYPHEN, TOLERANCE, shown};

/// Runs of two different lines, or two runs of one line, whose inks meet.
pub(super) fn overlaps(page: &Page, out: &mut Vec<(DefectKind, String)>) {
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
pub(super) fn covered(page: &Page, out: &mut Vec<(DefectKind, String)>) {
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
pub(super) fn underlines(paint: &Paint, run: &Run) -> bool {
    let b = &paint.bounds;
    let thin = b.bottom - b.top < 0.15 * run.size;
    let below = b.top > run.baseline - 0.05 * run.size && b.bottom < run.baseline + 0.35 * run.size;
    let within = b.left >= run.left - 1.0 && b.right <= run.right + 1.0;
    !paint.filled && thin && below && within
}

/// Glyphs outside the page, or outside a clip they are inside.
pub(super) fn clipped(page: &Page, sheet: &Rect, out: &mut Vec<(DefectKind, String)>) {
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
pub(super) fn invisible(
    page: &Page,
    sheet: Option<typst::visualize::Paint>,
    out: &mut Vec<(DefectKind, String)>,
) {
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

/// A page whose text ends high above the foot of its text area (`top..bottom`), the
/// footer below it left out, while the text goes on to the next page.
pub(super) fn underfull(page: &Page, top: f64, bottom: f64, out: &mut Vec<(DefectKind, String)>) {
    let ends = page.runs.iter().filter_map(|r| r.bounds).filter(|b| b.top < bottom).map(|b| b.bottom);
    let Some(end) = ends.reduce(f64::max) else { return };
    let share = ((end - top) / (bottom - top)).clamp(0.0, 1.0);
    if share < LEAST_PAGE_FILL {
        out.push((DefectKind::Underfull(share), String::new()));
    }
}

/// Glyphs in the side margins, where no text of the templates goes: a word too long for
/// its column runs there. (A glyph already cut off is reported as that.)
pub(super) fn out_of_column(page: &Page, column: &Rect, out: &mut Vec<(DefectKind, String)>) {
    for run in &page.runs {
        // A glyph's ink may overhang its advance a little (the hook of a bold "J"): a
        // tenth of an em is a side bearing, not a word running out.
        let slack = (0.1 * run.size).max(1.0);
        let past = |ink: &Rect| ink.left < column.left - slack || ink.right > column.right + slack;
        let cut = out.iter().any(|(kind, text)| *kind == DefectKind::Clipped && *text == shown(&run.text));
        if !cut && run.inks.iter().any(past) {
            out.push((DefectKind::OutOfColumn, shown(&run.text)));
        }
    }
}

/// Lines that start with closing punctuation, a comma or a dash. Runs on one baseline
/// that follow each other with less than half an em between them make one line; a line
/// that holds right-to-left text starts on its right.
pub(super) fn line_starts(page: &Page, out: &mut Vec<(DefectKind, String)>) {
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
