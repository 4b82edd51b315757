//! `normalize`: a payload as a plain JSON Schema validator should see it.
//!
//! The one semantics (docs/ARCHITECTURE.md, "One semantics"): `validate(P)` has no error
//! ⇔ the published schema accepts `normalize(P)`. Normalizing undoes only the API's
//! documented lenience: the lenient syntax is parsed, the `{"value": "..."}` envelope is
//! unwrapped, and member names are folded to their canonical spelling where the contract
//! knows the member. Nothing else changes. Duplicate members cannot survive in a JSON
//! value: the first is kept (as the validator and the typed models read it), which is why
//! `duplicate_key` is one of the named differences between the validator and the schema.

use crate::desc::{NameMatching, Shape};
use crate::envelope::unwrap_envelope;
use crate::finding::Finding;
use crate::reader::{self, Kind, ValueRef};
use crate::walk::Options;

/// Parses `bytes` as `options` say and returns the normalized JSON value, or the syntax
/// finding.
pub fn normalize(
    bytes: &[u8],
    shape: &Shape,
    options: &Options,
) -> Result<serde_json::Value, Finding> {
    let doc = reader::parse(bytes, options.syntax)?;
    if options.envelope
        && let Some(inner) = unwrap_envelope(&doc, options.syntax)
    {
        let inner = inner?;
        return Ok(value(inner.root(), Some(shape), options.names));
    }
    Ok(value(doc.root(), Some(shape), options.names))
}

/// A tree value as JSON, member names folded to the canonical names `shape` knows.
pub fn value(v: ValueRef, shape: Option<&Shape>, names: NameMatching) -> serde_json::Value {
    use serde_json::Value;
    match v.kind() {
        Kind::Null => Value::Null,
        Kind::Bool => Value::Bool(v.as_bool().unwrap_or(false)),
        Kind::Number => serde_json::from_str::<serde_json::Number>(v.raw())
            .map(Value::Number)
            .unwrap_or_else(|_| {
                v.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }),
        Kind::String => Value::String(v.as_str().unwrap_or("").to_string()),
        Kind::Array => {
            let items = match shape {
                Some(Shape::Array(a)) => Some(a.items),
                _ => None,
            };
            Value::Array(v.items().map(|i| value(i, items, names)).collect())
        }
        Kind::Object => {
            let desc = match shape {
                Some(Shape::Object(f)) => Some(f()),
                _ => None,
            };
            let mut map = serde_json::Map::new();
            for m in v.members() {
                let member =
                    desc.and_then(|d| d.members.iter().find(|d| names.matches(m.name, d.name)));
                let name = member.map_or(m.name, |d| d.name);
                if !map.contains_key(name) {
                    map.insert(
                        name.to_string(),
                        value(m.value, member.map(|d| &d.shape), names),
                    );
                }
            }
            Value::Object(map)
        }
    }
}
