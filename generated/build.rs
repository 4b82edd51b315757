//! Generates the bindings from the specs: `../spec/*.yaml` (a packaged crate: `spec/*.yaml`; or `$VENDORSPEC_SPEC_DIR`) through
//! vendorspec-codegen into `$OUT_DIR/vendorspec_generated.rs`. Editing a spec file and running
//! `cargo build` is the whole regeneration; a spec error stops the build with every problem
//! at its file:line:column.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"),
    );
    // The workspace's `../spec` when there is one; else `spec` here, a symlink to it that
    // `cargo package` copies into the published crate (which has no `../spec`).
    let spec_dir = std::env::var_os("VENDORSPEC_SPEC_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let workspace = manifest.join("../spec");
            if workspace.is_dir() {
                workspace
            } else {
                manifest.join("spec")
            }
        });
    let watched = spec_dir.canonicalize().unwrap_or_else(|_| spec_dir.clone());
    println!("cargo::rerun-if-changed={}", watched.display());
    println!("cargo::rerun-if-env-changed=VENDORSPEC_SPEC_DIR");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let spec = match vendorspec_codegen::load_dir(&spec_dir) {
        Ok(spec) => spec,
        Err(errors) => {
            eprintln!("{errors}");
            std::process::exit(1);
        }
    };
    let mut source = String::new();
    for api in &spec.apis {
        source.push_str(&vendorspec_codegen::emit_rust::api_module(api));
        source.push('\n');
    }
    source.push_str(&vendorspec_codegen::emit_rust::registry(&spec));
    let path = out.join("vendorspec_generated.rs");
    if let Err(e) = std::fs::write(&path, source) {
        eprintln!("error: cannot write {}: {e}", path.display());
        std::process::exit(1);
    }
}
