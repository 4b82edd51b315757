//! Code that other languages' generators write from the published schemas is typed and
//! judges payloads as the contract does: pydantic v2 models from datamodel-code-generator,
//! TypeScript types from json-schema-to-typescript and from quicktype, compiled with
//! `tsc --strict` (`tests/crosslang/generators.py` runs them).
//!
//! The generated code must have no root typed `Any`/`unknown`, no list of `unknown`, no
//! numbered class or field names and no open index signature on a closed request body;
//! every valid payload of the corpus must parse (pydantic) or type-check (TypeScript); an
//! invalid one must be refused where the language can hold the broken rule (the lists of
//! what each cannot hold are in `generators.py` and in the README, "Schemas for other
//! languages").
//!
//! The corpus is the cross-language one (`tests/crosslang/corpus.rs`): every spec example,
//! and generated valid payloads and payloads with one violation, [`PER_SCHEMA`] of each
//! per schema. The generators are installed by `.ci/test`; without them the test says so
//! and passes, except in CI, where a missing generator is a failure.

#[path = "../crosslang/corpus.rs"]
#[allow(dead_code)]
mod corpus;
#[path = "../crosslang/differences.rs"]
#[allow(dead_code)]
mod differences;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use corpus::Origin;
use serde_json::{Value, json};

/// Generated valid and invalid payloads fed to the generated code, each, per schema.
const PER_SCHEMA: usize = 60;

#[test]
fn generated_models_and_types_are_typed_and_judge_as_the_contract() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let python = root.join(".ci/venv/bin/python");
    let node_bin = root.join(".ci/node_modules/.bin");
    let tools = [
        python.with_file_name("datamodel-codegen"),
        node_bin.join("json2ts"),
        node_bin.join("quicktype"),
        node_bin.join("tsc"),
    ];
    if let Some(missing) = tools.iter().find(|t| !t.is_file()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "{} is missing; .ci/test installs it",
            missing.display()
        );
        println!(
            "generated code: skipped, {} is missing (run `bash .ci/test`)",
            missing.display()
        );
        return;
    }

    let schemas = root.join("generated/schemas");
    let bodies = corpus::bodies(&schemas);
    let built = corpus::build(&bodies, &[]);
    let mut taken: BTreeMap<(String, bool), usize> = BTreeMap::new();
    let mut cases = Vec::new();
    for case in &built.cases {
        let (valid, rule) = match case.origin {
            Origin::Example => (case.errors.is_empty(), case.errors.first().copied()),
            Origin::Valid => (true, None),
            Origin::Invalid(rule) => (false, Some(rule)),
            Origin::Probe(_) => continue,
        };
        if !matches!(case.origin, Origin::Example) {
            let n = taken.entry((case.schema.clone(), valid)).or_default();
            if *n >= PER_SCHEMA {
                continue;
            }
            *n += 1;
        }
        let payload: Value = serde_json::from_str(&case.payload).expect("corpus payloads are JSON");
        cases.push(
            json!({ "schema": case.schema, "payload": payload, "valid": valid, "rule": rule }),
        );
    }
    let work =
        std::env::temp_dir().join(format!("vendorspec-generated-code-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();
    let corpus_file = work.join("corpus.json");
    std::fs::write(&corpus_file, serde_json::to_vec(&cases).unwrap()).unwrap();

    let output = Command::new(&python)
        .arg(root.join("tests/crosslang/generators.py"))
        .args([&schemas, &corpus_file, &work, &node_bin])
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "generators.py failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("a JSON report");
    for shape in report["shapes"].as_array().unwrap() {
        println!("{shape}");
    }
    println!("payloads judged: {}", report["counts"]);
    // Every schema went through every generator.
    assert_eq!(
        report["shapes"].as_array().unwrap().len(),
        3 * bodies.len(),
        "{report:#}"
    );
    let failures = report["failures"].as_array().unwrap();
    if failures.is_empty() {
        let _ = std::fs::remove_dir_all(&work);
    }
    assert!(
        failures.is_empty(),
        "{} failures (the generated code is in {}):\n{}",
        failures.len(),
        work.display(),
        failures
            .iter()
            .map(|f| f.as_str().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n")
    );
}
