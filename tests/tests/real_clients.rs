//! The seeds README's "More facts from real clients", one test each, written from the
//! README rather than from the spec: what real clients sent and real servers answered must
//! pass the generated validators, and what the README calls a client's bug must not.
//!
//! Each fact is also shown by an example in `spec/` whose source names the README; the
//! last test checks that those examples are there for every endpoint the facts are about.

use vendorspec::runtime::endpoint::{BodyKind, EndpointDesc};
use vendorspec::runtime::redact::redact;

fn endpoint(id: &str) -> &'static EndpointDesc {
    vendorspec::endpoint(id).unwrap_or_else(|| panic!("no endpoint {id}"))
}

/// (rule, pointer) of every finding of a body.
fn findings(id: &str, kind: BodyKind, body: &str) -> Vec<(String, String)> {
    endpoint(id)
        .validate(kind, body.as_bytes())
        .unwrap_or_else(|e| panic!("{id}: {e}"))
        .into_sorted()
        .into_iter()
        .map(|f| (f.rule.as_str().to_string(), f.pointer))
        .collect()
}

fn assert_valid(id: &str, kind: BodyKind, body: &str) {
    let got = findings(id, kind, body);
    assert!(
        got.is_empty(),
        "{id} {kind:?} should accept {body}: {got:?}"
    );
}

fn execution(destination: &str, arguments: &str) -> String {
    format!(
        r#"{{"execution": {{"name": "triage", "target": {{"devices": ["E378DACB9324453AB8C65A8406952195"], "zones": []}}, "destination": "{destination}", "packageExecutions": [{{"arguments": {arguments}, "package": "61d8944e-d900-4724-87eb-d10078b90a41"}}], "keepResultsLocally": true}}}}"#
    )
}

/// "the server accepts https URLs besides FTP, SFTP and SAMBA ones"; FTP and SFTP URLs carry
/// `user:password@`; "the credentials in any URL must never appear in any output".
#[test]
fn destinations_real_servers_accept() {
    for destination in [
        "https://ACCESS_KEY:SECRET_KEY@bucket.s3.amazonaws.com/folder",
        "ftp://user:password@files.example.com/optics",
        "sftp://user:password@files.example.com/optics",
        "smb://files.example.com/share",
    ] {
        assert_valid(
            "create_package_execution",
            BodyKind::Request,
            &execution(destination, "[]"),
        );
    }
    // A scheme no page or client shows is still an error, and its message masks the
    // credentials.
    let bad = execution(
        "http://ACCESS_KEY:SECRET_KEY@bucket.s3.amazonaws.com/x",
        "[]",
    );
    let report = endpoint("create_package_execution")
        .validate(BodyKind::Request, bad.as_bytes())
        .unwrap()
        .into_sorted();
    assert_eq!(report.len(), 1);
    assert_eq!(
        (report[0].rule.as_str(), report[0].pointer.as_str()),
        ("format", "/execution/destination")
    );
    assert!(
        !report[0].message.contains("SECRET_KEY"),
        "{}",
        report[0].message
    );
    assert!(
        report[0].message.contains("http://***:***@bucket"),
        "{}",
        report[0].message
    );
    assert_eq!(redact(&report[0].message), report[0].message);
}

/// "Clients often send arguments as separate items (`["-browser", "ALL"]`), sometimes
/// base64-encoded."
#[test]
fn arguments_as_real_clients_send_them() {
    for arguments in [r#"["-browser", "ALL"]"#, r#"["LWJyb3dzZXIgQUxM"]"#] {
        assert_valid(
            "create_package_execution",
            BodyKind::Request,
            &execution("", arguments),
        );
    }
}

const RESOURCE: &str = r#"{"id": "abebf88c-f283-4edc-834b-aa8ad3bc682c", "createdAt": "2023-01-06T11:35:02.007Z", "packageExecutions": [{"arguments": [], "package": "https://content-apse2.cylance.com/6F1C2B3A4D5E6F708192A3B4C5D6E7F8"}]}"#;

/// "the older guide answers create with 202 Accepted" and "documents delete as 204 No
/// Content while still showing the resource as the body"; "Response `package` is a download
/// URL".
#[test]
fn statuses_of_the_older_guide() {
    for status in [200, 201, 202] {
        assert_valid(
            "create_package_execution",
            BodyKind::Response(Some(status)),
            RESOURCE,
        );
    }
    assert_valid(
        "delete_package_execution",
        BodyKind::Response(Some(200)),
        RESOURCE,
    );
    assert_valid(
        "delete_package_execution",
        BodyKind::Response(Some(204)),
        RESOURCE,
    );
    // A 204 as HTTP sends it: no body at all.
    assert_valid(
        "delete_package_execution",
        BodyKind::Response(Some(204)),
        "",
    );
    // Where a body is documented as required, an empty one is one clear finding.
    assert_eq!(
        findings(
            "delete_package_execution",
            BodyKind::Response(Some(200)),
            " \n"
        ),
        [("required".to_string(), String::new())]
    );
}

/// "`createdAt` is `YYYY-MM-DDTHH:MM:SS.fffZ`; lockdown times end in `Z`; other v2
/// resources of the same API return times with no offset at all (`2020-05-29T10:12:45`),
/// and public clients parse both forms."
#[test]
fn response_times_with_and_without_an_offset() {
    for time in [
        "2023-01-06T11:35:02.007Z",
        "2020-05-29T10:12:45",
        "2020-05-29T10:12:45.5",
        "2026-11-22T18:30:00Z",
    ] {
        let body = format!(r#"{{"createdAt": "{time}"}}"#);
        assert_valid("create_package_execution", BodyKind::Response(None), &body);
        let body = format!(r#"{{"lockdown_initiated": "{time}"}}"#);
        assert_valid("lockdown_device", BodyKind::Response(None), &body);
    }
    // Neither form: a space for the T.
    assert_eq!(
        findings(
            "create_package_execution",
            BodyKind::Response(None),
            r#"{"createdAt": "2020-05-29 10:12:45"}"#
        ),
        [("format".to_string(), "/createdAt".to_string())]
    );
}

/// "three integrations and the vendor's own Postman collection send the `PUT` with no body
/// at all; the vendor's sample app sends `{}`. No client seen sends `lockdown_config_id`,
/// `lockdown_type` or `parameters`."
#[test]
fn lockdown_with_no_body_or_an_empty_one() {
    for body in ["", "\n", "{}"] {
        assert_valid("lockdown_device", BodyKind::Request, body);
    }
}

/// "`expires` is omitted, percent-encoded, or built by a picker that can produce
/// out-of-range values such as `0:00:00` or `3:23:59` (those are the client's bugs)."
#[test]
fn lockdown_expires_as_clients_send_it() {
    let lockdown = endpoint("lockdown_device");
    let device = ("device_id", "45E07F34E76B4A9EB167D6D0C510D6BA");
    assert!(
        lockdown
            .check_params(&[device, ("value", "true")])
            .is_empty()
    );
    assert!(
        lockdown
            .check_params(&[device, ("expires", "0%3A00%3A05")])
            .is_empty()
    );
    for (expires, rule) in [("0:00:00", "minimum"), ("3:23:59", "maximum")] {
        let got: Vec<(String, String)> = lockdown
            .check_params(&[device, ("expires", expires)])
            .into_iter()
            .map(|f| (f.rule.as_str().to_string(), f.pointer))
            .collect();
        assert_eq!(
            got,
            [(rule.to_string(), "/expires".to_string())],
            "{expires}"
        );
    }
}

/// "The vendor's SDK sends the lockdown as `GET`, which is a bug: the method matters as
/// much as the body."
#[test]
fn lockdown_is_a_put() {
    assert_eq!(endpoint("lockdown_device").method, "PUT");
}

/// "wrapped `{"status": "COMPLETE", "data": {...}}` at 200 in one integration's recorded
/// fixture, read as `data` at 201 by another, flat at 201 in the older guide. `tenant_id`
/// comes as 32 lower-case hex digits without hyphens; `connection_status` values seen are
/// `locked` and `connected`; `lockdown_history` may be absent."
#[test]
fn lockdown_replies_as_real_servers_send_them() {
    let device = r#"{"id": "45E07F34E76B4A9EB167D6D0C510D6BA", "tenant_id": "c2b6ad5c7d0a4a2b9d6f1f2e3d4c5b6a", "connection_status": "locked", "lockdown_expiration": "2026-11-22T18:35:00Z"}"#;
    let wrapped = format!(r#"{{"status": "COMPLETE", "data": {device}}}"#);
    assert_valid("lockdown_device", BodyKind::Response(Some(200)), &wrapped);
    assert_valid("lockdown_device", BodyKind::Response(Some(201)), &wrapped);
    assert_valid("lockdown_device", BodyKind::Response(Some(201)), device);
    let connected = device.replace("locked", "connected");
    assert_valid("lockdown_device", BodyKind::Response(Some(201)), &connected);
}

/// Every endpoint the README's facts are about has examples that name the README as their
/// source, valid ones and (where the README names a client's bug) invalid ones.
#[test]
fn the_facts_are_shown_by_spec_examples() {
    let spec = vendorspec_model::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec"))
        .unwrap_or_else(|e| panic!("{e}"));
    let from_readme = |id: &str| -> (usize, usize) {
        let (_, e) = spec.endpoints().find(|(_, e)| e.id == id).unwrap();
        let examples: Vec<_> = e
            .request
            .iter()
            .flat_map(|r| &r.examples)
            .chain(e.responses.iter().flat_map(|r| &r.examples))
            .filter(|x| {
                x.source
                    .starts_with("seeds README \"More facts from real clients\"")
            })
            .collect();
        (
            examples.iter().filter(|x| x.valid).count(),
            examples.iter().filter(|x| !x.valid).count(),
        )
    };
    let (valid, _) = from_readme("create_package_execution");
    assert!(valid >= 4, "create_package_execution: {valid}");
    let (valid, _) = from_readme("delete_package_execution");
    assert!(valid >= 1, "delete_package_execution: {valid}");
    let (valid, invalid) = from_readme("lockdown_device");
    assert!(
        valid >= 6 && invalid >= 2,
        "lockdown_device: {valid} {invalid}"
    );
    // The 202 and 204 statuses are documented responses with their own descriptions.
    let (_, create) = spec
        .endpoints()
        .find(|(_, e)| e.id == "create_package_execution")
        .unwrap();
    assert!(
        create
            .responses
            .iter()
            .any(|r| r.status == [202] && r.description.contains("202 Accepted"))
    );
}
