//! Serve: the preview page of `brief watch --serve`, on 127.0.0.1 only.
//!
//! The page (`page.html`, `page.js`, `page.css`, embedded) shows each output's pages as
//! PNG images drawn by typst-render from the documents the watch builds keep in memory,
//! two languages side by side, the errors and the translation status. It reloads when a
//! build ends, told by server-sent events. The routes are fixed; nothing on disk is
//! served, so no request can read a file. Each request has its own thread, so a slow
//! browser never holds up a build.
//!
//! Only the page itself can read what it shows ([`access`]): every route lives under a
//! random token made for the run (`http://127.0.0.1:PORT/<token>/`, printed by the
//! command), every answer forbids other origins to use it (`Cross-Origin-Resource-Policy`,
//! `nosniff`, a strict CSP), and the state, events and images answer only requests the
//! browser says come from the page (`Sec-Fetch-Site`, `Origin`). No state is ever served
//! as script: the page reads it as JSON.

mod access;
mod state;

use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

use crate::diag::Diagnostic;
use crate::export::png;
use crate::pipeline::BuildReport;
use state::Shared;

/// What the page loads, embedded in the binary (the page itself is [`PAGE`]).
const ASSETS: &[(&str, &str, &str)] = &[
    ("page.js", "text/javascript; charset=utf-8", include_str!("page.js")),
    ("page.css", "text/css; charset=utf-8", include_str!("page.css")),
];

/// The page, with `{{state}}` where the state it is served with goes.
const PAGE: &str = include_str!("page.html");

/// What every answer carries: no other origin may embed, sniff or frame it, and the page
/// runs only its own script, loads only its own images and style, and talks only to
/// this server.
const SAFETY_HEADERS: &[(&str, &str)] = &[
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    (
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
];

/// How often an idle event stream sends a comment, which also notices a closed tab.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// Resolution of the page images: two pixels a point, sharp on any screen.
const PREVIEW_DPI: u32 = png::DEFAULT_DPI;

/// The preview, as the watch loop sees it: where it is, and how to hand it a build.
pub(crate) struct Preview {
    shared: Arc<Shared>,
    url: String,
}

impl Preview {
    /// The page's address.
    pub(crate) fn url(&self) -> String {
        self.url.clone()
    }

    /// Tells the page that a build started.
    pub(crate) fn building(&self) {
        self.shared.building();
    }

    /// Hands the page a finished build and its one line.
    pub(crate) fn update(&self, report: BuildReport, line: String) {
        self.shared.update(report, line);
    }
}

/// Starts serving on `127.0.0.1:port` (0: any free port), on threads of its own.
pub(crate) fn start(port: u16) -> Result<Preview, Diagnostic> {
    let token = access::Token::new()?;
    let server = Server::http(("127.0.0.1", port)).map_err(|e| {
        Diagnostic::error(format!("cannot serve the preview on 127.0.0.1:{port}: {e}"))
            .hint("choose another port with `--port N`, or `--port 0` for any free one")
    })?;
    let port = server.server_addr().to_ip().map_or(port, |address| address.port());
    let shared = Arc::new(Shared::new());
    let serving = shared.clone();
    let url = format!("http://127.0.0.1:{port}/{}/", token.as_str());
    let token = Arc::new(token);
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let (shared, token) = (serving.clone(), token.clone());
            std::thread::spawn(move || handle(request, &shared, &token, port));
        }
    });
    Ok(Preview { shared, url })
}

/// Answers one request: the page, what it loads, its state, events and images, each only
/// to whom [`access`] lets in; anything else is not found.
fn handle(request: Request, shared: &Shared, token: &access::Token, port: u16) {
    let headers = access::Headers::of(&request);
    if *request.method() != Method::Get || !headers.host_is_ours(port) {
        return respond(request, not_found());
    }
    let url = request.url().split(['?', '#']).next().unwrap_or("").to_owned();
    let Some(rest) = token.strip(&url) else {
        let why = "the preview's address holds a token: open the address `brief watch --serve` printed";
        return respond(request, refused(why));
    };
    let Some(path) = rest.strip_prefix('/') else {
        // `/<token>`: the page's own address ends with a slash, so that its links resolve.
        return respond(request, redirect(&format!("/{}/", token.as_str())));
    };
    if !headers.allows(path, port) {
        return respond(request, refused("only the preview page itself may read the preview"));
    }
    if path == "api/events" {
        return events(request, shared);
    }
    let response = if path.is_empty() {
        ok(page(shared).into_bytes(), "text/html; charset=utf-8")
    } else if let Some((_, kind, text)) = ASSETS.iter().find(|(route, _, _)| *route == path) {
        ok(text.as_bytes().to_vec(), kind)
    } else if path == "api/state" {
        ok(shared.json().to_string().into_bytes(), "application/json")
    } else if let Some(rest) = path.strip_prefix("page/") {
        page_image(rest, shared).map_or_else(not_found, |bytes| ok(bytes.to_vec(), "image/png"))
    } else {
        not_found()
    };
    respond(request, response);
}

/// The page, with the state as it is now inside it as JSON data (never as script), so
/// that the first pages are drawn while it loads.
fn page(shared: &Shared) -> String {
    // `<` only occurs inside JSON strings, where `\u003c` means the same: no `</script>`.
    let state = shared.json().to_string().replace('<', "\\u003c");
    PAGE.replace("{{state}}", &state)
}

type Answer = Response<std::io::Cursor<Vec<u8>>>;

fn ok(body: Vec<u8>, kind: &str) -> Answer {
    // An image's address names its run and build, so it never changes: it may be kept.
    let cache = if kind == "image/png" { "private, max-age=86400, immutable" } else { "no-store" };
    let headers = [("Content-Type", kind), ("Cache-Control", cache)];
    headers.into_iter().chain(SAFETY_HEADERS.iter().copied()).fold(
        Response::from_data(body),
        |response, (name, value)| match header(name, value) {
            Some(header) => response.with_header(header),
            None => response,
        },
    )
}

fn not_found() -> Answer {
    ok(b"not found".to_vec(), "text/plain; charset=utf-8").with_status_code(404)
}

/// 403, saying why in plain text (which no other page can read either).
fn refused(why: &str) -> Answer {
    ok(format!("forbidden: {why}\n").into_bytes(), "text/plain; charset=utf-8").with_status_code(403)
}

fn redirect(to: &str) -> Answer {
    let answer = ok(Vec::new(), "text/plain; charset=utf-8").with_status_code(308);
    match header("Location", to) {
        Some(location) => answer.with_header(location),
        None => answer,
    }
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn respond(request: Request, response: Answer) {
    // The browser went away: nothing to do.
    let _ = request.respond(response);
}

/// `/page/<brief>/<lang>/<format>/<n>.png`: page `n` (from 1) of an output's last good
/// document, drawn on first request and kept until the next build of that output.
fn page_image(rest: &str, shared: &Shared) -> Option<Arc<Vec<u8>>> {
    let parts: Vec<String> = rest.split('/').map(percent_decode).collect::<Option<_>>()?;
    let [brief, lang, format, file] = parts.as_slice() else { return None };
    let number: usize = file.strip_suffix(".png")?.parse().ok()?;
    let id = (brief.clone(), lang.clone(), format.clone());
    let (document, version) = {
        let state = shared.lock();
        let entry = state.outputs.get(&id)?;
        if let Some(image) = entry.images.get(&number) {
            return Some(image.clone());
        }
        (entry.document.clone()?, entry.version)
    };
    let page = document.pages().get(number.checked_sub(1)?)?;
    let image = Arc::new(png::page(page, PREVIEW_DPI).ok()?);
    let mut state = shared.lock();
    if let Some(entry) = state.outputs.get_mut(&id).filter(|e| e.version == version) {
        entry.images.insert(number, image.clone());
    }
    Some(image)
}

/// `/api/events`: one event each time a build starts or ends, as server-sent events.
fn events(request: Request, shared: &Shared) {
    let mut writer = request.into_writer();
    let safety: String = SAFETY_HEADERS.iter().map(|(name, value)| format!("{name}: {value}\r\n")).collect();
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n{safety}\
         Connection: keep-alive\r\n\r\nretry: 1000\n\n"
    );
    if writer.write_all(head.as_bytes()).and_then(|()| writer.flush()).is_err() {
        return;
    }
    let mut seen = None;
    loop {
        let now = shared.wait(seen, KEEPALIVE);
        let text = if Some(now) == seen {
            ": still here\n\n".to_owned()
        } else {
            format!("data: {{\"generation\":{},\"building\":{}}}\n\n", now.0, now.1)
        };
        if writer.write_all(text.as_bytes()).and_then(|()| writer.flush()).is_err() {
            return;
        }
        seen = Some(now);
    }
}

/// Decodes `%XX` escapes in one path segment.
fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = segment.get(index + 1..index + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_are_decoded() {
        assert_eq!(percent_decode("caf%C3%A9%20x").as_deref(), Some("café x"));
        assert_eq!(percent_decode("plain").as_deref(), Some("plain"));
        assert_eq!(percent_decode("%2"), None);
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%FF"), None, "not UTF-8");
    }
}
