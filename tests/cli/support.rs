//! Test harness: runs the built `brief` binary and opens the PDFs it writes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The example briefing, relative to the repository root.
pub const EXAMPLE: &str = "briefs/russia-behind-bars";

/// The example's languages.
pub const LANGUAGES: [&str; 6] = ["en", "fr", "es", "ru", "ar", "zh"];

/// The example, built once for all tests into a temporary folder.
pub fn example_out() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUT.get_or_init(|| {
        let dir = temp_dir();
        let out = dir.path().join("out");
        let run = brief(&["build", EXAMPLE, "--out", out.to_str().unwrap()]);
        run.expect_code(0);
        (dir, out)
    });
    out
}

/// One PDF of the example.
pub fn example_pdf(lang: &str, format: &str) -> PathBuf {
    example_out().join(format!("russia-behind-bars/russia-behind-bars.{lang}.{format}.pdf"))
}

/// A copy of the example in a temporary folder, to change.
pub fn example_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = temp_dir();
    let copy = dir.path().join("russia-behind-bars");
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(root().join(EXAMPLE)).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
    }
    (dir, copy)
}

/// Every string value of a TOML document.
pub fn strings(source: &str) -> Vec<String> {
    fn walk(value: &toml::Value, out: &mut Vec<String>) {
        match value {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Table(t) => t.values().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(&toml::from_str::<toml::Value>(source).unwrap(), &mut out);
    out
}

/// The repository root, where the binary is run from.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Self {
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Asserts the exit code, showing the output when it differs.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "exit code\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    /// Asserts that stderr contains `needle`.
    pub fn stderr_has(&self, needle: &str) -> &Self {
        assert!(self.stderr.contains(needle), "stderr lacks {needle:?}:\n{}", self.stderr);
        self
    }
}

/// Runs `brief` with `args` from the repository root.
pub fn brief(args: &[&str]) -> Run {
    brief_in(&root(), args)
}

/// Runs `brief` with `args` from `dir`.
pub fn brief_in(dir: &Path, args: &[&str]) -> Run {
    brief_with_env(dir, args, &[])
}

/// Runs `brief` with `args` from `dir`, with extra environment variables.
pub fn brief_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_brief"));
    command.args(args).current_dir(dir).env("NO_COLOR", "1");
    for name in ["SOURCE_DATE_EPOCH", "GITHUB_ACTIONS"] {
        command.env_remove(name);
    }
    command.envs(env.iter().copied());
    Run::from(command.output().expect("run brief"))
}

/// A fresh, empty temporary folder that is removed when dropped.
pub fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// The text of a PDF, normalized (see [`normalize`]), for matching lines.
pub fn pdf_text(path: &Path) -> String {
    let doc = pdf(path);
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    normalize(&doc.extract_text(&pages).expect("extract text"))
}

/// Lowercases and drops all whitespace and hyphens. Line breaks, hyphenation (Typst marks
/// its hyphens as soft, and a hyphen glyph also used for hyphenation may then extract as a
/// soft hyphen) and the spaces a text extractor adds or loses at font changes
/// (`( armenia )`) then do not matter.
pub fn normalize(text: &str) -> String {
    let dropped = |c: char| c.is_whitespace() || c == '\u{ad}' || c == '-';
    text.chars().filter(|&c| !dropped(c)).collect::<String>().to_lowercase()
}

/// The parsed PDF.
pub fn pdf(path: &Path) -> lopdf::Document {
    lopdf::Document::load(path).unwrap_or_else(|e| panic!("parse {}: {e}", path.display()))
}

/// Number of pages.
pub fn page_count(path: &Path) -> usize {
    pdf(path).get_pages().len()
}

/// A string entry of the document information dictionary (`Title`, `Author`).
pub fn info(doc: &lopdf::Document, key: &[u8]) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
    let dict = doc.get_dictionary(info).ok()?;
    let value = dict.get(key).ok()?;
    lopdf::decode_text_string(value).ok()
}

/// The catalog (`/Root`) dictionary.
pub fn catalog(doc: &lopdf::Document) -> &lopdf::Dictionary {
    doc.catalog().expect("catalog")
}

/// Names of fonts used by the document, and whether each is embedded.
pub fn fonts(doc: &lopdf::Document) -> Vec<(String, bool)> {
    let mut fonts = Vec::new();
    for (_, object) in doc.objects.iter() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).ok() != Some(b"FontDescriptor") {
            continue;
        }
        let name = dict
            .get(b"FontName")
            .and_then(|n| n.as_name())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let embedded = [b"FontFile".as_slice(), b"FontFile2", b"FontFile3"].iter().any(|key| dict.has(key));
        fonts.push((name, embedded));
    }
    fonts
}

/// The seed deck's lines, without list markers and numbering, normalized.
pub fn seed_lines() -> Vec<String> {
    let seed = root().join("tests/seed/russia-behind-bars-upr-deck.txt");
    let text = std::fs::read_to_string(&seed).unwrap_or_else(|e| panic!("read {}: {e}", seed.display()));
    text.lines()
        .map(|line| {
            let line = line.trim().trim_start_matches("- ");
            let line = line.trim_start_matches(|c: char| c.is_ascii_digit());
            let line = line.strip_prefix(". ").unwrap_or(line);
            normalize(&line.replace("**", ""))
        })
        .filter(|line| !line.is_empty())
        .collect()
}
