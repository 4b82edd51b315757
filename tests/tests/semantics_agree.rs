//! The walk and the strategies agree on every descriptor: the walk reads payloads as the
//! reader's span tree, the strategies (repair, mutation) read `serde_json::Value`, and both
//! ask `vendorspec_runtime::semantics` the same questions. This property reads one payload
//! both ways and asks every question the descriptors allow at every value (rule counts,
//! condition tests, range order, bounds, enum and literal equality, item uniqueness, JSON
//! equality between siblings), then requires the same answers from both.
//!
//! Payloads are the strategies' own: valid ones at any depth ([`deep_valid`]) and ones
//! with a single violation ([`deep_invalid`]), for every body of the registry, so numbers
//! come as `5`, `5.0`, `1e2`, at the `i64` limits and beyond, and members go missing or
//! repeat.

mod common;

use common::*;
use proptest::prelude::*;
use serde_json::Value;
use vendorspec::runtime::desc::{RuleDesc, Shape};
use vendorspec::runtime::reader::{self, Syntax};
use vendorspec::runtime::semantics::{self, Json, Kind};

/// Every answer of the semantics about `v` and what it contains, in a fixed order, as
/// text. Generic over the representation: called once with the span tree, once with
/// `serde_json::Value`.
fn answers<'a, J: Json<'a>>(v: J, shape: &Shape, out: &mut Vec<String>) {
    match shape {
        Shape::Integer(d) | Shape::Number(d) => {
            for bound in d.minimum.iter().chain(d.maximum.iter()) {
                out.push(format!(
                    "integer {:?} number {:?} integral {}",
                    semantics::integer_order(v, *bound),
                    semantics::number_order(v, *bound),
                    semantics::is_integral(v)
                ));
            }
        }
        Shape::Enum(f) => {
            for e in f().values {
                out.push(format!("enum {}", semantics::lit_eq(v, e.value)));
            }
        }
        Shape::Array(d) => {
            let items: Vec<J> = v.items().collect();
            for (j, b) in items.iter().enumerate() {
                for a in &items[..j] {
                    out.push(format!("equal {}", semantics::json_eq(*a, *b)));
                }
                answers(*b, d.items, out);
            }
        }
        Shape::Object(f) => {
            let desc = f();
            let member = |i: usize| {
                let name = desc.members.get(i)?.name;
                v.members()
                    .find(|(n, _)| *n == name)
                    .map(|(_, value)| value)
            };
            for rule in desc.rules {
                match rule {
                    RuleDesc::ExactlyOneOf { members, count }
                    | RuleDesc::AtLeastOneOf { members, count } => {
                        for &i in *members {
                            out.push(format!("counts {}", semantics::counts(member(i), *count)));
                        }
                    }
                    RuleDesc::Requires { when, then, .. } => {
                        for test in when.iter().chain(then.iter()) {
                            out.push(format!("holds {}", semantics::holds(desc, member, test)));
                        }
                    }
                    RuleDesc::RangeOrder { low, high, order } => {
                        if let (Some(a), Some(b)) = (member(*low), member(*high)) {
                            out.push(format!("order {:?}", semantics::compare(*order, a, b)));
                        }
                    }
                }
            }
            for advice in desc.advice {
                for test in advice.when {
                    out.push(format!("advice {}", semantics::holds(desc, member, test)));
                }
            }
            for (i, m) in desc.members.iter().enumerate() {
                if let Some(value) = member(i) {
                    out.push(format!("{} {:?}", m.name, value.kind()));
                    answers(value, &m.shape, out);
                }
            }
        }
        _ => {}
    }
    if v.kind() == Kind::Number {
        out.push(format!("lexeme integer {}", v.is_integer_lexeme()));
    }
}

/// The answers for a payload's text read both ways; `None` when either reader refuses it.
fn both(text: &str, shape: &Shape) -> Option<(Vec<String>, Vec<String>)> {
    let doc = reader::parse(text.as_bytes(), Syntax::Strict).ok()?;
    let value: Value = serde_json::from_str(text).ok()?;
    let mut tree = Vec::new();
    answers(doc.root(), shape, &mut tree);
    let mut json = Vec::new();
    answers(&value, shape, &mut json);
    Some((tree, json))
}

fn config() -> ProptestConfig {
    proptest_config(64)
}

fn bodies() -> Vec<Body> {
    registry_bodies()
        .into_iter()
        .map(|(id, which)| {
            let endpoint = vendorspec::ENDPOINTS
                .iter()
                .find(|e| e.id == id)
                .expect("a registry endpoint");
            Body::new(endpoint, which)
        })
        .collect()
}

#[test]
fn walk_and_strategy_representations_answer_alike_on_valid_payloads() {
    let answered = std::cell::Cell::new(0usize);
    for body in bodies() {
        let shape = body.shape();
        proptest!(config(), |(value in deep_valid(shape))| {
            let text = value.to_string();
            let (tree, json) = both(&text, shape).expect("a valid payload reads both ways");
            answered.set(answered.get() + tree.len());
            prop_assert_eq!(tree, json, "{}: {}", body.name(), text);
        });
    }
    // Not vacuous: the payloads raised questions (thousands, in practice).
    assert!(answered.get() > 1000, "only {} answers", answered.get());
}

#[test]
fn walk_and_strategy_representations_answer_alike_on_broken_payloads() {
    for body in bodies() {
        let shape = body.shape();
        proptest!(config(), |((text, broken) in deep_invalid(shape))| {
            // serde_json keeps one of two members of the same name, so a duplicate member
            // is a difference of representation, not of semantics.
            prop_assume!(broken.rule != "duplicate_key");
            if let Some((tree, json)) = both(&text, shape) {
                prop_assert_eq!(tree, json, "{}: {}", body.name(), text);
            }
        });
    }
}

/// The numbers where representations could part: integral floats, exponents, the `i64`
/// limits and beyond, negative zero. (An integer lexeme below `i64::MIN` is left out:
/// serde_json holds it as the nearest `f64`, so that representation cannot know it; the
/// strategies write such values as `-1e19`, which both read alike.)
#[test]
fn numbers_at_the_edges_answer_alike() {
    use vendorspec::runtime::desc::Num;
    let bounds = [
        Num::Int(0),
        Num::Int(5),
        Num::Int(i64::MAX),
        Num::Int(i64::MIN),
        Num::Float(2.5),
        Num::Float(9_223_372_036_854_775_808.0),
    ];
    for text in [
        "5",
        "5.0",
        "5e0",
        "1e2",
        "-0",
        "2.5",
        "9223372036854775807",
        "9223372036854775808",
        "1e19",
        "-1e19",
        "18446744073709551615",
        "1e300",
    ] {
        let doc = reader::parse(text.as_bytes(), Syntax::Strict).unwrap();
        let value: Value = serde_json::from_str(text).unwrap();
        for bound in bounds {
            assert_eq!(
                semantics::integer_order(doc.root(), bound),
                semantics::integer_order(&value, bound),
                "integer_order({text}, {bound:?})"
            );
            assert_eq!(
                semantics::number_order(doc.root(), bound),
                semantics::number_order(&value, bound),
                "number_order({text}, {bound:?})"
            );
        }
        assert_eq!(
            semantics::is_integral(doc.root()),
            semantics::is_integral(&value),
            "is_integral({text})"
        );
    }
}
