//! `normalize`: a payload as a plain JSON Schema validator should see it.
//!
//! The one semantics (docs/ARCHITECTURE.md, "One semantics"): `validate(P)` has no error
//! ⇔ the published schema accepts `normalize(P)`. Normalizing undoes only the API's
//! documented lenience: the lenient syntax is parsed, the `{"value": "..."}` envelope is
//! unwrapped, and member names are folded to their canonical spelling where the contract
//! knows the member. Nothing else changes. Duplicate members cannot survive in a JSON
//! value: the first is kept (as the validator and the typed models read it), which is why
//! `duplicate_key` is one of the named differences between the validator and the schema.
//!
//! Where the server binds values as Json.NET does ([`crate::walk::Binding::JsonNet`], the
//! Ivanti server), two of its readings are undone too. A whole number written with a
//! fraction or an exponent (`3000.0`, `3e3`) where the contract wants an integer becomes
//! the string of its lexeme: Json.NET refuses it, and JSON Schema compares numbers by
//! value (`3000.0` is the integer 3000 to every engine), so only a string keeps the
//! schema's verdict (its `integer` type refuses a string) equal to the validator's. A
//! `null` that the server reads as absence (an optional string, object or array) is left
//! out, as absent. A GUID or date-time in a spelling the server reads beyond the format
//! ([`crate::dotnet`]) is written in the format's own spelling, and a value the server
//! converts to another type (`"3000"` for an integer) as the value it converts to.

use crate::desc::{EnumBase, NameMatching, Shape};
use crate::envelope::unwrap_envelope;
use crate::finding::Finding;
use crate::reader::{Kind, ValueRef};
use crate::walk::{Binding, Options};

/// Parses `bytes` as `options` say and returns the normalized JSON value, or the syntax
/// finding.
pub fn normalize(
    bytes: &[u8],
    shape: &Shape,
    options: &Options,
) -> Result<serde_json::Value, Finding> {
    let doc = crate::walk::read_body(bytes, options)?;
    if options.envelope
        && let Some(inner) = unwrap_envelope(&doc, options.syntax)
    {
        let inner = inner?;
        // A member beside `value` is lost on the way in: no normalized body says it.
        if let Some(error) = crate::envelope::envelope_findings(&doc)
            .into_iter()
            .find(|f| {
                f.severity == crate::finding::Severity::Error
                    && f.rule != crate::finding::Rule::DuplicateKey
            })
        {
            return Err(error);
        }
        return Ok(read(inner.root(), Some(shape), options));
    }
    Ok(read(doc.whole()?.root(), Some(shape), options))
}

/// A tree value as JSON, member names folded to the canonical names `shape` knows.
pub fn value(v: ValueRef, shape: Option<&Shape>, names: NameMatching) -> serde_json::Value {
    let options = Options {
        names,
        ..Options::default()
    };
    read(v, shape, &options)
}

/// [`value`], with the integers read as `options` say.
fn read(v: ValueRef, shape: Option<&Shape>, options: &Options) -> serde_json::Value {
    use serde_json::Value;
    let names = options.names;
    if options.binding == Binding::JsonNet
        && let Some(converted) = shape.and_then(|s| crate::dotnet::convert(s, v))
    {
        return converted;
    }
    match v.kind() {
        Kind::Null => Value::Null,
        Kind::Bool => Value::Bool(v.as_bool().unwrap_or(false)),
        Kind::Number if wants_integer(shape) && options.binding.refuses_integer(v) => {
            Value::String(v.raw().to_string())
        }
        Kind::Number => serde_json::from_str::<serde_json::Number>(v.raw())
            .map(Value::Number)
            .unwrap_or_else(|_| {
                // A hex number (`0x10`, lenient syntax) is no JSON lexeme: its value.
                if let Some(i) = crate::dotnet::hex_value(v) {
                    return Value::from(i);
                }
                v.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }),
        Kind::String => {
            let s = v.as_str().unwrap_or("");
            let format = match shape {
                Some(Shape::String(d)) => d.format,
                _ => None,
            };
            match format.filter(|f| options.binding == Binding::JsonNet && !f.matches(s)) {
                Some(f) => match crate::dotnet::reading(f, s) {
                    Some(reading) => Value::String(reading.canonical),
                    None => Value::String(s.to_string()),
                },
                None => Value::String(s.to_string()),
            }
        }
        Kind::Array => {
            let items = match shape {
                Some(Shape::Array(a)) => Some(a.items),
                _ => None,
            };
            Value::Array(v.items().map(|i| read(i, items, options)).collect())
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
                if member.is_some_and(|d| options.binding.null_is_absent(d, m.value)) {
                    continue;
                }
                let name = member.map_or(m.name, |d| d.name);
                if !map.contains_key(name) {
                    map.insert(
                        name.to_string(),
                        read(m.value, member.map(|d| &d.shape), options),
                    );
                }
            }
            Value::Object(map)
        }
    }
}

/// Whether the contract wants an integer at a place: an `integer`, or an integer enum.
fn wants_integer(shape: Option<&Shape>) -> bool {
    match shape {
        Some(Shape::Integer(_)) => true,
        Some(Shape::Enum(e)) => e().base == EnumBase::Integer,
        _ => false,
    }
}
