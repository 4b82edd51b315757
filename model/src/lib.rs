//! vendorspec-model: loads the YAML contracts in `spec/`, checks them, lowers them to the
//! IR that the emitters read, and compares two versions of a spec.
//!
//! It holds no Rust emitter (that is `vendorspec-codegen`, which builds on this crate), so
//! the CLI can read YAML payloads ([`yaml`]) and compare specs ([`diff`]) without linking
//! `syn` or `prettyplease`.
//!
//! Pipeline: [`yaml`] (text to located nodes) → [`read`] (nodes to IR, shape errors) →
//! [`check`] (meaning across the spec). Every error names file:line:column and says what
//! would be right.
//!
//! ```
//! let spec = vendorspec_model::load_dir("../spec").unwrap();
//! assert!(spec.endpoints().any(|(_, e)| e.id == "create_job"));
//! ```

pub mod check;
pub mod diag;
pub mod diff;
pub mod ir;
pub mod literal;
pub mod read;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::Path;

pub use diag::{SpecError, SpecErrors};
pub use ir::Spec;

/// One spec file's name (as it should appear in messages) and text.
pub struct SpecFile {
    pub name: String,
    pub text: String,
}

/// Loads every `*.yaml` / `*.yml` file of a directory (not recursive), in name order.
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Spec, SpecErrors> {
    let dir = dir.as_ref();
    let io_error = |what: String| {
        SpecErrors(vec![SpecError {
            file: dir.display().to_string(),
            loc: diag::Loc { line: 0, column: 0 },
            message: what,
            help: None,
            source_line: None,
            caret: 0,
        }])
    };
    let entries = std::fs::read_dir(dir)
        .map_err(|e| io_error(format!("cannot read the spec directory: {e}")))?;
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file() && matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
        })
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(io_error("the spec directory has no .yaml files".into()));
    }
    let mut files = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path)
            .map_err(|e| io_error(format!("cannot read {}: {e}", path.display())))?;
        files.push(SpecFile {
            name: path.display().to_string(),
            text,
        });
    }
    load_files(&files)
}

/// Loads a set of spec files given as text: the whole pipeline, every error collected.
pub fn load_files(files: &[SpecFile]) -> Result<Spec, SpecErrors> {
    let mut sinks: BTreeMap<String, diag::Sink> = BTreeMap::new();
    let mut apis = Vec::new();
    for file in files {
        let mut sink = diag::Sink::new(&file.name, &file.text);
        if let Some(root) = yaml::parse(&file.text, &mut sink)
            && let Some(api) = read::read_api(&root, &mut sink)
        {
            check::check_api(&api, &mut sink);
            apis.push(api);
        }
        sinks.insert(file.name.clone(), sink);
    }
    check::check_spec(&apis, &mut sinks);
    let errors: Vec<SpecError> = sinks.into_values().flat_map(|s| s.errors).collect();
    if errors.is_empty() {
        Ok(Spec { apis })
    } else {
        Err(SpecErrors(errors).sorted())
    }
}

/// Loads one spec file given as text.
pub fn load_str(name: &str, text: &str) -> Result<Spec, SpecErrors> {
    load_files(&[SpecFile {
        name: name.to_string(),
        text: text.to_string(),
    }])
}
