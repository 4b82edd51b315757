//! Properties of derived types (the hand-written `Job` uses every attribute; see
//! `common/mod.rs`), 256 cases each:
//! (a) generated instances pass `validate()` and the `jsonschema` crate with the derived
//!     `JsonSchema` (`schemars::schema_for!`);
//! (b) the typed round trip through JSON is lossless;
//! (c) every single mutation (a required member deleted, an unknown member added, one
//!     constraint or rule broken) is reported by the validator with the expected rule and
//!     pointer, and rejected by the schema, except the rules JSON Schema cannot state
//!     (`range_order`) or a JSON value cannot carry (`duplicate_key`).
//! proptest keeps failing cases in `tests/properties.proptest-regressions`.

mod common;

use common::*;
use proptest::prelude::*;
use vendorspec_runtime::desc::Shape;
use vendorspec_runtime::walk::{self, Options};
use vendorspec_runtime::{Contract, Severity, strategy};

fn schema_validator<T: schemars::JsonSchema>() -> jsonschema::Validator {
    let schema = serde_json::to_value(schemars::schema_for!(T)).expect("a schema serializes");
    jsonschema::draft202012::new(&schema).expect("the derived schema compiles")
}

const JOB: &Shape = &Job::SHAPE;

/// What JSON Schema cannot see: a rule it cannot state, duplicates a value cannot carry.
const SCHEMA_BLIND: &[&str] = &["range_order", "duplicate_key"];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_jobs_are_valid_for_both(job in strategy::typed::<Job>()) {
        let report = walk::validate_value(&job);
        prop_assert!(!report.has_errors(), "{:#?}", report.into_sorted());
        let value = serde_json::to_value(&job).unwrap();
        prop_assert!(schema_validator::<Job>().is_valid(&value), "the schema rejects {value}");
    }

    #[test]
    fn the_typed_round_trip_is_lossless(job in strategy::typed::<Job>()) {
        let json = serde_json::to_vec(&job).unwrap();
        let (back, _) = walk::parse_typed::<Job>(&json, &Options::default())
            .map_err(|r| TestCaseError::fail(format!("{:#?}", r.into_sorted())))?;
        prop_assert!(back == job, "{job:?} came back as {back:?}");
        prop_assert_eq!(serde_json::to_vec(&back).unwrap(), json);
    }

    #[test]
    fn each_single_mutation_is_reported_by_both((text, broken) in strategy::invalid(JOB)) {
        let findings = walk::validate(text.as_bytes(), JOB, &Options::default()).into_sorted();
        let errors: Vec<(&str, &str)> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| (f.rule.as_str(), f.pointer.as_str()))
            .collect();
        prop_assert_eq!(errors, vec![(broken.rule, broken.pointer.as_str())], "{}", text);
        if !SCHEMA_BLIND.contains(&broken.rule) {
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            prop_assert!(!schema_validator::<Job>().is_valid(&value), "the schema accepts {} ({:?})", text, broken.rule);
        }
    }
}

/// Property (c) is not vacuous: over a fixed sample every kind of mutation the `Job`
/// allows is drawn. (`min_items` is the one it does not allow alone: its only array with a
/// minimum, `devices`, is also in `exactly_one_of(devices, zones, count = "non_empty")`,
/// so emptying it breaks both.)
#[test]
fn the_mutations_cover_every_rule_job_has() {
    let mut rules: Vec<&str> = strategy::sample_invalid(JOB, 7, 1500)
        .iter()
        .map(|(_, b)| b.rule)
        .collect();
    rules.sort();
    rules.dedup();
    for rule in [
        "required",
        "unknown_field",
        "duplicate_key",
        "type",
        "pattern",
        "format",
        "min_length",
        "max_length",
        "minimum",
        "maximum",
        "max_items",
        "unique_items",
        "enum",
        "exactly_one_of",
        "at_least_one_of",
        "requires",
        "range_order",
    ] {
        assert!(rules.contains(&rule), "no `{rule}` mutation in {rules:?}");
    }
}
