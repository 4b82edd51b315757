//! Canary tests: unique secret strings planted where real credentials sit (URL userinfo,
//! passwords, bearer tokens, JWTs) in payloads that parse and payloads that do not, in
//! strict, lenient, enveloped and YAML bodies, in parameters, in a config file and in a
//! spec, then every command and every `--format` is run and no canary may appear in
//! anything the tool prints.
//!
//! Each case also checks that the run reported what it should (the finding next to the
//! canary), so a run that printed nothing could not pass.

mod common;

use std::fs;
use std::path::Path;

use common::{Run, run_in};

/// Every canary planted below. Each is a substring of exactly one planted secret.
const CANARIES: &[&str] = &[
    "CanaryUserA1",
    "CanaryPassA1",
    "CanaryUserB2",
    "CanaryPassB2",
    "CanaryLongKey",
    "CanaryYamlPass",
    "CanaryBrokenPass",
    "CanaryIvantiPw",
    "CanaryEnvelopePass",
    "CanaryLockPw",
    "CanaryBearerTok",
    "Q2FuYXJ5Snd0",
    "CanaryParamPass",
    "CanaryConfigPass",
    "CanaryQuerySig",
    // A member name (unknown, and given twice) holding a URL with a password.
    "CanaryMemberPass",
    // Cookies of the HAR captures of `traffic` (request `Cookie`, response `Set-Cookie`).
    "CanaryCookieVal",
    "CanarySetCookie",
];

const FORMATS: &[&str] = &["human", "json", "github", "sarif", "junit"];

fn assert_no_canary(what: &str, run: &Run) {
    for canary in CANARIES {
        assert!(
            !run.stdout.contains(canary) && !run.stderr.contains(canary),
            "{what}: canary {canary} printed\n--- stdout\n{}\n--- stderr\n{}",
            run.stdout,
            run.stderr
        );
    }
}

/// A folder of payload files with canaries, and a `vendorspec.toml` mapping them.
fn planted() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    let long_key = format!("CanaryLongKey{}", "x".repeat(80));
    // Package executions: a valid https destination, an invalid http one (its value is
    // quoted in the message), a key long enough that a 60-character cut would fall inside
    // it, a YAML payload, and a file that does not parse next to a URL.
    write(
        "pkg/https-valid.json",
        r#"{"execution": {"name": "a", "target": {"devices": ["E378DACB9324453AB8C65A8406952195"]}, "destination": "https://CanaryUserA1:CanaryPassA1@bucket.s3.amazonaws.com/x", "packageExecutions": [{"arguments": [], "package": "61d8944e-d900-4724-87eb-d10078b90a41"}], "unknownMember": 1, "sftp://u:CanaryMemberPass@h": 1, "sftp://u:CanaryMemberPass@h": 2}}"#,
    );
    write(
        "pkg/http-invalid.json",
        "{\"execution\": {\"name\": \"a\", \"target\": {\"devices\": [\"E378DACB9324453AB8C65A8406952195\"]},\n  \"destination\": \"http://CanaryUserB2:CanaryPassB2@bucket.example.com/x?X-Amz-Signature=CanaryQuerySig\",\n  \"packageExecutions\": [{\"arguments\": [], \"package\": \"61d8944e-d900-4724-87eb-d10078b90a41\"}]}}",
    );
    write(
        "pkg/long-key.json",
        &format!(
            r#"{{"execution": {{"name": "a", "target": {{"devices": ["E378DACB9324453AB8C65A8406952195"]}}, "destination": "gopher://AK:{long_key}@bucket.example.com/x", "packageExecutions": [{{"arguments": [], "package": "61d8944e-d900-4724-87eb-d10078b90a41"}}]}}}}"#
        ),
    );
    write(
        "pkg/yaml-invalid.yaml",
        "execution:\n  name: a\n  target: {devices: [E378DACB9324453AB8C65A8406952195]}\n  destination: ftp://user:CanaryYamlPass@host/x\n  packageExecutions: [{arguments: [], package: not-a-uuid}]\n  keepResultsLocally: maybe\n",
    );
    write(
        "pkg/broken.json",
        "{\"execution\": {\"destination\": \"sftp://u:CanaryBrokenPass@h/x\",, }",
    );
    // Ivanti: a secret member in a lenient body with an error beside it, and in an
    // enveloped body that does not parse.
    write(
        "jobs/lenient.json",
        "{Name: 'x', JobType: 2, Credentials: {Username: 'admin', Password: 'CanaryIvantiPw', Domain: 'x'}, DiscoveryTargets: {ComputerNameTarget: []}, Timeout: -1}",
    );
    write(
        "jobs/enveloped.json",
        r#"{"value": "{\"Name\": \"x\", \"JobType\": 2, \"Credentials\": {\"Username\": \"u\", \"Password\": \"ftp://a:CanaryEnvelopePass@h\"}, oops"}"#,
    );
    // Lockdown response: the secret password, a bearer token and a JWT in other members,
    // next to a type error on the same line.
    write(
        "lock/response.json",
        r#"{"id": 5, "password": "CanaryLockPw", "hostname": "Bearer CanaryBearerTok", "optics_device_version": "eyJhbGciOiJub25lIn0.Q2FuYXJ5Snd0.c2ln", "lockdown_initiated": "yesterday"}"#,
    );
    write(
        "vendorspec.toml",
        "[[validate]]\nendpoint = \"create_package_execution\"\npaths = [\"pkg/*\"]\n\n[[validate]]\nendpoint = \"create_job\"\npaths = [\"jobs/*.json\"]\n\n[[validate]]\nendpoint = \"lockdown_device\"\nresponse = true\npaths = [\"lock/*.json\"]\n\n[[validate]]\nendpoint = \"lockdown_device\"\nparams = { device_id = \"ftp://x:CanaryConfigPass@h\" }\npaths = [\"nothing-here/*.json\"]\nallow_empty = true\n",
    );
    dir
}

fn run(dir: &Path, args: &[&str]) -> Run {
    run_in(dir, args)
}

#[test]
fn validate_prints_no_canary_in_any_format() {
    let dir = planted();
    for format in FORMATS {
        let r = run(dir.path(), &["validate", "--format", format]);
        assert_no_canary(&format!("validate --format {format}"), &r);
        assert_eq!(r.code, 1, "{format}: some files are invalid\n{}", r.stderr);
        // The findings next to the canaries are reported, with the masks in place.
        for expected in ["http-invalid", "long-key", "broken", "lenient", "response"] {
            assert!(r.stdout.contains(expected), "{format}: {expected} reported");
        }
        if *format != "junit" {
            assert!(
                r.stdout.contains("***"),
                "{format}: masks shown\n{}",
                r.stdout
            );
        }
    }
}

#[test]
fn the_human_format_masks_code_frames_and_keeps_the_caret_on_the_value() {
    let dir = planted();
    let r = run(
        dir.path(),
        &[
            "validate",
            "--endpoint",
            "create_package_execution",
            "pkg/http-invalid.json",
        ],
    );
    assert_no_canary("human frame", &r);
    assert!(
        r.stdout.contains(r#""http://***:***@bucket.example.com/x?X-Amz-Signature=***" is not an ftp://, sftp://, smb:// or https:// URL"#),
        "{}",
        r.stdout
    );
    // The quoted line is masked and the caret still points at the value's opening quote.
    let lines: Vec<&str> = r.stdout.lines().collect();
    let quoted = lines
        .iter()
        .position(|l| l.contains("\"destination\": \"http://***:***@"))
        .unwrap_or_else(|| panic!("a masked frame\n{}", r.stdout));
    let value_at = lines[quoted].find("\"http").unwrap();
    let caret_at = lines[quoted + 1].find('^').unwrap();
    assert_eq!(caret_at, value_at, "{}", r.stdout);
}

#[test]
fn parameters_and_usage_errors_print_no_canary() {
    let dir = planted();
    for format in FORMATS {
        let r = run(
            dir.path(),
            &[
                "validate",
                "--endpoint",
                "lockdown_device",
                "--param",
                "device_id=sftp://u:CanaryParamPass@h",
                "--param",
                "expires=Bearer CanaryBearerTok",
                "--format",
                format,
            ],
        );
        assert_no_canary(&format!("params --format {format}"), &r);
        assert_eq!(r.code, 1, "{format}\n{}{}", r.stdout, r.stderr);
    }
    // clap's own error quotes the argument it could not read.
    let r = run(
        dir.path(),
        &[
            "validate",
            "--endpoint",
            "lockdown_device",
            "--param",
            "ftp://u:CanaryParamPass@h",
        ],
    );
    assert_no_canary("usage error", &r);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("ftp://***:***@h"), "{}", r.stderr);
}

#[test]
fn schema_and_sample_print_no_example_credential() {
    let dir = planted();
    let r = run(dir.path(), &["schema", "create_package_execution"]);
    assert_eq!(r.code, 0);
    // The spec's own example holds ACCESS_KEY:SECRET_KEY in a bucket URL.
    assert!(
        r.stdout.contains("https://***:***@bucket.s3.amazonaws.com"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("SECRET_KEY"), "{}", r.stdout);
    // Generated destinations carry userinfo about half the time; all of it is masked.
    let r = run(
        dir.path(),
        &["sample", "create_package_execution", "--count", "200"],
    );
    assert_eq!(r.code, 0);
    let userinfo = regex::Regex::new(r#"://([^/"@]*)@"#).unwrap();
    let found: Vec<&str> = userinfo
        .captures_iter(&r.stdout)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    assert!(!found.is_empty(), "some sample has userinfo\n{}", r.stdout);
    for info in found {
        assert!(
            info == "***:***" || info == "***",
            "unmasked userinfo {info:?}"
        );
    }
    let r = run(dir.path(), &["endpoints"]);
    assert_eq!(r.code, 0);
    assert_no_canary("endpoints", &r);
}

#[test]
fn diff_prints_no_canary_in_any_format() {
    let dir = planted();
    let root = common::root();
    let old = dir.path().join("old");
    let new = dir.path().join("new");
    for d in [&old, &new] {
        fs::create_dir_all(d).unwrap();
        for f in fs::read_dir(root.join("spec")).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|x| x == "yaml") {
                fs::copy(&f, d.join(f.file_name().unwrap())).unwrap();
            }
        }
    }
    // A default that now holds a credential: the report shows the old and new default.
    let spec = new.join("cylance_protect_v2.yaml");
    let text = fs::read_to_string(&spec).unwrap();
    let changed = text.replacen(
        "format: result_destination\n        default: \"\"",
        "format: result_destination\n        default: \"sftp://svc:CanaryPassA1@results.example.com/x\"",
        1,
    );
    assert_ne!(changed, text, "the destination default is in the spec");
    fs::write(&spec, changed).unwrap();
    for format in ["human", "json", "markdown", "github"] {
        let r = run(
            dir.path(),
            &[
                "diff",
                old.to_str().unwrap(),
                new.to_str().unwrap(),
                "--format",
                format,
            ],
        );
        assert_no_canary(&format!("diff --format {format}"), &r);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stdout.contains("sftp://***:***@results.example.com"),
            "{format}: {}",
            r.stdout
        );
    }
    // A spec that does not load: its located error quotes the line holding the credential.
    let broken = text.replacen(
        "format: result_destination\n        default: \"\"",
        "format: result_destination\n        default: \"sftp://svc:CanaryPassA1@results example\"",
        1,
    );
    fs::write(&spec, broken).unwrap();
    let r = run(
        dir.path(),
        &["diff", old.to_str().unwrap(), new.to_str().unwrap()],
    );
    assert_no_canary("diff of a broken spec", &r);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("does not load"), "{}", r.stderr);
}

/// `traffic` over the hand-written captures: tokens (JWTs whose signature holds a canary,
/// a `Basic` header), cookies, a password inside an enveloped Ivanti body, URL credentials
/// in a request URL and in a body, a secret query value, a password in a response.
#[test]
fn traffic_prints_no_canary_in_any_format() {
    let captures = common::root().join("traffic/tests/fixtures");
    let text: String = fs::read_dir(&captures)
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    // Every canary of the captures is really in them.
    for canary in [
        "CanaryCookieVal",
        "CanarySetCookie",
        "CanaryIvantiPw",
        "CanaryLockPw",
        "Q2FuYXJ5Snd0",
        "CanaryUserA1",
        "CanaryPassA1",
        "CanaryUserB2",
        "CanaryPassB2",
        "CanaryQuerySig",
    ] {
        assert!(text.contains(canary), "{canary} planted");
    }
    // The tokens themselves, whole, and their payloads.
    let tokens: Vec<&str> = text
        .split("Bearer ")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert!(tokens.len() >= 6);
    for format in FORMATS {
        let r = run(
            &common::root(),
            &["traffic", "--format", format, "traffic/tests/fixtures"],
        );
        assert_no_canary(&format!("traffic --format {format}"), &r);
        for token in &tokens {
            let payload = token.split('.').nth(1).unwrap();
            assert!(
                !r.stdout.contains(payload) && !r.stderr.contains(payload),
                "{format}: a token printed"
            );
        }
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        // What sits next to the canaries is reported.
        for expected in ["scope", "token_lifetime", "unknown_field", "StartTime"] {
            assert!(
                r.stdout.contains(expected),
                "{format}: {expected} reported\n{}",
                r.stdout
            );
        }
        if *format != "junit" {
            assert!(r.stdout.contains("***"), "{format}: masks shown");
        }
    }
}
