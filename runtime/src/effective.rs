//! What the server will do with a valid body: every member's effective value, with the
//! documented defaults applied as the server applies them.
//!
//! Defaults depend on presence. An absent member with a default takes that default (an
//! absent `DiscoveryOptions` is the spec's `{"PortScanDiscovery": true, ...}`, every option
//! on); a present object leaves its own absent members to their defaults (a present
//! `DiscoveryOptions` turns the options it does not list off, because each option's own
//! default is `false`; `Notify: {}` takes every notification default). So a default object
//! is itself read member by member, and the members it does not write take their own
//! defaults.
//!
//! [`apply_defaults`] writes the effective body; [`explain`] lists its leaves, each marked
//! given or default, for `vendorspec validate --explain`; [`effective_value`] and
//! [`effective_member`] give typed values the same way, for the generated types'
//! `effective()` and `effective_*()` methods. Both work on canonical JSON (after [`crate::normalize::normalize`]) and the
//! descriptors, so they hold for every endpoint without code per type.

use serde_json::Value;

use crate::desc::{MemberDesc, Shape};
use crate::pointer::PointerBuf;
use crate::typed::{Contract, FromTree};

/// Whether a value was written in the body or comes from a documented default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Given,
    Default,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Given => "given",
            Source::Default => "default",
        }
    }
}

/// One effective value: a scalar (or an empty array or object) at `pointer`.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    pub pointer: String,
    /// The value; a secret member's is `None` (never shown).
    pub value: Option<Value>,
    pub source: Source,
}

/// `value` (canonical JSON valid against `shape`) with every documented default applied.
pub fn apply_defaults(shape: &Shape, value: &Value) -> Value {
    let mut out = value.clone();
    fill(shape, &mut out);
    out
}

fn fill(shape: &Shape, value: &mut Value) {
    match (shape, value) {
        (Shape::Object(desc), Value::Object(map)) => {
            for member in desc().members {
                match map.get_mut(member.name) {
                    Some(present) => fill(&member.shape, present),
                    None => {
                        if let Some(mut default) = default_of(member) {
                            fill(&member.shape, &mut default);
                            map.insert(member.name.to_string(), default);
                        }
                    }
                }
            }
        }
        (Shape::Array(array), Value::Array(items)) => {
            for item in items {
                fill(array.items, item);
            }
        }
        _ => {}
    }
}

/// A member's default as JSON (the spec's text is valid JSON; the checker made sure).
fn default_of(member: &MemberDesc) -> Option<Value> {
    serde_json::from_str(member.default?).ok()
}

/// Every leaf of the effective body, in document order (members in the contract's order),
/// marked given or default: what the server will do, value by value.
pub fn explain(shape: &Shape, value: &Value) -> Vec<Explained> {
    let mut out = Vec::new();
    let leaf = Leaf {
        source: Source::Given,
        secret: false,
    };
    walk(shape, value, leaf, &mut PointerBuf::new(), &mut out);
    out
}

/// What a value inherits from where it was found.
#[derive(Clone, Copy)]
struct Leaf {
    source: Source,
    secret: bool,
}

fn walk(
    shape: &Shape,
    value: &Value,
    at: Leaf,
    pointer: &mut PointerBuf,
    out: &mut Vec<Explained>,
) {
    match (shape, value) {
        (Shape::Object(desc), Value::Object(map)) => {
            let members = desc().members;
            let before = out.len();
            for member in members {
                let mark = pointer.push_key(member.name);
                let secret = at.secret || member.secret;
                match map.get(member.name) {
                    Some(present) => {
                        walk(&member.shape, present, Leaf { secret, ..at }, pointer, out)
                    }
                    None => {
                        if let Some(default) = default_of(member) {
                            let leaf = Leaf {
                                source: Source::Default,
                                secret,
                            };
                            walk(&member.shape, &default, leaf, pointer, out);
                        }
                    }
                }
                pointer.truncate(mark);
            }
            // Members the contract does not list (where it lets them through) are given.
            for (name, extra) in map
                .iter()
                .filter(|(n, _)| !members.iter().any(|m| m.name == n.as_str()))
            {
                let mark = pointer.push_key(name);
                push(extra, at, pointer, out);
                pointer.truncate(mark);
            }
            if out.len() == before {
                push(value, at, pointer, out);
            }
        }
        (Shape::Array(array), Value::Array(items)) if !items.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                let mark = pointer.push_index(i);
                walk(array.items, item, at, pointer, out);
                pointer.truncate(mark);
            }
        }
        _ => push(value, at, pointer, out),
    }
}

fn push(value: &Value, at: Leaf, pointer: &PointerBuf, out: &mut Vec<Explained>) {
    out.push(Explained {
        pointer: pointer.as_str().to_string(),
        value: (!at.secret).then(|| value.clone()),
        source: at.source,
    });
}

/// A typed value with every documented default applied: what the server will act on.
/// `None` only if the value cannot be written as JSON (the generated types always can).
pub fn effective_value<T: Contract + FromTree>(value: &T) -> Option<T> {
    let json = serde_json::to_value(value).ok()?;
    typed(&apply_defaults(&T::SHAPE, &json))
}

/// The effective value of `holder`'s member `name` (its canonical name): the given value
/// with its own members' defaults applied, or the member's default where it is absent.
/// `None` where the member is absent and has no default.
pub fn effective_member<H: Contract, T: FromTree>(holder: &H, name: &str) -> Option<T> {
    let json = serde_json::to_value(holder).ok()?;
    typed(apply_defaults(&H::SHAPE, &json).get(name)?)
}

/// A typed value from JSON the contract accepts.
fn typed<T: FromTree>(json: &Value) -> Option<T> {
    let bytes = serde_json::to_vec(json).ok()?;
    let doc = crate::reader::parse(&bytes, crate::reader::Syntax::Strict).ok()?;
    T::from_tree(doc.root(), crate::desc::NameMatching::Exact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desc::{MemberDesc, ObjectDesc, Unknown};
    use serde_json::json;

    const fn object(name: &'static str) -> ObjectDesc {
        ObjectDesc {
            name,
            description: "",
            members: &[],
            unknown: Unknown::Reject,
            rules: &[],
            advice: &[],
        }
    }

    static OPTIONS: ObjectDesc = ObjectDesc {
        members: &[
            MemberDesc {
                default: Some("false"),
                ..MemberDesc::new("A", "", Shape::Boolean)
            },
            MemberDesc {
                default: Some("false"),
                ..MemberDesc::new("B", "", Shape::Boolean)
            },
        ],
        ..object("Options")
    };
    fn options() -> &'static ObjectDesc {
        &OPTIONS
    }
    static JOB: ObjectDesc = ObjectDesc {
        members: &[
            MemberDesc {
                required: true,
                ..MemberDesc::new("Name", "", Shape::String(crate::desc::StringDesc::NONE))
            },
            MemberDesc {
                default: Some(r#"{"A": true, "B": true}"#),
                ..MemberDesc::new("Options", "", Shape::Object(options))
            },
            MemberDesc {
                secret: true,
                ..MemberDesc::new("Password", "", Shape::String(crate::desc::StringDesc::NONE))
            },
        ],
        ..object("Job")
    };
    fn job() -> &'static ObjectDesc {
        &JOB
    }

    #[test]
    fn an_absent_object_takes_its_default_and_a_present_one_its_members_defaults() {
        let shape = Shape::Object(job);
        assert_eq!(
            apply_defaults(&shape, &json!({"Name": "x"})),
            json!({"Name": "x", "Options": {"A": true, "B": true}})
        );
        assert_eq!(
            apply_defaults(&shape, &json!({"Name": "x", "Options": {"B": true}})),
            json!({"Name": "x", "Options": {"A": false, "B": true}})
        );
        assert_eq!(
            apply_defaults(&shape, &json!({"Name": "x", "Options": {}})),
            json!({"Name": "x", "Options": {"A": false, "B": false}})
        );
    }

    #[test]
    fn explain_marks_each_leaf_and_hides_secrets() {
        let shape = Shape::Object(job);
        let rows: Vec<(String, Option<Value>, &str)> = explain(
            &shape,
            &json!({"Name": "x", "Options": {"B": true}, "Password": "hunter2"}),
        )
        .into_iter()
        .map(|e| (e.pointer, e.value, e.source.as_str()))
        .collect();
        assert_eq!(
            rows,
            [
                ("/Name".to_string(), Some(json!("x")), "given"),
                ("/Options/A".into(), Some(json!(false)), "default"),
                ("/Options/B".into(), Some(json!(true)), "given"),
                ("/Password".into(), None, "given"),
            ]
        );
        let absent = explain(&shape, &json!({"Name": "x"}));
        assert_eq!(absent[1].pointer, "/Options/A");
        assert_eq!(absent[1].value, Some(json!(true)));
        assert_eq!(absent[1].source, Source::Default);
    }
}
