//! The any-case schemas of the case-insensitive APIs (`*.any-case.schema.json`) give the
//! validator's verdict on payloads as sent, member names in whatever ASCII case the client
//! wrote them, with no normalising step, as the `jsonschema` crate reads them: every spec
//! example (the vendor pages' own spellings among them), and valid and singly-broken
//! payloads of every depth with each member name re-cased (lower, upper, flipped or kept).
//!
//! The tolerated differences are the schemas' usual two (`range_order`, `duplicate_key`,
//! [`SCHEMA_BLIND`]). Lenient syntax and the envelope are not in question here: those are
//! for the reader, before any schema.

mod common;

use common::*;
use proptest::prelude::*;
use serde_json::{Map, Value};
use vendorspec::runtime::desc::NameMatching;
use vendorspec::runtime::normalize::normalize;
use vendorspec::runtime::walk::Options;

/// The request and response bodies of the APIs whose servers bind names in any case.
fn bodies() -> Vec<Body> {
    registry_bodies()
        .into_iter()
        .filter(|(_, which)| *which != Which::Wrapped)
        .filter_map(|(id, which)| {
            let endpoint = vendorspec::ENDPOINTS.iter().find(|e| e.id == id)?;
            (endpoint.api.names == NameMatching::CaseInsensitive)
                .then(|| Body::new(endpoint, which))
        })
        .collect()
}

fn variant(body: &Body) -> &'static jsonschema::Validator {
    published_schema(
        &body
            .schema_file()
            .replace(".schema.json", ".any-case.schema.json"),
    )
}

/// Every member name re-cased by the seed: kept, lower, upper or with every letter flipped.
fn recase(value: &Value, rng: &mut SeedRng) -> Value {
    match value {
        Value::Object(map) => {
            let mut out = Map::new();
            for (name, v) in map {
                let name = match rng.below(4) {
                    0 => name.clone(),
                    1 => name.to_ascii_lowercase(),
                    2 => name.to_ascii_uppercase(),
                    _ => name
                        .chars()
                        .map(|c| {
                            if c.is_ascii_uppercase() {
                                c.to_ascii_lowercase()
                            } else {
                                c.to_ascii_uppercase()
                            }
                        })
                        .collect(),
                };
                out.insert(name, recase(v, rng));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| recase(v, rng)).collect()),
        other => other.clone(),
    }
}

/// The validator's errors on `text`, less the two the schemas cannot see.
fn contract_errors(body: &Body, text: &str) -> Vec<(String, String)> {
    body.errors(text.as_bytes())
        .into_iter()
        .filter(|(rule, _)| !SCHEMA_BLIND.contains(&rule.as_str()))
        .collect()
}

#[test]
fn there_are_any_case_variants_to_check() {
    let bodies = bodies();
    assert_eq!(
        bodies.len(),
        3,
        "provision_tenant, create_job, create_deployment_group"
    );
    for body in &bodies {
        variant(body);
    }
}

/// The spec's examples, as the pages spell them (strict JSON, not enveloped: the reader's
/// part), with the validator's verdicts.
#[test]
fn the_examples_get_the_validators_verdicts() {
    let mut checked = 0;
    for body in bodies() {
        let schema = variant(&body);
        let options = body.options();
        let examples = match body.which {
            Which::Request => body.endpoint.request_examples,
            _ => body.endpoint.response(None).map_or(&[][..], |r| r.examples),
        };
        for text in examples {
            // What a schema engine is given: the syntax parsed and the envelope unwrapped,
            // the names left as written (normalizing with exact names folds none).
            let as_written = Options {
                names: NameMatching::Exact,
                ..options
            };
            let Ok(instance) = normalize(text.as_bytes(), body.shape(), &as_written) else {
                continue;
            };
            let ours = contract_errors(&body, text).is_empty();
            assert_eq!(
                schema.is_valid(&instance),
                ours,
                "{}: {text}\nschema: {:?}",
                body.name(),
                schema_errors(schema, &instance)
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} examples");
}

#[test]
fn recased_payloads_get_the_validators_verdict() {
    for body in bodies() {
        let schema = variant(&body);
        let shape = body.shape();
        proptest!(ProptestConfig { cases: 192, ..ProptestConfig::default() }, |(value in deep_valid(shape), (text, broken) in deep_invalid(shape), seed in any::<u64>())| {
            let recased = recase(&value, &mut SeedRng(seed));
            let text_valid = recased.to_string();
            prop_assert!(contract_errors(&body, &text_valid).is_empty(), "{}: {}", body.name(), text_valid);
            prop_assert!(schema.is_valid(&recased), "{}: {} {:?}", body.name(), text_valid, schema_errors(schema, &recased));
            prop_assume!(!SCHEMA_BLIND.contains(&broken.rule));
            let Ok(invalid) = serde_json::from_str::<Value>(&text) else { return Ok(()); };
            let recased = recase(&invalid, &mut SeedRng(seed));
            let text = recased.to_string();
            let ours = contract_errors(&body, &text).is_empty();
            prop_assert_eq!(schema.is_valid(&recased), ours, "{}: {}", body.name(), text);
        });
    }
}
