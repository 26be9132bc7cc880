//! Exchange, notes for translators: what a text is and where it shows, by its key, as a
//! PO extracted comment or an XLIFF note.

use crate::model::{TextKey, TextKind};

/// What the text at `key` is and where it shows, with its length limit.
pub(crate) fn describe(key: &TextKey, kind: TextKind) -> String {
    let what = match kind {
        TextKind::Note => {
            "Speaker notes: what the presenter says over a slide; never printed on it".to_owned()
        }
        TextKind::Figure => {
            "A key figure's sentence, on the handout and a slide; `{value}` is where the number goes"
                .to_owned()
        }
        _ => place(key).to_owned(),
    };
    let limit = crate::resolve::MAX_TEXT_CHARS;
    format!("{what}. At most {limit} characters.")
}

fn place(key: &TextKey) -> &'static str {
    let segments: Vec<&str> = key.segments().iter().map(String::as_str).collect();
    match segments.as_slice() {
        ["title"] => "The briefing's title: the handout's first heading and the title slide",
        ["subtitle"] => "The subtitle, under the title on the handout and the title slide",
        ["organisation"] => "The organisation's name, as written on the handout and the slides",
        ["event"] => "The event the briefing is for, on the title slide and the handout",
        ["logo", "alt"] => "The logo's alternative text, read out by screen readers",
        ["about"] => "Who we are: a paragraph on the handout and the opening slide",
        ["contact", "text"] => "The contact paragraph, on the handout and the closing slide",
        ["contact", "name"] => "The contact person's name, on the handout and the closing slide",
        ["states", _] => "A recommending State's name, shown after each of its recommendations",
        [.., "heading"] => "A section heading: a handout heading and a slide title",
        [.., "title"] => "A heading: a handout heading and a slide title",
        [.., "summary"] => "A summary paragraph, under a heading on the handout and the slide",
        [.., "source"] => "The source of a key figure, in small print under it",
        [.., "previous", _, "text"] => "A recommendation the State received last cycle, quoted",
        _ if segments.contains(&"recommendations") => {
            "One of our recommendations: a bullet on the handout and a slide"
        }
        _ => "A bullet point, on the handout and a slide",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_where_a_text_shows() {
        let key = TextKey::parse("issues.a.title");
        assert!(describe(&key, TextKind::Prose).starts_with("A heading: a handout heading"));
        assert!(describe(&key, TextKind::Note).starts_with("Speaker notes"));
        assert!(
            describe(&TextKey::parse("issues.a.points.b"), TextKind::Prose).starts_with("A bullet point")
        );
    }
}
