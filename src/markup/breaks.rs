//! Resolve stage, markup: places to break long tokens that the language's hyphenation
//! cannot break, so that nothing runs off a page, without adding a character to the text.
//!
//! Words are left to Typst's hyphenation (the language's patterns, a visible hyphen), and
//! web addresses (`https://…`, `www.…`) to its own rules for links. What is left is an
//! e-mail address, which may break after its `@` and its dots; a long token that is no
//! word (an identifier, a reference number), which may break after its punctuation and, in
//! a stretch still too long, every few characters; and a word longer than any word that
//! the language's patterns cannot hyphenate (a language without patterns, a string of
//! one letter), which may break every few characters.

/// A token this long is no word when it holds anything but letters.
const LONGEST_WORD: usize = 24;

/// In a token that is no word, the longest stretch left without a place to break.
const LONGEST_PIECE: usize = 16;

/// Where a stretch too long is given places to break: every so many characters.
const TOKEN_PIECE: usize = 8;

/// Byte offsets in `text` where a line may break that Typst would not find itself;
/// `language`: the ISO 639 code it is hyphenated with.
pub(crate) fn break_points(text: &str, language: &str) -> Vec<usize> {
    let patterns = <[u8; 2]>::try_from(language.as_bytes()).ok().and_then(hypher::Lang::from_iso);
    let mut breaks = Vec::new();
    let mut start = None;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let separates = c.is_whitespace() || is_cjk(c);
        match (start, separates) {
            (None, false) => start = Some(at),
            (Some(from), true) => {
                token_breaks(&text[from..at], from, patterns, &mut breaks);
                start = None;
            }
            _ => {}
        }
    }
    breaks
}

/// The places to break `token`, which starts at byte `offset`.
fn token_breaks(token: &str, offset: usize, patterns: Option<hypher::Lang>, out: &mut Vec<usize>) {
    if token.contains("://") || token.starts_with("www.") {
        return;
    }
    let core = token.trim_matches(|c: char| !c.is_alphanumeric());
    let Some(core_at) = token.find(core).filter(|_| !core.is_empty()) else { return };
    let email = core.contains('@');
    let word = core.chars().all(|c| c.is_alphabetic() || c == '-' || is_mark(c));
    let long = core.chars().count() > LONGEST_WORD;
    if !email && (!long || (word && hyphenates(core, patterns))) {
        return;
    }
    let base = offset + core_at;
    let mut stretch = 0;
    let mut chars = core.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let Some(&(next, _)) = chars.peek() else { break };
        stretch += 1;
        let after_punctuation = !c.is_alphanumeric() && !is_mark(c);
        if after_punctuation || (!email && stretch >= TOKEN_PIECE && stretch_too_long(core, at)) {
            out.push(base + next);
            stretch = 0;
        }
    }
}

/// Whether the language's patterns find a place to hyphenate `word` in every stretch of
/// [`LONGEST_PIECE`] characters.
fn hyphenates(word: &str, patterns: Option<hypher::Lang>) -> bool {
    let Some(patterns) = patterns else { return false };
    hypher::hyphenate(word, patterns).all(|syllable| syllable.chars().count() <= LONGEST_PIECE)
}

/// Whether the stretch of letters and digits around byte `at` of `core` is longer than a
/// line of large type can be asked to hold.
fn stretch_too_long(core: &str, at: usize) -> bool {
    let is_piece = |c: char| c.is_alphanumeric() || is_mark(c);
    let before = core[..at].chars().rev().take_while(|&c| is_piece(c)).count();
    let after = core[at..].chars().take_while(|&c| is_piece(c)).count();
    before + after > LONGEST_PIECE
}

/// Combining marks, which belong to the letter before them.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F | 0x200C | 0x200D)
}

/// Whether lines may break around `c` anyway: Chinese, Japanese and Korean characters.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        let mut at = 0;
        let mut out = Vec::new();
        for b in break_points(text, "de") {
            out.push(&text[at..b]);
            at = b;
        }
        out.push(&text[at..]);
        out
    }

    #[test]
    fn words_and_web_addresses_are_left_to_typst() {
        for text in [
            "an ordinary sentence, internationalization",
            "Untersuchungshaftvollzugsanstalt, Strafvollzugsüberwachungsinitiative.",
            "https://www.example.org/a/very/long/path/to/a-report-2025.pdf",
            "www.example-coalition.org/upr/2025",
            "中".repeat(40).as_str(),
            "ID-12345",
        ] {
            assert_eq!(break_points(text, "de"), Vec::<usize>::new(), "{text}");
        }
    }

    #[test]
    fn e_mail_addresses_break_after_their_punctuation() {
        assert_eq!(
            pieces("write to advocacy.coordination@example-coalition.org."),
            ["write to advocacy.", "coordination@", "example-", "coalition.", "org."]
        );
    }

    #[test]
    fn a_word_that_cannot_be_hyphenated_breaks_every_few_characters() {
        let word = "Y".repeat(60);
        assert!(break_points(&word, "en").len() >= 6);
        let persian = "ب".repeat(30);
        assert!(!break_points(&persian, "fa").is_empty(), "no patterns for Persian");
        assert!(
            break_points("Untersuchungshaftvollzugsanstalt", "en").is_empty(),
            "English patterns break it"
        );
    }

    #[test]
    fn long_identifiers_break_after_punctuation_and_in_long_stretches() {
        let token = "A/HRC/WG.6/44/RUS_1-ref:0123456789abcdef0123456789";
        let joined: String = pieces(token).concat();
        assert_eq!(joined, token, "no character is added");
        assert!(pieces(token).iter().all(|p| p.chars().count() <= 16), "{:?}", pieces(token));
    }
}
