//! Resolve stage, markup: what is escaped before pulldown-cmark reads a text, so that only
//! our markup is markup.

use std::ops::Range;

/// The characters that make markup: a backslash before one of them prints it.
const MARKS: &[char] = &['*', '_', '[', ']', '<', '"', '\\'];

/// The source with backslashes inserted where Markdown would read more than our markup:
/// before what would start a block, before `&` (so that entities stay as written), and
/// before a backslash that escapes none of our marks. Remembers where it inserted them,
/// so that what is printed from the source as written can leave them out again.
pub(super) struct Escaped {
    pub text: String,
    /// Byte offsets in `text` of the backslashes inserted.
    inserted: Vec<usize>,
}

impl Escaped {
    pub(super) fn new(source: &str) -> Self {
        let mut escaped = Self { text: String::with_capacity(source.len() + 8), inserted: Vec::new() };
        for (i, line) in source.split('\n').enumerate() {
            if i > 0 {
                escaped.text.push('\n');
            }
            // Leading blanks carry no meaning here, and four of them would start a code block.
            let content = line.trim_start();
            let block = block_marker(content);
            let mut chars = content.char_indices().peekable();
            while let Some((at, c)) = chars.next() {
                if Some(at) == block || c == '&' {
                    escaped.insert_backslash();
                }
                escaped.text.push(c);
                if c == '\\' {
                    match chars.peek() {
                        Some(&(_, next)) if MARKS.contains(&next) => {
                            escaped.text.push(next);
                            chars.next();
                        }
                        // An ordinary backslash: escaped, so that it prints.
                        _ => escaped.insert_backslash(),
                    }
                }
            }
        }
        escaped
    }

    fn insert_backslash(&mut self) {
        self.inserted.push(self.text.len());
        self.text.push('\\');
    }

    /// Whether the character at `at` follows an escaping backslash (an odd number of them).
    pub(super) fn is_escaped(&self, at: usize) -> bool {
        let before = &self.text.as_bytes()[..at];
        before.iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
    }

    /// The source as the user wrote it, for a range of the escaped text.
    pub(super) fn original(&self, range: Range<usize>) -> String {
        let first = self.inserted.partition_point(|&at| at < range.start);
        let mut out = String::with_capacity(range.len());
        let mut from = range.start;
        for &at in self.inserted[first..].iter().take_while(|&&at| at < range.end) {
            out.push_str(&self.text[from..at]);
            from = at + 1;
        }
        out.push_str(&self.text[from..range.end]);
        out
    }
}

/// Where a backslash keeps `line` from starting a block: before the first character, or
/// before the `.` of `1.`; `None` if it starts no block.
fn block_marker(line: &str) -> Option<usize> {
    let mut chars = line.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    match first {
        '#' | '>' | '|' | '=' | '`' | '~' => Some(0),
        '-' | '+' | '*' if rest.is_empty() || rest.starts_with([' ', '\t']) || is_rule(line) => Some(0),
        '_' if is_rule(line) => Some(0),
        // A link reference definition, `[label]: target`, which would vanish.
        '[' if rest.split_once(']').is_some_and(|(_, after)| after.starts_with(':')) => Some(0),
        '0'..='9' => {
            let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            line[digits..].starts_with(['.', ')']).then_some(digits)
        }
        _ => None,
    }
}

/// A thematic break: three or more of one of `-`, `*`, `_`, and nothing else but blanks.
fn is_rule(line: &str) -> bool {
    let marks: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let first = marks.chars().next();
    marks.len() >= 3 && marks.chars().all(|c| Some(c) == first)
}
