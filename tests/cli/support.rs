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

/// Every string value of a TOML document that is set in type: all but speaker notes.
pub fn strings(source: &str) -> Vec<String> {
    fn walk(value: &toml::Value, out: &mut Vec<String>) {
        match value {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Table(t) => t
                .iter()
                .filter(|(key, _)| !matches!(key.as_str(), "notes" | "recommendations-notes"))
                .for_each(|(_, v)| walk(v, out)),
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

    /// Asserts that stderr does not contain `needle`.
    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(!self.stderr.contains(needle), "stderr has {needle:?}:\n{}", self.stderr);
        self
    }

    /// Asserts that the tool failed on the input (exit code 1) without panicking.
    pub fn input_error(&self) -> &Self {
        self.expect_code(1).stderr_lacks("panicked")
    }
}

/// A briefing written for one test, as `briefs/<name>/` in a temporary folder that is
/// removed when the fixture is dropped. Chain `file` to add files, then `run` or `build`
/// from the folder.
pub struct Fixture {
    _dir: tempfile::TempDir,
    /// The temporary folder, where `brief` is run.
    pub root: PathBuf,
    /// The briefing's folder, `briefs/<name>`.
    pub brief: PathBuf,
}

impl Fixture {
    /// A briefing `name` with `source` as its `brief.toml`.
    pub fn new(name: &str, source: &str) -> Self {
        Self::empty(name).file("brief.toml", source)
    }

    /// A briefing folder `name` with nothing in it yet.
    pub fn empty(name: &str) -> Self {
        let dir = temp_dir();
        let root = dir.path().to_path_buf();
        let brief = root.join("briefs").join(name);
        std::fs::create_dir_all(&brief).expect("create the briefing folder");
        Self { _dir: dir, root, brief }
    }

    /// A copy of a folder under `tests/fixtures/`, under its own name.
    pub fn copy_of(name: &str) -> Self {
        Self::copied(name, &fixture(name))
    }

    /// A copy of the example briefing.
    pub fn example() -> Self {
        Self::copied("russia-behind-bars", &root().join(EXAMPLE))
    }

    fn copied(name: &str, from: &Path) -> Self {
        let mut fixture = Self::empty(name);
        for entry in std::fs::read_dir(from).expect("read the fixture") {
            let path = entry.expect("a fixture file").path();
            let name = path.file_name().expect("a file name").to_string_lossy().into_owned();
            fixture = fixture.file(&name, std::fs::read(&path).expect("read a fixture file"));
        }
        fixture
    }

    /// Writes `name` (a path inside the briefing's folder) with `contents`.
    pub fn file(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.brief.join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folders");
        std::fs::write(&path, contents).expect("write a fixture file");
        self
    }

    /// Runs `brief` with `args` from the temporary folder.
    pub fn run(&self, args: &[&str]) -> Run {
        brief_in(&self.root, args)
    }

    /// Builds the briefing into `out/` of the temporary folder, with `args` added.
    pub fn build(&self, args: &[&str]) -> Run {
        self.run(&[&["build", "--out", "out"][..], args].concat())
    }

    /// `out/<name>/<name>.<lang>.<format>.pdf`.
    pub fn pdf(&self, lang: &str, format: &str) -> PathBuf {
        let name = self.brief.file_name().expect("a name").to_string_lossy().into_owned();
        self.root.join("out").join(&name).join(format!("{name}.{lang}.{format}.pdf"))
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

/// The x position where each text run on the first page starts: Typst places each run
/// with a `cm` transform just before its `BT`.
pub fn run_starts(path: &Path) -> Vec<f32> {
    let doc = pdf(path);
    let (_, page) = doc.get_pages().into_iter().next().unwrap();
    let content = lopdf::content::Content::decode(&doc.get_page_content(page).unwrap()).unwrap();
    let number = |o: &lopdf::Object| o.as_float().or_else(|_| o.as_i64().map(|i| i as f32)).unwrap_or(0.0);
    let mut x = 0.0;
    let mut starts = Vec::new();
    for op in &content.operations {
        match op.operator.as_str() {
            "cm" => x = number(&op.operands[4]),
            "BT" => starts.push(x),
            _ => {}
        }
    }
    starts
}
