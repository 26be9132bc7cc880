//! `brief watch` and its preview page: a save rebuilds the output within seconds, a
//! broken save keeps the last good PDF and the process alive, and the preview, loaded in
//! headless Chromium, shows PNG page images and the errors. Waits poll with generous
//! timeouts: these tests check behaviour, not speed (that is `benches/watch.sh`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::*;

/// Long enough for a debug build on a busy machine.
const PATIENCE: Duration = Duration::from_secs(90);

/// A running `brief watch`, stopped with SIGINT (or killed) when dropped.
struct Watching {
    child: Child,
    stderr: Arc<Mutex<String>>,
}

impl Watching {
    fn start(fixture: &Fixture, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_brief"))
            .arg("watch")
            .args(args)
            .current_dir(&fixture.root)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start brief watch");
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().expect("stderr");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut all = sink.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        Self { child, stderr }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr holds `needle` after its first `after` bytes; returns its length.
    fn wait_for(&mut self, needle: &str, after: usize) -> usize {
        let found = poll(|| self.stderr().get(after..).is_some_and(|s| s.contains(needle)));
        assert!(found, "no {needle:?} on stderr:\n{}", self.stderr());
        self.stderr().len()
    }

    fn is_alive(&mut self) -> bool {
        self.child.try_wait().expect("wait").is_none()
    }

    /// The preview's port and the path of its page, from
    /// `preview at http://127.0.0.1:<port>/<token>/`.
    fn preview(&mut self) -> (u16, String) {
        self.wait_for("preview at http://127.0.0.1:", 0);
        let stderr = self.stderr();
        let rest = stderr.split("preview at http://127.0.0.1:").nth(1).expect("the address");
        let rest = rest.lines().next().expect("a line");
        let (port, page) = rest.split_once('/').expect("a path");
        let page = format!("/{page}");
        assert!(page.len() > 30 && page.ends_with('/'), "a token in the address: {page}");
        (port.parse().expect("a port"), page)
    }

    /// Sends SIGINT, as Ctrl-C does, and returns the exit code.
    fn interrupt(mut self) -> i32 {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-INT", &pid]).status().expect("kill -INT");
        let exited = poll(|| !self.is_alive());
        assert!(exited, "still running after SIGINT:\n{}", self.stderr());
        self.child.wait().expect("wait").code().unwrap_or(-1)
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `check` every 50 ms until it holds or [`PATIENCE`] runs out.
fn poll(mut check: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < PATIENCE {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    check()
}

/// Every file under `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() { found.extend(files(&path)) } else { found.push(path) }
    }
    found
}

/// Asserts that only PDFs, their notes and images, the cache and the manifest are left in the output folder: no temporary file.
fn assert_no_temporary_files(out: &Path) {
    for file in files(out) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let kept = [".pdf", ".pdfpc", ".png"].iter().any(|end| name.ends_with(end));
        let ours = [".brief-cache.json", ".brief-manifest.json"].contains(&name.as_str());
        assert!(kept || ours, "left behind: {}", file.display());
    }
}

/// Writes a file the way an editor saves it: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let temp = path.with_file_name(".saving");
    std::fs::write(&temp, text).unwrap();
    std::fs::rename(&temp, path).unwrap();
}

/// `GET path` with the given Host header; the status code and the body.
fn get_with_host(port: u16, path: &str, host: &str) -> (u16, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    // HTTP/1.0: the body comes whole, not in chunks.
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("read the response");
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").expect("a header");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let code = head.split(' ').nth(1).and_then(|c| c.parse().ok()).expect("a status code");
    (code, response[split + 4..].to_vec())
}

fn get(port: u16, path: &str) -> (u16, Vec<u8>) {
    get_with_host(port, path, &format!("127.0.0.1:{port}"))
}

/// The DOM of a page after its scripts ran, from headless Chromium. The page draws its
/// first state while it loads (from the JSON inside it), so the DOM is dumped once the
/// page and its first images have loaded. `--virtual-time-budget` is not used: the page's
/// event stream stays open, which holds virtual time still, so the budget never ends.
fn dom(url: &str) -> String {
    chromium_dom(url, &[])
}

/// The DOM of a page from headless Chromium, run with `extra` arguments.
fn chromium_dom(url: &str, extra: &[&str]) -> String {
    let profile = temp_dir();
    let output = Command::new("chromium")
        .args([
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--timeout=20000",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .output()
        .expect("run chromium (`apt-get install chromium`; `.ci/run` installs it)");
    assert!(output.status.success(), "chromium failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The `src` of every page image in a DOM (relative to the page).
fn page_images(dom: &str) -> Vec<String> {
    dom.split("src=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|s| s.starts_with("page/"))
        .map(|s| s.replace("&amp;", "&"))
        .collect()
}

#[test]
fn a_save_rebuilds_the_handout_and_new_translations_and_overrides_are_seen() {
    let fixture = Fixture::copy_of("minimal");
    let source = std::fs::read_to_string(fixture.brief.join("brief.toml")).unwrap();
    let mut watch = Watching::start(&fixture, &["--format", "handout"]);
    let mut seen = watch.wait_for("built minimal.en.handout in ", 0);
    let pdf = fixture.pdf("en", "handout");
    assert!(pdf_text(&pdf).contains("aminimalbriefing"));

    save(&fixture.brief.join("brief.toml"), &source.replace("A minimal briefing", "A watched briefing"));
    assert!(poll(|| pdf_text(&pdf).contains("awatchedbriefing")), "not rebuilt:\n{}", watch.stderr());
    seen = watch.wait_for("rebuilt minimal.en.handout in ", seen);

    // A translation that did not exist when watching began.
    std::fs::write(fixture.brief.join("de.toml"), "title = \"Ein beobachtetes Briefing\"\n").unwrap();
    let german = fixture.pdf("de", "handout");
    assert!(poll(|| german.is_file() && pdf_text(&german).contains("einbeobachtetesbriefing")));
    seen = watch.wait_for("rebuilt minimal.de.handout in ", seen);

    // A template override, in a folder that did not exist either.
    let own = "#let data = json(\"/data.json\")\n#set document(title: data.title-plain)\n#set text(font: \"Noto Sans\")\nOwn handout: #data.title-plain\n";
    std::fs::create_dir_all(fixture.brief.join("templates")).unwrap();
    save(&fixture.brief.join("templates/handout.typ"), own);
    assert!(poll(|| pdf_text(&pdf).contains("ownhandout")), "override not picked up:\n{}", watch.stderr());
    watch.wait_for("rebuilt minimal.de.handout, minimal.en.handout in ", seen);

    assert_eq!(watch.interrupt(), 0, "Ctrl-C exits cleanly");
    assert_no_temporary_files(&fixture.root.join("out"));
}

#[test]
fn saving_the_logo_or_the_translation_lock_starts_a_rebuild() {
    let fixture = Fixture::copy_of("with-logo");
    let logo = std::fs::read_to_string(fixture.brief.join("logo.svg")).unwrap();
    let mut watch = Watching::start(&fixture, &["--format", "handout"]);
    let seen = watch.wait_for("built with-logo.en.handout in ", 0);
    let pdf = fixture.pdf("en", "handout");
    let before = std::fs::read(&pdf).unwrap();

    std::fs::write(fixture.brief.join("logo.svg"), logo.replace("#ffffff", "#ffd700")).unwrap();
    let seen = watch.wait_for("rebuilt with-logo.en.handout in ", seen);
    assert_ne!(std::fs::read(&pdf).unwrap(), before, "the new logo is in the PDF");

    // The lock changes no output, only what the translation status says.
    std::fs::write(fixture.brief.join("translations.lock"), "").unwrap();
    watch.wait_for("nothing to rebuild: 1 output(s) up to date", seen);
    assert_eq!(watch.interrupt(), 0);
}

#[test]
fn a_broken_save_keeps_the_last_good_pdf_and_watching_goes_on() {
    let fixture = Fixture::copy_of("localized");
    let french = std::fs::read_to_string(fixture.brief.join("fr.toml")).unwrap();
    let mut watch = Watching::start(&fixture, &["--lang", "fr", "--format", "handout", "--format", "slides"]);
    let seen = watch.wait_for("built localized.fr.handout, localized.fr.slides in ", 0);
    let pdf = fixture.pdf("fr", "handout");
    let good = std::fs::read(&pdf).unwrap();

    save(&fixture.brief.join("fr.toml"), &format!("{french}\n[issues.one\n"));
    let seen = watch.wait_for("error in briefs/localized/fr.toml: 1 error (see above)", seen);
    assert!(watch.stderr().contains("invalid TOML"), "{}", watch.stderr());
    assert!(watch.is_alive());
    assert_eq!(std::fs::read(&pdf).unwrap(), good, "the last good PDF stays");

    save(&fixture.brief.join("fr.toml"), &french.replace("Un problème", "Un seul problème"));
    watch.wait_for("rebuilt localized.fr.handout, localized.fr.slides in ", seen);
    assert!(pdf_text(&pdf).contains("unseulproblème"));
    assert_eq!(watch.interrupt(), 0);
}

/// A save written in two parts, the file held open between them (a slow editor, a large
/// file copied in): the half-written file is never read, and one rebuild follows.
#[cfg(target_os = "linux")]
#[test]
fn a_file_still_being_written_is_not_read() {
    use std::io::Write as _;
    let fixture = Fixture::copy_of("localized");
    let path = fixture.brief.join("fr.toml");
    let french = std::fs::read_to_string(&path).unwrap();
    let mut watch = Watching::start(&fixture, &["--lang", "fr", "--format", "handout"]);
    let seen = watch.wait_for("built localized.fr.handout in ", 0);

    let edited = french.replace("Un problème", "Un seul problème");
    let (first, rest) = edited.split_at(edited.len() / 2);
    let mut file = std::fs::File::create(&path).unwrap();
    file.write_all(first.as_bytes()).unwrap();
    file.flush().unwrap();
    std::thread::sleep(Duration::from_millis(60));
    file.write_all(rest.as_bytes()).unwrap();
    drop(file);

    let seen = watch.wait_for("rebuilt localized.fr.handout in ", seen);
    std::thread::sleep(Duration::from_millis(300));
    let stderr = watch.stderr();
    assert_eq!(stderr.matches("rebuilt ").count(), 1, "one rebuild:\n{stderr}");
    assert!(!stderr.contains("error"), "the half-written file was read:\n{stderr}");
    assert_eq!(stderr.len(), seen, "nothing after the rebuild:\n{stderr}");
    assert!(pdf_text(&fixture.pdf("fr", "handout")).contains("unseulproblème"));
    assert_eq!(watch.interrupt(), 0);
}

#[test]
fn an_output_with_errors_is_not_written_and_the_last_good_pdf_stays() {
    let crowded = std::fs::read_to_string(fixture("overflow").join("brief.toml")).unwrap();
    // The same briefing with its one long paragraph cut short.
    let fitting: String = crowded
        .lines()
        .map(|l| if l.starts_with("situation.summary") { "situation.summary = \"Short.\"" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    let fixture = Fixture::new("overflow", &fitting);
    fixture.build(&["--format", "slides"]).expect_code(0);
    let good = std::fs::read(fixture.pdf("en", "slides")).unwrap();
    let fixture = fixture.file("brief.toml", crowded);
    let run = fixture.build(&["--format", "slides"]);
    run.input_error().stderr_has("does not fit, even at 14pt");
    assert!(!run.stdout.contains("overflow.en.slides.pdf"), "not written: {}", run.stdout);
    assert_eq!(std::fs::read(fixture.pdf("en", "slides")).unwrap(), good, "the last good PDF stays");
}

#[test]
fn the_preview_shows_page_images_and_errors_and_survives_a_broken_save() {
    let fixture = Fixture::copy_of("localized");
    let french = std::fs::read_to_string(fixture.brief.join("fr.toml")).unwrap();
    let mut watch =
        Watching::start(&fixture, &["--serve", "--port", "0", "--format", "handout", "--format", "slides"]);
    let (port, base) = watch.preview();
    let seen = watch.wait_for("built ", 0);
    let url = format!("http://127.0.0.1:{port}{base}#localized/handout/en/fr");

    let page = dom(&url);
    let images = page_images(&page);
    assert!(images.iter().any(|src| src.starts_with("page/localized/en/handout/1.png")), "{page}");
    assert!(
        images.iter().any(|src| src.starts_with("page/localized/fr/handout/1.png")),
        "side by side: {page}"
    );
    assert!(page.contains("Français") || page.contains("French") || page.contains("(fr)"), "{page}");
    for src in images.iter().take(2) {
        let (code, body) = get(port, &format!("{base}{src}"));
        assert_eq!(code, 200, "{src}");
        assert_eq!(&body[..8], b"\x89PNG\r\n\x1a\n", "{src} is a PNG");
    }

    let pdf = fixture.pdf("fr", "handout");
    let good = std::fs::read(&pdf).unwrap();
    save(&fixture.brief.join("fr.toml"), &format!("{french}\ntitle = = \"x\"\n"));
    let seen = watch.wait_for("error in briefs/localized/fr.toml", seen);
    let page = dom(&url);
    assert!(page.contains("invalid TOML"), "the error is shown: {page}");
    assert!(page.contains("briefs/localized/fr.toml:"), "with its file, line and column: {page}");
    assert!(!page_images(&page).is_empty(), "the last good pages are still shown: {page}");
    assert!(watch.is_alive());
    assert_eq!(std::fs::read(&pdf).unwrap(), good);

    save(&fixture.brief.join("fr.toml"), &french.replace("Un problème", "Un seul problème"));
    watch.wait_for("rebuilt localized.fr.handout, localized.fr.slides in ", seen);
    let page = dom(&url);
    assert!(!page.contains("invalid TOML"), "the error is gone: {page}");
    assert!(pdf_text(&pdf).contains("unseulproblème"), "the PDF is rebuilt");
    assert_eq!(watch.interrupt(), 0);
    assert_no_temporary_files(&fixture.root.join("out"));
}

#[test]
fn the_preview_serves_nothing_but_its_page_api_and_images() {
    let fixture = Fixture::copy_of("minimal");
    let mut watch = Watching::start(&fixture, &["--serve", "--port", "0", "--format", "handout"]);
    let (port, base) = watch.preview();
    watch.wait_for("built ", 0);
    let (code, page) = get(port, &base);
    assert_eq!(code, 200);
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains(r#"<script type="application/json" id="state">{"#), "the state as data: {page}");
    let (code, state) = get(port, &format!("{base}api/state"));
    assert_eq!(code, 200);
    let state: serde_json::Value = serde_json::from_slice(&state).expect("JSON");
    assert_eq!(state["outputs"][0]["brief"], "minimal");
    assert_eq!(get(port, &format!("{base}page/minimal/en/handout/1.png")).0, 200);
    assert_eq!(get(port, &base[..base.len() - 1]).0, 308, "to the address with its slash");
    for path in [
        "/page/../../../../etc/passwd",
        "/page/minimal/en/handout/../../../../brief.toml",
        "/page/minimal/en/handout/0.png",
        "/page/minimal/en/handout/99.png",
        "/page/minimal/en/slides/1.png",
        "/page/minimal/en/handout/1.png/x",
        "/briefs/minimal/brief.toml",
        "/out/minimal/minimal.en.handout.pdf",
        "/api/nothing",
        "/api/state.js",
    ] {
        assert_eq!(get(port, &format!("{}{path}", &base[..base.len() - 1])).0, 404, "{path}");
    }
    // Without the run's token, nothing at all.
    for path in
        ["/", "/api/state", "/api/state.js", "/api/events", "/page/minimal/en/handout/1.png", "/page.js"]
    {
        assert_eq!(get(port, path).0, 403, "{path}");
    }
    let wrong = format!("/{}/api/state", "0".repeat(32));
    assert_eq!(get(port, &wrong).0, 403, "another token");
    assert_eq!(get_with_host(port, &base, "attacker.example:80").0, 404, "another site's name");
    // Whatever the browser says comes from another page is refused, token or not.
    for (header, value) in [
        ("Sec-Fetch-Site", "cross-site"),
        ("Sec-Fetch-Site", "same-site"),
        ("Origin", "http://127.0.0.1:1"),
        ("Origin", "null"),
    ] {
        for path in ["api/state", "api/events", "page/minimal/en/handout/1.png", "page.js"] {
            let (code, head, body) = request(port, &format!("{base}{path}"), &[(header, value)]);
            assert_eq!(code, 403, "{path} with {header}: {value}");
            assert!(!String::from_utf8_lossy(&body).contains("minimal"), "{path}: nothing of the briefing");
            assert!(head.contains("cross-origin-resource-policy: same-origin"), "{head}");
        }
    }
    // Every answer tells the browser that no other origin may use it.
    for path in [base.clone(), format!("{base}api/state"), format!("{base}page.js"), "/".to_owned()] {
        let (_, head, _) = request(port, &path, &[]);
        assert!(head.contains("cross-origin-resource-policy: same-origin"), "{path}: {head}");
        assert!(head.contains("x-content-type-options: nosniff"), "{path}: {head}");
        assert!(head.contains("content-security-policy: default-src 'none'"), "{path}: {head}");
        assert!(head.contains("frame-ancestors 'none'"), "{path}: {head}");
    }
}

/// `GET path` with extra headers; the status code, the header (lowercase) and the body.
fn request(port: u16, path: &str, headers: &[(&str, &str)]) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let extra: String = headers.iter().map(|(name, value)| format!("{name}: {value}\r\n")).collect();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n{extra}\r\n").unwrap();
    let mut response = Vec::new();
    // An event stream never ends: what came within the timeout is enough.
    let _ = stream.read_to_end(&mut response);
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").expect("a header");
    let head = String::from_utf8_lossy(&response[..split]).to_lowercase();
    let code = head.split(' ').nth(1).and_then(|c| c.parse().ok()).expect("a status code");
    (code, head, response[split + 4..].to_vec())
}

/// A page on another origin (another port of 127.0.0.1, which a browser counts as the
/// same site, and `localhost`, another site) that knows the preview's address, token and
/// all, and tries every way a page can include another's resources: a script, an image,
/// `fetch` and `EventSource`. It writes what it got into its own DOM, which headless
/// Chromium dumps. It gets nothing; the preview page itself still works.
#[test]
fn another_origin_cannot_read_the_preview_in_a_real_browser() {
    let fixture = Fixture::copy_of("minimal");
    let mut watch = Watching::start(&fixture, &["--serve", "--port", "0", "--format", "handout"]);
    let (port, base) = watch.preview();
    watch.wait_for("built ", 0);
    let preview = format!("http://127.0.0.1:{port}{base}");
    let attacker = include_str!("watch/attacker.html").replace("PREVIEW", &preview);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let other = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut stream = stream;
            let mut buffer = [0u8; 4096];
            let _ = stream.read(&mut buffer);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                attacker.len()
            );
            let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(attacker.as_bytes()));
        }
    });
    for host in ["127.0.0.1", "localhost"] {
        let page = chromium_dom(&format!("http://{host}:{other}/"), &["--virtual-time-budget=15000"]);
        let results = page.split("<pre id=\"results\">").nth(1).and_then(|r| r.split("</pre>").next());
        let results = results.unwrap_or_else(|| panic!("no results from {host}: {page}"));
        for probe in ["script-state", "script-state-js", "img", "fetch", "fetch-no-cors", "events", "frame"] {
            assert!(results.contains(&format!("{probe}: nothing")), "{probe} from {host}:\n{results}");
        }
        assert!(!results.contains("GOT"), "nothing of the preview reached the page on {host}:\n{results}");
    }
    // The preview page itself still reads its state and draws its pages.
    let page = dom(&format!("{preview}#minimal/handout/en/"));
    assert!(page_images(&page).iter().any(|src| src.starts_with("page/minimal/en/handout/1.png")), "{page}");
    assert_eq!(watch.interrupt(), 0);
}

#[test]
fn the_preview_knows_which_slide_each_page_shows() {
    // The page sets two languages' pages of one slide side by side from these keys.
    let fixture = Fixture::copy_of("minimal");
    let mut watch = Watching::start(&fixture, &["--serve", "--port", "0", "--format", "slides"]);
    let (port, base) = watch.preview();
    watch.wait_for("built ", 0);
    let state: serde_json::Value =
        serde_json::from_slice(&get(port, &format!("{base}api/state")).1).expect("JSON");
    let pages = state["outputs"][0]["pages"].as_array().expect("pages").clone();
    let keys: Vec<&str> = pages.iter().map(|page| page["key"].as_str().unwrap_or("")).collect();
    assert_eq!(keys.first(), Some(&"notes"), "the cover: {keys:?}");
    assert!(keys.iter().any(|key| key.starts_with("issues.one")), "{keys:?}");
    assert_eq!(keys.last(), Some(&"contact.notes"), "{keys:?}");
    assert_eq!(watch.interrupt(), 0);
}

#[test]
fn a_port_in_use_is_an_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let fixture = Fixture::copy_of("minimal");
    fixture
        .run(&["watch", "--serve", "--port", &port])
        .input_error()
        .stderr_has(&format!("error: cannot serve the preview on 127.0.0.1:{port}"))
        .stderr_has("--port 0");
}

#[test]
fn watching_nothing_is_an_error() {
    let fixture = Fixture::copy_of("minimal");
    fixture.run(&["watch", "briefs/nowhere"]).input_error().stderr_has("`briefs/nowhere` does not exist");
    fixture.run(&["watch", "--port", "8080"]).expect_code(2).stderr_has("--serve");
}

#[test]
fn the_event_stream_tells_when_a_build_starts_and_ends() {
    let fixture = Fixture::copy_of("minimal");
    let source = std::fs::read_to_string(fixture.brief.join("brief.toml")).unwrap();
    let mut watch = Watching::start(&fixture, &["--serve", "--port", "0", "--format", "handout"]);
    let (port, base) = watch.preview();
    watch.wait_for("built ", 0);
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    write!(stream, "GET {base}api/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n").unwrap();
    let mut lines = BufReader::new(stream).lines().map_while(Result::ok);
    let mut next_event = || lines.find(|line| line.starts_with("data: ")).expect("an event");
    assert_eq!(next_event(), r#"data: {"generation":1,"building":false}"#, "the first build, done");
    save(&fixture.brief.join("brief.toml"), &source.replace("A minimal briefing", "A streamed briefing"));
    assert_eq!(next_event(), r#"data: {"generation":1,"building":true}"#);
    assert_eq!(next_event(), r#"data: {"generation":2,"building":false}"#);
}

#[test]
fn the_preview_lists_each_missing_key_with_where_it_goes_and_its_source_text() {
    let fixture = Fixture::copy_of("minimal")
        .file("fr.toml", "title = \"Un briefing\"\n\n[issues.one]\ntitle = \"\"\n");
    let mut watch = Watching::start(&fixture, &["--serve", "--port", "0", "--format", "handout"]);
    let (port, base) = watch.preview();
    watch.wait_for("built ", 0);
    let (code, state) = get(port, &format!("{base}api/state"));
    assert_eq!(code, 200);
    let state: serde_json::Value = serde_json::from_slice(&state).expect("JSON");
    let fr = state["translations"].as_array().unwrap().iter().find(|t| t["lang"] == "fr").unwrap();
    let missing = fr["missing-at"].as_array().unwrap();
    let empty = missing.iter().find(|m| m["key"] == "issues.one.title").unwrap();
    assert_eq!(empty["at"], "briefs/minimal/fr.toml:4:9", "{fr}");
    assert_eq!(
        (&empty["source-at"], &empty["source"]),
        (&"briefs/minimal/brief.toml:6:9".into(), &"One issue".into())
    );
    let absent = missing.iter().find(|m| m["key"] == "organisation").unwrap();
    assert_eq!(absent["at"], "briefs/minimal/fr.toml", "{fr}");
    let shown = state.to_string();
    assert!(shown.contains("`organisation` is not translated into `fr`"), "its diagnostic too: {shown}");
    assert!(shown.contains("briefs/minimal/brief.toml:3:16"), "at its source text: {shown}");
    assert_eq!(watch.interrupt(), 0);
}
