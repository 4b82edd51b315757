//! `vendorspec traffic` end to end: the hand-written captures of traffic/tests/fixtures/
//! (each a fact from real clients) in every format with their exit statuses, the JSON
//! document's contract, and captures built from `vendorspec sample` payloads, which must be
//! valid exchange by exchange.

mod common;

use std::fs;

use common::{json, root, run};
use serde_json::{Value, json};

const FIXTURES: &str = "traffic/tests/fixtures";

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

#[test]
fn the_json_document_is_the_contract() {
    let r = run(&["traffic", "--format", "json", &fixture("parts.har")]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let doc = json(&r);
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&doc), ["exchanges", "summary"]);
    assert_eq!(
        doc["summary"],
        json!({"exchanges": 3, "matched": 3, "unmatched": 0, "valid": 0, "invalid": 3, "errors": 11, "warnings": 0})
    );
    let x = &doc["exchanges"][0];
    assert_eq!(
        keys(x),
        [
            "diagnostics",
            "endpoint",
            "file",
            "index",
            "method",
            "status",
            "url",
            "valid"
        ]
    );
    assert_eq!(x["index"], 0);
    assert_eq!(x["endpoint"], "lockdown_device");
    assert_eq!(x["status"], 404);
    assert_eq!(x["valid"], false);
    let d = &x["diagnostics"][0];
    for key in [
        "severity", "rule", "part", "pointer", "line", "column", "message",
    ] {
        assert!(d.get(key).is_some(), "{key} in {d}");
    }
    assert_eq!(
        (&d["rule"], &d["part"], &d["line"], &d["column"]),
        (
            &json!("url_encoding"),
            &json!("path"),
            &json!(14),
            &json!(68)
        )
    );
    let parts: Vec<&str> = doc["exchanges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|x| x["diagnostics"].as_array().unwrap())
        .map(|d| d["part"].as_str().unwrap())
        .collect();
    for part in [
        "path",
        "query",
        "header",
        "response_status",
        "response_body",
    ] {
        assert!(parts.contains(&part), "{part} in {parts:?}");
    }
}

#[test]
fn the_get_lockdown_fails_and_names_put_in_every_format() {
    for format in ["human", "json", "github", "sarif", "junit"] {
        let r = run(&["traffic", "--format", format, &fixture("lockdown_get.har")]);
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        assert!(
            r.stdout.contains("`lockdown_device` is `PUT`"),
            "{format}:\n{}",
            r.stdout
        );
        if format != "json" && format != "junit" {
            assert!(
                r.stdout.contains("13:22")
                    || r.stdout.contains("line=13,col=22")
                    || r.stdout.contains("\"startLine\": 13"),
                "{format}:\n{}",
                r.stdout
            );
        }
    }
    let r = run(&[
        "traffic",
        "--format",
        "github",
        &fixture("lockdown_get.har"),
    ]);
    assert!(
        r.stdout.starts_with(&format!("::error file={FIXTURES}/lockdown_get.har,line=13,col=22,title=vendorspec method (method)::")),
        "{}",
        r.stdout
    );
    let r = run(&["traffic", &fixture("lockdown_put.har")]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn the_facts_from_real_clients() {
    let r = run(&[
        "traffic",
        "--format",
        "json",
        &fixture("token_two_hours.har"),
        &fixture("scope.har"),
        &fixture("ivanti_envelope.har"),
        &fixture("tenant_pascal.har"),
        &fixture("create_202.har"),
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let doc = json(&r);
    let by_file = |name: &str| -> Vec<&Value> {
        doc["exchanges"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["file"].as_str().unwrap().ends_with(name))
            .collect()
    };
    let rules = |x: &Value| -> Vec<String> {
        x["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{}@{}:{}",
                    d["rule"].as_str().unwrap(),
                    d["line"],
                    d["column"]
                )
            })
            .collect()
    };
    assert_eq!(
        rules(by_file("token_two_hours.har")[0]),
        ["token_lifetime@20:25"]
    );
    let scope = by_file("scope.har");
    assert_eq!(rules(scope[0]), ["scope@20:25"]);
    assert_eq!(rules(scope[1]), ["scope@65:25"]);
    assert_eq!(
        rules(by_file("ivanti_envelope.har")[0]),
        ["required@32:36", "format@32:171"]
    );
    let tenant = by_file("tenant_pascal.har")[0];
    assert_eq!(
        (tenant["valid"].clone(), rules(tenant)),
        (json!(true), vec![])
    );
    let created = by_file("create_202.har")[0];
    assert_eq!(created["status"], 202);
    assert_eq!(created["valid"], true);
}

#[test]
fn unmatched_is_a_warning_that_deny_warnings_makes_fatal() {
    let r = run(&["traffic", &fixture("unmatched.har")]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("warning[unmatched]"), "{}", r.stdout);
    let r = run(&[
        "traffic",
        "--deny-warnings",
        "--format",
        "json",
        &fixture("unmatched.har"),
    ]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let doc = json(&r);
    assert_eq!(doc["summary"]["unmatched"], 1);
    assert_eq!(doc["exchanges"][0]["endpoint"], Value::Null);
    assert_eq!(doc["exchanges"][0]["valid"], false);
}

#[test]
fn usage_errors_and_unreadable_captures_exit_2() {
    let r = run(&[
        "traffic",
        "--base-url",
        "nope=http://x",
        &fixture("unmatched.har"),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no API `nope`"), "{}", r.stderr);
    let r = run(&[
        "traffic",
        "--base-url",
        "no-equals",
        &fixture("unmatched.har"),
    ]);
    assert_eq!(r.code, 2);
    let r = run(&["traffic", "no/such.har"]);
    assert_eq!(r.code, 2);
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.har");
    fs::write(
        &broken,
        "{\"log\": {\"entries\": [{\"request\": {\"method\": \"GET\"}}]}}",
    )
    .unwrap();
    let r = run(&["traffic", "--format", "json", broken.to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no `request.url`"), "{}", r.stderr);
    // A folder is walked for *.har.
    let r = run(&["traffic", "--format", "json", FIXTURES]);
    assert_eq!(r.code, 1);
    assert_eq!(json(&r)["summary"]["exchanges"], 12);
}

/// A bearer token granting every scope for 30 minutes, from a fixture.
fn token() -> String {
    let text = fs::read_to_string(root().join(fixture("lockdown_put.har"))).unwrap();
    let har: Value = serde_json::from_str(&text).unwrap();
    har["log"]["entries"][0]["request"]["headers"][0]["value"]
        .as_str()
        .unwrap()
        .to_string()
}

fn samples(args: &[&str]) -> Vec<String> {
    let mut all = vec!["sample"];
    all.extend(args);
    all.extend(["--count", "3", "--seed", "11"]);
    let r = run(&all);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout.lines().map(str::to_string).collect()
}

#[test]
fn captures_of_sample_payloads_are_valid() {
    const P: &str = "https://protectapi.cylance.com";
    const IES: &str = "http://ies.example.com:8080";
    // Endpoint, method, URL, response status, whether the response has a body.
    let calls = [
        (
            "provision_tenant",
            "POST",
            "https://api-admin.cylance.com/public/v2/us/tenants/provision".to_string(),
            200,
            false,
        ),
        (
            "create_package_execution",
            "POST",
            format!("{P}/packages/v2/executions"),
            202,
            true,
        ),
        (
            "delete_package_execution",
            "DELETE",
            format!("{P}/packages/v2/executions/abebf88c-f283-4edc-834b-aa8ad3bc682c"),
            200,
            true,
        ),
        (
            "lockdown_device",
            "PUT",
            format!(
                "{P}/devicecommands/v2/45E07F34E76B4A9EB167D6D0C510D6BA/lockdown?value=true&expires=0%3A00%3A05"
            ),
            201,
            true,
        ),
        (
            "create_job",
            "POST",
            format!("{IES}/api/v2/Jobs"),
            200,
            false,
        ),
        (
            "create_deployment_group",
            "POST",
            format!("{IES}/api/v2/DeploymentGroups"),
            200,
            false,
        ),
    ];
    let token = token();
    let mut entries = Vec::new();
    for (id, method, url, status, response_body) in &calls {
        let requests = if *method == "DELETE" {
            vec![String::new(); 3]
        } else {
            samples(&[id, "--wire"])
        };
        let responses = if *response_body {
            samples(&[id, "--status", &status.to_string()])
        } else {
            vec![String::new(); 3]
        };
        for (request, response) in requests.iter().zip(&responses) {
            let mut req = json!({
                "method": method, "url": url, "httpVersion": "HTTP/1.1",
                "headers": [{"name": "Authorization", "value": token}],
                "queryString": [], "cookies": [], "headersSize": -1, "bodySize": request.len(),
            });
            if !request.is_empty() {
                req["headers"]
                    .as_array_mut()
                    .unwrap()
                    .push(json!({"name": "Content-Type", "value": "application/json"}));
                req["postData"] = json!({"mimeType": "application/json", "text": request});
            }
            let mut content = json!({"size": response.len(), "mimeType": "application/json"});
            if *response_body {
                content["text"] = json!(response);
            }
            entries.push(json!({
                "startedDateTime": "2026-12-05T08:00:00.000Z", "time": 1,
                "request": req,
                "response": {"status": status, "statusText": "", "httpVersion": "HTTP/1.1",
                    "headers": [], "cookies": [], "content": content, "redirectURL": "",
                    "headersSize": -1, "bodySize": -1},
                "cache": {}, "timings": {"send": 0, "wait": 1, "receive": 0},
            }));
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samples.har");
    // Compact (one line) and pretty: positions and reading do not depend on the layout.
    let har = json!({"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": entries}});
    for text in [har.to_string(), serde_json::to_string_pretty(&har).unwrap()] {
        fs::write(&path, text).unwrap();
        let r = run(&["traffic", "--format", "json", path.to_str().unwrap()]);
        let doc = json(&r);
        assert_eq!(r.code, 0, "{}", serde_json::to_string_pretty(&doc).unwrap());
        assert_eq!(doc["summary"]["exchanges"], 18);
        assert_eq!(doc["summary"]["matched"], 18);
        assert_eq!(doc["summary"]["valid"], 18);
    }
}

#[test]
fn sarif_is_a_valid_log_and_junit_is_xml_with_a_case_per_exchange() {
    let r = run(&["traffic", "--format", "sarif", FIXTURES]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let log = json(&r);
    if let Some(validator) = common::sarif_validator() {
        let errors: Vec<String> = validator
            .iter_errors(&log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "not SARIF 2.1.0: {errors:#?}");
    }
    let results = log["runs"][0]["results"].as_array().unwrap();
    let summary = json(&run(&["traffic", "--format", "json", FIXTURES]))["summary"].clone();
    assert_eq!(
        results.len() as u64,
        summary["errors"].as_u64().unwrap() + summary["warnings"].as_u64().unwrap()
    );
    let method = results.iter().find(|r| r["ruleId"] == "method").unwrap();
    assert_eq!(method["properties"]["part"], "method");
    assert_eq!(
        method["locations"][0]["physicalLocation"]["region"],
        json!({"startLine": 13, "startColumn": 22})
    );
    let rules: Vec<&str> = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    for code in [
        "method",
        "status",
        "header",
        "scope",
        "token_lifetime",
        "url_encoding",
        "unmatched",
    ] {
        assert!(rules.contains(&code), "{code} described");
    }

    use quick_xml::Reader;
    use quick_xml::events::Event;
    let r = run(&["traffic", "--format", "junit", FIXTURES]);
    assert_eq!(r.code, 1);
    let mut reader = Reader::from_str(&r.stdout);
    let (mut cases, mut failures) = (0, Vec::new());
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e) | Event::Empty(e)) => match e.name().as_ref() {
                b"testcase" => cases += 1,
                b"failure" => failures.push(
                    e.try_get_attribute("type")
                        .unwrap()
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                        .unwrap(),
                ),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => panic!("not XML: {e}\n{}", r.stdout),
        }
    }
    assert_eq!(cases, 12);
    assert_eq!(failures.len() as u64, summary["invalid"].as_u64().unwrap());
    assert!(failures.contains(&"method".to_string()), "{failures:?}");
}
