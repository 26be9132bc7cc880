//! Resolve stage, bidirectional text: in a right-to-left document, every left-to-right
//! run of more than one word or number (a phone number, an e-mail or web address, a code,
//! a Latin name, a signed number) is isolated, so that it reads left to right as written.
//!
//! Without this, the Unicode bidirectional algorithm lets the right-to-left paragraph
//! reorder the pieces of the run: "+41 22 555 01 23" prints as "23 01 555 22 41+". The run
//! is wrapped in LEFT-TO-RIGHT ISOLATE (U+2066) … POP DIRECTIONAL ISOLATE (U+2069), which
//! Typst honours and does not draw.

use unicode_bidi::{BidiClass, bidi_class};

/// Starts an isolated left-to-right run.
const LRI: char = '\u{2066}';
/// Ends it.
const PDI: char = '\u{2069}';

/// `text` with its left-to-right runs isolated, for a right-to-left document.
pub(crate) fn isolate_ltr(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let mut at = 0;
    while at < chars.len() {
        let Some((start, end)) = next_run(&chars, at) else {
            out.extend(&chars[at..]);
            break;
        };
        out.extend(&chars[at..start]);
        let run = &chars[start..end];
        if !reorders(run) {
            out.extend(run);
        } else {
            out.push(LRI);
            out.extend(run);
            out.push(PDI);
        }
        at = end;
    }
    out
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
        isolate_ltr(text).replace(LRI, "[").replace(PDI, "]")
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
            assert_eq!(isolate_ltr(text), text);
        }
    }
}
