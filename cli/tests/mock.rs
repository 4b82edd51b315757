//! `vendorspec mock` as a started server process, with real clients: Python `requests`
//! (cli/tests/mock/client.py, from the venv `.ci/test` builds) and curl. Every `sample`
//! request gets a documented status and a body the endpoint's response validator accepts
//! (`validate --response` reads it the same way); every `sample --invalid` request gets
//! 400 holding the expected rule and pointer; credentials, 404, 405 and state as the
//! contract says; the server stops cleanly on SIGTERM, and the HAR it recorded is read by
//! `vendorspec traffic` with the same verdicts and without a secret.
//!
//! Without the venv or curl the test says what it skipped, except in CI (`CI` set), where
//! a missing client is a failure.
// A skipped client is said on stderr; the test prints no payload.
#![allow(clippy::disallowed_macros)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{root, run};
use serde_json::{Value, json};
use vendorspec::runtime::endpoint::{BodyKind, EndpointDesc};
use vendorspec::runtime::strategy::Day;
use vendorspec_mock::calls;

/// The server's bound on request bodies.
const MAX_BODY: usize = 256 * 1024;

/// A token signature that must never appear in the recording.
const SIGNATURE: &str = "signature-never-recorded";

/// A password that must never appear in the recording.
const IVANTI_PASSWORD: &str = "pw-never-recorded-7731";

/// A started `vendorspec mock`; killed if the test fails before it stops it.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(record: &Path) -> Server {
        Server::start_with(&[
            "--seed".as_ref(),
            "5".as_ref(),
            "--max-body-bytes".as_ref(),
            MAX_BODY.to_string().as_ref(),
            "--record".as_ref(),
            record.as_os_str(),
        ])
    }

    fn start_with(args: &[&std::ffi::OsStr]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_vendorspec"))
            .args(["mock", "--port", "0"])
            .args(args)
            .env("SOURCE_DATE_EPOCH", "1780000000")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("vendorspec mock starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the first line");
        let base = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("not an address line: {line:?}"))
            .to_string();
        Server { child, base }
    }

    /// `signal` (`TERM`, `INT`), then the exit status within ten seconds, and the log on
    /// stderr.
    fn stop(mut self, signal: &str) -> (i32, String) {
        let pid = self.child.id().to_string();
        let killed = Command::new("kill")
            .args([&format!("-{signal}"), &pid])
            .status();
        assert!(killed.is_ok_and(|s| s.success()), "kill -{signal} {pid}");
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not stop on SIGTERM"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        let mut log = String::new();
        if let Some(mut err) = self.child.stderr.take() {
            use std::io::Read;
            let _ = err.read_to_string(&mut log);
        }
        (status.code().unwrap_or(-1), log)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A client's path when it is installed; else a note (outside CI) or a failure (in CI).
fn client(name: &str, path: PathBuf) -> Option<PathBuf> {
    if path.exists() {
        return Some(path);
    }
    let why = format!(
        "{name} skipped: {} is missing (run `bash .ci/test`)",
        path.display()
    );
    assert!(std::env::var_os("CI").is_none(), "{why}");
    eprintln!("mock real clients: {why}");
    None
}

fn cylance_token(scopes: &str, lifetime: i64) -> String {
    let claims = json!({"iat": 1_780_000_000, "exp": 1_780_000_000 + lifetime, "scp": scopes, "sub": "7d1c1f9e-6a3b-4b8e-9a0d-2f4e5c6b7a8d"});
    vendorspec_mock::token::jwt(&claims, SIGNATURE.as_bytes())
}

/// The request target of `e` with realistic parameters.
fn target(e: &'static EndpointDesc) -> String {
    let params = calls::realistic_params(e, 3, Day::new(2026, 6, 1).unwrap());
    calls::target(e, &params).unwrap()
}

fn token_name(e: &EndpointDesc) -> &'static str {
    match e.api.id {
        "ivanti_es_v2" => "ivanti",
        "cylance_protect_v2" => "cylance",
        _ => "admin",
    }
}

/// `vendorspec sample` lines.
fn sample(args: &[&str]) -> Vec<String> {
    let r = run(args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout.lines().map(str::to_string).collect()
}

/// The cases: sample requests (expected 2xx) and one-violation samples (expected 400 with
/// their rule and pointer).
fn cases() -> (Vec<Value>, Vec<(String, Value)>) {
    let mut cases = Vec::new();
    let mut expected = Vec::new();
    for e in vendorspec::ENDPOINTS {
        let path = target(e);
        let bodies = if e.request.is_some() {
            sample(&["sample", e.id, "--wire", "--count", "4", "--seed", "9"])
        } else {
            vec![String::new()]
        };
        for (i, body) in bodies.into_iter().enumerate() {
            let name = format!("{}/valid/{i}", e.id);
            cases.push(json!({"name": name, "method": e.method, "path": path, "token": token_name(e), "body": (!body.is_empty()).then_some(body)}));
            expected.push((name, json!({"valid": e.id})));
        }
        if e.request.is_none() {
            continue;
        }
        for (i, line) in sample(&[
            "sample",
            e.id,
            "--invalid",
            "--wire",
            "--count",
            "6",
            "--seed",
            "9",
        ])
        .into_iter()
        .enumerate()
        {
            let case: Value = serde_json::from_str(&line).unwrap();
            // The payload as printed, which may repeat a member (a parsed value would keep
            // one of the two).
            let body = line
                .strip_prefix("{\"payload\":")
                .and_then(|rest| rest.rsplit_once(",\"expect\":"))
                .map(|(raw, _)| raw.to_string())
                .expect("{payload, expect}");
            let name = format!("{}/invalid/{i}", e.id);
            cases.push(json!({"name": name, "method": e.method, "path": path, "token": token_name(e), "body": body}));
            expected.push((name, case["expect"].clone()));
        }
    }
    (cases, expected)
}

fn json_body(answer: &Value) -> Value {
    serde_json::from_str(answer["body"].as_str().unwrap_or(""))
        .unwrap_or_else(|e| panic!("{e}: {answer}"))
}

/// The answer is the endpoint's documented success, and its body passes the endpoint's
/// response validator (what `vendorspec validate --response --status N` runs).
fn assert_documented(e: &EndpointDesc, answer: &Value) {
    let status = u16::try_from(answer["status"].as_u64().unwrap()).unwrap();
    let documented = e
        .response(Some(status))
        .unwrap_or_else(|| panic!("{}: status {status} is not documented: {answer}", e.id));
    let body = answer["body"].as_str().unwrap();
    if documented.body.is_none() {
        assert!(body.is_empty(), "{}: {answer}", e.id);
        return;
    }
    let report = e
        .validate(BodyKind::Response(Some(status)), body.as_bytes())
        .unwrap();
    assert!(
        !report.has_errors(),
        "{}: {:?} {body}",
        e.id,
        report.into_sorted()
    );
}

#[test]
fn real_clients_against_a_started_server() {
    let Some(python) = client("python requests", root().join(".ci/venv/bin/python")) else {
        return;
    };
    let Some(curl) = client("curl", PathBuf::from("/usr/bin/curl")) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let har = dir.path().join("session.har");
    let server = Server::start(&har);
    let base = server.base.clone();

    // Python requests: the cases and the flows.
    let (cases, expected) = cases();
    let execution = sample(&[
        "sample",
        "create_package_execution",
        "--count",
        "1",
        "--seed",
        "2",
    ])
    .remove(0);
    let ivanti_job = sample(&[
        "sample",
        "create_job",
        "--wire",
        "--count",
        "1",
        "--seed",
        "2",
    ])
    .remove(0);
    let spec = json!({
        "tokens": {
            "cylance": cylance_token("opticspkgdeploy:create,opticspkgdeploy:delete,opticscommand:create", 1800),
            "cylance_wrong_scope": cylance_token("opticspkgdeploy:create", 1800),
            "cylance_long": cylance_token("opticscommand:create", 7200),
            "admin": "an-admin-token",
        },
        "ivanti_password": IVANTI_PASSWORD,
        "cases": cases,
        "create_execution": execution,
        "ivanti_job": ivanti_job,
    });
    let cases_path = dir.path().join("cases.json");
    let out_path = dir.path().join("answers.json");
    std::fs::write(&cases_path, spec.to_string()).unwrap();
    let status = Command::new(&python)
        .arg(root().join("cli/tests/mock/client.py"))
        .args([
            &base,
            cases_path.to_str().unwrap(),
            out_path.to_str().unwrap(),
        ])
        .status()
        .expect("python runs");
    assert!(status.success(), "client.py failed");
    let answers: Value =
        serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();

    let mut valid = 0;
    let mut invalid = 0;
    for ((name, expect), answer) in expected.iter().zip(answers["cases"].as_array().unwrap()) {
        assert_eq!(answer["name"], name.as_str());
        let id = name.split('/').next().unwrap();
        let e = vendorspec::endpoint(id).unwrap();
        if expect.get("valid").is_some() {
            if id == "delete_package_execution" {
                // A sampled id was never created here: the server does not know it.
                assert_eq!(answer["status"], 404, "{answer}");
            } else {
                assert_documented(e, answer);
            }
            valid += 1;
        } else {
            assert_eq!(answer["status"], 400, "{name}: {answer}");
            assert!(
                answer["headers"]["content-type"]
                    .as_str()
                    .is_some_and(|t| t.starts_with("application/problem+json")),
                "{answer}"
            );
            let errors = json_body(answer)["errors"].clone();
            assert!(
                errors
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f["rule"] == expect["rule"] && f["pointer"] == expect["pointer"]),
                "{name}: expected {expect}, got {errors}"
            );
            invalid += 1;
        }
    }
    assert!(
        valid >= 20 && invalid >= 20,
        "{valid} valid, {invalid} invalid cases"
    );

    let flows = &answers["flows"];
    let endpoint = |id| vendorspec::endpoint(id).unwrap();
    assert_eq!(flows["ivanti_login"]["status"], 200);
    assert_documented(endpoint("create_package_execution"), &flows["create"]);
    assert_documented(endpoint("delete_package_execution"), &flows["delete"]);
    assert_eq!(json_body(&flows["delete"]), json_body(&flows["create"]));
    assert_eq!(flows["delete_again"]["status"], 404);
    for step in ["lockdown_1", "lockdown_2"] {
        assert_documented(endpoint("lockdown_device"), &flows[step]);
    }
    let second = json_body(&flows["lockdown_2"]);
    assert_eq!(second["lockdown_history"].as_array().unwrap().len(), 2);
    assert_eq!(second["password"].as_str().unwrap().len(), 12);
    assert_eq!(flows["no_token"]["status"], 401);
    assert_eq!(flows["wrong_scope"]["status"], 403);
    assert_eq!(
        json_body(&flows["wrong_scope"])["errors"][0]["rule"],
        "scope"
    );
    assert_eq!(flows["long_token"]["status"], 403);
    assert_eq!(
        json_body(&flows["long_token"])["errors"][0]["rule"],
        "token_lifetime"
    );
    assert_eq!(flows["ivanti_without_login"]["status"], 401);
    assert_eq!(flows["ivanti_job"]["status"], 200);
    assert_eq!(flows["wrong_method"]["status"], 405);
    assert_eq!(flows["wrong_method"]["headers"]["allow"], "PUT");
    assert_eq!(flows["unknown_path"]["status"], 404);
    // 128 lockdowns from 32 concurrent clients, then one more: all in the history.
    assert_eq!(flows["concurrent_statuses"], json!([200]));
    let last = json_body(&flows["after_concurrent"]);
    assert_eq!(
        last["lockdown_history"].as_array().unwrap().len(),
        2 + 128 + 1
    );
    let python_exchanges = answers["cases"].as_array().unwrap().len() + 14 + 128;

    // The example integration, as a user runs it against the mock.
    let example = Command::new(&python)
        .arg(root().join("examples/integration/provision.py"))
        .env("VENDORSPEC_MOCK", &base)
        .env("IVANTI_PASSWORD", IVANTI_PASSWORD)
        .output()
        .expect("the example runs");
    let printed = String::from_utf8_lossy(&example.stdout);
    assert!(
        example.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&example.stderr)
    );
    assert_eq!(
        printed.lines().filter(|l| l.ends_with(": 200")).count(),
        5,
        "{printed}"
    );

    // curl: the lockdown PUT with no body, a 405 with Allow, an unknown path, a 401.
    let cylance = cylance_token("opticscommand:create", 600);
    let curl_status = |args: &[&str]| -> (u16, String) {
        let out = Command::new(&curl)
            .args(["-s", "-i"])
            .args(args)
            .output()
            .expect("curl runs");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let status = text
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, text)
    };
    let lockdown = format!(
        "{base}/devicecommands/v2/45E07F34E76B4A9EB167D6D0C510D6BA/lockdown?value=true&expires=0:00:05"
    );
    let auth = format!("Authorization: Bearer {cylance}");
    let (status, text) = curl_status(&["-X", "PUT", &lockdown, "-H", &auth]);
    assert_eq!(status, 200, "{text}");
    let (status, text) = curl_status(&["-X", "GET", &lockdown, "-H", &auth]);
    assert_eq!(status, 405, "{text}");
    assert!(text.to_ascii_lowercase().contains("\nallow: put"), "{text}");
    let (status, _) = curl_status(&[&format!("{base}/nothing/here")]);
    assert_eq!(status, 404);
    let (status, text) = curl_status(&["-X", "PUT", &lockdown]);
    assert_eq!(status, 401, "{text}");
    let job_file = dir.path().join("job.json");
    std::fs::write(&job_file, &ivanti_job).unwrap();
    let post_job = |file: &Path| {
        curl_status(&[
            "-X",
            "POST",
            &format!("{base}/api/v2/Jobs"),
            "-H",
            "Content-Type: application/json",
            "--data-binary",
            &format!("@{}", file.display()),
        ])
    };
    let (status, _) = post_job(&job_file);
    assert_eq!(status, 401, "an Ivanti call without the login's token");
    // A body over --max-body-bytes is refused before it is read whole.
    let big = dir.path().join("big.json");
    std::fs::write(
        &big,
        format!("{{\"value\": \"{}\"}}", "x".repeat(MAX_BODY + 1)),
    )
    .unwrap();
    let (status, text) = post_job(&big);
    assert_eq!(status, 413, "{text}");
    let curl_exchanges = 6;

    // SIGTERM: a clean stop, one log line per exchange, no secret in the log.
    let (code, log) = server.stop("TERM");
    assert_eq!(code, 0, "{log}");
    let exchanges = python_exchanges + 5 + curl_exchanges;
    assert_eq!(log.lines().count(), exchanges, "{log}");
    assert!(!log.contains(IVANTI_PASSWORD));

    // The recording: valid HAR for `traffic`, the same verdicts, no secret.
    let recorded = std::fs::read_to_string(&har).unwrap();
    assert!(
        !recorded.contains(IVANTI_PASSWORD),
        "the password was recorded"
    );
    use base64::Engine;
    let signature = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(SIGNATURE);
    assert!(
        !recorded.contains(&signature),
        "a token signature was recorded"
    );
    let doc: Value = serde_json::from_str(&recorded).expect("the HAR is JSON");
    let entries = doc["log"]["entries"].as_array().unwrap();
    assert_eq!(entries.len(), exchanges);
    let r = run(&[
        "traffic",
        "--format",
        "json",
        "--base-url",
        &base,
        har.to_str().unwrap(),
    ]);
    assert!(r.code <= 1, "{}", r.stderr);
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    for (x, entry) in report["exchanges"].as_array().unwrap().iter().zip(entries) {
        let status = entry["response"]["status"].as_u64().unwrap();
        let url = entry["request"]["url"].as_str().unwrap();
        let rules: Vec<&str> = x["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
            .map(|d| d["rule"].as_str().unwrap())
            .collect();
        match status {
            // What the mock accepted, traffic accepts.
            200..=299 if !url.contains("/Authentication/Login") => {
                assert!(rules.is_empty(), "{url}: {status} but traffic says {x}")
            }
            // What it refused (but for an unknown id), traffic finds wrong too.
            400 | 401 | 403 | 405 | 415 => assert!(
                !rules.is_empty(),
                "{url}: {status} but traffic finds nothing"
            ),
            _ => {}
        }
    }
}

#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let server = Server::start_with(&[]);
    let address = server.base.trim_start_matches("http://").to_string();
    // A request answered, then Ctrl-C (SIGINT): exit status 0, one log line.
    let mut stream = std::net::TcpStream::connect(&address).expect("connects");
    use std::io::{Read, Write};
    write!(
        stream,
        "GET /nothing HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 404"), "{answer}");
    let (code, log) = server.stop("INT");
    assert_eq!(code, 0, "{log}");
    assert_eq!(log.lines().count(), 1, "{log}");
}
