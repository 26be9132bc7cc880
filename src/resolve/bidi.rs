//! Resolve stage, bidirectional text: in a right-to-left document, every left-to-right
//! run of more than one word or number (a phone number, an e-mail or web address, a code,
//! a Latin name, a signed number) is made a run of its own, marked `ltr`, so that it reads
//! left to right as written.
//!
//! Without this, the Unicode bidirectional algorithm lets the right-to-left paragraph
//! reorder the pieces of the run: "+41 22 555 01 23" prints as "23 01 555 22 41+". The
//! template sets an `ltr` run with `text(dir: ltr)`: the direction is a style, so no
//! control character reaches the text, the bookmarks or the metadata.

use unicode_bidi::{BidiClass, bidi_class};

use crate::markup::Run;

/// `run` cut into pieces, its left-to-right runs marked, for a right-to-left document.
pub(crate) fn split_ltr(run: Run) -> Vec<Run> {
    let chars: Vec<char> = run.text.chars().collect();
    let mut pieces: Vec<(String, bool)> = Vec::new();
    let mut push = |text: &[char], ltr: bool| {
        if text.is_empty() {
            return;
        }
        let text: String = text.iter().collect();
        match pieces.last_mut() {
            Some((last, false)) if !ltr => last.push_str(&text),
            _ => pieces.push((text, ltr)),
        }
    };
    let mut at = 0;
    while at < chars.len() {
        let Some((start, end)) = next_run(&chars, at) else {
            push(&chars[at..], false);
            break;
        };
        push(&chars[at..start], false);
        let ltr = &chars[start..end];
        push(ltr, reorders(ltr));
        at = end;
    }
    if pieces.len() <= 1 {
        let ltr = pieces.first().is_some_and(|(_, ltr)| *ltr);
        return vec![Run { ltr, ..run }];
    }
    pieces.into_iter().map(|(text, ltr)| Run { text, ltr, ..run.clone() }).collect()
}

/// Whether a right-to-left paragraph would reorder the pieces of `run`: when it holds
/// several words or numbers, starts with a sign, or mixes letters and digits (`A-1`,
/// `…?page=2`). A word, a number or an address of letters alone reads the same anyway.
fn reorders(run: &[char]) -> bool {
    let spaced = run.iter().any(|c| c.is_whitespace());
    let signed = run.first().is_some_and(|c| matches!(c, '+' | '-' | '(' | '[' | '#' | '$' | '€' | '£'));
    let letters = run.iter().any(|&c| bidi_class(c) == BidiClass::L);
    let digits = run.iter().any(|&c| bidi_class(c) == BidiClass::EN);
    spaced || signed || (letters && digits)
}

/// The next left-to-right run at or after `from`: from a strong left-to-right character
/// or a European digit (with a sign or an opening bracket just before it) to the last such
/// character before anything right-to-left or a line break.
fn next_run(chars: &[char], from: usize) -> Option<(usize, usize)> {
    let is_anchor = |c: char| matches!(bidi_class(c), BidiClass::L | BidiClass::EN);
    let first = (from..chars.len()).find(|&i| is_anchor(chars[i]))?;
    let mut start = first;
    while start > from && matches!(chars[start - 1], '+' | '-' | '(' | '[' | '#' | '$' | '€' | '£') {
        start -= 1;
    }
    let mut last = first;
    for (i, &c) in chars.iter().enumerate().skip(first) {
        match bidi_class(c) {
            BidiClass::R | BidiClass::AL | BidiClass::AN | BidiClass::B => break,
            _ if c == '\n' => break,
            BidiClass::L | BidiClass::EN => last = i,
            _ => {}
        }
    }
    let mut end = last + 1;
    // The closing bracket of an opening one taken in.
    let opened = chars[start..end].iter().filter(|&&c| c == '(').count();
    let closed = chars[start..end].iter().filter(|&&c| c == ')').count();
    if opened > closed && chars.get(end) == Some(&')') {
        end += 1;
    }
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn isolated(text: &str) -> String {
        let run = Run { text: text.to_owned(), ..Run::default() };
        split_ltr(run).into_iter().map(|r| if r.ltr { format!("[{}]", r.text) } else { r.text }).collect()
    }

    #[test]
    fn runs_of_several_pieces_are_isolated() {
        assert_eq!(isolated("هاتف +41 22 555 01 23."), "هاتف [+41 22 555 01 23].");
        assert_eq!(isolated("انظر example.org/a?page=2 هنا"), "انظر [example.org/a?page=2] هنا");
        assert_eq!(isolated("منظمة Russia Behind Bars (RBB) في"), "منظمة [Russia Behind Bars (RBB)] في");
        assert_eq!(isolated("المعيار ISO 3166 هنا"), "المعيار [ISO 3166] هنا");
        assert_eq!(isolated("درجة -5 C"), "درجة [-5 C]");
    }

    #[test]
    fn single_words_numbers_and_arabic_are_left_alone() {
        for text in [
            "العربية فقط",
            "عام 2023 كان",
            "1,899,000 شخص",
            "كلمة Word واحدة",
            "info@example.org",
            "2023-2024",
            "",
        ] {
            assert_eq!(isolated(text), text);
            assert!(split_ltr(Run { text: text.to_owned(), ..Run::default() }).len() <= 1);
        }
    }
}
