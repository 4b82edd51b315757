//! Crate boundaries follow dependencies: what the shipped binary links, and what the
//! compiler loads with the derive, read from `cargo metadata`'s resolved graph.
//!
//! A proc-macro crate runs in the compiler and is not linked into the binary, so the walk
//! does not enter one (serde's derive brings syn 2 that way, harmlessly).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use serde_json::Value;

/// A crate's normal (not dev, not build) dependencies, by package name.
struct Graph {
    /// package id -> (name, is a proc-macro)
    packages: BTreeMap<String, (String, bool)>,
    /// package id -> ids of its normal dependencies
    normal: BTreeMap<String, Vec<String>>,
}

/// This machine's target triple (`rustc -vV`'s `host:`): the graph is read for it alone,
/// so that other platforms' crates need not be downloaded.
fn host() -> String {
    let output = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc runs");
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    text.lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_string()
}

fn graph() -> Graph {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline", "--locked"])
        .args(["--features", "vendorspec-runtime/proptest"])
        .args(["--filter-platform", &host()])
        .current_dir(root)
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let packages = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| {
            let proc_macro = p["targets"].as_array().unwrap().iter().any(|t| {
                t["kind"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k == "proc-macro")
            });
            (
                p["id"].as_str().unwrap().to_string(),
                (p["name"].as_str().unwrap().to_string(), proc_macro),
            )
        })
        .collect();
    let normal = metadata["resolve"]["nodes"]
        .as_array()
        .expect("resolve nodes")
        .iter()
        .map(|node| {
            let deps = node["deps"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| {
                    d["dep_kinds"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|k| k["kind"].is_null())
                })
                .map(|d| d["pkg"].as_str().unwrap().to_string())
                .collect();
            (node["id"].as_str().unwrap().to_string(), deps)
        })
        .collect();
    Graph { packages, normal }
}

impl Graph {
    fn id(&self, name: &str) -> &str {
        self.packages
            .iter()
            .find(|(_, (n, _))| n == name)
            .map(|(id, _)| id.as_str())
            .unwrap_or_else(|| panic!("no package {name}"))
    }

    /// The names of every crate `name` links: its normal dependencies, transitively,
    /// without entering proc-macro crates (which run in the compiler).
    fn linked(&self, name: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut names = BTreeSet::new();
        let mut stack: Vec<&str> = self.normal[self.id(name)]
            .iter()
            .map(String::as_str)
            .collect();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            let (dep, proc_macro) = &self.packages[id];
            names.insert(dep.clone());
            if !proc_macro {
                stack.extend(self.normal[id].iter().map(String::as_str));
            }
        }
        names
    }
}

#[test]
fn the_binary_links_no_rust_emitter() {
    let linked = graph().linked("vendorspec-cli");
    for emitter in ["vendorspec-codegen", "prettyplease", "syn", "quote"] {
        assert!(
            !linked.contains(emitter),
            "vendorspec-cli links {emitter}: {linked:?}"
        );
    }
    // What it does link to read YAML payloads and compare specs.
    assert!(linked.contains("vendorspec-model"), "{linked:?}");
}

#[test]
fn the_spec_model_holds_no_rust_emitter() {
    let linked = graph().linked("vendorspec-model");
    for emitter in ["prettyplease", "syn", "quote", "proc-macro2"] {
        assert!(
            !linked.contains(emitter),
            "vendorspec-model links {emitter}: {linked:?}"
        );
    }
}

/// The crates `cargo tree` lists under `package` for its normal dependencies, as cargo
/// resolves features for it (the derive's runtime without its default features).
fn tree(package: &str) -> BTreeSet<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = Command::new(env!("CARGO"))
        .args(["tree", "-p", package, "-e", "normal", "--prefix", "none"])
        .args(["--offline", "--locked", "--target", &host()])
        .current_dir(root)
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn the_derive_loads_no_run_time_http_or_schema_crates() {
    let loaded = tree("vendorspec-macros");
    assert!(loaded.contains("vendorspec-runtime"), "{loaded:?}");
    for crate_ in ["http", "schemars", "proptest"] {
        assert!(
            !loaded.contains(crate_),
            "the derive loads {crate_}: {loaded:?}"
        );
    }
}
