//! What every end-to-end test of the `vendorspec` binary needs: running it and reading its
//! output.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The workspace root: tests run the binary from there, so paths print as
/// `examples/payloads/...`.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

pub fn vendorspec() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vendorspec"));
    cmd.current_dir(root());
    cmd.env_remove("CLICOLOR_FORCE");
    cmd
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<std::process::Output> for Run {
    fn from(output: std::process::Output) -> Run {
        Run {
            code: output.status.code().expect("an exit code"),
            stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
            stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
        }
    }
}

pub fn run(args: &[&str]) -> Run {
    vendorspec()
        .args(args)
        .output()
        .expect("the binary runs")
        .into()
}

/// Runs in another folder (for `vendorspec.toml` lookups).
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    vendorspec()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
        .into()
}

pub fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", run.stdout))
}

/// The SARIF 2.1.0 schema, from the npm package `.ci/test` installs. Without `CI` a missing
/// package skips the check with a message; in CI it is a failure.
// A note to the test harness, not the tool's output (cli/clippy.toml).
#[allow(clippy::disallowed_macros)]
pub fn sarif_schema() -> Option<Value> {
    let path: PathBuf =
        root().join(".ci/node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str(&text).expect("the SARIF schema is JSON")),
        Err(e) if std::env::var_os("CI").is_some() => {
            panic!("{}: {e}; run `npm ci --prefix .ci`", path.display())
        }
        Err(e) => {
            eprintln!(
                "skipped: {}: {e}; run `npm ci --prefix .ci` to check SARIF against its schema",
                path.display()
            );
            None
        }
    }
}

/// A validator of SARIF 2.1.0 logs (`None` when the schema is not installed, outside CI).
pub fn sarif_validator() -> Option<jsonschema::Validator> {
    let schema = sarif_schema()?;
    // The schema's `language` patterns end in a stray `]?`, which the meta-schema's
    // `format: regex` check (ECMA-262 with the `u` flag) refuses. vendorspec never writes
    // `language`; the stray characters are dropped and the rest is used as published.
    let text = schema.to_string();
    let stray = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert!(text.contains(stray));
    let schema: Value =
        serde_json::from_str(&text.replace(stray, r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}$""#))
            .unwrap();
    Some(
        jsonschema::options()
            .build(&schema)
            .expect("the SARIF schema compiles"),
    )
}
