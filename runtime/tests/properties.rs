//! Properties: whatever `serde_json` writes parses in strict syntax to the same tree; no input
//! makes the reader (or the envelope) panic.

use proptest::prelude::*;
use serde_json::Value;
use vendorspec_runtime::reader::{Kind, Syntax, ValueRef, parse};
use vendorspec_runtime::unwrap_envelope;

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
        "[a-z\"\\\\/\u{0}-\u{1f}é\u{1F600}]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Compares a parsed value with the `serde_json` value it was written from.
fn same(ours: ValueRef<'_>, theirs: &Value) -> Result<(), String> {
    let fail = |what: &str| Err(format!("{what}: ours {:?}, theirs {theirs}", ours.raw()));
    match theirs {
        Value::Null => ours
            .is_null()
            .then_some(())
            .ok_or(())
            .or_else(|()| fail("null")),
        Value::Bool(b) => (ours.as_bool() == Some(*b))
            .then_some(())
            .ok_or(())
            .or_else(|()| fail("bool")),
        Value::Number(n) => {
            let ok = if let Some(i) = n.as_i64() {
                ours.as_i64() == Some(i) && ours.integer_value() == Some(i128::from(i))
            } else if let Some(u) = n.as_u64() {
                ours.as_u64() == Some(u) && ours.integer_value() == Some(i128::from(u))
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                ours.as_f64().map(f64::to_bits) == Some(f.to_bits())
            };
            if ok { Ok(()) } else { fail("number") }
        }
        Value::String(s) => (ours.as_str() == Some(s.as_str()))
            .then_some(())
            .ok_or(())
            .or_else(|()| fail("string")),
        Value::Array(items) => {
            if ours.kind() != Kind::Array || ours.len() != items.len() {
                return fail("array");
            }
            for (a, b) in ours.items().zip(items) {
                same(a, b)?;
            }
            Ok(())
        }
        Value::Object(members) => {
            if ours.kind() != Kind::Object || ours.len() != members.len() {
                return fail("object");
            }
            for (a, (name, b)) in ours.members().zip(members) {
                if a.name != name {
                    return fail("member name");
                }
                same(a.value, b)?;
            }
            Ok(())
        }
    }
}

/// Touches every accessor of every node, so a panic anywhere in them would show.
fn walk(v: ValueRef<'_>) {
    let doc = v.document();
    let _ = doc.line_col(v.span().start);
    let _ = doc.line_col(v.span().end);
    let _ = (v.as_bool(), v.as_str(), v.as_i64(), v.as_u64(), v.as_f64());
    let _ = (
        v.integer_value(),
        v.is_integer(),
        v.raw(),
        v.kind(),
        v.len(),
    );
    for item in v.items() {
        walk(item);
    }
    for member in v.members() {
        let _ = doc.line_col(member.name_span.start);
        walk(member.value);
    }
}

fn exercise(bytes: &[u8]) {
    for syntax in [Syntax::Strict, Syntax::Lenient] {
        if let Ok(doc) = parse(bytes, syntax) {
            walk(doc.root());
            if let Some(Ok(inner)) = unwrap_envelope(&doc, syntax) {
                walk(inner.root());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn serde_json_output_parses_to_the_same_tree(value in json_value()) {
        let text = serde_json::to_string(&value).unwrap();
        let doc = parse(text.as_bytes(), Syntax::Strict)
            .map_err(|f| TestCaseError::fail(format!("{f} in {text}")))?;
        same(doc.root(), &value).map_err(TestCaseError::fail)?;
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        let doc = parse(pretty.as_bytes(), Syntax::Lenient)
            .map_err(|f| TestCaseError::fail(format!("{f} in {pretty}")))?;
        same(doc.root(), &value).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn enveloped_serde_json_output_parses_to_the_same_tree(value in json_value()) {
        let inner = serde_json::to_string(&value).unwrap();
        let outer = serde_json::to_string(&serde_json::json!({ "value": inner })).unwrap();
        let doc = parse(outer.as_bytes(), Syntax::Strict)
            .map_err(|f| TestCaseError::fail(f.to_string()))?;
        let unwrapped = match unwrap_envelope(&doc, Syntax::Strict) {
            Some(Ok(unwrapped)) => unwrapped,
            other => return Err(TestCaseError::fail(format!("{other:?}"))),
        };
        same(unwrapped.root(), &value).map_err(TestCaseError::fail)?;
        // Every node maps into the envelope string, quotes excluded.
        let span = doc.root().members().next().map(|m| m.value.span()).unwrap_or_default();
        let mut stack = vec![unwrapped.root()];
        while let Some(v) = stack.pop() {
            let at = unwrapped.file_offset(v.span().start);
            prop_assert!(at > span.start && at < span.end);
            stack.extend(v.items());
            stack.extend(v.members().map(|m| m.value));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        exercise(&bytes);
    }

    #[test]
    fn json_like_text_never_panics(
        text in "[\\[\\]{}\"':,/*\\\\ \n\tuntrfalse0-9eE.+\\-é\u{FEFF}a-z$_]{0,64}"
    ) {
        exercise(text.as_bytes());
    }

    #[test]
    fn json_like_envelopes_never_panic(
        text in "[\\[\\]{}\"':,/*\\\\ \n\ttrue0-9eE.\\-é]{0,48}"
    ) {
        let outer = serde_json::to_string(&serde_json::json!({ "value": text })).unwrap();
        exercise(outer.as_bytes());
    }
}
