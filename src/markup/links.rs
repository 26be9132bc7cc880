//! Resolve stage, markup: link targets. Only `http`, `https` and `mailto` links go into a
//! PDF; `www.…` gets `https://`. A link must say where it goes: no bidirectional control
//! may turn what it shows around (`…/exe.jpg` for a target ending `.exe`), and a
//! `mailto:` link may fill in only a subject and a body, not add recipients or headers.

use icu_properties::CodePointSetData;
use icu_properties::props::BidiControl;

/// Why a link target cannot go into a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkProblem {
    /// Why, to follow `links to `…`: `.
    pub why: String,
    /// The part of the target at fault, as written there, where it is one part.
    pub part: Option<String>,
}

impl LinkProblem {
    fn new(why: impl Into<String>) -> Self {
        Self { why: why.into(), part: None }
    }

    fn at(mut self, part: impl Into<String>) -> Self {
        self.part = Some(part.into());
        self
    }
}

/// The `mailto:` fields a link may fill in (RFC 6068): the others add recipients or
/// headers the reader does not see.
const MAILTO_FIELDS: &[&str] = &["subject", "body"];

/// A web site as it is linked: `https://` is added where no scheme is written.
pub(crate) fn web_link(site: &str) -> String {
    let site = site.trim();
    // A scheme is letters before a colon, with no dot (`example.org:8080` has none).
    let scheme = site.split_once(':').map(|(scheme, _)| scheme).filter(|scheme| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-'))
    });
    if scheme.is_some() { site.to_owned() } else { format!("https://{site}") }
}

/// A link target as it is written into the PDF: `www.…` gets `https://`.
pub(super) fn normalize_link(target: &str) -> String {
    let target = target.trim();
    if target.len() > 4 && target[..4].eq_ignore_ascii_case("www.") {
        format!("https://{target}")
    } else {
        target.to_owned()
    }
}

/// Why a link target cannot be written into a PDF, if it cannot: only `http`, `https`
/// and `mailto` links are allowed, with no bidirectional control in them, and a
/// `mailto:` link with no field but `subject` and `body`.
pub(crate) fn link_problem(target: &str) -> Option<LinkProblem> {
    if let Some(control) = target.chars().find(|&c| is_bidi_control(c)) {
        let why = format!(
            "it holds the bidirectional control U+{:04X}, which changes what the link shows",
            control as u32
        );
        return Some(LinkProblem::new(why).at(control));
    }
    let Ok(url) = url::Url::parse(target) else {
        return Some(LinkProblem::new("it is not a web address"));
    };
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|h| !h.is_empty()) => None,
        "http" | "https" => Some(LinkProblem::new("it names no web site")),
        "mailto" if url.path().contains('@') => mailto_problem(target, &url),
        "mailto" => Some(LinkProblem::new("it names no e-mail address")),
        scheme => Some(LinkProblem::new(format!("`{scheme}:` links are not allowed"))),
    }
}

/// What is wrong with a `mailto:` link's fields, if anything: a field other than
/// `subject` and `body`, or a line break anywhere (which would start a header).
fn mailto_problem(target: &str, url: &url::Url) -> Option<LinkProblem> {
    for (name, value) in url.query_pairs() {
        let field = name.to_ascii_lowercase();
        if !MAILTO_FIELDS.contains(&field.as_str()) {
            let why = format!("`mailto:` links may fill in only `subject` and `body`, not `{name}`");
            return Some(LinkProblem::new(why).at(written_field(target, &name)));
        }
        if value.contains(['\r', '\n']) {
            let why = format!("its `{name}` holds a line break, which would add a header to the e-mail");
            return Some(LinkProblem::new(why).at(written_field(target, &name)));
        }
    }
    let path = percent_decoded(url.path());
    if path.contains(['\r', '\n']) {
        let why = "its address holds a line break, which would add a header to the e-mail";
        return Some(LinkProblem::new(why).at(url.path().to_owned()));
    }
    None
}

/// How a field's name is written in `target` (`bcc=`, `Bcc=`), or the name itself.
fn written_field(target: &str, name: &str) -> String {
    let query = target.split_once('?').map_or("", |(_, query)| query);
    let found = query.split('&').find(|pair| {
        let written = pair.split('=').next().unwrap_or("");
        percent_decoded(written).eq_ignore_ascii_case(name)
    });
    found.map_or(name.to_owned(), |pair| pair.split('=').next().unwrap_or(pair).to_owned())
}

fn percent_decoded(text: &str) -> String {
    url::form_urlencoded::parse(format!("x={}", text.replace('+', "%2B")).as_bytes())
        .next()
        .map_or_else(|| text.to_owned(), |(_, value)| value.into_owned())
}

/// A bidirectional control (Unicode's Bidi_Control: marks, embeddings, overrides and
/// isolates, the Arabic letter mark).
pub(crate) fn is_bidi_control(c: char) -> bool {
    CodePointSetData::new::<BidiControl>().contains(c)
}
