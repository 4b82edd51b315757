//! Differential checks for the APIs with documented lenience: `validate(P)` has no error
//! exactly when the published schema accepts `normalize(P)` (docs/ARCHITECTURE.md,
//! "One semantics"), for payloads `P` in the wire forms those APIs accept.
//!
//! The lenient APIs are the ones whose `ApiDesc` says so (see `spec/*.yaml`):
//! `cylance_admin_v2` matches member names case-insensitively (strict JSON, no envelope);
//! `ivanti_es_v2` matches names case-insensitively, reads the lenient syntax and takes the
//! `{"value": "..."}` envelope. `the_table_holds_every_lenient_body` keeps the table below
//! complete when an endpoint is added.
//!
//! Each payload starts as a canonical strategy case (strict JSON, canonical names, no
//! envelope): a valid one ([`deep_valid`]) or one with a single violation
//! ([`deep_invalid`]), at any depth. It is then written in a wire form the API accepts:
//! member names re-cased (each with probability 1/2, ASCII upper, lower or flipped), and
//! where the syntax is lenient, unquoted names, single-quoted strings, trailing commas,
//! `//` and `/* */` comments, raw control characters in strings and escaped `/`; on the
//! enveloped API, half of the payloads inside `{"value": "..."}` (its name re-cased too,
//! and the string in the same lenient syntax). For each `P` (`CASES` = 256 cases per
//! property and body, overridable with `PROPTEST_CASES`):
//!
//! 1. the schema accepts `normalize(P)` exactly when `validate(P)` has no error other than
//!    the ones named in [`SCHEMA_BLIND`], the only tolerated differences: `range_order`
//!    (JSON Schema cannot compare two members; the schemas name it in `$comment`) and
//!    `duplicate_key` (a JSON value cannot hold two members of one name; normalizing keeps
//!    the first, as the validator and the typed models do);
//! 2. the lenience changes nothing: `validate(P)` reports the same rules at the same
//!    pointers (compared without case where names are case-insensitive, since pointers
//!    spell names as written) as the canonical payload, and `normalize(P)` equals
//!    `normalize` of the canonical payload (up to the case of unknown member names, which
//!    `normalize` keeps as written);
//! 3. on an API with strict syntax, the same payload written with lenient syntax is one
//!    `syntax` finding (and nothing to normalize) exactly when serde_json, an independent
//!    strict reader, refuses it.
//!
//! Failing cases are kept in `differential.proptest-regressions` beside this file.

mod common;

use common::*;
use proptest::prelude::*;
use serde_json::Value;
use vendorspec::cylance_admin_v2 as admin;
use vendorspec::ivanti_es_v2 as ivanti;
use vendorspec::runtime::desc::{NameMatching, Shape};
use vendorspec::runtime::reader::{self, Syntax};

/// Cases per property and body; `PROPTEST_CASES` overrides it.
const CASES: u32 = 256;

fn config() -> ProptestConfig {
    proptest_config(CASES)
}

fn insensitive(body: &Body) -> bool {
    body.options().names == NameMatching::CaseInsensitive
}

/// (rule, pointer) of the errors, pointers lower-cased where names are case-insensitive.
fn folded(body: &Body, bytes: &[u8]) -> Vec<(String, String)> {
    let mut errors = body.errors(bytes);
    if insensitive(body) {
        for (_, pointer) in &mut errors {
            *pointer = pointer.to_ascii_lowercase();
        }
    }
    errors.sort();
    errors
}

/// Member names the contract does not know, lower-cased: `normalize` folds known names to
/// their canonical spelling and leaves unknown ones as written.
fn unknown_names_folded(value: Value, shape: Option<&Shape>) -> Value {
    match value {
        Value::Object(map) => {
            let desc = shape.and_then(object_desc);
            Value::Object(
                map.into_iter()
                    .map(
                        |(k, v)| match desc.and_then(|d| d.members.iter().find(|m| m.name == k)) {
                            Some(m) => (k, unknown_names_folded(v, Some(&m.shape))),
                            None => (k.to_ascii_lowercase(), unknown_names_folded(v, None)),
                        },
                    )
                    .collect(),
            )
        }
        Value::Array(items) => {
            let item = match shape {
                Some(Shape::Array(a)) => Some(a.items),
                _ => None,
            };
            Value::Array(
                items
                    .into_iter()
                    .map(|v| unknown_names_folded(v, item))
                    .collect(),
            )
        }
        other => other,
    }
}

/// `canonical` in a wire form of the body's API; see the module documentation.
fn wire_form(body: &Body, canonical: &str, syntax: bool, rng: &mut SeedRng) -> String {
    let lenience = Lenience {
        recase: insensitive(body),
        syntax,
    };
    let doc = reader::parse(canonical.as_bytes(), Syntax::Strict).expect("strict JSON");
    let mut out = String::new();
    write_lenient(doc.root(), lenience, rng, &mut out);
    if body.options().envelope && rng.one_in(2) {
        out = envelope(&out, lenience, rng);
    }
    out
}

fn check(body: &Body, canonical: &str, seed: u64) -> Result<(), TestCaseError> {
    let mut rng = SeedRng(seed);
    let lenient_syntax = body.options().syntax == Syntax::Lenient;
    let p = wire_form(body, canonical, lenient_syntax, &mut rng);

    // 1. The verdicts agree, but for the named blind spots.
    let errors = body.errors(p.as_bytes());
    let normal = body.normalize(p.as_bytes());
    let schema = body.schema();
    let blind_only = errors
        .iter()
        .all(|(rule, _)| SCHEMA_BLIND.contains(&rule.as_str()));
    prop_assert_eq!(
        schema.is_valid(&normal),
        blind_only,
        "{}: ours {:?}; schema {:?}\nP = {}\nnormalize(P) = {}",
        body.name(),
        errors,
        schema_errors(schema, &normal),
        p,
        normal
    );

    // 2. Lenience changes nothing.
    prop_assert_eq!(
        folded(body, p.as_bytes()),
        folded(body, canonical.as_bytes()),
        "{}: P = {}\ncanonical = {}",
        body.name(),
        p,
        canonical
    );
    prop_assert_eq!(
        unknown_names_folded(normal.clone(), Some(body.shape())),
        unknown_names_folded(body.normalize(canonical.as_bytes()), Some(body.shape())),
        "P = {}",
        p
    );

    // 3. Lenient syntax where the API is strict: a syntax finding exactly when an
    //    independent strict reader (serde_json) refuses the text too.
    if !lenient_syntax {
        let q = wire_form(body, canonical, true, &mut rng);
        let strict_refuses = serde_json::from_str::<serde_json::Value>(&q).is_err();
        let findings = body.findings(q.as_bytes());
        let syntax: Vec<&str> = findings
            .iter()
            .map(|f| f.rule.as_str())
            .filter(|r| *r == "syntax")
            .collect();
        let normalized =
            vendorspec::runtime::normalize::normalize(q.as_bytes(), body.shape(), &body.options());
        if strict_refuses {
            prop_assert_eq!(findings.len(), 1, "{}: {:?}", q, findings);
            prop_assert_eq!(syntax, vec!["syntax"], "{}", q);
            prop_assert!(normalized.is_err());
        } else {
            prop_assert!(syntax.is_empty(), "{}: {:?}", q, findings);
            prop_assert!(normalized.is_ok());
        }
    }
    Ok(())
}

macro_rules! lenient_bodies {
    ($($name:ident: $endpoint:path, $which:ident;)*) => {
        fn table() -> Vec<(&'static str, Which)> {
            vec![$(($endpoint.id, Which::$which)),*]
        }

        $(
            mod $name {
                use super::*;

                static BODY: Body = Body::new(&$endpoint, Which::$which);

                proptest! {
                    #![proptest_config(config())]

                    #[test]
                    fn valid_payloads(value in deep_valid(BODY.shape()), seed in any::<u64>()) {
                        check(&BODY, &value.to_string(), seed)?;
                    }

                    #[test]
                    fn invalid_payloads((text, _) in deep_invalid(BODY.shape()), seed in any::<u64>()) {
                        check(&BODY, &text, seed)?;
                    }
                }
            }
        )*
    };
}

lenient_bodies! {
    provision_tenant_request: admin::PROVISION_TENANT, Request;
    create_job_request: ivanti::CREATE_JOB, Request;
    create_deployment_group_request: ivanti::CREATE_DEPLOYMENT_GROUP, Request;
}

/// Every body of an API with some lenience (names, syntax or envelope) is in the table.
#[test]
fn the_table_holds_every_lenient_body() {
    let lenient: Vec<(&str, Which)> = registry_bodies()
        .into_iter()
        .filter(|(id, _)| {
            let api = vendorspec::endpoint(id).unwrap().api;
            api.names == NameMatching::CaseInsensitive
                || api.syntax == Syntax::Lenient
                || api.envelope
        })
        .collect();
    let mut table = table();
    let mut lenient = lenient;
    let key = |(id, which): &(&str, Which)| (id.to_string(), format!("{which:?}"));
    table.sort_by_key(key);
    lenient.sort_by_key(key);
    assert_eq!(table, lenient);
}

/// The wire forms are lenient: over a fixed sample, each kind of lenience occurs and
/// nearly every form needs the lenient reader, so property 2 is not vacuous; and every
/// form of this valid payload is valid.
#[test]
fn the_wire_forms_use_every_lenience() {
    let body = Body::new(&ivanti::CREATE_JOB, Which::Request);
    let canonical = r#"{"Name":"a\nb/c","JobType":1,"StartTime":"2022-03-03T11:30:00Z","DiscoveryTargets":{"SingleIpTargets":[{"Ip":"10.0.0.1"}]}}"#;
    let forms: Vec<String> = (0..200)
        .map(|seed| wire_form(&body, canonical, true, &mut SeedRng(seed)))
        .collect();
    let count = |f: &dyn Fn(&str) -> bool| forms.iter().filter(|p| f(p)).count();
    // The envelope, and its content, as a lenient reader sees them.
    let unwrapped = |p: &str| -> (bool, String) {
        let doc = reader::parse(p.as_bytes(), Syntax::Lenient).unwrap();
        match vendorspec::runtime::unwrap_envelope(&doc, Syntax::Lenient) {
            Some(inner) => (true, inner.unwrap().text().to_string()),
            None => (false, p.to_string()),
        }
    };
    let names = |p: &str| -> Vec<String> {
        let (_, inner) = unwrapped(p);
        let doc = reader::parse(inner.as_bytes(), Syntax::Lenient).unwrap();
        doc.root().members().map(|m| m.name.to_string()).collect()
    };
    let canonical_names = ["Name", "JobType", "StartTime", "DiscoveryTargets"];
    let enveloped = count(&|p| unwrapped(p).0);
    assert!(
        (60..140).contains(&enveloped),
        "{enveloped} of 200 enveloped"
    );
    assert!(
        count(&|p| names(p)
            .iter()
            .any(|n| !canonical_names.contains(&n.as_str())))
            > 150
    );
    assert!(count(&|p| p.contains("Name:") || p.contains("Name :")) > 10);
    assert!(count(&|p| p.contains('\'')) > 100);
    assert!(count(&|p| p.contains(",}") || p.contains(",]") || p.contains(", }")) > 10);
    assert!(count(&|p| p.contains("/*")) > 100 && count(&|p| p.contains("// c")) > 100);
    assert!(count(&|p| p.contains("a\nb")) > 10);
    assert!(count(&|p| p.contains("\\/")) > 10 && count(&|p| p.contains("\\u")) > 10);
    let strict = count(&|p| reader::parse(p.as_bytes(), Syntax::Strict).is_err());
    assert!(
        strict > 190,
        "only {strict} of 200 forms need the lenient reader"
    );
    for p in &forms {
        assert!(body.errors(p.as_bytes()).is_empty(), "{p}");
    }
}
