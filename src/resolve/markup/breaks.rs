//! Resolve stage, markup: places to break long tokens, so that nothing runs off a page.

/// A stretch of text this long without a place to break a line is no word but a token
/// (an identifier, a long web address, a paste gone wrong): longer than almost any word
/// of any language, so that words are never cut.
const LONGEST_WORD: usize = 24;

/// Where a token is given places to break: every so many characters, few enough to fit
/// a line of the largest type the templates set.
const TOKEN_PIECE: usize = 8;

/// `text` with a zero-width space (U+200B) every [`TOKEN_PIECE`] characters inside each
/// token longer than [`LONGEST_WORD`] characters without a place to break a line (a
/// space, a hyphen, a slash, a CJK character), so that it breaks instead of running off
/// the page.
pub(crate) fn breakable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut token = String::new();
    for c in text.chars() {
        let breaks = c.is_whitespace() || matches!(c, '-' | '/' | '\u{200B}' | '\u{AD}') || is_cjk(c);
        if breaks {
            push_token(&mut out, &token);
            token.clear();
            out.push(c);
        } else {
            token.push(c);
        }
    }
    push_token(&mut out, &token);
    out
}

fn push_token(out: &mut String, token: &str) {
    if token.chars().count() <= LONGEST_WORD {
        out.push_str(token);
        return;
    }
    for (i, c) in token.chars().enumerate() {
        if i > 0 && i % TOKEN_PIECE == 0 {
            out.push('\u{200B}');
        }
        out.push(c);
    }
}

/// Whether lines may break around `c` anyway: Chinese, Japanese and Korean characters.
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}
