//! Documentation tests: the README stays short enough to be a front page (it is also the
//! PyPI page), and every relative link in the README, `CONTRIBUTING.md`, the template
//! authors' guide (`templates/README.md`) and the user guide under `docs/` leads to a file
//! that exists and, after a `#`, to a heading in it.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The README's ceiling, in bytes: 15 KiB.
const README_MAX_BYTES: u64 = 15 * 1024;

/// The repository's root, where `Cargo.toml` is.
fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Markdown files whose links are checked: README.md, CONTRIBUTING.md,
/// templates/README.md, docs/**/*.md.
fn checked_files(root: &Path) -> Vec<PathBuf> {
    let mut files =
        vec![root.join("README.md"), root.join("CONTRIBUTING.md"), root.join("templates/README.md")];
    collect_markdown(&root.join("docs"), &mut files);
    files
}

/// Every `.md` file under `dir`, recursively, in a stable order.
fn collect_markdown(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.map(|entry| entry.expect("read docs/").path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect_markdown(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "md") {
            files.push(path);
        }
    }
}

/// The parser's options: GitHub's extensions that change what is a link or a heading.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// The destinations of every link and image in a Markdown text, those of HTML tags
/// (`<img src>`, `<a href>`) included.
fn link_targets(markdown: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                targets.push(dest_url.into_string());
            }
            Event::Html(html) | Event::InlineHtml(html) => targets.extend(html_targets(&html)),
            _ => {}
        }
    }
    targets
}

/// The values of the `src` and `href` attributes in a piece of HTML, written in double quotes.
fn html_targets(html: &str) -> Vec<String> {
    let mut targets = Vec::new();
    for attribute in [" src=\"", " href=\""] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            let Some(end) = rest.find('"') else { break };
            targets.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    targets
}

/// The anchors GitHub makes for a Markdown text's headings (`## Set-up` → `set-up`),
/// a repeated heading getting `-1`, `-2`… as GitHub numbers them.
fn heading_anchors(markdown: &str) -> BTreeSet<String> {
    let mut anchors = BTreeSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(text) | Event::Code(text) => {
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&text);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let slug = github_slug(&heading.take().unwrap_or_default());
                let mut anchor = slug.clone();
                let mut n = 0;
                while !anchors.insert(anchor.clone()) {
                    n += 1;
                    anchor = format!("{slug}-{n}");
                }
            }
            _ => {}
        }
    }
    anchors
}

/// A heading's anchor as GitHub writes it: lowercase, spaces to hyphens, and only letters,
/// digits, `-` and `_` kept (github-slugger's rule).
fn github_slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Whether a link leaves the repository (a web or mail address) and so is not checked here.
fn is_external(target: &str) -> bool {
    target.contains("://") || target.starts_with("mailto:")
}

/// Decodes `%20` and the like in a link's path.
fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex =
            bytes.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                i += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// The problems with one link of `file`: a missing target, a missing heading, or a link
/// that is not relative.
fn check_link(root: &Path, file: &Path, target: &str) -> Option<String> {
    if is_external(target) {
        return None;
    }
    let shown = file.strip_prefix(root).unwrap_or(file).display();
    let (path, fragment) = target.split_once('#').map_or((target, None), |(p, f)| (p, Some(f)));
    if path.starts_with('/') || Path::new(path).is_absolute() {
        return Some(format!("{shown}: `{target}` is not relative; write it from {shown}'s folder"));
    }
    let resolved = if path.is_empty() {
        file.to_path_buf()
    } else {
        file.parent().expect("a file has a folder").join(percent_decode(path))
    };
    let resolved_shown = resolved.strip_prefix(root).unwrap_or(&resolved).display().to_string();
    if !resolved.exists() {
        return Some(format!("{shown}: `{target}` leads to `{resolved_shown}`, which does not exist"));
    }
    let fragment = fragment.filter(|f| !f.is_empty())?;
    if resolved.extension().is_none_or(|ext| ext != "md") {
        return None;
    }
    let text = fs::read_to_string(&resolved).expect("read a linked Markdown file");
    let anchor = percent_decode(fragment);
    if heading_anchors(&text).contains(&anchor) {
        return None;
    }
    Some(format!("{shown}: `{target}`: no heading in `{resolved_shown}` has the anchor `#{anchor}`"))
}

/// Every problem with the relative links of `files`, one line each.
fn broken_links(root: &Path, files: &[PathBuf]) -> Vec<String> {
    let mut problems = Vec::new();
    for file in files {
        let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
        for target in link_targets(&text) {
            problems.extend(check_link(root, file, &target));
        }
    }
    problems
}

#[test]
fn readme_is_at_most_15_kib() {
    let size = fs::metadata(root().join("README.md")).expect("README.md").len();
    assert!(
        size <= README_MAX_BYTES,
        "README.md is {size} bytes, over {README_MAX_BYTES}: move the detail into docs/ or CONTRIBUTING.md"
    );
}

#[test]
fn relative_links_lead_to_files_and_headings() {
    let root = root();
    let files = checked_files(&root);
    assert!(files.len() > 3, "the user guide under docs/ is missing: {files:?}");
    let problems = broken_links(&root, &files);
    assert!(problems.is_empty(), "broken links:\n{}", problems.join("\n"));
}

#[test]
fn guide_index_links_every_page() {
    let root = root();
    let index = root.join("docs/README.md");
    let text = fs::read_to_string(&index).expect("docs/README.md, the guide's table of contents");
    let linked: BTreeSet<PathBuf> = link_targets(&text)
        .iter()
        .filter(|target| !is_external(target))
        .filter_map(|target| root.join("docs").join(target.split('#').next()?).canonicalize().ok())
        .collect();
    let mut pages = Vec::new();
    collect_markdown(&root.join("docs"), &mut pages);
    let missing: Vec<String> = pages
        .iter()
        .filter(|page| **page != index && !page.canonicalize().is_ok_and(|page| linked.contains(&page)))
        .map(|page| page.strip_prefix(&root).unwrap_or(page).display().to_string())
        .collect();
    assert!(missing.is_empty(), "docs/README.md does not list: {}", missing.join(", "));
}

#[test]
fn checker_finds_a_broken_link_and_a_wrong_anchor() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    fs::write(
        dir.path().join("other.md"),
        "# Other page\n\n## A `code` section, twice\n\n## A `code` section, twice\n",
    )
    .expect("write other.md");
    let page = dir.path().join("page.md");
    fs::write(
        &page,
        "# Page\n\n[ok](other.md#a-code-section-twice-1) [ok](#page) [web](https://example.org/x.md)\n\
         [gone](missing.md) [wrong](other.md#nowhere) ![img](images/none.png) [abs](/other.md)\n\n\
         <p><a href=\"other.md\"><img src=\"gone.png\" alt=\"\"></a></p>\n",
    )
    .expect("write page.md");
    let problems = broken_links(dir.path(), &[page]);
    assert_eq!(problems.len(), 5, "{problems:#?}");
    let needles = ["missing.md", "#nowhere", "none.png", "not relative", "gone.png"];
    for (problem, needle) in problems.iter().zip(needles) {
        assert!(problem.contains(needle), "{problem} should mention {needle}");
    }
}

#[test]
fn github_slugs_match_github() {
    assert_eq!(
        github_slug("Rehearsing: speaker notes and talk time"),
        "rehearsing-speaker-notes-and-talk-time"
    );
    assert_eq!(github_slug("The authoring loop: brief watch"), "the-authoring-loop-brief-watch");
    assert_eq!(github_slug("Set-up"), "set-up");
    assert_eq!(github_slug("PDF/UA and tags"), "pdfua-and-tags");
    assert_eq!(github_slug("Переводы"), "переводы");
}

#[test]
fn headings_of_every_level_are_anchors() {
    let anchors = heading_anchors("# One\n\nText\n\n### Three `x`\n\nSetext\n------\n");
    let expected: BTreeSet<String> = ["one", "three-x", "setext"].map(String::from).into();
    assert_eq!(anchors, expected);
}
