//! The published OpenAPI 3.1 documents in `generated/openapi/` are exactly what the code
//! produces now (`vendorspec_runtime::openapi`), one per API, and every operation, parameter
//! and example in them is what the registry says.
//!
//! Refresh them with: `VENDORSPEC_BLESS=1 cargo test -p vendorspec --test published_openapi`.
//! `tests/tests/openapi_tools.rs` checks them with openapi-spec-validator, Redocly CLI and a
//! Prism mock server.

#[path = "common/published.rs"]
mod published;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use vendorspec::runtime::openapi;

const REFRESH: &str = "VENDORSPEC_BLESS=1 cargo test -p vendorspec --test published_openapi";

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("openapi")
}

/// File name → content, as the code produces them now.
fn produced() -> BTreeMap<String, String> {
    openapi::apis(vendorspec::ENDPOINTS)
        .into_iter()
        .map(|api| {
            let doc = openapi::document(api, vendorspec::ENDPOINTS);
            let mut text = serde_json::to_string_pretty(&doc).expect("a JSON value serializes");
            text.push('\n');
            (format!("{}.openapi.json", api.id), text)
        })
        .collect()
}

#[test]
fn published_openapi_documents_are_up_to_date() {
    published::check_published(
        &dir(),
        &produced(),
        "the published OpenAPI documents",
        "openapi",
        REFRESH,
    );
}

/// One document per API; every endpoint is an operation with its id, method and path, and
/// its scope as the security requirement's role and `x-vendorspec-scope`.
#[test]
fn every_endpoint_is_an_operation() {
    let produced = produced();
    assert_eq!(produced.len(), 3, "{:?}", produced.keys());
    for e in vendorspec::ENDPOINTS {
        let doc: serde_json::Value =
            serde_json::from_str(&produced[&format!("{}.openapi.json", e.api.id)]).unwrap();
        assert_eq!(doc["openapi"], "3.1.0");
        let op = &doc["paths"][e.path][e.method.to_ascii_lowercase()];
        assert_eq!(op["operationId"], e.id, "{}", e.id);
        match e.scope {
            Some(scope) => {
                assert_eq!(op["x-vendorspec-scope"], scope);
                assert_eq!(op["security"], serde_json::json!([{ "bearer": [scope] }]));
            }
            None => assert!(op.get("security").is_none()),
        }
        // Every documented status is a response.
        for r in e.responses {
            for status in r.status {
                let response = &op["responses"][status.to_string()];
                assert!(response.is_object(), "{} {status}", e.id);
                assert_eq!(
                    response["content"]["application/json"].is_object(),
                    r.body.is_some(),
                    "{} {status}",
                    e.id
                );
            }
        }
        assert_eq!(
            op["requestBody"].is_object(),
            e.request.is_some(),
            "{}",
            e.id
        );
    }
}

/// Each parameter's example passes the endpoint's own parameter check, and every body
/// example validates as the endpoint's body (after the envelope, where the API has one).
#[test]
fn examples_are_valid() {
    use vendorspec::runtime::endpoint::BodyKind;
    let produced = produced();
    for e in vendorspec::ENDPOINTS {
        let doc: serde_json::Value =
            serde_json::from_str(&produced[&format!("{}.openapi.json", e.api.id)]).unwrap();
        let op = &doc["paths"][e.path][e.method.to_ascii_lowercase()];
        let mut values = Vec::new();
        for p in op["parameters"].as_array().into_iter().flatten() {
            let text = match &p["example"] {
                serde_json::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            values.push((p["name"].as_str().unwrap().to_string(), text));
        }
        for (name, v) in doc["servers"][0]["variables"]
            .as_object()
            .into_iter()
            .flatten()
        {
            values.push((name.clone(), v["default"].as_str().unwrap().to_string()));
        }
        let pairs: Vec<(&str, &str)> = values
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        let findings = e.check_params(&pairs);
        assert!(findings.is_empty(), "{}: {findings:?}", e.id);
        e.url(&pairs)
            .unwrap_or_else(|err| panic!("{}: {err}", e.id));

        let request = op["requestBody"]["content"]["application/json"]["examples"].as_object();
        for (name, example) in request.into_iter().flatten() {
            let text = example["value"].to_string();
            let report = e.validate(BodyKind::Request, text.as_bytes()).unwrap();
            assert!(!report.has_errors(), "{} request {name}: {report:?}", e.id);
        }
        for (status, response) in op["responses"].as_object().unwrap() {
            let examples = response["content"]["application/json"]["examples"].as_object();
            for (name, example) in examples.into_iter().flatten() {
                let text = example["value"].to_string();
                let status: u16 = status.parse().unwrap();
                let report = e
                    .validate(BodyKind::Response(Some(status)), text.as_bytes())
                    .unwrap();
                assert!(!report.has_errors(), "{} {status} {name}: {report:?}", e.id);
            }
        }
    }
}
