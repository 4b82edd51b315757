//! Property tests for every endpoint body, through the generated types, the endpoint
//! registry's validator ([`EndpointDesc::validate`]) and the published schemas
//! (`generated/schemas/*.json`, read from disk and compiled once with the `jsonschema`
//! crate, draft 2020-12).
//!
//! The strategies' own properties on hand-written descriptors live in
//! `runtime/tests/strategy_properties.rs`, and those of one derived type in
//! `macros/tests/properties.rs`; these run the same ideas on the real contracts, as a user
//! of the `vendorspec` crate reads a payload: with the API's options (names, syntax,
//! envelope), the response variants, and the typed models.
//!
//! Properties, per body (see `bodies!` at the end; `CASES` = 256 cases each, overridable
//! with `PROPTEST_CASES`):
//!
//! - `valid_instances`: [`deep_valid`] values (the strategies' values, with objects from
//!   depth 2 redrawn so optional members occur at every depth) have no error from the
//!   endpoint, are accepted by the published schema, and round-trip through the generated
//!   type: read with the endpoint's options, written with serde, equal to the payload as
//!   JSON values (integral floats such as `5.0` written back as `5`), and read back equal.
//!   For the wrapped response the inner body is also read with `parse_response`.
//! - `single_mutations`: [`deep_invalid`] cases (one mutation from the strategy table, in
//!   any object at any depth) get exactly the expected error (rule and pointer) from the
//!   endpoint, and the schema rejects them, except the rules in [`SCHEMA_BLIND`], which it
//!   accepts. One documented exception: removing the wrapper member (`data`) of the wrapped
//!   response leaves the flat variant with an unknown member, a warning, for both.
//! - `recased_member`: one member re-cased (renamed, or added beside itself: a name
//!   collision). On a case-insensitive API the rename is accepted, and the collision is
//!   one `duplicate_key`; on an exact API the rename is an unknown member (an error in
//!   request bodies, a warning in responses) plus what removing the member gives (but a
//!   re-cased required member of a request body is the one unknown-member finding that
//!   names it, not also a missing one), and the collision is one unknown member. The schema, on the normalized payload, accepts
//!   exactly when the only errors are ones in [`SCHEMA_BLIND`].
//! - `envelope_forms`: the `{"value": "..."}` envelope (its name in any case where names
//!   are case-insensitive). On the enveloped API, a wrapped payload gets the same findings
//!   as the bare one (bare payloads are what the other properties send: the envelope is
//!   optional by design, "a payload file may hold either form"), and a doubly wrapped one
//!   is read as a body holding one unknown member `value`: `unknown_field` at `/value` and
//!   whatever an empty object gets (`required` for each required member, the root's
//!   rules). On other APIs, and for responses, a wrapped payload is that same object, and
//!   so is, on every API, a payload under `value` without being stringified.
//!
//! Plain tests: the table holds every body of the registry, each row's generated type is
//! that body's type, and `mutations_cover_the_contract` shows `single_mutations` is not
//! vacuous: drawing cases with a fixed seed (at most `COVERAGE_CAP` = 2,000 per body; far
//! fewer in practice, it stops when done), every kind of mutation the strategy table
//! allows occurs in every object type of the body that allows it (every rule of every
//! type, each `requires` rule told apart by its message, `format` in `RangeIpTarget`, `minimum` of the `Timeout` and `Retry` of discovery
//! targets, and so on).
//!
//! proptest keeps failing cases in `endpoint_properties.proptest-regressions` beside this
//! file and replays them first; keep that file under version control.

mod common;

use std::collections::BTreeSet;
use std::fmt::Debug;

use common::*;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;
use vendorspec::runtime::desc::{NameMatching, Shape, Unknown};
use vendorspec::runtime::formats::Format;
use vendorspec::runtime::strategy::Broken;
use vendorspec::runtime::walk;
use vendorspec::runtime::{Contract, FromTree, Severity};
use vendorspec::{
    cylance_admin_v2 as admin, cylance_protect_v2 as protect, ivanti_es_v2 as ivanti,
};

/// Cases per property and body; `PROPTEST_CASES` overrides it.
const CASES: u32 = 256;

/// At most this many cases per body in `mutations_cover_the_contract`.
const COVERAGE_CAP: usize = 2000;

fn config() -> ProptestConfig {
    proptest_config(CASES)
}

// ----------------------------------------------------------------------------------------
// Checks

/// Integral floats as integers: the typed models read `5.0` as the integer 5.
fn canonical(value: Value) -> Value {
    match value {
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, canonical(v))).collect())
        }
        other => other,
    }
}

/// UUIDs in their canonical lower case: the models hold `uuid::Uuid`, which reads a UUID in
/// either case and writes it lower-case (the same UUID; RFC 9562 reads both cases).
fn uuids_lower_case(shape: &Shape, value: Value) -> Value {
    match (shape, value) {
        (Shape::String(s), Value::String(text)) if s.format == Some(Format::Uuid) => {
            Value::String(text.to_ascii_lowercase())
        }
        (Shape::Array(a), Value::Array(items)) => Value::Array(
            items
                .into_iter()
                .map(|item| uuids_lower_case(a.items, item))
                .collect(),
        ),
        (Shape::Object(desc), Value::Object(map)) => {
            let members = desc().members;
            Value::Object(
                map.into_iter()
                    .map(|(name, v)| {
                        let v = match members.iter().find(|m| m.name == name) {
                            Some(m) => uuids_lower_case(&m.shape, v),
                            None => v,
                        };
                        (name, v)
                    })
                    .collect(),
            )
        }
        (_, value) => value,
    }
}

/// Reads a payload into the generated type as a user would: `parse_typed` with the API's
/// request options, `parse_response` for a response.
fn read<T: Contract + FromTree>(body: &Body, bytes: &[u8]) -> Result<T, TestCaseError> {
    let read = match body.which {
        // A generated payload is never blank, so a body was read.
        Which::Response => body
            .endpoint
            .parse_response::<T>(None, bytes)
            .map(|(t, report)| (t.expect("a payload that is not blank"), report)),
        Which::Request | Which::Wrapped => walk::parse_typed::<T>(bytes, &body.options()),
    };
    read.map(|(t, _)| t).map_err(|report| {
        TestCaseError::fail(format!(
            "{} refused {}: {:?}",
            body.name(),
            String::from_utf8_lossy(bytes),
            errors_of(&report.into_sorted())
        ))
    })
}

/// Lossless: the typed value writes the payload back, and reads back equal.
fn round_trip<T: Contract + FromTree + PartialEq + Debug>(
    body: &Body,
    value: &Value,
    bytes: &[u8],
) -> Result<(), TestCaseError> {
    let typed: T = read(body, bytes)?;
    let written = serde_json::to_vec(&typed).unwrap();
    let back: Value = serde_json::from_slice(&written).unwrap();
    let expected = uuids_lower_case(&T::SHAPE, canonical(value.clone()));
    prop_assert_eq!(canonical(back), expected, "{:?}", typed);
    let again: T = read(body, &written)?;
    prop_assert!(again == typed, "{:?} read back as {:?}", typed, again);
    Ok(())
}

fn check_valid<T: Contract + FromTree + PartialEq + Debug>(
    body: &Body,
    value: &Value,
) -> Result<(), TestCaseError> {
    let text = serde_json::to_string(value).unwrap();
    let errors = body.errors(text.as_bytes());
    prop_assert!(
        errors.is_empty(),
        "{}: {:?} on {}",
        body.name(),
        errors,
        text
    );
    let schema = body.schema();
    prop_assert!(
        schema.is_valid(value),
        "the schema refuses {}: {:?}",
        text,
        schema_errors(schema, value)
    );
    round_trip::<T>(body, value, text.as_bytes())
}

/// The wrapped variant's inner body, read with `parse_response`, is the wrapper member.
fn check_inner<T: Contract + FromTree + PartialEq + Debug>(
    body: &Body,
    value: &Value,
) -> Result<(), TestCaseError> {
    let member = wrapper_member(body).expect("a wrapped variant");
    let text = serde_json::to_vec(value).unwrap();
    let inner = value.get(member).expect("the wrapper member is required");
    let flat = Body::new(body.endpoint, Which::Response);
    let typed: T = read(&flat, &text)?;
    let back: Value = serde_json::to_value(&typed).unwrap();
    prop_assert_eq!(canonical(back), canonical(inner.clone()));
    Ok(())
}

fn wrapper_member(body: &Body) -> Option<&'static str> {
    let r = body.endpoint.response(None)?;
    r.wrapped.as_ref().map(|w| w.member)
}

/// What the endpoint reports for a strategy case: its one error, except that a wrapped
/// response without its wrapper member is the flat variant (any object is), where the
/// other member is unknown: a warning.
fn expected_errors(body: &Body, broken: &Broken) -> Vec<(String, String)> {
    let wrapper = wrapper_member(body).map(|m| format!("/{m}"));
    if body.which == Which::Wrapped
        && broken.rule == "required"
        && Some(&broken.pointer) == wrapper.as_ref()
    {
        return Vec::new();
    }
    vec![(broken.rule.to_string(), broken.pointer.clone())]
}

fn check_invalid(body: &Body, text: &str, broken: &Broken) -> Result<(), TestCaseError> {
    let expected = expected_errors(body, broken);
    let found = body.errors(text.as_bytes());
    prop_assert_eq!(&found, &expected, "{}: {}", body.name(), text);
    let value: Value = serde_json::from_str(text).unwrap();
    let schema = body.schema();
    let accepted = schema.is_valid(&value);
    let blind = expected.is_empty() || SCHEMA_BLIND.contains(&broken.rule);
    prop_assert_eq!(
        accepted,
        blind,
        "{}: schema verdict on {} ({:?}); schema errors {:?}",
        body.name(),
        text,
        broken,
        schema_errors(schema, &value)
    );
    Ok(())
}

/// The schema's verdict on `normalize(P)` must be "valid" exactly when our only errors are
/// ones it cannot see.
fn schema_agrees(
    body: &Body,
    text: &str,
    errors: &[(String, String)],
) -> Result<(), TestCaseError> {
    let normal = body.normalize(text.as_bytes());
    let schema = body.schema();
    let blind_only = errors
        .iter()
        .all(|(r, _)| SCHEMA_BLIND.contains(&r.as_str()));
    prop_assert_eq!(
        schema.is_valid(&normal),
        blind_only,
        "{}: ours {:?}, schema errors {:?} on {}",
        body.name(),
        errors,
        schema_errors(schema, &normal),
        text
    );
    Ok(())
}

fn sorted(mut v: Vec<(String, String)>) -> Vec<(String, String)> {
    v.sort();
    v
}

/// One member re-cased: renamed, or repeated beside itself under the new spelling.
fn check_recased(body: &Body, value: &Value, seed: u64) -> Result<(), TestCaseError> {
    let mut rng = SeedRng(seed);
    let shape = body.shape();
    let mut places = Vec::new();
    for site in object_sites(shape, value) {
        let here = value
            .pointer(&pointer_of(&site.path))
            .and_then(Value::as_object);
        for m in site.desc.members {
            if here.is_some_and(|o| o.contains_key(m.name)) {
                places.push((site.clone(), m));
            }
        }
    }
    if places.is_empty() {
        // An empty object: nothing to re-case.
        return Ok(());
    }
    let (site, member) = places.swap_remove(rng.below(places.len()));
    let spelling = recased(member.name, &mut rng).expect("member names have letters");
    let collide = rng.one_in(2);

    // The new member goes in under a placeholder after the original, then gets its name.
    let placeholder = format!("{}\u{10FFFF}", member.name);
    let mut p = value.clone();
    let object = at_mut(&mut p, &site.path)
        .and_then(Value::as_object_mut)
        .unwrap();
    let copy = object[member.name].clone();
    if !collide {
        object.remove(member.name);
    }
    object.insert(placeholder.clone(), copy);
    let quoted = serde_json::to_string(&placeholder).unwrap();
    let text = serde_json::to_string(&p)
        .unwrap()
        .replace(&quoted, &serde_json::to_string(&spelling).unwrap());

    let at = pointer_of(&site.path);
    let new = format!("{at}/{}", escape_token(&spelling));
    let unknown = || match site.desc.unknown {
        Unknown::Reject => vec![("unknown_field".to_string(), new.clone())],
        Unknown::Warn => Vec::new(),
    };
    let insensitive = body.options().names == NameMatching::CaseInsensitive;
    let expected = match (insensitive, collide) {
        (true, false) => Vec::new(),
        (true, true) => vec![("duplicate_key".to_string(), new.clone())],
        (false, true) => unknown(),
        (false, false) => {
            // The canonical member is gone: what its removal gives, plus the unknown one.
            let mut without = value.clone();
            let o = at_mut(&mut without, &site.path)
                .and_then(Value::as_object_mut)
                .unwrap();
            o.remove(member.name);
            let mut e = body.errors(serde_json::to_string(&without).unwrap().as_bytes());
            // (Without its wrapper member a wrapped response is the flat variant.)
            let wrapper = body.which == Which::Wrapped && site.path.is_empty();
            if member.required && !wrapper {
                let missing = (
                    "required".to_string(),
                    format!("{at}/{}", escape_token(member.name)),
                );
                prop_assert!(e.contains(&missing), "{:?}", e);
                // In a request body the re-cased name is the misspelt required member: one
                // finding, the unknown member (whose message names the required one).
                if site.desc.unknown == Unknown::Reject {
                    e.retain(|f| *f != missing);
                }
            }
            e.extend(unknown());
            e
        }
    };
    let found = body.errors(text.as_bytes());
    prop_assert_eq!(
        sorted(found.clone()),
        sorted(expected),
        "{}: {}",
        body.name(),
        text
    );
    if insensitive && !collide {
        // Folding the names undoes the re-casing exactly.
        prop_assert_eq!(body.normalize(text.as_bytes()), value.clone());
    }
    schema_agrees(body, &text, &found)
}

/// `{"value": <payload as a string>}`, its name re-cased where names are case-insensitive.
fn wrap(text: &str, body: &Body, rng: &mut SeedRng) -> (String, String) {
    let insensitive = body.options().names == NameMatching::CaseInsensitive;
    let name = match insensitive && rng.one_in(2) {
        true => recased("value", rng).unwrap(),
        false => "value".to_string(),
    };
    let wrapped = serde_json::json!({ name.clone(): text }).to_string();
    (wrapped, name)
}

fn check_envelope(
    body: &Body,
    text: &str,
    bare: Vec<(String, String)>,
    seed: u64,
) -> Result<(), TestCaseError> {
    let mut rng = SeedRng(seed);
    let found = body.errors(text.as_bytes());
    prop_assert_eq!(&found, &bare, "{}: bare {}", body.name(), text);
    // A body of one member `value` that is not unwrapped: that unknown member, and what an
    // empty object gets.
    let as_object = |name: &str| {
        let mut e = body.errors(b"{}");
        // Without its wrapper member, a response is read as the flat variant.
        let read_as = match body.which {
            Which::Wrapped => Body::new(body.endpoint, Which::Response),
            _ => *body,
        };
        let root = object_desc(read_as.shape()).expect("object bodies");
        for m in root.members.iter().filter(|m| m.required) {
            assert!(e.contains(&("required".to_string(), format!("/{}", m.name))));
        }
        if root.unknown == Unknown::Reject {
            e.push((
                "unknown_field".to_string(),
                format!("/{}", escape_token(name)),
            ));
        }
        sorted(e)
    };
    let (wrapped, name) = wrap(text, body, &mut rng);
    let enveloped = body.options().envelope;
    if enveloped {
        prop_assert_eq!(
            body.errors(wrapped.as_bytes()),
            bare.clone(),
            "wrapped {}",
            wrapped
        );
        let normal: Value = body.normalize(wrapped.as_bytes());
        prop_assert_eq!(&normal, &body.normalize(text.as_bytes()));
        schema_agrees(body, &wrapped, &bare)?;
        let (double, _) = wrap(&wrapped, body, &mut rng);
        let found = body.errors(double.as_bytes());
        prop_assert_eq!(
            sorted(found.clone()),
            as_object(&name),
            "doubly wrapped {}",
            double
        );
        schema_agrees(body, &double, &found)?;
    } else {
        let found = body.errors(wrapped.as_bytes());
        prop_assert_eq!(
            sorted(found.clone()),
            as_object(&name),
            "wrapped {}",
            wrapped
        );
        schema_agrees(body, &wrapped, &found)?;
    }
    // Not stringified (`{"value": {...}}`): not the envelope, on any API.
    let nested = format!("{{{}: {text}}}", serde_json::to_string(&name).unwrap());
    let found = body.errors(nested.as_bytes());
    prop_assert_eq!(sorted(found.clone()), as_object(&name), "{}", nested);
    schema_agrees(body, &nested, &found)?;
    Ok(())
}

// ----------------------------------------------------------------------------------------
// Coverage of the mutations

/// Draws [`deep_invalid`] cases (a fixed seed) until every [`MutationKey`] the contract
/// allows has occurred, or `COVERAGE_CAP` cases.
fn check_coverage(body: &Body) {
    let shape = body.shape();
    let possible = possible_mutations(shape);
    let strategy = deep_invalid(shape);
    let mut runner = TestRunner::new_with_rng(
        Config {
            failure_persistence: None,
            ..Config::default()
        },
        TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]),
    );
    let mut seen = BTreeSet::new();
    let mut drawn = 0;
    while drawn < COVERAGE_CAP && !possible.is_subset(&seen) {
        drawn += 1;
        if let Ok(tree) = strategy.new_tree(&mut runner) {
            let (text, broken) = tree.current();
            let findings = body.findings(text.as_bytes());
            let message = findings
                .iter()
                .find(|f| f.severity == Severity::Error)
                .map_or("", |f| f.message.as_str());
            seen.insert(mutation_key(shape, &broken, message));
        }
    }
    let extra: Vec<_> = seen.difference(&possible).collect();
    assert!(
        extra.is_empty(),
        "{}: outside the table: {extra:?}",
        body.name()
    );
    let missing: Vec<_> = possible.difference(&seen).collect();
    assert!(
        missing.is_empty(),
        "{}: never drawn in {drawn} cases: {missing:?}",
        body.name()
    );
}

// ----------------------------------------------------------------------------------------
// The table: one line per body

macro_rules! bodies {
    ($(
        $name:ident: $endpoint:path, $which:ident, $ty:ty
        $(, inner $inner:ty)?;
    )*) => {
        /// Every row, for the check that the table holds the whole registry.
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
                    fn valid_instances(value in deep_valid(BODY.shape())) {
                        check_valid::<$ty>(&BODY, &value)?;
                        $(check_inner::<$inner>(&BODY, &value)?;)?
                    }

                    #[test]
                    fn single_mutations((text, broken) in deep_invalid(BODY.shape())) {
                        check_invalid(&BODY, &text, &broken)?;
                    }

                    #[test]
                    fn recased_member(value in deep_valid(BODY.shape()), seed in any::<u64>()) {
                        check_recased(&BODY, &value, seed)?;
                    }

                    #[test]
                    fn envelope_forms(
                        (text, expected) in prop_oneof![
                            deep_valid(BODY.shape()).prop_map(|v| (v.to_string(), Vec::new())),
                            deep_invalid(BODY.shape())
                                .prop_map(|(text, broken)| (text, expected_errors(&BODY, &broken))),
                        ],
                        seed in any::<u64>(),
                    ) {
                        check_envelope(&BODY, &text, expected, seed)?;
                    }
                }

                #[test]
                fn the_row_type_is_the_body() {
                    let row = object_desc(&<$ty as Contract>::SHAPE).unwrap();
                    assert!(std::ptr::eq(row, object_desc(BODY.shape()).unwrap()));
                }

                #[test]
                fn mutations_cover_the_contract() {
                    check_coverage(&BODY);
                }
            }
        )*
    };
}

bodies! {
    create_package_execution_request: protect::CREATE_PACKAGE_EXECUTION, Request, protect::CreatePackageExecutionRequest;
    create_package_execution_response: protect::CREATE_PACKAGE_EXECUTION, Response, protect::PackageExecutionResource;
    delete_package_execution_response: protect::DELETE_PACKAGE_EXECUTION, Response, protect::PackageExecutionResource;
    lockdown_device_request: protect::LOCKDOWN_DEVICE, Request, protect::LockdownRequest;
    lockdown_device_response: protect::LOCKDOWN_DEVICE, Response, protect::LockdownDevice;
    lockdown_device_response_wrapped: protect::LOCKDOWN_DEVICE, Wrapped, protect::LockdownDeviceWrapped, inner protect::LockdownDevice;
    provision_tenant_request: admin::PROVISION_TENANT, Request, admin::TenantProvision;
    create_job_request: ivanti::CREATE_JOB, Request, ivanti::Job;
    create_deployment_group_request: ivanti::CREATE_DEPLOYMENT_GROUP, Request, ivanti::DeploymentGroup;
}

#[test]
fn the_table_holds_every_body_of_the_registry() {
    let mut table = table();
    let mut registry = registry_bodies();
    let key = |(id, which): &(&str, Which)| (id.to_string(), format!("{which:?}"));
    table.sort_by_key(key);
    registry.sort_by_key(key);
    assert_eq!(table, registry);
}
