//! Export stage, standards: the PDF standards an output is written to (`--pdf-standard`),
//! PDF/UA-1 by default, and what a failure to meet one means for the briefing.

use std::fmt;

use typst_pdf::{PdfStandard, PdfStandards};

use crate::model::TextKey;

/// The standards every name may be combined from, as `--pdf-standard` spells them.
const NAMES: &[&str] = &[
    "ua-1", "a-1a", "a-1b", "a-2a", "a-2b", "a-2u", "a-3a", "a-3b", "a-3u", "a-4", "a-4e", "a-4f", "1.4",
    "1.5", "1.6", "1.7", "2.0",
];

/// A combination of PDF standards that typst-pdf can write together. Outputs are always
/// tagged; `none` is plain PDF 1.7.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Standards(Vec<PdfStandard>);

impl Default for Standards {
    /// PDF/UA-1: accessible, with real headings, bookmarks and alternative texts.
    fn default() -> Self {
        Self(vec![PdfStandard::Ua_1])
    }
}

impl Standards {
    /// Reads a comma-separated list such as `a-2b,ua-1`, or `none`; a combination that
    /// cannot be met at once is an error with typst-pdf's reason.
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let names: Vec<&str> = text.split(',').map(str::trim).collect();
        if names == ["none"] {
            return Ok(Self(Vec::new()));
        }
        let mut list = Vec::new();
        for name in names {
            let standard = serde_json::from_value::<PdfStandard>(serde_json::Value::from(name))
                .ok()
                .filter(|_| NAMES.contains(&name))
                .ok_or_else(|| {
                    format!("`{name}` is not a PDF standard; choose from {}, or `none`", NAMES.join(", "))
                })?;
            list.push(standard);
        }
        let standards = Self(list);
        standards.typst().map_err(|error| {
            let mut message = error.message().to_string();
            for hint in error.hints() {
                message.push_str(&format!("\n  hint: {hint}"));
            }
            message
        })?;
        Ok(standards)
    }

    /// The standards for typst-pdf.
    pub(crate) fn typst(&self) -> typst::diag::HintedStrResult<PdfStandards> {
        if self.0.is_empty() { PdfStandards::new(&[PdfStandard::V_1_7]) } else { PdfStandards::new(&self.0) }
    }
}

impl fmt::Display for Standards {
    /// The list as `--pdf-standard` takes it: `ua-1`, `a-2b,ua-1`, `none`.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("none");
        }
        let names: Vec<String> = self
            .0
            .iter()
            .map(|s| {
                serde_json::to_value(s).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
            })
            .collect();
        f.write_str(&names.join(","))
    }
}

/// The key of the briefing a standard's complaint is about, when it can be told: the only
/// image is the logo, and the document's title is the briefing's.
pub(crate) fn key_of(message: &str) -> Option<TextKey> {
    if message.contains("missing alt text") {
        Some(TextKey::of(&["logo", "alt"]))
    } else if message.contains("missing document title") {
        Some(TextKey::of(&["title"]))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_read_and_written_back() {
        for text in ["ua-1", "a-2b", "a-2b,ua-1", "a-3b", "a-2a", "none"] {
            assert_eq!(Standards::parse(text).expect(text).to_string(), text);
        }
        assert_eq!(Standards::default().to_string(), "ua-1");
    }

    #[test]
    fn unknown_names_and_incompatible_combinations_are_refused() {
        assert!(Standards::parse("ua-2").unwrap_err().contains("`ua-2` is not a PDF standard"));
        assert!(Standards::parse("a-2b,a-3b").unwrap_err().contains("choose at most one PDF/A standard"));
        let error = Standards::parse("a-4,ua-1").unwrap_err();
        assert!(error.contains("mutually incompatible") && error.contains("hint:"), "{error}");
    }
}
