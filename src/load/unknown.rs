//! Load stage, unknown keys: every key of `brief.toml` that no field of the model takes,
//! found in one pass over the parsed document before it is deserialized, so that a file
//! with three misspelt keys gets three errors (serde stops at the first).
//!
//! The fields a table accepts are those serde's derive names, read from the model's types
//! themselves ([`fields_of`]), so that the names and their order are serde's; only which
//! type each table holds is written here ([`Struct::field`]), and a test built from the
//! JSON Schema fails when a table of the model is missing from it.

use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use toml_edit::TableLike;

use super::spans::{Spans, as_table_like};
use crate::diag::{Diagnostic, SourceFile};
use crate::model::{
    Brief, Contact, Figure, Finding, Issue, LeaveBehind, Limits, Logo, Previous, RecommendationTable, Report,
    Section, Situation, TextKey,
};
use crate::suggest::did_you_mean;

/// An error for every key in `spans` that the model has no field for.
pub(super) fn unknown_keys(file: &Arc<SourceFile>, spans: &Spans) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    walk(spans.root(), Shape::Struct(Struct::Brief), &TextKey::default(), &mut found);
    found.into_iter().map(|(key, accepted)| diagnostic(file, spans, &key, accepted)).collect()
}

fn diagnostic(file: &Arc<SourceFile>, spans: &Spans, key: &TextKey, accepted: &[&str]) -> Diagnostic {
    let field = key.segments().last().map_or("", String::as_str);
    let mut message = format!("unknown field `{field}`");
    if let Some(best) = did_you_mean(field, accepted.iter().copied()) {
        message.push_str(&format!(", did you mean `{best}`?"));
    }
    let parent = key.parent().filter(|p| !p.segments().is_empty());
    let table = parent.map_or("the top level".to_owned(), |p| format!("`[{p}]`"));
    let accepted = accepted.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ");
    Diagnostic::error(message).at(file, spans.locate(key)).hint(format!("{table} accepts {accepted}"))
}

/// Collects the keys under `key` (a table of `shape`) that no field takes, with the
/// fields its table accepts.
fn walk(
    table: &dyn TableLike,
    shape: Shape,
    key: &TextKey,
    found: &mut Vec<(TextKey, &'static [&'static str])>,
) {
    for (name, item) in table.iter() {
        let child = key.child(name);
        let shape = match shape {
            Shape::Struct(of) if !of.fields().contains(&name) => {
                found.push((child, of.fields()));
                continue;
            }
            Shape::Struct(of) => of.field(name),
            Shape::Each(each) => *each,
            Shape::Any => continue,
        };
        if let Some(inner) = as_table_like(item) {
            walk(inner, shape, &child, found);
        }
    }
}

/// What a table of the briefing holds, as far as its keys go.
#[derive(Clone, Copy)]
enum Shape {
    /// A struct of the model: its fields alone.
    Struct(Struct),
    /// A table keyed by ids, each value of this shape.
    Each(&'static Shape),
    /// Any keys: a table that is not a struct (`[labels]`, `[states]`, sub-points), whose
    /// keys are checked where they are used, or a table where text is expected, which
    /// deserializing reports.
    Any,
}

/// The structs of the model that a table of `brief.toml` can be.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Struct {
    Brief,
    LeaveBehind,
    Limits,
    Logo,
    Section,
    Figure,
    Issue,
    Finding,
    Previous,
    Situation,
    Recommendation,
    Contact,
    Report,
}

const ISSUE: Shape = Shape::Struct(Struct::Issue);
const FINDING: Shape = Shape::Struct(Struct::Finding);
const PREVIOUS: Shape = Shape::Struct(Struct::Previous);
/// A point written as a table is a key figure.
const POINT: Shape = Shape::Struct(Struct::Figure);
/// A recommendation written as a table has `text` and `points`.
const RECOMMENDATION: Shape = Shape::Struct(Struct::Recommendation);

impl Struct {
    /// The fields it accepts, as serde names them, in their order.
    fn fields(self) -> &'static [&'static str] {
        match self {
            Struct::Brief => fields_of::<Brief>(),
            Struct::LeaveBehind => fields_of::<LeaveBehind>(),
            Struct::Limits => fields_of::<Limits>(),
            Struct::Logo => fields_of::<Logo>(),
            Struct::Section => fields_of::<Section>(),
            Struct::Figure => fields_of::<Figure>(),
            Struct::Issue => fields_of::<Issue>(),
            Struct::Finding => fields_of::<Finding>(),
            Struct::Previous => fields_of::<Previous>(),
            Struct::Situation => fields_of::<Situation>(),
            Struct::Recommendation => fields_of::<RecommendationTable>(),
            Struct::Contact => fields_of::<Contact>(),
            Struct::Report => fields_of::<Report>(),
        }
    }

    /// What its field `name` holds, when that is a table.
    fn field(self, name: &str) -> Shape {
        match (self, name) {
            (Struct::Brief, "logo") => Shape::Struct(Struct::Logo),
            (Struct::Brief, "limits") => Shape::Struct(Struct::Limits),
            (Struct::Brief, "leave-behind") => Shape::Struct(Struct::LeaveBehind),
            (Struct::Brief, "opening" | "developments") => Shape::Struct(Struct::Section),
            (Struct::Brief, "issues") => Shape::Each(&ISSUE),
            (Struct::Brief, "contact") => Shape::Struct(Struct::Contact),
            (Struct::Brief, "report") => Shape::Struct(Struct::Report),
            (Struct::Section, "items") | (Struct::Issue | Struct::Situation, "points") => Shape::Each(&POINT),
            (Struct::Issue, "findings") => Shape::Each(&FINDING),
            (Struct::Issue, "recommendations") => Shape::Each(&RECOMMENDATION),
            (Struct::Finding, "previous") => Shape::Each(&PREVIOUS),
            (Struct::Finding, "situation") => Shape::Struct(Struct::Situation),
            _ => Shape::Any,
        }
    }
}

/// The fields of the struct `T`, as its `Deserialize` derive hands them to serde.
fn fields_of<T: for<'de> Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    // The deserializer stops as soon as it has the fields: the error is expected.
    let _ = T::deserialize(FieldsOf(&mut fields));
    fields
}

/// A deserializer that only reads the fields a struct asks for.
struct FieldsOf<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldsOf<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("fields read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
#[path = "unknown_tests.rs"]
mod tests;
