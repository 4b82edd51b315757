//! The published OpenAPI 3.1 documents (`generated/openapi/`) pass two independent
//! validators and load in a mock server:
//!
//! - openapi-spec-validator (PyPI) says `OK` for each document;
//! - Redocly CLI `lint` (npm), with the rules of `.ci/redocly.yaml`, finds zero errors and
//!   zero warnings;
//! - Prism (`@stoplight/prism-cli`, npm) serves each document (`prism mock --errors`, one
//!   server per API, started side by side) and answers one request per endpoint, built
//!   from the document alone (the parameters' examples, the server variables' defaults, the
//!   first request example), with a status the document lists for it; the same bodies with
//!   an unknown member are refused with 422 and a call without its bearer token with 401,
//!   so Prism really checks requests against the documents.
//!
//! The tools are installed by `.ci/test` (the venv `.ci/venv`, npm packages in
//! `.ci/node_modules`). Without them the test says which it skipped, except in CI, where a
//! missing tool is a failure.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace holds the tests crate")
}

/// The published documents, by file name.
fn documents() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("generated/openapi"))
        .expect("generated/openapi exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".openapi.json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "one document per API: {files:?}");
    files
}

/// The tool's path when it is installed; otherwise `None` with a note (outside CI) or a
/// failure (in CI, where `.ci/test` must have installed it).
fn tool(name: &str, path: PathBuf, needs_node: bool) -> Option<PathBuf> {
    let node = !needs_node
        || Command::new("node")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
    if node && path.is_file() {
        return Some(path);
    }
    let why = format!(
        "{name}: {} is missing{}",
        path.display(),
        if node { "" } else { " (or `node`)" }
    );
    if std::env::var_os("CI").is_some() {
        panic!("{why}; .ci/test installs it");
    }
    println!(
        "openapi tools: {name} skipped: {why} (run `bash .ci/test`, or install it as .ci/test does)"
    );
    None
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn openapi_spec_validator_accepts_every_document() {
    let Some(validator) = tool(
        "openapi-spec-validator",
        root().join(".ci/venv/bin/openapi-spec-validator"),
        false,
    ) else {
        return;
    };
    let files = documents();
    let output = Command::new(validator)
        .args(&files)
        .output()
        .expect("openapi-spec-validator starts");
    let stdout = text(&output.stdout);
    println!("openapi-spec-validator:\n{stdout}{}", text(&output.stderr));
    assert!(output.status.success(), "openapi-spec-validator failed");
    for file in &files {
        let line = format!("{}: OK", file.display());
        assert!(stdout.contains(&line), "no `{line}` in:\n{stdout}");
    }
}

#[test]
fn redocly_lint_finds_no_error_and_no_warning() {
    let Some(redocly) = tool(
        "Redocly CLI",
        root().join(".ci/node_modules/.bin/redocly"),
        true,
    ) else {
        return;
    };
    let files = documents();
    let output = Command::new(redocly)
        .arg("lint")
        .arg("--config")
        .arg(root().join(".ci/redocly.yaml"))
        .arg("--format=summary")
        .args(&files)
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
        .output()
        .expect("redocly starts");
    let all = format!("{}{}", text(&output.stdout), text(&output.stderr));
    // The summary, without the boxed notices (Node.js deprecation) around it.
    let summary: Vec<&str> = all
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.contains(['║', '╔', '╚']))
        .collect();
    println!("redocly lint:\n{}", summary.join("\n"));
    assert!(output.status.success(), "redocly lint failed:\n{all}");
    assert!(
        all.contains("Your API descriptions are valid"),
        "no verdict in:\n{all}"
    );
    assert!(
        !all.contains("error ") && !all.contains("warning "),
        "redocly reports problems:\n{all}"
    );
    assert!(
        !all.contains("warnings."),
        "redocly reports warnings:\n{all}"
    );
}

/// A free port on the loopback interface (the kernel's pick; freed at once for Prism).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// A Prism mock server, stopped when dropped.
struct Prism {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Prism {
    fn start(prism: &Path, document: &Path, scratch: &Path) -> Prism {
        let port = free_port();
        let name = document.file_name().unwrap().to_string_lossy().into_owned();
        let log = scratch.join(format!("{name}.prism.log"));
        let file = std::fs::File::create(&log).expect("the log file");
        let child = Command::new(prism)
            .args(["mock", "--errors", "--host", "127.0.0.1", "--port"])
            .arg(port.to_string())
            .arg(document)
            .stdin(Stdio::null())
            .stdout(file.try_clone().expect("the log file"))
            .stderr(file)
            .spawn()
            .expect("prism starts");
        let mut server = Prism { child, port, log };
        server.wait_until_listening();
        server
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    fn wait_until_listening(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("prism exited ({status}):\n{}", self.log());
            }
            if self.log().contains("Prism is listening")
                && TcpStream::connect(("127.0.0.1", self.port)).is_ok()
            {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "prism did not listen within 90 s:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Sends one HTTP/1.1 request and returns the status code and the body.
    fn call(&self, method: &str, target: &str, token: bool, body: Option<&str>) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("prism accepts");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("a read timeout");
        let mut request = format!(
            "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept: application/json\r\nConnection: close\r\n",
            self.port
        );
        if token {
            // Prism checks that a bearer token is there, not what it says.
            request.push_str("Authorization: Bearer eyJhbGciOiJub25lIn0.e30.\r\n");
        }
        let body = body.unwrap_or("");
        if !body.is_empty() || method != "GET" {
            request.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        request.push_str("\r\n");
        request.push_str(body);
        stream
            .write_all(request.as_bytes())
            .expect("the request is sent");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).expect("a response");
        let response = text(&response);
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("no status line in {response:?}"));
        let body = response
            .split_once("\r\n\r\n")
            .map_or(String::new(), |(_, b)| b.to_string());
        (status, body)
    }
}

/// A parameter value or server variable as it goes into a URL.
fn url_text(value: &Value) -> String {
    let raw = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    vendorspec::runtime::endpoint::percent_encode(&raw)
}

/// One request of the smoke test.
struct Call {
    id: String,
    method: String,
    target: String,
    body: Option<String>,
    /// The statuses the document lists for the operation.
    statuses: Vec<u16>,
}

/// One request per operation, from the document alone: method, path with the parameters'
/// examples, query string, the first request example.
fn requests(doc: &Value) -> Vec<Call> {
    let mut out = Vec::new();
    for (path, methods) in doc["paths"].as_object().expect("paths") {
        for (method, op) in methods.as_object().expect("operations") {
            let mut target = path.clone();
            let mut query = Vec::new();
            for p in op["parameters"].as_array().into_iter().flatten() {
                let name = p["name"].as_str().expect("a parameter name");
                let value = url_text(&p["example"]);
                match p["in"].as_str() {
                    Some("path") => target = target.replace(&format!("{{{name}}}"), &value),
                    _ => query.push(format!("{name}={value}")),
                }
            }
            if !query.is_empty() {
                target = format!("{target}?{}", query.join("&"));
            }
            let body = op["requestBody"]["content"]["application/json"]["examples"]
                .as_object()
                .and_then(|examples| examples.values().next())
                .map(|example| example["value"].to_string());
            let statuses = op["responses"]
                .as_object()
                .expect("responses")
                .keys()
                .map(|s| s.parse().expect("a status code"))
                .collect();
            out.push(Call {
                id: op["operationId"].as_str().expect("an id").to_string(),
                method: method.to_ascii_uppercase(),
                target,
                body,
                statuses,
            });
        }
    }
    out
}

#[test]
fn prism_serves_every_document_and_answers_every_endpoint() {
    let Some(prism) = tool("Prism", root().join(".ci/node_modules/.bin/prism"), true) else {
        return;
    };
    let started = Instant::now();
    let scratch = Path::new(env!("CARGO_TARGET_TMPDIR")).join("openapi_tools");
    std::fs::create_dir_all(&scratch).expect("a scratch folder");
    let files = documents();
    // One server per API, started side by side: start-up is most of the time.
    let summaries: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> = files
            .iter()
            .map(|file| {
                let (prism, scratch) = (&prism, &scratch);
                scope.spawn(move || smoke(prism, file, scratch))
            })
            .collect();
        runs.into_iter()
            .map(|r| r.join().expect("the smoke thread"))
            .collect()
    });
    println!(
        "prism mock --errors ({:.1} s):\n{}",
        started.elapsed().as_secs_f64(),
        summaries.join("\n")
    );
}

/// Starts Prism on one document, sends one request per endpoint, and says what it got.
fn smoke(prism: &Path, file: &Path, scratch: &Path) -> String {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(file).expect("the document"))
        .expect("a JSON document");
    let server = Prism::start(prism, file, scratch);
    let mut lines = Vec::new();
    let requests = requests(&doc);
    let operations = doc["paths"].as_object().map_or(0, |p| {
        p.values()
            .filter_map(Value::as_object)
            .map(|m| m.len())
            .sum()
    });
    assert_eq!(requests.len(), operations);
    for Call {
        id,
        method,
        target,
        body,
        statuses,
    } in &requests
    {
        let (status, answer) = server.call(method, target, true, body.as_deref());
        assert!(
            statuses.contains(&status),
            "{id}: `{method} {target}` got {status}, documented {statuses:?}:\n{answer}\n{}",
            server.log()
        );
        lines.push(format!(
            "  {id}: {method} {target}{} -> {status}",
            if body.is_some() {
                " (with its first example)"
            } else {
                ""
            }
        ));
    }
    // Each body again with a member no contract knows at its root (beside `value` in the
    // Ivanti envelope): Prism reads the schemas (`$ref`s to components/schemas,
    // `additionalProperties: false`) and refuses it.
    for Call {
        id,
        method,
        target,
        body,
        ..
    } in &requests
    {
        let Some(body) = body else { continue };
        let mut value: Value = serde_json::from_str(body).expect("a JSON example");
        value["vendorspecUnknownMember"] = true.into();
        let (status, answer) = server.call(method, target, true, Some(&value.to_string()));
        assert_eq!(status, 422, "{id} with an unknown member:\n{answer}");
        lines.push(format!("  {id} with an unknown member -> {status}"));
    }
    // The first operation again without its token: Prism checks the security scheme.
    let Call {
        id,
        method,
        target,
        body,
        ..
    } = &requests[0];
    let (status, answer) = server.call(method, target, false, body.as_deref());
    assert_eq!(status, 401, "{id} without a token:\n{answer}");
    lines.push(format!("  {id} without a bearer token -> {status}"));
    format!(
        "{}: {} endpoints answered\n{}",
        file.file_name().unwrap().to_string_lossy(),
        requests.len(),
        lines.join("\n")
    )
}
