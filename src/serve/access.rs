//! Serve, access: who may read the preview. Its address holds a random token made for
//! the run, so that no other page can guess it; and a browser says where a request comes
//! from (`Sec-Fetch-Site`, `Origin`), so that even a page that learnt the token cannot
//! read the state, the events or the page images from another origin.

use tiny_http::Request;

use crate::diag::Diagnostic;

/// The random part of the preview's address: 128 bits from the system's generator.
pub(super) struct Token(String);

impl Token {
    /// A new token, in hex.
    pub(super) fn new() -> Result<Self, Diagnostic> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)
            .map_err(|e| Diagnostic::error(format!("cannot make a token for the preview's address: {e}")))?;
        Ok(Self(bytes.iter().map(|b| format!("{b:02x}")).collect()))
    }

    /// The token, as it appears in the address.
    pub(super) fn as_str(&self) -> &str {
        &self.0
    }

    /// What follows `/<token>` in `path`, if `path` starts with it.
    pub(super) fn strip<'a>(&self, path: &'a str) -> Option<&'a str> {
        let rest = path.strip_prefix('/')?.strip_prefix(self.0.as_str())?;
        (rest.is_empty() || rest.starts_with('/')).then_some(rest)
    }
}

/// The request headers that say who asks.
pub(super) struct Headers {
    host: Option<String>,
    origin: Option<String>,
    site: Option<String>,
    mode: Option<String>,
    dest: Option<String>,
}

impl Headers {
    /// The headers of `request` that matter here.
    pub(super) fn of(request: &Request) -> Self {
        let get = |name: &'static str| {
            let found = request.headers().iter().find(|h| h.field.equiv(name));
            found.map(|h| h.value.as_str().to_ascii_lowercase())
        };
        Self {
            host: get("Host"),
            origin: get("Origin"),
            site: get("Sec-Fetch-Site"),
            mode: get("Sec-Fetch-Mode"),
            dest: get("Sec-Fetch-Dest"),
        }
    }

    /// Whether the request names this server: a page elsewhere that points a name of its
    /// own at 127.0.0.1 (DNS rebinding) must not read it.
    pub(super) fn host_is_ours(&self, port: u16) -> bool {
        self.host.as_deref().is_some_and(|host| ours(host, port))
    }

    /// Whether `path` (after the token) may be answered: the page itself also to a link
    /// followed from elsewhere (a top-level navigation), everything else only to the page
    /// (same origin), to the user typing the address (`none`), or to a client that is no
    /// browser (no `Sec-Fetch-Site` and no foreign `Origin`).
    pub(super) fn allows(&self, path: &str, port: u16) -> bool {
        let origin_ok = self
            .origin
            .as_deref()
            .is_none_or(|origin| origin.strip_prefix("http://").is_some_and(|host| ours(host, port)));
        let site_ok = match self.site.as_deref() {
            None | Some("same-origin" | "none") => true,
            Some(_) => path.is_empty() && self.is_navigation(),
        };
        origin_ok && site_ok
    }

    /// A top-level navigation: a link followed, an address typed.
    fn is_navigation(&self) -> bool {
        self.mode.as_deref() == Some("navigate") && self.dest.as_deref() == Some("document")
    }
}

/// Whether `host` (`name:port`) is this server.
fn ours(host: &str, port: u16) -> bool {
    [format!("127.0.0.1:{port}"), format!("localhost:{port}")].iter().any(|ours| ours == host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(site: Option<&str>, origin: Option<&str>, mode: &str, dest: &str) -> Headers {
        Headers {
            host: Some("127.0.0.1:7777".into()),
            origin: origin.map(str::to_owned),
            site: site.map(str::to_owned),
            mode: Some(mode.into()),
            dest: Some(dest.into()),
        }
    }

    #[test]
    fn only_the_page_itself_reads_the_state_and_images() {
        let page = Some("http://127.0.0.1:7777");
        assert!(headers(Some("same-origin"), page, "cors", "empty").allows("api/state", 7777));
        assert!(headers(Some("none"), None, "navigate", "document").allows("api/state", 7777));
        assert!(headers(None, None, "", "").allows("page/a/en/handout/1.png", 7777), "curl");
        for site in ["cross-site", "same-site"] {
            assert!(!headers(Some(site), None, "no-cors", "script").allows("api/state", 7777));
            assert!(!headers(Some(site), None, "no-cors", "image").allows("page/a/en/handout/1.png", 7777));
            assert!(
                !headers(Some(site), Some("http://evil.example"), "cors", "empty").allows("api/events", 7777)
            );
            assert!(!headers(Some(site), None, "navigate", "iframe").allows("", 7777), "framed");
            assert!(headers(Some(site), None, "navigate", "document").allows("", 7777), "a link followed");
        }
        let elsewhere = Some("http://127.0.0.1:8080");
        assert!(!headers(None, elsewhere, "cors", "empty").allows("api/state", 7777), "another port");
        assert!(!headers(Some("same-origin"), Some("null"), "cors", "empty").allows("api/state", 7777));
    }

    #[test]
    fn the_token_starts_the_path() {
        let token = Token::new().unwrap();
        assert_eq!(token.as_str().len(), 32);
        assert_ne!(token.as_str(), Token::new().unwrap().as_str());
        let path = format!("/{}/api/state", token.as_str());
        assert_eq!(token.strip(&path), Some("/api/state"));
        assert_eq!(token.strip(&format!("/{}", token.as_str())), Some(""));
        assert_eq!(token.strip(&format!("/{}x/", token.as_str())), None);
        assert_eq!(token.strip("/api/state"), None);
    }
}
