//! Resolve stage, markup: link targets. Only `http`, `https` and `mailto` links go into a
//! PDF; `www.…` gets `https://`.

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
/// and `mailto` links are allowed.
pub(crate) fn link_problem(target: &str) -> Option<String> {
    let Ok(url) = url::Url::parse(target) else {
        return Some("it is not a web address".to_owned());
    };
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|h| !h.is_empty()) => None,
        "http" | "https" => Some("it names no web site".to_owned()),
        "mailto" if url.path().contains('@') => None,
        "mailto" => Some("it names no e-mail address".to_owned()),
        scheme => Some(format!("`{scheme}:` links are not allowed")),
    }
}
