//! Exchange, XLIFF 1.2: one `<trans-unit>` per text, its key as `id`, the markup as inline
//! elements that CAT tools protect and give back: `<bpt>`/`<ept>` around a pair, `<ph>`
//! for one alone, each holding the markup as written, so that it comes back exactly.
//!
//! States, as the tools read them. Weblate marks a unit "Needs editing" when its target
//! has the state `new`, `needs-translation`, `needs-adaptation` or `needs-l10n`, and
//! "Approved" when `approved="yes"`; without a state a target is translated
//! (docs.weblate.org, formats/xliff.html, "Translation states"). Translate Toolkit (which
//! Weblate, Pootle and Virtaal read XLIFF with) takes the `needs-*` states for fuzzy.
//! memoQ, Trados and OmegaT (through Okapi) read the XLIFF 1.2 states as the
//! specification defines them (docs.oasis-open.org/xliff/v1.2/os/xliff-core.html#state):
//! `needs-translation` "needs to be translated", `translated`, and `final`, which OmegaT's
//! Okapi filter can protect. So a missing or stale text is `needs-translation` (a stale
//! one keeps its old target, and its previous source in a note), a translated one
//! `translated`, and one the lock confirms for the source as it is `final`, approved.
//! `needs-review-translation` is not used: Weblate reads it as translated.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::Arc;

use roxmltree::{Document, Node};

use super::codes::{self, Piece, Role};
use super::exchange::{EXPORTED, Incoming, Incomings, Mark, Outgoing, Outgoings, source_name};
use crate::diag::{Diagnostic, SourceFile};

const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:1.2";

/// Writes `outgoing` as an XLIFF 1.2 file.
pub(crate) fn write(outgoing: &Outgoings) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(x, "<xliff version=\"1.2\" xmlns=\"{NAMESPACE}\">");
    let _ = writeln!(
        x,
        "  <file original=\"{}\" datatype=\"plaintext\" source-language=\"{}\" target-language=\"{}\">",
        esc(source_name()),
        esc(&outgoing.source_lang),
        esc(&outgoing.lang)
    );
    let _ = writeln!(x, "    <header><tool tool-id=\"brief\" tool-name=\"brief\"/></header>\n    <body>");
    for unit in &outgoing.units {
        trans_unit(&mut x, unit);
    }
    x.push_str("    </body>\n  </file>\n</xliff>\n");
    x
}

fn trans_unit(x: &mut String, unit: &Outgoing) {
    let key = esc(&unit.key.to_string());
    let approved = if unit.mark == Mark::Confirmed { " approved=\"yes\"" } else { "" };
    let _ = writeln!(x, "      <trans-unit id=\"{key}\" resname=\"{key}\" xml:space=\"preserve\"{approved}>");
    let source = codes::split(&unit.source);
    let _ = writeln!(x, "        <source>{}</source>", inline(&source, &ids_of(&source)));
    let state = match unit.mark {
        Mark::Missing | Mark::Stale => "needs-translation",
        Mark::Translated => "translated",
        Mark::Confirmed => "final",
    };
    let target = codes::split(&unit.target);
    let ids = target_ids(&source, &target);
    let _ = writeln!(x, "        <target state=\"{state}\">{}</target>", inline(&target, &ids));
    let _ = writeln!(x, "        <note from=\"developer\">{}</note>", esc(&unit.note));
    if let Some(previous) = &unit.previous {
        let _ = writeln!(x, "        <note from=\"brief\">The source was: {}</note>", esc(previous));
    }
    let _ = writeln!(x, "        <note from=\"brief\">{EXPORTED}{}</note>", unit.exported);
    let _ = writeln!(
        x,
        "        <context-group purpose=\"location\"><context context-type=\"sourcefile\">{}</context>\
         <context context-type=\"linenumber\">{}</context></context-group>",
        esc(source_name()),
        unit.line
    );
    x.push_str("      </trans-unit>\n");
}

/// The id of each code of a source: its position, from 1; a closing code takes its
/// opening code's.
fn ids_of(coded: &codes::Coded) -> Vec<usize> {
    (0..coded.codes.len())
        .map(|i| match coded.codes[i].role {
            Role::Close(open) => open + 1,
            _ => i + 1,
        })
        .collect()
}

/// The ids of a target's codes: the source code's with the same markup, so that a tool
/// sees the same tag; past those, new ones.
fn target_ids(source: &codes::Coded, target: &codes::Coded) -> Vec<usize> {
    let source_ids = ids_of(source);
    let mut used = vec![false; source.codes.len()];
    let mut fresh = source.codes.len();
    let mut ids = vec![0; target.codes.len()];
    for (i, code) in target.codes.iter().enumerate() {
        if let Role::Close(open) = code.role {
            ids[i] = ids[open];
            continue;
        }
        let found = source
            .codes
            .iter()
            .enumerate()
            .position(|(j, s)| !used[j] && s.native == code.native && !matches!(s.role, Role::Close(_)));
        ids[i] = match found {
            Some(j) => {
                used[j] = true;
                source_ids[j]
            }
            None => {
                fresh += 1;
                fresh
            }
        };
    }
    ids
}

/// A text with its codes as inline elements.
fn inline(coded: &codes::Coded, ids: &[usize]) -> String {
    let mut out = String::new();
    for piece in &coded.pieces {
        match piece {
            Piece::Text(text) => out.push_str(&esc(text)),
            Piece::Code(i) => {
                let code = &coded.codes[*i];
                let (id, native) = (ids[*i], esc(&code.native));
                let _ = match code.role {
                    Role::Open(_) => write!(out, "<bpt id=\"{id}\" ctype=\"{}\">{native}</bpt>", code.ctype),
                    Role::Close(_) => write!(out, "<ept id=\"{id}\">{native}</ept>"),
                    Role::Alone => write!(out, "<ph id=\"{id}\" ctype=\"{}\">{native}</ph>", code.ctype),
                };
            }
        }
    }
    out
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Reads an XLIFF 1.2 file; an error names its line and column.
pub(crate) fn read(file: &Arc<SourceFile>) -> Result<Incomings, Vec<Diagnostic>> {
    let options = roxmltree::ParsingOptions { allow_dtd: false, ..roxmltree::ParsingOptions::default() };
    let doc = Document::parse_with_options(&file.text, options).map_err(|e| {
        let pos = e.pos();
        let at = offset_of(&file.text, pos.row as usize, pos.col as usize);
        vec![Diagnostic::error(format!("invalid XLIFF file: {e}")).at(file, Some(at..at + 1))]
    })?;
    let mut incomings = Incomings::default();
    let mut errors = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        match node.tag_name().name() {
            "file" => {
                if let Some(lang) = node.attribute("target-language") {
                    let span = node.attribute_node("target-language").map(|a| a.range_value());
                    incomings.lang = Some((lang.to_owned(), span));
                }
            }
            "trans-unit" => match unit(file, node) {
                Ok(unit) => incomings.units.push(unit),
                Err(e) => errors.push(e),
            },
            _ => {}
        }
    }
    if errors.is_empty() { Ok(incomings) } else { Err(errors) }
}

fn unit(file: &Arc<SourceFile>, node: Node) -> Result<Incoming, Diagnostic> {
    let here = |n: Node| Some(n.range());
    let key = node.attribute("id").ok_or_else(|| {
        Diagnostic::error("invalid XLIFF file: a `<trans-unit>` without an `id`").at(file, here(node))
    })?;
    let child = |name: &str| node.children().find(|c| c.is_element() && c.tag_name().name() == name);
    let source_node = child("source").ok_or_else(|| {
        Diagnostic::error(format!("invalid XLIFF file: `{key}` has no `<source>`")).at(file, here(node))
    })?;
    let mut natives = HashMap::new();
    let source = text_of(file, source_node, &mut natives, true)?;
    let (target, target_span, state) = match child("target") {
        Some(target) => {
            (text_of(file, target, &mut natives, false)?, here(target), target.attribute("state"))
        }
        None => (String::new(), None, None),
    };
    let fuzzy = matches!(state, Some("new" | "needs-translation" | "needs-adaptation" | "needs-l10n"));
    let exported = node
        .children()
        .filter(|c| c.tag_name().name() == "note")
        .find_map(|n| n.text()?.strip_prefix(EXPORTED).map(str::to_owned));
    let key_span = node.attribute_node("id").map(|a| a.range_value());
    Ok(Incoming { key: key.to_owned(), key_span, source, target, target_span, fuzzy, exported })
}

/// The text of a `<source>` or `<target>`, each inline element replaced by the markup it
/// holds (or, if a tool emptied it, the source's element of the same id).
fn text_of(
    file: &Arc<SourceFile>,
    node: Node,
    natives: &mut HashMap<(String, String), String>,
    is_source: bool,
) -> Result<String, Diagnostic> {
    let mut out = String::new();
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or_default());
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let name = child.tag_name().name();
        let kind = match name {
            "ph" | "x" | "it" => "ph",
            "bpt" | "bx" => "bpt",
            "ept" | "ex" => "ept",
            "mrk" => {
                out.push_str(&text_of(file, child, natives, is_source)?);
                continue;
            }
            _ => {
                let message = format!("`<{name}>` is not an inline element brief writes");
                let hint = "keep the tags as exported: `<bpt>`, `<ept>` and `<ph>`";
                return Err(Diagnostic::error(message).at(file, Some(child.range())).hint(hint));
            }
        };
        let id = child.attribute("id").unwrap_or_default().to_owned();
        let own: String = child.descendants().filter(|d| d.is_text()).filter_map(|d| d.text()).collect();
        let native =
            if own.is_empty() { natives.get(&(kind.to_owned(), id.clone())).cloned() } else { Some(own) };
        let Some(native) = native else {
            let message = format!("`<{name} id=\"{id}\">` matches no tag of the source");
            let hint =
                "keep the tags of the source as they are; a tag with a new id has no markup to stand for";
            return Err(Diagnostic::error(message).at(file, Some(child.range())).hint(hint));
        };
        if is_source {
            natives.insert((kind.to_owned(), id), native.clone());
        }
        out.push_str(&native);
    }
    Ok(out)
}

/// The byte offset of a 1-based row and column (in characters).
fn offset_of(text: &str, row: usize, col: usize) -> usize {
    let line_start: usize = text.split_inclusive('\n').take(row.saturating_sub(1)).map(str::len).sum();
    let line = &text[line_start.min(text.len())..];
    line_start + line.char_indices().nth(col.saturating_sub(1)).map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::exchange::Outgoing;
    use crate::model::{TextKey, TextKind};

    #[test]
    fn markup_goes_out_as_inline_elements_and_comes_back_exactly() {
        let unit = Outgoing {
            key: TextKey::parse("issues.a.points.b"),
            kind: TextKind::Figure,
            source: "**{value}** people & [more](https://x.org/?a=1&b=2)".to_owned(),
            target: "**{value}** personnes".to_owned(),
            mark: Mark::Stale,
            previous: Some("old".to_owned()),
            note: "A figure".to_owned(),
            line: 3,
            exported: "abc".to_owned(),
        };
        let outgoing =
            Outgoings { brief: "b".into(), source_lang: "en".into(), lang: "fr".into(), units: vec![unit] };
        let written = write(&outgoing);
        assert!(written.contains("<source><bpt id=\"1\" ctype=\"bold\">**</bpt><ph id=\"2\" ctype=\"x-value\">{value}</ph><ept id=\"1\">**</ept> people &amp; "), "{written}");
        assert!(written.contains("<target state=\"needs-translation\">"), "{written}");
        let read = read(&SourceFile::new("fr.xlf", written)).expect("reads");
        assert_eq!(read.lang.map(|l| l.0).as_deref(), Some("fr"));
        let unit = &read.units[0];
        assert_eq!(unit.source, "**{value}** people & [more](https://x.org/?a=1&b=2)");
        assert_eq!(unit.target, "**{value}** personnes");
        assert!(unit.fuzzy);
        assert_eq!(unit.exported.as_deref(), Some("abc"));
    }
}
