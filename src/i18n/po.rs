//! Exchange, gettext PO: one entry per text, its key as `msgctxt`, the source as
//! `msgid`, the translation as `msgstr`; `#, fuzzy` with the previous source as `#| msgid`
//! for a stale one. The markup stays as written (it is the documented markup of
//! `docs/writing.md`); an extracted comment lists the codes to keep, and a key figure's
//! entry has gettext's `python-brace-format` flag, so that `msgfmt --check` and the CAT
//! tools check its `{value}`.
//!
//! The reader is small and by hand: the PO crates at hand keep neither the previous
//! `msgid` nor line numbers, and an error must name the PO file's line and column.

use std::fmt::Write;
use std::ops::Range;
use std::sync::Arc;

use super::codes;
use super::exchange::{EXPORTED, Incoming, Incomings, Mark, Outgoings, source_name};
use crate::diag::{Diagnostic, SourceFile};
use crate::model::TextKind;

/// Writes `outgoing` as a PO file.
pub(crate) fn write(outgoing: &Outgoings) -> String {
    let mut po = String::new();
    let _ = writeln!(po, "# The `{}` translation of `{}`, for CAT tools.", outgoing.lang, outgoing.brief);
    po.push_str("# Written by `brief i18n export`; read back with `brief i18n import`.\n");
    po.push_str("msgid \"\"\nmsgstr \"\"\n");
    let header = [
        format!("Project-Id-Version: {}", outgoing.brief),
        format!("Language: {}", outgoing.lang),
        "MIME-Version: 1.0".to_owned(),
        "Content-Type: text/plain; charset=UTF-8".to_owned(),
        "Content-Transfer-Encoding: 8bit".to_owned(),
        format!("X-Source-Language: {}", outgoing.source_lang),
        format!("PO-Revision-Date: {}", revision_date()),
        "Last-Translator: none".to_owned(),
        "Language-Team: none".to_owned(),
        "X-Generator: brief".to_owned(),
    ];
    for field in header {
        let _ = writeln!(po, "\"{}\\n\"", escape(&field));
    }
    for unit in &outgoing.units {
        po.push('\n');
        let _ = writeln!(po, "#. {}", unit.note);
        let natives = codes::natives(&unit.source);
        if !natives.is_empty() {
            let _ = writeln!(po, "#. Keep the markup: {}", natives.join(" "));
        }
        let _ = writeln!(po, "#. {EXPORTED}{}", unit.exported);
        let _ = writeln!(po, "#: {}:{}", source_name(), unit.line);
        let mut flags = Vec::new();
        if unit.mark == Mark::Stale {
            flags.push("fuzzy");
        }
        if unit.kind == TextKind::Figure && is_brace_format(&unit.source) {
            flags.push("python-brace-format");
        }
        if !flags.is_empty() {
            let _ = writeln!(po, "#, {}", flags.join(", "));
        }
        if let Some(previous) = &unit.previous {
            field(&mut po, "#| msgid", previous);
        }
        field(&mut po, "msgctxt", &unit.key.to_string());
        field(&mut po, "msgid", &unit.source);
        field(&mut po, "msgstr", &unit.target);
    }
    po
}

/// Now, as gettext writes it (`2025-01-31 09:30+0000`).
fn revision_date() -> String {
    let now = time::OffsetDateTime::now_utc();
    let (month, day, hour, minute) = (u8::from(now.month()), now.day(), now.hour(), now.minute());
    format!("{:04}-{month:02}-{day:02} {hour:02}:{minute:02}+0000", now.year())
}

/// Whether every brace of `text` is `{value}`: only then is it a Python format string.
fn is_brace_format(text: &str) -> bool {
    let rest = text.replace("{value}", "");
    !rest.contains(['{', '}'])
}

/// Writes `keyword "…"`, a text with line breaks one line each after an empty first.
fn field(po: &mut String, keyword: &str, text: &str) {
    let prefix = keyword.strip_suffix("msgid").filter(|p| !p.is_empty()).map_or("", |_| "#| ");
    if !text.contains('\n') || text.trim_end_matches('\n').is_empty() {
        let _ = writeln!(po, "{keyword} \"{}\"", escape(text));
        return;
    }
    let _ = writeln!(po, "{keyword} \"\"");
    for line in text.split_inclusive('\n') {
        let _ = writeln!(po, "{prefix}\"{}\"", escape(line));
    }
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// An entry being read.
#[derive(Default)]
struct Entry {
    flags: Vec<String>,
    exported: Option<String>,
    obsolete: bool,
    fields: Vec<(String, String, Range<usize>)>,
}

/// Reads a PO file; an error names its line and column.
pub(crate) fn read(file: &Arc<SourceFile>) -> Result<Incomings, Vec<Diagnostic>> {
    let mut entries = Vec::new();
    let mut entry = Entry::default();
    let mut errors = Vec::new();
    let mut offset = 0;
    for line in file.text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let text = line.trim_end_matches(['\n', '\r']).trim_start();
        let lead = line.len() - line.trim_start().len();
        let at = start + lead;
        if text.is_empty() {
            continue;
        }
        if text.starts_with('#') {
            if !entry.fields.is_empty() {
                entries.push(std::mem::take(&mut entry));
            }
            comment(&mut entry, text);
            continue;
        }
        if let Some(rest) = text.strip_prefix('"') {
            match (unquote(rest), entry.fields.last_mut()) {
                (Ok(more), Some((_, value, range))) => {
                    value.push_str(&more);
                    range.end = at + text.len();
                }
                (Ok(_), None) => errors.push(error(file, at, "a string outside an entry")),
                (Err(why), _) => errors.push(error(file, at, why)),
            }
            continue;
        }
        let (keyword, rest) = text.split_once(' ').unwrap_or((text, ""));
        let Some(quoted) = rest.trim_start().strip_prefix('"') else {
            errors.push(error(file, at, &format!("`{keyword}` without a quoted string")));
            continue;
        };
        if !matches!(keyword, "msgctxt" | "msgid" | "msgstr") {
            errors.push(error(file, at, &format!("`{keyword}` is not used by brief's PO files")));
            continue;
        }
        if (keyword == "msgctxt" || keyword == "msgid" && !entry.fields.iter().any(|f| f.0 == "msgctxt"))
            && entry.fields.iter().any(|f| f.0 == "msgstr")
        {
            entries.push(std::mem::take(&mut entry));
        }
        match unquote(quoted) {
            Ok(value) => entry.fields.push((keyword.to_owned(), value, at..at + text.len())),
            Err(why) => errors.push(error(file, at, why)),
        }
    }
    entries.push(entry);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(gather(entries))
}

/// Reads one comment line into `entry`.
fn comment(entry: &mut Entry, text: &str) {
    if text.starts_with("#~") {
        entry.obsolete = true;
    } else if let Some(flags) = text.strip_prefix("#,") {
        entry.flags.extend(flags.split(',').map(|f| f.trim().to_owned()));
    } else if let Some(note) = text.strip_prefix("#.")
        && let Some(exported) = note.trim().strip_prefix(EXPORTED)
    {
        entry.exported = Some(exported.trim().to_owned());
    }
}

/// Turns the entries into texts, and the header's `Language` into the target language.
fn gather(entries: Vec<Entry>) -> Incomings {
    let mut incomings = Incomings::default();
    for entry in entries.into_iter().filter(|e| !e.obsolete && !e.fields.is_empty()) {
        let get = |name: &str| entry.fields.iter().find(|f| f.0 == name);
        let (Some(msgid), Some(msgstr)) = (get("msgid"), get("msgstr")) else { continue };
        let Some(ctxt) = get("msgctxt") else {
            if msgid.1.is_empty() {
                incomings.lang = language(&msgstr.1).map(|lang| (lang, Some(msgstr.2.clone())));
            }
            continue;
        };
        incomings.units.push(Incoming {
            key: ctxt.1.clone(),
            key_span: Some(ctxt.2.clone()),
            source: msgid.1.clone(),
            target: msgstr.1.clone(),
            target_span: Some(msgstr.2.clone()),
            fuzzy: entry.flags.iter().any(|f| f == "fuzzy"),
            exported: entry.exported.clone(),
        });
    }
    incomings
}

fn language(header: &str) -> Option<String> {
    header.lines().find_map(|line| Some(line.strip_prefix("Language:")?.trim().to_owned()))
}

/// The text of a quoted PO string, its opening quote already taken.
fn unquote(rest: &str) -> Result<String, &'static str> {
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                return if chars.as_str().trim().is_empty() {
                    Ok(out)
                } else {
                    Err("text after a closing quote")
                };
            }
            '\\' => out.push(match chars.next() {
                Some('n') => '\n',
                Some('t') => '\t',
                Some('r') => '\r',
                Some('"') => '"',
                Some('\\') => '\\',
                _ => return Err("an unknown escape; write `\\\\` for a backslash"),
            }),
            c => out.push(c),
        }
    }
    Err("a string without its closing quote")
}

fn error(file: &Arc<SourceFile>, at: usize, why: &str) -> Diagnostic {
    Diagnostic::error(format!("invalid PO file: {why}")).at(file, Some(at..at + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_with_context_flags_and_continued_strings() {
        let text = "msgid \"\"\nmsgstr \"\"\n\"Language: fr\\n\"\n\n#. brief-exported: abc\n#, fuzzy\n\
                    #| msgid \"old\"\nmsgctxt \"a.b\"\nmsgid \"\"\n\"one\\n\"\n\"two\"\nmsgstr \"un \\\"x\\\"\"\n\n\
                    #~ msgctxt \"gone\"\n#~ msgid \"x\"\n#~ msgstr \"y\"\n";
        let read = read(&SourceFile::new("fr.po", text)).expect("reads");
        assert_eq!(read.lang.map(|l| l.0).as_deref(), Some("fr"));
        assert_eq!(read.units.len(), 1);
        let unit = &read.units[0];
        assert_eq!(
            (unit.key.as_str(), unit.source.as_str(), unit.target.as_str()),
            ("a.b", "one\ntwo", "un \"x\"")
        );
        assert!(unit.fuzzy);
        assert_eq!(unit.exported.as_deref(), Some("abc"));
    }

    #[test]
    fn a_broken_string_is_an_error_at_its_line() {
        let file = SourceFile::new("fr.po", "msgctxt \"a\"\nmsgid \"b\nmsgstr \"c\"\n");
        let errors = read(&file).expect_err("refused");
        assert_eq!(errors[0].location().as_deref(), Some("fr.po:2:1"));
    }
}
