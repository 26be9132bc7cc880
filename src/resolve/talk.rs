//! Resolve stage, rehearsal: a language's speaker notes, by slide, and how long the talk
//! will take to say.
//!
//! Each slide counts its speaker notes, or, when it has none, its own text (the presenter
//! then says about what the slide shows). Time is words (or, for Chinese and Japanese,
//! characters) over a speaking rate. Words are what ICU4X's word segmenter finds (UAX #29:
//! a Persian word with a zero-width non-joiner is one word, a number with its separators
//! one; Thai, Lao, Khmer and Burmese, written without spaces, split by ICU4X's LSTM models,
//! the ones Typst breaks their lines with). Chinese and Japanese are not split into words:
//! each character is a syllable said, which is what their rates count.
//!
//! The rates aim at the same time for the same content in every language. 130 words a
//! minute is a presentation pace in English, a little above the 100–120 that conference
//! interpreters find optimal (Li 2010, "Coping Strategies for Fast Delivery in
//! Simultaneous Interpretation", JoSTrans 13, which gives 150–180 syllables, i.e.
//! characters, a minute for Chinese: 1.5 characters per English word). Languages differ
//! in how many words they need for the same content while they carry information at
//! about the same rate (Pellegrino, Coupé & Marsico 2011, "A cross-language perspective
//! on speech information rate", Language 87(3)). So each language's rate is 130 times the
//! words (or characters) it needs per English word, as measured on the example's six
//! translations, its spoken notes and its slides: French 1.16–1.30, Spanish 1.06–1.28,
//! Russian 0.89–0.96, Arabic 0.86–1.01, Chinese 1.66–1.80 characters. A language not
//! measured (Persian, Urdu, Thai, Ukrainian…) goes at 130 words a minute, its words in its
//! own script included: Persian's Arabic letters at Persian's rate, not Arabic's.

use icu_locale::LocaleExpander;
use icu_locale_core::LanguageIdentifier;
use icu_properties::CodePointMapData;
use icu_properties::props::Script;
use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordType;
use indexmap::IndexMap;

use crate::diag::Diagnostic;
use crate::load::LoadedBrief;
use crate::markup;
use crate::model::{Brief, Slot, TextKey, TextKind};

/// Words a minute for English, and for any script or language not listed below.
const WORDS_PER_MINUTE: f64 = 130.0;

/// Words a minute by language, for languages whose words go faster or slower than
/// English ones for the same content.
const WORDS_PER_MINUTE_BY_LANGUAGE: &[(&str, f64)] =
    &[("fr", 155.0), ("es", 150.0), ("it", 150.0), ("pt", 150.0), ("ru", 120.0), ("ar", 115.0)];

/// Characters a minute for Chinese.
const HAN_PER_MINUTE: f64 = 220.0;

/// Characters a minute for Japanese (kana and kanji), which spells more syllables in
/// kana than Chinese does in characters.
const JAPANESE_PER_MINUTE: f64 = 300.0;

/// A language's speaker notes and the estimated time of its talk.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Talk {
    /// The speaker notes, plain text, by the key of their field (`issues.x.notes`).
    pub notes: IndexMap<TextKey, String>,
    /// The estimated time to say the talk, in seconds.
    pub seconds: u32,
    /// The time the speaker has.
    pub slot: Slot,
    /// Whether the slot was written in the briefing (else it is the default).
    pub slot_given: bool,
    /// How many slides were estimated from their notes.
    pub slides_with_notes: usize,
    /// How many slides were estimated from their own text, having no notes.
    pub slides_without_notes: usize,
    /// The words of the printed text (see `limits`), counted when `limits.words` is set;
    /// else 0.
    pub words: usize,
    /// The most words the briefing allows (`limits.words`), if it sets a limit.
    pub word_limit: Option<u32>,
}

impl Talk {
    /// Whether the talk is estimated to take longer than the slot.
    pub(crate) fn is_over(&self) -> bool {
        self.seconds > self.slot.seconds
    }
}

/// The speaker notes and talk time of `brief`, resolved for `lang` (translation applied).
pub(crate) fn talk(brief: &mut Brief, lang: &str) -> Talk {
    let (slot, slot_given) = brief.slot.map_or((Slot::DEFAULT, false), |slot| (slot, true));
    let mut notes = IndexMap::new();
    // Per slide: its notes, and the words of its own text.
    let mut slides: IndexMap<TextKey, (Option<Amount>, Amount)> = IndexMap::new();
    brief.visit_texts(&mut |key, kind, text| {
        let Some(slide) = slide_of(key) else { return };
        let plain = markup::plain(text);
        let amount = Amount::of(&plain);
        let entry = slides.entry(slide).or_default();
        if kind == TextKind::Note {
            if !plain.trim().is_empty() {
                entry.0 = Some(amount);
                notes.insert(key.clone(), plain);
            }
        } else {
            entry.1.add(amount);
        }
    });
    let (language, script) = language_and_script(lang);
    let said =
        slides.values().map(|(notes, text)| notes.as_ref().unwrap_or(text).minutes(&language, &script));
    let seconds = (said.sum::<f64>() * 60.0).round() as u32;
    let slides_with_notes = slides.values().filter(|(notes, _)| notes.is_some()).count();
    let slides_without_notes = slides.len() - slides_with_notes;
    Talk {
        notes,
        seconds,
        slot,
        slot_given,
        slides_with_notes,
        slides_without_notes,
        words: 0,
        word_limit: None,
    }
}

/// A warning, at the `slot` key, when the talk in `lang` is estimated to take longer than
/// its slot.
pub(crate) fn over_slot(loaded: &LoadedBrief, lang: &str, talk: &Talk) -> Option<Diagnostic> {
    if !talk.is_over() {
        return None;
    }
    let (time, slot) = (clock(talk.seconds), clock(talk.slot.seconds));
    let given = if talk.slot_given { "" } else { " (the default)" };
    let message = format!(
        "`slot`: the `{lang}` talk of `{}` is estimated at {time}, longer than its slot of {slot}{given}",
        loaded.name
    );
    let source = if talk.slides_with_notes > 0 { "speaker notes" } else { "slide text" };
    let more = talk.seconds.div_ceil(60);
    let hint = format!("shorten the `{lang}` {source}, or give the talk more time: `slot = \"{more} min\"`");
    let span = loaded.spans.locate(&TextKey::of(&["slot"])).filter(|_| talk.slot_given);
    Some(Diagnostic::warning(message).at(&loaded.file, span).hint(hint))
}

/// The ISO 639 language of `lang` and its script, written or likely (`Arab` for `fa`).
fn language_and_script(lang: &str) -> (String, String) {
    let mut id = LanguageIdentifier::try_from_str(lang).unwrap_or(LanguageIdentifier::UNKNOWN);
    LocaleExpander::new_common().maximize(&mut id);
    (id.language.to_string(), id.script.map_or_else(|| "Latn".to_owned(), |s| s.to_string()))
}

/// Seconds as `m:ss`.
pub(crate) fn clock(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

/// The slide a text is shown on, named by the key its speaker notes have (or would have):
/// the cover (`notes`), `about`, `opening.notes`, `issues.x.notes`,
/// `issues.x.findings.y.notes`, `issues.x.recommendations-notes`, `contact.notes`.
fn slide_of(key: &TextKey) -> Option<TextKey> {
    let segments: Vec<&str> = key.segments().iter().map(String::as_str).collect();
    let slide = match segments.as_slice() {
        ["title" | "subtitle" | "organisation" | "event" | "notes"] => TextKey::of(&["notes"]),
        ["about"] => TextKey::of(&["about"]),
        [section @ ("opening" | "developments" | "contact"), ..] => TextKey::of(&[section, "notes"]),
        ["issues", id, "findings", finding, ..] => TextKey::of(&["issues", id, "findings", finding, "notes"]),
        ["issues", id, "recommendations" | "recommendations-notes", ..] => {
            TextKey::of(&["issues", id, "recommendations-notes"])
        }
        ["issues", id, ..] => TextKey::of(&["issues", id, "notes"]),
        _ => return None,
    };
    Some(slide)
}

/// The words of a plain text, each Chinese or Japanese character counted as one.
pub(super) fn words_in(text: &str) -> usize {
    let amount = Amount::of(text);
    amount.latin + amount.cyrillic + amount.arabic + amount.han + amount.kana
}

/// How much there is to say: words, and Chinese or Japanese characters.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Amount {
    /// Words of Latin script (and of any script but those below).
    latin: usize,
    /// Words in Cyrillic.
    cyrillic: usize,
    /// Words in Arabic.
    arabic: usize,
    /// Han characters.
    han: usize,
    /// Hiragana and katakana.
    kana: usize,
}

impl Amount {
    /// Counts a plain text: its words as ICU4X's word segmenter finds them (UAX #29, so a
    /// zero-width non-joiner stays inside a Persian word; LSTM models for Thai, Lao, Khmer
    /// and Burmese), each by the script of its first letter; each Chinese or Japanese
    /// character on its own.
    fn of(text: &str) -> Self {
        let scripts = CodePointMapData::<Script>::new();
        let mut amount = Self::default();
        let mut start = 0;
        for (end, kind) in WordSegmenter::new_lstm(Default::default()).segment_str(text).iter_with_word_type()
        {
            let word = &text[start..end];
            start = end;
            if !kind.is_word_like() {
                continue;
            }
            let mut letter = None;
            for c in word.chars() {
                match scripts.get(c) {
                    Script::Han => amount.han += 1,
                    Script::Hiragana | Script::Katakana => amount.kana += 1,
                    script if c.is_alphabetic() => letter = letter.or(Some(script)),
                    _ => {}
                }
            }
            // A number is said as words of the talk's language.
            match letter.or((kind == WordType::Number).then_some(Script::Common)) {
                Some(Script::Cyrillic) => amount.cyrillic += 1,
                Some(Script::Arabic) => amount.arabic += 1,
                Some(_) => amount.latin += 1,
                None => {}
            }
        }
        amount
    }

    fn add(&mut self, other: Self) {
        self.latin += other.latin;
        self.cyrillic += other.cyrillic;
        self.arabic += other.arabic;
        self.han += other.han;
        self.kana += other.kana;
    }

    /// Minutes to say it, in `language` (an ISO 639 code) written in `script` (ISO 15924).
    fn minutes(&self, language: &str, script: &str) -> f64 {
        let rate = |of: &str| {
            WORDS_PER_MINUTE_BY_LANGUAGE
                .iter()
                .find(|(code, _)| *code == of)
                .map_or(WORDS_PER_MINUTE, |r| r.1)
        };
        // Words of the talk's own script go at the language's rate (Persian's Arabic
        // letters at Persian's); others at their own.
        let own = |of: &str, usual: &str| if script == of { rate(language) } else { rate(usual) };
        let latin = if ["Cyrl", "Arab"].contains(&script) { WORDS_PER_MINUTE } else { rate(language) };
        let characters = if language == "ja" { JAPANESE_PER_MINUTE } else { HAN_PER_MINUTE };
        self.latin as f64 / latin
            + self.cyrillic as f64 / own("Cyrl", "ru")
            + self.arabic as f64 / own("Arab", "ar")
            + (self.han + self.kana) as f64 / characters
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_characters_are_counted_by_script() {
        let amount = Amount::of("Russia ranked 8th — Россия заняла 8-е место; 俄罗斯排名第8 **bold** l’État");
        // Russia, ranked, 8th, 8 (of 8-е), 8 (of 第8), bold, l’État.
        assert_eq!(amount.latin, 7, "{amount:?}");
        assert_eq!(amount.cyrillic, 4, "{amount:?}");
        assert_eq!(amount.han, 6, "{amount:?}");
        assert_eq!(Amount::of("مرحبا بكم").arabic, 2);
        assert_eq!(Amount::of("ありがとう").kana, 5);
    }

    /// A Persian paragraph whose words hold zero-width non-joiners (گزارش‌ها, می‌دهد),
    /// Persian digits and separators, and a percent sign.
    const PERSIAN: &str = "گزارش‌ها نشان می‌دهد که بیش از ۱۲٬۴۸۰ نفر در زندان‌های کشور \
                           نگهداری می‌شوند، و ۳۷٫۵٪ آنان در بازداشت موقت‌اند.";

    #[test]
    fn persian_words_are_counted_whole_and_said_at_persians_rate() {
        // Counted by hand: گزارش‌ها نشان می‌دهد که بیش از ۱۲٬۴۸۰ نفر در زندان‌های (10)
        // کشور نگهداری می‌شوند و ۳۷٫۵ آنان در بازداشت موقت‌اند (19).
        let amount = Amount::of(PERSIAN);
        assert_eq!(amount.arabic + amount.latin, 19, "{amount:?}");
        // Persian's words go at Persian's rate (the default), not Arabic's.
        let minutes = Amount { arabic: 130, ..Amount::default() }.minutes("fa", "Arab");
        assert!((minutes - 1.0).abs() < 1e-9, "{minutes}");
        assert_eq!(language_and_script("fa"), ("fa".to_owned(), "Arab".to_owned()));
    }

    #[test]
    fn thai_words_are_found_without_spaces() {
        // "Every two weeks": ทุก สอง สัปดาห์, three words with no space between them.
        assert_eq!(Amount::of("ทุกสองสัปดาห์").latin, 3);
        assert_eq!(Amount::of("朱镕基说").han, 4);
    }

    #[test]
    fn a_minute_of_text_takes_a_minute() {
        let english = Amount { latin: 130, ..Amount::default() };
        assert!((english.minutes("en", "Latn") - 1.0).abs() < 1e-9);
        let french = Amount { latin: 155, ..Amount::default() };
        assert!((french.minutes("fr", "Latn") - 1.0).abs() < 1e-9);
        let chinese = Amount { han: 220, ..Amount::default() };
        assert!((chinese.minutes("zh", "Hans") - 1.0).abs() < 1e-9);
    }

    fn brief(source: &str) -> Brief {
        toml::from_str(source).expect("parses")
    }

    const SOURCE: &str = r#"lang = "en"
title = "One two three"
organisation = "Four"
contact = { email = "a@b.c" }
[opening]
heading = "Five six"
items.a = "seven eight"
notes = "Notes instead of the slide's text"
[issues.x]
title = "Nine"
[issues.x.recommendations]
r = "Ten eleven"
"#;

    #[test]
    fn each_slide_counts_its_notes_or_else_its_text() {
        let talk = talk(&mut brief(SOURCE), "en");
        assert_eq!(talk.notes.len(), 1);
        assert_eq!(talk.notes[&TextKey::of(&["opening", "notes"])], "Notes instead of the slide's text");
        // Cover 4 words, opening notes 6, issue 1, recommendations 2: 13 words, 6 s.
        assert_eq!(talk.seconds, 6);
        assert_eq!((talk.slides_with_notes, talk.slides_without_notes), (1, 3));
        assert_eq!(talk.slot, Slot::DEFAULT);
        assert!(!talk.is_over());
    }

    #[test]
    fn a_talk_longer_than_its_slot_is_over() {
        let mut brief = brief(&SOURCE.replace("lang = \"en\"", "lang = \"en\"\nslot = \"5 s\""));
        let talk = talk(&mut brief, "en");
        assert!(talk.slot_given && talk.is_over(), "{talk:?}");
    }
}
