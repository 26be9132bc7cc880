//! Exchange, inline codes: a text's markup (`**bold**`, `*italic*`, `_italic_`, links,
//! `[text]{lang=xx}`, `{value}`, backslash escapes) cut out as codes, so that a CAT tool
//! can protect it. XLIFF carries each code as an inline element holding the markup as
//! written (`<bpt>`/`<ept>` for a pair, `<ph>` for one alone); PO keeps the markup in the
//! text and lists the codes in a comment. Either way an import checks that the
//! translation holds the source's codes, no more and no fewer.
//!
//! The cut is conservative: a mark that the markup would print literally (a lone `*`)
//! is still a code, which costs the translator nothing and never loses markup.

/// What a code does in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Opens a pair: the code at the index closes it.
    Open(usize),
    /// Closes the pair opened by the code at the index.
    Close(usize),
    /// Stands alone.
    Alone,
}

/// One piece of markup, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Code {
    /// The markup itself, e.g. `**` or `](https://example.org)`.
    pub native: String,
    /// XLIFF 1.2's `ctype`: `bold`, `italic`, `link`, or an `x-` name of ours.
    pub ctype: &'static str,
    /// Whether it opens, closes or stands alone.
    pub role: Role,
}

/// A piece of a text: literal text, or the code at an index of [`Coded::codes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Text to translate.
    Text(String),
    /// A code, by index.
    Code(usize),
}

/// A text cut into text and codes.
#[derive(Debug, Default)]
pub(crate) struct Coded {
    /// Text and codes in order.
    pub pieces: Vec<Piece>,
    /// The codes, in order.
    pub codes: Vec<Code>,
}

/// A mark found while scanning, before pairs are known.
#[derive(Debug)]
struct Mark {
    range: std::ops::Range<usize>,
    kind: MarkKind,
}

#[derive(Debug, PartialEq)]
enum MarkKind {
    /// `**`, `*` or `_`: pairs with the next of the same.
    Delimiter,
    /// `[`: pairs with a closing bracket, or is text.
    Bracket,
    /// `](…)` or `]{lang=…}`: closes a bracket.
    CloseBracket(&'static str),
    /// Stands alone (`{value}`, `<https://…>`, `\*`).
    Alone(&'static str),
}

/// Cuts `text` into text and codes.
pub(crate) fn split(text: &str) -> Coded {
    let marks = scan(text);
    let roles = pair(&marks, text);
    let mut coded = Coded::default();
    let mut at = 0;
    for (mark, role) in marks.iter().zip(roles) {
        let Some(role) = role else { continue };
        if mark.range.start > at {
            coded.pieces.push(Piece::Text(text[at..mark.range.start].to_owned()));
        }
        let native = text[mark.range.clone()].to_owned();
        coded.pieces.push(Piece::Code(coded.codes.len()));
        coded.codes.push(Code { ctype: ctype(mark, &native), native, role });
        at = mark.range.end;
    }
    if at < text.len() {
        coded.pieces.push(Piece::Text(text[at..].to_owned()));
    }
    coded
}

/// The markup of `text`, as written, sorted: two texts hold the same codes when these
/// are equal.
pub(crate) fn natives(text: &str) -> Vec<String> {
    let mut natives: Vec<String> = split(text).codes.into_iter().map(|c| c.native).collect();
    natives.sort();
    natives
}

fn ctype(mark: &Mark, native: &str) -> &'static str {
    match &mark.kind {
        MarkKind::Delimiter if native == "**" => "bold",
        MarkKind::Delimiter => "italic",
        MarkKind::Bracket => "link",
        MarkKind::CloseBracket(ctype) | MarkKind::Alone(ctype) => ctype,
    }
}

/// Finds every mark of `text`, in order.
fn scan(text: &str) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let rest = &text[i..];
        let found = match c {
            '\\' => rest[1..]
                .chars()
                .next()
                .filter(|n| "*_[]<>\"\\{}".contains(*n))
                .map(|n| (1 + n.len_utf8(), MarkKind::Alone("x-escape"))),
            '{' if rest.starts_with("{value}") => Some((7, MarkKind::Alone("x-value"))),
            '*' if rest.starts_with("**") => Some((2, MarkKind::Delimiter)),
            '*' => Some((1, MarkKind::Delimiter)),
            '_' if at_word_edge(text, i) => Some((1, MarkKind::Delimiter)),
            '<' => autolink(rest).map(|len| (len, MarkKind::Alone("link"))),
            '[' => Some((1, MarkKind::Bracket)),
            ']' => close_bracket(rest),
            _ => None,
        };
        match found {
            Some((len, kind)) => {
                marks.push(Mark { range: i..i + len, kind });
                i += len;
            }
            None => i += c.len_utf8(),
        }
    }
    marks
}

/// Whether the `_` at `i` touches something other than a letter or digit on one side:
/// inside a word (`snake_case`) it is no emphasis.
fn at_word_edge(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back().is_some_and(char::is_alphanumeric);
    let after = text[i + 1..].chars().next().is_some_and(char::is_alphanumeric);
    !(before && after)
}

/// The length of `<https://…>`, `<http://…>` or `<mailto:…>` at the start of `rest`.
fn autolink(rest: &str) -> Option<usize> {
    let inner = &rest[1..];
    if !["https://", "http://", "mailto:"].iter().any(|scheme| inner.starts_with(scheme)) {
        return None;
    }
    let end = inner.find(|c: char| c == '>' || c.is_whitespace() || c == '<')?;
    inner[end..].starts_with('>').then_some(end + 2)
}

/// `](…)` (a link's address) or `]{…}` (a language), at the start of `rest`.
fn close_bracket(rest: &str) -> Option<(usize, MarkKind)> {
    let after = &rest[1..];
    if after.starts_with('(') {
        let mut depth = 0;
        for (i, c) in after.char_indices() {
            match c {
                '(' => depth += 1,
                ')' if depth == 1 => return Some((i + 2, MarkKind::CloseBracket("link"))),
                ')' => depth -= 1,
                '\n' => return None,
                _ => {}
            }
        }
        None
    } else if after.starts_with('{') {
        let end = after.find(['}', '\n']).filter(|&e| after[e..].starts_with('}'))?;
        Some((end + 2, MarkKind::CloseBracket("x-lang")))
    } else {
        None
    }
}

/// The role of each mark, `None` for a bracket that closes nothing (it is text).
fn pair(marks: &[Mark], text: &str) -> Vec<Option<Role>> {
    let mut roles: Vec<Option<Role>> = vec![None; marks.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, mark) in marks.iter().enumerate() {
        let native = &text[mark.range.clone()];
        let opener = match mark.kind {
            MarkKind::Delimiter => open.iter().rposition(|&o| {
                marks[o].kind == MarkKind::Delimiter && &text[marks[o].range.clone()] == native
            }),
            MarkKind::CloseBracket(_) => open.iter().rposition(|&o| marks[o].kind == MarkKind::Bracket),
            _ => None,
        };
        match (&mark.kind, opener) {
            (MarkKind::Delimiter | MarkKind::CloseBracket(_), Some(at)) => {
                let o = open.remove(at);
                roles[o] = Some(Role::Open(i));
                roles[i] = Some(Role::Close(o));
            }
            (MarkKind::Delimiter | MarkKind::Bracket, None) => open.push(i),
            _ => roles[i] = Some(Role::Alone),
        }
    }
    // What opened and never closed: a delimiter is still protected, a bracket is text.
    for o in open {
        if marks[o].kind == MarkKind::Delimiter {
            roles[o] = Some(Role::Alone);
        }
    }
    roles
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> String {
        let coded = split(text);
        coded
            .pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(t) => t.clone(),
                Piece::Code(i) => {
                    let code = &coded.codes[*i];
                    let role = match code.role {
                        Role::Open(_) => "open",
                        Role::Close(_) => "close",
                        Role::Alone => "alone",
                    };
                    format!("<{role} {} {}>", code.ctype, code.native)
                }
            })
            .collect()
    }

    #[test]
    fn cuts_the_markup_into_codes() {
        assert_eq!(
            shown("a **b** *c* [d](https://x.org/(y)) {value}"),
            "a <open bold **>b<close bold **> <open italic *>c<close italic *> \
             <open link [>d<close link ](https://x.org/(y))> <alone x-value {value}>"
        );
        assert_eq!(shown("[Romanes]{lang=la} eunt"), "<open link [>Romanes<close x-lang ]{lang=la}> eunt");
        assert_eq!(
            shown("see <https://x.org> \\* snake_case _it_"),
            "see <alone link <https://x.org>> <alone x-escape \\*> snake_case <open italic _>it<close italic _>"
        );
        assert_eq!(shown("5 * 3 [x] a<b"), "5 <alone italic *> 3 [x] a<b");
    }

    #[test]
    fn joining_the_pieces_gives_the_text_back() {
        for text in ["", "plain", "**a *b***", "[a](b) [c", "«x» \\ y", "„{value}“"] {
            let coded = split(text);
            let joined: String = coded
                .pieces
                .iter()
                .map(|p| match p {
                    Piece::Text(t) => t.as_str(),
                    Piece::Code(i) => coded.codes[*i].native.as_str(),
                })
                .collect();
            assert_eq!(joined, text);
        }
        assert_eq!(natives("**a** {value}"), ["**", "**", "{value}"]);
    }
}
