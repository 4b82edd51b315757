//! End-to-end tests of the `vendorspec` binary.

mod common;

use std::collections::BTreeMap;

use common::{json, run};
use serde_json::Value;

/// The endpoints that have a request body.
const REQUEST_ENDPOINTS: [&str; 5] = [
    "create_package_execution",
    "lockdown_device",
    "provision_tenant",
    "create_job",
    "create_deployment_group",
];

#[test]
fn endpoints_lists_six_aligned_lines() {
    let r = run(&["endpoints"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{}", r.stdout);
    let ids: Vec<&str> = lines
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    for id in REQUEST_ENDPOINTS
        .iter()
        .chain(&["delete_package_execution"])
    {
        assert!(ids.contains(id), "{id} missing from {ids:?}");
    }
    // Aligned: the method and the path start in the same column on every line.
    let path_columns: Vec<usize> = lines.iter().map(|l| l.find('/').unwrap()).collect();
    assert!(
        path_columns.windows(2).all(|w| w[0] == w[1]),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("create_job                POST    /api/v2/Jobs\n")
    );
    assert!(r.stdout.contains("DELETE"));
}

#[test]
fn validate_create_job_folder_human() {
    let r = run(&[
        "validate",
        "--endpoint",
        "create_job",
        "examples/payloads/create_job/",
    ]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    // rustc-style frames: the message, the location, the line, a caret under the column
    // with the pointer, and the hint. Long lines are cut around the column.
    let range_order = "\
error[range_order]: `StartIp` ('10.0.0.200') comes after `EndIp` ('10.0.0.100')
 --> examples/payloads/create_job/install-with-typos.json:8:22
  |
8 |     RangeIpTargets: [{StartIp: '10.0.0.200', EndIp: '10.0.0.100', Timeo…
  |                      ^ /DiscoveryTargets/RangeIpTargets/0
  = help: swap `StartIp` and `EndIp`
";
    assert!(r.stdout.contains(range_order), "{}", r.stdout);
    let unknown = "\
error[unknown_field]: unknown member `ComputerNameTarget` in DiscoveryTargets
 --> examples/payloads/create_job/install-with-typos.json:9:5
  |
9 |     ComputerNameTarget: [{ComputerName: 'lab-01'}],
  |     ^ /DiscoveryTargets/ComputerNameTarget
  = help: did you mean `ComputerNameTargets`?
";
    assert!(r.stdout.contains(unknown), "{}", r.stdout);
    assert!(
        !r.stdout.contains('\x1b'),
        "no colour when piped:\n{}",
        r.stdout
    );
    let summary = r.stdout.lines().last().unwrap();
    assert!(
        summary.starts_with("4 files: 2 valid, 2 invalid;"),
        "{summary}"
    );
}

#[test]
fn validate_create_job_folder_json() {
    // The fields in the documented order (serde_json's Value would sort them).
    let raw = run(&[
        "validate",
        "--endpoint",
        "create_job",
        "--format",
        "json",
        "examples/payloads/create_job/install-with-typos.json",
    ])
    .stdout;
    let order = [
        "\"files\"",
        "\"path\"",
        "\"endpoint\"",
        "\"kind\"",
        "\"valid\"",
        "\"diagnostics\"",
        "\"severity\"",
        "\"rule\"",
        "\"pointer\"",
        "\"line\"",
        "\"column\"",
        "\"message\"",
        "\"summary\"",
        "\"files\"",
        "\"valid\"",
        "\"invalid\"",
        "\"errors\"",
        "\"warnings\"",
    ];
    let mut at = 0;
    for key in order {
        at += raw[at..]
            .find(key)
            .unwrap_or_else(|| panic!("{key} out of order in {raw}"));
    }
    let r = run(&[
        "validate",
        "--endpoint",
        "create_job",
        "--format",
        "json",
        "examples/payloads/create_job",
    ]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let doc = json(&r);
    let keys: Vec<&String> = doc.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["files", "notices", "parameters", "summary"]);
    let files = doc["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "examples/payloads/create_job/full-model.json",
            "examples/payloads/create_job/install-credentials.yaml",
            "examples/payloads/create_job/install-with-typos.json",
            "examples/payloads/create_job/stringified.json",
        ]
    );
    for f in files {
        let keys: Vec<&String> = f.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 5);
        assert_eq!(f["endpoint"], "create_job");
        assert_eq!(f["kind"], "request");
    }
    assert_eq!(files[0]["valid"], true);
    assert_eq!(files[1]["valid"], false);
    assert_eq!(files[2]["valid"], false);
    assert_eq!(files[3]["valid"], true);
    let diagnostics = files[2]["diagnostics"].as_array().unwrap();
    let range = diagnostics
        .iter()
        .find(|d| d["rule"] == "range_order")
        .expect("a range_order finding");
    assert_eq!(range["severity"], "error");
    assert_eq!(range["pointer"], "/DiscoveryTargets/RangeIpTargets/0");
    assert_eq!(
        (range["line"].as_u64(), range["column"].as_u64()),
        (Some(8), Some(22))
    );
    assert_eq!(range["help"], "swap `StartIp` and `EndIp`");
    let unknown = diagnostics
        .iter()
        .find(|d| d["rule"] == "unknown_field")
        .expect("an unknown_field finding");
    assert_eq!(unknown["pointer"], "/DiscoveryTargets/ComputerNameTarget");
    assert_eq!(
        (unknown["line"].as_u64(), unknown["column"].as_u64()),
        (Some(9), Some(5))
    );
    for d in diagnostics {
        let mut keys: Vec<&String> = d.as_object().unwrap().keys().collect();
        keys.sort();
        keys.retain(|k| *k != "help");
        assert_eq!(
            keys,
            ["column", "line", "message", "pointer", "rule", "severity"]
        );
    }
    // Sorted by position.
    let positions: Vec<(u64, u64)> = diagnostics
        .iter()
        .map(|d| (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap()))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] <= w[1]), "{positions:?}");
    let summary = &doc["summary"];
    assert_eq!(summary["files"], 4);
    assert_eq!(summary["valid"], 2);
    assert_eq!(summary["invalid"], 2);
    assert_eq!(
        summary["errors"].as_u64(),
        Some(
            diagnostics
                .iter()
                .filter(|d| d["severity"] == "error")
                .count() as u64
                + 1 // install-credentials.yaml's one error
        )
    );
}

#[test]
fn validate_every_bundled_folder() {
    for (endpoint, invalid) in [
        (
            "create_package_execution",
            vec!["devices-and-zones.json", "results-over-http.json"],
        ),
        ("lockdown_device", vec!["too-long.json"]),
        ("provision_tenant", vec!["ubuntu-without-linux.json"]),
        (
            "create_job",
            vec!["install-with-typos.json", "install-credentials.yaml"],
        ),
        ("create_deployment_group", vec!["doc-main-example.json"]),
    ] {
        let dir = format!("examples/payloads/{endpoint}");
        let r = run(&["validate", "--endpoint", endpoint, "--format", "json", &dir]);
        let doc = json(&r);
        let expected_code = if invalid.is_empty() { 0 } else { 1 };
        assert_eq!(r.code, expected_code, "{endpoint}: {}", r.stdout);
        for f in doc["files"].as_array().unwrap() {
            let name = f["path"].as_str().unwrap().rsplit('/').next().unwrap();
            assert_eq!(
                f["valid"].as_bool(),
                Some(!invalid.contains(&name)),
                "{endpoint}/{name}: {f}"
            );
        }
    }
}

#[test]
fn valid_files_print_only_the_summary() {
    let r = run(&[
        "validate",
        "--endpoint",
        "create_job",
        "examples/payloads/create_job/stringified.json",
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout,
        "1 file: 1 valid, 0 invalid; 0 errors, 0 warnings\n"
    );
}

/// Every output format, for the secrets and the format tests.
const FORMATS: [&str; 5] = ["human", "json", "github", "sarif", "junit"];

#[test]
fn secrets_never_appear() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    // Each file has an error on the password's own line, so its code frame quotes it.
    let jobs = [
        write(
            "job.json",
            r#"{
Name: "Job",
JobType: "one",
StartTime: "2022-03-03T11:30:00.000Z",
Credentials: { Username: "admin", Password: "hunter2-secret", Extra: 1 },
DiscoveryTargets: { SingleIpTargets: [{ Ip: "192.168.0.300" }] },
}"#,
        ),
        write(
            "job-array-password.json",
            r#"{"Name": "Job", "JobType": 1, "StartTime": "2022-03-03T11:30:00.000Z",
"Credentials": {"Username": "admin", "Password": ["hunter2-secret"], "Password": "hunter2-secret"},
"DiscoveryTargets": {"SingleIpTargets": [{"Ip": "10.0.0.1"}]}}"#,
        ),
        // A syntax error right after the password: no tree, the mask is lexical.
        write(
            "job-syntax.json",
            r#"{"Name": "Job", "Credentials": {"Username": "admin", "Password": "hunter2-secret",, }}"#,
        ),
        // An escaped spelling of the name, and a bare number as the value.
        write(
            "job-escaped.json",
            r#"{"Name": "", "Credentials": {"Username": "", "Pass\u0077ord": "hunter2-secret"}, "x": {"password": 4242hunter2}}"#,
        ),
        // The Ivanti envelope: the body is a string holding the document.
        write(
            "job-enveloped.json",
            r#"{"value": "{\"Name\": \"\", \"Credentials\": {\"Username\": \"\", \"Password\": \"hunter2-secret\"}, \"JobType\": 9}"}"#,
        ),
        write(
            "job.yaml",
            "Name: ''\nCredentials: {Username: '', Password: hunter2-secret}\nJobType: 9\n",
        ),
    ];
    let responses = [write(
        "lockdown-response.json",
        r#"{"id": "45E07F34E76B4A9EB167D6D0C510D6BA", "hostname": 42, "password": "hunter2-secret", "lockdown_expiration": "not a date", "surprise": true}"#,
    )];
    for format in FORMATS {
        let mut job_args = vec!["validate", "--endpoint", "create_job", "--format", format];
        job_args.extend(jobs.iter().map(String::as_str));
        let mut response_args = vec![
            "validate",
            "--endpoint",
            "lockdown_device",
            "--response",
            "--format",
            format,
        ];
        response_args.extend(responses.iter().map(String::as_str));
        for r in [run(&job_args), run(&response_args)] {
            assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
            assert!(
                !r.stdout.contains("hunter2") && !r.stderr.contains("hunter2"),
                "a secret leaked in {format}:\n{}{}",
                r.stdout,
                r.stderr
            );
            if matches!(format, "human" | "sarif" | "junit") {
                assert!(
                    r.stdout.contains("***"),
                    "{format} quotes lines, with secrets masked:\n{}",
                    r.stdout
                );
            }
        }
    }
}

#[test]
fn unknown_endpoint_is_a_usage_error_with_a_hint() {
    let r = run(&[
        "validate",
        "--endpoint",
        "create_jobs",
        "examples/payloads/create_job",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown endpoint `create_jobs`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean `create_job`?"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
    for args in [
        &["schema", "lockdwn_device"][..],
        &["sample", "provision_tenat"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("did you mean"), "{}", r.stderr);
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["validate", "examples/payloads/create_job"][..],
        &["validate", "--endpoint", "create_job"],
        &[
            "validate",
            "--endpoint",
            "create_job",
            "--format",
            "xml",
            "x.json",
        ],
        &[
            "validate",
            "--endpoint",
            "create_job",
            "--param",
            "novalue",
            "x.json",
        ],
        &["sample", "create_job", "--count", "many"],
        &["frobnicate"],
        // No such body.
        &[
            "validate",
            "--endpoint",
            "delete_package_execution",
            "examples/payloads/create_job",
        ],
        &[
            "validate",
            "--endpoint",
            "provision_tenant",
            "--response",
            "examples/payloads/create_job",
        ],
        &["schema", "delete_package_execution"],
        &["sample", "delete_package_execution"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {}{}", r.stdout, r.stderr);
    }
}

#[test]
fn unreadable_paths_are_reported_and_the_rest_still_checked() {
    for format in ["human", "json"] {
        let r = run(&[
            "validate",
            "--endpoint",
            "create_job",
            "--format",
            format,
            "examples/payloads/no-such-folder",
            "examples/payloads/create_job/install-with-typos.json",
            "examples/payloads/create_job/full-model.json",
        ]);
        assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
        // Human output lists the unreadable path among the diagnostics, before the summary;
        // the JSON document keeps to its shape and stderr says it.
        let (said, summary_at) = if format == "json" {
            (&r.stderr, usize::MAX)
        } else {
            (&r.stdout, r.stdout.find("2 files").expect("a summary"))
        };
        let at = said
            .find("examples/payloads/no-such-folder: cannot read")
            .or_else(|| said.find("examples/payloads/no-such-folder: error: cannot read"))
            .unwrap_or_else(|| panic!("{said}"));
        assert!(at < summary_at, "before the summary: {said}");
        assert!(r.stdout.contains("install-with-typos.json"), "{}", r.stdout);
        if format == "json" {
            let doc = json(&r);
            assert_eq!(doc["summary"]["files"], 2);
            assert_eq!(doc["summary"]["invalid"], 1);
        } else {
            assert!(r.stdout.contains("[range_order]"));
            assert!(r.stdout.contains("1 unreadable"));
        }
    }
}

#[test]
fn a_200_mb_file_is_refused_unread_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(200 * 1024 * 1024).unwrap(); // sparse: no disk used, and never read
    let small = dir.path().join("small.json");
    std::fs::write(&small, r#"{"lockdown_type": "Lockdown"}"#).unwrap();
    let r = run(&[
        "validate",
        "--endpoint",
        "lockdown_device",
        big.to_str().unwrap(),
        small.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(&format!(
            "error: {}: refused: the file is 200 MiB (209715200 bytes), more than the 64 MiB a payload may be",
            big.display()
        )),
        "{}",
        r.stdout
    );
    // The other file is still checked; the summary comes last.
    assert!(
        r.stdout
            .ends_with("1 file: 1 valid, 0 invalid, 1 unreadable; 0 errors, 0 warnings\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn folders_honour_gitignore_and_take_json_only() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("nested");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(
        sub.join("ok.json"),
        r#"{"lockdown_config_id": 1, "lockdown_type": "Lockdown", "parameters": {"Network": {}}}"#,
    )
    .unwrap();
    std::fs::write(sub.join("notes.txt"), "not json").unwrap();
    std::fs::write(dir.path().join("ignored.json"), "{ broken").unwrap();
    std::fs::write(dir.path().join(".gitignore"), "ignored.json\n").unwrap();
    let r = run(&[
        "validate",
        "--endpoint",
        "lockdown_device",
        "--format",
        "json",
        dir.path().to_str().unwrap(),
    ]);
    let doc = json(&r);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 1, "{doc}");
    assert!(files[0]["path"].as_str().unwrap().ends_with("ok.json"));
    // An explicit file is always taken, whatever its name.
    let r = run(&[
        "validate",
        "--endpoint",
        "lockdown_device",
        sub.join("notes.txt").to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("error[syntax]"), "{}", r.stdout);
}

#[test]
fn syntax_errors_make_a_file_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.json");
    std::fs::write(&file, "{\"lockdown_config_id\": ").unwrap();
    let r = run(&[
        "validate",
        "--endpoint",
        "lockdown_device",
        "--format",
        "json",
        file.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    let doc = json(&r);
    assert_eq!(doc["files"][0]["diagnostics"][0]["rule"], "syntax");
}

#[test]
fn params_are_reported_apart_from_the_files() {
    let body = "examples/payloads/lockdown_device/network.json";
    let r = run(&[
        "validate",
        "--endpoint",
        "lockdown_device",
        "--param",
        "value=true",
        "--param",
        "expires=0:00:05",
        body,
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let r = run(&[
        "validate",
        "--endpoint",
        "lockdown_device",
        "--param",
        "expires=forever",
        "--param",
        "colour=blue",
        "--format",
        "json",
        body,
    ]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let doc = json(&r);
    let params = &doc["parameters"][0];
    assert_eq!(params["source"], "(--param)");
    assert_eq!(params["valid"], false);
    // Not counted as a file: one file, two checks.
    assert_eq!(doc["summary"]["files"], 1);
    assert_eq!(doc["summary"]["checks"], 2);
    let rules: Vec<(&str, &str)> = params["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap(), d["pointer"].as_str().unwrap()))
        .collect();
    assert!(rules.contains(&("unknown_field", "/colour")), "{rules:?}");
    assert!(rules.iter().any(|(_, p)| *p == "/expires"), "{rules:?}");
    assert_eq!(doc["files"][0]["valid"], true);
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("response.json");
    std::fs::write(
        &file,
        r#"{"id": "45E07F34E76B4A9EB167D6D0C510D6BA", "hostname": "WS-0042", "added_later": 1}"#,
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let r = run(&[
        "validate",
        "--endpoint",
        "lockdown_device",
        "--response",
        path,
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("warning["), "{}", r.stdout);
    let r = run(&[
        "validate",
        "--endpoint",
        "lockdown_device",
        "--response",
        "--deny-warnings",
        path,
    ]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let r = run(&[
        "validate",
        "--endpoint",
        "lockdown_device",
        "--response",
        "--deny-warnings",
        "--format",
        "json",
        path,
    ]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let doc = json(&r);
    assert_eq!(doc["files"][0]["valid"], false);
    assert_eq!(doc["summary"]["invalid"], 1);
    assert_eq!(doc["summary"]["errors"], 0);
    assert_eq!(doc["summary"]["warnings"], 1);
}

#[test]
fn schema_prints_the_published_schema() {
    let r = run(&["schema", "create_job"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = json(&r);
    assert_eq!(
        doc["$id"],
        "https://vendorspec.github.io/vendorspec/schemas/v0.1/create_job.request.schema.json"
    );
    let r = run(&["schema", "delete_package_execution", "--response"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        json(&r)["$id"],
        "https://vendorspec.github.io/vendorspec/schemas/v0.1/delete_package_execution.response.schema.json"
    );
}

/// Writes each line's payload to `dir/NNN.json` and validates the folder as JSON.
fn validate_lines(endpoint: &str, payloads: &[String]) -> (i32, BTreeMap<String, Value>) {
    let dir = tempfile::tempdir().unwrap();
    for (i, p) in payloads.iter().enumerate() {
        std::fs::write(dir.path().join(format!("{i:03}.json")), p).unwrap();
    }
    let r = run(&[
        "validate",
        "--endpoint",
        endpoint,
        "--format",
        "json",
        dir.path().to_str().unwrap(),
    ]);
    let doc = json(&r);
    let files = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let name = f["path"].as_str().unwrap().rsplit('/').next().unwrap();
            (name.trim_end_matches(".json").to_string(), f.clone())
        })
        .collect();
    (r.code, files)
}

#[test]
fn samples_validate() {
    for endpoint in REQUEST_ENDPOINTS {
        let r = run(&["sample", endpoint, "--count", "100"]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let lines: Vec<String> = r.stdout.lines().map(str::to_string).collect();
        assert_eq!(lines.len(), 100);
        for line in &lines {
            serde_json::from_str::<Value>(line).expect("each line is JSON");
        }
        let (code, files) = validate_lines(endpoint, &lines);
        assert_eq!(code, 0, "{endpoint}: {files:?}");
        assert_eq!(files.len(), 100);
    }
}

#[test]
fn invalid_samples_fail_with_the_printed_rule_and_pointer() {
    for endpoint in REQUEST_ENDPOINTS {
        let r = run(&[
            "sample",
            endpoint,
            "--invalid",
            "--count",
            "100",
            "--seed",
            "3",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let mut payloads = Vec::new();
        let mut expected = Vec::new();
        for line in r.stdout.lines() {
            let (head, tail) = line.rsplit_once(",\"expect\":").expect("an expect member");
            let payload = head
                .strip_prefix("{\"payload\":")
                .expect("a payload member");
            let expect: Value =
                serde_json::from_str(tail.strip_suffix('}').unwrap()).expect("expect is JSON");
            payloads.push(payload.to_string());
            expected.push(expect);
        }
        assert_eq!(payloads.len(), 100);
        let (code, files) = validate_lines(endpoint, &payloads);
        assert_eq!(code, 1);
        for (i, expect) in expected.iter().enumerate() {
            let file = &files[&format!("{i:03}")];
            let errors: Vec<&Value> = file["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["severity"] == "error")
                .collect();
            assert_eq!(errors.len(), 1, "{endpoint} {i}: {} → {file}", payloads[i]);
            assert_eq!(
                errors[0]["rule"], expect["rule"],
                "{endpoint} {i}: {}",
                payloads[i]
            );
            assert_eq!(
                errors[0]["pointer"], expect["pointer"],
                "{endpoint} {i}: {}",
                payloads[i]
            );
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_output() {
    for extra in [&[][..], &["--invalid"]] {
        let args = |seed: &'static str| {
            let mut a = vec!["sample", "create_job", "--count", "5", "--seed", seed];
            a.extend_from_slice(extra);
            a
        };
        let a = run(&args("11"));
        let b = run(&args("11"));
        let c = run(&args("12"));
        assert_eq!(a.code, 0);
        assert_eq!(a.stdout, b.stdout);
        assert_ne!(a.stdout, c.stdout);
    }
    // The default seed is 0 and the default count 10.
    let default = run(&["sample", "lockdown_device"]);
    let explicit = run(&["sample", "lockdown_device", "--seed", "0", "--count", "10"]);
    assert_eq!(default.stdout, explicit.stdout);
    assert_eq!(default.stdout.lines().count(), 10);
}

#[test]
fn help_texts_have_examples() {
    for args in [
        &["--help"][..],
        &["endpoints", "--help"],
        &["validate", "--help"],
        &["schema", "--help"],
        &["sample", "--help"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 0, "{args:?}");
        assert!(r.stdout.contains("vendorspec "), "{args:?}: {}", r.stdout);
        assert!(r.stdout.contains("Example"), "{args:?}: {}", r.stdout);
    }
}

#[test]
fn globs_select_files() {
    let r = run(&[
        "validate",
        "--endpoint",
        "create_job",
        "--format",
        "json",
        "examples/payloads/*/*-typos.json",
    ]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    let doc = json(&r);
    assert_eq!(
        doc["files"][0]["path"],
        "examples/payloads/create_job/install-with-typos.json"
    );
    assert_eq!(doc["summary"]["files"], 1);
    let r = run(&[
        "validate",
        "--endpoint",
        "create_job",
        "examples/payloads/create_job/s*.json",
        "examples/nothing-here/*.json",
    ]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("error: examples/nothing-here/*.json: no file matches"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .ends_with("1 file: 1 valid, 0 invalid, 1 unreadable; 0 errors, 0 warnings\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn response_samples_validate_as_responses() {
    for endpoint in [
        "create_package_execution",
        "delete_package_execution",
        "lockdown_device",
    ] {
        let r = run(&[
            "sample",
            endpoint,
            "--response",
            "--count",
            "100",
            "--seed",
            "9",
        ]);
        assert_eq!(r.code, 0, "{endpoint}: {}", r.stderr);
        let dir = tempfile::tempdir().unwrap();
        for (i, line) in r.stdout.lines().enumerate() {
            std::fs::write(dir.path().join(format!("{i}.json")), line).unwrap();
        }
        let v = run(&[
            "validate",
            "--endpoint",
            endpoint,
            "--response",
            "--format",
            "json",
            dir.path().to_str().unwrap(),
        ]);
        assert_eq!(v.code, 0, "{endpoint}: {}", v.stdout);
        assert_eq!(json(&v)["summary"]["files"], 100);
        assert_eq!(json(&v)["files"][0]["kind"], "response");
    }
}
