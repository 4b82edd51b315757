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
