//! A property test over load → resolve → render → export, on stable Rust (proptest).
//!
//! Each case starts from a real briefing (the example, the test fixtures), rewrites it
//! with hostile edits (any string in any text field, keys renamed to anything, values of
//! the wrong type, lines deleted, bytes flipped, links to a file outside the folder, a
//! translation that is a symlink leading out, link targets with bidi controls and mail
//! links with added recipients, TABs, CR or CR LF line endings and a BOM, translation
//! files named with capitals, spaces, newlines or bidi controls) and runs the whole
//! pipeline. It checks that
//! nothing panics, that no byte of a file outside the folder shows up anywhere (a
//! diagnostic, a snippet, the templates' data, the PDF), and that every error names a
//! file of the user's, never an embedded template.
//!
//! `cargo test` runs a short pass. The long run, for ten minutes or more:
//!
//! ```sh
//! PROPTEST_CASES=100000 cargo test --release --lib fuzz -- --nocapture
//! ```

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use proptest::prelude::*;
use toml_edit::{DocumentMut, Item, Value};
use typst::foundations::Datetime;

use crate::diag::Diagnostic;
use crate::render::{Format, Job, Typesetter};
use crate::{export, load, render, resolve};

/// The marker of the file outside every briefing folder: it must never be printed.
const SECRET: &str = "SECRET-0ff-l1m1ts";

/// The file outside the folder, beside it.
const OUTSIDE: &str = "outside.png";

/// The briefings the cases start from: the example and fixtures of several shapes.
const SEEDS: &[&str] = &[
    "briefs/russia-behind-bars",
    "tests/fixtures/localized",
    "tests/fixtures/literal-text",
    "tests/fixtures/with-logo",
    "tests/fixtures/minimal",
    "tests/fixtures/missing-glyph",
];

/// One hostile edit; indices pick a string, key or line modulo how many there are.
#[derive(Debug, Clone)]
enum Edit {
    /// Any text in a string value.
    Text(usize, String),
    /// A key renamed.
    Rename(usize, String),
    /// A string value replaced by a number, an array or a table.
    Retype(usize, u8),
    /// A line removed.
    DeleteLine(usize),
    /// A byte of the file replaced.
    Byte(usize, u8),
    /// The logo, or a link, pointed at the file outside the folder.
    PointOut(u8),
    /// The file's line endings made CR LF or CR alone, and a BOM put before it, as other
    /// editors write them.
    LineEndings(u8),
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[*_\\[\\]()<>#$@{}\"\\\\&!`~|=\n -]{0,40}",
        "(\\{(number|title|value|source|states|page|total)\\}| |x){0,12}",
        "(https?|javascript|file|mailto|data|www)[:./a-z]{0,30}",
        "[\u{0}-\u{1f}\u{7f}-\u{9f}\u{200b}-\u{202e}\u{fffe}\u{ffff}]{1,8}",
        "[A-Za-z]{100,1500}",
        // Links that lie about where they go, and mail links that add recipients.
        "<https://example\\.org/[\u{202a}-\u{202e}\u{2066}-\u{2069}]gpj\\.exe>",
        "\\[x\\]\\(mailto:a@example\\.org\\?(bcc|cc|to|subject|body)=[a-z%0-9]{0,12}\\)",
        "[a-z\t ]{0,20}\t[a-z]{0,10}",
        "[\u{600}-\u{6ff}\u{4e00}-\u{9fff}a-z ]{0,80}",
        Just(format!("../{OUTSIDE}")),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), hostile_text()).prop_map(|(i, s)| Edit::Text(i, s)),
        1 => (any::<usize>(), hostile_text()).prop_map(|(i, s)| Edit::Rename(i, s)),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, t)| Edit::Retype(i, t)),
        1 => any::<usize>().prop_map(Edit::DeleteLine),
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Edit::Byte(i, b)),
        1 => any::<u8>().prop_map(Edit::PointOut),
        1 => any::<u8>().prop_map(Edit::LineEndings),
    ]
}

/// Applies `edits` to the TOML `text`; byte edits may leave it invalid, as intended.
fn apply(text: &str, edits: &[Edit]) -> Vec<u8> {
    let mut text = text.to_owned();
    let mut bytes = None;
    for edit in edits {
        match edit {
            Edit::DeleteLine(i) => {
                let lines: Vec<&str> = text.lines().collect();
                if !lines.is_empty() {
                    let drop = i % lines.len();
                    let kept: Vec<&str> =
                        lines.iter().enumerate().filter(|(n, _)| *n != drop).map(|(_, l)| *l).collect();
                    text = kept.join("\n");
                }
            }
            Edit::LineEndings(kind) => {
                let ending = if kind % 2 == 0 { "\r\n" } else { "\r" };
                text = text.replace('\n', ending);
                if kind % 3 == 0 {
                    text.insert(0, '\u{feff}');
                }
            }
            Edit::Byte(i, b) => {
                let mut raw = bytes.take().unwrap_or_else(|| text.clone().into_bytes());
                if !raw.is_empty() {
                    let at = i % raw.len();
                    raw[at] = *b;
                }
                bytes = Some(raw);
            }
            _ => {
                if let Ok(mut doc) = text.parse::<DocumentMut>() {
                    edit_document(&mut doc, edit);
                    text = doc.to_string();
                }
            }
        }
    }
    bytes.unwrap_or_else(|| text.into_bytes())
}

/// The paths of the string values of a document, as lists of keys.
fn string_paths(item: &Item, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    if let Some(table) = item.as_table_like() {
        for (key, child) in table.iter() {
            path.push(key.to_owned());
            string_paths(child, path, out);
            path.pop();
        }
    } else if item.as_str().is_some() {
        out.push(path.clone());
    }
}

fn edit_document(doc: &mut DocumentMut, edit: &Edit) {
    let mut paths = Vec::new();
    string_paths(doc.as_item(), &mut Vec::new(), &mut paths);
    let Some(first) = paths.first().cloned() else { return };
    let pick = |i: &usize| paths[i % paths.len()].clone();
    let (path, value): (Vec<String>, Option<Item>) = match edit {
        Edit::Text(i, text) => (pick(i), Some(toml_edit::value(text.as_str()))),
        Edit::Retype(i, kind) => {
            let value = match kind % 3 {
                0 => toml_edit::value(i64::from(*kind) - 100),
                1 => toml_edit::value(Value::Array(toml_edit::Array::new())),
                _ => Item::Table(toml_edit::Table::new()),
            };
            (pick(i), Some(value))
        }
        Edit::PointOut(which) if which % 2 == 0 => {
            let path = vec!["logo".to_owned(), "file".to_owned()];
            (path, Some(toml_edit::value(format!("../{OUTSIDE}"))))
        }
        Edit::PointOut(_) => (first, Some(toml_edit::value(format!("see [it](../{OUTSIDE})")))),
        Edit::Rename(i, name) => {
            let path = pick(i);
            rename(doc, &path, name);
            return;
        }
        _ => return,
    };
    set(doc.as_item_mut(), &path, value);
}

fn set(item: &mut Item, path: &[String], value: Option<Item>) {
    let Some((last, parents)) = path.split_last() else { return };
    let mut item = item;
    for key in parents {
        let Some(next) = item.as_table_like_mut().and_then(|t| t.get_mut(key)) else { return };
        item = next;
    }
    if let (Some(table), Some(value)) = (item.as_table_like_mut(), value) {
        table.insert(last, value);
    }
}

fn rename(doc: &mut DocumentMut, path: &[String], name: &str) {
    let Some((last, parents)) = path.split_last() else { return };
    let mut item = doc.as_item_mut();
    for key in parents {
        let Some(next) = item.as_table_like_mut().and_then(|t| t.get_mut(key)) else { return };
        item = next;
    }
    if let Some(table) = item.as_table_like_mut()
        && let Some(value) = table.remove(last)
    {
        table.insert(name, value);
    }
}

fn typesetter() -> &'static Typesetter {
    static TYPESETTER: OnceLock<Typesetter> = OnceLock::new();
    TYPESETTER.get_or_init(Typesetter::new)
}

/// Copies the seed into a fresh folder, with the secret beside (outside) it, applies the
/// edits to its source and its first translation, and returns the folders.
fn prepare(
    seed: &Path,
    source_edits: &[Edit],
    translation_edits: &[Edit],
    link_out: bool,
    rename: u8,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(OUTSIDE), format!("{SECRET} = [ not toml nor png")).expect("write");
    let brief = dir.path().join("brief");
    std::fs::create_dir(&brief).expect("mkdir");
    let mut translated = false;
    for entry in std::fs::read_dir(seed).expect("seed").filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(entry.path()).expect("read seed");
        let mut name = name;
        let edited = match (name.as_str(), name.ends_with(".toml")) {
            ("brief.toml", _) => apply(&String::from_utf8_lossy(&bytes), source_edits),
            (_, true) if !translated => {
                translated = true;
                name = renamed(&name, rename);
                apply(&String::from_utf8_lossy(&bytes), translation_edits)
            }
            _ => bytes,
        };
        std::fs::write(brief.join(&name), edited).expect("write");
    }
    #[cfg(unix)]
    if link_out {
        let _ = std::os::unix::fs::symlink(dir.path().join(OUTSIDE), brief.join("de.toml"));
    }
    (dir, brief)
}

/// A translation's file name as a careless user or a hostile fork might give it: upper
/// case, spaces, a leading dot, a newline, a bidi override, a workflow command.
fn renamed(name: &str, how: u8) -> String {
    let stem = name.trim_end_matches(".toml");
    match how % 8 {
        0 => stem.to_uppercase() + ".toml",
        1 => format!("{stem} .toml"),
        2 => format!(".{stem}.toml"),
        3 => format!("{stem}\n::warning title=x::y.toml"),
        4 => format!("{stem}-\u{202e}lmot.toml"),
        _ => name.to_owned(),
    }
}

/// What a case must never do: show the secret, or report an error nowhere or inside a template.
fn check(diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    for d in diagnostics {
        let shown = format!("{} {:?} {:?}", d.message, d.hints, d.file.as_ref().map(|f| &f.text));
        prop_assert!(!shown.contains(SECRET), "a diagnostic shows the secret: {shown}");
        if d.is_error() {
            let file = d.file.as_ref().map(|f| f.path.to_string_lossy().into_owned());
            prop_assert!(file.is_some(), "an error without a file: {}", d.message);
            prop_assert!(
                !file.unwrap_or_default().starts_with("templates"),
                "an error in a template: {}",
                d.message
            );
        }
    }
    Ok(())
}

/// Runs the pipeline on the folder, checking as it goes.
fn run(brief: &Path) -> Result<(), TestCaseError> {
    let (loaded, diagnostics) = load::load(brief);
    check(&diagnostics)?;
    let Some(loaded) = loaded else { return Ok(()) };
    if loaded.source_has_errors {
        return Ok(());
    }
    let typesetter = typesetter();
    let today = Datetime::from_ymd(2000, 1, 1).expect("a date");
    for lang in loaded.languages() {
        let resolution = resolve::resolve(&loaded, lang, &|c| typesetter.covers(c));
        check(&resolution.diagnostics)?;
        let served = resolution.served();
        let outputs = Format::ALL.into_iter().flat_map(|format| {
            let ours =
                served.iter().filter(move |(state, _)| state.is_some() == (format == Format::LeaveBehind));
            ours.map(move |(_, data)| (format, data))
        });
        for (format, data) in outputs {
            prop_assert!(!String::from_utf8_lossy(data).contains(SECRET), "the data holds the secret");
            let job = Job::embedded(format, data, &loaded.folder, today);
            match render::fit::layout(typesetter, job, None) {
                Ok(fitted) => {
                    let _ = render::overflow::find(&fitted.document);
                    if let Ok(pdf) =
                        export::pdf(&fitted.document, "fuzz", today, &export::Standards::default())
                    {
                        prop_assert!(
                            !String::from_utf8_lossy(&pdf).contains(SECRET),
                            "the PDF holds the secret"
                        );
                    }
                }
                Err(errors) => check(&errors)?,
            }
        }
    }
    comemo::evict(2);
    Ok(())
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_panic_no_secret_and_every_error_located(
        seed in 0..SEEDS.len(),
        source in prop::collection::vec(edit(), 0..6),
        translation in prop::collection::vec(edit(), 0..4),
        link_out in any::<bool>(),
        rename in any::<u8>(),
    ) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let (_dir, brief) = prepare(&root.join(SEEDS[seed]), &source, &translation, link_out, rename);
        run(&brief)?;
    }
}
