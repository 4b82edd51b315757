//! The IR of each API, snapshotted: a spec edit shows up here as a reviewable diff of
//! meaning (locations are not part of the IR's serialization, so moving lines changes
//! nothing). Review changes with `cargo insta review`.

#[test]
fn ir_of_each_api() {
    let spec = vendorspec_model::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
        .unwrap_or_else(|e| panic!("the spec does not load:\n{e}"));
    let ids: Vec<&str> = spec.apis.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        ["cylance_admin_v2", "cylance_protect_v2", "ivanti_es_v2"]
    );
    for api in &spec.apis {
        insta::assert_yaml_snapshot!(format!("ir_{}", api.id), api);
    }
}
