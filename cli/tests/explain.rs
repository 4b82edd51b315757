//! `vendorspec validate --explain`: what the server will do with a valid body, value by
//! value, given or default, as the pages document the defaults (presence-dependent ones
//! included), with secrets never shown.

mod common;

use std::io::Write;

use common::vendorspec;
use serde_json::Value;

/// The `effective` list of a body sent on stdin, as (pointer, value, source).
fn effective(endpoint: &str, body: &str) -> Vec<(String, Value, String)> {
    let out = vendorspec()
        .args([
            "validate",
            "--endpoint",
            endpoint,
            "--explain",
            "--format",
            "json",
            "-",
        ])
        .write_stdin(body)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["files"][0]["effective"]
        .as_array()
        .unwrap_or_else(|| panic!("no effective values: {doc}"))
        .iter()
        .map(|e| {
            (
                e["pointer"].as_str().unwrap().to_string(),
                e.get("value").cloned().unwrap_or(Value::Null),
                e["source"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn get<'a>(rows: &'a [(String, Value, String)], pointer: &str) -> (&'a Value, &'a str) {
    let row = rows
        .iter()
        .find(|r| r.0 == pointer)
        .unwrap_or_else(|| panic!("no {pointer} in {rows:?}"));
    (&row.1, &row.2)
}

const OPTIONS: [&str; 8] = [
    "PortScanDiscovery",
    "IcmpDiscovery",
    "ResolveDnsName",
    "ResolveMacAddress",
    "ResolveNetbiosName",
    "SnmpDiscovery",
    "VerifyWithPing",
    "WindowsDiscovery",
];

#[test]
fn absent_discovery_options_are_all_on_and_present_ones_turn_the_unlisted_off() {
    let job = |options: &str| {
        format!(
            r#"{{"value": "{{Name: \"x\", JobType: 1, StartTime: \"2026-01-01T00:00:00Z\", {options} DiscoveryTargets: {{SingleIpTargets: [{{Ip: \"10.0.0.1\"}}]}}}}"}}"#
        )
    };
    let absent = effective("create_job", &job(""));
    for option in OPTIONS {
        let at = format!("/DiscoveryOptions/{option}");
        assert_eq!(get(&absent, &at), (&Value::Bool(true), "default"), "{at}");
    }
    let present = effective(
        "create_job",
        &job("DiscoveryOptions: {IcmpDiscovery: true},"),
    );
    for option in OPTIONS {
        let at = format!("/DiscoveryOptions/{option}");
        let expected = if option == "IcmpDiscovery" {
            (&Value::Bool(true), "given")
        } else {
            (&Value::Bool(false), "default")
        };
        assert_eq!(get(&present, &at), expected, "{at}");
    }
    // A target's own defaults, and what was given as it was given.
    assert_eq!(
        get(&absent, "/DiscoveryTargets/SingleIpTargets/0/Timeout"),
        (&Value::from(3000), "default")
    );
    assert_eq!(get(&absent, "/Name"), (&Value::from("x"), "given"));
}

#[test]
fn an_empty_notify_takes_every_notification_default() {
    let body = r#"{"value": "{CustomPatchListId: 1, GroupIds: [1009], StartTime: \"2023-01-06T11:35:02.007Z\", Notify: {}}"}"#;
    let rows = effective("create_deployment_group", body);
    let notify: Vec<_> = rows
        .iter()
        .filter(|r| r.0.starts_with("/Notify/"))
        .collect();
    assert!(notify.len() >= 3, "{rows:?}");
    assert!(notify.iter().all(|r| r.2 == "default"), "{notify:?}");
}

#[test]
fn secrets_are_never_shown_and_invalid_bodies_are_not_explained() {
    let body = r#"{"value": "{Name: \"x\", JobType: 2, StartTime: \"2026-01-01T00:00:00Z\", Credentials: {Username: \"u\", Password: \"hunter2-explain\"}, DiscoveryTargets: {SingleIpTargets: [{Ip: \"10.0.0.1\"}]}}"}"#;
    let rows = effective("create_job", body);
    assert_eq!(get(&rows, "/Credentials/Password"), (&Value::Null, "given"));
    for format in ["human", "json"] {
        let out = vendorspec()
            .args([
                "validate",
                "--endpoint",
                "create_job",
                "--explain",
                "--format",
                format,
                "-",
            ])
            .write_stdin(body)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("hunter2-explain"), "{text}");
        assert!(text.contains("Credentials/Password"), "{text}");
    }
    let invalid = vendorspec()
        .args([
            "validate",
            "--endpoint",
            "create_job",
            "--explain",
            "--format",
            "json",
            "-",
        ])
        .write_stdin(r#"{"value": "{Name: \"\"}"}"#)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&invalid.stdout).unwrap();
    assert!(doc["files"][0].get("effective").is_none(), "{doc}");
}

#[test]
fn human_output_marks_each_value_and_yaml_payloads_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("job.yaml");
    let mut file = std::fs::File::create(&path).unwrap();
    writeln!(
        file,
        "Name: Sweep\nJobType: 1\nStartTime: '2026-01-01T00:00:00Z'\nDiscoveryTargets:\n  SingleIpTargets:\n    - Ip: 10.0.0.1"
    )
    .unwrap();
    let out = vendorspec()
        .args(["validate", "--endpoint", "create_job", "--explain"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("what `create_job` will do with this request:"),
        "{text}"
    );
    let line = |pointer: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(&format!("{pointer} ")))
            .unwrap_or_else(|| panic!("no {pointer} in {text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    assert_eq!(line("/Name"), ["/Name", "\"Sweep\"", "given"]);
    assert_eq!(
        line("/DiscoveryOptions/SnmpDiscovery"),
        ["/DiscoveryOptions/SnmpDiscovery", "true", "default"]
    );
}
