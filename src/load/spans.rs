//! Finding key paths and byte spans in a parsed TOML document.
//!
//! The model is plain data; when a later stage needs to say where a value was written,
//! it looks its key path up here.

use std::ops::Range;

use toml_edit::{ImDocument, Item, TableLike, Value};

/// A parsed TOML document that can answer "where is `a.b.c`?" and "what key is at byte n?".
pub struct Spans {
    doc: ImDocument<String>,
}

impl Spans {
    /// Wraps a parsed document.
    pub fn new(doc: ImDocument<String>) -> Self {
        Self { doc }
    }

    /// The root table.
    pub fn root(&self) -> &dyn TableLike {
        self.doc.as_table()
    }

    /// The span of the key at `path` (dot-separated), or of its nearest written ancestor.
    pub fn locate(&self, path: &str) -> Option<Range<usize>> {
        let mut table: &dyn TableLike = self.doc.as_table();
        let mut found = None;
        for segment in path.split('.') {
            let Some((key, item)) = table.get_key_value(segment) else { break };
            found = key.span().or_else(|| item.span()).or(found);
            match as_table_like(item) {
                Some(next) => table = next,
                None => break,
            }
        }
        found
    }

    /// The span of the value at `path`, if it was written.
    pub fn value_span(&self, path: &str) -> Option<Range<usize>> {
        let mut table: &dyn TableLike = self.doc.as_table();
        let mut segments = path.split('.').peekable();
        while let Some(segment) = segments.next() {
            let item = table.get(segment)?;
            if segments.peek().is_none() {
                return item.span();
            }
            table = as_table_like(item)?;
        }
        None
    }

    /// The dotted key path of the deepest key whose key or value contains `offset`.
    pub fn path_at(&self, offset: usize) -> Option<String> {
        let mut path = Vec::new();
        descend(self.doc.as_table(), offset, &mut path);
        (!path.is_empty()).then(|| path.join("."))
    }
}

fn descend(table: &dyn TableLike, offset: usize, path: &mut Vec<String>) {
    for (name, _) in table.iter() {
        let Some((key, item)) = table.get_key_value(name) else { continue };
        let contains = |span: Option<Range<usize>>| span.is_some_and(|s| s.contains(&offset));
        let child = as_table_like(item);
        let inside_child = child.is_some_and(|t| contains_offset(t, offset));
        if contains(key.span()) || contains(item.span()) || inside_child {
            path.push(name.to_owned());
            if let Some(child) = child {
                descend(child, offset, path);
            }
            return;
        }
    }
}

/// Whether any key or value written inside `table` contains `offset`.
fn contains_offset(table: &dyn TableLike, offset: usize) -> bool {
    table.iter().any(|(name, item)| {
        let key = table.get_key_value(name).and_then(|(k, _)| k.span());
        key.is_some_and(|s| s.contains(&offset))
            || item.span().is_some_and(|s| s.contains(&offset))
            || as_table_like(item).is_some_and(|t| contains_offset(t, offset))
    })
}

/// The item as a table, standard or inline.
pub fn as_table_like(item: &Item) -> Option<&dyn TableLike> {
    match item {
        Item::Table(table) => Some(table),
        Item::Value(Value::InlineTable(table)) => Some(table),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Spans {
        Spans::new(ImDocument::parse(text.to_owned()).unwrap())
    }

    #[test]
    fn locates_keys_in_tables_dotted_keys_and_inline_tables() {
        let text = "a = 1\n[b.c]\nd.e = \"x\"\nf = { g = 2 }\n";
        let s = spans(text);
        assert_eq!(&text[s.locate("a").unwrap()], "a");
        assert_eq!(&text[s.locate("b.c.d.e").unwrap()], "e");
        assert_eq!(&text[s.locate("b.c.f.g").unwrap()], "g");
        assert_eq!(&text[s.value_span("b.c.d.e").unwrap()], "\"x\"");
    }

    #[test]
    fn finds_the_path_at_an_offset() {
        let text = "a = 1\n[b.c]\nd.e = \"x\"\nf = { g = 2 }\n";
        let s = spans(text);
        assert_eq!(s.path_at(text.find("\"x\"").unwrap()).as_deref(), Some("b.c.d.e"));
        assert_eq!(s.path_at(text.find("2 }").unwrap()).as_deref(), Some("b.c.f.g"));
    }
}
