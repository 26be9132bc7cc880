//! Load stage, TOML syntax errors: toml_edit's message on one line, at its place, with a
//! hint where the likely cause is plain (a straight quote that ends a string early).

use std::sync::Arc;

use crate::diag::{Diagnostic, SourceFile};

/// The diagnostic of a TOML syntax error in `file`, whose language is `lang` if known.
pub(super) fn syntax_error(
    error: &toml_edit::TomlError,
    file: &Arc<SourceFile>,
    lang: Option<&str>,
) -> Diagnostic {
    // toml_edit says what it expected on a line of its own: one line here.
    let message = format!("invalid TOML: {}", error.message().trim_end().replace('\n', ": "));
    let mut diagnostic = Diagnostic::error(message).at(file, error.span());
    let at = error.span().map(|span| span.start);
    if error.message().contains("expected newline") && at.is_some_and(|at| ends_string_early(&file.text, at))
    {
        diagnostic = diagnostic.hint(quote_hint(lang));
    }
    diagnostic
}

/// Whether the error at byte `at` of `text` follows a `"` that closed a string early:
/// the line so far holds a closed basic string (an even number of unescaped quotes,
/// the last just before `at`), and a word goes on after it.
fn ends_string_early(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at) else { return false };
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let after = text[at..].chars().next();
    let quotes = unescaped_quotes(line);
    line.ends_with('"') && quotes >= 2 && quotes.is_multiple_of(2) && after.is_some_and(char::is_alphanumeric)
}

/// How many `"` of `line` are not escaped with a backslash.
fn unescaped_quotes(line: &str) -> usize {
    let mut escaped = false;
    let mut count = 0;
    for c in line.chars() {
        if c == '"' && !escaped {
            count += 1;
        }
        escaped = c == '\\' && !escaped;
    }
    count
}

/// What to write instead of a straight quote inside a string: `\"`, the language's
/// quotation marks (those of `lang`, from CLDR, when known), or a literal string.
fn quote_hint(lang: Option<&str>) -> String {
    let marks = match lang.and_then(quotation_marks) {
        Some((open, close)) => {
            format!("the quotation marks of `{}` (`{open}` and `{close}`)", lang.unwrap_or(""))
        }
        None => "the language's quotation marks (such as `“` and `”`)".to_owned(),
    };
    format!(
        "a straight `\"` inside a value ends the string: write `\\\"` for a straight quote, or {marks}, \
         or put the value in single quotes, a literal string ('the \"best\" plan')"
    )
}

/// The opening and closing quotation marks of `lang`, or of its language without region
/// or script, from the CLDR table the resolve stage formats with (`data/quotes.json`).
fn quotation_marks(lang: &str) -> Option<(String, String)> {
    let table: serde_json::Value = serde_json::from_str(crate::assets::QUOTES).ok()?;
    let language = lang.split('-').next().unwrap_or(lang);
    [lang, language].into_iter().find_map(|locale| {
        let marks = table.get("locales")?.get(locale)?;
        let mark = |key: &str| marks.get(key)?.as_str().map(str::to_owned);
        Some((mark("open")?, mark("close")?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, lang: Option<&str>) -> Diagnostic {
        let error = toml_edit::ImDocument::parse(text.to_owned()).expect_err("a syntax error");
        syntax_error(&error, &SourceFile::new("fr.toml", text), lang)
    }

    #[test]
    fn a_straight_quote_that_ends_a_string_early_gets_a_hint() {
        let diagnostic = parse("a = 1\ntitle = \"the \"best\" plan\"\n", Some("fr"));
        assert!(diagnostic.message.contains("expected newline"), "{}", diagnostic.message);
        assert_eq!(diagnostic.location().as_deref(), Some("fr.toml:2:15"));
        assert_eq!(diagnostic.hints.len(), 1, "{:?}", diagnostic.hints);
        assert!(diagnostic.hints[0].contains("write `\\\"` for a straight quote"), "{:?}", diagnostic.hints);
        assert!(
            diagnostic.hints[0].contains("the quotation marks of `fr` (`«` and `»`)"),
            "{:?}",
            diagnostic.hints
        );
        let unknown = parse("title = \"the \"best\" plan\"\n", None);
        assert!(unknown.hints[0].contains("(such as `“` and `”`)"), "{:?}", unknown.hints);
    }

    #[test]
    fn other_syntax_errors_get_no_quote_hint() {
        assert!(parse("title = = \"x\"\n", None).hints.is_empty());
        assert!(parse("title = \"x\" y\n", None).hints.is_empty(), "a space before the word");
        assert!(parse("title = \"a \\\"b\\\"\" 1\n", None).hints.is_empty());
        assert!(parse("[a]\nb = 1 2\n", None).hints.is_empty());
    }
}
