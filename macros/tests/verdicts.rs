//! Derived contracts through the validating walk and the schema generator
//! (`vendorspec_runtime::walk` and `vendorspec_runtime::schema`).

mod common;

use common::*;
use vendorspec_runtime::walk::{Options, parse_typed, validate, validate_value};
use vendorspec_runtime::{Contract, Finding};

fn findings(json: &str) -> Vec<Finding> {
    validate(json.as_bytes(), &Job::SHAPE, &Options::default()).into_sorted()
}

fn rules(json: &str) -> Vec<(String, String)> {
    findings(json)
        .into_iter()
        .map(|f| (f.rule.as_str().to_owned(), f.pointer))
        .collect()
}

const VALID: &str = r#"{"Name": "Scan", "ApiKey": "k", "devices": ["E378DACB9324453AB8C65A8406952195"], "agent_guids": []}"#;

#[test]
fn valid_payload_builds_typed_value() {
    assert!(
        findings(VALID)
            .iter()
            .all(|f| f.severity.as_str() != "error"),
        "{:?}",
        findings(VALID)
    );
    let (job, _) = parse_typed::<Job>(VALID.as_bytes(), &Options::default()).expect("valid");
    assert_eq!(job.name, "Scan");
}

#[test]
fn field_constraints_are_enforced() {
    let r = rules(
        r#"{"Name": "", "ApiKey": "k", "devices": ["x"], "agent_guids": [], "small": 300, "Timeout": -1}"#,
    );
    for (rule, pointer) in [
        ("min_length", "/Name"),
        ("format", "/devices/0"),
        ("maximum", "/small"),
        ("minimum", "/Timeout"),
    ] {
        assert!(
            r.contains(&(rule.into(), pointer.into())),
            "{rule} at {pointer} in {r:?}"
        );
    }
    let r = rules(
        r#"{"ApiKey": "k", "devices": ["E378DACB9324453AB8C65A8406952195"], "agent_guids": []}"#,
    );
    assert!(r.contains(&("required".into(), "/Name".into())), "{r:?}");
}

#[test]
fn rules_are_enforced() {
    let r = rules(
        r#"{"Name": "a", "ApiKey": "k", "devices": ["E378DACB9324453AB8C65A8406952195"], "zones": ["z"]}"#,
    );
    assert!(r.iter().any(|(rule, _)| rule == "exactly_one_of"), "{r:?}");
    assert!(r.iter().any(|(rule, _)| rule == "at_least_one_of"), "{r:?}");
    let r = rules(
        r#"{"Name": "a", "ApiKey": "k", "zones": ["z"], "agent_guids": [], "FeatureIds": [48], "start_ip": "10.0.0.9", "end_ip": "10.0.0.1"}"#,
    );
    assert!(r.iter().any(|(rule, _)| rule == "requires"), "{r:?}");
    assert!(r.iter().any(|(rule, _)| rule == "range_order"), "{r:?}");
}

#[test]
fn secrets_never_shown() {
    let f = findings(
        r#"{"Name": "a", "ApiKey": 12345678, "Password": 987654321, "zones": ["z"], "agent_guids": []}"#,
    );
    assert!(!f.is_empty());
    for finding in f {
        assert!(
            !finding.message.contains("12345678") && !finding.message.contains("987654321"),
            "{finding:?}"
        );
    }
}

#[test]
fn typed_values_validate_through_the_same_walk() {
    let (mut job, _) = parse_typed::<Job>(VALID.as_bytes(), &Options::default()).unwrap();
    assert!(!validate_value(&job).has_errors());
    job.name.clear();
    let report = validate_value(&job);
    assert!(report.has_errors());
}

#[test]
fn schema_from_derived_types() {
    let schema = schemars::schema_for!(Job);
    let value = serde_json::to_value(&schema).unwrap();
    let text = value.to_string();
    assert!(text.contains("\"Name\""), "{text}");
    assert!(text.contains("DiscoveryOptions"), "{text}");
    let validator = jsonschema::validator_for(&value).expect("schema compiles");
    let ok: serde_json::Value = serde_json::from_str(VALID).unwrap();
    assert!(validator.is_valid(&ok));
    let bad: serde_json::Value =
        serde_json::from_str(r#"{"Name": "", "ApiKey": "k", "zones": ["z"], "agent_guids": []}"#)
            .unwrap();
    assert!(!validator.is_valid(&bad));
    let e = serde_json::to_value(schemars::schema_for!(JobType)).unwrap();
    assert!(e.to_string().contains('2'), "{e}");
}
