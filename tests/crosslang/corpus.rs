//! The cross-language corpus: for every endpoint body with a published schema, the spec's
//! examples, generated valid payloads, generated payloads with exactly one violation, and
//! the probes of `differences.rs`.
//!
//! Each case keeps two texts: the bytes our validator reads (for the lenient APIs, dressed
//! in the API's lenience: re-cased member names, the `{"value": "..."}` envelope, a
//! comment) and the JSON text the schema engines read, `normalize` of those bytes. For an
//! API with no lenience `normalize` is the identity on JSON values, so the engines get the
//! exact text (minified): a `serde_json::Value` would round `2^64` and drop `1e400`, and
//! number literals are where engines differ.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use vendorspec::runtime::desc::{NameMatching, Shape};
use vendorspec::runtime::endpoint::{BodyKind, EndpointDesc};
use vendorspec::runtime::reader::Syntax;
use vendorspec::runtime::strategy::{sample, sample_invalid};
use vendorspec::runtime::walk::Options;
use vendorspec::runtime::{Severity, normalize};
use vendorspec_model::ir::{ExampleForm, Part};

use crate::differences::{Probe, not_representable};

/// Fixed seeds, so a failure names a case that reproduces.
const SEEDS: [u64; 3] = [11, 23, 47];
/// Valid and invalid payloads drawn per seed and per generated shape.
const PER_SEED: usize = 100;

/// One endpoint body and its published schema file.
pub struct Body {
    pub endpoint: &'static EndpointDesc,
    pub kind: BodyKind,
    /// `create_job.request`.
    pub label: String,
    /// The schema's file name in `generated/schemas`.
    pub file: String,
    pub shape: &'static Shape,
    /// Shapes payloads are drawn from: the body and, for a response with a wrapped variant,
    /// the whole wrapper.
    pub drawn_from: Vec<(&'static str, &'static Shape)>,
    pub options: Options,
}

/// Where a case comes from.
#[derive(Debug, Clone, Copy)]
pub enum Origin {
    Example,
    Valid,
    /// With the rule of its one violation.
    Invalid(&'static str),
    Probe(&'static Probe),
}

/// One payload of the corpus.
pub struct Case {
    pub id: String,
    /// The schema's file name in `generated/schemas`.
    pub schema: String,
    /// The JSON text the schema engines read.
    pub payload: String,
    /// The rules of our validator's errors (empty: valid).
    pub errors: Vec<&'static str>,
    pub origin: Origin,
}

/// The corpus, and how many payloads were left out as not representable.
pub struct Corpus {
    pub cases: Vec<Case>,
    pub not_representable: usize,
}

/// Every endpoint body with a schema, matched to its file through `index.json`.
pub fn bodies(schemas: &Path) -> Vec<Body> {
    let index: Value = serde_json::from_str(
        &std::fs::read_to_string(schemas.join("index.json")).expect("index.json is readable"),
    )
    .expect("index.json is JSON");
    let entries: BTreeMap<(String, String), String> = index["schemas"]
        .as_array()
        .expect("index.json lists schemas")
        .iter()
        .map(|e| {
            let field = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            ((field("endpoint"), field("body")), field("file"))
        })
        .collect();
    let mut out = Vec::new();
    for endpoint in vendorspec::ENDPOINTS.iter().copied() {
        let file = |body: &str| {
            entries
                .get(&(endpoint.id.to_string(), body.to_string()))
                .unwrap_or_else(|| {
                    panic!("index.json publishes no {body} schema of {}", endpoint.id)
                })
                .clone()
        };
        if let Some(shape) = endpoint.request.as_ref() {
            out.push(Body {
                endpoint,
                kind: BodyKind::Request,
                label: format!("{}.request", endpoint.id),
                file: file("request"),
                shape,
                drawn_from: vec![("", shape)],
                options: endpoint.api.request_options(),
            });
        }
        let responses: Vec<_> = endpoint
            .responses
            .iter()
            .filter(|r| r.body.is_some())
            .collect();
        // index.json publishes one response schema per endpoint: every documented response
        // body (200 and 202, 200 and 204) must be that one object type.
        let same_object = |a: &Shape, b: &Shape| match (a, b) {
            (Shape::Object(a), Shape::Object(b)) => std::ptr::eq(a(), b()),
            _ => false,
        };
        if let Some(first) = responses.first() {
            for r in &responses[1..] {
                assert!(
                    same_object(
                        first.body.as_ref().expect("filtered"),
                        r.body.as_ref().expect("filtered")
                    ) && r.wrapped.is_none() == first.wrapped.is_none(),
                    "{} documents different response bodies for {:?} and {:?}, but index.json publishes one response schema per endpoint",
                    endpoint.id,
                    first.status,
                    r.status
                );
            }
        }
        for r in responses.into_iter().take(1) {
            let shape = r.body.as_ref().expect("filtered");
            let mut drawn_from = vec![("", shape)];
            if let Some(w) = &r.wrapped {
                drawn_from.push(("wrapped/", &w.shape));
            }
            out.push(Body {
                endpoint,
                kind: BodyKind::Response(Some(r.status[0])),
                label: format!("{}.response", endpoint.id),
                file: file("response"),
                shape,
                drawn_from,
                options: endpoint.api.response_options(),
            });
        }
    }
    assert_eq!(
        out.len(),
        entries.len(),
        "index.json publishes a schema for a body no endpoint has"
    );
    out
}

/// The whole corpus.
pub fn build(bodies: &[Body], probes: &'static [Probe]) -> Corpus {
    let mut corpus = Corpus {
        cases: Vec::new(),
        not_representable: 0,
    };
    examples(bodies, &mut corpus);
    for body in bodies {
        generated(body, &mut corpus);
    }
    for probe in probes {
        let body = bodies
            .iter()
            .find(|b| b.endpoint.id == probe.endpoint && same_body(b.kind, probe.kind))
            .unwrap_or_else(|| panic!("probe {}: no such body", probe.name));
        let case = case(
            body,
            format!("probe/{}", probe.name),
            probe.payload.as_bytes(),
            Origin::Probe(probe),
        )
        .unwrap_or_else(|| panic!("probe {} is not representable", probe.name));
        assert_eq!(
            case.errors.is_empty(),
            probe.ours,
            "probe {}: our validator's verdict (errors: {:?})",
            probe.name,
            case.errors
        );
        corpus.cases.push(case);
    }
    corpus
}

fn same_body(a: BodyKind, b: BodyKind) -> bool {
    matches!(
        (a, b),
        (BodyKind::Request, BodyKind::Request) | (BodyKind::Response(_), BodyKind::Response(_))
    )
}

/// The spec's examples of each body, valid and invalid, as written (any syntax, either
/// encoding).
fn examples(bodies: &[Body], corpus: &mut Corpus) {
    let spec = vendorspec_model::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
        .unwrap_or_else(|e| panic!("{e}"));
    for (_, e) in spec.endpoints() {
        let find = |request: bool| {
            bodies
                .iter()
                .find(|b| b.endpoint.id == e.id && matches!(b.kind, BodyKind::Request) == request)
        };
        let request = e.request.iter().flat_map(|r| &r.examples);
        let responses = e.responses.iter().flat_map(|r| &r.examples);
        for (request, ex) in request
            .map(|x| (true, x))
            .chain(responses.map(|x| (false, x)))
        {
            assert_eq!(ex.form, ExampleForm::Document, "{}: {}", e.id, ex.name);
            // A blank text is a call without a body: there is nothing for a schema to read.
            if ex.text.trim().is_empty() {
                continue;
            }
            let body = find(request).expect("an example of a body with a schema");
            let id = format!("{}/example/{}", body.label, ex.name);
            // The body's own verdict: an example may be invalid for its parameters alone.
            let body_valid = ex.valid || ex.expect.iter().all(|x| x.part != Part::Body);
            match case(body, id, ex.text.as_bytes(), Origin::Example) {
                Some(case) => {
                    assert_eq!(case.errors.is_empty(), body_valid, "{}", case.id);
                    corpus.cases.push(case);
                }
                None => corpus.not_representable += 1,
            }
        }
    }
}

/// Valid and one-violation payloads drawn from the body's shapes; on a lenient API each
/// one dressed in that lenience.
fn generated(body: &Body, corpus: &mut Corpus) {
    for &(variant, shape) in &body.drawn_from {
        for seed in SEEDS {
            for (i, value) in sample(shape, seed, PER_SEED).into_iter().enumerate() {
                let id = format!("{}/{variant}valid/{seed}-{i}", body.label);
                let text = dress(&value, &body.options, i);
                let case = case(body, id, text.as_bytes(), Origin::Valid)
                    .expect("a valid payload is representable");
                assert!(case.errors.is_empty(), "{}: {:?}", case.id, case.errors);
                if !identity(&body.options) {
                    // The dress comes off again: normalize undoes exactly the lenience.
                    assert_eq!(
                        serde_json::from_str::<Value>(&case.payload).ok().as_ref(),
                        Some(&value),
                        "{}: normalize",
                        case.id
                    );
                }
                corpus.cases.push(case);
            }
            // Twice as many drawn, since a `duplicate_key` case is left out: on a body
            // with few other mutations (a response) it is a third of them.
            let drawn = sample_invalid(shape, seed, 2 * PER_SEED);
            let (representable, left_out): (Vec<_>, Vec<_>) = drawn
                .into_iter()
                .enumerate()
                .partition(|(_, (_, broken))| !not_representable(&[broken.rule]));
            corpus.not_representable += left_out.len();
            for (i, (text, broken)) in representable.into_iter().take(PER_SEED) {
                let id = format!("{}/{variant}invalid/{seed}-{i}", body.label);
                let text = if identity(&body.options) {
                    text
                } else {
                    let value: Value = serde_json::from_str(&text).expect("strict JSON");
                    dress(&value, &body.options, i)
                };
                let case = case(body, id, text.as_bytes(), Origin::Invalid(broken.rule))
                    .expect("one violation keeps the payload representable");
                // The wrapper's mutations are drawn from the wrapper alone: removing its
                // `data` member leaves a payload of the flat variant, which the endpoint (and
                // the schema's `if`) judge as such.
                if variant.is_empty() {
                    assert_eq!(
                        case.errors,
                        [broken.rule],
                        "{}: our errors on {text}",
                        case.id
                    );
                }
                corpus.cases.push(case);
            }
        }
    }
}

/// Our verdict on `bytes` and the engines' payload; `None` when the payload is not one
/// JSON value (see [`not_representable`]).
fn case(body: &Body, id: String, bytes: &[u8], origin: Origin) -> Option<Case> {
    let report = body
        .endpoint
        .validate(body.kind, bytes)
        .expect("the body is documented");
    let errors: Vec<&'static str> = report
        .into_sorted()
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule.fixed_code().expect("an error has a built-in rule"))
        .collect();
    if not_representable(&errors) {
        return None;
    }
    let payload = if identity(&body.options) {
        let text = std::str::from_utf8(bytes).expect("our reader accepted it: UTF-8");
        minify(text.trim_start_matches('\u{feff}'))
    } else {
        let value =
            normalize::normalize(bytes, body.shape, &body.options).expect("our reader accepted it");
        value.to_string()
    };
    Some(Case {
        id,
        schema: body.file.clone(),
        payload,
        errors,
        origin,
    })
}

/// Whether the API reads payloads as plain JSON: then `normalize` changes nothing.
fn identity(options: &Options) -> bool {
    options.syntax == Syntax::Strict && options.names == NameMatching::Exact && !options.envelope
}

/// A canonical payload written the way a client of a lenient API may write it, varied by
/// `i`: member names lower-cased, upper-cased or as they are (case-insensitive APIs), inside
/// the envelope every other time (enveloped APIs), after a comment (lenient syntax).
fn dress(value: &Value, options: &Options, i: usize) -> String {
    let recase: fn(&str) -> String = match (options.names, i % 3) {
        (NameMatching::CaseInsensitive, 0) => str::to_ascii_lowercase,
        (NameMatching::CaseInsensitive, 1) => str::to_ascii_uppercase,
        _ => str::to_string,
    };
    let mut text = renamed(value, recase).to_string();
    if options.syntax == Syntax::Lenient {
        text = format!("/* lenient */ {text}");
    }
    if options.envelope && i.is_multiple_of(2) {
        text = serde_json::json!({ "value": text }).to_string();
    }
    text
}

fn renamed(value: &Value, recase: fn(&str) -> String) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (recase(k), renamed(v, recase)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| renamed(v, recase)).collect()),
        other => other.clone(),
    }
}

/// JSON text on one line, every literal kept as written: whitespace outside strings
/// dropped.
fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}
