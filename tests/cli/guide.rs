//! The template authors' guide (`templates/README.md`): its example `templates/data.json`
//! is what the tool serves the example's English handout at `/data.json`. The guide's
//! field table is checked against `templates/data.rs` by a unit test (`src/guide.rs`).

use std::fs;

use crate::support::*;

/// The environment variable that rewrites the guide's generated parts instead of checking
/// them (the same as the field table's).
const UPDATE: &str = "UPDATE_TEMPLATE_GUIDE";

#[test]
fn template_guide_example_data_is_what_the_tool_serves() {
    let dir = temp_dir();
    let (ejected, out) = (dir.path().join("typst"), dir.path().join("out"));
    let args = ["build", EXAMPLE, "--lang", "en", "--format", "handout", "--emit-typst"];
    brief(&[&args[..], &[ejected.to_str().unwrap(), "--out", out.to_str().unwrap()]].concat()).expect_code(0);
    let served = fs::read_to_string(ejected.join("russia-behind-bars.en.handout/data.json")).unwrap();
    let expected = pretty(&served);
    let example = root().join("templates/data.json");
    if std::env::var_os(UPDATE).is_some() {
        fs::write(&example, &expected).unwrap();
        return;
    }
    let committed = fs::read_to_string(&example).unwrap_or_default();
    assert!(
        committed == expected,
        "templates/data.json is out of date with what the tool serves: regenerate it with\n  \
         {UPDATE}=1 cargo test template_guide"
    );
    let value: serde_json::Value = serde_json::from_str(&committed).expect("JSON");
    assert_eq!(value, serde_json::from_str::<serde_json::Value>(&served).unwrap(), "only spacing differs");
}

#[test]
fn every_flag_of_a_run_is_present_in_the_data() {
    let example: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(root().join("templates/data.json")).unwrap()).unwrap();
    let run = &example["title"][0];
    for field in ["text", "strong", "emph", "link", "quote", "ltr", "breaks", "lang"] {
        assert!(run.get(field).is_some(), "a run lacks `{field}`: {run}");
    }
    assert_eq!(
        (&run["strong"], &run["link"], &run["breaks"]),
        (&false.into(), &serde_json::Value::Null, &serde_json::json!([]))
    );
}

/// Compact JSON (as the tool serves it) indented two spaces a level, keys in the order
/// served: a reformatting that changes no value.
fn pretty(compact: &str) -> String {
    let (mut out, mut depth, mut in_string, mut escaped) = (String::new(), 0usize, false, false);
    let mut chars = compact.trim().chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            (in_string, escaped) = (escaped || c != '"', !escaped && c == '\\');
            continue;
        }
        match c {
            '"' => (in_string, escaped) = (true, false),
            '{' | '[' if chars.peek().is_some_and(|next| matches!(next, '}' | ']')) => {
                out.push(c);
                out.extend(chars.next());
                continue;
            }
            '{' | '[' => {
                out.push(c);
                depth += 1;
                newline(&mut out, depth);
                continue;
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
                continue;
            }
            ':' => {
                out.push_str(": ");
                continue;
            }
            _ => {}
        }
        out.push(c);
    }
    out.push('\n');
    out
}
