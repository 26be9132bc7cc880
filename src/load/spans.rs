//! Finding key paths and byte spans in a parsed TOML document.
//!
//! The model is plain data; when a later stage needs to say where a value was written,
//! it looks its key path up here.

use std::ops::Range;

use toml_edit::{ImDocument, Item, TableLike, Value};

use crate::model::TextKey;

/// A parsed TOML document that can answer "where is `a.b.c`?" and "what key is at byte n?".
pub(crate) struct Spans {
    doc: ImDocument<String>,
}

impl Spans {
    /// Wraps a parsed document.
    pub(crate) fn new(doc: ImDocument<String>) -> Self {
        Self { doc }
    }

    /// The root table.
    pub(crate) fn root(&self) -> &dyn TableLike {
        self.doc.as_table()
    }

    /// The span of the key at `key`, or of its nearest written ancestor.
    pub(crate) fn locate(&self, key: &TextKey) -> Option<Range<usize>> {
        let mut table: &dyn TableLike = self.doc.as_table();
        let mut found = None;
        for segment in key.segments() {
            let Some((key, item)) = table.get_key_value(segment) else { break };
            found = key.span().or_else(|| item.span()).or(found);
            match as_table_like(item) {
                Some(next) => table = next,
                None => break,
            }
        }
        found
    }

    /// The span of the value at `key`, if it was written.
    pub(crate) fn value_span(&self, key: &TextKey) -> Option<Range<usize>> {
        let mut table: &dyn TableLike = self.doc.as_table();
        let mut segments = key.segments().iter().peekable();
        while let Some(segment) = segments.next() {
            let item = table.get(segment)?;
            if segments.peek().is_none() {
                return item.span();
            }
            table = as_table_like(item)?;
        }
        None
    }

    /// The key of the deepest key whose key or value contains `offset`.
    pub(crate) fn key_at(&self, offset: usize) -> Option<TextKey> {
        let mut key = TextKey::default();
        descend(self.doc.as_table(), offset, &mut key);
        (!key.segments().is_empty()).then_some(key)
    }
}

fn descend(table: &dyn TableLike, offset: usize, path: &mut TextKey) {
    for (name, _) in table.iter() {
        let Some((key, item)) = table.get_key_value(name) else { continue };
        let contains = |span: Option<Range<usize>>| span.is_some_and(|s| s.contains(&offset));
        let child = as_table_like(item);
        let inside_child = child.is_some_and(|t| contains_offset(t, offset));
        if contains(key.span()) || contains(item.span()) || inside_child {
            *path = path.child(name);
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

impl Spans {
    /// The keys of the tables with more than `most` entries, with their sizes.
    pub(crate) fn large_tables(&self, most: usize) -> Vec<(TextKey, usize)> {
        let mut found = Vec::new();
        collect_large(self.doc.as_table(), &TextKey::default(), most, &mut found);
        found
    }
}

fn collect_large(table: &dyn TableLike, key: &TextKey, most: usize, found: &mut Vec<(TextKey, usize)>) {
    if table.len() > most {
        found.push((key.clone(), table.len()));
        return;
    }
    for (name, item) in table.iter() {
        match (as_table_like(item), item.as_array()) {
            (Some(child), _) => collect_large(child, &key.child(name), most, found),
            (None, Some(array)) if array.len() > most => found.push((key.child(name), array.len())),
            _ => {}
        }
    }
}

/// The item as a table, standard or inline.
pub(crate) fn as_table_like(item: &Item) -> Option<&dyn TableLike> {
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
        let at = |dotted: &str| s.locate(&TextKey::parse(dotted)).expect("located");
        assert_eq!(&text[at("a")], "a");
        assert_eq!(&text[at("b.c.d.e")], "e");
        assert_eq!(&text[at("b.c.f.g")], "g");
        assert_eq!(&text[s.value_span(&TextKey::parse("b.c.d.e")).expect("located")], "\"x\"");
    }

    #[test]
    fn finds_the_path_at_an_offset() {
        let text = "a = 1\n[b.c]\nd.e = \"x\"\nf = { g = 2 }\n";
        let s = spans(text);
        let key_at = |needle: &str| s.key_at(text.find(needle).expect("found")).map(|k| k.to_string());
        assert_eq!(key_at("\"x\"").as_deref(), Some("b.c.d.e"));
        assert_eq!(key_at("2 }").as_deref(), Some("b.c.f.g"));
    }
}
