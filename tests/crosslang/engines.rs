//! The schema engines of other languages: where `.ci/test` installs them, and running the
//! checker programs (`check.py`, `check.mjs`) over a corpus file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::differences::Engine;

/// A checker program ready to run.
pub struct Checker {
    pub engine: Engine,
    program: PathBuf,
    script: PathBuf,
}

/// The checkers whose engine is installed, and why each other one is not run. In CI (the
/// `CI` variable set) a missing engine fails the test instead: CI must run all of them.
pub fn available(root: &Path) -> (Vec<Checker>, Vec<String>) {
    let mut checkers = Vec::new();
    let mut skipped = Vec::new();
    let python = root.join(".ci/venv/bin/python");
    let modules = root.join(".ci/node_modules");
    let candidates = [
        (
            Engine::Python,
            python.clone(),
            "check.py",
            python.is_file(),
            format!("{} is missing", python.display()),
        ),
        (
            Engine::Ajv,
            PathBuf::from("node"),
            "check.mjs",
            node_runs()
                && ["ajv", "ajv-formats"]
                    .iter()
                    .all(|m| modules.join(m).is_dir()),
            format!(
                "`node` or ajv/ajv-formats in {} is missing",
                modules.display()
            ),
        ),
    ];
    for (engine, program, script, present, why) in candidates {
        if present {
            checkers.push(Checker {
                engine,
                program,
                script: root.join("tests/crosslang").join(script),
            });
        } else if std::env::var_os("CI").is_some() {
            panic!("{}: {why}; .ci/test installs it", engine.name());
        } else {
            skipped.push(format!(
                "{} skipped: {why} (run `bash .ci/test`, or install it as .ci/test does)",
                engine.name()
            ));
        }
    }
    (checkers, skipped)
}

fn node_runs() -> bool {
    Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What a checker said: a verdict for each case id, and the schemas its engine's
/// strictest settings refuse (`strict-refuses FILE: ERROR` lines on stderr), by file name.
pub struct Run {
    pub verdicts: HashMap<String, bool>,
    pub strict_refuses: Vec<(String, String)>,
}

impl Checker {
    /// Runs the checker over the corpus file.
    pub fn run(&self, schemas: &Path, corpus: &Path) -> Run {
        let output = Command::new(&self.program)
            .arg(&self.script)
            .arg(schemas)
            .arg(corpus)
            .output()
            .unwrap_or_else(|e| panic!("{}: cannot start: {e}", self.engine.name()));
        assert!(
            output.status.success(),
            "{} failed ({}):\n{}",
            self.engine.name(),
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        let mut verdicts = HashMap::new();
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let v: serde_json::Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}: bad verdict line {line}: {e}", self.engine.name()));
            let (Some(id), Some(valid)) = (v["id"].as_str(), v["valid"].as_bool()) else {
                panic!("{}: bad verdict line {line}", self.engine.name());
            };
            let first = verdicts.insert(id.to_string(), valid).is_none();
            assert!(first, "{}: two verdicts for {id}", self.engine.name());
        }
        let strict_refuses = String::from_utf8_lossy(&output.stderr)
            .lines()
            .filter_map(|l| l.strip_prefix("strict-refuses "))
            .filter_map(|l| l.split_once(": "))
            .map(|(file, error)| (file.to_string(), error.to_string()))
            .collect();
        Run {
            verdicts,
            strict_refuses,
        }
    }
}
