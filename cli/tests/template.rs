//! `vendorspec template`: every body of every endpoint, in every format, validates as it is;
//! and real JSON5 and YAML parsers (the npm packages `json5` and `yaml`, installed by
//! `.ci/test`) read the commented templates as the same value as the plain JSON one.

// A note to the test harness is not the tool's output (clippy.toml routes that).
#![allow(clippy::disallowed_macros)]

mod common;

use std::path::Path;
use std::process::Command;

use common::{root, run};

/// The value a real parser reads from a template file: `json5` or `yaml` from npm.
/// `None` (with a note) where the packages are missing, except in CI, where that fails.
fn parsed_by_npm(file: &Path, format: &str) -> Option<serde_json::Value> {
    let modules = root().join(".ci/node_modules");
    if !modules.join(format).is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "in CI the npm package `{format}` must be installed (bash .ci/test does it)"
        );
        eprintln!(
            "skipped: the npm package `{format}` is not in .ci/node_modules (run `bash .ci/test`)"
        );
        return None;
    }
    let script = match format {
        "json5" => {
            "process.stdout.write(JSON.stringify(require('json5').parse(require('fs').readFileSync(process.argv[1], 'utf8'))))"
        }
        _ => {
            "process.stdout.write(JSON.stringify(require('yaml').parse(require('fs').readFileSync(process.argv[1], 'utf8'))))"
        }
    };
    let out = Command::new("node")
        .env("NODE_PATH", &modules)
        .args(["-e", script])
        .arg(file)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "{format} could not read {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("JSON from node"))
}

#[test]
fn every_template_validates_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let endpoints = run(&["endpoints"]);
    for line in endpoints.stdout.lines() {
        let id = line.split_whitespace().next().unwrap();
        for body in [&[][..], &["--response"][..]] {
            for (format, ext) in [("json", "json"), ("json5", "json5"), ("yaml", "yaml")] {
                let mut args = vec!["template", id, "--format", format];
                args.extend_from_slice(body);
                let t = run(&args);
                if t.code == 2 {
                    // The endpoint documents no such body.
                    assert!(t.stderr.contains("has no"), "{id} {body:?}: {}", t.stderr);
                    continue;
                }
                assert_eq!(t.code, 0, "{id} {body:?} {format}: {}", t.stderr);
                let file = dir.path().join(format!("{id}-{}.{ext}", body.len()));
                std::fs::write(&file, &t.stdout).unwrap();
                let mut args = vec!["validate", "--endpoint", id, "--deny-warnings"];
                args.extend_from_slice(body);
                args.push(file.to_str().unwrap());
                let v = run(&args);
                assert_eq!(
                    v.code, 0,
                    "{id} {body:?} {format}:\n{}\n{}",
                    t.stdout, v.stdout
                );
                // What a real parser of the format reads: the plain JSON template's value.
                if format != "json" {
                    let mut plain = vec!["template", id, "--format", "json"];
                    plain.extend_from_slice(body);
                    let expected: serde_json::Value =
                        serde_json::from_str(&run(&plain).stdout).expect("a JSON template");
                    if let Some(read) = parsed_by_npm(&file, format) {
                        assert_eq!(read, expected, "{id} {body:?} {format}:\n{}", t.stdout);
                    }
                }
            }
        }
    }
}
