//! The harness: a document checked as draft 2020-12, then its valid and invalid cases.

use super::*;

// ----------------------------------------------------------------------------------------
// Harness

pub(super) struct Case {
    /// `None` for a valid instance; else the one thing it breaks, as `<rule code>: <why>`.
    pub(super) breaks: Option<&'static str>,
    pub(super) instance: Value,
    /// Breaks a rule the schema cannot state (`range_order`): valid for the schema only.
    pub(super) gap: bool,
}

pub(super) fn ok(instance: Value) -> Case {
    Case {
        breaks: None,
        instance,
        gap: false,
    }
}

pub(super) fn bad(breaks: &'static str, instance: Value) -> Case {
    Case {
        breaks: Some(breaks),
        instance,
        gap: false,
    }
}

/// Breaks only `range_order`: the schema accepts it, the validator does not.
pub(super) fn gap(instance: Value) -> Case {
    Case {
        breaks: None,
        instance,
        gap: true,
    }
}

pub(super) fn meta(name: &str) -> DocumentMeta {
    DocumentMeta {
        id: format!("https://vendorspec.example/schemas/{name}.json"),
        title: String::new(),
        description: String::new(),
        examples: Vec::new(),
    }
}

/// The document is valid draft 2020-12, deterministic, and gives each case its verdict.
pub(super) fn run(name: &str, shape: &Shape, cases: &[Case]) -> Value {
    let doc = document(shape, &meta(name));
    if let Err(e) = jsonschema::draft202012::meta::validate(&doc) {
        panic!("{name}: not a valid draft 2020-12 document: {e}\n{doc:#}");
    }
    assert_eq!(
        serde_json::to_string(&doc).unwrap(),
        serde_json::to_string(&document(shape, &meta(name))).unwrap(),
        "{name}: deterministic"
    );
    let validator = jsonschema::draft202012::new(&doc).expect("compiles");
    // With formats asserted too: no `format` keyword is emitted, so nothing changes.
    let asserting = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&doc)
        .expect("compiles");
    let mut failures = Vec::new();
    for case in cases {
        let valid = validator.is_valid(&case.instance);
        if valid != case.breaks.is_none() {
            let errors: Vec<String> = validator
                .iter_errors(&case.instance)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            failures.push(format!(
                "{name}: {} expected {}, got {valid}; errors: {errors:?}",
                case.instance,
                case.breaks.unwrap_or("valid")
            ));
        }
        assert_eq!(asserting.is_valid(&case.instance), valid);
        // The differential check: the validator's verdict, and the rule it names.
        let bytes = serde_json::to_vec(&case.instance).unwrap();
        let report = walk::validate(&bytes, shape, &walk::Options::default());
        let findings = report.into_sorted();
        let errors: Vec<&str> = findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.rule.as_str())
            .collect();
        let expected: Vec<&str> = match (case.breaks, case.gap) {
            (Some(breaks), _) => vec![breaks.split(':').next().unwrap()],
            (None, true) => vec!["range_order"],
            (None, false) => vec![],
        };
        let mut distinct = errors.clone();
        distinct.dedup();
        if distinct != expected {
            failures.push(format!(
                "{name}: {} expected {expected:?} from the validator, got {:?}",
                case.instance,
                findings.iter().map(ToString::to_string).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}\n{doc:#}", failures.join("\n"));
    if let Some(dir) = std::env::var_os("VENDORSPEC_SCHEMA_DUMP") {
        let dir = std::path::Path::new(&dir);
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(
            dir.join(format!("{name}.schema.json")),
            serde_json::to_string_pretty(&doc).unwrap(),
        )
        .unwrap();
        let cases: Vec<Value> = cases
            .iter()
            .map(|c| {
                json!({
                    "instance": c.instance,
                    "valid": c.breaks.is_none(),
                    "breaks": c.breaks,
                    "validator_only": c.gap.then_some("range_order"),
                })
            })
            .collect();
        std::fs::write(
            dir.join(format!("{name}.cases.json")),
            serde_json::to_string_pretty(&cases).unwrap(),
        )
        .unwrap();
    }
    doc
}

pub(super) const DEV: &str = "E378DACB9324453AB8C65A8406952195";
pub(super) const GUID: &str = "61d8944e-d900-4724-87eb-d10078b90a41";
