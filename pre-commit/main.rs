//! Not the tool: pre-commit's `language: rust` always runs `cargo install --path .` in the
//! root of a hook repository, which needs a package there (a virtual workspace manifest
//! fails). This is that package; the hook's `additional_dependencies` then install the real
//! `vendorspec` binary from `cli/` of the same checkout (see `.pre-commit-hooks.yaml`).

use std::process::ExitCode;

fn main() -> ExitCode {
    eprintln!(
        "vendorspec-pre-commit only makes this repository installable as a pre-commit hook; \
         the tool is `vendorspec` (cargo install --locked vendorspec-cli)"
    );
    ExitCode::from(2)
}
