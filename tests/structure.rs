//! The shape of the code: the top-level modules of `src/` import each other in one
//! direction only (no loop), and no source file is longer than a reader can hold.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The longest a file under `src/` may be, in lines.
const MAX_LINES: usize = 400;

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, recursively, in a stable order.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut paths: Vec<PathBuf> =
        fs::read_dir(dir).expect("read src/").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`None` for `lib.rs` and `main.rs`,
/// which declare the modules rather than use them).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).expect("under src/");
    let first = relative.components().next()?.as_os_str().to_string_lossy().into_owned();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_owned();
    (!matches!(name.as_str(), "lib" | "main")).then_some(name)
}

/// `text` without its `//` comments (doc comments included), which may name modules in
/// prose or links without using them.
fn code(text: &str) -> String {
    text.lines().map(|line| line.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The top-level modules that `code` uses: `crate::name` and `crate::{a, b::c}`.
fn uses(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                group.split(',').map(|part| part.trim().split("::").next().unwrap_or("")).collect()
            }
            None => vec![rest.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap_or("")],
        };
        found.extend(names.into_iter().filter(|n| modules.contains(*n)).map(str::to_owned));
    }
    found
}

/// The import graph of the top-level modules: each module, the modules it uses, and a
/// file where it does.
fn graph() -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let src = src();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let modules: BTreeSet<String> = files.iter().filter_map(|f| module_of(&src, f)).collect();
    let mut graph: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else { continue };
        let text = fs::read_to_string(file).expect("read a source file");
        let entry = graph.entry(module.clone()).or_default();
        for used in uses(&code(&text), &modules).into_iter().filter(|used| *used != module) {
            entry.entry(used).or_insert_with(|| file.strip_prefix(&src).expect("under src/").to_path_buf());
        }
    }
    graph
}

/// A loop in `graph`, as the modules along it (the first repeated at the end), if any.
fn find_loop(graph: &BTreeMap<String, BTreeMap<String, PathBuf>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeMap<String, PathBuf>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flat_map(BTreeMap::keys) {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_modules_import_each_other_in_one_direction() {
    let graph = graph();
    assert!(graph.len() > 10, "the modules of src/ are found: {graph:?}");
    if let Some(found) = find_loop(&graph) {
        let steps: Vec<String> = found
            .windows(2)
            .map(|pair| format!("{} → {} (in src/{})", pair[0], pair[1], graph[&pair[0]][&pair[1]].display()))
            .collect();
        panic!("the modules import each other in a loop:\n{}", steps.join("\n"));
    }
}

#[test]
fn a_loop_is_found_where_there_is_one() {
    let modules: BTreeSet<String> = ["load", "render", "diag"].map(str::to_owned).into();
    let text = "use crate::render::Format; // crate::diag in a comment\nuse crate::{diag, render::x};";
    assert_eq!(uses(&code(text), &modules), ["diag", "render"].map(str::to_owned).into());
    let edge = |to: &str| (to.to_owned(), PathBuf::from("x.rs"));
    let mut graph = BTreeMap::new();
    graph.insert("load".to_owned(), BTreeMap::from([edge("render")]));
    graph.insert("render".to_owned(), BTreeMap::from([edge("diag")]));
    assert_eq!(find_loop(&graph), None);
    graph.insert("diag".to_owned(), BTreeMap::from([edge("load")]));
    assert_eq!(find_loop(&graph), Some(["diag", "load", "render", "diag"].map(str::to_owned).to_vec()));
}

#[test]
fn no_source_file_is_over_400_lines() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let long: Vec<String> = files
        .iter()
        .map(|file| (file, fs::read_to_string(file).expect("read").lines().count()))
        .filter(|(_, lines)| *lines > MAX_LINES)
        .map(|(file, lines)| format!("{} ({lines} lines)", file.display()))
        .collect();
    assert!(long.is_empty(), "files over {MAX_LINES} lines: {long:#?}");
}
