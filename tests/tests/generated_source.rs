//! The generated Rust source of each API, snapshotted: a spec change shows up here as a
//! reviewable diff of the models, endpoints and attributes (`cargo insta review`). The same
//! source is compiled by `generated/build.rs`, so what is reviewed is what is built.

#[test]
fn generated_source_of_each_api() {
    let spec = vendorspec_model::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
        .unwrap_or_else(|e| panic!("the spec does not load:\n{e}"));
    for api in &spec.apis {
        let source = vendorspec_codegen::emit_rust::api_module(api);
        // Deterministic: the same spec gives the same bytes.
        assert_eq!(source, vendorspec_codegen::emit_rust::api_module(api));
        insta::assert_snapshot!(format!("rust_{}", api.id), source);
    }
    insta::assert_snapshot!(
        "rust_registry",
        vendorspec_codegen::emit_rust::registry(&spec)
    );
}
