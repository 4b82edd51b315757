//! `vendorspec validate` without `--endpoint`: the mappings of `vendorspec.toml`; YAML payloads;
//! `sample --wire`.

mod common;

use std::collections::BTreeMap;

use common::{json, root, run, run_in};
use serde_json::Value;

/// (path, endpoint, kind, valid) of every file in a JSON report.
fn verdicts(doc: &Value) -> Vec<(String, String, String, bool)> {
    doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["endpoint"].as_str().unwrap().to_string(),
                f["kind"].as_str().unwrap().to_string(),
                f["valid"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_bundled_config_maps_every_example_to_its_endpoint() {
    let r = run_in(&root().join("examples"), &["validate", "--format", "json"]);
    assert_eq!(
        r.code, 1,
        "some examples are invalid on purpose: {}",
        r.stderr
    );
    assert_eq!(r.stderr, "", "no warning: every mapping matches files");
    let doc = json(&r);
    let v = |path: &str, endpoint: &str, kind: &str, valid: bool| {
        (
            path.to_string(),
            endpoint.to_string(),
            kind.to_string(),
            valid,
        )
    };
    assert_eq!(
        verdicts(&doc),
        [
            v(
                "payloads/create_deployment_group/doc-main-example.json",
                "create_deployment_group",
                "request",
                false
            ),
            v(
                "payloads/create_deployment_group/notify-and-reboot.json",
                "create_deployment_group",
                "request",
                true
            ),
            v(
                "payloads/create_job/full-model.json",
                "create_job",
                "request",
                true
            ),
            v(
                "payloads/create_job/install-credentials.yaml",
                "create_job",
                "request",
                false
            ),
            v(
                "payloads/create_job/install-with-typos.json",
                "create_job",
                "request",
                false
            ),
            v(
                "payloads/create_job/stringified.json",
                "create_job",
                "request",
                true
            ),
            v(
                "payloads/create_package_execution/device-local.json",
                "create_package_execution",
                "request",
                true
            ),
            v(
                "payloads/create_package_execution/devices-and-zones.json",
                "create_package_execution",
                "request",
                false
            ),
            v(
                "payloads/create_package_execution/results-over-http.json",
                "create_package_execution",
                "request",
                false
            ),
            v(
                "payloads/create_package_execution/results-to-s3.json",
                "create_package_execution",
                "request",
                true
            ),
            v(
                "payloads/lockdown_device/network.json",
                "lockdown_device",
                "request",
                true
            ),
            v(
                "payloads/lockdown_device/no-body.json",
                "lockdown_device",
                "request",
                true
            ),
            v(
                "payloads/lockdown_device/too-long.json",
                "lockdown_device",
                "request",
                false
            ),
            v(
                "payloads/provision_tenant/protect-and-optics.json",
                "provision_tenant",
                "request",
                true
            ),
            v(
                "payloads/provision_tenant/ubuntu-without-linux.json",
                "provision_tenant",
                "request",
                false
            ),
            v(
                "responses/create_package_execution/accepted.json",
                "create_package_execution",
                "response",
                true
            ),
            v(
                "responses/lockdown_device/local-time.json",
                "lockdown_device",
                "response",
                false
            ),
            v(
                "responses/lockdown_device/wrapped.json",
                "lockdown_device",
                "response",
                true
            ),
        ]
    );
    // The mapping's parameters are checked once, and reported where they are written.
    let params = &doc["parameters"];
    assert_eq!(params.as_array().unwrap().len(), 1, "{params:#}");
    assert_eq!(params[0]["source"], "vendorspec.toml");
    assert_eq!(params[0]["endpoint"], "lockdown_device");
    assert_eq!(params[0]["valid"], true);
    assert_eq!(
        doc["summary"]["checks"],
        doc["summary"]["files"].as_u64().unwrap() + 1
    );
    // The same from the workspace root with --config: paths relative to where it runs.
    let from_root = json(&run(&[
        "validate",
        "--config",
        "examples/vendorspec.toml",
        "--format",
        "json",
    ]));
    assert_eq!(
        from_root["files"][0]["path"],
        "examples/payloads/create_deployment_group/doc-main-example.json"
    );
    assert_eq!(from_root["summary"], doc["summary"]);
}

#[test]
fn paths_given_with_a_config_are_filtered_through_its_mappings() {
    // What a pre-commit hook does: pass the changed files; unmapped ones are skipped.
    let r = run(&[
        "validate",
        "--config",
        "examples/vendorspec.toml",
        "--format",
        "json",
        "examples/payloads/lockdown_device/too-long.json",
        "README.md",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let doc = json(&r);
    let files: Vec<(String, String, String, bool)> = verdicts(&doc);
    // README.md is no payload of any mapping: a warning says it was not checked.
    assert_eq!(doc["notices"][0]["code"], "uncovered_path", "{doc:#}");
    assert_eq!(doc["notices"][0]["severity"], "warning");
    assert_eq!(doc["notices"][0]["path"], "README.md");
    // The lockdown mapping's parameters go with the lockdown file; no other mapping's do.
    assert_eq!(doc["parameters"].as_array().unwrap().len(), 1);
    assert_eq!(doc["parameters"][0]["source"], "examples/vendorspec.toml");
    assert_eq!(
        files,
        [(
            "examples/payloads/lockdown_device/too-long.json".into(),
            "lockdown_device".into(),
            "request".into(),
            false
        ),]
    );
}

#[test]
fn config_mistakes_are_reported_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "[[validate]]\nendpoint = \"create_jobs\"\npaths = [\"*.json\"]\n",
            "vendorspec.toml:2:12: unknown endpoint `create_jobs`; did you mean `create_job`?",
        ),
        (
            "[validate]\nendpoint = \"create_job\"\npaths = [\"*.json\"]\n",
            "vendorspec.toml:1:1: `validate` must be a list of tables: write each mapping under `[[validate]]`, with two brackets",
        ),
        (
            "[[validate]]\nendpoint = \"create_job\"\npaths = [\"*.json\"]\nrespons = true\n",
            "vendorspec.toml:4:1: unknown field `respons`",
        ),
        (
            "[[validate]]\nendpoint = \"create_job\"\npaths = \"*.json\"\n",
            "vendorspec.toml:3:9: invalid type: string \"*.json\", expected a sequence",
        ),
        (
            "[[validate]]\nendpoint = \"create_job\"\npaths = [\"a/[b\"]\n",
            "vendorspec.toml:3:9: not a valid glob",
        ),
        (
            "[[validate]]\nendpoint = \"delete_package_execution\"\npaths = [\"*.json\"]\n",
            "vendorspec.toml:1:1: `delete_package_execution` has no request body",
        ),
        ("title = 1\n", "vendorspec.toml:1:1: unknown field `title`"),
        ("", "vendorspec.toml: no [[validate]] table"),
    ];
    for (text, expected) in cases {
        std::fs::write(dir.path().join("vendorspec.toml"), text).unwrap();
        let r = run_in(dir.path(), &["validate"]);
        assert_eq!(r.code, 2, "{text}: {}{}", r.stdout, r.stderr);
        assert!(
            r.stderr.starts_with(&format!("error: {expected}")),
            "{text}\nexpected: {expected}\nfound: {}",
            r.stderr
        );
    }
    std::fs::remove_file(dir.path().join("vendorspec.toml")).unwrap();
    let r = run_in(dir.path(), &["validate"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "no --endpoint, and no vendorspec.toml in this folder or any folder above it"
        ),
        "{}",
        r.stderr
    );
    let r = run_in(dir.path(), &["validate", "--config", "nothere.toml"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr, "error: nothere.toml: not found\n");
}

#[test]
fn mapping_options_apply_per_mapping_and_unmatched_mappings_warn() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("responses")).unwrap();
    std::fs::write(
        dir.path().join("responses/extra.json"),
        r#"{"id": "45E07F34E76B4A9EB167D6D0C510D6BA", "vendor_added": 1}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("vendorspec.toml"),
        r#"
[[validate]]
endpoint = "lockdown_device"
response = true
deny_warnings = true
paths = ["responses/*.json"]

[[validate]]
endpoint = "lockdown_device"
status = 200
paths = ["responses/*.json"]

[[validate]]
endpoint = "create_job"
paths = ["jobs/**/*.json"]
"#,
    )
    .unwrap();
    // A mapping that matches no file fails the run (exit 2), at its `paths`...
    let r = run_in(dir.path(), &["validate", "--format", "json"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let notice = &json(&r)["notices"][0];
    assert_eq!(notice["code"], "unmatched_mapping");
    assert_eq!(notice["severity"], "error");
    assert_eq!(
        (
            notice["path"].clone(),
            notice["line"].clone(),
            notice["column"].clone()
        ),
        ("vendorspec.toml".into(), 15.into(), 9.into())
    );
    // ...unless it says that no file is expected yet.
    let text = std::fs::read_to_string(dir.path().join("vendorspec.toml")).unwrap();
    std::fs::write(
        dir.path().join("vendorspec.toml"),
        text.replace(
            "paths = [\"jobs/**/*.json\"]",
            "paths = [\"jobs/**/*.json\"]\nallow_empty = true",
        ),
    )
    .unwrap();
    let r = run_in(dir.path(), &["validate", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let doc = json(&r);
    assert_eq!(doc["notices"], serde_json::json!([]));
    // The same file under two mappings: the unknown member is a warning, which only the
    // mapping with deny_warnings turns into invalid.
    let valid: Vec<bool> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["valid"].as_bool().unwrap())
        .collect();
    assert_eq!(valid.len(), 2, "{doc:#}");
    assert_eq!(valid.iter().filter(|v| **v).count(), 1, "{doc:#}");
    for f in doc["files"].as_array().unwrap() {
        assert_eq!(f["diagnostics"][0]["rule"], "unknown_field");
        assert_eq!(f["diagnostics"][0]["severity"], "warning");
    }
}

/// (rule, pointer, line, column) of an expected finding.
type Expected = (&'static str, &'static str, u64, u64);

#[test]
fn yaml_payloads_are_checked_with_their_lines_and_columns() {
    let r = run(&[
        "validate",
        "--endpoint",
        "create_job",
        "--format",
        "json",
        "examples/payloads/create_job/install-credentials.yaml",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let d = &json(&r)["files"][0]["diagnostics"];
    assert_eq!(d.as_array().unwrap().len(), 1, "{d:#}");
    assert_eq!(d[0]["rule"], "min_length");
    assert_eq!(d[0]["pointer"], "/Credentials/Username");
    assert_eq!(
        (d[0]["line"].clone(), d[0]["column"].clone()),
        (6.into(), 25.into())
    );

    let dir = tempfile::tempdir().unwrap();
    let cases: BTreeMap<&str, (&str, Vec<Expected>)> = BTreeMap::from([
        (
            "missing.yml",
            (
                "Name: x\nJobType: 1\nDiscoveryTargets:\n  SingleIpTargets:\n    - Ip: 10.0.0.300\n",
                vec![
                    ("required", "/StartTime", 1, 1),
                    ("format", "/DiscoveryTargets/SingleIpTargets/0/Ip", 5, 11),
                ],
            ),
        ),
        (
            "typo.yaml",
            (
                "Name: x\nJobType: 1\nStartTime: '2022-03-03T11:30:00Z'\nDiscoveryTarget: {}\n",
                // A misspelt required member is one finding, not two.
                vec![("unknown_field", "/DiscoveryTarget", 4, 1)],
            ),
        ),
        ("broken.yaml", ("Name: [x\n", vec![("syntax", "", 1, 7)])),
        (
            "twice.yaml",
            ("Name: x\nName: y\n", vec![("duplicate_key", "", 2, 1)]),
        ),
    ]);
    for (name, (text, expected)) in &cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let r = run(&[
            "validate",
            "--endpoint",
            "create_job",
            "--format",
            "json",
            path.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        let found: Vec<(String, String, u64, u64)> = json(&r)["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["pointer"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                )
            })
            .filter(|f| expected.iter().any(|e| e.0 == f.0))
            .collect();
        let expected: Vec<(String, String, u64, u64)> = expected
            .iter()
            .map(|(r, p, l, c)| (r.to_string(), p.to_string(), *l, *c))
            .collect();
        assert_eq!(found, expected, "{name}");
    }
}

#[test]
fn wire_samples_are_what_goes_over_http() {
    for (endpoint, enveloped) in [("create_job", true), ("lockdown_device", false)] {
        let canonical = run(&["sample", endpoint, "--seed", "3", "--count", "20"]);
        let wire = run(&["sample", endpoint, "--seed", "3", "--count", "20", "--wire"]);
        assert_eq!((canonical.code, wire.code), (0, 0), "{}", wire.stderr);
        let canonical: Vec<Value> = canonical
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let wire: Vec<Value> = wire
            .stdout
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(wire.len(), 20);
        for (plain, sent) in canonical.iter().zip(&wire) {
            if enveloped {
                let inner = sent["value"].as_str().expect("{\"value\": \"...\"}");
                assert_eq!(sent.as_object().unwrap().len(), 1);
                assert_eq!(&serde_json::from_str::<Value>(inner).unwrap(), plain);
            } else {
                assert_eq!(sent, plain);
            }
        }
    }
    // Wire payloads validate as they are (the envelope is unwrapped).
    let dir = tempfile::tempdir().unwrap();
    let wire = run(&["sample", "create_job", "--count", "30", "--wire"]);
    for (i, line) in wire.stdout.lines().enumerate() {
        std::fs::write(dir.path().join(format!("{i}.json")), line).unwrap();
    }
    let r = run(&[
        "validate",
        "--endpoint",
        "create_job",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let summary = r.stdout.lines().last().unwrap();
    assert!(summary.starts_with("30 files: 30 valid"), "{}", r.stdout);
}
