//! `vendorspec openapi [API_ID] [--output DIR]`: one API's document on stdout, every
//! document keyed by API id, files written as published, an unknown id refused.

mod common;

use common::{json, root, run};

fn published(id: &str) -> String {
    std::fs::read_to_string(root().join(format!("generated/openapi/{id}.openapi.json")))
        .expect("the published document")
}

#[test]
fn one_api_prints_its_document() {
    let r = run(&["openapi", "ivanti_es_v2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = json(&r);
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["x-vendorspec-api"], "ivanti_es_v2");
    assert_eq!(doc["x-vendorspec-envelope"], "value");
    assert_eq!(doc["servers"][0]["variables"]["port"]["default"], "43470");
    // The Ivanti examples hold no credential in a URL, so nothing is masked: the printed
    // document is the published one.
    assert_eq!(r.stdout, published("ivanti_es_v2"));
}

#[test]
fn without_an_id_every_document_is_keyed_by_api() {
    let r = run(&["openapi"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let all = json(&r);
    let ids: Vec<&String> = all.as_object().unwrap().keys().collect();
    assert_eq!(
        ids,
        ["cylance_admin_v2", "cylance_protect_v2", "ivanti_es_v2"]
    );
    let protect = &all["cylance_protect_v2"];
    let op = &protect["paths"]["/packages/v2/executions"]["post"];
    assert_eq!(op["operationId"], "create_package_execution");
    assert_eq!(op["x-vendorspec-scope"], "opticspkgdeploy:create");
    // Printed output is masked like every output: the examples' URL credentials are ***.
    let text = r.stdout;
    assert!(!text.contains("Sup3r-s3cret"), "a credential was printed");
    assert!(text.contains("sftp://***:***@results.example.com"));
}

#[test]
fn output_writes_the_published_files() {
    let dir = std::env::temp_dir().join(format!("vendorspec-openapi-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = dir.join("nested");
    let r = run(&["openapi", "--output", out.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut written: Vec<&str> = r.stdout.lines().collect();
    written.sort();
    assert_eq!(written.len(), 3, "{}", r.stdout);
    for id in ["cylance_admin_v2", "cylance_protect_v2", "ivanti_es_v2"] {
        let path = out.join(format!("{id}.openapi.json"));
        assert!(written.contains(&path.to_str().unwrap()), "{}", r.stdout);
        // Files are written as they are, credentials in examples included.
        assert_eq!(std::fs::read_to_string(&path).unwrap(), published(id));
    }
    let r = run(&[
        "openapi",
        "cylance_admin_v2",
        "--output",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unknown_api_is_refused_with_the_closest_id() {
    let r = run(&["openapi", "cylance_protect_v3"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(
        r.stderr.contains("unknown API `cylance_protect_v3`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean `cylance_protect_v2`?"),
        "{}",
        r.stderr
    );
}
