//! vendorspec-codegen: the Rust emitter. It takes the checked IR that `vendorspec-model`
//! loads from the YAML contracts and writes the generated crate's source (models with
//! their derive attributes, endpoint tables, typed builders), formatted with
//! `prettyplease`.
//!
//! ```
//! let spec = vendorspec_codegen::load_dir("../spec").unwrap();
//! let source = vendorspec_codegen::emit_rust::api_module(&spec.apis[0]);
//! assert!(source.contains("pub struct"));
//! ```

pub mod emit_rust;

pub use vendorspec_model::{Spec, SpecError, SpecErrors, SpecFile, load_dir, load_files, load_str};
