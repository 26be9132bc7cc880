//! Resolve stage, limits: the words a language's text may have (`limits.words`), as UN
//! processes count them: every printed text (speaker notes left out), words as the word
//! segmenter finds them, each Chinese or Japanese character one.

use indexmap::IndexMap;

use super::talk::words_in;
use crate::diag::Diagnostic;
use crate::load::LoadedBrief;
use crate::markup;
use crate::model::{Brief, TextKey, TextKind};

/// The words of `brief` (resolved for one language), in all and by section (`title`,
/// `opening`, `issues.<id>`…), the longest first.
pub(crate) fn words(brief: &mut Brief) -> (usize, Vec<(String, usize)>) {
    let mut sections: IndexMap<String, usize> = IndexMap::new();
    brief.visit_texts(&mut |key, kind, text| {
        if kind == TextKind::Note {
            return;
        }
        *sections.entry(section_of(key)).or_default() += words_in(&markup::plain(text));
    });
    let total = sections.values().sum();
    let mut sections: Vec<(String, usize)> = sections.into_iter().filter(|(_, n)| *n > 0).collect();
    sections.sort_by_key(|section| std::cmp::Reverse(section.1));
    (total, sections)
}

/// The section a text belongs to: its issue, or its top-level field.
fn section_of(key: &TextKey) -> String {
    let key = key.to_string();
    let mut parts = key.split('.');
    match (parts.next(), parts.next()) {
        (Some("issues"), Some(id)) => format!("issues.{id}"),
        (Some(first), _) => first.to_owned(),
        _ => key.clone(),
    }
}

/// An error, at `limits.words`, when the `lang` text of `loaded` has more words than the
/// limit: naming the count and the longest sections.
pub(crate) fn over_words(
    loaded: &LoadedBrief,
    lang: &str,
    words: usize,
    sections: &[(String, usize)],
) -> Option<Diagnostic> {
    let limit = loaded.brief.limits.words? as usize;
    if words <= limit {
        return None;
    }
    let longest: Vec<String> = sections.iter().take(3).map(|(key, n)| format!("`{key}` ({n})")).collect();
    let message = format!(
        "the `{lang}` text of `{}` has {words} words, over the limit of {limit} (`limits.words`); the longest \
         sections: {}",
        loaded.name,
        longest.join(", ")
    );
    let hint = "shorten it, or raise `limits.words` if the process allows it (UPR stakeholder submissions: \
                2,815 words for one organisation, 5,630 for a coalition)";
    let span = loaded.spans.locate(&TextKey::of(&["limits", "words"]));
    Some(Diagnostic::error(message).at(&loaded.file, span).hint(hint))
}
