//! What a `cargo build` after a spec edit pays in codegen: load (YAML with locations) →
//! check → emit the Rust source (prettyplease), exactly what `generated/build.rs` runs.
//!
//! - `codegen/spec_dir`: every file of `spec/`, read from disk as the build script does.
//! - `codegen/synthetic/{100,300,1000}`: N endpoints built here, in memory, from the real
//!   Cylance Protect spec (not committed as data): endpoint `i` is a copy of one of that
//!   spec's three endpoints (in turn) with the types it reaches, every name made unique
//!   (`create_package_execution_7`, `PackageExecutionRequestS7`, advice code
//!   `results_kept_nowhere_7`, path `/s7/...`). Each copy keeps its examples, rules,
//!   advice and formats, so the checker does the real work on it. Time per endpoint
//!   staying flat from 100 to 1,000 is the "linear" target.
//!
//!   The endpoints are spread over spec files (APIs) of 100 endpoints each, as a large
//!   spec directory would be: the YAML loader caps one file at 250,000 nodes
//!   (serde-saphyr's budget), about 400 endpoints of this size.
//!
//! `cargo bench -p vendorspec-codegen --bench codegen`; `bench/ratios.py` prints the table.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};
use std::hint::black_box;
use std::ops::Range;
use std::path::{Path, PathBuf};

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use regex::Regex;
use vendorspec_codegen::SpecFile;

#[path = "../../bench/clock.rs"]
mod clock;
use clock::Clock;

/// The endpoint counts of the synthetic specs.
const SIZES: [usize; 3] = [100, 300, 1000];

/// Endpoints per synthetic spec file.
const PER_FILE: usize = 100;

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

/// Load, check and emit: the build script's work, minus writing the file.
fn generate(spec: &vendorspec_codegen::Spec) -> String {
    let mut source = String::new();
    for api in &spec.apis {
        source.push_str(&vendorspec_codegen::emit_rust::api_module(api));
        source.push('\n');
    }
    source.push_str(&vendorspec_codegen::emit_rust::registry(spec));
    source
}

fn codegen_dir(dir: &Path) -> String {
    match vendorspec_codegen::load_dir(dir) {
        Ok(spec) => generate(&spec),
        Err(errors) => panic!("{} does not load:\n{errors}", dir.display()),
    }
}

fn codegen_files(files: &[SpecFile]) -> String {
    match vendorspec_codegen::load_files(files) {
        Ok(spec) => generate(&spec),
        Err(errors) => panic!("the synthetic spec does not load:\n{errors}"),
    }
}

/// The pieces of a spec file written in the repository's layout: the text before
/// `endpoints:`, and the two-space-indented entries of `endpoints:` and of `types:`, each
/// with its whole block of lines.
struct Pieces {
    header: String,
    endpoints: Vec<(String, String)>,
    types: BTreeMap<String, String>,
}

fn split(text: &str) -> Pieces {
    let entry = Regex::new(r"^  ([A-Za-z_][A-Za-z0-9_]*):\s*$").expect("valid regex");
    let mut header = String::new();
    let mut endpoints: Vec<(String, String)> = Vec::new();
    let mut types: Vec<(String, String)> = Vec::new();
    let mut section = "";
    for line in text.lines() {
        match line {
            "endpoints:" => section = "endpoints",
            "types:" => section = "types",
            _ if section.is_empty() => {
                header.push_str(line);
                header.push('\n');
            }
            _ => {
                let list = if section == "endpoints" {
                    &mut endpoints
                } else {
                    &mut types
                };
                if let Some(name) = entry.captures(line).map(|c| c[1].to_string()) {
                    list.push((name, String::new()));
                }
                if let Some((_, block)) = list.last_mut() {
                    block.push_str(line);
                    block.push('\n');
                }
            }
        }
    }
    Pieces {
        header,
        endpoints,
        types: types.into_iter().collect(),
    }
}

/// The types a block names, and the types those name, transitively.
fn reached(block: &str, types: &BTreeMap<String, String>, words: &Regex) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![block.to_string()];
    while let Some(text) = todo.pop() {
        for word in words.find_iter(&text) {
            if let Some(body) = types.get(word.as_str())
                && seen.insert(word.as_str().to_string())
            {
                todo.push(body.clone());
            }
        }
    }
    seen
}

/// One endpoint of the template with what it needs: the types it reaches and the advice
/// codes they declare.
struct Unit {
    id: String,
    block: String,
    reach: BTreeSet<String>,
    codes: BTreeSet<String>,
}

/// Spec files of `PER_FILE` endpoints each, `count` in all.
fn synthetic(template: &str, count: usize) -> Vec<SpecFile> {
    (0..count)
        .step_by(PER_FILE)
        .map(|start| {
            let end = (start + PER_FILE).min(count);
            SpecFile {
                name: format!("synthetic_{start}.yaml"),
                text: synthetic_file(template, start..end),
            }
        })
        .collect()
}

/// One spec file (API) with the endpoints `range`, copied in turn from `template`'s.
fn synthetic_file(template: &str, range: Range<usize>) -> String {
    let pieces = split(template);
    assert!(
        !pieces.endpoints.is_empty() && !pieces.types.is_empty(),
        "the template spec's layout changed: no endpoints or types found"
    );
    let words = Regex::new(r"\b[A-Za-z_][A-Za-z0-9_]*\b").expect("valid regex");
    let id_line = Regex::new(r"(?m)^  id: \S+$").expect("valid regex");
    let path_line = Regex::new(r"(?m)^(    path: )(/\S*)$").expect("valid regex");
    let code_line = Regex::new(r"(?m)^\s*- code: ([a-z_][a-z0-9_]*)\s*$").expect("valid regex");
    // Per template endpoint: its block, the types it reaches, and the advice codes those
    // declare (codes are unique across a spec, like ids).
    let units: Vec<Unit> = pieces
        .endpoints
        .iter()
        .map(|(id, block)| {
            let reach = reached(block, &pieces.types, &words);
            let codes = std::iter::once(block)
                .chain(reach.iter().map(|t| &pieces.types[t]))
                .flat_map(|text| code_line.captures_iter(text).map(|c| c[1].to_string()))
                .collect();
            Unit {
                id: id.clone(),
                block: block.clone(),
                reach,
                codes,
            }
        })
        .collect();
    let header = id_line.replace(&pieces.header, format!("  id: synthetic_{}", range.start));
    let mut endpoints = String::from("endpoints:\n");
    let mut types = String::from("types:\n");
    for i in range {
        let unit = &units[i % units.len()];
        // Every name this copy declares or refers to gets the copy's suffix.
        let rename = |text: &str| -> String {
            words
                .replace_all(text, |c: &regex::Captures| {
                    let word = &c[0];
                    if unit.reach.contains(word) {
                        format!("{word}S{i}")
                    } else if word == unit.id || unit.codes.contains(word) {
                        format!("{word}_{i}")
                    } else {
                        word.to_string()
                    }
                })
                .into_owned()
        };
        let block = rename(&unit.block);
        endpoints.push_str(&path_line.replace(&block, format!("${{1}}/s{i}${{2}}")));
        for name in &unit.reach {
            types.push_str(&rename(&pieces.types[name]));
        }
    }
    format!("{header}{endpoints}\n{types}")
}

/// The synthetic spec loads, has every endpoint, and what it is made of goes to the log.
fn check(files: &[SpecFile], count: usize) {
    let spec = vendorspec_codegen::load_files(files)
        .unwrap_or_else(|e| panic!("the synthetic spec does not load:\n{e}"));
    assert_eq!(
        spec.endpoints().count(),
        count,
        "the synthetic spec has every endpoint"
    );
    eprintln!(
        "synthetic/{count}: {} files, {} KB of YAML, {} KB of Rust",
        files.len(),
        files.iter().map(|f| f.text.len()).sum::<usize>() / 1024,
        generate(&spec).len() / 1024
    );
}

fn bench_codegen(c: &mut Criterion<Clock>) {
    let dir = spec_dir();
    let real = codegen_dir(&dir);
    eprintln!("spec/: {} bytes of Rust emitted", black_box(&real).len());
    let template = std::fs::read_to_string(dir.join("cylance_protect_v2.yaml"))
        .expect("spec/cylance_protect_v2.yaml is readable");

    let mut group = c.benchmark_group("codegen");
    group.bench_function("spec_dir", |b| b.iter(|| codegen_dir(black_box(&dir))));
    // One iteration of the largest takes about a second: flat sampling keeps the
    // iteration count at the sample size.
    group.sampling_mode(SamplingMode::Flat);
    group.sample_size(10);
    for count in SIZES {
        let files = synthetic(&template, count);
        // Checked on first use, so a filtered run (`-- synthetic/100`, a profiler) does
        // not load the specs it does not measure.
        let checked = OnceCell::new();
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(BenchmarkId::new("synthetic", count), &files, |b, files| {
            checked.get_or_init(|| check(files, count));
            b.iter(|| codegen_files(black_box(files)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = clock::criterion();
    targets = bench_codegen
}

criterion_main!(benches);
