//! The published schemas give our validator's verdicts in other languages: Python
//! `jsonschema` and Ajv2020 (with ajv-formats), besides the `jsonschema` crate, over a
//! corpus of every body's spec examples, generated valid payloads and generated payloads
//! with one violation (`tests/crosslang/corpus.rs`). The only tolerated differences are
//! named in `tests/crosslang/differences.rs`.
//!
//! The engines are installed by `.ci/test` (a venv in `.ci/venv`, npm packages in
//! `.ci/node_modules`). Without them the test says which it skipped, except in CI, where a
//! missing engine is a failure.

#[path = "../crosslang/corpus.rs"]
mod corpus;
#[path = "../crosslang/differences.rs"]
mod differences;
#[path = "../crosslang/engines.rs"]
mod engines;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use corpus::{Case, Origin};
use differences::{AJV_STRICT_REFUSES, Engine, PROBES, SCHEMA_BLIND, schema_verdict};

/// A case on which an engine does not say what it must.
struct Mismatch<'c> {
    engine: Engine,
    case: &'c Case,
    expected: Option<bool>,
    got: Option<bool>,
}

#[test]
fn schema_engines_in_three_languages_give_our_verdicts() {
    let started = Instant::now();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace holds the tests crate");
    let schemas = root.join("generated/schemas");
    let (checkers, skipped) = engines::available(root);
    for why in &skipped {
        println!("cross-language: {why}");
    }

    let bodies = corpus::bodies(&schemas);
    let corpus = corpus::build(&bodies, PROBES);
    let built = started.elapsed();
    for body in &bodies {
        let count = |want: fn(&Origin) -> bool| {
            corpus
                .cases
                .iter()
                .filter(|c| c.id.starts_with(&format!("{}/", body.label)) && want(&c.origin))
                .count()
        };
        let valid = count(|o| matches!(o, Origin::Valid));
        let invalid = count(|o| matches!(o, Origin::Invalid(_)));
        assert!(
            valid >= 250 && invalid >= 250,
            "{}: only {valid} valid and {invalid} invalid payloads",
            body.label
        );
    }
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cross_language");
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let corpus_file = dir.join("corpus.jsonl");
    let mut lines = String::new();
    for case in &corpus.cases {
        let quote = |s: &str| serde_json::Value::from(s).to_string();
        writeln!(
            lines,
            r#"{{"id":{},"schema":{},"payload":{}}}"#,
            quote(&case.id),
            quote(&case.schema),
            case.payload
        )
        .expect("writing to a String");
    }
    std::fs::write(&corpus_file, lines).expect("the corpus file is written");

    let mut verdicts: BTreeMap<Engine, HashMap<String, bool>> = BTreeMap::new();
    std::thread::scope(|scope| {
        let runs: Vec<_> = checkers
            .iter()
            .map(|c| (c.engine, scope.spawn(|| c.run(&schemas, &corpus_file))))
            .collect();
        verdicts.insert(Engine::JsonschemaRs, jsonschema_rs(&schemas, &corpus.cases));
        for (engine, run) in runs {
            let run = run.join().expect("the checker thread");
            if engine == Engine::Ajv {
                let refused: Vec<(&str, &str)> = run
                    .strict_refuses
                    .iter()
                    .map(|(file, error)| {
                        let option = AJV_STRICT_REFUSES
                            .iter()
                            .find(|(_, option)| error.contains(option))
                            .map_or(error.as_str(), |(_, option)| option);
                        (file.as_str(), option)
                    })
                    .collect();
                assert_eq!(
                    refused, AJV_STRICT_REFUSES,
                    "the schemas Ajv's strictest settings refuse"
                );
            }
            verdicts.insert(engine, run.verdicts);
        }
    });

    let mut mismatches = Vec::new();
    let mut summary = format!(
        "cross-language: {} cases over {} schemas ({} examples, {} valid, {} invalid, {} probes); \
         {} drawn or example payloads left out as not one JSON value (duplicate_key, syntax)\n",
        corpus.cases.len(),
        bodies.len(),
        tally(&corpus.cases, |o| matches!(o, Origin::Example)),
        tally(&corpus.cases, |o| matches!(o, Origin::Valid)),
        tally(&corpus.cases, |o| matches!(o, Origin::Invalid(_))),
        tally(&corpus.cases, |o| matches!(o, Origin::Probe(_))),
        corpus.not_representable,
    );
    for (&engine, got) in &verdicts {
        let (mut agree, mut blind, mut known) = (0, 0, Vec::new());
        for case in &corpus.cases {
            let verdict = got.get(&case.id).copied();
            let ours = case.errors.is_empty();
            let expected = match &case.origin {
                Origin::Probe(p) => p.expected(engine),
                _ => Some(schema_verdict(&case.errors)),
            };
            if verdict != expected {
                mismatches.push(Mismatch {
                    engine,
                    case,
                    expected,
                    got: verdict,
                });
            } else if verdict == Some(ours) {
                agree += 1;
            } else if let Origin::Probe(p) = case.origin {
                known.push(p.name);
            } else {
                blind += 1;
            }
        }
        writeln!(
            summary,
            "  {}: {} cases, {agree} agree with our validator, {blind} differ by a rule the schema \
             cannot state ({}), {} by a known engine difference ({})",
            engine.name(),
            got.len(),
            SCHEMA_BLIND.join(", "),
            known.len(),
            known.join(", "),
        )
        .expect("writing to a String");
    }
    if verdicts.contains_key(&Engine::Ajv) {
        for (file, option) in AJV_STRICT_REFUSES {
            writeln!(
                summary,
                "  known difference: Ajv with `strict: true` refuses {file} ({option})"
            )
            .expect("writing to a String");
        }
    }
    for probe in PROBES.iter().filter(|p| p.is_difference()) {
        writeln!(
            summary,
            "  known difference {}: {}",
            probe.name, probe.shows
        )
        .expect("writing to a String");
    }
    writeln!(
        summary,
        "  in {:.1} s ({:.1} s to build the corpus and our verdicts)",
        started.elapsed().as_secs_f64(),
        built.as_secs_f64()
    )
    .expect("writing to a String");
    println!("{summary}");
    assert!(
        mismatches.is_empty(),
        "{} verdicts differ from ours beyond the named differences:\n{}",
        mismatches.len(),
        describe(&mismatches)
    );
}

/// How many cases come from an origin.
fn tally(cases: &[Case], want: fn(&Origin) -> bool) -> usize {
    cases.iter().filter(|c| want(&c.origin)).count()
}

/// The `jsonschema` crate's verdicts; a payload `serde_json` refuses gets none.
fn jsonschema_rs(schemas: &Path, cases: &[Case]) -> HashMap<String, bool> {
    let mut validators = HashMap::new();
    let mut verdicts = HashMap::new();
    for case in cases {
        let validator = validators.entry(case.schema.clone()).or_insert_with(|| {
            let text = std::fs::read_to_string(schemas.join(&case.schema))
                .unwrap_or_else(|e| panic!("{}: {e}", case.schema));
            let schema: serde_json::Value = serde_json::from_str(&text).expect("a JSON schema");
            jsonschema::draft202012::new(&schema)
                .unwrap_or_else(|e| panic!("{} does not compile: {e}", case.schema))
        });
        if let Ok(payload) = serde_json::from_str::<serde_json::Value>(&case.payload) {
            verdicts.insert(case.id.clone(), validator.is_valid(&payload));
        }
    }
    verdicts
}

/// The first mismatches, each with what we found and the payload.
fn describe(mismatches: &[Mismatch]) -> String {
    let mut out = String::new();
    for m in mismatches.iter().take(20) {
        let mut payload = m.case.payload.clone();
        if payload.len() > 400 {
            let end = (0..=400)
                .rev()
                .find(|&i| payload.is_char_boundary(i))
                .unwrap_or(0);
            payload.truncate(end);
            payload.push('…');
        }
        writeln!(
            out,
            "- {} on {} ({}, {}): must say {}, says {}; our errors: {:?}\n  {payload}",
            m.engine.name(),
            m.case.id,
            m.case.schema,
            origin(&m.case.origin),
            verdict(m.expected),
            verdict(m.got),
            m.case.errors,
        )
        .expect("writing to a String");
    }
    if mismatches.len() > 20 {
        writeln!(out, "… and {} more", mismatches.len() - 20).expect("writing to a String");
    }
    out
}

fn verdict(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "valid",
        Some(false) => "invalid",
        None => "nothing (cannot read the payload)",
    }
}

fn origin(origin: &Origin) -> String {
    match origin {
        Origin::Example => "a spec example".into(),
        Origin::Valid => "generated valid".into(),
        Origin::Invalid(rule) => format!("generated with one `{rule}` violation"),
        Origin::Probe(p) => format!("probe: {}", p.shows),
    }
}
